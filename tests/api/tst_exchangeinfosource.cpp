// The contracts' precision from the real simulator over loopback, cached on disk: fetched once,
// read from the cache on the next start, fetched again when a day old, and a failed or malformed
// answer leaves the screen on the API's own digits and retries later.
#include "ApiTestSupport.h"
#include "LoopbackHttpServer.h"
#include "api/ExchangeInfoSource.h"
#include "io/ExchangeInfoCache.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace marginwatch;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr char kPath[] = "/fapi/v1/exchangeInfo";

} // namespace

class TestExchangeInfoSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fetchesOnce_thenStartsFromTheCache();
    void dayOldCache_isShownAndRefreshed();
    void failedAnswer_noTable_retries_data();
    void failedAnswer_noTable_retries();
    void damagedCache_data();
    void damagedCache();
    void cacheRoundTrip();
};

void TestExchangeInfoSource::fetchesOnce_thenStartsFromTheCache()
{
    QTemporaryDir dir;
    apitest::SimSetup setup = apitest::startSim();
    {
        ExchangeInfoSource source(setup.config, dir.path());
        QSignalSpy changed(&source, &ExchangeInfoSource::tableChanged);
        QSignalSpy finished(&source, &ExchangeInfoSource::fetchFinished);
        source.start();
        QVERIFY(!source.table()); // nothing cached yet: the screen keeps the API's digits meanwhile
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(changed.size(), 1);
        QVERIFY(source.table());
        const SymbolPrecision* btc = source.table()->find(u"BTCUSDT"_s);
        QVERIFY(btc);
        QCOMPARE(btc->tickSize.toUtf8(), QByteArray("0.10"));
        QVERIFY(QFile::exists(source.cachePath()));
        QVERIFY(source.lastError().isEmpty());
    }
    QCOMPARE(setup.sim->requestCount(QString::fromLatin1(kPath)), 1);

    ExchangeInfoSource again(setup.config, dir.path());
    again.start();
    QVERIFY(again.table()); // at once, from the disk
    QVERIFY(again.table()->find(u"DOGEUSDT"_s));
    QTest::qWait(200);
    QCOMPARE(setup.sim->requestCount(QString::fromLatin1(kPath)), 1);
}

void TestExchangeInfoSource::dayOldCache_isShownAndRefreshed()
{
    QTemporaryDir dir;
    apitest::SimSetup setup = apitest::startSim();
    const QString path = exchangeInfoCachePath(dir.path(), setup.config.baseUrl);
    QHash<QString, SymbolPrecision> old;
    old.insert(u"OLDUSDT"_s, SymbolPrecision{*Decimal::parse("0.1"), *Decimal::parse("1"), 1, 0, u"USDT"_s});
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(saveExchangeInfoCache(path, SymbolPrecisionTable(old, now - 25LL * 3600 * 1000)));

    ExchangeInfoSource source(setup.config, dir.path());
    QSignalSpy finished(&source, &ExchangeInfoSource::fetchFinished);
    source.start();
    QVERIFY(source.table() && source.table()->find(u"OLDUSDT"_s)); // the old table until the new one
    QVERIFY(finished.wait(5000));
    QVERIFY(!source.table()->find(u"OLDUSDT"_s));
    QVERIFY(source.table()->find(u"BTCUSDT"_s));
    const Expected<SymbolPrecisionTable> saved = loadExchangeInfoCache(path);
    QVERIFY(saved && saved->find(u"BTCUSDT"_s) && saved->fetchedAtMs() >= now);
}

void TestExchangeInfoSource::failedAnswer_noTable_retries_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<QString>("says");
    QTest::newRow("503") << LoopbackHttpServer::reply(503, "Service Unavailable", {}, "down") << u"503"_s;
    QTest::newRow("malformed") << LoopbackHttpServer::reply(200, "OK", {"Content-Type: application/json"},
                                                            "{\"symbols\":[{\"symbol\":5}]}")
                               << u"expected a string"_s;
}

void TestExchangeInfoSource::failedAnswer_noTable_retries()
{
    QFETCH(QByteArray, answer);
    QFETCH(QString, says);
    QTemporaryDir dir;
    LoopbackHttpServer server;
    server.response = answer;
    ClientConfig config;
    config.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort()));
    config.transferTimeout = 3000ms;
    ExchangeInfoSource::Timing timing;
    timing.retryAfter = 50ms;
    ExchangeInfoSource source(config, dir.path(), {}, timing);
    QSignalSpy finished(&source, &ExchangeInfoSource::fetchFinished);
    source.start();
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(!source.table());
    QVERIFY2(source.lastError().contains(says), qPrintable(source.lastError()));
    QVERIFY(!QFile::exists(source.cachePath()));
    QVERIFY(finished.wait(5000)); // and asks again later
    QCOMPARE(server.requests.size(), 2);
    QVERIFY(server.requests.first().requestLine.startsWith("GET /fapi/v1/exchangeInfo "));
    QVERIFY(server.requests.first().header("X-MBX-APIKEY").isEmpty());
}

void TestExchangeInfoSource::damagedCache_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("other file") << QByteArray("hello\nworld\n");
    QTest::newRow("no time") << QByteArray("marginwatch exchangeInfo cache 1\nx\n");
    QTest::newRow("cut short") << QByteArray(
        "marginwatch exchangeInfo cache 1\n5\nAUSDT\t0.1\t1\t1\t0\tUSDT");
    QTest::newRow("bad tick") << QByteArray(
        "marginwatch exchangeInfo cache 1\n5\nAUSDT\t-1\t1\t1\t0\tUSDT\n");
    QTest::newRow("bad precision") << QByteArray(
        "marginwatch exchangeInfo cache 1\n5\nAUSDT\t0.1\t1\t99\t0\tUSDT\n");
    QTest::newRow("missing field") << QByteArray(
        "marginwatch exchangeInfo cache 1\n5\nAUSDT\t0.1\t1\t1\t0\n");
    QTest::newRow("duplicate") << QByteArray(
        "marginwatch exchangeInfo cache 1\n5\nAUSDT\t0.1\t1\t1\t0\t\nAUSDT\t0.1\t1\t1\t0\t\n");
}

void TestExchangeInfoSource::damagedCache()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    apitest::SimSetup setup = apitest::startSim();
    QFile file(exchangeInfoCachePath(dir.path(), setup.config.baseUrl));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    QVERIFY(!loadExchangeInfoCache(file.fileName()));

    ExchangeInfoSource source(setup.config, dir.path());
    QSignalSpy finished(&source, &ExchangeInfoSource::fetchFinished);
    source.start();
    QVERIFY(!source.table());
    QVERIFY(finished.wait(5000));
    QVERIFY(source.table() && source.table()->find(u"BTCUSDT"_s));
    QVERIFY(loadExchangeInfoCache(file.fileName())); // replaced by a good one
}

void TestExchangeInfoSource::cacheRoundTrip()
{
    QTemporaryDir dir;
    QHash<QString, SymbolPrecision> symbols;
    symbols.insert(u"BTCUSDT"_s,
                   SymbolPrecision{*Decimal::parse("0.10"), *Decimal::parse("0.001"), 2, 3, u"USDT"_s});
    symbols.insert(u"NOFILTER"_s, SymbolPrecision{Decimal(), Decimal(), -1, -1, {}});
    symbols.insert(u"BTCUSDT_261225"_s,
                   SymbolPrecision{*Decimal::parse("1E-5"), *Decimal::parse("1"), 5, 0, u"USDC"_s});
    const SymbolPrecisionTable table(symbols, 1700000000123);
    const QString path = exchangeInfoCachePath(dir.path(), QUrl(u"https://fapi.binance.com"_s));
    QVERIFY(path.endsWith(u"/exchangeInfo-fapi.binance.com.tsv"_s));
    QVERIFY(saveExchangeInfoCache(path, table));
    const Expected<SymbolPrecisionTable> loaded = loadExchangeInfoCache(path);
    QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error()));
    QCOMPARE(loaded->fetchedAtMs(), 1700000000123);
    QCOMPARE(loaded->symbols().keys().size(), 3);
    for (auto it = symbols.cbegin(); it != symbols.cend(); ++it) {
        const SymbolPrecision* p = loaded->find(it.key());
        QVERIFY(p);
        QVERIFY(p->tickSize.isSameText(it->tickSize));
        QVERIFY(p->stepSize.isSameText(it->stepSize));
        QCOMPARE(p->pricePrecision, it->pricePrecision);
        QCOMPARE(p->quantityPrecision, it->quantityPrecision);
        QCOMPARE(p->marginAsset, it->marginAsset);
    }
}

QTEST_GUILESS_MAIN(TestExchangeInfoSource)
#include "tst_exchangeinfosource.moc"
