#pragma once

#include "util/Expected.h"

#include <QString>

#include <array>
#include <optional>

namespace marginwatch {

// Sizes of the three files of one CSV recording (totals, assets, positions: CsvTable order).
using CsvFileSizes = std::array<qint64, 3>;

// STEM.recording: exists only while a recording runs. It holds the sizes the three files had after
// the last snapshot that reached all of them, so that the next run can cut off exactly what an
// interrupted write left behind. A text file cannot be read backwards row by row once fields may
// hold quoted newlines (server-supplied names can), so the boundary is remembered, not searched.
//
// The file is locked (flock) while held: a second recording of the same STEM is refused instead of
// "repairing" files that another process is still writing.
class CsvRecordingJournal
{
public:
    explicit CsvRecordingJournal(QString path);
    ~CsvRecordingJournal(); // unlocks, but keeps the file: only release() says the files are whole
    CsvRecordingJournal(const CsvRecordingJournal&) = delete;
    CsvRecordingJournal& operator=(const CsvRecordingJournal&) = delete;

    static QString pathForStem(const QString& stem); // STEM.recording

    // Creates or opens and locks the journal. The value is what a run that did not finish left in
    // it (nullopt when there was no journal, i.e. the last run ended cleanly).
    Expected<std::optional<CsvFileSizes>> acquire();
    // Overwrites the sizes in place (one pwrite of a fixed-length line).
    Expected<void> write(const CsvFileSizes& sizes);
    // Removes the file and unlocks: the files end with a complete snapshot.
    void release();
    // Unlocks and leaves the file for the next run to repair from.
    void abandon();
    bool isHeld() const { return m_fd >= 0; }

    // The fixed-length line, and its strict reader (nullopt for anything else).
    static QByteArray encode(const CsvFileSizes& sizes);
    static std::optional<CsvFileSizes> decode(const QByteArray& line);

private:
    QString m_path;
    int m_fd = -1;
};

} // namespace marginwatch
