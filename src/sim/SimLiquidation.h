#pragma once

#include "sim/SimLeverageBrackets.h"

#include <QList>
#include <QtGlobal>

namespace marginwatch {

// Binance's published liquidation price for USD-M positions, in exact fixed point:
//
//   LP = (WB - TMM1 + UPNL1 + cumB + cumL + cumS - side1*Q1*EP1 - QL*EPL + QS*EPS)
//        / (Q1*MMR1 + QL*MMRL + QS*MMRS - side1*Q1 - QL + QS)
//
// where the legs are the positions of ONE symbol that share the margin (the one-way BOTH position, or
// the cross LONG and SHORT of a hedged symbol), WB is the cross wallet balance (the isolated wallet
// for an isolated position), TMM1/UPNL1 are the maintenance margin and unrealized PnL of every other
// cross position (0 for an isolated one), and MMR/cum come from each leg's bracket. Written as legs:
//   LP = (walletAndOthers + sum(cum) - sum(side*Q*EP)) / (sum(Q*MMR) - sum(side*Q))
// The bracket of a leg is the one its notional falls in AT the liquidation price (Q x LP), so each
// combination of brackets is tried and the self-consistent answer kept (the maintenance margin is
// continuous in the price, so there is one; with two legs the one nearest the mark wins). The quotient
// is truncated toward zero to eight decimals and served so, not rounded to the tick: positionRisk on
// the exchange serves liquidationPrice with eight decimals (a captured isolated ETHUSDT short, tick
// 0.01, showed "2949.15712649", which this formula reproduces digit for digit); the tick is for display.
// The other figures it uses are the served ones (wallet, uPnL and MM with eight decimals), so a client
// can redo the sum from REST alone. When no price > 0 solves it (a fully covered long) the result is 0,
// which is what the exchange sends for "no liquidation risk".
class SimLiquidation
{
public:
    struct Leg
    {
        int side = 1;        // +1 long (BOTH with a positive amount, or LONG), -1 short
        qint64 quantity = 0; // |positionAmt|, fixed point
        qint64 entry = 0;    // entryPrice, fixed point
        const SimLeverageBrackets* brackets = nullptr;
    };

    // walletAndOthers = WB + sum over the other cross positions of (unrealizedPnL - maintMargin).
    static qint64 price(qint64 walletAndOthers, const QList<Leg>& legs, qint64 mark);
};

} // namespace marginwatch
