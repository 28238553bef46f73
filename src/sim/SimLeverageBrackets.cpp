#include "sim/SimLeverageBrackets.h"

#include "sim/SimFixed.h"
#include "sim/SimJson.h"

namespace marginwatch {

SimLeverageBrackets SimLeverageBrackets::fromRows(const QList<Row>& rows, qint64 notionalCoef)
{
    SimLeverageBrackets table;
    table.m_coef = notionalCoef;
    qint64 floor = 0;
    qint64 previousRatio = 0;
    qint64 cum = 0;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        Tier tier;
        tier.bracket = static_cast<int>(i + 1);
        tier.initialLeverage = rows.at(i).leverage;
        tier.notionalFloor = floor;
        tier.notionalCap = SimFixed::multiply(rows.at(i).cap * SimFixed::kOne, notionalCoef);
        tier.maintMarginRatio = rows.at(i).ratioPpm * 100; // millionths -> 1e-8 units
        cum += SimFixed::multiply(floor, tier.maintMarginRatio - previousRatio);
        tier.cum = cum;
        table.m_tiers.append(tier);
        floor = tier.notionalCap;
        previousRatio = tier.maintMarginRatio;
    }
    return table;
}

const SimLeverageBrackets::Tier& SimLeverageBrackets::tierFor(qint64 absNotional) const
{
    for (const Tier& tier : m_tiers) {
        if (absNotional < tier.notionalCap)
            return tier;
    }
    return m_tiers.constLast();
}

qint64 SimLeverageBrackets::maintenanceMargin(qint64 absNotional) const
{
    if (absNotional == 0 || m_tiers.isEmpty())
        return 0;
    const Tier& tier = tierFor(absNotional);
    return SimFixed::multiply(absNotional, tier.maintMarginRatio) - tier.cum;
}

QByteArray SimLeverageBrackets::json(const QByteArray& symbol) const
{
    QList<QByteArray> brackets;
    for (const Tier& tier : m_tiers) {
        brackets.append(SimJsonObject()
                            .integer("bracket", tier.bracket)
                            .integer("initialLeverage", tier.initialLeverage)
                            .raw("notionalCap", SimFixed::formatTrimmed(tier.notionalCap))
                            .raw("notionalFloor", SimFixed::formatTrimmed(tier.notionalFloor))
                            .raw("maintMarginRatio", SimFixed::formatTrimmed(tier.maintMarginRatio))
                            .raw("cum", SimFixed::formatTrimmed(tier.cum))
                            .finish());
    }
    // Binance writes the coefficient with a decimal point ("1.0", "1.5").
    QByteArray coef = SimFixed::formatTrimmed(m_coef);
    if (!coef.contains('.'))
        coef += ".0";
    return SimJsonObject()
        .string("symbol", symbol)
        .raw("notionalCoef", coef)
        .raw("brackets", simJsonArray(brackets))
        .finish();
}

} // namespace marginwatch
