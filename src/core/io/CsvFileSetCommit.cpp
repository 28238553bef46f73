#include "io/CsvFileSetCommit.h"

#include "io/SnapshotCsvFormat.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>

#include <memory>

using namespace Qt::StringLiterals;

namespace marginwatch {

Expected<void> commitCsvFileSet(const QString& stem, const CsvFileSetFiller& fill)
{
    constexpr std::array kTables{CsvTable::Totals, CsvTable::Assets, CsvTable::Positions};
    std::array<std::unique_ptr<QSaveFile>, kTables.size()> files;
    std::array<QIODevice*, kTables.size()> devices{};
    for (std::size_t i = 0; i < kTables.size(); ++i) {
        files[i] = std::make_unique<QSaveFile>(csvFilePath(stem, kTables[i]));
        if (!files[i]->open(QIODevice::WriteOnly)) {
            return failure(QCoreApplication::translate("CsvFileSetCommit", "cannot write %1: %2")
                               .arg(QDir::toNativeSeparators(files[i]->fileName()), files[i]->errorString()));
        }
        devices[i] = files[i].get();
    }
    if (Expected<void> filled = fill(devices); !filled)
        return filled; // ~QSaveFile discards the temporary files
    for (const auto& file : files) {
        if (!file->commit()) {
            return failure(QCoreApplication::translate("CsvFileSetCommit", "cannot write %1: %2")
                               .arg(QDir::toNativeSeparators(file->fileName()), file->errorString()));
        }
    }
    return {};
}

} // namespace marginwatch
