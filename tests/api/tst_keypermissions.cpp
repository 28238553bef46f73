#include "ApiTestSupport.h"
#include "api/KeyPermissionCheck.h"
#include "api/KeyPermissions.h"

#include <QSignalSpy>
#include <QTest>

using namespace marginwatch;
using namespace Qt::StringLiterals;

namespace {

QByteArray body(const QByteArray& extra = {})
{
    return "{\"ipRestrict\":true,\"createTime\":1698645219000,\"enableReading\":true,\"enableWithdrawals\":false,"
           "\"enableInternalTransfer\":false,\"enableMargin\":false,\"enableFutures\":false,"
           "\"permitsUniversalTransfer\":false,\"enableVanillaOptions\":false,\"enableFixApiTrade\":false,"
           "\"enableFixReadOnly\":false,\"enableSpotAndMarginTrading\":false,"
           "\"enablePortfolioMarginTrading\":false"
           + extra + "}";
}

using Level = KeyAssessment::Level;

} // namespace

class TestKeyPermissions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error"); // part of it; empty = accepted
        QTest::newRow("documented answer") << body() << QString();
        QTest::newRow("with trading expiry")
            << body(",\"tradingAuthorityExpirationTime\":1628985600000") << QString();
        QTest::newRow("unknown field") << body(",\"enableSomethingNew\":true") << QString();
        QTest::newRow("empty") << QByteArray() << u"empty response body"_s;
        QTest::newRow("html") << QByteArray("<html></html>") << u"HTML"_s;
        QTest::newRow("array") << QByteArray("[]") << u"expected a JSON object"_s;
        QTest::newRow("flag as string")
            << QByteArray(body()).replace("\"enableWithdrawals\":false", "\"enableWithdrawals\":\"false\"")
            << u"enableWithdrawals: expected true or false"_s;
        QTest::newRow("withdrawals missing") << QByteArray(body()).replace("\"enableWithdrawals\":false,", "")
                                             << u"enableWithdrawals: missing"_s;
        QTest::newRow("duplicate") << body(",\"enableWithdrawals\":true") << u"duplicate"_s;
        QTest::newRow("negative time")
            << QByteArray(body()).replace("1698645219000", "-1") << u"createTime"_s;
        QTest::newRow("trailing") << body() + "{}" << u"more content"_s;
        QTest::newRow("cut short") << body().left(40) << u"ends before"_s;
        QTest::newRow("too large") << body(",\"x\":\"" + QByteArray(70 * 1024, 'a') + "\"") << u"64 KB"_s;
    }

    void parse()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const Expected<KeyPermissions> p = parseKeyPermissions(json);
        if (error.isEmpty()) {
            QVERIFY2(p, qPrintable(p ? QString() : p.error()));
            QVERIFY(p->ipRestrict && p->enableReading && !p->enableWithdrawals);
            QCOMPARE(p->createTime, 1698645219000);
        } else {
            QVERIFY(!p);
            QVERIFY2(p.error().startsWith(u"apiRestrictions: "_s) && p.error().contains(error),
                     qPrintable(p.error()));
        }
    }

    void baseUrl_data()
    {
        QTest::addColumn<QString>("futures");
        QTest::addColumn<QString>("sapi"); // "" = none
        QTest::newRow("production") << u"https://fapi.binance.com"_s << u"https://api.binance.com"_s;
        QTest::newRow("demo trading") << u"https://demo-fapi.binance.com"_s << QString();
        QTest::newRow("old testnet name") << u"https://testnet.binancefuture.com"_s << QString();
        QTest::newRow("custom") << u"https://proxy.example:8443/binance"_s << u"https://proxy.example:8443"_s;
        QTest::newRow("loopback") << u"http://127.0.0.1:8080"_s << u"http://127.0.0.1:8080"_s;
    }

    void baseUrl()
    {
        QFETCH(QString, futures);
        QFETCH(QString, sapi);
        const std::optional<QUrl> url = keyPermissionsBaseUrl(QUrl(futures));
        QCOMPARE(url.has_value(), !sapi.isEmpty());
        if (url)
            QCOMPARE(url->toString(), sapi);
    }

    void assess_data()
    {
        QTest::addColumn<QString>("flags"); // the simulator's permission syntax, applied to a safe key
        QTest::addColumn<int>("level");
        QTest::addColumn<QString>("headline");
        QTest::addColumn<QString>("advice");
        QTest::newRow("read-only, IP-restricted")
            << QString() << int(Level::Safe) << u"safe key"_s << QString();
        QTest::newRow("withdrawals") << u"withdrawals"_s << int(Level::Danger)
                                     << u"this key can move your money out — create a read-only key"_s
                                     << u"untick \"Enable Withdrawals\""_s;
        QTest::newRow("withdrawals and trading")
            << u"withdrawals,spotandmargin,futures"_s << int(Level::Danger) << u"move your money out"_s
            << u"Enable Spot & Margin"_s;
        QTest::newRow("spot trading") << u"spotandmargin"_s << int(Level::Caution) << u"more than read"_s
                                      << u"untick \"Enable Spot & Margin Trading\""_s;
        QTest::newRow("futures") << u"futures"_s << int(Level::Caution) << u"more than read"_s
                                 << u"\"Enable Futures\""_s;
        QTest::newRow("no IP restriction") << u"noiprestrict"_s << int(Level::Caution) << u"trusted IP"_s
                                           << u"Restrict access to trusted IPs only"_s;
        QTest::newRow("universal transfer") << u"universaltransfer"_s << int(Level::Caution)
                                            << u"more than read"_s << u"Permits Universal Transfer"_s;
        QTest::newRow("reading off") << u"noreading"_s << int(Level::Caution) << u"cannot read"_s
                                     << u"Enable Reading"_s;
    }

    void assess()
    {
        QFETCH(QString, flags);
        QFETCH(int, level);
        QFETCH(QString, headline);
        QFETCH(QString, advice);
        const std::optional<SimKeyPermissions> sim = SimKeyPermissions::parse(flags, SimKeyPermissions{});
        QVERIFY(sim);
        const Expected<KeyPermissions> p = parseKeyPermissions(sim->json(1698645219000, false));
        QVERIFY(p);
        const KeyAssessment a = KeyPermissionAdvice::assess(*p);
        QCOMPARE(int(a.level), level);
        QVERIFY2(a.headline.contains(headline, Qt::CaseInsensitive), qPrintable(a.headline));
        if (advice.isEmpty())
            QVERIFY(a.advice.isEmpty());
        else
            QVERIFY2(a.advice.join(u' ').contains(advice), qPrintable(a.advice.join(u'\n')));
        QCOMPARE(KeyPermissionAdvice::headlessWarning(*p).isEmpty(), level != int(Level::Danger));
    }

    // The real client against the simulator's /sapi endpoint, one colour per key.
    void checkAgainstTheSimulator_data()
    {
        QTest::addColumn<QString>("flags");
        QTest::addColumn<int>("level");
        QTest::newRow("green") << QString() << int(Level::Safe);
        QTest::newRow("amber: trading") << u"futures,spotandmargin"_s << int(Level::Caution);
        QTest::newRow("amber: any IP") << u"noiprestrict"_s << int(Level::Caution);
        QTest::newRow("red: withdrawals") << u"withdrawals"_s << int(Level::Danger);
    }

    void checkAgainstTheSimulator()
    {
        QFETCH(QString, flags);
        QFETCH(int, level);
        auto setup = apitest::startSim();
        setup.sim->setKeyPermissions(setup.config.credentials.apiKey,
                                     *SimKeyPermissions::parse(flags, SimKeyPermissions{}));
        KeyPermissionCheck check(setup.config, apitest::fastTuning());
        QSignalSpy finished(&check, &KeyPermissionCheck::finished);
        QSignalSpy failed(&check, &KeyPermissionCheck::failed);
        check.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(failed.size(), 0);
        const KeyPermissions p = finished.first().first().value<KeyPermissions>();
        QCOMPARE(int(KeyPermissionAdvice::assess(p).level), level);
        QCOMPARE(setup.sim->requestCount(u"/sapi/v1/account/apiRestrictions"_s), 1);
        QVERIFY(!check.isRunning());
    }

    void portfolioMarginKeyIsReported()
    {
        SimOptions options;
        options.tickIntervalMs = 0;
        options.scenario = SimScenario::PortfolioMargin;
        SimulatorServer sim(options);
        QVERIFY(sim.listen(0));
        const DemoCredentials demo = sim.generateDemoCredentials();
        ClientConfig config;
        config.baseUrl = sim.baseUrl();
        config.credentials.apiKey = demo.apiKey;
        config.credentials.secret = SecretBytes(demo.secret);
        KeyPermissionCheck check(config, apitest::fastTuning());
        QSignalSpy finished(&check, &KeyPermissionCheck::finished);
        check.start();
        QVERIFY(finished.wait(5000));
        QVERIFY(finished.first().first().value<KeyPermissions>().enablePortfolioMarginTrading);
    }

    void refusedKeyFails()
    {
        auto setup = apitest::startSim();
        setup.config.credentials.secret = SecretBytes("wrong-secret-0123456789");
        KeyPermissionCheck check(setup.config, apitest::fastTuning());
        QSignalSpy failed(&check, &KeyPermissionCheck::failed);
        check.start();
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().first().value<ApiFailure>().binanceCode, -1022);
    }

    void demoTradingIsNotAsked()
    {
        ClientConfig config;
        config.baseUrl = QUrl(u"https://demo-fapi.binance.com"_s);
        config.credentials.apiKey = u"DemoKey0123"_s;
        config.credentials.secret = SecretBytes("secret");
        KeyPermissionCheck check(config);
        QSignalSpy notAvailable(&check, &KeyPermissionCheck::notAvailable);
        check.start();
        QVERIFY(notAvailable.wait(2000));
        QVERIFY(notAvailable.first().first().toString().contains(u"Demo Trading"_s));
    }
};

QTEST_GUILESS_MAIN(TestKeyPermissions)
#include "tst_keypermissions.moc"
