#include "settings/Preferences.h"

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
        problems << u"The warning margin ratio must be above 0 % and at most 100 %."_s;
    if (!dangerOk)
        problems << u"The danger margin ratio must be above 0 % and at most 100 %."_s;
    if (warnOk && dangerOk && warnMarginRatioPercent >= dangerMarginRatioPercent)
        problems << u"The warning margin ratio must be lower than the danger margin ratio."_s;
    if (staleAlertSeconds < kMinStaleAlertSeconds || staleAlertSeconds > kMaxStaleAlertSeconds)
        problems << u"The stale-data alert must be between 1 second and 24 hours."_s;
    return problems;
}

} // namespace marginwatch
