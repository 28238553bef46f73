#pragma once

#include <QByteArray>
#include <QList>
#include <QtGlobal>

namespace marginwatch {

// Binance's notional brackets for one symbol (GET /fapi/v1/leverageBracket): the maintenance margin of
// a position is notional x maintMarginRatio - cum for the bracket its notional falls in
// (notionalFloor <= notional < notionalCap; beyond the last cap, the last bracket). `cum` is what
// makes that function continuous: cum[n] = cum[n-1] + floor[n] x (ratio[n] - ratio[n-1]), so the
// tables are written as caps, ratios and leverages only and cum is derived, never typed in.
class SimLeverageBrackets
{
public:
    struct Tier
    {
        int bracket = 1;
        int initialLeverage = 1;
        qint64 notionalFloor = 0; // fixed point (SimFixed)
        qint64 notionalCap = 0;
        qint64 maintMarginRatio = 0;
        qint64 cum = 0;
    };
    struct Row
    {
        qint64 cap;      // whole USDT
        qint64 ratioPpm; // maintenance margin ratio in millionths (4000 = 0.4 %)
        int leverage;
    };

    SimLeverageBrackets() = default;
    // Rows in increasing cap order; notionalCoef (fixed point, 1.0 = kOne) scales every floor and
    // cap, as Binance does for an account whose brackets were adjusted.
    static SimLeverageBrackets fromRows(const QList<Row>& rows, qint64 notionalCoef);

    const QList<Tier>& tiers() const { return m_tiers; }
    qint64 notionalCoef() const { return m_coef; }
    const Tier& tierFor(qint64 absNotional) const;
    // notional x ratio (truncated to eight decimals) - cum; 0 for a zero notional.
    qint64 maintenanceMargin(qint64 absNotional) const;

    // {"symbol":…,"notionalCoef":…,"brackets":[…]} with Binance's JSON numbers.
    QByteArray json(const QByteArray& symbol) const;

private:
    QList<Tier> m_tiers;
    qint64 m_coef = 0;
};

} // namespace marginwatch
