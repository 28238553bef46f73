#include "ApiTestSupport.h"
#include "LoopbackHttpServer.h"
#include "api/SnapshotFetcher.h"

#include <QSignalSpy>
#include <QTest>

using namespace marginwatch;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using apitest::fastTuning;
using apitest::startSim;

class TestSnapshotFetcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fetchesOneSnapshot()
    {
        auto setup = startSim(KeyType::Ed25519);
        SnapshotFetcher fetcher(setup.config, 3, fastTuning());
        QSignalSpy finished(&fetcher, &SnapshotFetcher::finished);
        QSignalSpy failed(&fetcher, &SnapshotFetcher::failed);
        fetcher.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(failed.size(), 0);
        QVERIFY(finished.first().first().value<AccountSnapshot>().isValid());
        QCOMPARE(fetcher.attemptsMade(), 1);
        QVERIFY(fetcher.usedWeight() > 0);
        // time + accountConfig + symbolConfig + account + positionRisk, nothing more.
        QCOMPARE(setup.sim->requestCount(u"/fapi/v1/time"_s), 1);
        QCOMPARE(setup.sim->signedRequestCount(), 4);
        QVERIFY(!fetcher.isRunning());
    }

    void transientFailuresAreRetried_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::newRow("500") << u"500@1"_s;
        QTest::newRow("502 html") << u"502@3"_s;
        QTest::newRow("truncated") << u"truncated@3"_s;
        QTest::newRow("429 short Retry-After") << u"429:1@2"_s;
    }

    void transientFailuresAreRetried()
    {
        QFETCH(QString, fault);
        auto setup = startSim(KeyType::Hmac, fault);
        SnapshotFetcher fetcher(setup.config, 3, fastTuning());
        QSignalSpy finished(&fetcher, &SnapshotFetcher::finished);
        QSignalSpy failed(&fetcher, &SnapshotFetcher::failed);
        fetcher.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(failed.size(), 0);
        QCOMPARE(fetcher.attemptsMade(), 2);
    }

    void givesUpAfterMaxAttempts()
    {
        auto setup = startSim(KeyType::Hmac, u"503"_s);
        SnapshotFetcher fetcher(setup.config, 3, fastTuning());
        QSignalSpy failed(&fetcher, &SnapshotFetcher::failed);
        fetcher.start();
        QVERIFY(failed.wait(5000));
        QCOMPARE(fetcher.attemptsMade(), 3);
        QCOMPARE(setup.sim->signedRequestCount(), 3);
        const ApiFailure failure = failed.first().first().value<ApiFailure>();
        QCOMPARE(failure.httpStatus, 503);
        QVERIFY(failure.summaryLine().startsWith(u"error -1001: the exchange is having trouble"_s));
    }

    void slowAnswersEndAtTheDeadline()
    {
        // The answer would come after 2 s, well inside the transfer timeout: only the deadline ends it.
        auto setup = startSim(KeyType::Hmac, u"slow"_s, 2000);
        ClientTuning tuning = fastTuning();
        tuning.requestDeadline = 300ms;
        SnapshotFetcher fetcher(setup.config, 2, tuning);
        QSignalSpy failed(&fetcher, &SnapshotFetcher::failed);
        fetcher.start();
        QVERIFY(failed.wait(5000));
        const ApiFailure failure = failed.first().first().value<ApiFailure>();
        QCOMPARE(int(failure.kind), int(ApiFailure::Kind::Timeout));
        QVERIFY2(failure.explanation.contains(u"no complete answer within 0.3 s"_s),
                 qPrintable(failure.explanation));
        QCOMPARE(fetcher.attemptsMade(), 2);
    }

    void implausibleServerTime_sendsNothingSigned_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error");
        QTest::newRow("1e300") << QByteArray("{\"serverTime\":1e300}") << u"time: serverTime"_s;
        QTest::newRow("float") << QByteArray("{\"serverTime\":1700000000000.5}") << u"time: serverTime"_s;
        QTest::newRow("1 ms after 1970") << QByteArray("{\"serverTime\":1}") << u"more than a day away"_s;
        QTest::newRow("year 2100") << QByteArray("{\"serverTime\":4102444800000}")
                                   << u"more than a day away"_s;
        QTest::newRow("int64 max") << QByteArray("{\"serverTime\":9223372036854775807}")
                                   << u"more than a day away"_s;
        QTest::newRow("beyond int64")
            << QByteArray("{\"serverTime\":92233720368547758070}") << u"time: serverTime"_s;
    }

    void implausibleServerTime_sendsNothingSigned()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        LoopbackHttpServer server;
        server.response = LoopbackHttpServer::reply(200, "OK", {"Content-Type: application/json"}, body);
        ClientConfig config;
        config.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort()));
        config.credentials.apiKey = u"TimeTestKey"_s;
        config.credentials.secret = SecretBytes("secret");
        SnapshotFetcher fetcher(std::move(config), 1, fastTuning());
        QSignalSpy failed(&fetcher, &SnapshotFetcher::failed);
        fetcher.start();
        QVERIFY(failed.wait(5000));
        const ApiFailure failure = failed.first().first().value<ApiFailure>();
        QCOMPARE(int(failure.kind), int(ApiFailure::Kind::BadResponse));
        QCOMPARE(failure.endpoint, u"/fapi/v1/time"_s);
        QVERIFY2(failure.explanation.contains(error), qPrintable(failure.explanation));
        // No request was signed with a timestamp made from that time.
        QCOMPARE(server.requests.size(), 1);
    }

    void hugeRetryAfter_isCappedNotOverflowed()
    {
        LoopbackHttpServer server;
        server.response = LoopbackHttpServer::reply(
            429, "Too Many Requests", {"Content-Type: application/json", "Retry-After: 9223372036854775807"},
            "{\"code\":-1003,\"msg\":\"Too many requests\"}");
        ClientConfig config;
        config.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort()));
        config.credentials.apiKey = u"RetryTestKey"_s;
        config.credentials.secret = SecretBytes("secret");
        SnapshotFetcher fetcher(std::move(config), 3, fastTuning());
        QSignalSpy failed(&fetcher, &SnapshotFetcher::failed);
        fetcher.start();
        QVERIFY(failed.wait(5000));
        const ApiFailure failure = failed.first().first().value<ApiFailure>();
        QCOMPARE(int(failure.kind), int(ApiFailure::Kind::RateLimited));
        QVERIFY(failure.retryAt);
        // A day, the longest wait believed, and said so; not 0 s and three requests in a row.
        QCOMPARE(failure.occurredAt.msecsTo(*failure.retryAt), qint64(24) * 3600 * 1000);
        QVERIFY2(failure.explanation.contains(u"longer than marginwatch believes"_s),
                 qPrintable(failure.explanation));
        QCOMPARE(fetcher.attemptsMade(), 1);
        QCOMPARE(server.requests.size(), 1);
    }

    void apiKeyWithLineBreak_neverReachesTheWire()
    {
        LoopbackHttpServer server;
        ClientConfig config;
        config.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort()));
        config.credentials.apiKey = u"key\r\nX-Injected: yes"_s;
        config.credentials.secret = SecretBytes("secret");
        SnapshotFetcher fetcher(std::move(config), 1, fastTuning());
        QSignalSpy failed(&fetcher, &SnapshotFetcher::failed);
        fetcher.start();
        QVERIFY(failed.wait(5000));
        QCOMPARE(int(failed.first().first().value<ApiFailure>().kind), int(ApiFailure::Kind::Configuration));
        QTest::qWait(100);
        QCOMPARE(server.connections, 0);
    }

    void noRetryFor_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<int>("kind");
        QTest::newRow("418 ban") << u"418:30@1"_s << int(ApiFailure::Kind::Banned);
        QTest::newRow("429 long Retry-After") << u"429:30@1"_s << int(ApiFailure::Kind::RateLimited);
    }

    void noRetryFor()
    {
        QFETCH(QString, fault);
        QFETCH(int, kind);
        auto setup = startSim(KeyType::Hmac, fault);
        SnapshotFetcher fetcher(setup.config, 3, fastTuning());
        QSignalSpy failed(&fetcher, &SnapshotFetcher::failed);
        fetcher.start();
        QVERIFY(failed.wait(5000));
        QCOMPARE(int(failed.first().first().value<ApiFailure>().kind), kind);
        QCOMPARE(fetcher.attemptsMade(), 1);
        QCOMPARE(setup.sim->signedRequestCount(), 1);
    }

    void wrongSecretFailsOnce()
    {
        auto setup = startSim();
        setup.config.credentials.secret = SecretBytes("wrong");
        SnapshotFetcher fetcher(setup.config, 3, fastTuning());
        QSignalSpy failed(&fetcher, &SnapshotFetcher::failed);
        fetcher.start();
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().first().value<ApiFailure>().binanceCode, -1022);
        QCOMPARE(setup.sim->signedRequestCount(), 1);
    }

    void clockJumpAfterSyncIsResyncedAndRetried()
    {
        // The local clock jumps 10 s after the first sync: -1021, a second sync, then success.
        auto setup = startSim();
        qint64 jump = 0;
        int syncs = 0;
        ClientTuning tuning = fastTuning();
        tuning.clock = [&jump] {
            return QDateTime::currentMSecsSinceEpoch() + jump;
        };
        SnapshotFetcher fetcher(setup.config, 1, tuning);
        connect(&fetcher, &SnapshotFetcher::requestFinished, this, [&](const QString& endpoint) {
            if (endpoint == u"/fapi/v1/time"_s && ++syncs == 1)
                jump = 10000;
        });
        QSignalSpy finished(&fetcher, &SnapshotFetcher::finished);
        QSignalSpy failed(&fetcher, &SnapshotFetcher::failed);
        fetcher.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(failed.size(), 0);
        QCOMPARE(syncs, 2);
        QVERIFY(std::abs(fetcher.clockOffsetMs() + 10000) < 250);
    }

    void skewedServerJustWorks_data()
    {
        QTest::addColumn<qint64>("skew");
        QTest::newRow("+5 s") << qint64(5000);
        QTest::newRow("-5 s") << qint64(-5000);
    }

    void skewedServerJustWorks()
    {
        QFETCH(qint64, skew);
        auto setup = startSim();
        setup.sim->setClockSkewMs(skew);
        SnapshotFetcher fetcher(setup.config, 1, fastTuning());
        QSignalSpy finished(&fetcher, &SnapshotFetcher::finished);
        fetcher.start();
        QVERIFY(finished.wait(5000));
        QVERIFY(std::abs(fetcher.clockOffsetMs() - skew) < 250);
    }

    void configurationErrorIsReportedAsynchronously()
    {
        ClientConfig config;
        config.baseUrl = QUrl(u"http://example.com"_s);
        config.credentials.apiKey = u"k"_s;
        config.credentials.secret = SecretBytes("s");
        SnapshotFetcher fetcher(config);
        QSignalSpy failed(&fetcher, &SnapshotFetcher::failed);
        fetcher.start();
        QCOMPARE(failed.size(), 0); // not from inside start()
        QVERIFY(failed.wait(1000));
        QCOMPARE(int(failed.first().first().value<ApiFailure>().kind), int(ApiFailure::Kind::Configuration));
    }
};

QTEST_GUILESS_MAIN(TestSnapshotFetcher)
#include "tst_snapshotfetcher.moc"
