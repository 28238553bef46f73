#include "io/SnapshotCsvExporter.h"

#include "io/CsvWriter.h"

#include <QDir>
#include <QSaveFile>

#include <array>
#include <memory>

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
    std::array<std::unique_ptr<QSaveFile>, kTables.size()> files;
    for (std::size_t i = 0; i < kTables.size(); ++i) {
        const QString path = csvFilePath(stem, kTables[i]);
        files[i] = std::make_unique<QSaveFile>(path);
        if (!files[i]->open(QIODevice::WriteOnly)) {
            m_error = u"cannot write %1: %2"_s.arg(QDir::toNativeSeparators(path), files[i]->errorString());
            return false;
        }
        if (!write(files[i].get(), kTables[i], snapshot)) {
            m_error = u"cannot write %1: %2"_s.arg(QDir::toNativeSeparators(path), m_error);
            return false; // ~QSaveFile discards the temporary file
        }
    }
    for (std::size_t i = 0; i < kTables.size(); ++i) {
        if (!files[i]->commit()) {
            m_error = u"cannot write %1: %2"_s.arg(QDir::toNativeSeparators(files[i]->fileName()),
                                                   files[i]->errorString());
            return false;
        }
    }
    m_error.clear();
    return true;
}

} // namespace marginwatch
