#include "RiskTestSupport.h"
#include "risk/StressModel.h"

#include <QTest>

using namespace marginwatch;
using namespace Qt::StringLiterals;

namespace {

Decimal dec(const QString& text)
{
    const std::optional<Decimal> d = Decimal::parse(text);
    if (!d)
        qFatal("not a decimal: %s", qPrintable(text));
    return *d;
}

std::shared_ptr<const LeverageBrackets> btcBrackets()
{
    // 0.4 % up to 50 000, then 0.5 % (cum 50) up to 600 000.
    const QByteArray body =
        "[{\"symbol\":\"BTCUSDT\",\"notionalCoef\":1.0,\"brackets\":["
        "{\"bracket\":1,\"initialLeverage\":125,\"notionalCap\":50000,\"notionalFloor\":0,"
        "\"maintMarginRatio\":0.004,\"cum\":0},"
        "{\"bracket\":2,\"initialLeverage\":100,\"notionalCap\":600000,\"notionalFloor\":50000,"
        "\"maintMarginRatio\":0.005,\"cum\":50}]}]";
    return std::make_shared<const LeverageBrackets>(*LeverageBrackets::parse(body));
}

Position position(const QString& side, const QString& amount, const QString& entry, const QString& mark,
                  const QString& marginType = u"CROSSED"_s, const QString& isolatedWallet = u"0"_s)
{
    Position p;
    p.symbol = u"BTCUSDT"_s;
    p.positionSide = side;
    p.positionAmt = dec(amount);
    p.entryPrice = dec(entry);
    p.markPrice = dec(mark);
    p.unrealizedProfit = dec(mark).minus(dec(entry)).value().times(dec(amount)).value();
    p.marginType = marginType;
    p.isolatedWallet = dec(isolatedWallet);
    return p;
}

std::shared_ptr<const LeverageBrackets> btcAndEthBrackets()
{
    // BTC as above; ETH 0.5 % flat.
    const QByteArray body =
        "[{\"symbol\":\"BTCUSDT\",\"notionalCoef\":1.0,\"brackets\":["
        "{\"bracket\":1,\"initialLeverage\":125,\"notionalCap\":50000,\"notionalFloor\":0,"
        "\"maintMarginRatio\":0.004,\"cum\":0},"
        "{\"bracket\":2,\"initialLeverage\":100,\"notionalCap\":600000,\"notionalFloor\":50000,"
        "\"maintMarginRatio\":0.005,\"cum\":50}]},"
        "{\"symbol\":\"ETHUSDT\",\"notionalCoef\":1.0,\"brackets\":["
        "{\"bracket\":1,\"initialLeverage\":75,\"notionalCap\":1000000,\"notionalFloor\":0,"
        "\"maintMarginRatio\":0.005,\"cum\":0}]}]";
    return std::make_shared<const LeverageBrackets>(*LeverageBrackets::parse(body));
}

// A cross position and an isolated one, at their entry prices: the wallet holds the cross wallet
// and the isolated wallet.
AccountSnapshot crossAndIsolated(const QString& crossWallet, Position cross, Position isolated)
{
    AccountSnapshot s;
    s.takenAt = QDateTime::currentDateTimeUtc();
    s.accountMode = AccountMode::SingleAsset;
    s.positionMode = PositionMode::Hedge;
    const Decimal wallet = dec(crossWallet).plus(isolated.isolatedWallet).value();
    s.totals.totalWalletBalance = wallet;
    s.totals.totalCrossWalletBalance = dec(crossWallet);
    s.totals.totalMarginBalance = wallet;
    s.positions = {std::move(cross), std::move(isolated)};
    s.leverageBrackets = btcAndEthBrackets();
    return s;
}

// 10 000 USDT cross wallet, one cross long of 1 BTC bought at 50 000, marked at 50 000.
AccountSnapshot oneLong()
{
    AccountSnapshot s;
    s.takenAt = QDateTime::currentDateTimeUtc();
    s.accountMode = AccountMode::SingleAsset;
    s.positionMode = PositionMode::OneWay;
    s.totals.totalWalletBalance = dec(u"10000"_s);
    s.totals.totalCrossWalletBalance = dec(u"10000"_s);
    s.totals.totalMarginBalance = dec(u"10000"_s);
    s.positions = {position(u"BOTH"_s, u"1"_s, u"50000"_s, u"50000"_s)};
    s.leverageBrackets = btcBrackets();
    return s;
}

StressShock shockOf(const QString& percent)
{
    StressShock shock;
    shock.percent = dec(percent);
    return shock;
}

// |a - b| <= tolerance
bool near(const Decimal& a, const Decimal& b, const Decimal& tolerance)
{
    return a.minus(b).value().abs() <= tolerance;
}

int tickDecimalsOf(const QString& symbol)
{
    return symbol.startsWith(u"BTC"_s) ? 1 : 2; // the simulator's ticks: 0.10, 0.01, 0.010
}

} // namespace

class TestStressModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Worked by hand: at -10 % the mark is 45 000, the notional falls into the first bracket
    // (45 000 x 0.4 % = 180), the balance is 10 000 - 5 000.
    void figuresAtAShock_data()
    {
        QTest::addColumn<QString>("shock");
        QTest::addColumn<QString>("balance");
        QTest::addColumn<QString>("maint");
        QTest::addColumn<QString>("ratio");
        QTest::addColumn<QStringList>("liquidated");
        QTest::newRow("0") << u"0"_s << u"10000"_s << u"200"_s << u"0.02"_s << QStringList();
        QTest::newRow("-10 (lower bracket)")
            << u"-10"_s << u"5000"_s << u"180"_s << u"0.036"_s << QStringList();
        QTest::newRow("+10") << u"10"_s << u"15000"_s << u"225"_s << u"0.015"_s << QStringList();
        QTest::newRow("-19.67") << u"-19.67"_s << u"165"_s << u"160.66"_s << u"0.973697"_s << QStringList();
        QTest::newRow("-19.68 (liquidated)")
            << u"-19.68"_s << u"160"_s << u"160.6400"_s << u"1.004"_s << QStringList{u"BTCUSDT/BOTH"_s};
    }

    void figuresAtAShock()
    {
        QFETCH(QString, shock);
        QFETCH(QString, balance);
        QFETCH(QString, maint);
        QFETCH(QString, ratio);
        QFETCH(QStringList, liquidated);
        const Expected<StressModel> model = StressModel::fromSnapshot(oneLong());
        QVERIFY(model);
        QVERIFY(!model->isApproximate());
        const Expected<StressPoint> point = model->at(shockOf(shock));
        QVERIFY(point);
        QCOMPARE(point->totalMarginBalance, dec(balance));
        QCOMPARE(point->totalMaintMargin, dec(maint));
        QVERIFY(point->marginRatio);
        QCOMPARE(*point->marginRatio, dec(ratio));
        QCOMPARE(point->liquidated, liquidated);
    }

    // 10 000 + (P - 50 000) = 0.004 P  =>  P = 40 000 / 0.996 = 40 160.6425..., a shock of -19.6787148...%
    void solvesTheShockWhereTheMarginRunsOut()
    {
        const Expected<StressModel> model = StressModel::fromSnapshot(oneLong());
        QVERIFY(model);
        const QList<StressRoot> roots = model->solve(StressShock{});
        QCOMPARE(roots.size(), 1);
        QCOMPARE(roots.first().position, QString());
        QVERIFY(roots.first().down);
        QVERIFY2(near(*roots.first().down, dec(u"-19.67871486"_s), StressModel::solvePrecision()),
                 qPrintable(roots.first().down->toString()));
        QVERIFY(!roots.first().up); // a long with no liquidation price above
    }

    void overridesMoveOnlyTheirSymbol()
    {
        const Expected<StressModel> model = StressModel::fromSnapshot(oneLong());
        QVERIFY(model);
        StressShock shock = shockOf(u"-50"_s);
        shock.overrides.insert(u"BTCUSDT"_s, dec(u"5"_s));
        const Expected<StressPoint> point = model->at(shock);
        QVERIFY(point);
        QCOMPARE(point->totalMarginBalance, dec(u"12500"_s));
        QVERIFY(point->liquidated.isEmpty());
        // The only symbol is held at +5 %: no common shock liquidates it.
        const QList<StressRoot> roots = model->solve(shock);
        QVERIFY(!roots.first().down);
        QVERIFY(!roots.first().up);
    }

    void isolatedPositionsAreJudgedOnTheirOwnWallet()
    {
        AccountSnapshot s = oneLong();
        // 500 USDT isolated short of 0.1 BTC at 50 000: 500 + (50 000 - P) x 0.1 = 0.004 x 0.1 P.
        s.positions.append(position(u"BOTH"_s, u"-0.1"_s, u"50000"_s, u"50000"_s, u"ISOLATED"_s, u"500"_s));
        s.positions.first().positionSide = u"LONG"_s;
        s.positions.last().positionSide = u"SHORT"_s;
        const Expected<StressModel> model = StressModel::fromSnapshot(s);
        QVERIFY(model);
        const QList<StressRoot> roots = model->solve(StressShock{});
        QCOMPARE(roots.size(), 2);
        QCOMPARE(roots.at(1).position, u"BTCUSDT/SHORT"_s);
        // P = 5500 / 0.1004 = 54 780.876..., +9.5617529...%
        QVERIFY(roots.at(1).up);
        QVERIFY2(near(*roots.at(1).up, dec(u"9.56175298"_s), StressModel::solvePrecision()),
                 qPrintable(roots.at(1).up->toString()));
        QVERIFY(!roots.at(1).down);
        const Expected<StressPoint> point = model->at(shockOf(u"10"_s));
        QVERIFY(point);
        QCOMPARE(point->liquidated, QStringList{u"BTCUSDT/SHORT"_s});
    }

    // Once an isolated position is liquidated it has lost its wallet and no more: the account's solved
    // shock must not let its loss run on against the cross wallet.
    void accountRootCapsIsolatedLossesAtTheirWallet_data()
    {
        QTest::addColumn<AccountSnapshot>("snapshot");
        QTest::addColumn<QString>("down"); // the account's; "" = none within 99 %
        QTest::addColumn<QString>("up");
        QTest::addColumn<QString>("ratioAtMinus10"); // "" = no ratio (balance <= 0)

        // Cross long 0.01 BTC on 1 000; isolated short 1 BTC on 5 000, liquidated at +9.5617 %.
        // Uncapped the account would reach 100 % at +11.67 %; capped the cross long only gains.
        Position longBtc = position(u"LONG"_s, u"0.01"_s, u"50000"_s, u"50000"_s);
        Position shortBtc = position(u"SHORT"_s, u"-1"_s, u"50000"_s, u"50000"_s, u"ISOLATED"_s, u"5000"_s);
        QTest::newRow("isolated short liquidated, cross long survives any rise")
            << crossAndIsolated(u"1000"_s, longBtc, shortBtc) << QString() << QString() << u"0.016603"_s;

        // Cross long 0.1 BTC on 1 000; isolated long 10 ETH at 3 000 on 1 000, liquidated at
        // -2.8476 %. Uncapped: 1 830 + 34 830 s = 0, -5.2541 %. Capped: from there only the BTC long
        // counts, 980 + 4 980 s = 0, -19.67871486 %.
        Position crossBtc = position(u"LONG"_s, u"0.1"_s, u"50000"_s, u"50000"_s);
        Position isolatedEth = position(u"LONG"_s, u"10"_s, u"3000"_s, u"3000"_s, u"ISOLATED"_s, u"1000"_s);
        isolatedEth.symbol = u"ETHUSDT"_s;
        isolatedEth.positionSide = u"BOTH"_s;
        crossBtc.positionSide = u"BOTH"_s;
        // -10 %: BTC 45 000, balance 2 000 - 500 - 1 000 (the ETH wallet, gone) = 500, maint 18.
        QTest::newRow("isolated long liquidated first, the cross long decides")
            << crossAndIsolated(u"1000"_s, crossBtc, isolatedEth) << u"-19.67871486"_s << QString()
            << u"0.036"_s;
    }
    void accountRootCapsIsolatedLossesAtTheirWallet()
    {
        QFETCH(AccountSnapshot, snapshot);
        QFETCH(QString, down);
        QFETCH(QString, up);
        QFETCH(QString, ratioAtMinus10);
        const Expected<StressModel> model = StressModel::fromSnapshot(snapshot);
        QVERIFY2(model, qPrintable(model ? QString() : model.error()));
        const QList<StressRoot> roots = model->solve(StressShock{});
        QCOMPARE(roots.size(), 2);
        QCOMPARE(roots.first().position, QString());
        const auto check = [](const std::optional<Decimal>& got, const QString& want) {
            if (want.isEmpty())
                return !got;
            return got && near(*got, dec(want), StressModel::solvePrecision());
        };
        QVERIFY2(check(roots.first().down, down),
                 qPrintable(roots.first().down ? roots.first().down->toString() : u"none"_s));
        QVERIFY2(check(roots.first().up, up),
                 qPrintable(roots.first().up ? roots.first().up->toString() : u"none"_s));
        const Expected<StressPoint> point = model->at(shockOf(u"-10"_s));
        QVERIFY(point);
        if (ratioAtMinus10.isEmpty()) {
            QVERIFY(!point->marginRatio);
        } else {
            QVERIFY(point->marginRatio);
            QCOMPARE(*point->marginRatio, dec(ratioAtMinus10));
        }
    }

    void approximateWhenCollateralIsNotAStablecoin_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("asset");
        QTest::addColumn<bool>("approximate");
        QTest::newRow("multi-assets, BTC collateral") << int(AccountMode::MultiAssets) << u"BTC"_s << true;
        QTest::newRow("multi-assets, USDC only") << int(AccountMode::MultiAssets) << u"USDC"_s << false;
        QTest::newRow("single-asset, BTC held") << int(AccountMode::SingleAsset) << u"BTC"_s << false;
    }

    void approximateWhenCollateralIsNotAStablecoin()
    {
        QFETCH(int, mode);
        QFETCH(QString, asset);
        QFETCH(bool, approximate);
        AccountSnapshot s = oneLong();
        s.accountMode = AccountMode(mode);
        AssetBalance a;
        a.asset = asset;
        a.walletBalance = dec(u"0.05"_s);
        s.assets = {a};
        const Expected<StressModel> model = StressModel::fromSnapshot(s);
        QVERIFY(model);
        QCOMPARE(model->isApproximate(), approximate);
    }

    void needsBracketsForEverySymbol()
    {
        AccountSnapshot s = oneLong();
        s.leverageBrackets.reset();
        QVERIFY(!StressModel::fromSnapshot(s));
        s.leverageBracketsError = u"leverageBracket: invalid JSON"_s;
        QVERIFY(StressModel::fromSnapshot(s).error().contains(u"invalid JSON"_s));
        s = oneLong();
        s.positions.first().symbol = u"ETHUSDT"_s;
        QVERIFY(StressModel::fromSnapshot(s).error().contains(u"ETHUSDT"_s));
    }

    // Against the exchange's own figures (the simulator): at no shock the model's maintenance margin
    // and margin balance are the served totals.
    void noShockGivesTheServedTotals_data()
    {
        QTest::addColumn<int>("scenario");
        QTest::addColumn<int>("positions");
        QTest::newRow("single, one-way") << int(SimScenario::Single) << 9;
        QTest::newRow("hedge") << int(SimScenario::Hedge) << 8;
        QTest::newRow("multi-assets") << int(SimScenario::Multi) << 6;
    }

    void noShockGivesTheServedTotals()
    {
        QFETCH(int, scenario);
        QFETCH(int, positions);
        auto setup = risktest::startSim(SimScenario(scenario), positions);
        const AccountSnapshot snapshot = risktest::fetchSnapshot(setup.config);
        QVERIFY(snapshot.isValid());
        const Expected<StressModel> model = StressModel::fromSnapshot(snapshot);
        QVERIFY2(model, qPrintable(model ? QString() : model.error()));
        const Expected<StressPoint> point = model->at(StressShock{});
        QVERIFY(point);
        QCOMPARE(point->totalMaintMargin, snapshot.totals.totalMaintMargin);
        QCOMPARE(point->totalMarginBalance, snapshot.totals.totalMarginBalance);
        QVERIFY(point->liquidated.isEmpty());
        QCOMPARE(model->isApproximate(), SimScenario(scenario) == SimScenario::Multi); // BTC collateral
    }

    // For a single cross symbol the solved shock is Binance's liquidation price (the simulator serves
    // it by the published formula): the shocked mark lands within one tick of liquidationPrice. The
    // book is traded into the simulator, so brackets change on the way (BTC 10: 600 000 -> bracket 2).
    void solvedShockReproducesTheLiquidationPrice_data()
    {
        QTest::addColumn<int>("scenario");
        QTest::addColumn<QStringList>("trades"); // "SYMBOL SIDE QTY"
        QTest::addColumn<QString>("judged");     // "" = the cross book, else an isolated "SYMBOL/SIDE"
        QTest::addColumn<int>("direction");
        QTest::newRow("one-way long")
            << int(SimScenario::Single) << QStringList{u"BTCUSDT BOTH 2.5"_s} << QString() << -1;
        QTest::newRow("one-way short")
            << int(SimScenario::Single) << QStringList{u"ETHUSDT BOTH -30"_s} << QString() << 1;
        QTest::newRow("one-way long across brackets")
            << int(SimScenario::Single) << QStringList{u"BTCUSDT BOTH 10"_s} << QString() << -1;
        QTest::newRow("hedge, net long")
            << int(SimScenario::Hedge) << QStringList{u"BTCUSDT LONG 2"_s, u"BTCUSDT SHORT -0.5"_s}
            << QString() << -1;
        QTest::newRow("hedge, net short")
            << int(SimScenario::Hedge) << QStringList{u"ETHUSDT LONG 1"_s, u"ETHUSDT SHORT -40"_s}
            << QString() << 1;
        QTest::newRow("isolated long (default book)")
            << int(SimScenario::Single) << QStringList() << u"BNBUSDT/BOTH"_s << -1;
        QTest::newRow("isolated hedge long (default book)")
            << int(SimScenario::Hedge) << QStringList() << u"BNBUSDT/LONG"_s << -1;
        QTest::newRow("isolated hedge short (default book)")
            << int(SimScenario::Hedge) << QStringList() << u"BNBUSDT/SHORT"_s << 1;
    }

    void solvedShockReproducesTheLiquidationPrice()
    {
        QFETCH(int, scenario);
        QFETCH(QStringList, trades);
        QFETCH(QString, judged);
        QFETCH(int, direction);
        auto setup = risktest::startSim(SimScenario(scenario), trades.isEmpty() ? 6 : 0);
        for (const QString& trade : trades) {
            const QStringList parts = trade.split(u' ');
            QVERIFY2(setup.sim->trade(0, parts.at(0), parts.at(1), parts.at(2)), qPrintable(trade));
        }
        const AccountSnapshot snapshot = risktest::fetchSnapshot(setup.config);
        QVERIFY(snapshot.isValid());
        const Expected<StressModel> model = StressModel::fromSnapshot(snapshot);
        QVERIFY2(model, qPrintable(model ? QString() : model.error()));
        const QList<StressRoot> roots = model->solve(StressShock{});
        const auto root = std::find_if(roots.cbegin(), roots.cend(),
                                       [&](const StressRoot& r) { return r.position == judged; });
        QVERIFY(root != roots.cend());
        const std::optional<Decimal> shock = direction < 0 ? root->down : root->up;
        QVERIFY(shock);
        QVERIFY(!(direction < 0 ? root->up : root->down));
        int checked = 0;
        for (const Position& p : snapshot.positions) {
            const bool isolated = p.marginType == u"ISOLATED"_s;
            if (judged.isEmpty() ? isolated : p.symbol + u'/' + p.positionSide != judged)
                continue;
            QVERIFY(p.liquidationPrice && !p.liquidationPrice->isZero());
            const Decimal factor = Decimal::fromInteger(100).plus(*shock).value();
            const Decimal shocked =
                p.markPrice->times(factor).value().dividedBy(Decimal::fromInteger(100), 8).value();
            const Decimal oneTick =
                *Decimal::parse(QString(u"0."_s + QString(tickDecimalsOf(p.symbol) - 1, u'0') + u"1"_s));
            QVERIFY2(near(shocked, *p.liquidationPrice, oneTick),
                     qPrintable(p.symbol + u" "_s + p.positionSide + u": shocked mark "_s + shocked.toString()
                                + u", liquidationPrice "_s + p.liquidationPrice->toString() + u", shock "_s
                                + shock->toString()));
            ++checked;
        }
        QVERIFY(checked > 0);
        // And at that shock the model calls the judged positions liquidated, a hair before it does not.
        QStringList judgedKeys;
        for (const StressPosition& p : model->positions()) {
            if (judged.isEmpty() ? !p.isolated : p.key() == judged)
                judgedKeys << p.key();
        }
        const Expected<StressPoint> at = model->at(shockOf(shock->toString()));
        QVERIFY(at);
        const Decimal hair = *Decimal::parse(direction < 0 ? "0.0001" : "-0.0001");
        const Expected<StressPoint> before = model->at(shockOf(shock->plus(hair).value().toString()));
        QVERIFY(before);
        for (const QString& key : judgedKeys) {
            QVERIFY2(at->liquidated.contains(key), qPrintable(key));
            QVERIFY2(!before->liquidated.contains(key), qPrintable(key));
        }
    }
};

QTEST_GUILESS_MAIN(TestStressModel)
#include "tst_stressmodel.moc"
