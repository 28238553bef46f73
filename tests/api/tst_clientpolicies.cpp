#include "api/AccountPoller.h"
#include "api/Backoff.h"
#include "api/RateLimitTiming.h"
#include "api/ServerClock.h"
#include "api/WeightTracker.h"

#include <QTest>

#include <limits>

using namespace marginwatch;
using namespace Qt::StringLiterals;
using std::chrono::milliseconds;

class TestClientPolicies : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backoffCeiling_data()
    {
        QTest::addColumn<int>("attempt");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("first") << 0 << qint64(1000);
        QTest::newRow("second") << 1 << qint64(2000);
        QTest::newRow("third") << 2 << qint64(4000);
        QTest::newRow("sixth") << 5 << qint64(32000);
        QTest::newRow("capped") << 6 << qint64(60000);
        QTest::newRow("far") << 400 << qint64(60000);
        QTest::newRow("negative") << -3 << qint64(1000);
    }

    void backoffCeiling()
    {
        QFETCH(int, attempt);
        QFETCH(qint64, expected);
        QCOMPARE(Backoff::ceiling(attempt, milliseconds(1000), milliseconds(60000)).count(), expected);
    }

    void backoffFullJitterStaysBelowCeilingAndIsSeeded()
    {
        Backoff a(milliseconds(1000), milliseconds(60000), 42);
        Backoff b(milliseconds(1000), milliseconds(60000), 42);
        QList<qint64> delays;
        for (int i = 0; i < 12; ++i) {
            const qint64 ceiling =
                Backoff::ceiling(a.attempt(), milliseconds(1000), milliseconds(60000)).count();
            const qint64 delay = a.nextDelay().count();
            QVERIFY(delay >= 0 && delay <= ceiling);
            QCOMPARE(b.nextDelay().count(), delay); // same seed, same sequence
            delays << delay;
        }
        // Jitter: the capped retries do not all wait the same time.
        QVERIFY(delays.mid(6).count(delays.at(6)) < 6);
        a.reset();
        QCOMPARE(a.attempt(), 0);
        QVERIFY(a.nextDelay().count() <= 1000);
    }

    void weightStretch_data()
    {
        QTest::addColumn<int>("used");
        QTest::addColumn<qint64>("msIntoMinute");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("unknown") << -1 << qint64(0) << qint64(5000);
        QTest::newRow("low") << 600 << qint64(0) << qint64(5000);
        QTest::newRow("80% exactly") << 1920 << qint64(0) << qint64(5000);
        QTest::newRow("above 80%") << 1921 << qint64(0) << qint64(10000);
        QTest::newRow("90% exactly") << 2160 << qint64(0) << qint64(10000);
        QTest::newRow("above 90% early") << 2161 << qint64(10000) << qint64(50250);
        QTest::newRow("above 90% late") << 2300 << qint64(58000) << qint64(5000); // next minute is sooner
        QTest::newRow("over the limit") << 2500 << qint64(30000) << qint64(30250);
        // A server's header can say anything an int holds; ten times it must not wrap to "low".
        QTest::newRow("largest int") << std::numeric_limits<int>::max() << qint64(30000) << qint64(30250);
        QTest::newRow("a tenth of the largest int")
            << std::numeric_limits<int>::max() / 10 + 1 << qint64(30000) << qint64(30250);
    }

    void weightStretch()
    {
        QFETCH(int, used);
        QFETCH(qint64, msIntoMinute);
        QFETCH(qint64, expected);
        QCOMPARE(WeightTracker::stretchedInterval(milliseconds(5000), used, 2400, msIntoMinute).count(),
                 expected);
    }

    void weightHeader_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<int>("expected");
        QTest::newRow("canonical") << QByteArray("X-MBX-USED-WEIGHT-1M") << QByteArray("120") << 120;
        QTest::newRow("lowercase") << QByteArray("x-mbx-used-weight-1m") << QByteArray("7") << 7;
        QTest::newRow("mixed") << QByteArray("X-Mbx-Used-Weight-1m") << QByteArray(" 15 ") << 15;
        QTest::newRow("garbage") << QByteArray("X-MBX-USED-WEIGHT-1M") << QByteArray("lots") << -1;
        QTest::newRow("other header") << QByteArray("X-MBX-USED-WEIGHT") << QByteArray("5") << -1;
        QTest::newRow("largest int") << QByteArray("X-MBX-USED-WEIGHT-1M") << QByteArray("2147483647")
                                     << std::numeric_limits<int>::max();
        QTest::newRow("beyond int") << QByteArray("X-MBX-USED-WEIGHT-1M") << QByteArray("2147483648") << -1;
        QTest::newRow("negative") << QByteArray("X-MBX-USED-WEIGHT-1M") << QByteArray("-5") << -1;
    }

    void weightHeader()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        QFETCH(int, expected);
        QCOMPARE(WeightTracker::parseUsedWeight({{"Content-Type", "application/json"}, {name, value}}),
                 expected);
    }

    void retryAfter_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("expected"); // -1: none
        QTest::newRow("seconds") << QByteArray("2") << qint64(2000);
        QTest::newRow("padded") << QByteArray(" 60 ") << qint64(60000);
        QTest::newRow("zero") << QByteArray("0") << qint64(0);
        QTest::newRow("http date") << QByteArray("Tue, 14 Nov 2023 22:13:50 GMT") << qint64(30000);
        QTest::newRow("date in the past") << QByteArray("Tue, 14 Nov 2023 22:00:00 GMT") << qint64(0);
        QTest::newRow("empty") << QByteArray() << qint64(-1);
        QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
        QTest::newRow("junk") << QByteArray("soon") << qint64(-1);
        QTest::newRow("int64 max seconds")
            << QByteArray("9223372036854775807") << qint64(kMaxRetryAfterSeconds * 1000);
        QTest::newRow("just past the clamp")
            << QByteArray::number(kMaxRetryAfterSeconds + 1) << qint64(kMaxRetryAfterSeconds * 1000);
        QTest::newRow("beyond int64") << QByteArray("99999999999999999999") << qint64(-1);
        QTest::newRow("date in year 9999")
            << QByteArray("Fri, 31 Dec 9999 23:59:59 GMT") << qint64(kMaxRetryAfterSeconds * 1000);
    }

    void retryAfter()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, expected);
        const std::optional<qint64> parsed = parseRetryAfterMs(value, 1700000000000);
        QCOMPARE(parsed.value_or(-1), expected);
    }

    void bannedUntil_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("binance")
            << u"Way too many requests; IP(1.2.3.4) banned until 1700000300000. Please use the "
               "websocket for live updates to avoid bans."_s
            << qint64(1700000300000);
        QTest::newRow("seconds") << u"IP banned until 1700000300."_s << qint64(1700000300000);
        QTest::newRow("case") << u"Banned Until 1700000300000"_s << qint64(1700000300000);
        QTest::newRow("429 message")
            << u"Too many requests; current limit of IP is 2400 requests per minute."_s << qint64(-1);
        QTest::newRow("empty") << QString() << qint64(-1);
    }

    void bannedUntil()
    {
        QFETCH(QString, message);
        QFETCH(qint64, expected);
        QCOMPARE(parseBannedUntilMs(message).value_or(-1), expected);
    }

    void clockOffset_data()
    {
        QTest::addColumn<qint64>("sent");
        QTest::addColumn<qint64>("server");
        QTest::addColumn<qint64>("received");
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<QString>("description");
        QTest::newRow("in sync") << qint64(1000) << qint64(1050) << qint64(1100) << qint64(0)
                                 << u"local clock agrees with the server"_s;
        QTest::newRow("behind") << qint64(1000) << qint64(3350) << qint64(1100) << qint64(2300)
                                << u"local clock is 2.3 s behind the server"_s;
        QTest::newRow("ahead") << qint64(10000) << qint64(5000) << qint64(10000) << qint64(-5000)
                               << u"local clock is 5.0 s ahead of the server"_s;
        QTest::newRow("slow round trip") << qint64(0) << qint64(2000) << qint64(4000) << qint64(0)
                                         << u"local clock agrees with the server"_s;
    }

    void clockOffset()
    {
        QFETCH(qint64, sent);
        QFETCH(qint64, server);
        QFETCH(qint64, received);
        QFETCH(qint64, offset);
        QFETCH(QString, description);
        qint64 now = received;
        ServerClock clock([&now] { return now; }, std::chrono::minutes(10));
        QVERIFY(clock.needsSync());
        QCOMPARE(clock.applySample(sent, server, received).value(), offset);
        QCOMPARE(clock.serverNowMs(), received + offset);
        QCOMPARE(ServerClock::describeOffset(offset), description);
        QVERIFY(!clock.needsSync());
        now += 10 * 60 * 1000 - 1;
        QVERIFY(!clock.needsSync());
        now += 1;
        QVERIFY(clock.needsSync()); // refreshed every 10 minutes
        clock.applySample(now, now, now);
        clock.invalidate();
        QVERIFY(clock.needsSync()); // and at once after a -1021
    }

    void implausibleServerTime_data()
    {
        QTest::addColumn<qint64>("server");
        QTest::addColumn<bool>("accepted");
        constexpr qint64 now = 1700000000000;
        constexpr qint64 day = ServerClock::kMaxPlausibleOffsetMs;
        QTest::newRow("in sync") << now << true;
        QTest::newRow("23 h ahead") << now + day - 3600000 << true;
        QTest::newRow("a day ahead") << now + day << true;
        QTest::newRow("a day and 1 ms ahead") << now + day + 1 << false;
        QTest::newRow("a day and 1 ms behind") << now - day - 1 << false;
        QTest::newRow("1 ms after 1970") << qint64(1) << false;
        QTest::newRow("year 2100") << qint64(4102444800000) << false;
        QTest::newRow("int64 max") << std::numeric_limits<qint64>::max() << false;
        QTest::newRow("zero") << qint64(0) << false;
        QTest::newRow("negative") << qint64(-5) << false;
    }

    void implausibleServerTime()
    {
        QFETCH(qint64, server);
        QFETCH(bool, accepted);
        constexpr qint64 now = 1700000000000;
        ServerClock clock([] { return now; }, std::chrono::minutes(10));
        clock.applySample(now, now + 1500, now);
        const Expected<qint64> offset = clock.applySample(now, server, now);
        QCOMPARE(bool(offset), accepted);
        if (accepted) {
            QCOMPARE(*offset, server - now);
            return;
        }
        QVERIFY2(offset.error().contains(u"more than a day away from this computer's clock"_s),
                 qPrintable(offset.error()));
        QCOMPARE(clock.offsetMs(), 1500); // the last believable offset stays
    }

    void configuration_data()
    {
        QTest::addColumn<QString>("baseUrl");
        QTest::addColumn<int>("recvWindow");
        QTest::addColumn<QString>("error"); // empty: accepted
        QTest::addColumn<QString>("apiKey");
        QTest::newRow("production") << u"https://fapi.binance.com"_s << 5000 << QString() << u"key"_s;
        QTest::newRow("demo") << u"https://demo-fapi.binance.com"_s << 60000 << QString() << u"key"_s;
        QTest::newRow("loopback v4") << u"http://127.0.0.1:8080"_s << 5000 << QString() << u"key"_s;
        QTest::newRow("loopback 127/8") << u"http://127.12.0.9:8080"_s << 5000 << QString() << u"key"_s;
        QTest::newRow("loopback v6") << u"http://[::1]:8080"_s << 5000 << QString() << u"key"_s;
        QTest::newRow("localhost") << u"http://LocalHost:8080"_s << 5000 << QString() << u"key"_s;
        QTest::newRow("http remote") << u"http://fapi.binance.com"_s << 5000
                                     << u"plain http:// is accepted only for this computer"_s << u"key"_s;
        QTest::newRow("http lan") << u"http://192.168.1.5:8080"_s << 5000
                                  << u"plain http:// is accepted only for this computer"_s << u"key"_s;
        QTest::newRow("http lookalike") << u"http://localhost.evil.example"_s << 5000
                                        << u"plain http:// is accepted only for this computer"_s << u"key"_s;
        QTest::newRow("ftp") << u"ftp://fapi.binance.com"_s << 5000 << u"must start with https://"_s
                             << u"key"_s;
        QTest::newRow("no host") << u"https://"_s << 5000 << u"not a valid URL"_s << u"key"_s;
        QTest::newRow("recvWindow too large") << u"https://fapi.binance.com"_s << 60001
                                              << u"recvWindow must be between 1 and 60000 ms"_s << u"key"_s;
        QTest::newRow("recvWindow zero") << u"https://fapi.binance.com"_s << 0
                                         << u"recvWindow must be between 1 and 60000 ms"_s << u"key"_s;
        QTest::newRow("user info https") << u"https://user:pw@fapi.binance.com"_s << 5000
                                         << u"must not contain a user name or password"_s << u"key"_s;
        QTest::newRow("user info loopback") << u"http://user:pw@127.0.0.1:8080"_s << 5000
                                            << u"must not contain a user name or password"_s << u"key"_s;
        QTest::newRow("user name only") << u"http://user@127.0.0.1:8080"_s << 5000
                                        << u"must not contain a user name or password"_s << u"key"_s;
        QTest::newRow("key with CR/LF")
            << u"http://127.0.0.1:8080"_s << 5000 << u"line breaks"_s << u"key\r\nX-Injected: yes"_s;
        QTest::newRow("key with space") << u"http://127.0.0.1:8080"_s << 5000 << u"spaces"_s << u"a key"_s;
        QTest::newRow("key not ascii")
            << u"http://127.0.0.1:8080"_s << 5000 << u"cannot be part of"_s << u"kéy"_s;
    }

    void configuration()
    {
        QFETCH(QString, baseUrl);
        QFETCH(int, recvWindow);
        QFETCH(QString, error);
        QFETCH(QString, apiKey);
        ClientConfig config;
        config.baseUrl = QUrl(baseUrl);
        config.recvWindowMs = recvWindow;
        config.credentials.apiKey = apiKey;
        config.credentials.secret = SecretBytes("secret");
        const Expected<void> usable = AccountPoller::configurationError(config);
        if (error.isEmpty()) {
            QVERIFY2(usable, qPrintable(usable ? QString() : usable.error()));
        } else {
            QVERIFY(!usable);
            QVERIFY2(usable.error().contains(error), qPrintable(usable.error()));
        }
    }

    void pollIntervalHasAOneSecondMinimum()
    {
        ClientConfig config;
        config.pollInterval = milliseconds(200);
        AccountPoller poller(config);
        QCOMPARE(poller.pollInterval().count(), 1000);
        ClientTuning tuning;
        tuning.minimumPollInterval = milliseconds(50);
        AccountPoller fast(config, tuning);
        QCOMPARE(fast.pollInterval().count(), 200);
    }
};

QTEST_GUILESS_MAIN(TestClientPolicies)
#include "tst_clientpolicies.moc"
