#include "api/WeightTracker.h"

#include <algorithm>

namespace marginwatch {

int WeightTracker::parseUsedWeight(const QList<std::pair<QByteArray, QByteArray>>& headers)
{
    for (const auto& [name, value] : headers) {
        if (name.compare("X-MBX-USED-WEIGHT-1M", Qt::CaseInsensitive) != 0)
            continue;
        bool ok = false;
        const int weight = value.trimmed().toInt(&ok);
        return ok && weight >= 0 ? weight : -1;
    }
    return -1;
}

std::chrono::milliseconds WeightTracker::stretchedInterval(std::chrono::milliseconds interval, int usedWeight,
                                                           int limit, qint64 msIntoMinute)
{
    if (usedWeight < 0 || limit <= 0)
        return interval;
    // Integer percentages: 80 % of 2400 is 1920; "above" means strictly more. In 64 bits: the used
    // weight is the server's number, and ten times a large int overflows.
    const qint64 used = usedWeight;
    const qint64 budget = limit;
    if (used * 10 > budget * 9) {
        // The window resets on the server's minute boundary; +250 ms so we land after it.
        const qint64 untilNextMinute = 60000 - std::clamp<qint64>(msIntoMinute, 0, 59999) + 250;
        return std::max(interval, std::chrono::milliseconds(untilNextMinute));
    }
    if (used * 10 > budget * 8)
        return interval * 2;
    return interval;
}

} // namespace marginwatch
