#pragma once

#include "model/AccountSnapshot.h"
#include "model/Decimal.h"
#include "risk/LeverageBrackets.h"
#include "util/Expected.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace marginwatch {

// A move of the marks: every symbol by `percent`, except the symbols in `overrides`, which move by
// their own percentage. Percentages are of the current mark: -10 means 10 % lower.
struct StressShock
{
    Decimal percent;
    QHash<QString, Decimal> overrides;

    Decimal percentFor(const QString& symbol) const { return overrides.value(symbol, percent); }
};

// One position as the stress model sees it.
struct StressPosition
{
    QString symbol;
    QString positionSide;
    Decimal amount; // signed
    Decimal entryPrice;
    Decimal markPrice;
    Decimal servedUnrealizedProfit;
    bool isolated = false;
    Decimal isolatedWallet;
    const SymbolBrackets* brackets = nullptr; // in the model's bracket table (shared, never changed)

    QString key() const { return symbol + u'/' + positionSide; }
};

// The account at one shock.
struct StressPoint
{
    Decimal shockPercent;
    Decimal totalMarginBalance; // the served balance with every uPnL taken to the shocked marks
    Decimal totalMaintMargin;   // from the brackets, at the shocked notionals
    std::optional<Decimal>
        marginRatio;        // totalMaintMargin / totalMarginBalance; none when the balance is <= 0
    QStringList liquidated; // "SYMBOL/SIDE" of every position liquidated at this shock
};

// A solved shock: the smallest move (in that direction) at which the margin runs out.
struct StressRoot
{
    QString position; // "" for the account (its margin ratio), else the isolated position "SYMBOL/SIDE"
    std::optional<Decimal> down; // percent (<= 0); none when not reached within -99 %
    std::optional<Decimal> up;   // percent (>= 0); none when not reached within +99 %
};

// What happens to an account when its marks move. Pure, exact: the same truncation to eight decimals
// the exchange serves its figures with, and the leverage brackets for each position's notional at the
// shocked mark, so the bracket changes as the notional moves.
//
// The totals follow /fapi/v3/account: the served totalMarginBalance with each position's uPnL taken
// to the shocked mark, and the sum of the maintenance margins. The account's solved shock is where
// that margin ratio reaches 100 %. An isolated position that is liquidated at a shock takes its
// isolated wallet with it and nothing more: from there it counts as the loss of that wallet, with no
// maintenance margin, never as a loss the cross wallet would have to carry.
// Which positions are liquidated at a shock: the cross positions together when
//   totalCrossWalletBalance + sum(cross uPnL) <= sum(cross maintenance margin)
// (Binance's published liquidation-price formula, solved for the shock instead of the price), and an
// isolated position when isolatedWallet + uPnL <= its maintenance margin.
//
// The margin left (balance - maintenance) is concave in the shock (the brackets' maintenance margin
// is convex in the notional, the uPnL linear), so going away from 0 it crosses zero at most once in
// each direction: bisection finds it, to solvePrecision() of shock.
class StressModel
{
    Q_DECLARE_TR_FUNCTIONS(StressModel)
public:
    static constexpr int kMaxShockPercent = 99;
    static const Decimal& solvePrecision(); // 0.000001 percent

    // Fails (in plain language) when the snapshot lacks what the model needs: mark and entry prices,
    // or the brackets of a held symbol.
    static Expected<StressModel> fromSnapshot(const AccountSnapshot& snapshot);

    Expected<StressPoint> at(const StressShock& shock) const;
    // The account (when it holds positions), then every isolated position, in the snapshot's order.
    // Overridden symbols keep their override while the common shock is solved.
    QList<StressRoot> solve(const StressShock& shock) const;

    const QList<StressPosition>& positions() const { return m_positions; }
    // Set when some of the figures cannot be exact (multi-assets collateral valued with haircuts the
    // model does not know, positions outside the USDT totals); the sentences say why.
    bool isApproximate() const { return !m_approximations.isEmpty(); }
    const QStringList& approximations() const { return m_approximations; }

private:
    struct Figures
    {
        Decimal unrealized;
        Decimal maintMargin;
    };
    std::optional<Figures> figuresAt(const StressPosition& p, const Decimal& percent) const;
    // Margin left (balance - maintenance) of the account (index -1) or of isolated position `index`.
    std::optional<Decimal> marginLeft(int index, const StressShock& shock) const;
    std::optional<Decimal> root(int index, const StressShock& shock, int direction) const;

    std::shared_ptr<const LeverageBrackets> m_brackets;
    QList<StressPosition> m_positions;
    Decimal m_totalMarginBalance;
    Decimal m_servedUnrealized; // sum of the modelled positions' served uPnL
    Decimal m_crossWallet;
    bool m_hasCross = false;
    QStringList m_approximations;
};

} // namespace marginwatch
