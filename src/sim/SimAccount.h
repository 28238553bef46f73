#pragma once

#include "sim/SimLeverageBrackets.h"
#include "sim/SimMarket.h"
#include "sim/SimulatorServer.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QRandomGenerator>
#include <QSet>

namespace marginwatch {

// One simulated account. Money, prices and quantities are SimFixed integers (1e-8 units, never
// double), so every figure served is exactly the sum, product or bracket formula the API
// documentation describes. Every change to the book (a fill, a funding fee, a leverage or mode change,
// a margin call) is recorded as the user-data event the exchange would push, built from the same
// figures the REST endpoints serve, so that the stream and the next snapshot agree.
class SimAccount
{
public:
    struct Behaviour
    {
        bool streamQuirks = true;
        int fundingEveryTicks = 60;
        int marginCallPercent = 80;
    };
    struct Holding
    {
        QByteArray asset;
        qint64 wallet = 0;         // in the asset (isolated wallets included)
        qint64 usdPrice = 0;       // index price used for multi-assets USD totals
        qint64 collateralRate = 0; // Portfolio Margin: share of the USD value that counts as equity
        qint64 updateTime = 0;     // last change of the wallet, as Binance reports it (not "now")
    };
    struct Position
    {
        QByteArray symbol;
        QByteArray side;   // BOTH, LONG, SHORT
        qint64 amount = 0; // signed quantity
        qint64 entry = 0;
        qint64 isolatedWallet = 0; // isolated positions only
        qint64 updateTime = 0;
    };
    struct Event
    {
        QByteArray type; // ACCOUNT_UPDATE, ORDER_TRADE_UPDATE, TRADE_LITE, ACCOUNT_CONFIG_UPDATE, MARGIN_CALL
        QByteArray json;
    };
    // The figures a master's sub-account summary lists for this account.
    struct Summary
    {
        qint64 initialMargin = 0, maintMargin = 0, marginBalance = 0, openOrderInitialMargin = 0,
               positionInitialMargin = 0, unrealized = 0, wallet = 0;
    };

    SimAccount(SimMarket& market, const SimAccountOptions& options, const Behaviour& behaviour, qint64 nowMs);

    // One step of life: now and then a position is closed and another opened, or one is added to or
    // reduced; funding every Behaviour::fundingEveryTicks ticks; rarely a leverage change.
    void tick(qint64 nowMs);

    bool trade(const QByteArray& symbol, const QByteArray& positionSide, qint64 quantity, qint64 nowMs);
    void applyFunding(qint64 nowMs);
    bool setLeverage(const QByteArray& symbol, int leverage, qint64 nowMs);
    bool setMultiAssets(bool enabled, qint64 nowMs);
    // MARGIN_CALL once when the margin ratio reaches the threshold (again after it fell below 90 % of it).
    void checkMarginCall(qint64 nowMs);
    QList<Event> takeEvents();

    SimScenario scenario() const { return m_options.scenario; }
    bool isPortfolioMargin() const { return m_options.scenario == SimScenario::PortfolioMargin; }
    bool isHedge() const { return m_hedge; }
    bool isMultiAssets() const { return m_multiAssets; }
    const QList<Holding>& holdings() const { return m_holdings; }
    const QList<Position>& positions() const { return m_positions; }
    const SimLeverageBrackets& brackets(const QByteArray& symbol);
    Summary summary();

    QByteArray accountJson();
    QByteArray positionRiskJson();
    QByteArray balanceJson();
    QByteArray accountConfigJson() const;
    QByteArray symbolConfigJson();
    QByteArray leverageBracketJson(const QByteArray& symbol); // "" = every symbol; nullopt-like "" if unknown
    QByteArray papiAccountJson();
    QByteArray papiPositionRiskJson();

    // Fixed-point helpers, public for the tests.
    static QByteArray format(qint64 value, int decimals);
    static qint64 multiply(qint64 a, qint64 b); // (a * b) / 1e8, truncated toward zero

private:
    struct Figures;
    Figures compute();
    int leverageOf(const QByteArray& symbol) const { return m_leverage.value(symbol, 10); }
    bool isIsolated(const QByteArray& symbol) const { return m_isolated.contains(symbol); }
    qsizetype indexOf(const QByteArray& symbol, const QByteArray& side) const;
    void createInitialPositions(int count, qint64 nowMs);
    void openNext(const QByteArray& side, qint64 nowMs);
    void emitEvent(const QByteArray& type, QByteArray json);
    QByteArray eventTime(qint64 nowMs);
    QByteArray usdtBalanceUpdate(const Figures& f, qint64 balanceChange) const;
    QByteArray positionUpdate(const Figures& f, const QByteArray& symbol, const QByteArray& side);
    QByteArray accountUpdate(const QByteArray& reason, const QList<QByteArray>& balances,
                             const QList<QByteArray>& positions, qint64 nowMs);

    SimMarket& m_market;
    SimAccountOptions m_options;
    Behaviour m_behaviour;
    QRandomGenerator m_random;
    bool m_hedge = false;
    bool m_multiAssets = false;
    QList<Holding> m_holdings;
    QList<Position> m_positions;
    QHash<QByteArray, int> m_leverage;
    QSet<QByteArray> m_isolated;
    QHash<QByteArray, qint64> m_realized; // "cr" per symbol and side
    QHash<QByteArray, SimLeverageBrackets> m_brackets;
    QList<Event> m_events;
    int m_nextSymbol = 0;
    qint64 m_ticks = 0;
    qint64 m_eventCount = 0;
    qint64 m_accountUpdates = 0;
    qint64 m_nextOrderId = 8886774;
    qint64 m_nextTradeId = 109100866;
    bool m_marginCallArmed = true;
    qint64 m_configUpdateTime = 0;
};

} // namespace marginwatch
