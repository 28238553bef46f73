#pragma once

#include "model/Decimal.h"
#include "util/Expected.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace marginwatch {

class StressModel;

// STEM-stress.csv (design.md): kind,shock_percent,totalMarginBalance,totalMaintMargin,marginRatio,
// liquidated_positions. One `grid` row per shock asked for (in the order given), then
// `liquidation-down` and `liquidation-up`: the account's solved shock (to 0.000001 %, written on the
// liquidated side) with the figures there, or only the kind when there is none within +-99 %.
// liquidated_positions lists "SYMBOL/SIDE" joined by ';'. Decimals are exact; marginRatio has six
// decimals (rounded up) and is empty when the margin balance is not positive.
QStringList stressCsvHeader();
Expected<QList<QStringList>> stressCsvRows(const StressModel& model, const QList<Decimal>& shocks);

QString stressCsvPath(const QString& stem); // STEM-stress.csv
// Written through a QSaveFile: a failure leaves the previous file as it was.
Expected<void> exportStressCsv(const QString& stem, const StressModel& model, const QList<Decimal>& shocks);

} // namespace marginwatch
