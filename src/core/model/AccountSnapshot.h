#pragma once

#include "model/Decimal.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <memory>
#include <optional>

namespace marginwatch {

class LeverageBrackets;

// Single-asset mode: every total covers USDT only. Multi-assets mode: totals are USD values across
// all assets and maxWithdrawAmount is a virtual USD amount. Comes from accountConfig.multiAssetsMargin.
enum class AccountMode
{
    Unknown,
    SingleAsset,
    MultiAssets
};
// One-way: positionSide BOTH. Hedge: LONG and SHORT rows per symbol. From accountConfig.dualSidePosition.
enum class PositionMode
{
    Unknown,
    OneWay,
    Hedge
};

// The 11 top-level fields of GET /fapi/v3/account, in the API's order and under the API's names.
struct AccountTotals
{
    Decimal totalInitialMargin;
    Decimal totalMaintMargin;
    Decimal totalWalletBalance;
    Decimal totalUnrealizedProfit;
    Decimal totalMarginBalance;
    Decimal totalPositionInitialMargin;
    Decimal totalOpenOrderInitialMargin;
    Decimal totalCrossWalletBalance;
    Decimal totalCrossUnPnl;
    Decimal availableBalance;
    Decimal maxWithdrawAmount;

    friend bool operator==(const AccountTotals&, const AccountTotals&) = default;
};

// One element of assets[] (API order and names).
struct AssetBalance
{
    QString asset;
    Decimal walletBalance;
    Decimal unrealizedProfit;
    Decimal marginBalance;
    Decimal maintMargin;
    Decimal initialMargin;
    Decimal positionInitialMargin;
    Decimal openOrderInitialMargin;
    Decimal crossWalletBalance;
    Decimal crossUnPnl;
    Decimal availableBalance;
    Decimal maxWithdrawAmount;
    qint64 updateTime = 0;

    friend bool operator==(const AssetBalance&, const AssetBalance&) = default;
};

// One element of positions[] (API order and names), enriched from positionRisk and symbolConfig.
struct Position
{
    QString symbol;
    QString positionSide; // "BOTH", "LONG" or "SHORT"
    Decimal positionAmt;
    Decimal unrealizedProfit;
    Decimal isolatedMargin;
    Decimal notional;
    Decimal isolatedWallet;
    Decimal initialMargin;
    Decimal maintMargin;
    qint64 updateTime = 0;

    // Enrichment: empty optionals when the completing endpoints did not say.
    std::optional<Decimal> entryPrice;       // positionRisk
    std::optional<Decimal> breakEvenPrice;   // positionRisk
    std::optional<Decimal> markPrice;        // positionRisk
    std::optional<Decimal> liquidationPrice; // positionRisk ("0" when there is none)
    std::optional<int> leverage;             // symbolConfig
    QString marginType;                      // symbolConfig: "CROSSED" / "ISOLATED", empty if unknown

    friend bool operator==(const Position&, const Position&) = default;
};

// One immutable, complete view of the account at one moment. A value type: cheap to copy
// (implicitly shared lists), safe to hand across threads, read by models and exporters alike.
struct AccountSnapshot
{
    QDateTime takenAt; // UTC, millisecond precision
    AccountMode accountMode = AccountMode::Unknown;
    PositionMode positionMode = PositionMode::Unknown;
    AccountTotals totals;
    QList<AssetBalance> assets;
    QList<Position> positions;
    // GET /fapi/v1/leverageBracket as last fetched (only when asked for, and refreshed rarely): null
    // when never fetched; leverageBracketsError says why the latest attempt gave nothing.
    std::shared_ptr<const LeverageBrackets> leverageBrackets;
    QString leverageBracketsError;

    bool isValid() const { return takenAt.isValid(); }
};

} // namespace marginwatch

Q_DECLARE_METATYPE(marginwatch::AccountSnapshot)
