#include "model/AccountTableModels.h"

#include "model/AccountSemantics.h"

#include <QCoreApplication>
#include <QDateTime>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("AccountTableModels", text);
}

ColumnSpec text(const char* title, const char* toolTip)
{
    return ColumnSpec{tr(title), tr(toolTip), 0, false};
}

ColumnSpec timeColumn(const char* title, const char* toolTip)
{
    return ColumnSpec{tr(title), tr(toolTip), 0, false, true};
}

ColumnSpec money(const char* title, const char* toolTip, int digits = 2)
{
    return ColumnSpec{tr(title), tr(toolTip), digits, true};
}

CellValue timeCell(qint64 ms)
{
    if (ms <= 0)
        return std::monostate{};
    return ms;
}

CellValue optionalDecimal(const std::optional<Decimal>& value)
{
    return value ? CellValue(*value) : CellValue(std::monostate{});
}

QList<ColumnSpec> assetColumns()
{
    return {
        text("Asset", "The margin asset."),
        money("Wallet balance", "Wallet balance of this asset."),
        money("Unrealized PnL", "Unrealized profit of this asset's positions."),
        money("Margin balance", "Wallet balance plus unrealized profit."),
        money("Maint. margin", "Maintenance margin required."),
        money("Initial margin", "Total initial margin required with the current mark price."),
        money("Position IM", "Initial margin required for positions with the current mark price."),
        money("Open order IM", "Initial margin required for open orders with the current mark price."),
        money("Cross wallet", "Crossed wallet balance."),
        money("Cross unPnL", "Unrealized profit of crossed positions."),
        money("Available", "Available balance."),
        money("Max withdraw", "Maximum amount for transfer out."),
        timeColumn("Updated (UTC)", "Last update time reported by the exchange."),
    };
}

QList<ColumnSpec> positionColumns()
{
    return {
        text("Symbol", "The contract."),
        text("Side", "BOTH in one-way mode; LONG or SHORT in hedge mode."),
        money("Size", "Position amount; negative for a short position in one-way mode.", 0),
        money("Entry", "Average entry price (positionRisk)."),
        money("Break-even", "Price at which the position breaks even after fees (positionRisk)."),
        money("Mark", "Mark price used for PnL and liquidation (positionRisk)."),
        money("Liquidation", "Estimated liquidation price (positionRisk); 0 means none."),
        ColumnSpec{tr("To liq."),
                   tr("Distance from the mark price to the liquidation price, in percent of the mark."), 2,
                   true},
        money("Unrealized PnL", "Unrealized profit with the current mark price."),
        money("Notional", "Position value at the mark price."),
        money("Initial margin", "Initial margin required with the current mark price."),
        money("Maint. margin", "Maintenance margin required."),
        money("Isolated margin", "Margin of an isolated position."),
        money("Isolated wallet", "Wallet balance of an isolated position."),
        ColumnSpec{tr("Leverage"), tr("Leverage set for this symbol (symbolConfig)."), 0, true},
        text("Margin type", "CROSSED or ISOLATED (symbolConfig)."),
        timeColumn("Updated (UTC)", "Last update time reported by the exchange."),
    };
}

// Each value constructed once in place; a braced list would construct it and then copy it.
template <typename... Values>
QList<CellValue> cells(Values&&... values)
{
    QList<CellValue> list;
    list.reserve(sizeof...(Values));
    (list.emplace_back(std::forward<Values>(values)), ...);
    return list;
}

bool sameText(const std::optional<Decimal>& a, const std::optional<Decimal>& b)
{
    return a.has_value() == b.has_value() && (!a || a->isSameText(*b));
}

// Exactly as received last time: every field, decimals down to their text.
bool sameAsApplied(const AssetBalance& a, const AssetBalance& b)
{
    return a.asset == b.asset && a.updateTime == b.updateTime && a.walletBalance.isSameText(b.walletBalance)
           && a.unrealizedProfit.isSameText(b.unrealizedProfit) && a.marginBalance.isSameText(b.marginBalance)
           && a.maintMargin.isSameText(b.maintMargin) && a.initialMargin.isSameText(b.initialMargin)
           && a.positionInitialMargin.isSameText(b.positionInitialMargin)
           && a.openOrderInitialMargin.isSameText(b.openOrderInitialMargin)
           && a.crossWalletBalance.isSameText(b.crossWalletBalance) && a.crossUnPnl.isSameText(b.crossUnPnl)
           && a.availableBalance.isSameText(b.availableBalance)
           && a.maxWithdrawAmount.isSameText(b.maxWithdrawAmount);
}

bool sameAsApplied(const Position& a, const Position& b)
{
    return a.symbol == b.symbol && a.positionSide == b.positionSide && a.updateTime == b.updateTime
           && a.positionAmt.isSameText(b.positionAmt) && a.unrealizedProfit.isSameText(b.unrealizedProfit)
           && a.isolatedMargin.isSameText(b.isolatedMargin) && a.notional.isSameText(b.notional)
           && a.isolatedWallet.isSameText(b.isolatedWallet) && a.initialMargin.isSameText(b.initialMargin)
           && a.maintMargin.isSameText(b.maintMargin) && sameText(a.entryPrice, b.entryPrice)
           && sameText(a.breakEvenPrice, b.breakEvenPrice) && sameText(a.markPrice, b.markPrice)
           && sameText(a.liquidationPrice, b.liquidationPrice) && a.leverage == b.leverage
           && a.marginType == b.marginType;
}

bool sameIdentity(const AssetBalance& a, const AssetBalance& b)
{
    return a.asset == b.asset;
}

bool sameIdentity(const Position& a, const Position& b)
{
    return a.symbol == b.symbol && a.positionSide == b.positionSide;
}

// Rows for `items`, where an item equal to the one applied at the same index last time (the usual
// case: the API lists rows in a stable order) becomes a key-only unchanged row, and a changed item
// that is still the same row reuses its key. Every cell of a row derives from its item alone, which
// is what makes that sound. `fillRow(item, row)` sets the cells and emptiness; `keyOf(item)` makes a
// new key. `last` then holds `items` and their keys.
template <typename Item, typename KeyOf, typename FillRow>
QList<TableRow> rowsSinceApplied(const QList<Item>& items, AppliedItems<Item>& last, KeyOf keyOf,
                                 FillRow fillRow)
{
    const QList<Item>& applied = last.items;
    const QList<QString>& appliedKeys = last.keys;
    QList<TableRow> rows;
    rows.reserve(items.size());
    QList<QString> keys;
    keys.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        const Item& item = items.at(i);
        const bool sameRow = i < applied.size() && sameIdentity(item, applied.at(i));
        if (sameRow && sameAsApplied(item, applied.at(i))) {
            rows.append(TableRow::unchangedRow(appliedKeys.at(i)));
        } else {
            TableRow row;
            row.key = sameRow ? appliedKeys.at(i) : keyOf(item);
            fillRow(item, row);
            rows.append(std::move(row));
        }
        keys.append(rows.constLast().key);
    }
    last.items = items;
    last.keys = std::move(keys);
    return rows;
}

bool allZero(std::initializer_list<const Decimal*> values)
{
    for (const Decimal* v : values) {
        if (!v->isZero())
            return false;
    }
    return true;
}

} // namespace

AssetTableModel::AssetTableModel(QObject* parent)
    : KeyedTableModel(assetColumns(), parent)
{}

void AssetTableModel::apply(const AccountSnapshot& snapshot)
{
    // The very same list (an unchanged poll, see parseSnapshot) cannot hold a change.
    if (rowCount() > 0 && snapshot.assets.isSharedWith(m_applied.items))
        return;
    QList<TableRow> rows = rowsSinceApplied(
        snapshot.assets, m_applied, [](const AssetBalance& a) { return a.asset; },
        [](const AssetBalance& a, TableRow& row) {
            row.cells = cells(a.asset, a.walletBalance, a.unrealizedProfit, a.marginBalance, a.maintMargin,
                              a.initialMargin, a.positionInitialMargin, a.openOrderInitialMargin,
                              a.crossWalletBalance, a.crossUnPnl, a.availableBalance, a.maxWithdrawAmount,
                              timeCell(a.updateTime));
            row.isEmpty =
                allZero({&a.walletBalance, &a.unrealizedProfit, &a.marginBalance, &a.availableBalance});
        });
    applyRows(std::move(rows));
}

void AssetTableModel::forgetApplied()
{
    m_applied = {};
}

PositionTableModel::PositionTableModel(QObject* parent)
    : KeyedTableModel(positionColumns(), parent)
{}

QString PositionTableModel::rowKey(const Position& position)
{
    return position.symbol + u'/' + position.positionSide;
}

void PositionTableModel::apply(const AccountSnapshot& snapshot)
{
    if (rowCount() > 0 && snapshot.positions.isSharedWith(m_applied.items))
        return;
    QList<TableRow> rows = rowsSinceApplied(
        snapshot.positions, m_applied, &PositionTableModel::rowKey, [](const Position& p, TableRow& row) {
            const std::optional<double> distance = liquidationDistancePercent(p);
            row.cells =
                cells(p.symbol, p.positionSide, p.positionAmt, optionalDecimal(p.entryPrice),
                      optionalDecimal(p.breakEvenPrice), optionalDecimal(p.markPrice),
                      optionalDecimal(p.liquidationPrice),
                      distance ? CellValue(*distance) : CellValue(std::monostate{}), p.unrealizedProfit,
                      p.notional, p.initialMargin, p.maintMargin, p.isolatedMargin, p.isolatedWallet,
                      p.leverage ? CellValue(qint64(*p.leverage)) : CellValue(std::monostate{}),
                      p.marginType.isEmpty() ? CellValue(std::monostate{}) : CellValue(p.marginType),
                      timeCell(p.updateTime));
            row.isEmpty = p.positionAmt.isZero();
        });
    applyRows(std::move(rows));
}

void PositionTableModel::forgetApplied()
{
    m_applied = {};
}

TotalsModel::TotalsModel(QObject* parent)
    : KeyedTableModel({text("Field", "The /fapi/v3/account total, under its API name."),
                       money("Value", "The value exactly as the exchange sent it.")},
                      parent)
{}

void TotalsModel::apply(const AccountSnapshot& snapshot)
{
    const AccountTotals& t = snapshot.totals;
    const std::pair<const char*, const Decimal*> fields[] = {
        {"totalInitialMargin", &t.totalInitialMargin},
        {"totalMaintMargin", &t.totalMaintMargin},
        {"totalWalletBalance", &t.totalWalletBalance},
        {"totalUnrealizedProfit", &t.totalUnrealizedProfit},
        {"totalMarginBalance", &t.totalMarginBalance},
        {"totalPositionInitialMargin", &t.totalPositionInitialMargin},
        {"totalOpenOrderInitialMargin", &t.totalOpenOrderInitialMargin},
        {"totalCrossWalletBalance", &t.totalCrossWalletBalance},
        {"totalCrossUnPnl", &t.totalCrossUnPnl},
        {"availableBalance", &t.availableBalance},
        {"maxWithdrawAmount", &t.maxWithdrawAmount},
    };
    QList<TableRow> rows;
    for (const auto& [name, value] : fields)
        rows.append(
            TableRow{QString::fromLatin1(name), {QString::fromLatin1(name), *value}, value->isZero()});
    const std::optional<double> ratio = marginRatio(t);
    rows.append(TableRow{u"marginRatio"_s,
                         {u"marginRatio"_s, ratio ? CellValue(*ratio * 100.0) : CellValue(std::monostate{})},
                         !ratio});
    applyRows(std::move(rows));
}

} // namespace marginwatch
