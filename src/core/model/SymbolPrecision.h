#pragma once

#include "model/Decimal.h"

#include <QHash>
#include <QString>

#include <memory>
#include <optional>

namespace marginwatch {

// What GET /fapi/v1/exchangeInfo says about how one contract's numbers are written.
struct SymbolPrecision
{
    Decimal tickSize;           // PRICE_FILTER.tickSize; zero when the filter is missing
    Decimal stepSize;           // LOT_SIZE.stepSize; zero when the filter is missing
    int pricePrecision = -1;    // -1 when not sent
    int quantityPrecision = -1; // -1 when not sent
    QString marginAsset;        // the asset the contract's margin and PnL are in; empty when not sent

    friend bool operator==(const SymbolPrecision&, const SymbolPrecision&) = default;
};

// Every contract's precision, as one exchangeInfo answer (or its cached copy) gave them. Immutable
// once built and shared between the models that read it.
class SymbolPrecisionTable
{
public:
    SymbolPrecisionTable() = default;
    SymbolPrecisionTable(QHash<QString, SymbolPrecision> symbols, qint64 fetchedAtMs)
        : m_symbols(std::move(symbols))
        , m_fetchedAtMs(fetchedAtMs)
    {}

    const SymbolPrecision* find(const QString& symbol) const
    {
        const auto found = m_symbols.constFind(symbol);
        return found == m_symbols.cend() ? nullptr : &*found;
    }
    const QHash<QString, SymbolPrecision>& symbols() const { return m_symbols; }
    qsizetype size() const { return m_symbols.size(); }
    bool isEmpty() const { return m_symbols.isEmpty(); }
    // When the exchange answered (local clock, ms since the epoch); 0 for an empty table.
    qint64 fetchedAtMs() const { return m_fetchedAtMs; }

private:
    QHash<QString, SymbolPrecision> m_symbols;
    qint64 m_fetchedAtMs = 0;
};

using SharedSymbolPrecision = std::shared_ptr<const SymbolPrecisionTable>;

} // namespace marginwatch
