#include "gui/history/ChartTicks.h"

#include <algorithm>
#include <array>
#include <cmath>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

qint64 floorTo(qint64 value, qint64 step)
{
    const qint64 q = value / step;
    return (value % step != 0 && value < 0 ? q - 1 : q) * step;
}

qint64 ceilTo(qint64 value, qint64 step)
{
    const qint64 down = floorTo(value, step);
    return down == value ? value : down + step;
}

} // namespace

ValueTicks niceValueTicks(double low, double high, int maxTicks)
{
    maxTicks = std::max(maxTicks, 2);
    if (!std::isfinite(low) || !std::isfinite(high) || low > high)
        return {};
    if (low == high) {
        const double pad = std::max(std::abs(high) * 0.01, 1.0);
        low -= pad;
        high += pad;
    }
    const double rough = (high - low) / (maxTicks - 1);
    double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    constexpr std::array kMantissas{1.0, 2.0, 2.5, 5.0, 10.0};
    for (int attempt = 0; attempt < 3; ++attempt, magnitude *= 10.0) {
        for (const double mantissa : kMantissas) {
            const double step = mantissa * magnitude;
            const double first = std::floor(low / step + 1e-9);
            const double last = std::ceil(high / step - 1e-9);
            const int count = int(last - first) + 1;
            if (count > maxTicks)
                continue;
            ValueTicks ticks;
            ticks.step = step;
            ticks.min = first * step;
            ticks.max = last * step;
            ticks.tickCount = std::max(count, 2);
            if (count < 2)
                ticks.max = ticks.min + step;
            // 2.5 × 10^n needs one digit more than 10^n.
            const int digits = -int(std::floor(std::log10(step) + 1e-9)) + (mantissa == 2.5 ? 1 : 0);
            ticks.decimals = std::clamp(digits, 0, 12);
            return ticks;
        }
    }
    return {low, high, high - low, 2, 2};
}

TimeTicks roundTimeTicks(qint64 fromMs, qint64 toMs, int utcOffsetSeconds, int maxTicks)
{
    constexpr qint64 minute = 60 * 1000;
    constexpr qint64 hour = 60 * minute;
    constexpr qint64 day = 24 * hour;
    constexpr std::array<qint64, 17> kSteps{
        minute,   2 * minute, 5 * minute, 10 * minute, 15 * minute, 30 * minute, hour,     2 * hour, 3 * hour,
        6 * hour, 12 * hour,  day,        2 * day,     7 * day,     14 * day,    28 * day, 56 * day};
    maxTicks = std::max(maxTicks, 2);
    if (toMs <= fromMs)
        toMs = fromMs + minute;
    const qint64 offset = qint64(utcOffsetSeconds) * 1000;
    TimeTicks ticks;
    for (const qint64 step : kSteps) {
        const qint64 first = floorTo(fromMs + offset, step) - offset;
        const qint64 last = ceilTo(toMs + offset, step) - offset;
        const qint64 count = (last - first) / step + 1;
        ticks = {first, last, step, int(count), QString()};
        if (count <= maxTicks)
            break;
    }
    const bool severalDays = ticks.toMs - ticks.fromMs > day;
    ticks.format = ticks.stepMs >= day ? u"dd MMM"_s : severalDays ? u"dd MMM HH:mm"_s : u"HH:mm"_s;
    return ticks;
}

} // namespace marginwatch
