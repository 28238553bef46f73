#pragma once

#include "model/AccountSnapshot.h"

#include <QLocale>
#include <QString>

#include <optional>

namespace marginwatch {

// What the totals of /fapi/v3/account mean depends on the account mode; these say it truthfully.
// "Single-asset mode — totals are USDT only" / "Multi-assets mode — totals in USD across N assets".
QString totalsScopeLabel(const AccountSnapshot& snapshot);
// One sentence with the exact meaning, for tooltips and exports.
QString totalsScopeExplanation(const AccountSnapshot& snapshot);
QString positionModeLabel(PositionMode mode);

// Margin ratio as Binance shows it: totalMaintMargin / totalMarginBalance (liquidation at 100 %).
// nullopt when the margin balance is zero or negative (the ratio is meaningless there). A derived
// display ratio, so double is acceptable here and only here.
std::optional<double> marginRatio(const AccountTotals& totals);

// The margin ratio in percent (liquidation at 100 %), as the window, the tray and history show it.
std::optional<double> marginRatioPercent(const AccountTotals& totals);

// The one way a percentage is shown: "12.34 %", two fraction digits in `locale`.
QString percentText(double percent, const QLocale& locale = QLocale());

// Distance from the mark price to the liquidation price, in percent of the mark (always >= 0);
// nullopt when either is unknown or the liquidation price is 0 (no liquidation possible).
std::optional<double> liquidationDistancePercent(const Position& position);

} // namespace marginwatch
