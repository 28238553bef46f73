#pragma once

#include "sim/SimSymbolCatalog.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QRandomGenerator>

namespace marginwatch {

// The market every simulated account trades in: one mark price per symbol, shared by all accounts
// (so both sides of a hedged symbol, and every account holding it, see the same price). Marks walk
// at full eight-decimal resolution, as the exchange's mark prices do (they are not on the tick).
class SimMarket
{
public:
    struct Quote
    {
        SimSymbolCatalog::Spec spec;
        qint64 mark = 0;
        qint64 index = 0;
        qint64 average = 0;     // "ap": a moving average of the mark
        qint64 fundingRate = 0; // fixed point (0.0001 = 10000)
        qint64 updateTime = 0;
    };

    explicit SimMarket(quint32 seed);

    // The symbol's quote, created at the catalog price on first use.
    const Quote& quote(const QByteArray& symbol);
    const Quote* find(const QByteArray& symbol) const;
    qint64 mark(const QByteArray& symbol) { return quote(symbol).mark; }
    QList<QByteArray> symbols() const { return m_order; }

    // One step: every mark moves by up to +-0.2 %.
    void tick(qint64 nowMs);
    // Moves one symbol's mark (tests, scripted scenarios); ratio in basis points, e.g. -700 = -7 %.
    void shift(const QByteArray& symbol, qint64 basisPoints, qint64 nowMs);
    void setMark(const QByteArray& symbol, qint64 mark, qint64 nowMs);

    // markPriceUpdate payload ({e,E,s,p,ap,P,i,r,T,st}); nextFundingMs is the "T" field.
    QByteArray markPriceUpdateJson(const QByteArray& symbol, qint64 eventTimeMs) const;
    // A COIN-M-like entry the all-market stream carries and USD-M clients must skip (st != 1).
    static QByteArray coinMarginedMarkJson(qint64 eventTimeMs);
    static qint64 nextFundingTime(qint64 nowMs);

private:
    void setQuoteMark(Quote& quote, qint64 mark, qint64 nowMs);

    QRandomGenerator m_random;
    QHash<QByteArray, Quote> m_quotes;
    QList<QByteArray> m_order;
};

} // namespace marginwatch
