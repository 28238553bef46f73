#include "RiskTestSupport.h"
#include "risk/LeverageBrackets.h"

#include <QTest>

using namespace marginwatch;
using namespace Qt::StringLiterals;

namespace {

Decimal dec(const char* text)
{
    return *Decimal::parse(std::string_view(text));
}

// Two brackets of a BTC-like table: 0.4 % up to 50 000, 0.5 % up to 600 000 (cum 50).
QByteArray twoBrackets(const QByteArray& symbol = "BTCUSDT")
{
    return "{\"symbol\":\"" + symbol
           + "\",\"notionalCoef\":1.0,\"brackets\":["
             "{\"bracket\":1,\"initialLeverage\":125,\"notionalCap\":50000,\"notionalFloor\":0,"
             "\"maintMarginRatio\":0.004,\"cum\":0.0},"
             "{\"bracket\":2,\"initialLeverage\":100,\"notionalCap\":600000,\"notionalFloor\":50000,"
             "\"maintMarginRatio\":0.005,\"cum\":50.0}]}";
}

QByteArray oneBracket(const QByteArray& fields)
{
    return "[{\"symbol\":\"ETHUSDT\",\"brackets\":[{" + fields + "}]}]";
}

const QByteArray kGoodBracket =
    "\"bracket\":1,\"initialLeverage\":20,\"notionalCap\":1000,\"notionalFloor\":0,\"maintMarginRatio\":0.01,"
    "\"cum\":0";

} // namespace

class TestLeverageBrackets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error"); // a part of the message; empty = accepted
        QTest::addColumn<int>("symbols");

        QTest::newRow("array") << "[" + twoBrackets() + "," + twoBrackets("ETHUSDT") + "]" << QString() << 2;
        QTest::newRow("object (symbol asked for)") << twoBrackets() << QString() << 1;
        QTest::newRow("quoted decimals")
            << oneBracket(QByteArray(kGoodBracket).replace("0.01", "\"0.01\"")) << QString() << 1;
        QTest::newRow("unknown fields ignored")
            << oneBracket(kGoodBracket + ",\"extra\":[1,2]") << QString() << 1;
        QTest::newRow("no notionalCoef") << oneBracket(kGoodBracket) << QString() << 1;
        QTest::newRow("empty array") << QByteArray("[]") << QString() << 0;

        QTest::newRow("empty body") << QByteArray(" ") << u"empty response body"_s << 0;
        QTest::newRow("html") << QByteArray("<html>") << u"HTML page"_s << 0;
        QTest::newRow("cut short") << twoBrackets().left(80) << u"ends before"_s << 0;
        QTest::newRow("trailing document") << twoBrackets() + "{}" << u"more content"_s << 0;
        QTest::newRow("number at top") << QByteArray("5") << u"array or object"_s << 0;
        QTest::newRow("missing cum") << oneBracket(QByteArray(kGoodBracket).replace(",\"cum\":0", ""))
                                     << u"[0].brackets[0].cum: missing field"_s << 0;
        QTest::newRow("duplicate field")
            << oneBracket(kGoodBracket + ",\"cum\":1") << u"cum: duplicate field"_s << 0;
        QTest::newRow("ratio 1") << oneBracket(QByteArray(kGoodBracket).replace("0.01", "1"))
                                 << u"maintMarginRatio: out of range"_s << 0;
        QTest::newRow("negative ratio") << oneBracket(QByteArray(kGoodBracket).replace("0.01", "-0.01"))
                                        << u"maintMarginRatio: out of range"_s << 0;
        QTest::newRow("negative cum")
            << oneBracket(QByteArray(kGoodBracket).replace("\"cum\":0", "\"cum\":-5")) << u"cum: negative"_s
            << 0;
        QTest::newRow("cap below floor")
            << oneBracket(QByteArray(kGoodBracket).replace("\"notionalCap\":1000", "\"notionalCap\":0"))
            << u"notionalCap: not above notionalFloor"_s << 0;
        QTest::newRow("first floor not 0")
            << oneBracket(QByteArray(kGoodBracket).replace("\"notionalFloor\":0", "\"notionalFloor\":10"))
            << u"the first bracket must start at 0"_s << 0;
        QTest::newRow("gap between brackets")
            << QByteArray(twoBrackets()).replace("\"notionalFloor\":50000", "\"notionalFloor\":50001")
            << u"not the previous bracket's cap"_s << 0;
        QTest::newRow("bracket numbers out of order")
            << QByteArray(twoBrackets()).replace("\"bracket\":2", "\"bracket\":3") << u"expected bracket 2"_s
            << 0;
        QTest::newRow("ratio going down")
            << QByteArray(twoBrackets()).replace("0.005", "0.003") << u"lower than the previous"_s << 0;
        QTest::newRow("leverage 0") << oneBracket(
            QByteArray(kGoodBracket).replace("\"initialLeverage\":20", "\"initialLeverage\":0"))
                                    << u"initialLeverage: out of range"_s << 0;
        QTest::newRow("leverage as float") << oneBracket(
            QByteArray(kGoodBracket).replace("\"initialLeverage\":20", "\"initialLeverage\":20.5"))
                                           << u"initialLeverage: expected an integer"_s << 0;
        QTest::newRow("huge number") << oneBracket(QByteArray(kGoodBracket).replace("1000", "1e400"))
                                     << u"notionalCap: not a decimal number"_s << 0;
        QTest::newRow("cap as bool") << oneBracket(QByteArray(kGoodBracket).replace("1000", "true"))
                                     << u"notionalCap: expected a number"_s << 0;
        QTest::newRow("no brackets") << QByteArray("[{\"symbol\":\"ETHUSDT\",\"brackets\":[]}]")
                                     << u"no brackets"_s << 0;
        QTest::newRow("no symbol") << QByteArray("[{\"brackets\":[{" + kGoodBracket + "}]}]")
                                   << u"symbol: missing field"_s << 0;
        QTest::newRow("odd symbol") << QByteArray(oneBracket(kGoodBracket)).replace("ETHUSDT", "ETH\\nUSDT")
                                    << u"not a symbol name"_s << 0;
        QTest::newRow("symbol twice")
            << "[" + twoBrackets() + "," + twoBrackets() + "]" << u"listed twice"_s << 0;
        QTest::newRow("coefficient 0")
            << QByteArray(twoBrackets()).replace("1.0", "0") << u"notionalCoef"_s << 0;
        QByteArray many = "[{\"symbol\":\"X\",\"brackets\":[";
        for (int i = 0; i < 65; ++i) {
            many += (i ? "," : "")
                    + u"{\"bracket\":%1,\"initialLeverage\":1,\"notionalCap\":%2,"
                      "\"notionalFloor\":%3,\"maintMarginRatio\":0.1,\"cum\":0}"_s.arg(i + 1)
                          .arg((i + 1) * 10)
                          .arg(i * 10)
                          .toLatin1();
        }
        QTest::newRow("65 brackets") << many + "]}]" << u"more than 64 brackets"_s << 0;
    }

    void parse()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        QFETCH(int, symbols);
        const Expected<LeverageBrackets> parsed = LeverageBrackets::parse(body);
        if (error.isEmpty()) {
            QVERIFY2(parsed.has_value(), qPrintable(parsed ? QString() : parsed.error()));
            QCOMPARE(parsed->size(), symbols);
        } else {
            QVERIFY(!parsed.has_value());
            QVERIFY2(parsed.error().startsWith(u"leverageBracket: "_s), qPrintable(parsed.error()));
            QVERIFY2(parsed.error().contains(error), qPrintable(parsed.error()));
        }
    }

    void parsedValuesAreExact()
    {
        const Expected<LeverageBrackets> parsed = LeverageBrackets::parse(twoBrackets());
        QVERIFY(parsed);
        const SymbolBrackets* btc = parsed->find(u"BTCUSDT"_s);
        QVERIFY(btc);
        QCOMPARE(btc->brackets.size(), 2);
        QCOMPARE(btc->brackets.at(1).bracket, 2);
        QCOMPARE(btc->brackets.at(1).initialLeverage, 100);
        QCOMPARE(btc->brackets.at(1).notionalFloor.toString(), u"50000"_s);
        QCOMPARE(btc->brackets.at(1).maintMarginRatio.toString(), u"0.005"_s);
        QCOMPARE(btc->brackets.at(1).cum.toString(), u"50.0"_s);
        QCOMPARE(btc->notionalCoef, dec("1"));
        QVERIFY(!parsed->find(u"ETHUSDT"_s));
    }

    void maintenanceMargin_data()
    {
        QTest::addColumn<QString>("notional");
        QTest::addColumn<QString>("maint");
        QTest::addColumn<int>("bracket");
        QTest::newRow("zero") << u"0"_s << u"0"_s << 1;
        QTest::newRow("first bracket") << u"10000"_s << u"40"_s << 1;
        QTest::newRow("short counts by size") << u"-10000"_s << u"40"_s << 1;
        QTest::newRow("just below the cap") << u"49999.99999999"_s << u"199.99999999"_s << 1;
        // At the cap the next bracket starts; cum keeps the margin continuous: 50000 x 0.005 - 50.
        QTest::newRow("at the cap") << u"50000"_s << u"200"_s << 2;
        QTest::newRow("second bracket") << u"100000"_s << u"450"_s << 2;
        QTest::newRow("product cut to 8 decimals") << u"12345.678901234"_s << u"49.38271560"_s << 1;
        QTest::newRow("beyond the last cap") << u"1000000"_s << u"4950"_s << 2;
    }

    void maintenanceMargin()
    {
        QFETCH(QString, notional);
        QFETCH(QString, maint);
        QFETCH(int, bracket);
        const Expected<LeverageBrackets> parsed = LeverageBrackets::parse(twoBrackets());
        QVERIFY(parsed);
        const SymbolBrackets* btc = parsed->find(u"BTCUSDT"_s);
        const Decimal n = *Decimal::parse(notional);
        QCOMPARE(btc->bracketFor(n).bracket, bracket);
        const std::optional<Decimal> mm = btc->maintenanceMargin(n);
        QVERIFY(mm);
        QCOMPARE(*mm, *Decimal::parse(maint));
    }

    // The client fetches the brackets only when asked, once, and each position's maintenance margin
    // computed from them is the one the exchange (here the simulator) serves.
    void fetchedBracketsReproduceServedMaintenanceMargin_data()
    {
        QTest::addColumn<int>("scenario");
        QTest::addColumn<int>("positions");
        QTest::addColumn<int>("notionalCoefPercent");
        QTest::newRow("single") << int(SimScenario::Single) << 8 << 100;
        QTest::newRow("hedge") << int(SimScenario::Hedge) << 8 << 100;
        QTest::newRow("multi") << int(SimScenario::Multi) << 6 << 100;
        QTest::newRow("adjusted brackets") << int(SimScenario::Single) << 8 << 150;
    }

    void fetchedBracketsReproduceServedMaintenanceMargin()
    {
        QFETCH(int, scenario);
        QFETCH(int, positions);
        QFETCH(int, notionalCoefPercent);
        auto setup = risktest::startSim(SimScenario(scenario), positions, notionalCoefPercent);

        const AccountSnapshot snapshot = risktest::fetchSnapshot(setup.config);
        QVERIFY(snapshot.isValid());
        QVERIFY2(snapshot.leverageBrackets, qPrintable(snapshot.leverageBracketsError));
        QCOMPARE(setup.sim->requestCount(u"/fapi/v1/leverageBracket"_s), 1);
        QCOMPARE(snapshot.positions.size(), positions);
        Decimal total;
        for (const Position& p : snapshot.positions) {
            const SymbolBrackets* brackets = snapshot.leverageBrackets->find(p.symbol);
            QVERIFY2(brackets, qPrintable(p.symbol));
            QCOMPARE(
                brackets->notionalCoef,
                Decimal::fromInteger(notionalCoefPercent).dividedBy(Decimal::fromInteger(100), 2).value());
            const std::optional<Decimal> mm = brackets->maintenanceMargin(p.notional);
            QVERIFY(mm);
            QVERIFY2(*mm == p.maintMargin,
                     qPrintable(p.symbol + u": "_s + mm->toString() + u" != "_s + p.maintMargin.toString()));
            total = total.plus(*mm).value();
        }
        QCOMPARE(total, snapshot.totals.totalMaintMargin);
    }

    void notFetchedUnlessAsked()
    {
        auto setup = risktest::startSim(SimScenario::Single, 3);
        SnapshotFetcher fetcher(setup.config, 1, apitest::fastTuning());
        QSignalSpy finished(&fetcher, &SnapshotFetcher::finished);
        fetcher.start();
        QVERIFY(finished.wait(5000));
        const AccountSnapshot snapshot = finished.first().first().value<AccountSnapshot>();
        QVERIFY(!snapshot.leverageBrackets);
        QCOMPARE(setup.sim->requestCount(u"/fapi/v1/leverageBracket"_s), 0);
    }

    void cachedUntilTheRefreshPeriod()
    {
        auto setup = risktest::startSim(SimScenario::Single, 3);
        SnapshotFetcher fetcher(setup.config, 1, risktest::bracketTuning());
        QSignalSpy finished(&fetcher, &SnapshotFetcher::finished);
        fetcher.start();
        QVERIFY(finished.wait(5000));
        fetcher.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(setup.sim->requestCount(u"/fapi/v3/account"_s), 2);
        QCOMPARE(setup.sim->requestCount(u"/fapi/v1/leverageBracket"_s), 1);
        QVERIFY(finished.last().first().value<AccountSnapshot>().leverageBrackets);
    }

    // A bracket answer that does not parse costs the stress figures, not the snapshot.
    void badBracketsKeepTheSnapshot()
    {
        auto setup = risktest::startSim(SimScenario::Single, 3);
        // Signed requests: accountConfig, symbolConfig, leverageBracket, account, positionRisk.
        QVERIFY(setup.sim->setFaults(u"badjson@3"_s));
        const AccountSnapshot snapshot = risktest::fetchSnapshot(setup.config);
        QVERIFY(snapshot.isValid());
        QVERIFY(!snapshot.leverageBrackets);
        QVERIFY2(snapshot.leverageBracketsError.contains(u"leverageBracket"_s),
                 qPrintable(snapshot.leverageBracketsError));
    }
};

QTEST_GUILESS_MAIN(TestLeverageBrackets)
#include "tst_leveragebrackets.moc"
