#include "model/AccountSortFilterProxy.h"
#include "model/AccountTableModels.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace marginwatch;

namespace {

Decimal d(const char* text)
{
    return *Decimal::parse(std::string_view(text));
}

Position position(const QString& symbol, const QString& side, const char* amount, const char* mark,
                  const char* pnl)
{
    Position p;
    p.symbol = symbol;
    p.positionSide = side;
    p.positionAmt = d(amount);
    p.unrealizedProfit = d(pnl);
    p.notional = d("100");
    p.markPrice = d(mark);
    p.entryPrice = d("100.00");
    p.liquidationPrice = d("50.00");
    p.leverage = 10;
    p.marginType = u"CROSSED"_s;
    return p;
}

AssetBalance asset(const QString& name, const char* wallet)
{
    AssetBalance a;
    a.asset = name;
    a.walletBalance = d(wallet);
    a.marginBalance = d(wallet);
    a.availableBalance = d(wallet);
    return a;
}

AccountSnapshot baseSnapshot()
{
    AccountSnapshot s;
    s.takenAt = QDateTime::fromMSecsSinceEpoch(1764000000000, Qt::UTC);
    s.accountMode = AccountMode::SingleAsset;
    s.positionMode = PositionMode::Hedge;
    s.totals.totalWalletBalance = d("1000.00000000");
    s.totals.totalMarginBalance = d("990.00000000");
    s.totals.totalMaintMargin = d("9.90000000");
    s.assets = {asset(u"USDT"_s, "1000.00000000"), asset(u"USDC"_s, "0.00000000")};
    s.positions = {position(u"BTCUSDT"_s, u"LONG"_s, "0.010", "60000.00", "-10.00000000"),
                   position(u"BTCUSDT"_s, u"SHORT"_s, "-0.010", "60000.00", "5.00000000"),
                   position(u"ETHUSDT"_s, u"LONG"_s, "0.500", "3000.00", "0.10000000")};
    return s;
}

} // namespace

class TestTableModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void positions_hedgeSidesAreTwoRows();
    void identicalSnapshot_emitsNothing();
    void markPriceChange_emitsDataChangedForThatRowOnly();
    void insertAndRemove_areExactSignals();
    void thousandMovedRows_oneDataChangedAndOneChangesApplied_data();
    void thousandMovedRows_oneDataChangedAndOneChangesApplied();
    void changeRole_recordsDirectionAndTime();
    void display_isExactAndAligned();
    void proxy_sortsNumericallyOnRawValue();
    void proxy_hidesEmptyRows();
    void totals_includeMarginRatio();
    void reset_forgetsEverything();
    void unchangedRows_keepTheirCellsThroughInsertRemoveAndReorder();
    void reset_thenSameSnapshot_showsAllRowsAgain();
};

void TestTableModels::positions_hedgeSidesAreTwoRows()
{
    PositionTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.apply(baseSnapshot());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(PositionTableModel::ColumnCount));
    QVERIFY(model.rowOf(u"BTCUSDT/LONG"_s) >= 0);
    QVERIFY(model.rowOf(u"BTCUSDT/SHORT"_s) >= 0);
    QVERIFY(model.rowOf(u"BTCUSDT/LONG"_s) != model.rowOf(u"BTCUSDT/SHORT"_s));
    const int shortRow = model.rowOf(u"BTCUSDT/SHORT"_s);
    QCOMPARE(model.index(shortRow, PositionTableModel::Size).data().toString(), u"-0.010"_s);
    QCOMPARE(model.index(shortRow, PositionTableModel::Leverage).data().toString(), u"10"_s);
    // |60000 - 50| / 60000: distance to liquidation in percent of the mark.
    QCOMPARE(model.index(shortRow, PositionTableModel::LiquidationDistance).data().toString(), u"99.92 %"_s);
}

void TestTableModels::identicalSnapshot_emitsNothing()
{
    PositionTableModel positions;
    AssetTableModel assets;
    QAbstractItemModelTester t1(&positions, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&assets, QAbstractItemModelTester::FailureReportingMode::QtTest);
    positions.apply(baseSnapshot());
    assets.apply(baseSnapshot());
    QSignalSpy changed(&positions, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&positions, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&positions, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&positions, &QAbstractItemModel::modelReset);
    QSignalSpy assetChanged(&assets, &QAbstractItemModel::dataChanged);
    positions.apply(baseSnapshot());
    assets.apply(baseSnapshot());
    QCOMPARE(changed.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(assetChanged.count(), 0);
}

void TestTableModels::markPriceChange_emitsDataChangedForThatRowOnly()
{
    PositionTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.apply(baseSnapshot());
    AccountSnapshot next = baseSnapshot();
    next.positions[2].markPrice = d("3001.50"); // ETHUSDT/LONG only; PnL etc. unchanged on purpose
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.apply(next);
    QCOMPARE(changed.count(), 1);
    const QModelIndex topLeft = changed.at(0).at(0).value<QModelIndex>();
    const QModelIndex bottomRight = changed.at(0).at(1).value<QModelIndex>();
    QCOMPARE(topLeft.row(), model.rowOf(u"ETHUSDT/LONG"_s));
    QCOMPARE(bottomRight.row(), topLeft.row());
    // The mark and the derived distance changed; nothing before the mark column, nothing after.
    QCOMPARE(topLeft.column(), int(PositionTableModel::MarkPrice));
    QCOMPARE(bottomRight.column(), int(PositionTableModel::LiquidationDistance));
}

void TestTableModels::insertAndRemove_areExactSignals()
{
    PositionTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.apply(baseSnapshot());
    AccountSnapshot next = baseSnapshot();
    next.positions.removeAt(1); // BTCUSDT/SHORT closed
    next.positions.append(position(u"SOLUSDT"_s, u"LONG"_s, "3", "150.000", "1.00000000"));
    next.positions.append(position(u"XRPUSDT"_s, u"SHORT"_s, "-10", "0.6000", "0.50000000"));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.apply(next);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1); // first
    QCOMPARE(removed.at(0).at(2).toInt(), 1); // last
    QCOMPARE(inserted.count(), 1);            // both new rows in one block
    QCOMPARE(inserted.at(0).at(1).toInt(), 2);
    QCOMPARE(inserted.at(0).at(2).toInt(), 3);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.rowOf(u"BTCUSDT/SHORT"_s), -1);
    QCOMPARE(model.keyAt(model.rowOf(u"XRPUSDT/SHORT"_s)), u"XRPUSDT/SHORT"_s);
}

void TestTableModels::thousandMovedRows_oneDataChangedAndOneChangesApplied_data()
{
    QTest::addColumn<bool>("withNewRow");
    QTest::newRow("same rows") << false;
    QTest::newRow("and one row more") << true; // the path that inserts
}

void TestTableModels::thousandMovedRows_oneDataChangedAndOneChangesApplied()
{
    QFETCH(bool, withNewRow);
    AccountSnapshot s = baseSnapshot();
    s.positions.clear();
    for (int i = 0; i < 1000; ++i)
        s.positions.append(position(u"S%1USDT"_s.arg(i), u"BOTH"_s, "1.000", "100.00", "0.50000000"));
    PositionTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    qint64 now = 1000;
    model.setClock([&now] { return now; });
    model.apply(s);

    // Every other row's mark moves, the first and last included: one rectangle covers them all.
    AccountSnapshot next = s;
    for (int i = 0; i < 1000; i += 2)
        next.positions[i].markPrice = d("101.00");
    next.positions[999].unrealizedProfit = d("0.75000000");
    if (withNewRow)
        next.positions.append(position(u"NEWUSDT"_s, u"BOTH"_s, "1.000", "100.00", "0.50000000"));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy applied(&model, &KeyedTableModel::changesApplied);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    now = 5000;
    model.apply(next);
    QCOMPARE(changed.count(), 1);
    const QModelIndex topLeft = changed.at(0).at(0).value<QModelIndex>();
    const QModelIndex bottomRight = changed.at(0).at(1).value<QModelIndex>();
    QCOMPARE(topLeft.row(), 0);
    QCOMPARE(bottomRight.row(), 999);
    QCOMPARE(topLeft.column(), int(PositionTableModel::MarkPrice));
    QCOMPARE(bottomRight.column(), int(PositionTableModel::UnrealizedProfit));
    QCOMPARE(applied.count(), 1);
    QCOMPARE(applied.at(0).at(0).toLongLong(), 5000);
    QCOMPARE(inserted.count(), withNewRow ? 1 : 0);
    QCOMPARE(model.rowCount(), withNewRow ? 1001 : 1000);

    // Nothing moved: no signal at all.
    model.apply(next);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(applied.count(), 1);
}

void TestTableModels::changeRole_recordsDirectionAndTime()
{
    AssetTableModel model;
    qint64 now = 1000;
    model.setClock([&now] { return now; });
    model.apply(baseSnapshot());
    const int usdt = model.rowOf(u"USDT"_s);
    QVERIFY(
        !model.index(usdt, AssetTableModel::WalletBalance).data(ChangeRole).value<CellChange>().isValid());
    AccountSnapshot up = baseSnapshot();
    up.assets[0].walletBalance = d("1000.50000000");
    now = 5000;
    model.apply(up);
    CellChange change =
        model.index(usdt, AssetTableModel::WalletBalance).data(ChangeRole).value<CellChange>();
    QCOMPARE(change.direction, 1);
    QCOMPARE(change.changedAtMs, 5000);
    AccountSnapshot down = baseSnapshot();
    down.assets[0].walletBalance = d("-0.5");
    now = 9000;
    model.apply(down);
    change = model.index(usdt, AssetTableModel::WalletBalance).data(ChangeRole).value<CellChange>();
    QCOMPARE(change.direction, -1);
    QCOMPARE(change.changedAtMs, 9000);
    // An unchanged neighbour keeps "never changed".
    QVERIFY(!model.index(usdt, AssetTableModel::MaintMargin).data(ChangeRole).value<CellChange>().isValid());
}

void TestTableModels::display_isExactAndAligned()
{
    AssetTableModel model;
    AccountSnapshot s = baseSnapshot();
    s.assets[0].walletBalance = d("1234567.12345678");
    s.assets[0].maintMargin = d("2.8E-4");
    model.apply(s);
    const int usdt = model.rowOf(u"USDT"_s);
    QCOMPARE(model.index(usdt, AssetTableModel::WalletBalance).data().toString(), u"1,234,567.12345678"_s);
    QCOMPARE(model.index(usdt, AssetTableModel::MaintMargin).data().toString(), u"0.00028"_s);
    QCOMPARE(model.index(usdt, AssetTableModel::MaintMargin).data(Qt::ToolTipRole).toString(), u"2.8E-4"_s);
    QCOMPARE(model.index(usdt, AssetTableModel::WalletBalance).data(RawValueRole).value<Decimal>(),
             d("1234567.12345678"));
    QCOMPARE(model.index(usdt, AssetTableModel::WalletBalance).data(Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));
    QCOMPARE(model.index(usdt, AssetTableModel::Asset).data(Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignLeft | Qt::AlignVCenter));
    QVERIFY(!model.headerData(AssetTableModel::MaxWithdrawAmount, Qt::Horizontal, Qt::ToolTipRole)
                 .toString()
                 .isEmpty());
}

void TestTableModels::proxy_sortsNumericallyOnRawValue()
{
    PositionTableModel model;
    AccountSortFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    AccountSnapshot s = baseSnapshot();
    s.positions[0].unrealizedProfit = d("-0.5");
    s.positions[1].unrealizedProfit = d("0.1");
    s.positions[2].unrealizedProfit = d("10");
    model.apply(s);
    proxy.sort(PositionTableModel::UnrealizedProfit, Qt::AscendingOrder);
    auto pnlAt = [&](int row) {
        return proxy.index(row, PositionTableModel::UnrealizedProfit).data().toString();
    };
    // As text "-0.5" > "10" > "0.1" would be wrong; numerically -0.5 < 0.1 < 10.
    QCOMPARE(pnlAt(0), u"-0.50"_s);
    QCOMPARE(pnlAt(1), u"0.10"_s);
    QCOMPARE(pnlAt(2), u"10.00"_s);
    proxy.sort(PositionTableModel::Symbol, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, PositionTableModel::Symbol).data().toString(), u"ETHUSDT"_s);
}

void TestTableModels::proxy_hidesEmptyRows()
{
    AssetTableModel assets;
    PositionTableModel positions;
    AccountSortFilterProxy assetProxy;
    AccountSortFilterProxy positionProxy;
    assetProxy.setSourceModel(&assets);
    positionProxy.setSourceModel(&positions);
    QAbstractItemModelTester t1(&assetProxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&positionProxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    AccountSnapshot s = baseSnapshot();
    s.positions[2].positionAmt = d("0.000"); // closed, still listed (open orders)
    assets.apply(s);
    positions.apply(s);
    QCOMPARE(assetProxy.rowCount(), 2);
    assetProxy.setHideEmptyRows(true);
    QCOMPARE(assetProxy.rowCount(), 1); // USDC has nothing
    positionProxy.setHideEmptyRows(true);
    QCOMPARE(positionProxy.rowCount(), 2);
    // The position re-opens: the filter follows the data.
    s.positions[2].positionAmt = d("0.100");
    positions.apply(s);
    QCOMPARE(positionProxy.rowCount(), 3);
}

void TestTableModels::totals_includeMarginRatio()
{
    TotalsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.apply(baseSnapshot());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.columnCount(), 12);
    const int wallet = fieldIndex<AccountTotals>("totalWalletBalance");
    QCOMPARE(model.headerData(wallet, Qt::Horizontal).toString(), u"Wallet balance"_s);
    QCOMPARE(model.index(0, wallet).data().toString(), u"1,000.00000000"_s);
    // A derived ratio, declared a percent column: shown in percent, kept as a double.
    QCOMPARE(model.index(0, TotalsModel::MarginRatio).data().toString(), u"1.00 %"_s);
    QCOMPARE(model.index(0, TotalsModel::MarginRatio).data(RawValueRole).toDouble(), 1.0);
    QVERIFY(model.headerData(0, Qt::Vertical, Qt::ToolTipRole).toString().contains(u"USDT"_s));
}

void TestTableModels::reset_forgetsEverything()
{
    PositionTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.apply(baseSnapshot());
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.reset();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 0);
}

void TestTableModels::unchangedRows_keepTheirCellsThroughInsertRemoveAndReorder()
{
    PositionTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.apply(baseSnapshot());
    auto markOf = [&model](const QString& key) {
        return model.index(model.rowOf(key), PositionTableModel::MarkPrice).data().toString();
    };
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // Appended: the three rows before it are the same, so only an insert.
    AccountSnapshot next = baseSnapshot();
    next.positions.append(position(u"SOLUSDT"_s, u"LONG"_s, "3", "150.000", "1.00000000"));
    model.apply(next);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(markOf(u"ETHUSDT/LONG"_s), u"3,000.00"_s);

    // The first row closes and the last one moves: one removal and one change, the rest untouched.
    next.positions.removeFirst();
    next.positions.last().markPrice = d("151.000");
    model.apply(next);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), model.rowOf(u"SOLUSDT/LONG"_s));
    QCOMPARE(markOf(u"SOLUSDT/LONG"_s), u"151.000"_s);
    QCOMPARE(markOf(u"BTCUSDT/SHORT"_s), u"60,000.00"_s);

    // The exchange lists the same rows in another order, one of them changed.
    std::reverse(next.positions.begin(), next.positions.end());
    next.positions[1].markPrice = d("3100.00"); // ETHUSDT/LONG
    changed.clear();
    model.apply(next);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), model.rowOf(u"ETHUSDT/LONG"_s));
    QCOMPARE(markOf(u"ETHUSDT/LONG"_s), u"3,100.00"_s);
    QCOMPARE(markOf(u"SOLUSDT/LONG"_s), u"151.000"_s);
    QCOMPARE(markOf(u"BTCUSDT/SHORT"_s), u"60,000.00"_s);

    // Text only ("151.0" after "151.000") is a change too: exports would differ.
    next.positions[0].markPrice = d("151.0");
    changed.clear();
    model.apply(next);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(model.rowOf(u"SOLUSDT/LONG"_s), PositionTableModel::MarkPrice)
                 .data(RawValueRole)
                 .value<Decimal>()
                 .toString(),
             u"151.0"_s);
}

void TestTableModels::reset_thenSameSnapshot_showsAllRowsAgain()
{
    PositionTableModel positions;
    AssetTableModel assets;
    QAbstractItemModelTester t1(&positions, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&assets, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const AccountSnapshot s = baseSnapshot();
    positions.apply(s);
    assets.apply(s);
    positions.reset();
    assets.reset();
    // A different list holding equal rows, and then the very same list.
    positions.apply(baseSnapshot());
    assets.apply(s);
    QCOMPARE(positions.rowCount(), 3);
    QCOMPARE(assets.rowCount(), 2);
    QCOMPARE(positions.index(positions.rowOf(u"BTCUSDT/SHORT"_s), PositionTableModel::Size).data().toString(),
             u"-0.010"_s);
    QCOMPARE(assets.index(assets.rowOf(u"USDT"_s), AssetTableModel::WalletBalance).data().toString(),
             u"1,000.00000000"_s);
}

QTEST_GUILESS_MAIN(TestTableModels)
#include "tst_tablemodels.moc"
