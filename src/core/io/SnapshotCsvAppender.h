#pragma once

#include "io/SnapshotCsvFormat.h"
#include "model/AccountSnapshot.h"

#include <QFile>
#include <QString>

#include <array>
#include <memory>
#include <optional>

namespace marginwatch {

// Appends every snapshot to STEM-totals.csv (one row) and its current asset and position rows to
// STEM-assets.csv / STEM-positions.csv: the files of --headless --record STEM.
//
// - The header is written once, when a file is new or empty.
// - An existing file whose header differs from the contract is never appended to: mixing two
//   layouts in one file would silently corrupt it for whoever reads it.
// - Each poll's rows go to each file in one write call followed by a flush, so an interrupted
//   run leaves whole rows only.
class SnapshotCsvAppender
{
public:
    explicit SnapshotCsvAppender(QString stem);
    ~SnapshotCsvAppender();
    SnapshotCsvAppender(const SnapshotCsvAppender&) = delete;
    SnapshotCsvAppender& operator=(const SnapshotCsvAppender&) = delete;

    // Checks existing headers, creates missing files with their header. False + errorString() on
    // failure; nothing is written to a file with a foreign header.
    bool open();
    bool isOpen() const;
    bool append(const AccountSnapshot& snapshot);
    void close();

    int snapshotsAppended() const { return m_snapshots; }
    QString errorString() const { return m_error; }

private:
    // true: new or empty (needs the header); false: our header, append; nullopt: refused.
    std::optional<bool> checkExisting(CsvTable table);
    bool openTable(std::size_t index, CsvTable table, bool writeHeader);

    QString m_stem;
    std::array<std::unique_ptr<QFile>, 3> m_files;
    int m_snapshots = 0;
    QString m_error;
};

} // namespace marginwatch
