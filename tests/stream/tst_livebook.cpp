// The live book's arithmetic: mark ticks, stream deltas and configuration changes applied to a REST
// snapshot, exactly, with the totals moving by what each position changed.
#include "stream/LiveBook.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace marginwatch;

namespace {

Decimal d(const char* text)
{
    return *Decimal::parse(text);
}

// BTCUSDT: 0.4 % below 50 000 notional, 0.5 % (cum 50) up to 250 000.
LeverageBrackets brackets()
{
    const QByteArray body =
        "[{\"symbol\":\"BTCUSDT\",\"notionalCoef\":1.0,\"brackets\":["
        "{\"bracket\":1,\"initialLeverage\":125,\"notionalCap\":50000,\"notionalFloor\":0,\"maintMarginRatio\":0.004,"
        "\"cum\":0.0},"
        "{\"bracket\":2,\"initialLeverage\":100,\"notionalCap\":250000,\"notionalFloor\":50000,"
        "\"maintMarginRatio\":0.005,\"cum\":50.0}]}]";
    const Expected<LeverageBrackets> parsed = LeverageBrackets::parse(body);
    if (!parsed)
        qFatal("brackets: %s", qPrintable(parsed.error()));
    return *parsed;
}

// Wallet 1 000 USDT, one cross long of 0.5 BTC from 60 000 marked at 60 000 (notional 30 000,
// maintenance 120, initial 3 000 at 10x).
AccountSnapshot snapshot()
{
    AccountSnapshot s;
    s.takenAt = QDateTime::fromMSecsSinceEpoch(1000, Qt::UTC);
    s.accountMode = AccountMode::SingleAsset;
    s.positionMode = PositionMode::OneWay;
    s.totals.totalWalletBalance = d("1000");
    s.totals.totalCrossWalletBalance = d("1000");
    s.totals.totalMarginBalance = d("1000");
    s.totals.totalMaintMargin = d("120");
    s.totals.totalInitialMargin = d("3000");
    s.totals.totalPositionInitialMargin = d("3000");
    s.totals.availableBalance = d("-2000");
    AssetBalance usdt;
    usdt.asset = u"USDT"_s;
    usdt.walletBalance = d("1000");
    usdt.crossWalletBalance = d("1000");
    usdt.marginBalance = d("1000");
    usdt.maintMargin = d("120");
    usdt.initialMargin = d("3000");
    usdt.positionInitialMargin = d("3000");
    usdt.availableBalance = d("-2000");
    s.assets = {usdt};
    Position p;
    p.symbol = u"BTCUSDT"_s;
    p.positionSide = u"BOTH"_s;
    p.positionAmt = d("0.5");
    p.notional = d("30000");
    p.maintMargin = d("120");
    p.initialMargin = d("3000");
    p.entryPrice = d("60000");
    p.markPrice = d("60000");
    p.leverage = 10;
    p.marginType = u"CROSSED"_s;
    s.positions = {p};
    return s;
}

MarkPriceUpdate mark(const char* symbol, const char* price)
{
    return MarkPriceUpdate{2000, QString::fromLatin1(symbol), d(price)};
}

} // namespace

class TestLiveBook : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void markTickReprices_data()
    {
        QTest::addColumn<QString>("mark");
        QTest::addColumn<QString>("unrealized");
        QTest::addColumn<QString>("notional");
        QTest::addColumn<QString>("maintMargin");
        QTest::addColumn<QString>("marginBalance");
        QTest::addColumn<QString>("ratioPercent");
        // 0.5 x (61 000 - 60 000) = 500; 30 500 x 0.004 = 122; 122 / 1 500.
        QTest::newRow("up") << u"61000"_s << u"500"_s << u"30500"_s << u"122"_s << u"1500"_s
                            << u"8.13333334"_s;
        QTest::newRow("down") << u"59000.5"_s << u"-499.75"_s << u"29500.25"_s << u"118.001"_s << u"500.25"_s
                              << u"23.58840580"_s;
        // 0.5 x 120 000 = 60 000: the second bracket, 60 000 x 0.005 - 50 = 250.
        QTest::newRow("next bracket")
            << u"120000"_s << u"30000"_s << u"60000"_s << u"250"_s << u"31000"_s << u"0.80645162"_s;
        // Cut toward zero at 8 decimals, as the exchange serves it.
        QTest::newRow("eight decimals") << u"60000.000000011"_s << u"0.00000000"_s << u"30000.00000000"_s
                                        << u"120"_s << u"1000"_s << u"12.00000000"_s;
    }
    void markTickReprices()
    {
        QFETCH(QString, mark);
        QFETCH(QString, unrealized);
        QFETCH(QString, notional);
        QFETCH(QString, maintMargin);
        QFETCH(QString, marginBalance);
        QFETCH(QString, ratioPercent);
        LiveBook book;
        book.setBrackets(brackets());
        book.reset(snapshot());
        QVERIFY(book.applyMarks({MarkPriceUpdate{2000, u"BTCUSDT"_s, *Decimal::parse(mark)}}, 2000));
        const Position& p = book.snapshot().positions.at(0);
        QCOMPARE(p.unrealizedProfit, *Decimal::parse(unrealized));
        QCOMPARE(p.notional, *Decimal::parse(notional));
        QCOMPARE(p.maintMargin, *Decimal::parse(maintMargin));
        QCOMPARE(*p.markPrice, *Decimal::parse(mark));
        const AccountTotals& t = book.snapshot().totals;
        QCOMPARE(t.totalUnrealizedProfit, *Decimal::parse(unrealized));
        QCOMPARE(t.totalMaintMargin, *Decimal::parse(maintMargin));
        QCOMPARE(t.totalMarginBalance, *Decimal::parse(marginBalance));
        QCOMPARE(book.snapshot().assets.at(0).marginBalance, *Decimal::parse(marginBalance));
        QCOMPARE(*LiveBook::marginRatioPercent(t), *Decimal::parse(ratioPercent));
        QCOMPARE(book.snapshot().takenAt.toMSecsSinceEpoch(), 2000);
    }

    void sameMarkChangesNothing()
    {
        LiveBook book;
        book.setBrackets(brackets());
        book.reset(snapshot());
        QVERIFY(!book.applyMarks({mark("BTCUSDT", "60000")}, 2000));
        QVERIFY(!book.applyMarks({mark("ETHUSDT", "3000")}, 2000)); // not held
    }

    void fundingSendsTheBalanceOnly()
    {
        LiveBook book;
        book.setBrackets(brackets());
        book.reset(snapshot());
        AccountUpdate u;
        u.reason = u"FUNDING_FEE"_s;
        u.balances = {BalanceUpdate{u"USDT"_s, d("998.5"), d("998.5"), d("-1.5")}};
        QVERIFY(book.apply(u, 3000));
        const AccountTotals& t = book.snapshot().totals;
        QCOMPARE(t.totalWalletBalance, d("998.5"));
        QCOMPARE(t.totalMarginBalance, d("998.5"));
        QCOMPARE(t.availableBalance, d("-2001.5"));
        QCOMPARE(book.snapshot().positions.size(), 1);
        QCOMPARE(book.snapshot().positions.at(0).positionAmt, d("0.5"));
    }

    void positionChangesOpenAndClose()
    {
        LiveBook book;
        book.setBrackets(brackets());
        book.reset(snapshot());
        QVERIFY(book.applyMarks({mark("BTCUSDT", "61000")}, 2000));

        // Doubled at 62 000: entry 61 000, priced at the latest mark (61 000): uPnL 0.
        AccountUpdate more;
        more.positions = {PositionUpdate{u"BTCUSDT"_s, d("1.0"), d("61000"), d("61010"), d("250"), u"cross"_s,
                                         d("0"), u"BOTH"_s}};
        QVERIFY(book.apply(more, 3000));
        QCOMPARE(book.snapshot().positions.size(), 1);
        QCOMPARE(book.snapshot().positions.at(0).unrealizedProfit, d("0"));
        QCOMPARE(book.snapshot().totals.totalUnrealizedProfit, d("0"));
        QCOMPARE(book.snapshot().positions.at(0).notional, d("61000"));
        QCOMPARE(book.snapshot().totals.totalMaintMargin, d("255")); // 61 000 x 0.005 - 50
        QCOMPARE(book.snapshot().totals.totalInitialMargin, d("6100"));

        // A new symbol joins; then BTC closes and its figures leave the totals.
        AccountUpdate eth;
        eth.positions = {PositionUpdate{u"ETHUSDT"_s, d("-2"), d("3000"), d("2999"), d("0"), u"cross"_s,
                                        d("0"), u"BOTH"_s}};
        QVERIFY(book.apply(eth, 3100));
        QCOMPARE(book.heldSymbols(), (QSet<QString>{u"BTCUSDT"_s, u"ETHUSDT"_s}));
        QCOMPARE(book.symbolsWithoutBrackets(), QSet<QString>{u"ETHUSDT"_s});
        AccountUpdate close;
        close.positions = {
            PositionUpdate{u"BTCUSDT"_s, d("0"), d("0"), d("0"), d("0"), u"cross"_s, d("0"), u"BOTH"_s}};
        QVERIFY(book.apply(close, 3200));
        QCOMPARE(book.heldSymbols(), QSet<QString>{u"ETHUSDT"_s});
        QCOMPARE(book.snapshot().totals.totalMaintMargin, d("0"));
        QCOMPARE(book.snapshot().totals.totalInitialMargin, d("0"));
    }

    void leverageChangesInitialMargin()
    {
        LiveBook book;
        book.setBrackets(brackets());
        book.reset(snapshot());
        AccountConfigUpdate u;
        u.symbol = u"BTCUSDT"_s;
        u.leverage = 20;
        QVERIFY(book.apply(u, 4000));
        QCOMPARE(*book.snapshot().positions.at(0).leverage, 20);
        QCOMPARE(book.snapshot().positions.at(0).initialMargin, d("1500"));
        QCOMPARE(book.snapshot().totals.totalInitialMargin, d("1500"));
        QVERIFY(!book.apply(u, 4100)); // the same again

        AccountConfigUpdate multi;
        multi.multiAssets = true;
        QVERIFY(book.apply(multi, 4200));
        QCOMPARE(book.snapshot().accountMode, AccountMode::MultiAssets);
    }

    void marginRatio_data()
    {
        QTest::addColumn<QString>("maint");
        QTest::addColumn<QString>("balance");
        QTest::addColumn<QString>("percent"); // "" = none
        QTest::newRow("plain") << u"1"_s << u"4"_s << u"25.00000000"_s;
        QTest::newRow("rounded up") << u"1"_s << u"3"_s << u"33.33333334"_s;
        QTest::newRow("zero balance") << u"1"_s << u"0"_s << QString();
        QTest::newRow("negative balance") << u"1"_s << u"-5"_s << QString();
        QTest::newRow("no margin") << u"0"_s << u"5"_s << u"0.00000000"_s;
    }
    void marginRatio()
    {
        QFETCH(QString, maint);
        QFETCH(QString, balance);
        QFETCH(QString, percent);
        AccountTotals t;
        t.totalMaintMargin = *Decimal::parse(maint);
        t.totalMarginBalance = *Decimal::parse(balance);
        const std::optional<Decimal> ratio = LiveBook::marginRatioPercent(t);
        QCOMPARE(ratio ? ratio->toString() : QString(), percent);
    }
};

QTEST_GUILESS_MAIN(TestLiveBook)
#include "tst_livebook.moc"
