// The simulator's pure parts, table-driven: its own fixed point, brackets, the liquidation formula,
// the per-IP rate limiter, key permissions and the fault grammar.
#include "sim/SimFaultPlan.h"
#include "sim/SimFixed.h"
#include "sim/SimKeyPermissions.h"
#include "sim/SimLeverageBrackets.h"
#include "sim/SimLiquidation.h"
#include "sim/SimRateLimiter.h"
#include "sim/SimSymbolCatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace marginwatch;

namespace {

qint64 fx(const char* text)
{
    const auto v = SimFixed::parse(QByteArray(text));
    if (!v)
        qFatal("bad fixed-point literal %s", text);
    return *v;
}

// The BTCUSDT rows (caps in USDT, ratio in millionths, leverage) of the simulator's catalog.
const QList<SimLeverageBrackets::Row> kBtcRows = {
    {50000, 4000, 125},     {600000, 5000, 100},    {3000000, 6500, 75},     {12000000, 10000, 50},
    {70000000, 20000, 25},  {100000000, 25000, 20}, {230000000, 50000, 10},  {480000000, 100000, 5},
    {600000000, 125000, 4}, {800000000, 150000, 3}, {1200000000, 250000, 2}, {1800000000, 500000, 1}};

} // namespace

class TestSimUnits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fixedFormat_data();
    void fixedFormat();
    void fixedParse_data();
    void fixedParse();
    void brackets_cumMatchesBinanceBtcTable();
    void brackets_maintenanceIsContinuous();
    void brackets_notionalCoefScalesCapsAndCum();
    void brackets_jsonUsesNumbers();
    void liquidation_data();
    void liquidation();
    void catalog_positionsRespectTickAndStep();
    void catalog_findsRenamedCopies();
    void rateLimiter_sharedWindow429ThenBan();
    void rateLimiter_banDoublesAndWindowResets();
    void permissions_parse_data();
    void permissions_parse();
    void permissions_json();
    void faultPlan_streamKinds_data();
    void faultPlan_streamKinds();
};

void TestSimUnits::fixedFormat_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QByteArray>("trimmed");
    QTest::newRow("eight") << "12.5"_ba << 8 << "12.50000000"_ba
                           << "12.5"_ba;
    QTest::newRow("negative truncates") << "-0.12345678"_ba << 3 << "-0.123"_ba
                                        << "-0.12345678"_ba;
    QTest::newRow("negative to zero") << "-0.0001"_ba << 2 << "0.00"_ba
                                      << "-0.0001"_ba;
    QTest::newRow("whole") << "50"_ba << 0 << "50"_ba
                           << "50"_ba;
    QTest::newRow("ratio") << "0.0065"_ba << 8 << "0.00650000"_ba
                           << "0.0065"_ba;
    QTest::newRow("zero") << "0"_ba << 8 << "0.00000000"_ba
                          << "0"_ba;
}

void TestSimUnits::fixedFormat()
{
    QFETCH(QByteArray, value);
    QFETCH(int, decimals);
    QFETCH(QByteArray, expected);
    QFETCH(QByteArray, trimmed);
    const qint64 v = *SimFixed::parse(value);
    QCOMPARE(SimFixed::format(v, decimals), expected);
    QCOMPARE(SimFixed::formatTrimmed(v), trimmed);
}

void TestSimUnits::fixedParse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("value");
    QTest::newRow("plain") << "3.5"_ba << true << qint64(350000000);
    QTest::newRow("negative") << "-0.001"_ba << true << qint64(-100000);
    QTest::newRow("leading dot") << ".5"_ba << true << qint64(50000000);
    QTest::newRow("nine decimals") << "0.123456789"_ba << false << qint64(0);
    QTest::newRow("exponent") << "2.8E-4"_ba << false << qint64(0);
    QTest::newRow("empty") << ""_ba << false << qint64(0);
    QTest::newRow("sign only") << "-"_ba << false << qint64(0);
    QTest::newRow("too long") << "12345678901"_ba << false << qint64(0);
}

void TestSimUnits::fixedParse()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(qint64, value);
    const auto parsed = SimFixed::parse(text);
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QCOMPARE(*parsed, value);
}

void TestSimUnits::brackets_cumMatchesBinanceBtcTable()
{
    // cum is derived from caps and ratios; these are the exchange's published BTCUSDT figures.
    const SimLeverageBrackets table = SimLeverageBrackets::fromRows(kBtcRows, SimFixed::kOne);
    const QList<qint64> cum = {0,       50,       950,      11450,    131450,    481450,
                               2981450, 14481450, 26481450, 41481450, 121481450, 421481450};
    QCOMPARE(table.tiers().size(), cum.size());
    for (qsizetype i = 0; i < cum.size(); ++i) {
        QCOMPARE(table.tiers().at(i).cum, cum.at(i) * SimFixed::kOne);
        QCOMPARE(table.tiers().at(i).bracket, int(i + 1));
    }
    QCOMPARE(table.tiers().at(1).notionalFloor, 50000 * SimFixed::kOne);
    QCOMPARE(table.tierFor(fx("49999.99999999")).bracket, 1);
    QCOMPARE(table.tierFor(50000 * SimFixed::kOne).bracket, 2);
    QCOMPARE(table.tierFor(fx("9999999999")).bracket, 12); // beyond the last cap
    // 9000 x 0.4 % = 36; 720000 x 0.65 % - 950 = 3730.
    QCOMPARE(table.maintenanceMargin(9000 * SimFixed::kOne), 36 * SimFixed::kOne);
    QCOMPARE(table.maintenanceMargin(720000 * SimFixed::kOne), 3730 * SimFixed::kOne);
    QCOMPARE(table.maintenanceMargin(0), 0);
}

void TestSimUnits::brackets_maintenanceIsContinuous()
{
    for (int t = 0; t < SimSymbolCatalog::baseCount(); ++t) {
        const SimLeverageBrackets table =
            SimSymbolCatalog::brackets(SimSymbolCatalog::specAt(t), SimFixed::kOne);
        for (const SimLeverageBrackets::Tier& tier : table.tiers()) {
            if (tier.notionalFloor == 0)
                continue;
            // Just below and at the floor, the two brackets give the same margin (to rounding).
            const qint64 below = table.maintenanceMargin(tier.notionalFloor - 1);
            const qint64 at = table.maintenanceMargin(tier.notionalFloor);
            QVERIFY2(at - below >= 0 && at - below <= 2,
                     qPrintable(u"%1 at floor %2"_s.arg(t).arg(tier.notionalFloor)));
        }
    }
}

void TestSimUnits::brackets_notionalCoefScalesCapsAndCum()
{
    const SimLeverageBrackets table = SimLeverageBrackets::fromRows(kBtcRows, fx("1.5"));
    QCOMPARE(table.tiers().at(0).notionalCap, 75000 * SimFixed::kOne);
    QCOMPARE(table.tiers().at(1).notionalFloor, 75000 * SimFixed::kOne);
    QCOMPARE(table.tiers().at(1).cum, 75 * SimFixed::kOne); // 75000 x 0.1 %
    QVERIFY(table.json("BTCUSDT").contains("\"notionalCoef\":1.5,"));
}

void TestSimUnits::brackets_jsonUsesNumbers()
{
    const SimLeverageBrackets table = SimLeverageBrackets::fromRows(kBtcRows, SimFixed::kOne);
    const QByteArray json = table.json("BTCUSDT");
    QVERIFY(json.startsWith("{\"symbol\":\"BTCUSDT\",\"notionalCoef\":1.0,\"brackets\":[{\"bracket\":1,"));
    QVERIFY(json.contains(
        "\"notionalCap\":600000,\"notionalFloor\":50000,\"maintMarginRatio\":0.005,\"cum\":50}"));
    const QJsonObject parsed = QJsonDocument::fromJson(json).object();
    QCOMPARE(parsed[u"brackets"_s].toArray().size(), kBtcRows.size());
    QVERIFY(parsed[u"brackets"_s][2][u"maintMarginRatio"_s].isDouble());
}

void TestSimUnits::liquidation_data()
{
    QTest::addColumn<QString>("table"); // "btc" or "eth04" (first bracket 0.4 %)
    QTest::addColumn<QByteArray>("walletAndOthers");
    QTest::addColumn<QList<int>>("sides");
    QTest::addColumn<QList<QByteArray>>("quantities");
    QTest::addColumn<QList<QByteArray>>("entries");
    QTest::addColumn<QByteArray>("mark");
    QTest::addColumn<QByteArray>("expected");
    // A real isolated ETHUSDT short from the exchange: isolatedWallet 4.92463755, 0.010 at 2468.49,
    // liquidationPrice "2949.15712649" as positionRisk served it.
    QTest::newRow("exchange capture, isolated short")
        << u"eth04"_s << "4.92463755"_ba << QList<int>{-1} << QList<QByteArray>{"0.010"}
        << QList<QByteArray>{"2468.49"} << "2473.15992704"_ba
        << "2949.15712649"_ba;
    QTest::newRow("cross long, first bracket")
        << u"btc"_s << "1000"_ba << QList<int>{1} << QList<QByteArray>{"0.1"} << QList<QByteArray>{"60000"}
        << "60000"_ba
        << "50200.80321285"_ba;
    QTest::newRow("cross short, third bracket")
        << u"btc"_s << "50000"_ba << QList<int>{-1} << QList<QByteArray>{"10"} << QList<QByteArray>{"60000"}
        << "60000"_ba
        << "64674.61500248"_ba;
    // At the mark the notional (660000) is in bracket 3, at the liquidation price in bracket 2: the
    // bracket at the liquidation price counts (46580.04300681 with the mark's bracket would be wrong).
    QTest::newRow("bracket changes on the way")
        << u"btc"_s << "150000"_ba << QList<int>{1} << QList<QByteArray>{"11"} << QList<QByteArray>{"60000"}
        << "60000"_ba
        << "46592.05116491"_ba;
    QTest::newRow("hedged symbol, both legs")
        << u"btc"_s << "10000"_ba << QList<int>{1, -1} << QList<QByteArray>{"1", "0.5"}
        << QList<QByteArray>{"59700", "60200"} << "60000"_ba
        << "39676.11336032"_ba;
    QTest::newRow("covered long: none") << u"btc"_s << "100000"_ba << QList<int>{1} << QList<QByteArray>{"1"}
                                        << QList<QByteArray>{"60000"} << "60000"_ba
                                        << "0"_ba;
    // Equal hedged legs: the PnL cancels, the maintenance margin of both grows with the price until it
    // takes the wallet (at 110000 each leg is in bracket 2: 550 - 50 = 500, twice).
    QTest::newRow("legs that cancel: maintenance alone")
        << u"btc"_s << "1000"_ba << QList<int>{1, -1} << QList<QByteArray>{"1", "1"}
        << QList<QByteArray>{"60000", "60000"} << "60000"_ba
        << "110000"_ba;
}

void TestSimUnits::liquidation()
{
    QFETCH(QString, table);
    QFETCH(QByteArray, walletAndOthers);
    QFETCH(QList<int>, sides);
    QFETCH(QList<QByteArray>, quantities);
    QFETCH(QList<QByteArray>, entries);
    QFETCH(QByteArray, mark);
    QFETCH(QByteArray, expected);
    const SimLeverageBrackets brackets =
        table == u"btc"_s
            ? SimLeverageBrackets::fromRows(kBtcRows, SimFixed::kOne)
            : SimLeverageBrackets::fromRows({{10000, 4000, 125}, {100000, 5000, 100}}, SimFixed::kOne);
    QList<SimLiquidation::Leg> legs;
    for (qsizetype i = 0; i < sides.size(); ++i)
        legs.append(
            {sides.at(i), fx(quantities.at(i).constData()), fx(entries.at(i).constData()), &brackets});
    const qint64 lp = SimLiquidation::price(fx(walletAndOthers.constData()), legs, fx(mark.constData()));
    QCOMPARE(SimFixed::formatTrimmed(lp), SimFixed::formatTrimmed(fx(expected.constData())));
}

void TestSimUnits::catalog_positionsRespectTickAndStep()
{
    QSet<QByteArray> ticks;
    QSet<QByteArray> steps;
    for (int i = 0; i < SimSymbolCatalog::baseCount(); ++i) {
        const SimSymbolCatalog::Spec spec = SimSymbolCatalog::specAt(i);
        ticks.insert(spec.tickText);
        steps.insert(spec.stepText);
        QCOMPARE(SimFixed::toStep(spec.quantity, spec.step), spec.quantity);
        QCOMPARE(SimFixed::toStep(spec.price, spec.tick), spec.price);
        QCOMPARE(*SimFixed::parse(spec.tickText), spec.tick);
    }
    // The tick and step sizes a client must format.
    for (const char* tick : {"0.10", "0.01", "0.00001"})
        QVERIFY2(ticks.contains(tick), tick);
    for (const char* step : {"1", "0.001"})
        QVERIFY2(steps.contains(step), step);
    // pricePrecision is not the tick's decimals on the exchange either.
    QCOMPARE(SimSymbolCatalog::specAt(0).pricePrecision, 2);
    QCOMPARE(SimSymbolCatalog::specAt(0).tickText, "0.10"_ba);
}

void TestSimUnits::catalog_findsRenamedCopies()
{
    QCOMPARE(SimSymbolCatalog::find("ETHUSDT")->symbol, "ETHUSDT"_ba);
    QCOMPARE(SimSymbolCatalog::find("DOGE3USDT")->tickText, "0.00001"_ba);
    QCOMPARE(SimSymbolCatalog::find("DOGE3USDT")->symbol, "DOGE3USDT"_ba);
    QVERIFY(!SimSymbolCatalog::find("FOOUSDT"));
    QVERIFY(!SimSymbolCatalog::find("BTC01USDT"));
    QVERIFY(!SimSymbolCatalog::find("BTCUSD_PERP"));
}

void TestSimUnits::rateLimiter_sharedWindow429ThenBan()
{
    SimRateLimiter limiter({10, 2, 60});
    const qint64 minuteStart = 1700000040000; // on a minute boundary
    const QString ip = u"127.0.0.1"_s;
    QCOMPARE(limiter.admit(ip, 5, minuteStart).status, 200);
    QCOMPARE(limiter.admit(u"10.0.0.2"_s, 9, minuteStart).status, 200); // another address, its own window
    const SimRateLimiter::Verdict full = limiter.admit(ip, 5, minuteStart + 1000);
    QCOMPARE(full.status, 200);
    QCOMPARE(full.used, 10);
    const SimRateLimiter::Verdict over = limiter.admit(ip, 1, minuteStart + 15000);
    QCOMPARE(over.status, 429);
    QCOMPARE(over.used, 11);
    QCOMPARE(over.retryAfterSeconds, 45); // until the minute ends
    QCOMPARE(limiter.admit(ip, 1, minuteStart + 16000).status, 429);
    const SimRateLimiter::Verdict banned = limiter.admit(ip, 1, minuteStart + 17000);
    QCOMPARE(banned.status, 418);
    QCOMPARE(banned.retryAfterSeconds, 60);
    QCOMPARE(banned.bannedUntilMs, minuteStart + 77000);
    // The ban covers the next minute too, however light the request.
    QCOMPARE(limiter.admit(ip, 1, minuteStart + 61000).status, 418);
    QCOMPARE(limiter.admit(ip, 1, minuteStart + 78000).status, 200);
}

void TestSimUnits::rateLimiter_banDoublesAndWindowResets()
{
    SimRateLimiter limiter({1, 0, 10});
    const qint64 t0 = 1700000040000;
    const QString ip = u"127.0.0.1"_s;
    QCOMPARE(limiter.admit(ip, 1, t0).status, 200);
    QCOMPARE(limiter.admit(ip, 1, t0).retryAfterSeconds, 10);         // first ban: 10 s
    QCOMPARE(limiter.admit(ip, 1, t0 + 60000).status, 200);           // new minute, ban over
    QCOMPARE(limiter.admit(ip, 1, t0 + 60000).retryAfterSeconds, 20); // second ban: doubled
    QCOMPARE(limiter.used(ip, t0 + 60000), 2);
    QCOMPARE(limiter.used(ip, t0 + 120000), 0);
    SimRateLimiter unlimited({0, 0, 10});
    for (int i = 0; i < 100; ++i)
        QCOMPARE(unlimited.admit(ip, 1000, t0).status, 200);
}

void TestSimUnits::permissions_parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("withdrawals");
    QTest::addColumn<bool>("ipRestrict");
    QTest::addColumn<bool>("futures");
    QTest::newRow("defaults") << QString() << true << false << true << false;
    QTest::newRow("dangerous key") << u"withdrawals,noiprestrict"_s << true << true << false << false;
    QTest::newRow("trading") << u"futures, SpotAndMargin"_s << true << false << true << true;
    QTest::newRow("unknown") << u"teleport"_s << false << false << false << false;
    QTest::newRow("bad expiry") << u"tradingexpiry=soon"_s << false << false << false << false;
}

void TestSimUnits::permissions_parse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(bool, withdrawals);
    QFETCH(bool, ipRestrict);
    QFETCH(bool, futures);
    QString error;
    const auto p = SimKeyPermissions::parse(text, SimKeyPermissions{}, &error);
    QCOMPARE(p.has_value(), valid);
    QCOMPARE(error.isEmpty(), valid);
    if (!p)
        return;
    QCOMPARE(p->enableWithdrawals, withdrawals);
    QCOMPARE(p->ipRestrict, ipRestrict);
    QCOMPARE(p->enableFutures, futures);
    QVERIFY(p->enableReading);
}

void TestSimUnits::permissions_json()
{
    SimKeyPermissions p;
    const QByteArray json = p.json(1698645219000, false);
    const QList<QByteArray> keys = {"ipRestrict",
                                    "createTime",
                                    "enableReading",
                                    "enableWithdrawals",
                                    "enableInternalTransfer",
                                    "enableMargin",
                                    "enableFutures",
                                    "permitsUniversalTransfer",
                                    "enableVanillaOptions",
                                    "enableFixApiTrade",
                                    "enableFixReadOnly",
                                    "enableSpotAndMarginTrading",
                                    "enablePortfolioMarginTrading"};
    qsizetype at = -1;
    for (const QByteArray& key : keys) { // every field, in the exchange's order
        const qsizetype found = json.indexOf(QByteArray('"' + key + "\":"));
        QVERIFY2(found > at, key.constData());
        at = found;
    }
    QVERIFY(!json.contains("tradingAuthorityExpirationTime"));
    QVERIFY(p.json(0, true).contains("\"enablePortfolioMarginTrading\":true"));
    p.tradingAuthorityExpirationTime = 1700000000000;
    QVERIFY(p.json(0, false).endsWith(",\"tradingAuthorityExpirationTime\":1700000000000}"));
}

void TestSimUnits::faultPlan_streamKinds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("drop nth") << u"dropstream:500@2"_s << true;
    QTest::newRow("silent") << u"silentstream"_s << true;
    QTest::newRow("expire") << u"expirekey:100@1,500@3"_s << true;
    QTest::newRow("run-wide") << u"legacyonly,silentws,needevents"_s << true;
    QTest::newRow("typo") << u"dropstreams"_s << false;
}

void TestSimUnits::faultPlan_streamKinds()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    const auto plan = SimFaultPlan::parse(text);
    QCOMPARE(plan.has_value(), valid);
    if (!plan)
        return;
    if (text == u"dropstream:500@2"_s) {
        QVERIFY(!plan->streamFaultFor(1));
        QCOMPARE(plan->streamFaultFor(2)->kind, SimFault::Kind::DropStream);
        QCOMPARE(plan->streamFaultFor(2)->param, 500);
        QVERIFY(!plan->faultFor(2)); // stream rules never fire on REST requests
    } else if (text == u"silentstream"_s) {
        QCOMPARE(plan->streamFaultFor(7)->kind, SimFault::Kind::SilentStream);
        QVERIFY(!plan->expiryFor(1));
    } else if (text.startsWith(u"expirekey"_s)) {
        QCOMPARE(plan->expiryFor(1)->param, 100);
        QVERIFY(!plan->expiryFor(2));
        QCOMPARE(plan->faultFor(3)->kind, SimFault::Kind::ServerError);
        QVERIFY(!plan->streamFaultFor(1));
    } else if (text.startsWith(u"legacyonly"_s)) {
        QVERIFY(plan->legacyOnly() && plan->silentWs() && plan->needEvents());
        QVERIFY(!plan->isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestSimUnits)
#include "tst_sim_units.moc"
