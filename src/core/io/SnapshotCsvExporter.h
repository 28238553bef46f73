#pragma once

#include "io/SnapshotCsvFormat.h"
#include "model/AccountSnapshot.h"

#include <QList>
#include <QString>

class QIODevice;

namespace marginwatch {

// Writes snapshots in the CSV contract of design.md (KeePassXC's CsvExporter pattern: the writing
// part takes a QIODevice*, so tests use a QBuffer; only exportSnapshot() touches files).
class SnapshotCsvExporter
{
public:
    // One table (header + rows) of one or more snapshots to an open device.
    bool write(QIODevice* device, CsvTable table, const AccountSnapshot& snapshot);
    bool write(QIODevice* device, CsvTable table, const QList<AccountSnapshot>& snapshots);

    // STEM-totals.csv, STEM-assets.csv, STEM-positions.csv, all three or none (commitCsvFileSet):
    // a failure leaves the previous files (if any) untouched. On failure errorString() names the
    // file and the reason.
    bool exportSnapshot(const QString& stem, const AccountSnapshot& snapshot);

    QString errorString() const { return m_error; }

private:
    QString m_error;
};

} // namespace marginwatch
