#include "stream/LiveBook.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr int kMoneyDecimals = 8; // the exchange serves money with 8 decimals, cut toward zero

Decimal sum(const Decimal& a, const Decimal& b)
{
    // 38 significant digits hold any real account; a sum beyond them keeps the old figure until the
    // next reconciliation replaces it.
    return a.plus(b).value_or(a);
}

Decimal difference(const Decimal& a, const Decimal& b)
{
    return a.minus(b).value_or(Decimal());
}

std::optional<Decimal> money(const Decimal& a, const Decimal& b)
{
    const std::optional<Decimal> product = a.times(b);
    if (!product)
        return std::nullopt;
    return product->rounded(kMoneyDecimals, Decimal::Rounding::TowardZero);
}

bool isIsolated(const Position& p)
{
    return p.marginType == u"ISOLATED"_s || p.marginType == u"isolated"_s;
}

QDateTime stamp(qint64 serverNowMs)
{
    return QDateTime::fromMSecsSinceEpoch(serverNowMs, Qt::UTC);
}

} // namespace

QString marginAssetOf(const QString& symbol)
{
    for (const QString& quote : {u"USDT"_s, u"USDC"_s, u"FDUSD"_s, u"BUSD"_s}) {
        if (symbol.endsWith(quote))
            return quote;
    }
    return u"USDT"_s;
}

void LiveBook::reset(const AccountSnapshot& snapshot)
{
    m_snapshot = snapshot;
    // The snapshot cycle fetches brackets itself when its owner asked for them: the newer copy.
    if (snapshot.leverageBrackets)
        m_brackets = *snapshot.leverageBrackets;
    for (const Position& p : std::as_const(m_snapshot.positions)) {
        if (p.markPrice && p.markPrice->signum() > 0)
            m_marks.insert(p.symbol, *p.markPrice);
    }
}

QSet<QString> LiveBook::heldSymbols() const
{
    QSet<QString> symbols;
    for (const Position& p : m_snapshot.positions)
        symbols.insert(p.symbol);
    return symbols;
}

QSet<QString> LiveBook::symbolsWithoutBrackets() const
{
    QSet<QString> missing;
    for (const Position& p : m_snapshot.positions) {
        if (!m_brackets.find(p.symbol))
            missing.insert(p.symbol);
    }
    return missing;
}

bool LiveBook::countsInTotals(const QString& marginAsset) const
{
    return m_snapshot.accountMode == AccountMode::MultiAssets || marginAsset == u"USDT"_s;
}

AssetBalance* LiveBook::asset(const QString& name)
{
    for (AssetBalance& a : m_snapshot.assets) {
        if (a.asset == name)
            return &a;
    }
    return nullptr;
}

void LiveBook::addToTotals(const QString& marginAsset, bool isolated, const Decimal& unrealized,
                           const Decimal& initialMargin, const Decimal& maintMargin)
{
    if (AssetBalance* a = asset(marginAsset)) {
        a->unrealizedProfit = sum(a->unrealizedProfit, unrealized);
        a->marginBalance = sum(a->marginBalance, unrealized);
        a->maintMargin = sum(a->maintMargin, maintMargin);
        a->initialMargin = sum(a->initialMargin, initialMargin);
        a->positionInitialMargin = sum(a->positionInitialMargin, initialMargin);
        if (!isolated) {
            a->crossUnPnl = sum(a->crossUnPnl, unrealized);
            a->availableBalance = difference(sum(a->availableBalance, unrealized), initialMargin);
        }
    }
    if (!countsInTotals(marginAsset))
        return;
    AccountTotals& t = m_snapshot.totals;
    t.totalUnrealizedProfit = sum(t.totalUnrealizedProfit, unrealized);
    t.totalMarginBalance = sum(t.totalMarginBalance, unrealized);
    t.totalMaintMargin = sum(t.totalMaintMargin, maintMargin);
    t.totalInitialMargin = sum(t.totalInitialMargin, initialMargin);
    t.totalPositionInitialMargin = sum(t.totalPositionInitialMargin, initialMargin);
    if (!isolated) {
        t.totalCrossUnPnl = sum(t.totalCrossUnPnl, unrealized);
        t.availableBalance = difference(sum(t.availableBalance, unrealized), initialMargin);
        t.maxWithdrawAmount = std::max(Decimal(), std::min(t.availableBalance, t.totalCrossWalletBalance));
    }
}

void LiveBook::reprice(Position& p, const Decimal& mark)
{
    const std::optional<Decimal> notional = money(p.positionAmt, mark);
    const std::optional<Decimal> unrealized =
        p.entryPrice ? money(p.positionAmt, difference(mark, *p.entryPrice)) : std::nullopt;
    if (!notional)
        return;
    Decimal maintMargin = p.maintMargin;
    if (const SymbolBrackets* brackets = m_brackets.find(p.symbol))
        maintMargin = brackets->maintenanceMargin(*notional).value_or(p.maintMargin);
    Decimal initialMargin = p.initialMargin;
    if (p.leverage && *p.leverage > 0)
        initialMargin =
            notional->abs()
                .dividedBy(Decimal::fromInteger(*p.leverage), kMoneyDecimals, Decimal::Rounding::TowardZero)
                .value_or(p.initialMargin);
    const Decimal newUnrealized = unrealized.value_or(p.unrealizedProfit);

    const bool isolated = isIsolated(p);
    addToTotals(marginAssetOf(p.symbol), isolated, difference(newUnrealized, p.unrealizedProfit),
                difference(initialMargin, p.initialMargin), difference(maintMargin, p.maintMargin));
    p.markPrice = mark;
    p.notional = *notional;
    p.unrealizedProfit = newUnrealized;
    p.maintMargin = maintMargin;
    p.initialMargin = initialMargin;
    if (isolated)
        p.isolatedMargin = sum(p.isolatedWallet, newUnrealized);
}

bool LiveBook::applyMarks(const QList<MarkPriceUpdate>& marks, qint64 serverNowMs)
{
    bool changed = false;
    for (const MarkPriceUpdate& m : marks) {
        const auto known = m_marks.constFind(m.symbol);
        if (known != m_marks.cend() && *known == m.markPrice)
            continue;
        m_marks.insert(m.symbol, m.markPrice);
        for (Position& p : m_snapshot.positions) {
            if (p.symbol == m.symbol) {
                reprice(p, m.markPrice);
                changed = true;
            }
        }
    }
    if (changed)
        m_snapshot.takenAt = stamp(serverNowMs);
    return changed;
}

bool LiveBook::apply(const AccountUpdate& update, qint64 serverNowMs)
{
    if (!hasSnapshot())
        return false;
    for (const BalanceUpdate& b : update.balances) {
        AssetBalance* a = asset(b.asset);
        if (!a) {
            m_snapshot.assets.append(AssetBalance{});
            a = &m_snapshot.assets.last();
            a->asset = b.asset;
        }
        const Decimal walletChange = difference(b.walletBalance, a->walletBalance);
        const Decimal crossChange = difference(b.crossWallet, a->crossWalletBalance);
        a->walletBalance = b.walletBalance;
        a->crossWalletBalance = b.crossWallet;
        a->marginBalance = sum(a->marginBalance, walletChange);
        a->availableBalance = sum(a->availableBalance, crossChange);
        a->maxWithdrawAmount = std::max(Decimal(), std::min(a->availableBalance, a->crossWalletBalance));
        a->updateTime = update.transactionTime;
        // Multi-assets totals are haircut USD values the event does not give: reconciliation
        // brings them (the fill or transfer that moved the wallet triggers one).
        if (m_snapshot.accountMode != AccountMode::MultiAssets && b.asset == u"USDT"_s) {
            AccountTotals& t = m_snapshot.totals;
            t.totalWalletBalance = b.walletBalance;
            t.totalCrossWalletBalance = b.crossWallet;
            t.totalMarginBalance = sum(t.totalMarginBalance, walletChange);
            t.availableBalance = sum(t.availableBalance, crossChange);
            t.maxWithdrawAmount =
                std::max(Decimal(), std::min(t.availableBalance, t.totalCrossWalletBalance));
        }
    }
    for (const PositionUpdate& u : update.positions) {
        qsizetype index = -1;
        for (qsizetype i = 0; i < m_snapshot.positions.size(); ++i) {
            if (m_snapshot.positions.at(i).symbol == u.symbol
                && m_snapshot.positions.at(i).positionSide == u.positionSide) {
                index = i;
                break;
            }
        }
        if (u.positionAmt.isZero()) {
            if (index >= 0) {
                // Its figures leave the totals with it.
                Position& gone = m_snapshot.positions[index];
                addToTotals(marginAssetOf(gone.symbol), isIsolated(gone), gone.unrealizedProfit.negated(),
                            gone.initialMargin.negated(), gone.maintMargin.negated());
                m_snapshot.positions.removeAt(index);
            }
            continue;
        }
        if (index < 0) {
            Position fresh;
            fresh.symbol = u.symbol;
            fresh.positionSide = u.positionSide;
            // The leverage of a new symbol comes with the reconciliation the fill triggers.
            fresh.marginType =
                u.marginType.compare(u"isolated"_s, Qt::CaseInsensitive) == 0 ? u"ISOLATED"_s : u"CROSSED"_s;
            m_snapshot.positions.append(fresh);
            index = m_snapshot.positions.size() - 1;
        }
        Position& p = m_snapshot.positions[index];
        p.positionAmt = u.positionAmt;
        p.entryPrice = u.entryPrice;
        p.breakEvenPrice = u.breakEvenPrice;
        p.isolatedWallet = u.isolatedWallet;
        p.updateTime = update.transactionTime;
        // The event's uPnL is at the exchange's mark of that moment; the latest mark we hold is
        // at least as recent, and keeps the figures consistent with the totals.
        const auto mark = m_marks.constFind(p.symbol);
        reprice(p, mark != m_marks.cend() ? *mark : u.entryPrice);
    }
    m_snapshot.takenAt = stamp(serverNowMs);
    return true;
}

bool LiveBook::apply(const AccountConfigUpdate& update, qint64 serverNowMs)
{
    if (!hasSnapshot())
        return false;
    bool changed = false;
    if (update.multiAssets) {
        const AccountMode mode = *update.multiAssets ? AccountMode::MultiAssets : AccountMode::SingleAsset;
        changed = mode != m_snapshot.accountMode;
        m_snapshot.accountMode = mode;
    }
    if (update.leverage) {
        for (Position& p : m_snapshot.positions) {
            if (p.symbol == update.symbol && p.leverage != update.leverage) {
                p.leverage = update.leverage;
                if (p.markPrice)
                    reprice(p, *p.markPrice);
                changed = true;
            }
        }
    }
    if (changed)
        m_snapshot.takenAt = stamp(serverNowMs);
    return changed;
}

std::optional<Decimal> LiveBook::marginRatioPercent(const AccountTotals& totals)
{
    if (totals.totalMarginBalance.signum() <= 0)
        return std::nullopt;
    const std::optional<Decimal> scaled = totals.totalMaintMargin.times(Decimal::fromInteger(100));
    if (!scaled)
        return std::nullopt;
    return scaled->dividedBy(totals.totalMarginBalance, 8, Decimal::Rounding::Ceiling);
}

} // namespace marginwatch
