#pragma once

#include "model/AccountSnapshot.h"

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

// Distance from the mark price to the liquidation price, in percent of the mark (always >= 0);
// nullopt when either is unknown or the liquidation price is 0 (no liquidation possible).
std::optional<double> liquidationDistancePercent(const Position& position);

} // namespace marginwatch
