#pragma once

#include "sim/SimulatorServer.h"

#include <QByteArray>
#include <QList>
#include <QRandomGenerator>
#include <QString>

namespace marginwatch {

// The simulated account. Money, prices and quantities are integers in units of 1e-8 (never double),
// so every figure served is exactly the sum or product the API documentation describes, and is
// written as a decimal string with Binance's precision for that field.
class SimAccount
{
public:
    static constexpr qint64 kOne = 100000000; // 1.0 in fixed point

    struct Holding
    {
        QString asset;
        qint64 wallet = 0;     // in the asset
        qint64 usdPrice = 0;   // index price used for multi-assets USD totals
        qint64 updateTime = 0; // last change of the wallet, as Binance reports it (not "now")
    };

    struct SimPosition
    {
        QString symbol;
        QString side;      // BOTH, LONG, SHORT
        qint64 amount = 0; // signed quantity
        qint64 entry = 0;
        qint64 mark = 0;
        int leverage = 10;
        int priceDecimals = 2;
        int quantityDecimals = 3;
        qint64 updateTime = 0;
    };

    SimAccount(SimScenario scenario, int positions, quint32 seed);

    // One step of life: mark prices random-walk; now and then a position closes (its PnL is realised
    // into the wallet) and another opens at the current mark.
    void tick(qint64 nowMs);

    SimScenario scenario() const { return m_scenario; }
    const QList<Holding>& holdings() const { return m_holdings; }
    const QList<SimPosition>& positions() const { return m_positions; }

    QByteArray accountJson() const;
    QByteArray positionRiskJson() const;
    QByteArray balanceJson() const;
    QByteArray accountConfigJson() const;
    QByteArray symbolConfigJson() const;

    // Fixed-point helpers, public for the tests.
    static QByteArray format(qint64 value, int decimals);
    static qint64 multiply(qint64 a, qint64 b); // (a * b) / 1e8, truncated toward zero

private:
    struct Figures; // per-asset and total figures derived from the state, computed in one place
    Figures compute() const;
    SimPosition makePosition(int index, const QString& side) const;
    void openPosition(int index);

    SimScenario m_scenario;
    QRandomGenerator m_random;
    QList<Holding> m_holdings;
    QList<SimPosition> m_positions;
    int m_nextSymbol = 0;
};

} // namespace marginwatch
