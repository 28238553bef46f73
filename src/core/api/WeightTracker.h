#pragma once

#include <QByteArray>
#include <QList>

#include <chrono>
#include <utility>

namespace marginwatch {

// X-MBX-USED-WEIGHT-1M: the weight this IP used in the current (server-time) minute. Read from every
// response; the poller stretches its interval as the IP's budget runs low, because the budget is
// shared with every other program on the same IP.
class WeightTracker
{
public:
    explicit WeightTracker(int limit = 2400)
        : m_limit(limit)
    {}

    // Header names are case-insensitive; -1 when absent or not a number.
    static int parseUsedWeight(const QList<std::pair<QByteArray, QByteArray>>& headers);

    // Interval to the next cycle: unchanged below 80 % of the limit, doubled above 80 %, and above
    // 90 % at least until the server's next minute starts (msIntoMinute of server time).
    static std::chrono::milliseconds stretchedInterval(std::chrono::milliseconds interval, int usedWeight,
                                                       int limit, qint64 msIntoMinute);

    void record(int usedWeight)
    {
        if (usedWeight >= 0)
            m_used = usedWeight;
    }
    int used() const { return m_used; }
    int limit() const { return m_limit; }
    std::chrono::milliseconds stretch(std::chrono::milliseconds interval, qint64 serverNowMs) const
    {
        return stretchedInterval(interval, m_used, m_limit, serverNowMs % 60000);
    }

private:
    int m_limit;
    int m_used = -1;
};

} // namespace marginwatch
