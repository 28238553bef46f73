#pragma once

#include <QList>
#include <QString>

namespace marginwatch {

// The request weight one account spent in the last minute, from its own requests and Binance's
// published weights (the X-MBX-USED-WEIGHT-1M header counts the whole IP, not the account).
class RequestWeightMeter
{
public:
    static int weightOf(const QString& endpoint);
    void record(const QString& endpoint, qint64 nowMs);
    int lastMinute(qint64 nowMs) const;

private:
    struct Entry
    {
        qint64 atMs;
        int weight;
    };
    mutable QList<Entry> m_entries;
};

} // namespace marginwatch
