#pragma once

#include "util/Expected.h"

#include <QString>

#include <array>
#include <functional>

class QIODevice;

namespace marginwatch {

// STEM-totals.csv, STEM-assets.csv and STEM-positions.csv, written as one: each through a QSaveFile,
// all three filled by `fill` (devices in CsvTable order) before any is committed, so a failure
// leaves the previous files (if any) as they were and no temporary file behind. The snapshot
// exporter and the history export both write through this.
//
// Errors name the file; an error returned by `fill` is passed on as it is.
using CsvFileSetFiller = std::function<Expected<void>(const std::array<QIODevice*, 3>& devices)>;
Expected<void> commitCsvFileSet(const QString& stem, const CsvFileSetFiller& fill);

} // namespace marginwatch
