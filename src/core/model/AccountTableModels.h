#pragma once

#include "model/AccountFields.h"
#include "model/AccountSnapshot.h"
#include "model/KeyedTableModel.h"

#include <array>
#include <string_view>

namespace marginwatch {

// What a model applied last: the snapshot's list (implicitly shared with it) and the row key of each
// item, so that the next apply can skip the items that did not change.
template <typename Item>
struct AppliedItems
{
    QList<Item> items;
    QList<QString> keys;
};

// assets[]: one row per asset, one column per field of kAssetFields, in its order.
class AssetTableModel : public KeyedTableModel
{
    Q_OBJECT
public:
    // The columns code refers to by name; a field added to kAssetFields gets its column regardless.
    enum Column : int
    {
        Asset = fieldIndex<AssetBalance>("asset"),
        WalletBalance = fieldIndex<AssetBalance>("walletBalance"),
        UnrealizedProfit = fieldIndex<AssetBalance>("unrealizedProfit"),
        MarginBalance = fieldIndex<AssetBalance>("marginBalance"),
        MaintMargin = fieldIndex<AssetBalance>("maintMargin"),
        InitialMargin = fieldIndex<AssetBalance>("initialMargin"),
        PositionInitialMargin = fieldIndex<AssetBalance>("positionInitialMargin"),
        OpenOrderInitialMargin = fieldIndex<AssetBalance>("openOrderInitialMargin"),
        CrossWalletBalance = fieldIndex<AssetBalance>("crossWalletBalance"),
        CrossUnPnl = fieldIndex<AssetBalance>("crossUnPnl"),
        AvailableBalance = fieldIndex<AssetBalance>("availableBalance"),
        MaxWithdrawAmount = fieldIndex<AssetBalance>("maxWithdrawAmount"),
        UpdateTime = fieldIndex<AssetBalance>("updateTime"),
        ColumnCount = int(kAssetFields.size())
    };
    Q_ENUM(Column)

    explicit AssetTableModel(QObject* parent = nullptr);
    void apply(const AccountSnapshot& snapshot);

private:
    void forgetApplied() override;

    AppliedItems<AssetBalance> m_applied;
};

// The positions table's column order: a trader reads size and prices first. Fields not named here
// follow in kPositionFields' order, so a new field gets a column without a change here.
inline constexpr std::string_view kLiquidationDistanceColumn = "liquidationDistance"; // derived, not a field
inline constexpr std::array<std::string_view, 12> kPositionLeadingColumns{
    "symbol",           "positionSide", "positionAmt",      "entryPrice",
    "breakEvenPrice",   "markPrice",    "liquidationPrice", kLiquidationDistanceColumn,
    "unrealizedProfit", "notional",     "initialMargin",    "maintMargin"};
inline constexpr std::array<std::string_view, 1> kPositionTrailingColumns{"updateTime"};

// Every column of the positions table by name, in order.
constexpr std::array<std::string_view, kPositionFields.size() + 1> positionColumnLayout()
{
    std::array<std::string_view, kPositionFields.size() + 1> layout{};
    std::size_t next = 0;
    const auto listed = [](std::string_view name) {
        for (std::string_view leading : kPositionLeadingColumns) {
            if (leading == name)
                return true;
        }
        for (std::string_view trailing : kPositionTrailingColumns) {
            if (trailing == name)
                return true;
        }
        return false;
    };
    for (std::string_view name : kPositionLeadingColumns)
        layout[next++] = name;
    for (const Field<Position>& f : kPositionFields) {
        if (!listed(f.apiName))
            layout[next++] = f.apiName;
    }
    for (std::string_view name : kPositionTrailingColumns)
        layout[next++] = name;
    return layout;
}

inline constexpr auto kPositionColumnLayout = positionColumnLayout();

constexpr int positionColumn(std::string_view name)
{
    for (std::size_t i = 0; i < kPositionColumnLayout.size(); ++i) {
        if (kPositionColumnLayout[i] == name)
            return static_cast<int>(i);
    }
    return -1;
}

// positions[]: one row per symbol and side (hedge mode lists LONG and SHORT separately), enriched
// with prices from positionRisk and leverage / margin type from symbolConfig, plus the distance to
// liquidation derived from them.
class PositionTableModel : public KeyedTableModel
{
    Q_OBJECT
public:
    enum Column : int
    {
        Symbol = positionColumn("symbol"),
        Side = positionColumn("positionSide"),
        Size = positionColumn("positionAmt"),
        EntryPrice = positionColumn("entryPrice"),
        BreakEvenPrice = positionColumn("breakEvenPrice"),
        MarkPrice = positionColumn("markPrice"),
        LiquidationPrice = positionColumn("liquidationPrice"),
        LiquidationDistance = positionColumn(kLiquidationDistanceColumn),
        UnrealizedProfit = positionColumn("unrealizedProfit"),
        Notional = positionColumn("notional"),
        InitialMargin = positionColumn("initialMargin"),
        MaintMargin = positionColumn("maintMargin"),
        IsolatedMargin = positionColumn("isolatedMargin"),
        IsolatedWallet = positionColumn("isolatedWallet"),
        Leverage = positionColumn("leverage"),
        MarginType = positionColumn("marginType"),
        UpdateTime = positionColumn("updateTime"),
        ColumnCount = int(kPositionColumnLayout.size())
    };
    Q_ENUM(Column)

    explicit PositionTableModel(QObject* parent = nullptr);
    void apply(const AccountSnapshot& snapshot);
    static QString rowKey(const Position& position);

private:
    void forgetApplied() override;

    AppliedItems<Position> m_applied;
};

// The account's totals: one row, one column per field of kTotalsFields, then the margin ratio in
// percent. The row's vertical header tool tip says what the totals cover (single-asset or
// multi-assets mode).
class TotalsModel : public KeyedTableModel
{
    Q_OBJECT
public:
    static constexpr int MarginRatio = int(kTotalsFields.size());
    static constexpr int ColumnCount = MarginRatio + 1;

    explicit TotalsModel(QObject* parent = nullptr);
    void apply(const AccountSnapshot& snapshot);
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void forgetApplied() override;

    QString m_scope;
};

} // namespace marginwatch
