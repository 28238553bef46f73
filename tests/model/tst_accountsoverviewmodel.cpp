// The accounts overview: one row per account, worst margin ratio first, an aggregate row that sums
// only what shares a unit; checked with QAbstractItemModelTester through inserts, updates that move
// rows, and removals.

#include "model/AccountsOverviewModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace marginwatch;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(marginwatch::AccountOverviewEntry)

namespace {

Decimal dec(const char* text)
{
    return *Decimal::parse(std::string_view(text));
}

// margin balance and maintenance margin in the given mode; `positions` open positions.
AccountOverviewEntry entry(const QString& name, const char* marginBalance, const char* maint,
                           AccountMode mode = AccountMode::SingleAsset, int positions = 1,
                           const char* pnl = "0")
{
    AccountOverviewEntry e;
    e.name = name;
    e.environment = u"Simulator"_s;
    AccountSnapshot s;
    s.takenAt = QDateTime::fromMSecsSinceEpoch(1'000'000, Qt::UTC);
    s.accountMode = mode;
    s.totals.totalMarginBalance = dec(marginBalance);
    s.totals.totalMaintMargin = dec(maint);
    s.totals.totalUnrealizedProfit = dec(pnl);
    for (int i = 0; i < positions; ++i) {
        Position position;
        position.symbol = u"SYM%1USDT"_s.arg(i);
        position.positionSide = u"BOTH"_s;
        s.positions << position;
    }
    e.snapshot = s;
    return e;
}

AccountOverviewEntry noData(const QString& name)
{
    AccountOverviewEntry e;
    e.name = name;
    e.problem = u"waiting"_s;
    return e;
}

QStringList order(const AccountsOverviewModel& model)
{
    QStringList names;
    for (int i = 0; i < model.accountCount(); ++i)
        names << model.accountAt(i);
    return names;
}

QString text(const AccountsOverviewModel& model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role).toString();
}

} // namespace

class TestAccountsOverviewModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void worseThan_data();
    void worseThan();
    void sortedWorstFirst_rowsMoveAsRatiosChange();
    void aggregate_data();
    void aggregate();
    void zones_andWorstZone_data();
    void zones_andWorstZone();
    void changeHighlight_onTheChangedCellsOnly();
    void removeAll_leavesAnEmptyModel();
};

void TestAccountsOverviewModel::worseThan_data()
{
    QTest::addColumn<AccountOverviewEntry>("a");
    QTest::addColumn<AccountOverviewEntry>("b");
    QTest::addColumn<bool>("aIsWorse");
    QTest::newRow("higher ratio") << entry(u"a"_s, "100", "60") << entry(u"b"_s, "100", "10") << true;
    QTest::newRow("lower ratio") << entry(u"a"_s, "100", "10") << entry(u"b"_s, "100", "60") << false;
    QTest::newRow("underwater beats any ratio")
        << entry(u"a"_s, "-5", "1") << entry(u"b"_s, "100", "99") << true;
    QTest::newRow("no data last") << noData(u"a"_s) << entry(u"b"_s, "100", "0") << false;
    QTest::newRow("data before no data") << entry(u"a"_s, "100", "0") << noData(u"b"_s) << true;
    QTest::newRow("tie by name") << entry(u"Alpha"_s, "100", "10") << entry(u"beta"_s, "100", "10") << true;
    QTest::newRow("empty account ratio 0") << entry(u"a"_s, "0", "0") << entry(u"b"_s, "100", "1") << false;
}

void TestAccountsOverviewModel::worseThan()
{
    QFETCH(AccountOverviewEntry, a);
    QFETCH(AccountOverviewEntry, b);
    QFETCH(bool, aIsWorse);
    QCOMPARE(AccountsOverviewModel::worseThan(a, b), aIsWorse);
    if (aIsWorse)
        QVERIFY(!AccountsOverviewModel::worseThan(b, a));
}

void TestAccountsOverviewModel::sortedWorstFirst_rowsMoveAsRatiosChange()
{
    AccountsOverviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAccount(entry(u"calm"_s, "1000", "10"));
    model.setAccount(entry(u"risky"_s, "1000", "700"));
    model.setAccount(noData(u"new"_s));
    model.setAccount(entry(u"middle"_s, "1000", "300"));
    QCOMPARE(order(model), (QStringList{u"risky"_s, u"middle"_s, u"calm"_s, u"new"_s}));
    QCOMPARE(model.rowCount(), 5); // and the aggregate row
    QVERIFY(model.isAggregateRow(4));

    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    model.setAccount(entry(u"calm"_s, "1000", "900")); // calm is now the worst
    QCOMPARE(order(model), (QStringList{u"calm"_s, u"risky"_s, u"middle"_s, u"new"_s}));
    QCOMPARE(moved.size(), 1);
    model.setAccount(entry(u"risky"_s, "1000", "701")); // still second: no move
    QCOMPARE(moved.size(), 1);
    model.setAccount(entry(u"new"_s, "1000", "500"));
    QCOMPARE(order(model), (QStringList{u"calm"_s, u"risky"_s, u"new"_s, u"middle"_s}));
    QCOMPARE(text(model, 0, AccountsOverviewModel::MarginRatioColumn), u"90.00 %"_s);
    model.removeAccount(u"risky"_s);
    QCOMPARE(order(model), (QStringList{u"calm"_s, u"new"_s, u"middle"_s}));
}

void TestAccountsOverviewModel::aggregate_data()
{
    QTest::addColumn<QList<AccountOverviewEntry>>("entries");
    QTest::addColumn<QString>("balance");
    QTest::addColumn<QString>("pnl");
    QTest::addColumn<QString>("ratio");
    QTest::addColumn<QString>("positions");

    QTest::newRow("all USDT: exact sums")
        << QList<AccountOverviewEntry>{entry(u"a"_s, "100.10", "10", AccountMode::SingleAsset, 2, "-1.5"),
                                       entry(u"b"_s, "0.000000001", "0", AccountMode::SingleAsset, 1, "2.25")}
        << u"100.100000001"_s << u"0.75"_s << u"9.99 %"_s << u"3"_s;
    QTest::newRow("all USD")
        << QList<AccountOverviewEntry>{entry(u"a"_s, "50", "5", AccountMode::MultiAssets),
                                       entry(u"b"_s, "50", "5", AccountMode::MultiAssets)}
        << u"100"_s << u"0"_s << u"10.00 %"_s << u"2"_s;
    QTest::newRow("USD and USDT: not summed")
        << QList<AccountOverviewEntry>{entry(u"a"_s, "50", "5", AccountMode::MultiAssets),
                                       entry(u"b"_s, "50", "5", AccountMode::SingleAsset)}
        << QString() << QString() << QString() << u"2"_s;
    QTest::newRow("accounts without data are left out")
        << QList<AccountOverviewEntry>{entry(u"a"_s, "50", "5"), noData(u"b"_s)} << u"50"_s << u"0"_s
        << u"10.00 %"_s << u"1"_s;
}

void TestAccountsOverviewModel::aggregate()
{
    QFETCH(QList<AccountOverviewEntry>, entries);
    QFETCH(QString, balance);
    QFETCH(QString, pnl);
    QFETCH(QString, ratio);
    QFETCH(QString, positions);
    AccountsOverviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (const AccountOverviewEntry& e : entries)
        model.setAccount(e);
    const int total = model.accountCount();
    QVERIFY(model.data(model.index(total, 0), AccountsOverviewModel::AggregateRole).toBool());
    const QVariant rawBalance =
        model.data(model.index(total, AccountsOverviewModel::MarginBalanceColumn), RawValueRole);
    const QVariant rawPnl =
        model.data(model.index(total, AccountsOverviewModel::UnrealizedPnlColumn), RawValueRole);
    if (balance.isEmpty()) {
        QVERIFY(!rawBalance.isValid());
        QCOMPARE(text(model, total, AccountsOverviewModel::MarginBalanceColumn), u"not summed"_s);
        QVERIFY(text(model, total, AccountsOverviewModel::MarginBalanceColumn, Qt::ToolTipRole)
                    .contains(u"USD, USDT"_s)
                || text(model, total, AccountsOverviewModel::MarginBalanceColumn, Qt::ToolTipRole)
                       .contains(u"USDT, USD"_s));
        QVERIFY(!model.data(model.index(total, AccountsOverviewModel::MarginRatioColumn), RawValueRole)
                     .isValid());
    } else {
        QCOMPARE(rawBalance.value<Decimal>().toString(), balance);
        QCOMPARE(rawPnl.value<Decimal>().toString(), pnl);
        QCOMPARE(text(model, total, AccountsOverviewModel::MarginRatioColumn), ratio);
    }
    QCOMPARE(text(model, total, AccountsOverviewModel::PositionsColumn), positions);
}

void TestAccountsOverviewModel::zones_andWorstZone_data()
{
    QTest::addColumn<QList<AccountOverviewEntry>>("entries");
    QTest::addColumn<int>("worst");
    AccountOverviewEntry stale = entry(u"s"_s, "100", "1");
    stale.stale = true;
    AccountOverviewEntry refused = noData(u"r"_s);
    refused.error = true;
    QTest::newRow("calm") << QList<AccountOverviewEntry>{entry(u"a"_s, "100", "10")}
                          << int(AccountZone::Normal);
    QTest::newRow("one in warning") << QList<AccountOverviewEntry>{entry(u"a"_s, "100", "10"),
                                                                   entry(u"b"_s, "100", "55")}
                                    << int(AccountZone::Warning);
    QTest::newRow("danger outranks an error")
        << QList<AccountOverviewEntry>{refused, entry(u"b"_s, "100", "85")} << int(AccountZone::Danger);
    QTest::newRow("underwater is danger")
        << QList<AccountOverviewEntry>{entry(u"a"_s, "-1", "3")} << int(AccountZone::Danger);
    QTest::newRow("stale outranks normal")
        << QList<AccountOverviewEntry>{stale, entry(u"b"_s, "100", "1")} << int(AccountZone::Stale);
    QTest::newRow("error outranks warning")
        << QList<AccountOverviewEntry>{refused, entry(u"b"_s, "100", "60")} << int(AccountZone::Error);
}

void TestAccountsOverviewModel::zones_andWorstZone()
{
    QFETCH(QList<AccountOverviewEntry>, entries);
    QFETCH(int, worst);
    AccountsOverviewModel model;
    for (const AccountOverviewEntry& e : entries)
        model.setAccount(e);
    QCOMPARE(int(model.worstZone()), worst);
    QCOMPARE(model.data(model.index(model.accountCount(), 0), AccountsOverviewModel::ZoneRole).toInt(),
             worst);
}

void TestAccountsOverviewModel::changeHighlight_onTheChangedCellsOnly()
{
    AccountsOverviewModel model;
    model.setClock([] { return qint64(42); });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAccount(entry(u"a"_s, "100", "10", AccountMode::SingleAsset, 1, "1"));
    model.setAccount(entry(u"a"_s, "99", "10", AccountMode::SingleAsset, 1, "1"));
    const auto change = [&](int column) {
        return model.data(model.index(0, column), ChangeRole).value<CellChange>();
    };
    QCOMPARE(change(AccountsOverviewModel::MarginBalanceColumn).direction, -1);
    QCOMPARE(change(AccountsOverviewModel::MarginBalanceColumn).changedAtMs, 42);
    QCOMPARE(change(AccountsOverviewModel::MarginRatioColumn).direction, 1);
    QVERIFY(!change(AccountsOverviewModel::UnrealizedPnlColumn).isValid());
    QVERIFY(!change(AccountsOverviewModel::PositionsColumn).isValid());
}

void TestAccountsOverviewModel::removeAll_leavesAnEmptyModel()
{
    AccountsOverviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAccount(entry(u"a"_s, "100", "10"));
    QCOMPARE(model.rowCount(), 2);
    model.removeAccount(u"a"_s);
    QCOMPARE(model.rowCount(), 0);
    model.setAccount(entry(u"b"_s, "100", "10"));
    QCOMPARE(model.rowCount(), 2);
}

QTEST_GUILESS_MAIN(TestAccountsOverviewModel)
#include "tst_accountsoverviewmodel.moc"
