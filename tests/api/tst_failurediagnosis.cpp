#include "api/ApiKey.h"
#include "api/BaseUrl.h"
#include "api/FailureDiagnosis.h"
#include "api/FailureText.h"
#include "api/PrivateKeyFile.h"
#include "api/ServerClock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QMetaEnum>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace marginwatch;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kNow = 1700000000000; // 2023-11-14 22:13:20 UTC

ResponseFacts facts(int status, QByteArray body, QByteArray contentType = "application/json")
{
    ResponseFacts f;
    f.endpoint = u"/fapi/v3/account"_s;
    f.host = u"fapi.binance.com"_s;
    f.httpStatus = status;
    f.body = std::move(body);
    f.contentType = std::move(contentType);
    f.localNowMs = kNow;
    return f;
}

// Marks every string looked up under the given contexts, as a pseudo-translation would.
class PseudoTranslator : public QTranslator
{
public:
    bool isEmpty() const override { return false; }
    QString translate(const char* context, const char* source, const char*, int) const override
    {
        static const QSet<QByteArray> contexts{"FailureText", "ServerClock", "ApiKey", "BaseUrl",
                                               "PrivateKeyFile"};
        if (!contexts.contains(QByteArray(context)))
            return {};
        return u"[[%1]]"_s.arg(QString::fromUtf8(source));
    }
};

} // namespace

class TestFailureDiagnosis : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void diagnose_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<qint64>("offsetMs");
        QTest::addColumn<qint64>("retryAfterMs");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("code");
        QTest::addColumn<bool>("authentication");
        QTest::addColumn<bool>("transient");
        QTest::addColumn<qint64>("retryInMs"); // -1: no retryAt
        QTest::addColumn<QString>("summary");

        const QByteArray json = "application/json";
        const QByteArray html = "text/html";
        using K = ApiFailure::Kind;
        auto row = [](const char* name) -> QTestData& {
            return QTest::newRow(name);
        };

        row("-1021 behind")
            << 400
            << QByteArray(
                   "{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}")
            << json << qint64(2300) << qint64(-1) << int(K::BinanceCode) << -1021 << false << true
            << qint64(-1)
            << u"error -1021: local clock is 2.3 s behind the server; the request's timestamp fell outside recvWindow (5000 ms)."_s;
        row("-1021 ahead")
            << 400
            << QByteArray(
                   "{\"code\":-1021,\"msg\":\"Timestamp for this request was 1000ms ahead of the server's time.\"}")
            << json << qint64(-5000) << qint64(-1) << int(K::BinanceCode) << -1021 << false << true
            << qint64(-1) << u"error -1021: local clock is 5.0 s ahead of the server;"_s;
        row("-1021 in sync")
            << 400 << QByteArray("{\"code\":-1021,\"msg\":\"x\"}") << json << qint64(10) << qint64(-1)
            << int(K::BinanceCode) << -1021 << false << true << qint64(-1)
            << u"error -1021: local clock agrees with the server, but the request reached the server outside recvWindow"_s;
        row("-1022") << 400
                     << QByteArray("{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}")
                     << json << qint64(0) << qint64(-1) << int(K::BinanceCode) << -1022 << true << false
                     << qint64(-1)
                     << u"error -1022: the signature was rejected: the secret or key type is wrong."_s;
        row("-2014") << 401 << QByteArray("{\"code\":-2014,\"msg\":\"API-key format invalid.\"}") << json
                     << qint64(0) << qint64(-1) << int(K::BinanceCode) << -2014 << true << false << qint64(-1)
                     << u"error -2014: the API key's format is invalid"_s;
        row("-2015") << 401
                     << QByteArray(
                            "{\"code\":-2015,\"msg\":\"Invalid API-key, IP, or permissions for action.\"}")
                     << json << qint64(0) << qint64(-1) << int(K::BinanceCode) << -2015 << true << false
                     << qint64(-1)
                     << u"error -2015: Binance refused the API key: usually the API key's IP whitelist"_s;
        row("-1131") << 400 << QByteArray("{\"code\":-1131,\"msg\":\"recvWindow must be less than 60000\"}")
                     << json << qint64(0) << qint64(-1) << int(K::BinanceCode) << -1131 << false << false
                     << qint64(-1) << u"error -1131: recvWindow is too large: set it to 60000 ms or less"_s;
        row("-1003 400") << 400 << QByteArray("{\"code\":-1003,\"msg\":\"Too many requests.\"}") << json
                         << qint64(0) << qint64(-1) << int(K::BinanceCode) << -1003 << false << false
                         << qint64(-1) << u"error -1003: too many requests from this IP"_s;
        row("unknown code") << 400
                            << QByteArray(
                                   "{\"code\":-4164,\"msg\":\"Order's notional must be no smaller than 5\"}")
                            << json << qint64(0) << qint64(-1) << int(K::BinanceCode) << -4164 << false
                            << false << qint64(-1)
                            << u"error -4164: Binance rejected the request: Order's notional"_s;
        row("403 with code") << 403 << QByteArray("{\"code\":-2015,\"msg\":\"Invalid API-key\"}") << json
                             << qint64(0) << qint64(-1) << int(K::BinanceCode) << -2015 << true << false
                             << qint64(-1) << u"error -2015:"_s;
        row("401 no code") << 401 << QByteArray("Unauthorized") << QByteArray("text/plain") << qint64(0)
                           << qint64(-1) << int(K::Http) << 0 << true << false << qint64(-1)
                           << u"error HTTP 401: the server refused the credentials"_s;
        row("403 WAF") << 403 << QByteArray("<html><body>Request blocked</body></html>") << html << qint64(0)
                       << qint64(-1) << int(K::Http) << 0 << false << false << qint64(-1)
                       << u"error HTTP 403: the request was refused by Binance's web application firewall"_s;
        row("429 retry-after") << 429 << QByteArray("{\"code\":-1003,\"msg\":\"Too many requests\"}") << json
                               << qint64(0) << qint64(2000) << int(K::RateLimited) << -1003 << false << true
                               << qint64(2000)
                               << u"error -1003: rate limit hit (HTTP 429): too many requests from this IP"_s;
        row("429 default") << 429 << QByteArray() << json << qint64(0) << qint64(-1) << int(K::RateLimited)
                           << 0 << false << false << qint64(60000)
                           << u"error HTTP 429: rate limit hit (HTTP 429)"_s;
        row("429 retry-after beyond the cap")
            << 429 << QByteArray("{\"code\":-1003,\"msg\":\"Too many requests\"}") << json << qint64(0)
            << qint64(315360000000) << int(K::RateLimited) << -1003 << false << false << qint64(86400000)
            << u"waiting 24.0 h before the next request (the server asked for 87600.0 h, longer than marginwatch believes"_s;
        row("418 banned beyond Binance's longest ban")
            << 418 << QByteArray("{\"code\":-1003,\"msg\":\"IP banned until 9999999999999999.\"}") << json
            << qint64(0) << qint64(-1) << int(K::Banned) << -1003 << false << false << qint64(259200000)
            << u"beyond Binance's longest ban of 72.0 h"_s;
        row("418 banned until")
            << 418
            << QByteArray(
                   "{\"code\":-1003,\"msg\":\"Way too many requests; IP(1.2.3.4) banned until 1700000300000. Please use the websocket for live updates to avoid bans.\"}")
            << json << qint64(0) << qint64(5000) << int(K::Banned) << -1003 << false << false
            << qint64(300000)
            << u"error -1003: this IP is banned by Binance until 2023-11-14 22:18:20 UTC after"_s;
        row("418 skewed clock") << 418
                                << QByteArray("{\"code\":-1003,\"msg\":\"banned until 1700000300000.\"}")
                                << json << qint64(100000) << qint64(-1) << int(K::Banned) << -1003 << false
                                << false << qint64(200000)
                                << u"no request is sent to fapi.binance.com until then"_s;
        row("418 retry-after only") << 418 << QByteArray() << json << qint64(0) << qint64(7000)
                                    << int(K::Banned) << 0 << false << false << qint64(7000)
                                    << u"error HTTP 418: this IP is banned"_s;
        // An end that has passed does not end a ban the 418 says is on now.
        row("418 banned until a time that has passed")
            << 418 << QByteArray("{\"code\":-1003,\"msg\":\"IP banned until 1000000000000.\"}") << json
            << qint64(0) << qint64(-1) << int(K::Banned) << -1003 << false << false << qint64(120000)
            << u"banned by Binance until 2023-11-14 22:15:20 UTC"_s;
        row("418 banned until a time that has passed, retry-after")
            << 418 << QByteArray("{\"code\":-1003,\"msg\":\"IP banned until 1699999999999.\"}") << json
            << qint64(0) << qint64(7000) << int(K::Banned) << -1003 << false << false << qint64(7000)
            << u"banned by Binance until 2023-11-14 22:13:27 UTC"_s;
        // The server's message reaches terminals: no escape sequence, no second line, no reordering.
        row("message with control characters")
            << 400
            << QByteArray("{\"code\":-1102,\"msg\":\"\\u001b[2J\\u001b[31mred\\r\\nforged line\\u202eevil\"}")
            << json << qint64(0) << qint64(-1) << int(K::BinanceCode) << -1102 << false << false << qint64(-1)
            << u"[2J [31mred  forged line evil"_s;
        row("418 nothing") << 418 << QByteArray() << json << qint64(0) << qint64(-1) << int(K::Banned) << 0
                           << false << false << qint64(120000)
                           << u"error HTTP 418: this IP is banned by Binance until"_s;
        row("500 json") << 500 << QByteArray("{\"code\":-1000,\"msg\":\"An unknown error occured.\"}") << json
                        << qint64(0) << qint64(-1) << int(K::BinanceCode) << -1000 << false << true
                        << qint64(-1) << u"error -1000: the exchange is having trouble"_s;
        row("502 html")
            << 502 << QByteArray("<html><head><title>502 Bad Gateway</title></head></html>") << html
            << qint64(0) << qint64(-1) << int(K::Http) << 0 << false << true << qint64(-1)
            << u"error HTTP 502: the server answered with a web page (HTTP 502) instead of JSON"_s;
        row("503 plain")
            << 503 << QByteArray("Service Unavailable") << QByteArray("text/plain") << qint64(0) << qint64(-1)
            << int(K::Http) << 0 << false << true << qint64(-1)
            << u"error HTTP 503: the exchange is having trouble (HTTP 503); retrying with backoff"_s;
        row("404") << 404 << QByteArray("not found") << QByteArray("text/plain") << qint64(0) << qint64(-1)
                   << int(K::Http) << 0 << false << false << qint64(-1)
                   << u"error HTTP 404: the endpoint was not found"_s;
        row("200 empty") << 200 << QByteArray() << json << qint64(0) << qint64(-1) << int(K::BadResponse) << 0
                         << false << true << qint64(-1)
                         << u"error HTTP 200: the server sent an empty answer"_s;
        row("200 html") << 200 << QByteArray("<!DOCTYPE html><html>captive portal</html>") << html
                        << qint64(0) << qint64(-1) << int(K::BadResponse) << 0 << false << true << qint64(-1)
                        << u"error HTTP 200: the server answered with a web page instead of JSON"_s;
    }

    void diagnose()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(qint64, offsetMs);
        QFETCH(qint64, retryAfterMs);
        QFETCH(int, kind);
        QFETCH(int, code);
        QFETCH(bool, authentication);
        QFETCH(bool, transient);
        QFETCH(qint64, retryInMs);
        QFETCH(QString, summary);

        ResponseFacts f = facts(status, body, contentType);
        f.clockOffsetMs = offsetMs;
        if (retryAfterMs >= 0)
            f.retryAfterMs = retryAfterMs;
        const std::optional<ApiFailure> failure = marginwatch::diagnose(f);
        QVERIFY(failure);
        QCOMPARE(int(failure->kind), kind);
        QCOMPARE(failure->binanceCode, code);
        QCOMPARE(failure->httpStatus, status);
        QCOMPARE(failure->endpoint, u"/fapi/v3/account"_s);
        QCOMPARE(failure->occurredAt.toMSecsSinceEpoch(), kNow);
        QCOMPARE(failure->isAuthentication(), authentication);
        QCOMPARE(failure->isTransient(), transient);
        if (retryInMs < 0)
            QVERIFY(!failure->retryAt);
        else
            QCOMPARE(failure->occurredAt.msecsTo(*failure->retryAt), retryInMs);
        const QString line = failure->summaryLine();
        QVERIFY2(line.contains(summary), qPrintable(line));
        for (const QChar c : line)
            QVERIFY2(c.category() != QChar::Other_Control && c.category() != QChar::Other_Format,
                     qPrintable(u"U+%1 in: %2"_s.arg(int(c.unicode()), 4, 16, QChar(u'0')).arg(line)));
    }

    void refusalsWaitAtLeastTheMinimum_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("retryAfterMs"); // -1: no Retry-After
        QTest::addColumn<qint64>("retryInMs");
        QTest::addColumn<QString>("summary");
        const QByteArray tooMany = "{\"code\":-1003,\"msg\":\"Too many requests\"}";
        QTest::newRow("429 retry-after 0")
            << 429 << tooMany << qint64(0) << qint64(5000)
            << u"waiting 5 s before the next request (the server asked for 0 s, "
               u"too short to slow down)"_s;
        QTest::newRow("429 retry-after 1 s") << 429 << tooMany << qint64(1000) << qint64(5000)
                                             << u"(the server asked for 1 s, too short to slow down)"_s;
        QTest::newRow("429 retry-after longer")
            << 429 << tooMany << qint64(8000) << qint64(8000)
            << u"waiting 8 s before the next request as the server asked"_s;
        QTest::newRow("418 retry-after 0") << 418 << QByteArray() << qint64(0) << qint64(5000)
                                           << u"banned by Binance until 2023-11-14 22:13:25 UTC"_s;
        QTest::newRow("418 banned until now")
            << 418 << QByteArray("{\"code\":-1003,\"msg\":\"IP banned until 1700000000000.\"}") << qint64(0)
            << qint64(5000) << u"banned by Binance until 2023-11-14 22:13:25 UTC"_s;
    }

    void refusalsWaitAtLeastTheMinimum()
    {
        // "Retry-After: 0" on every request would otherwise have the poller ask again at once, over
        // and over: a refusal turned into a burst of requests.
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(qint64, retryAfterMs);
        QFETCH(qint64, retryInMs);
        QFETCH(QString, summary);
        ResponseFacts f = facts(status, body);
        if (retryAfterMs >= 0)
            f.retryAfterMs = retryAfterMs;
        f.minimumWait = std::chrono::milliseconds(5000);
        const std::optional<ApiFailure> failure = marginwatch::diagnose(f);
        QVERIFY(failure);
        QVERIFY(failure->retryAt);
        QCOMPARE(failure->occurredAt.msecsTo(*failure->retryAt), retryInMs);
        QVERIFY2(failure->summaryLine().contains(summary), qPrintable(failure->summaryLine()));
    }

    void success_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("object") << QByteArray("{\"serverTime\":1}");
        QTest::newRow("array") << QByteArray("[{\"symbol\":\"BTCUSDT\"}]");
        QTest::newRow("code 200") << QByteArray("{\"code\":200,\"msg\":\"success\"}");
        // A 2xx body's JSON is read once, by the snapshot or server-time parser, which says what is
        // wrong with it and in which body.
        QTest::newRow("truncated") << QByteArray(
            "{\"totalInitialMargin\":\"0.0\",\"assets\":[{\"asset\":\"US");
        QTest::newRow("scalar") << QByteArray("42");
        QTest::newRow("error-shaped 2xx") << QByteArray("{\"code\":-1021,\"msg\":\"x\"}");
    }

    void success()
    {
        QFETCH(QByteArray, body);
        QVERIFY(!marginwatch::diagnose(facts(200, body)).has_value());
    }

    void networkErrors_data()
    {
        QTest::addColumn<int>("error");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("text");
        using K = ApiFailure::Kind;
        QTest::newRow("refused") << int(QNetworkReply::ConnectionRefusedError) << int(K::Network)
                                 << u"connection refused"_s;
        QTest::newRow("dns") << int(QNetworkReply::HostNotFoundError) << int(K::Network)
                             << u"host not found"_s;
        QTest::newRow("transfer timeout") << int(QNetworkReply::OperationCanceledError) << int(K::Timeout)
                                          << u"no complete answer within 10 s (transfer timeout)"_s;
        QTest::newRow("timeout") << int(QNetworkReply::TimeoutError) << int(K::Timeout) << u"timed out"_s;
        QTest::newRow("tls") << int(QNetworkReply::SslHandshakeFailedError) << int(K::Network)
                             << u"never disables this check"_s;
        QTest::newRow("proxy refused") << int(QNetworkReply::ProxyConnectionRefusedError) << int(K::Network)
                                       << u"the proxy refused the connection"_s;
        QTest::newRow("proxy auth") << int(QNetworkReply::ProxyAuthenticationRequiredError) << int(K::Network)
                                    << u"the proxy requires a user name and password"_s;
        QTest::newRow("proxy timeout") << int(QNetworkReply::ProxyTimeoutError) << int(K::Timeout)
                                       << u"the proxy did not answer in time"_s;
        QTest::newRow("closed") << int(QNetworkReply::RemoteHostClosedError) << int(K::Network)
                                << u"closed the connection"_s;
    }

    void networkErrors()
    {
        QFETCH(int, error);
        QFETCH(int, kind);
        QFETCH(QString, text);
        ResponseFacts f = facts(0, {});
        f.networkError = QNetworkReply::NetworkError(error);
        const std::optional<ApiFailure> failure = marginwatch::diagnose(f);
        QVERIFY(failure);
        QCOMPARE(int(failure->kind), kind);
        QCOMPARE(failure->httpStatus, 0);
        QVERIFY(failure->isTransient());
        QVERIFY2(failure->summaryLine().startsWith(u"error: "_s + text.left(0)),
                 qPrintable(failure->summaryLine()));
        QVERIFY2(failure->explanation.contains(text), qPrintable(failure->explanation));
    }

    void transferEndedEarly_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("error");
        QTest::addColumn<int>("abort");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("announced"); // -1: no Content-Length
        QTest::addColumn<bool>("headersMissing");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("text");
        using K = ApiFailure::Kind;
        using E = QNetworkReply::NetworkError;
        QTest::newRow("too large") << 200 << int(E::OperationCanceledError) << int(LocalAbort::BodyTooLarge)
                                   << QByteArray() << qint64(-1) << false << int(K::Network)
                                   << u"too large (more than 64 MB"_s;
        QTest::newRow("too large before the status")
            << 0 << int(E::OperationCanceledError) << int(LocalAbort::BodyTooLarge) << QByteArray()
            << qint64(-1) << false << int(K::Network) << u"too large"_s;
        QTest::newRow("deadline") << 200 << int(E::OperationCanceledError) << int(LocalAbort::Deadline)
                                  << QByteArray() << qint64(-1) << false << int(K::Timeout)
                                  << u"no complete answer within 30 s: the server kept sending too slowly"_s;
        QTest::newRow("decompression guard")
            << 200 << int(E::UnknownContentError) << int(LocalAbort::None) << QByteArray() << qint64(-1)
            << false << int(K::Network) << u"could not be decoded"_s;
        QTest::newRow("reset after a complete-looking body")
            << 200 << int(E::RemoteHostClosedError) << int(LocalAbort::None) << QByteArray("{}") << qint64(-1)
            << false << int(K::Network) << u"closed the connection"_s;
        QTest::newRow("empty body, connection dropped")
            << 200 << int(E::RemoteHostClosedError) << int(LocalAbort::None) << QByteArray() << qint64(-1)
            << false << int(K::Network) << u"closed the connection"_s;
        QTest::newRow("shorter than announced")
            << 200 << int(E::NoError) << int(LocalAbort::None) << QByteArray("{\"a\":1") << qint64(100)
            << false << int(K::Network) << u"closed the connection"_s;
        QTest::newRow("no header at all")
            << 200 << int(E::NoError) << int(LocalAbort::None) << QByteArray("{}") << qint64(-1) << true
            << int(K::Network) << u"broke the HTTP protocol"_s;
    }

    void transferEndedEarly()
    {
        QFETCH(int, status);
        QFETCH(int, error);
        QFETCH(int, abort);
        QFETCH(QByteArray, body);
        QFETCH(qint64, announced);
        QFETCH(bool, headersMissing);
        QFETCH(int, kind);
        QFETCH(QString, text);
        ResponseFacts f = facts(status, body);
        f.networkError = QNetworkReply::NetworkError(error);
        f.localAbort = LocalAbort(abort);
        if (announced >= 0)
            f.announcedLength = announced;
        f.headersMissing = headersMissing;
        const std::optional<ApiFailure> failure = marginwatch::diagnose(f);
        QVERIFY(failure);
        QCOMPARE(int(failure->kind), kind);
        QVERIFY(failure->isTransient());
        QVERIFY2(failure->explanation.contains(text), qPrintable(failure->explanation));
    }

    void everyNetworkErrorHasItsOwnText()
    {
        // Walk the whole enum: each value is mapped, readable, and not the fallback text.
        const QMetaEnum meta = QMetaEnum::fromType<QNetworkReply::NetworkError>();
        QSet<QString> texts;
        for (int i = 0; i < meta.keyCount(); ++i) {
            const auto error = QNetworkReply::NetworkError(meta.value(i));
            const QString text = FailureText::network(error, std::chrono::seconds(10));
            QVERIFY2(!text.isEmpty(), meta.key(i));
            QVERIFY2(!text.startsWith(u"network error "_s), meta.key(i));
            texts.insert(text);
        }
        QCOMPARE(texts.size(), meta.keyCount());
    }

    void explanationsAreTranslated()
    {
        PseudoTranslator pseudo;
        QVERIFY(QCoreApplication::installTranslator(&pseudo));
        ResponseFacts f = facts(503, "Service Unavailable", "text/plain");
        const QString http = marginwatch::diagnose(f)->explanation;
        f = facts(400, "{\"code\":-1021,\"msg\":\"x\"}");
        f.clockOffsetMs = 2300;
        const QString binance = marginwatch::diagnose(f)->explanation;
        f = facts(0, {});
        f.networkError = QNetworkReply::ConnectionRefusedError;
        const QString network = marginwatch::diagnose(f)->explanation;
        const QString parser = badResponseFailure(u"/fapi/v3/account"_s, u"account: x"_s, kNow).explanation;
        const QString key = validateApiKey(u"a b"_s).error();
        const QString url = validateBaseUrl(QUrl(u"ftp://x.example"_s)).error();
        const QString pem = detectKeyType("not a key").error();
        QCoreApplication::removeTranslator(&pseudo);

        for (const QString& text : {http, binance, network, parser, key, url, pem})
            QVERIFY2(text.startsWith(u"[["_s), qPrintable(text));
        // Arguments are still filled in after translation, and nested sentences are translated too.
        QVERIFY2(http.contains(u"(HTTP 503)"_s), qPrintable(http));
        QVERIFY2(binance.contains(u"[[local clock is %1 s behind the server]]"_s.arg(u"2.3"_s)),
                 qPrintable(binance));
        QVERIFY2(parser.contains(u"account: x"_s), qPrintable(parser));
    }

    void lupdateExtractsTheContextsLookedUp()
    {
        // Strings looked up under one context and extracted under another never get translated: run
        // lupdate over the sources and check the contexts the code asks for are the ones it records.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString ts = dir.filePath(u"check.ts"_s);
        QProcess lupdate;
        lupdate.start(QStringLiteral(MARGINWATCH_LUPDATE),
                      {u"-silent"_s, QStringLiteral(MARGINWATCH_SOURCE_DIR "/src/core/api"), u"-ts"_s, ts});
        QVERIFY(lupdate.waitForFinished(60000));
        QCOMPARE(lupdate.exitCode(), 0);
        QFile file(ts);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray xml = file.readAll();
        for (const char* context : {"FailureText", "ServerClock", "ApiKey", "BaseUrl", "PrivateKeyFile"})
            QVERIFY2(xml.contains(QByteArray("<name>" + QByteArray(context) + "</name>")), context);
        QVERIFY(xml.contains("the exchange is having trouble (HTTP %1); retrying with backoff."));
        QVERIFY(xml.contains("no complete answer within %1 s: the server kept sending too slowly"));
        QVERIFY(!xml.contains("<name>marginwatch::FailureText</name>"));
    }

    void summaryNeverCarriesQueryOrSignature()
    {
        // A body that echoes a signed query (as a proxy error page might) does not reach the summary.
        ResponseFacts f =
            facts(502, "<html>GET /fapi/v3/account?timestamp=1&signature=deadbeef</html>", "text/html");
        const std::optional<ApiFailure> failure = marginwatch::diagnose(f);
        QVERIFY(failure);
        QVERIFY(!failure->summaryLine().contains(u"signature"_s));
        QVERIFY(!failure->explanation.contains(u"deadbeef"_s));
    }

    void configurationAndParserFailures()
    {
        const ApiFailure config = configurationFailure(u"recvWindow must be between 1 and 60000 ms"_s, kNow);
        QCOMPARE(int(config.kind), int(ApiFailure::Kind::Configuration));
        QVERIFY(!config.isTransient());
        QVERIFY(!config.isAuthentication());
        QCOMPARE(config.summaryLine(), u"error: recvWindow must be between 1 and 60000 ms"_s);
        QCOMPARE(toString(config.kind), u"configuration"_s);

        const ApiFailure parser =
            badResponseFailure(u"/fapi/v3/account"_s, u"account: totalMarginBalance: missing"_s, kNow);
        QCOMPARE(int(parser.kind), int(ApiFailure::Kind::BadResponse));
        QVERIFY(parser.isTransient());
        QVERIFY(parser.summaryLine().contains(u"account: totalMarginBalance: missing"_s));
    }
};

QTEST_GUILESS_MAIN(TestFailureDiagnosis)
#include "tst_failurediagnosis.moc"
