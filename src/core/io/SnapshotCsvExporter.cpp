#include "io/SnapshotCsvExporter.h"

#include "io/CsvFileSetCommit.h"
#include "io/CsvWriter.h"

#include <QDir>

#include <array>

using namespace Qt::StringLiterals;

namespace marginwatch {

bool SnapshotCsvExporter::write(QIODevice* device, CsvTable table, const AccountSnapshot& snapshot)
{
    return write(device, table, QList<AccountSnapshot>{snapshot});
}

bool SnapshotCsvExporter::write(QIODevice* device, CsvTable table, const QList<AccountSnapshot>& snapshots)
{
    QByteArray bytes = CsvWriter::encodeRow(csvHeader(table));
    for (const AccountSnapshot& snapshot : snapshots)
        bytes.append(CsvWriter::encodeRows(csvRows(table, snapshot)));
    CsvWriter writer(device);
    if (!writer.writeBytes(bytes)) {
        m_error = writer.errorString();
        return false;
    }
    m_error.clear();
    return true;
}

bool SnapshotCsvExporter::exportSnapshot(const QString& stem, const AccountSnapshot& snapshot)
{
    constexpr std::array kTables{CsvTable::Totals, CsvTable::Assets, CsvTable::Positions};
    const Expected<void> written = commitCsvFileSet(stem, [&](const std::array<QIODevice*, 3>& devices) {
        for (std::size_t i = 0; i < kTables.size(); ++i) {
            if (!write(devices[i], kTables[i], snapshot)) {
                return Expected<void>(failure(u"cannot write %1: %2"_s.arg(
                    QDir::toNativeSeparators(csvFilePath(stem, kTables[i])), m_error)));
            }
        }
        return Expected<void>();
    });
    if (!written) {
        m_error = written.error();
        return false;
    }
    m_error.clear();
    return true;
}

} // namespace marginwatch
