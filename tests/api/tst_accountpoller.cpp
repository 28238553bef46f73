#include "ApiTestSupport.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace marginwatch;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using apitest::fastTuning;
using apitest::startSim;

namespace {

using State = AccountPoller::State;

int failureKind(const QSignalSpy& spy, int index)
{
    return int(spy.at(index).at(0).value<ApiFailure>().kind);
}

} // namespace

class TestAccountPoller : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pollsWithEveryKeyType_data()
    {
        QTest::addColumn<int>("keyType");
        QTest::newRow("hmac") << int(KeyType::Hmac);
        QTest::newRow("rsa") << int(KeyType::Rsa);
        QTest::newRow("ed25519") << int(KeyType::Ed25519);
    }

    void pollsWithEveryKeyType()
    {
        QFETCH(int, keyType);
        auto setup = startSim(KeyType(keyType));
        AccountPoller poller(setup.config, fastTuning());
        QSignalSpy snapshots(&poller, &AccountPoller::snapshotReady);
        QSignalSpy failures(&poller, &AccountPoller::failed);
        QCOMPARE(poller.state(), State::Idle);
        poller.start();
        QTRY_VERIFY2_WITH_TIMEOUT(
            snapshots.size() >= 3 || !failures.isEmpty(),
            qPrintable(poller.lastFailure() ? poller.lastFailure()->summaryLine() : QString()), 10000);
        if (!failures.isEmpty())
            QFAIL(qPrintable(failures.first().first().value<ApiFailure>().summaryLine()));
        QVERIFY(poller.lastSnapshot() && poller.lastSnapshot()->isValid());
        QVERIFY(!poller.lastSnapshot()->positions.isEmpty());
        QVERIFY(!poller.lastFailure());
        QVERIFY(poller.usedWeight() > 0);
        QCOMPARE(poller.weightLimit(), 2400);
        // Time and config once at the start; account and positionRisk every cycle.
        QCOMPARE(setup.sim->requestCount(u"/fapi/v1/time"_s), 1);
        QCOMPARE(setup.sim->requestCount(u"/fapi/v1/symbolConfig"_s), 1);
        QCOMPARE(setup.sim->requestCount(u"/fapi/v1/accountConfig"_s), 1);
        QVERIFY(setup.sim->requestCount(u"/fapi/v3/account"_s) >= 3);
        QVERIFY(std::abs(setup.sim->requestCount(u"/fapi/v3/account"_s)
                         - setup.sim->requestCount(u"/fapi/v3/positionRisk"_s))
                <= 1);
        // The enrichment from positionRisk and symbolConfig arrived.
        QVERIFY(poller.lastSnapshot()->positions.first().markPrice.has_value());
        QVERIFY(poller.lastSnapshot()->positions.first().leverage.has_value());
        poller.stop();
        QCOMPARE(poller.state(), State::Stopped);
        QVERIFY(!poller.nextPollAt().isValid());
    }

    void wrongSecretGivesOne1022AndStops()
    {
        auto setup = startSim();
        setup.config.credentials.secret = SecretBytes("not-the-secret");
        AccountPoller poller(setup.config, fastTuning());
        QSignalSpy failures(&poller, &AccountPoller::failed);
        QSignalSpy snapshots(&poller, &AccountPoller::snapshotReady);
        poller.start();
        QVERIFY(failures.wait(5000));
        const ApiFailure failure = failures.first().first().value<ApiFailure>();
        QCOMPARE(failure.binanceCode, -1022);
        QVERIFY(failure.isAuthentication());
        QVERIFY(failure.summaryLine().startsWith(u"error -1022: the signature was rejected"_s));
        QCOMPARE(poller.state(), State::Stopped);
        QVERIFY(!poller.nextPollAt().isValid());
        // Several poll intervals later: still exactly one signed request and one failure.
        QVERIFY(!failures.wait(500));
        QCOMPARE(failures.size(), 1);
        QCOMPARE(snapshots.size(), 0);
        QCOMPARE(setup.sim->signedRequestCount(), 1);
    }

    void malformedApiKeyStops()
    {
        auto setup = startSim();
        setup.config.credentials.apiKey = u"bad-key!"_s; // printable, but not a Binance key
        AccountPoller poller(setup.config, fastTuning());
        QSignalSpy failures(&poller, &AccountPoller::failed);
        poller.start();
        QVERIFY(failures.wait(5000));
        QCOMPARE(failures.first().first().value<ApiFailure>().binanceCode, -2014);
        QCOMPARE(poller.state(), State::Stopped);
    }

    void apiKeyThatCannotBeAHeaderIsNeverSent()
    {
        auto setup = startSim();
        setup.config.credentials.apiKey = u"key\r\nX-Injected: yes"_s;
        AccountPoller poller(setup.config, fastTuning());
        QSignalSpy failures(&poller, &AccountPoller::failed);
        poller.start();
        QTRY_COMPARE(failures.size(), 1);
        const ApiFailure failure = failures.first().first().value<ApiFailure>();
        QCOMPARE(int(failure.kind), int(ApiFailure::Kind::Configuration));
        QVERIFY2(failure.explanation.contains(u"line breaks"_s), qPrintable(failure.explanation));
        QCOMPARE(poller.state(), State::Stopped);
        QCOMPARE(setup.sim->requestCount(u"/fapi/v1/time"_s), 0);
        QCOMPARE(setup.sim->signedRequestCount(), 0);
    }

    void unknownApiKeyStops()
    {
        auto setup = startSim();
        setup.config.credentials.apiKey = u"noSuchKey"_s;
        AccountPoller poller(setup.config, fastTuning());
        QSignalSpy failures(&poller, &AccountPoller::failed);
        poller.start();
        QVERIFY(failures.wait(5000));
        const ApiFailure failure = failures.first().first().value<ApiFailure>();
        QVERIFY2(failure.isAuthentication(), qPrintable(failure.summaryLine()));
        QCOMPARE(failure.binanceCode, -2015);
        QVERIFY(failure.summaryLine().contains(u"usually the API key's IP whitelist"_s));
        QCOMPARE(poller.state(), State::Stopped);
        QVERIFY(!failures.wait(300));
        QCOMPARE(setup.sim->signedRequestCount(), 1);
    }

    void transientFaultsRecover_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("status");
        using K = ApiFailure::Kind;
        // Signed request 3 is the first /fapi/v3/account (after accountConfig and symbolConfig).
        QTest::newRow("500") << u"500@3"_s << int(K::BinanceCode) << 500;
        QTest::newRow("502 html") << u"502@3"_s << int(K::Http) << 502;
        QTest::newRow("503") << u"503@3"_s << int(K::BinanceCode) << 503;
        QTest::newRow("truncated") << u"truncated@3"_s << int(K::BadResponse) << 200;
        QTest::newRow("badjson") << u"badjson@3"_s << int(K::BadResponse) << 200;
        QTest::newRow("empty") << u"empty@4"_s << int(K::BadResponse) << 200;
        QTest::newRow("missingfield") << u"missingfield@3"_s << int(K::BadResponse) << 200;
        QTest::newRow("slow beyond timeout") << u"slow:1500@3"_s << int(K::Timeout) << 0;
    }

    void transientFaultsRecover()
    {
        QFETCH(QString, fault);
        QFETCH(int, kind);
        QFETCH(int, status);
        auto setup = startSim(KeyType::Hmac, fault);
        setup.config.transferTimeout = 400ms;
        AccountPoller poller(setup.config, fastTuning());
        QSignalSpy failures(&poller, &AccountPoller::failed);
        QSignalSpy snapshots(&poller, &AccountPoller::snapshotReady);
        QSignalSpy states(&poller, &AccountPoller::stateChanged);
        poller.start();
        QVERIFY(failures.wait(5000));
        QCOMPARE(failureKind(failures, 0), kind);
        const ApiFailure failure = failures.first().first().value<ApiFailure>();
        QCOMPARE(failure.httpStatus, status);
        QVERIFY(failure.isTransient());
        QVERIFY(failure.retryAt.has_value());
        QVERIFY(!failure.summaryLine().contains(u"signature="_s));
        QCOMPARE(poller.state(), State::BackingOff);
        QVERIFY(poller.lastFailure());
        QTRY_VERIFY_WITH_TIMEOUT(snapshots.size() >= 1, 5000);
        QCOMPARE(failures.size(), 1);
        QVERIFY(!poller.lastFailure()); // cleared by the good snapshot
        QVERIFY(states.contains(QVariantList{QVariant::fromValue(State::BackingOff)}));
    }

    void lastSnapshotSurvivesFailures()
    {
        auto setup = startSim();
        AccountPoller poller(setup.config, fastTuning());
        QSignalSpy snapshots(&poller, &AccountPoller::snapshotReady);
        QSignalSpy failures(&poller, &AccountPoller::failed);
        poller.start();
        QVERIFY(snapshots.wait(5000));
        const QDateTime goodTime = poller.lastSnapshot()->takenAt;
        QVERIFY(setup.sim->setFaults(u"500"_s)); // every request from now on
        QVERIFY(failures.wait(5000));
        QVERIFY(poller.lastSnapshot());
        QCOMPARE(poller.lastSnapshot()->takenAt, goodTime);
        QVERIFY(poller.lastFailure());
        poller.stop();
    }

    void rateLimitWaitsRetryAfter()
    {
        auto setup = startSim(KeyType::Hmac, u"429:1@3"_s);
        AccountPoller poller(setup.config, fastTuning());
        QSignalSpy failures(&poller, &AccountPoller::failed);
        QSignalSpy snapshots(&poller, &AccountPoller::snapshotReady);
        QElapsedTimer sinceFailure;
        qint64 firstRequestAfterMs = -1;
        connect(&poller, &AccountPoller::failed, this, [&sinceFailure] { sinceFailure.start(); });
        connect(&poller, &AccountPoller::requestStarted, this, [&] {
            if (sinceFailure.isValid() && firstRequestAfterMs < 0)
                firstRequestAfterMs = sinceFailure.elapsed();
        });
        poller.start();
        QVERIFY(failures.wait(5000));
        const ApiFailure failure = failures.first().first().value<ApiFailure>();
        QCOMPARE(int(failure.kind), int(ApiFailure::Kind::RateLimited));
        QCOMPARE(failure.httpStatus, 429);
        QCOMPARE(poller.state(), State::RateLimited);
        QVERIFY(poller.bannedUntil().isValid());
        poller.refreshNow(); // refused while rate limited
        QCOMPARE(poller.state(), State::RateLimited);
        QVERIFY(snapshots.wait(5000));
        QVERIFY2(firstRequestAfterMs >= 1000, qPrintable(QString::number(firstRequestAfterMs)));
        QVERIFY(!poller.bannedUntil().isValid());
    }

    void rateLimitWithoutWait_waitsAPollInterval()
    {
        // "Retry-After: 0" on every request: taken literally, the poller would ask again at once,
        // over and over (a hostile server drew 15 requests a second out of the window this way).
        auto setup = startSim(KeyType::Hmac, u"429:0"_s);
        setup.config.pollInterval = 3000ms;
        AccountPoller poller(setup.config, fastTuning());
        QSignalSpy failures(&poller, &AccountPoller::failed);
        poller.start();
        QVERIFY(failures.wait(5000));
        const ApiFailure failure = failures.first().first().value<ApiFailure>();
        QCOMPARE(int(failure.kind), int(ApiFailure::Kind::RateLimited));
        QVERIFY(failure.retryAt);
        QCOMPARE(failure.occurredAt.msecsTo(*failure.retryAt), 3000);
        QCOMPARE(poller.state(), State::RateLimited);
        QVERIFY(poller.nextPollAt() >= *failure.retryAt);
        QVERIFY2(failure.explanation.contains(u"waiting 3 s before the next request"_s),
                 qPrintable(failure.explanation));
        poller.stop();
    }

    void banStopsAllRequestsUntilItEnds()
    {
        auto setup = startSim(KeyType::Hmac, u"418:2@3"_s);
        AccountPoller poller(setup.config, fastTuning());
        QSignalSpy failures(&poller, &AccountPoller::failed);
        QSignalSpy snapshots(&poller, &AccountPoller::snapshotReady);
        poller.start();
        QVERIFY(failures.wait(5000));
        const ApiFailure failure = failures.first().first().value<ApiFailure>();
        QCOMPARE(int(failure.kind), int(ApiFailure::Kind::Banned));
        QCOMPARE(failure.binanceCode, -1003);
        QVERIFY(!failure.isTransient());
        QCOMPARE(poller.state(), State::Banned);
        const QDateTime until = poller.bannedUntil();
        QVERIFY(until.isValid());
        const qint64 remaining = QDateTime::currentDateTimeUtc().msecsTo(until);
        QVERIFY2(remaining > 1000 && remaining <= 2600, qPrintable(QString::number(remaining)));

        // Served requests after the ban: none before its end.
        const int servedAtBan = setup.sim->signedRequestCount();
        QList<qint64> servedAfter;
        connect(setup.sim.get(), &SimulatorServer::requestServed, this,
                [&servedAfter] { servedAfter << QDateTime::currentMSecsSinceEpoch(); });
        poller.refreshNow(); // refused during a ban
        QVERIFY(snapshots.wait(6000));
        QVERIFY(!servedAfter.isEmpty());
        QVERIFY2(servedAfter.first() >= until.toMSecsSinceEpoch(),
                 qPrintable(QString::number(until.toMSecsSinceEpoch() - servedAfter.first())));
        QVERIFY(setup.sim->signedRequestCount() > servedAtBan);
        QCOMPARE(failures.size(), 1);
    }

    void slowResponsesNeverOverlap()
    {
        // Every answer takes 120 ms; the interval is 20 ms. Cycles must queue, never stack.
        auto setup = startSim(KeyType::Hmac, u"slow:120"_s);
        setup.config.pollInterval = 20ms;
        AccountPoller poller(setup.config, fastTuning());
        int inFlight = 0;
        int maxInFlight = 0;
        int started = 0;
        connect(&poller, &AccountPoller::requestStarted, this, [&] {
            ++started;
            maxInFlight = std::max(maxInFlight, ++inFlight);
        });
        connect(&poller, &AccountPoller::requestFinished, this, [&] { --inFlight; });
        QSignalSpy snapshots(&poller, &AccountPoller::snapshotReady);
        poller.start();
        QTRY_VERIFY_WITH_TIMEOUT(snapshots.size() >= 3, 10000);
        QCOMPARE(maxInFlight, 1);
        poller.stop();
        // Everything the poller started reached the simulator; nothing else did.
        QTRY_COMPARE(setup.sim->requestCount(u"/fapi/v1/time"_s) + setup.sim->signedRequestCount(), started);
    }

    void slowAnswerEndsAtTheDeadlineAndBacksOff()
    {
        auto setup = startSim(KeyType::Hmac, u"slow"_s, 2000);
        ClientTuning tuning = fastTuning();
        tuning.requestDeadline = 300ms;
        AccountPoller poller(setup.config, tuning);
        QSignalSpy failures(&poller, &AccountPoller::failed);
        poller.start();
        QVERIFY(failures.wait(5000));
        const ApiFailure failure = failures.first().first().value<ApiFailure>();
        QCOMPARE(int(failure.kind), int(ApiFailure::Kind::Timeout));
        QVERIFY2(failure.explanation.contains(u"no complete answer within 0.3 s"_s),
                 qPrintable(failure.explanation));
        QCOMPARE(poller.state(), State::BackingOff);
        poller.stop();
    }

    void clockSkewIsAbsorbed_data()
    {
        QTest::addColumn<qint64>("serverSkew");
        QTest::addColumn<qint64>("clientSkew");
        QTest::newRow("server +5 s") << qint64(5000) << qint64(0);
        QTest::newRow("server -5 s") << qint64(-5000) << qint64(0);
        QTest::newRow("client +7 s") << qint64(0) << qint64(7000);
        QTest::newRow("client -7 s, server +3 s") << qint64(3000) << qint64(-7000);
    }

    void clockSkewIsAbsorbed()
    {
        QFETCH(qint64, serverSkew);
        QFETCH(qint64, clientSkew);
        auto setup = startSim();
        setup.sim->setClockSkewMs(serverSkew);
        ClientTuning tuning = fastTuning();
        tuning.clock = [clientSkew] {
            return QDateTime::currentMSecsSinceEpoch() + clientSkew;
        };
        AccountPoller poller(setup.config, tuning);
        QSignalSpy snapshots(&poller, &AccountPoller::snapshotReady);
        QSignalSpy failures(&poller, &AccountPoller::failed);
        poller.start();
        QTRY_VERIFY_WITH_TIMEOUT(snapshots.size() >= 2, 5000);
        QCOMPARE(failures.size(), 0);
        const qint64 expected = serverSkew - clientSkew;
        QVERIFY2(std::abs(poller.clockOffsetMs() - expected) < 250,
                 qPrintable(QString::number(poller.clockOffsetMs())));
        // The snapshot is stamped with server time.
        const qint64 stamp = poller.lastSnapshot()->takenAt.toMSecsSinceEpoch();
        QVERIFY(std::abs(stamp - (QDateTime::currentMSecsSinceEpoch() + serverSkew)) < 2000);
    }

    void skewJumpTriggersResyncAndOneRetry()
    {
        auto setup = startSim();
        AccountPoller poller(setup.config, fastTuning());
        QSignalSpy snapshots(&poller, &AccountPoller::snapshotReady);
        QSignalSpy failures(&poller, &AccountPoller::failed);
        poller.start();
        QVERIFY(snapshots.wait(5000));
        QCOMPARE(setup.sim->requestCount(u"/fapi/v1/time"_s), 1);
        setup.sim->setClockSkewMs(-8000); // our timestamps are suddenly 8 s in the server's future
        const int before = snapshots.size();
        QTRY_VERIFY_WITH_TIMEOUT(snapshots.size() > before, 5000);
        QCOMPARE(failures.size(), 0); // the -1021 was absorbed: re-sync, retry once
        QCOMPARE(setup.sim->requestCount(u"/fapi/v1/time"_s), 2);
        QVERIFY(std::abs(poller.clockOffsetMs() + 8000) < 250);
    }

    void persistentSkewReportsHowFarOff()
    {
        // A client clock that jumps 9 s ahead after every sync: the retry fails too, and the report
        // says how far off the clock is.
        auto setup = startSim();
        qint64 jump = 0;
        ClientTuning tuning = fastTuning();
        tuning.clock = [&jump] {
            return QDateTime::currentMSecsSinceEpoch() + jump;
        };
        AccountPoller poller(setup.config, tuning);
        connect(&poller, &AccountPoller::requestFinished, this, [&jump](const QString& endpoint) {
            if (endpoint == u"/fapi/v1/time"_s)
                jump += 9000;
        });
        QSignalSpy failures(&poller, &AccountPoller::failed);
        poller.start();
        QVERIFY(failures.wait(5000));
        const ApiFailure failure = failures.first().first().value<ApiFailure>();
        QCOMPARE(failure.binanceCode, -1021);
        QVERIFY(failure.isTransient());
        QVERIFY2(failure.summaryLine().startsWith(u"error -1021: local clock is "_s),
                 qPrintable(failure.summaryLine()));
        QCOMPARE(setup.sim->requestCount(u"/fapi/v1/time"_s), 2);
        QCOMPARE(poller.state(), State::BackingOff);
        poller.stop();
    }

    void refreshNowStartsACycleImmediately()
    {
        auto setup = startSim();
        setup.config.pollInterval = 60s;
        AccountPoller poller(setup.config, fastTuning());
        QSignalSpy snapshots(&poller, &AccountPoller::snapshotReady);
        poller.start();
        QVERIFY(snapshots.wait(5000));
        QCOMPARE(poller.state(), State::Waiting);
        const qint64 untilNext = QDateTime::currentDateTimeUtc().msecsTo(poller.nextPollAt());
        QVERIFY(untilNext > 50000 && untilNext <= 60000);
        poller.refreshNow();
        QVERIFY(snapshots.wait(3000));
        QCOMPARE(snapshots.size(), 2);
    }

    void invalidSettingsSendNothing_data()
    {
        QTest::addColumn<QString>("baseUrl");
        QTest::addColumn<int>("recvWindow");
        QTest::addColumn<QString>("message");
        QTest::newRow("recvWindow > 60000")
            << QString() << 60001 << u"recvWindow must be between 1 and 60000 ms"_s;
        QTest::newRow("http non-loopback")
            << u"http://fapi.binance.com"_s << 5000 << u"plain http:// is accepted only for this computer"_s;
    }

    void invalidSettingsSendNothing()
    {
        QFETCH(QString, baseUrl);
        QFETCH(int, recvWindow);
        QFETCH(QString, message);
        auto setup = startSim();
        if (!baseUrl.isEmpty())
            setup.config.baseUrl = QUrl(baseUrl);
        setup.config.recvWindowMs = recvWindow;
        AccountPoller poller(setup.config, fastTuning());
        QSignalSpy failures(&poller, &AccountPoller::failed);
        QSignalSpy requests(&poller, &AccountPoller::requestStarted);
        poller.start();
        QCOMPARE(failures.size(), 1);
        const ApiFailure failure = failures.first().first().value<ApiFailure>();
        QCOMPARE(int(failure.kind), int(ApiFailure::Kind::Configuration));
        QVERIFY2(failure.explanation.contains(message), qPrintable(failure.explanation));
        QCOMPARE(poller.state(), State::Stopped);
        QCOMPARE(requests.size(), 0);
        QCOMPARE(setup.sim->requestCount(u"/fapi/v1/time"_s), 0);
    }

    void unreadablePrivateKeyIsAConfigurationError()
    {
        auto setup = startSim(KeyType::Ed25519);
        setup.config.credentials.secret =
            SecretBytes("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        AccountPoller poller(setup.config, fastTuning());
        QSignalSpy failures(&poller, &AccountPoller::failed);
        poller.start();
        QCOMPARE(failures.size(), 1);
        QCOMPARE(failureKind(failures, 0), int(ApiFailure::Kind::Configuration));
        QCOMPARE(poller.state(), State::Stopped);
    }

    void secretIsWipedFromConfigOnceTheSignerHasIt()
    {
        auto setup = startSim();
        AccountPoller poller(setup.config, fastTuning());
        setup.config.credentials.secret.wipe(); // the test's own copy
        QSignalSpy snapshots(&poller, &AccountPoller::snapshotReady);
        poller.start();
        QVERIFY(snapshots.wait(5000));
        QVERIFY(poller.config().credentials.secret.isEmpty());
        // Stop and start again: the signer still has the key.
        poller.stop();
        poller.start();
        QVERIFY(snapshots.wait(5000));
    }
};

QTEST_GUILESS_MAIN(TestAccountPoller)
#include "tst_accountpoller.moc"
