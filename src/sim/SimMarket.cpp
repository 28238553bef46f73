#include "sim/SimMarket.h"

#include "sim/SimJson.h"

#include <algorithm>

namespace marginwatch {

SimMarket::SimMarket(quint32 seed)
    : m_random(seed)
{}

const SimMarket::Quote& SimMarket::quote(const QByteArray& symbol)
{
    auto it = m_quotes.find(symbol);
    if (it == m_quotes.end()) {
        Quote q;
        q.spec = SimSymbolCatalog::find(symbol).value_or(SimSymbolCatalog::specAt(0));
        q.spec.symbol = symbol;
        q.mark = q.spec.price;
        q.index = q.mark;
        q.average = q.mark;
        q.fundingRate = 10000; // 0.01 %, the usual baseline rate
        it = m_quotes.insert(symbol, q);
        m_order.append(symbol);
    }
    return *it;
}

const SimMarket::Quote* SimMarket::find(const QByteArray& symbol) const
{
    const auto it = m_quotes.constFind(symbol);
    return it == m_quotes.cend() ? nullptr : &*it;
}

void SimMarket::setQuoteMark(Quote& q, qint64 mark, qint64 nowMs)
{
    if (mark <= 0)
        return;
    if (mark != q.mark)
        q.updateTime = nowMs;
    q.mark = mark;
    // The index trails the mark by a little; the average follows it slowly.
    q.index = mark - mark / 5000;
    q.average = (q.average * 9 + mark) / 10;
}

void SimMarket::tick(qint64 nowMs)
{
    for (const QByteArray& symbol : std::as_const(m_order)) {
        Quote& q = m_quotes[symbol];
        // Up to +-0.2 % in steps of 0.0001 %: a mark with eight meaningful decimals.
        const qint64 ppm = static_cast<qint64>(m_random.bounded(4001)) - 2000;
        qint64 next = q.mark + static_cast<qint64>(static_cast<SimFixed::Wide>(q.mark) * ppm / 1000000);
        if (next == q.mark)
            next += ppm >= 0 ? 1 : -1;
        setQuoteMark(q, next, nowMs);
        // The funding rate drifts within +-0.05 %.
        q.fundingRate = std::clamp<qint64>(q.fundingRate + static_cast<qint64>(m_random.bounded(201)) - 100,
                                           -50000, 50000);
    }
}

void SimMarket::shift(const QByteArray& symbol, qint64 basisPoints, qint64 nowMs)
{
    quote(symbol);
    Quote& q = m_quotes[symbol];
    setQuoteMark(q, q.mark + static_cast<qint64>(static_cast<SimFixed::Wide>(q.mark) * basisPoints / 10000),
                 nowMs);
}

void SimMarket::setMark(const QByteArray& symbol, qint64 mark, qint64 nowMs)
{
    quote(symbol);
    setQuoteMark(m_quotes[symbol], mark, nowMs);
}

qint64 SimMarket::nextFundingTime(qint64 nowMs)
{
    constexpr qint64 kEightHours = 8 * 3600 * 1000LL;
    return (nowMs / kEightHours + 1) * kEightHours;
}

QByteArray SimMarket::markPriceUpdateJson(const QByteArray& symbol, qint64 eventTimeMs) const
{
    const Quote* q = find(symbol);
    if (!q)
        return {};
    return SimJsonObject()
        .string("e", "markPriceUpdate")
        .integer("E", eventTimeMs)
        .string("s", symbol)
        .money("p", q->mark)
        .money("ap", q->average)
        .money("P", q->index + (q->mark - q->index) / 2)
        .money("i", q->index)
        .money("r", q->fundingRate)
        .integer("T", nextFundingTime(eventTimeMs))
        .integer("st", 1)
        .finish();
}

QByteArray SimMarket::coinMarginedMarkJson(qint64 eventTimeMs)
{
    return SimJsonObject()
        .string("e", "markPriceUpdate")
        .integer("E", eventTimeMs)
        .string("s", "BTCUSD_PERP")
        .string("p", "60012.30000000")
        .string("ap", "60010.10000000")
        .string("P", "60011.00000000")
        .string("i", "60008.70000000")
        .string("r", "0.00010000")
        .integer("T", nextFundingTime(eventTimeMs))
        .integer("st", 2)
        .finish();
}

} // namespace marginwatch
