#pragma once

#include "model/Decimal.h"
#include "util/Expected.h"

#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace marginwatch {

// One row of GET /fapi/v1/leverageBracket: positions whose notional is at least notionalFloor and
// below notionalCap keep notional x maintMarginRatio - cum as maintenance margin.
struct LeverageBracket
{
    int bracket = 0;
    int initialLeverage = 0;
    Decimal notionalCap;
    Decimal notionalFloor;
    Decimal maintMarginRatio;
    Decimal cum;

    friend bool operator==(const LeverageBracket&, const LeverageBracket&) = default;
};

// The brackets of one symbol for one account (an account's brackets can be scaled: notionalCoef).
struct SymbolBrackets
{
    QString symbol;
    Decimal notionalCoef;
    QList<LeverageBracket> brackets; // contiguous floors and caps, increasing; never empty once parsed

    // The bracket |notional| falls in; beyond the last cap, the last bracket (the exchange refuses to
    // open more, but a moving mark can carry a position past it).
    const LeverageBracket& bracketFor(const Decimal& notional) const;
    // |notional| x maintMarginRatio - cum of its bracket, with the product cut toward zero to eight
    // decimals as the exchange serves maintMargin; 0 for a zero notional; nullopt on overflow.
    std::optional<Decimal> maintenanceMargin(const Decimal& notional) const;

    friend bool operator==(const SymbolBrackets&, const SymbolBrackets&) = default;
};

// Every symbol's brackets from one leverageBracket body: the array the endpoint returns without
// `symbol`, or the single object it returns with one.
class LeverageBrackets
{
public:
    // Hostile-input bounds: a real answer lists a few hundred symbols with at most a dozen or so
    // brackets each.
    static constexpr qsizetype kMaxBodyBytes = 8 * 1024 * 1024;
    static constexpr qsizetype kMaxSymbols = 5000;
    static constexpr qsizetype kMaxBracketsPerSymbol = 64;
    static constexpr int kMaxLeverage = 500;

    // Strict: every bracket field present once and in range, brackets numbered 1..n in order with
    // floor[0] = 0, floor[n] = cap[n-1] < cap[n], ratios in [0, 1) and not decreasing, cum >= 0, no
    // symbol twice. Unknown fields are ignored. Errors name the place: "leverageBracket: [3].brackets[1]
    // .notionalCap: ...".
    static Expected<LeverageBrackets> parse(QByteArrayView body);

    const SymbolBrackets* find(const QString& symbol) const;
    qsizetype size() const { return m_symbols.size(); }
    bool isEmpty() const { return m_symbols.isEmpty(); }
    QList<QString> symbols() const { return m_symbols.keys(); }
    void insert(const SymbolBrackets& symbol) { m_symbols.insert(symbol.symbol, symbol); }

private:
    QHash<QString, SymbolBrackets> m_symbols;
};

} // namespace marginwatch
