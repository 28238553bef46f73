#include "ApiTestSupport.h"
#include "api/PortfolioMargin.h"
#include "api/PortfolioMarginFetcher.h"
#include "api/SnapshotFetcher.h"

#include <QSignalSpy>
#include <QTest>

using namespace marginwatch;
using namespace Qt::StringLiterals;

namespace {

// The documentation's example, as JSON (with its empty strings).
const QByteArray kAccount =
    "{\"uniMMR\":\"5167.92171923\",\"accountEquity\":\"122607.35137903\","
    "\"actualEquity\":\"73.47428058\",\"accountInitialMargin\":\"232.46292400\","
    "\"accountMaintMargin\":\"23.72468560\",\"accountStatus\":\"NORMAL\","
    "\"virtualMaxWithdrawAmount\":\"1627523.32459208\",\"totalAvailableBalance\":\"\","
    "\"totalMarginOpenLoss\":\"\",\"updateTime\":1657707212154}";

struct PmSim
{
    std::unique_ptr<SimulatorServer> sim;
    ClientConfig config;
};

PmSim startPortfolioMarginSim()
{
    SimOptions options;
    options.tickIntervalMs = 0;
    options.scenario = SimScenario::PortfolioMargin;
    options.positions = 4;
    PmSim s;
    s.sim = std::make_unique<SimulatorServer>(options);
    if (!s.sim->listen(0))
        qFatal("simulator does not listen");
    const DemoCredentials demo = s.sim->generateDemoCredentials();
    s.config.baseUrl = s.sim->baseUrl();
    s.config.transferTimeout = std::chrono::milliseconds(3000);
    s.config.credentials.apiKey = demo.apiKey;
    s.config.credentials.secret = SecretBytes(demo.secret);
    return s;
}

} // namespace

class TestPortfolioMargin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseAccount_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error");
        QTest::newRow("documented example") << kAccount << QString();
        QTest::newRow("status missing") << QByteArray(kAccount).replace("\"accountStatus\":\"NORMAL\",", "")
                                        << u"accountStatus: missing field"_s;
        QTest::newRow("uniMMR empty")
            << QByteArray(kAccount).replace("\"5167.92171923\"", "\"\"") << u"uniMMR: not a decimal number"_s;
        QTest::newRow("uniMMR negative")
            << QByteArray(kAccount).replace("\"5167.92171923\"", "\"-1\"") << u"cannot be negative"_s;
        QTest::newRow("odd status") << QByteArray(kAccount).replace("NORMAL", "=HYPERLINK()")
                                    << u"accountStatus: not a status name"_s;
        QTest::newRow("equity as bool") << QByteArray(kAccount).replace("\"122607.35137903\"", "true")
                                        << u"accountEquity: expected a decimal string"_s;
        QTest::newRow("duplicate") << QByteArray(kAccount).replace("\"updateTime\"",
                                                                   "\"uniMMR\":\"1\",\"updateTime\"")
                                   << u"uniMMR: duplicate"_s;
        QTest::newRow("html") << QByteArray("<html>") << u"HTML"_s;
        QTest::newRow("trailing") << kAccount + "[]" << u"invalid JSON"_s;
    }

    void parseAccount()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        const Expected<PortfolioMarginAccount> a = parsePortfolioMarginAccount(body);
        if (error.isEmpty()) {
            QVERIFY2(a, qPrintable(a ? QString() : a.error()));
            QCOMPARE(a->uniMMR.toString(), u"5167.92171923"_s);
            QCOMPARE(a->accountEquity.toString(), u"122607.35137903"_s);
            QCOMPARE(a->accountMaintMargin.toString(), u"23.72468560"_s);
            QCOMPARE(a->accountStatus, u"NORMAL"_s);
            QVERIFY(!a->totalAvailableBalance);
            QCOMPARE(a->updateTime, 1657707212154);
        } else {
            QVERIFY(!a);
            QVERIFY2(a.error().startsWith(u"papi account: "_s) && a.error().contains(error),
                     qPrintable(a.error()));
        }
    }

    void baseUrl()
    {
        QCOMPARE(portfolioMarginBaseUrl(QUrl(u"https://fapi.binance.com"_s))->toString(),
                 u"https://papi.binance.com"_s);
        QVERIFY(!portfolioMarginBaseUrl(QUrl(u"https://demo-fapi.binance.com"_s)));
        QCOMPARE(portfolioMarginBaseUrl(QUrl(u"http://127.0.0.1:9000"_s))->toString(),
                 u"http://127.0.0.1:9000"_s);
    }

    // The simulator's Portfolio Margin account: /fapi refuses the key (-2015), /papi serves the figures.
    void fetchesTheUnifiedFigures()
    {
        PmSim s = startPortfolioMarginSim();
        {
            SnapshotFetcher classic(s.config, 1, apitest::fastTuning());
            QSignalSpy failed(&classic, &SnapshotFetcher::failed);
            classic.start();
            QVERIFY(failed.wait(5000));
            QCOMPARE(failed.first().first().value<ApiFailure>().binanceCode, -2015);
        }
        PortfolioMarginFetcher fetcher(s.config, apitest::fastTuning());
        QSignalSpy finished(&fetcher, &PortfolioMarginFetcher::finished);
        QSignalSpy failed(&fetcher, &PortfolioMarginFetcher::failed);
        fetcher.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(failed.size(), 0);
        const PortfolioMarginSnapshot snapshot = finished.first().first().value<PortfolioMarginSnapshot>();
        QVERIFY(snapshot.isValid());
        QCOMPARE(snapshot.positions.size(), 4);
        QVERIFY(!snapshot.account.accountStatus.isEmpty());
        QVERIFY(snapshot.account.accountMaintMargin.signum() > 0);
        // uniMMR is equity over maintenance margin (cut to eight decimals).
        QCOMPARE(snapshot.account.accountEquity.dividedBy(snapshot.account.accountMaintMargin, 8,
                                                          Decimal::Rounding::TowardZero),
                 std::optional<Decimal>(snapshot.account.uniMMR));
        QCOMPARE(s.sim->requestCount(u"/papi/v1/account"_s), 1);
        QCOMPARE(s.sim->requestCount(u"/papi/v1/um/positionRisk"_s), 1);
        for (const Position& p : snapshot.positions)
            QVERIFY(p.markPrice && p.entryPrice && !p.positionAmt.isZero());
    }
};

QTEST_GUILESS_MAIN(TestPortfolioMargin)
#include "tst_portfoliomargin.moc"
