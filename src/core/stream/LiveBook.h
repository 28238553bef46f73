#pragma once

#include "model/AccountSnapshot.h"
#include "model/Decimal.h"
#include "risk/LeverageBrackets.h"
#include "stream/StreamEvents.h"

#include <QHash>
#include <QSet>
#include <QString>

#include <optional>

namespace marginwatch {

// The account as the stream keeps it between REST snapshots: the last snapshot, the deltas of the
// user-data stream applied to it, and what the stream does not carry recomputed from each mark
// price (unrealized PnL, notional, initial and maintenance margin, isolated margin, and the totals
// they add up to), exactly. Pure: time comes in with the events, nothing is sent.
//
// Totals move by the difference each position's figures made, so a mark tick on one symbol costs
// one position. In single-asset mode the totals hold USDT only (as the exchange's do); in
// multi-assets mode the exchange values collateral with haircuts the stream does not give, so the
// wallet part of the totals waits for the next reconciliation while PnL and margins still move.
class LiveBook
{
public:
    void reset(const AccountSnapshot& snapshot);
    void setBrackets(const LeverageBrackets& brackets) { m_brackets = brackets; }
    const LeverageBrackets& brackets() const { return m_brackets; }
    bool hasSnapshot() const { return m_snapshot.isValid(); }
    const AccountSnapshot& snapshot() const { return m_snapshot; }

    // Each returns whether the account changed; `serverNowMs` stamps the snapshot.
    bool apply(const AccountUpdate& update, qint64 serverNowMs);
    bool apply(const AccountConfigUpdate& update, qint64 serverNowMs);
    bool applyMarks(const QList<MarkPriceUpdate>& marks, qint64 serverNowMs);

    QSet<QString> heldSymbols() const;
    bool hasOpenPositions() const { return !m_snapshot.positions.isEmpty(); }
    // Symbols without brackets (maintenance margin then stays as the exchange last sent it).
    QSet<QString> symbolsWithoutBrackets() const;

    // totalMaintMargin / totalMarginBalance in percent, exact to 8 decimals (rounded up: never the
    // optimistic side); nullopt when the margin balance is not positive.
    static std::optional<Decimal> marginRatioPercent(const AccountTotals& totals);

private:
    // Recomputes one position at `mark` and moves the totals and its asset by the difference.
    void reprice(Position& position, const Decimal& mark);
    void addToTotals(const QString& marginAsset, bool isolated, const Decimal& unrealized,
                     const Decimal& initialMargin, const Decimal& maintMargin);
    bool countsInTotals(const QString& marginAsset) const;
    AssetBalance* asset(const QString& name);

    AccountSnapshot m_snapshot;
    LeverageBrackets m_brackets;
    QHash<QString, Decimal> m_marks; // the latest mark per symbol, from the stream or the snapshot
};

// The asset a USDⓈ-M symbol is margined in: BTCUSDT -> USDT, ETHUSDC -> USDC (USDT when unknown).
QString marginAssetOf(const QString& symbol);

} // namespace marginwatch
