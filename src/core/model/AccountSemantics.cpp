#include "model/AccountSemantics.h"

#include <QCoreApplication>

#include <cmath>

namespace marginwatch {

namespace {

// tr() in the context "AccountSemantics", the one lupdate records for Text::tr calls.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(AccountSemantics)
};

} // namespace

QString totalsScopeLabel(const AccountSnapshot& snapshot)
{
    switch (snapshot.accountMode) {
    case AccountMode::SingleAsset:
        return Text::tr("Single-asset mode — totals are USDT only");
    case AccountMode::MultiAssets:
        return Text::tr("Multi-assets mode — totals in USD across %1 assets").arg(snapshot.assets.size());
    case AccountMode::Unknown:
        break;
    }
    return Text::tr("Account mode unknown — totals may be USDT only");
}

QString totalsScopeExplanation(const AccountSnapshot& snapshot)
{
    switch (snapshot.accountMode) {
    case AccountMode::SingleAsset:
        return Text::tr(
            "In single-asset mode every total, the available balance and the maximum withdrawal cover "
            "the USDT asset only; other assets such as USDC are listed below but are not in these totals.");
    case AccountMode::MultiAssets:
        return Text::tr(
            "In multi-assets mode the totals are the USD value of all assets together, margin is shared "
            "between them, and the maximum withdrawal is a virtual USD amount.");
    case AccountMode::Unknown:
        break;
    }
    return Text::tr(
        "The exchange did not say whether this account is in single-asset or multi-assets mode, so the "
        "totals may cover USDT only.");
}

QString positionModeLabel(PositionMode mode)
{
    switch (mode) {
    case PositionMode::OneWay:
        return Text::tr("One-way mode");
    case PositionMode::Hedge:
        return Text::tr("Hedge mode");
    case PositionMode::Unknown:
        break;
    }
    return Text::tr("Position mode unknown");
}

std::optional<double> marginRatio(const AccountTotals& totals)
{
    if (totals.totalMarginBalance.signum() <= 0)
        return std::nullopt;
    return totals.totalMaintMargin.toDouble() / totals.totalMarginBalance.toDouble();
}

std::optional<double> marginRatioPercent(const AccountTotals& totals)
{
    if (const std::optional<double> ratio = marginRatio(totals))
        return *ratio * 100.0;
    return std::nullopt;
}

QString percentText(double percent, const QLocale& locale)
{
    return locale.toString(percent, 'f', 2) + QStringLiteral(" %");
}

std::optional<double> liquidationDistancePercent(const Position& position)
{
    if (!position.markPrice || !position.liquidationPrice || position.liquidationPrice->isZero()
        || position.markPrice->signum() <= 0)
        return std::nullopt;
    const double mark = position.markPrice->toDouble();
    return std::abs(mark - position.liquidationPrice->toDouble()) / mark * 100.0;
}

} // namespace marginwatch
