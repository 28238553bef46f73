#include "sim/SimLiquidation.h"

#include "sim/SimFixed.h"

#include <limits>
#include <optional>

namespace marginwatch {

namespace {

using Wide = SimFixed::Wide;

// LP for one choice of brackets, or nullopt when the denominator vanishes or the price is not > 0.
std::optional<qint64> solve(qint64 walletAndOthers, const QList<SimLiquidation::Leg>& legs,
                            const QList<const SimLeverageBrackets::Tier*>& tiers)
{
    // Numerator and denominator both in units of 1e-16.
    Wide numerator = static_cast<Wide>(walletAndOthers) * SimFixed::kOne;
    Wide denominator = 0;
    for (qsizetype i = 0; i < legs.size(); ++i) {
        const SimLiquidation::Leg& leg = legs.at(i);
        numerator += static_cast<Wide>(tiers.at(i)->cum) * SimFixed::kOne;
        numerator -= static_cast<Wide>(leg.side) * leg.quantity * leg.entry;
        denominator += static_cast<Wide>(leg.quantity) * tiers.at(i)->maintMarginRatio;
        denominator -= static_cast<Wide>(leg.side) * leg.quantity * SimFixed::kOne;
    }
    if (denominator == 0)
        return std::nullopt;
    const Wide lp = numerator * SimFixed::kOne / denominator;
    if (lp <= 0 || lp > static_cast<Wide>(std::numeric_limits<qint64>::max() / 4))
        return std::nullopt;
    return static_cast<qint64>(lp);
}

bool consistent(const QList<SimLiquidation::Leg>& legs, const QList<const SimLeverageBrackets::Tier*>& tiers,
                qint64 lp)
{
    for (qsizetype i = 0; i < legs.size(); ++i) {
        const qint64 notional = SimFixed::multiply(legs.at(i).quantity, lp);
        if (&legs.at(i).brackets->tierFor(notional) != tiers.at(i))
            return false;
    }
    return true;
}

} // namespace

qint64 SimLiquidation::price(qint64 walletAndOthers, const QList<Leg>& legs, qint64 mark)
{
    if (legs.isEmpty() || legs.size() > 2)
        return 0;
    for (const Leg& leg : legs) {
        if (!leg.brackets || leg.brackets->tiers().isEmpty() || leg.quantity <= 0)
            return 0;
    }
    std::optional<qint64> best;
    QList<const SimLeverageBrackets::Tier*> tiers(legs.size(), nullptr);
    const qsizetype firstCount = legs.at(0).brackets->tiers().size();
    const qsizetype secondCount = legs.size() > 1 ? legs.at(1).brackets->tiers().size() : 1;
    for (qsizetype a = 0; a < firstCount; ++a) {
        for (qsizetype b = 0; b < secondCount; ++b) {
            tiers[0] = &legs.at(0).brackets->tiers().at(a);
            if (legs.size() > 1)
                tiers[1] = &legs.at(1).brackets->tiers().at(b);
            const std::optional<qint64> lp = solve(walletAndOthers, legs, tiers);
            if (!lp || !consistent(legs, tiers, *lp))
                continue;
            if (!best || SimFixed::abs(*lp - mark) < SimFixed::abs(*best - mark))
                best = lp;
        }
    }
    if (best)
        return *best;
    // Truncation can leave a root exactly on a bracket boundary unclaimed by either side of it; then
    // follow the brackets from the mark until they settle.
    for (qsizetype i = 0; i < legs.size(); ++i)
        tiers[i] = &legs.at(i).brackets->tierFor(SimFixed::multiply(legs.at(i).quantity, mark));
    std::optional<qint64> lp;
    for (int round = 0; round < 8; ++round) {
        lp = solve(walletAndOthers, legs, tiers);
        if (!lp)
            return 0;
        bool settled = true;
        for (qsizetype i = 0; i < legs.size(); ++i) {
            const SimLeverageBrackets::Tier* next =
                &legs.at(i).brackets->tierFor(SimFixed::multiply(legs.at(i).quantity, *lp));
            settled = settled && next == tiers.at(i);
            tiers[i] = next;
        }
        if (settled)
            break;
    }
    return lp.value_or(0);
}

} // namespace marginwatch
