#include "stream/RequestWeightMeter.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr qsizetype kMaxEntries = 10000; // far above one account's requests in a minute

} // namespace

RequestWeightMeter::RequestWeightMeter(std::chrono::milliseconds window)
    : m_windowMs(std::max<qint64>(1, window.count()))
{}

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
    record(weightOf(endpoint), nowMs);
}

void RequestWeightMeter::record(int weight, qint64 nowMs)
{
    m_entries.append({nowMs, weight});
    if (m_entries.size() > kMaxEntries)
        m_entries.remove(0, m_entries.size() - kMaxEntries);
}

void RequestWeightMeter::prune(qint64 nowMs) const
{
    // Kept for two windows: earliestFit looks a little further back than lastMinute.
    while (!m_entries.isEmpty() && m_entries.constFirst().atMs <= nowMs - 2 * m_windowMs)
        m_entries.removeFirst();
}

int RequestWeightMeter::lastMinute(qint64 nowMs) const
{
    prune(nowMs);
    int total = 0;
    for (const Entry& e : std::as_const(m_entries)) {
        if (e.atMs > nowMs - m_windowMs)
            total += e.weight;
    }
    return total;
}

qint64 RequestWeightMeter::earliestFit(int weight, int budget, qint64 nowMs, qint64 slackMs) const
{
    prune(nowMs);
    const qint64 span = m_windowMs + std::max<qint64>(0, slackMs);
    int total = 0;
    for (const Entry& e : std::as_const(m_entries)) {
        if (e.atMs > nowMs - span)
            total += e.weight;
    }
    if (total + weight <= budget)
        return nowMs;
    // Entries leave the window oldest first: the first moment enough of them have left.
    for (const Entry& e : std::as_const(m_entries)) {
        if (e.atMs <= nowMs - span)
            continue;
        total -= e.weight;
        if (total + weight <= budget)
            return e.atMs + span;
    }
    return m_entries.isEmpty() ? nowMs : m_entries.constLast().atMs + span;
}

} // namespace marginwatch
