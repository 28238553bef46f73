#pragma once

#include "io/CsvRecordingJournal.h"
#include "io/SnapshotCsvFormat.h"
#include "model/AccountSnapshot.h"
#include "util/Expected.h"

#include <QFile>
#include <QString>

#include <array>
#include <memory>

namespace marginwatch {

// Appends snapshots to STEM-totals.csv (one row each), STEM-assets.csv and STEM-positions.csv (the
// snapshot's current rows): the files of --headless --record STEM.
//
// - The header is written once, when a file is new or empty.
// - An existing file whose header differs from the contract is never appended to: mixing two
//   layouts in one file would silently corrupt it for whoever reads it.
// - The three tables hold the same snapshots. Each snapshot goes to the assets file, then the
//   positions file, then the totals file (its commit mark), one write call per file, and the sizes
//   after it go to the STEM.recording journal. A run that dies in between leaves the journal behind;
//   the next open() cuts the unfinished snapshot off again and says so in repairNotice().
// - A failed append cuts the files back to where that snapshot began.
// - Anything that is not a regular file (a pipe, /dev/null) is written to but never read or cut, and
//   then no journal is kept.
class SnapshotCsvAppender
{
public:
    explicit SnapshotCsvAppender(QString stem);
    ~SnapshotCsvAppender();
    SnapshotCsvAppender(const SnapshotCsvAppender&) = delete;
    SnapshotCsvAppender& operator=(const SnapshotCsvAppender&) = delete;

    // Checks existing headers, repairs an interrupted snapshot, creates missing files with their
    // header. On failure nothing has been written and the error names the file and the reason.
    Expected<void> open();
    bool isOpen() const;
    Expected<void> append(const AccountSnapshot& snapshot);
    void close();

    int snapshotsAppended() const { return m_snapshots; }
    // One line when open() had to repair the files, else empty.
    QString repairNotice() const { return m_repairNotice; }

private:
    struct OpenFile
    {
        std::unique_ptr<QFile> file;
        QString path;              // QFile forgets it when opened from a descriptor
        qint64 committedSize = -1; // regular files: the size after the last whole snapshot
    };

    Expected<void> openJournal();
    Expected<void> openTable(std::size_t index, CsvTable table, bool writeHeader);
    CsvFileSizes committedSizes() const;
    bool rollBack();

    QString m_stem;
    std::array<OpenFile, 3> m_files;
    std::unique_ptr<CsvRecordingJournal> m_journal; // null when a file is not a regular file
    bool m_whole = true;                            // every file ends with a complete snapshot
    QByteArray m_buffer;                            // the rows of one table, reused poll after poll
    int m_snapshots = 0;
    QString m_repairNotice;
};

} // namespace marginwatch
