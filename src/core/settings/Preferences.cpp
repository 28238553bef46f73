#include "settings/Preferences.h"

#include <QCoreApplication>

#include <cmath>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

bool isPercent(double value)
{
    return std::isfinite(value) && value > 0 && value <= 100;
}

} // namespace

QStringList Preferences::validate() const
{
    QStringList problems;
    const bool warnOk = isPercent(warnMarginRatioPercent);
    const bool dangerOk = isPercent(dangerMarginRatioPercent);
    if (!warnOk)
        problems << QCoreApplication::translate(
            "Preferences", "The warning margin ratio must be above 0 % and at most 100 %.");
    if (!dangerOk)
        problems << QCoreApplication::translate(
            "Preferences", "The danger margin ratio must be above 0 % and at most 100 %.");
    if (warnOk && dangerOk && warnMarginRatioPercent >= dangerMarginRatioPercent)
        problems << QCoreApplication::translate(
            "Preferences", "The warning margin ratio must be lower than the danger margin ratio.");
    if (staleAlertSeconds < kMinStaleAlertSeconds || staleAlertSeconds > kMaxStaleAlertSeconds)
        problems << QCoreApplication::translate(
            "Preferences", "The stale-data alert must be between 1 second and 24 hours.");
    return problems;
}

} // namespace marginwatch
