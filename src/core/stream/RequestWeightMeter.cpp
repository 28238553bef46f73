#include "stream/RequestWeightMeter.h"

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr qint64 kWindowMs = 60000;
constexpr qsizetype kMaxEntries = 10000; // far above one account's requests in a minute

} // namespace

int RequestWeightMeter::weightOf(const QString& endpoint)
{
    // GET /fapi/v3/account, positionRisk, balance, accountConfig, symbolConfig: 5; time,
    // leverageBracket, listenKey (POST/PUT/DELETE), exchangeInfo: 1.
    if (endpoint == u"/fapi/v3/account"_s || endpoint == u"/fapi/v3/positionRisk"_s
        || endpoint == u"/fapi/v3/balance"_s || endpoint == u"/fapi/v1/accountConfig"_s
        || endpoint == u"/fapi/v1/symbolConfig"_s)
        return 5;
    if (endpoint == u"/papi/v1/account"_s)
        return 20;
    return 1;
}

void RequestWeightMeter::record(const QString& endpoint, qint64 nowMs)
{
    m_entries.append({nowMs, weightOf(endpoint)});
    if (m_entries.size() > kMaxEntries)
        m_entries.remove(0, m_entries.size() - kMaxEntries);
}

int RequestWeightMeter::lastMinute(qint64 nowMs) const
{
    while (!m_entries.isEmpty() && m_entries.constFirst().atMs <= nowMs - kWindowMs)
        m_entries.removeFirst();
    int total = 0;
    for (const Entry& e : std::as_const(m_entries))
        total += e.weight;
    return total;
}

} // namespace marginwatch
