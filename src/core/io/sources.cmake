# Sources of the core 'io' area: CSV export and recording, the history database.
target_sources(marginwatch_core PRIVATE
    io/CsvWriter.h
    io/CsvWriter.cpp
    io/SnapshotCsvFormat.h
    io/SnapshotCsvFormat.cpp
    io/SnapshotCsvExporter.h
    io/SnapshotCsvExporter.cpp
    io/SnapshotCsvAppender.h
    io/SnapshotCsvAppender.cpp
    io/CsvRecordingJournal.h
    io/CsvRecordingJournal.cpp
    io/InterruptedSnapshotRepair.h
    io/InterruptedSnapshotRepair.cpp
    io/HistoryStore.h
    io/HistoryStore.cpp)
