#pragma once

#include <QList>
#include <QString>

#include <chrono>

namespace marginwatch {

// The request weight one account spent in the last minute, from its own requests and Binance's
// published weights (the X-MBX-USED-WEIGHT-1M header counts the whole IP, not the account).
class RequestWeightMeter
{
public:
    explicit RequestWeightMeter(std::chrono::milliseconds window = std::chrono::milliseconds(60000));

    static int weightOf(const QString& endpoint);
    void record(const QString& endpoint, qint64 nowMs);
    void record(int weight, qint64 nowMs);
    int lastMinute(qint64 nowMs) const; // over the window (a minute unless tests shorten it)
    // The earliest time, `nowMs` or later, at which `weight` more keeps every window of this length
    // plus `slackMs` at or below `budget` (the slack covers the exchange counting a request a little
    // later or earlier than it was sent). Later requests are not known, so this is a lower bound
    // only for what has been recorded.
    qint64 earliestFit(int weight, int budget, qint64 nowMs, qint64 slackMs = 0) const;

private:
    struct Entry
    {
        qint64 atMs;
        int weight;
    };
    void prune(qint64 nowMs) const;

    qint64 m_windowMs;
    mutable QList<Entry> m_entries;
};

} // namespace marginwatch
