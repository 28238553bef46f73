#include "risk/StressModel.h"

namespace marginwatch {

namespace {

using namespace Qt::StringLiterals;
using R = Decimal::Rounding;

constexpr int kMoneyDecimals = 8; // what the exchange serves and truncates to
constexpr int kShockDecimals = 8; // of a percent, while solving
constexpr int kRatioDecimals = 6; // as the totals CSV writes marginRatio

const Decimal kHundredPercent = Decimal::fromInteger(100);
const Decimal kTwo = Decimal::fromInteger(2);

bool isStablecoinCollateral(const QString& asset)
{
    return asset == u"USDT"_s || asset == u"USDC"_s;
}

} // namespace

const Decimal& StressModel::solvePrecision()
{
    static const Decimal precision = *Decimal::parse("0.000001");
    return precision;
}

Expected<StressModel> StressModel::fromSnapshot(const AccountSnapshot& snapshot)
{
    if (!snapshot.leverageBrackets) {
        if (!snapshot.leverageBracketsError.isEmpty())
            return failure(
                tr("The leverage brackets could not be read: %1").arg(snapshot.leverageBracketsError));
        return failure(tr("The leverage brackets have not been fetched yet."));
    }
    StressModel model;
    model.m_brackets = snapshot.leverageBrackets;
    model.m_totalMarginBalance = snapshot.totals.totalMarginBalance;
    model.m_crossWallet = snapshot.totals.totalCrossWalletBalance;
    QStringList outsideTotals;
    for (const Position& p : snapshot.positions) {
        if (p.positionAmt.isZero())
            continue;
        // Single-asset totals cover USDT only: a USDC-margined position has its own margin there.
        if (snapshot.accountMode == AccountMode::SingleAsset && !p.symbol.endsWith(u"USDT"_s)) {
            outsideTotals << p.symbol;
            continue;
        }
        if (!p.markPrice || !p.entryPrice)
            return failure(tr("The mark and entry prices of %1 are not known yet.").arg(p.symbol));
        StressPosition sp;
        sp.symbol = p.symbol;
        sp.positionSide = p.positionSide;
        sp.amount = p.positionAmt;
        sp.entryPrice = *p.entryPrice;
        sp.markPrice = *p.markPrice;
        sp.servedUnrealizedProfit = p.unrealizedProfit;
        sp.isolated = p.marginType == u"ISOLATED"_s || (p.marginType.isEmpty() && !p.isolatedWallet.isZero());
        sp.isolatedWallet = p.isolatedWallet;
        sp.brackets = model.m_brackets->find(p.symbol);
        if (!sp.brackets)
            return failure(tr("The leverage brackets do not list %1.").arg(p.symbol));
        const std::optional<Decimal> served = model.m_servedUnrealized.plus(p.unrealizedProfit);
        if (!served)
            return failure(tr("The unrealized profits are too large to add up."));
        model.m_servedUnrealized = *served;
        model.m_hasCross = model.m_hasCross || !sp.isolated;
        model.m_positions.append(sp);
    }
    if (!outsideTotals.isEmpty())
        model.m_approximations << tr("Left out (not margined in USDT, so not in the USDT totals): %1.")
                                      .arg(outsideTotals.join(u", "_s));
    if (snapshot.accountMode == AccountMode::MultiAssets) {
        QStringList others;
        for (const AssetBalance& a : snapshot.assets) {
            if (!isStablecoinCollateral(a.asset) && !a.walletBalance.isZero())
                others << a.asset;
        }
        if (!others.isEmpty())
            model.m_approximations
                << tr("Multi-assets mode: %1 counted at today's value after Binance's haircut; the haircut "
                      "rates and the collateral's own price moves are not modelled.")
                       .arg(others.join(u", "_s));
    }
    return model;
}

std::optional<StressModel::Figures> StressModel::figuresAt(const StressPosition& p,
                                                           const Decimal& percent) const
{
    const std::optional<Decimal> factor = kHundredPercent.plus(percent);
    if (!factor || factor->signum() <= 0)
        return std::nullopt;
    const std::optional<Decimal> scaled = p.markPrice.times(*factor);
    if (!scaled)
        return std::nullopt;
    const std::optional<Decimal> mark = scaled->dividedBy(kHundredPercent, kMoneyDecimals, R::TowardZero);
    if (!mark)
        return std::nullopt;
    const std::optional<Decimal> notional = p.amount.times(*mark);
    const std::optional<Decimal> move = mark->minus(p.entryPrice);
    if (!notional || !move)
        return std::nullopt;
    const std::optional<Decimal> unrealized = move->times(p.amount);
    const std::optional<Decimal> maint =
        p.brackets->maintenanceMargin(notional->rounded(kMoneyDecimals, R::TowardZero));
    if (!unrealized || !maint)
        return std::nullopt;
    return Figures{unrealized->rounded(kMoneyDecimals, R::TowardZero), *maint};
}

std::optional<Decimal> StressModel::marginLeft(int index, const StressShock& shock) const
{
    if (index >= 0) {
        const StressPosition& p = m_positions.at(index);
        const std::optional<Figures> f = figuresAt(p, shock.percentFor(p.symbol));
        if (!f)
            return std::nullopt;
        const std::optional<Decimal> balance = p.isolatedWallet.plus(f->unrealized);
        return balance ? balance->minus(f->maintMargin) : std::nullopt;
    }
    // The account: the shown margin balance less the maintenance margin, over every position.
    std::optional<Decimal> left = m_totalMarginBalance.minus(m_servedUnrealized);
    for (const StressPosition& p : m_positions) {
        const std::optional<Figures> f = figuresAt(p, shock.percentFor(p.symbol));
        if (!f || !left)
            return std::nullopt;
        std::optional<Decimal> own = f->unrealized.minus(f->maintMargin);
        if (!own)
            return std::nullopt;
        // Liquidated, an isolated position has lost its wallet: the least its margin left can be.
        if (p.isolated) {
            const Decimal walletLost = p.isolatedWallet.negated();
            if (*own < walletLost)
                own = walletLost;
        }
        left = left->plus(*own);
    }
    return left;
}

Expected<StressPoint> StressModel::at(const StressShock& shock) const
{
    StressPoint point;
    point.shockPercent = shock.percent;
    std::optional<Decimal> balance = m_totalMarginBalance.minus(m_servedUnrealized);
    std::optional<Decimal> maint = Decimal();
    std::optional<Decimal> crossLeft = m_crossWallet;
    QStringList isolatedLiquidated;
    for (const StressPosition& p : m_positions) {
        const std::optional<Figures> f = figuresAt(p, shock.percentFor(p.symbol));
        if (!f || !balance || !maint || !crossLeft)
            return failure(tr("The figures at this shock are too large to compute exactly."));
        if (p.isolated) {
            const std::optional<Decimal> own = p.isolatedWallet.plus(f->unrealized);
            if (own && *own <= f->maintMargin) {
                // Gone with its wallet: the cross wallet does not pay for the rest of the move.
                isolatedLiquidated << p.key();
                balance = balance->minus(p.isolatedWallet);
                continue;
            }
            balance = balance->plus(f->unrealized);
            maint = maint->plus(f->maintMargin);
        } else {
            balance = balance->plus(f->unrealized);
            maint = maint->plus(f->maintMargin);
            crossLeft = crossLeft->plus(f->unrealized);
            if (crossLeft)
                crossLeft = crossLeft->minus(f->maintMargin);
        }
    }
    if (!balance || !maint || !crossLeft)
        return failure(tr("The figures at this shock are too large to compute exactly."));
    point.totalMarginBalance = *balance;
    point.totalMaintMargin = *maint;
    if (balance->signum() > 0)
        point.marginRatio = maint->dividedBy(*balance, kRatioDecimals, R::Ceiling);
    if (m_hasCross && crossLeft->signum() <= 0) {
        for (const StressPosition& p : m_positions) {
            if (!p.isolated)
                point.liquidated << p.key();
        }
    }
    point.liquidated << isolatedLiquidated;
    return point;
}

std::optional<Decimal> StressModel::root(int index, const StressShock& shock, int direction) const
{
    StressShock probe = shock;
    auto left = [&](const Decimal& percent) {
        probe.percent = percent;
        return marginLeft(index, probe);
    };
    Decimal safe;
    const std::optional<Decimal> atZero = left(safe);
    if (!atZero)
        return std::nullopt;
    if (atZero->signum() <= 0)
        return Decimal(); // already there
    Decimal gone = Decimal::fromInteger(direction * kMaxShockPercent);
    const std::optional<Decimal> atEnd = left(gone);
    if (!atEnd || atEnd->signum() > 0)
        return std::nullopt;
    // Invariant: margin left at `safe` > 0, at `gone` <= 0; the root lies between.
    for (int round = 0; round < 64; ++round) {
        const std::optional<Decimal> width = gone.minus(safe);
        if (!width || width->abs() <= solvePrecision())
            break;
        const std::optional<Decimal> sum = safe.plus(gone);
        const std::optional<Decimal> mid =
            sum ? sum->dividedBy(kTwo, kShockDecimals, R::TowardZero) : std::nullopt;
        if (!mid || *mid == safe || *mid == gone)
            break;
        const std::optional<Decimal> value = left(*mid);
        if (!value)
            return std::nullopt;
        (value->signum() > 0 ? safe : gone) = *mid;
    }
    return gone;
}

QList<StressRoot> StressModel::solve(const StressShock& shock) const
{
    QList<StressRoot> roots;
    if (!m_positions.isEmpty())
        roots.append({QString(), root(-1, shock, -1), root(-1, shock, 1)});
    for (int i = 0; i < m_positions.size(); ++i) {
        if (m_positions.at(i).isolated)
            roots.append({m_positions.at(i).key(), root(i, shock, -1), root(i, shock, 1)});
    }
    return roots;
}

} // namespace marginwatch
