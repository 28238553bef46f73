#pragma once

#include "sim/SimLeverageBrackets.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace marginwatch {

// The simulated exchange's instruments: tick and lot sizes (GET /fapi/v1/exchangeInfo), the
// leverage brackets per symbol, and typical prices and sizes for the scenarios. The table is the
// simulator's own (it shares nothing with the client), with ticks 0.1, 0.01 ... 0.00001 and steps
// 1, 0.1, 0.01 and 0.001, and the real exchange's quirk that pricePrecision need not match the tick
// (BTCUSDT: pricePrecision 2, tickSize 0.10).
class SimSymbolCatalog
{
public:
    struct Spec
    {
        QByteArray symbol;
        QByteArray baseAsset;
        qint64 price = 0;    // starting mark (fixed point)
        qint64 tick = 0;     // PRICE_FILTER.tickSize (fixed point)
        qint64 step = 0;     // LOT_SIZE.stepSize (fixed point)
        qint64 quantity = 0; // typical position size (fixed point, on the step)
        QByteArray tickText; // as exchangeInfo writes it ("0.10")
        QByteArray stepText;
        int pricePrecision = 2;
        int quantityPrecision = 3;
        int stepDecimals = 3; // decimals positionAmt is written with
        int bracketTable = 0;
    };

    // The n-th instrument the scenarios use: the base table first, then renamed copies
    // ("BTC1USDT", "ETH1USDT", …) once the base table is exhausted.
    static Spec specAt(int index);
    static int baseCount();
    // Spec of any symbol specAt() can produce; nullopt for others.
    static std::optional<Spec> find(const QByteArray& symbol);
    // Spec of a symbol of the base table only (what a client may name without the market holding it:
    // the renamed copies exist only once an account trades them).
    static std::optional<Spec> findBase(const QByteArray& symbol);

    static SimLeverageBrackets brackets(const Spec& spec, qint64 notionalCoef);

    // One exchangeInfo "symbols" entry.
    static QByteArray exchangeInfoSymbolJson(const Spec& spec);
    // Whole exchangeInfo body for these symbols (plus a quarterly contract, as the real list has).
    static QByteArray exchangeInfoJson(const QList<Spec>& specs, qint64 serverTimeMs, int weightLimit);
};

} // namespace marginwatch
