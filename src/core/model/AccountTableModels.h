#pragma once

#include "model/AccountSnapshot.h"
#include "model/KeyedTableModel.h"

namespace marginwatch {

// What a model applied last: the snapshot's list (implicitly shared with it) and the row key of each
// item, so that the next apply can skip the items that did not change.
template <typename Item>
struct AppliedItems
{
    QList<Item> items;
    QList<QString> keys;
};

// assets[]: one row per asset, in the API's field order.
class AssetTableModel : public KeyedTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Asset,
        WalletBalance,
        UnrealizedProfit,
        MarginBalance,
        MaintMargin,
        InitialMargin,
        PositionInitialMargin,
        OpenOrderInitialMargin,
        CrossWalletBalance,
        CrossUnPnl,
        AvailableBalance,
        MaxWithdrawAmount,
        UpdateTime,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit AssetTableModel(QObject* parent = nullptr);
    void apply(const AccountSnapshot& snapshot);

private:
    void forgetApplied() override;

    AppliedItems<AssetBalance> m_applied;
};

// positions[]: one row per symbol and side (hedge mode lists LONG and SHORT separately), enriched
// with prices from positionRisk and leverage / margin type from symbolConfig.
class PositionTableModel : public KeyedTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Symbol,
        Side,
        Size,
        EntryPrice,
        BreakEvenPrice,
        MarkPrice,
        LiquidationPrice,
        LiquidationDistance,
        UnrealizedProfit,
        Notional,
        InitialMargin,
        MaintMargin,
        IsolatedMargin,
        IsolatedWallet,
        Leverage,
        MarginType,
        UpdateTime,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit PositionTableModel(QObject* parent = nullptr);
    void apply(const AccountSnapshot& snapshot);
    static QString rowKey(const Position& position);

private:
    void forgetApplied() override;

    AppliedItems<Position> m_applied;
};

// The 11 top-level totals plus the derived margin ratio, one row each: shared by the totals view and
// anything else that lists totals.
class TotalsModel : public KeyedTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Field,
        Value,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit TotalsModel(QObject* parent = nullptr);
    void apply(const AccountSnapshot& snapshot);
};

} // namespace marginwatch
