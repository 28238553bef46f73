#include "LoopbackHttpServer.h"
#include "api/BinanceHttpClient.h"
#include "api/HmacSigner.h"

#include <QSignalSpy>
#include <QTest>

using namespace marginwatch;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr char kSecret[] = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";

ClientConfig configFor(const QUrl& baseUrl)
{
    ClientConfig config;
    config.baseUrl = baseUrl;
    config.credentials.apiKey = u"test-api-key"_s;
    config.credentials.secret = SecretBytes(kSecret);
    config.transferTimeout = 2000ms;
    return config;
}

QUrl urlOf(const LoopbackHttpServer& server)
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort()));
}

// Sends one request and waits for its callback.
HttpResult fetch(BinanceHttpClient& client, const QString& path, BinanceHttpClient::Security security,
                 int waitMs = 5000)
{
    // A failure no client produces, so that no assertion about a real outcome passes by accident.
    ApiFailure noAnswer;
    noAnswer.kind = ApiFailure::Kind::Configuration;
    noAnswer.explanation = u"test: no callback"_s;
    std::optional<HttpResult> result;
    if (!client.get(path, security, {}, [&result](const HttpResult& r) { result = r; }))
        return failure(noAnswer);
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, waitMs))
        return failure(noAnswer);
    return *result;
}

} // namespace

class TestBinanceHttpClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signedBytesAreTheBytesSent()
    {
        LoopbackHttpServer server;
        qint64 now = 1591702613943;
        ClientTuning tuning;
        tuning.clock = [&now] {
            return now;
        };
        BinanceHttpClient client(configFor(urlOf(server)), tuning);
        const HttpResult result = fetch(client, u"/fapi/v3/account"_s, BinanceHttpClient::Security::Signed);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().summaryLine()));
        QCOMPARE(server.requests.size(), 1);

        const QByteArray line = server.requests.first().requestLine;
        QVERIFY2(line.startsWith("GET /fapi/v3/account?") && line.endsWith(" HTTP/1.1"), line.constData());
        const QByteArray query = line.mid(line.indexOf('?') + 1).chopped(9);
        const qsizetype at = query.lastIndexOf("&signature=");
        QVERIFY(at > 0);
        const QByteArray totalParams = query.left(at);
        QCOMPARE(totalParams, QByteArray("recvWindow=5000&timestamp=1591702613943"));
        // The signature on the wire is the signature of the bytes on the wire.
        QCOMPARE(query.mid(at + 11), HmacSigner(SecretBytes(kSecret)).sign(totalParams));
        QCOMPARE(server.requests.first().header("X-MBX-APIKEY"), QByteArray("test-api-key"));
    }

    void percentEncodedSignatureIsNotReencoded()
    {
        // An Ed25519 signature always ends in "==": it must arrive as %3D%3D, not %253D or '='.
        LoopbackHttpServer server;
        ClientConfig config = configFor(urlOf(server));
        config.credentials.keyType = KeyType::Ed25519;
        config.credentials.secret =
            SecretBytes("-----BEGIN PRIVATE KEY-----\n"
                        "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
                        "-----END PRIVATE KEY-----\n");
        BinanceHttpClient client(config, {});
        QVERIFY2(client.setupError().isEmpty(), qPrintable(client.setupError()));
        QVERIFY(fetch(client, u"/fapi/v3/account"_s, BinanceHttpClient::Security::Signed));
        const QByteArray line = server.requests.first().requestLine;
        QVERIFY2(line.contains("%3D%3D HTTP/1.1"), line.constData());
        QVERIFY(!line.contains("%25"));
    }

    void publicRequestsAreNotSigned()
    {
        LoopbackHttpServer server;
        BinanceHttpClient client(configFor(urlOf(server)), {});
        QVERIFY(fetch(client, u"/fapi/v1/time"_s, BinanceHttpClient::Security::Public));
        QCOMPARE(server.requests.first().requestLine, QByteArray("GET /fapi/v1/time HTTP/1.1"));
        // Nor do they say which account asks: the key goes only where Binance needs it.
        QVERIFY(server.requests.first().header("X-MBX-APIKEY").isEmpty());
        QVERIFY(fetch(client, u"/fapi/v3/account"_s, BinanceHttpClient::Security::Signed));
        QCOMPARE(server.requests.last().header("X-MBX-APIKEY"), QByteArray("test-api-key"));
    }

    void oneRequestInFlight()
    {
        LoopbackHttpServer server;
        server.silent = true;
        BinanceHttpClient client(configFor(urlOf(server)), {});
        QSignalSpy started(&client, &BinanceHttpClient::requestStarted);
        QVERIFY(client.get(u"/fapi/v1/time"_s, BinanceHttpClient::Security::Public, {},
                           [](const HttpResult&) {}));
        QVERIFY(client.isBusy());
        QVERIFY(!client.get(u"/fapi/v1/time"_s, BinanceHttpClient::Security::Public, {},
                            [](const HttpResult&) {}));
        QCOMPARE(started.size(), 1);
        client.cancel();
        QVERIFY(!client.isBusy());
    }

    void weightHeaderIsCaseInsensitive()
    {
        LoopbackHttpServer server;
        server.response = LoopbackHttpServer::reply(
            200, "OK", {"content-type: application/json", "x-mbx-used-weight-1m: 77"}, "{}");
        BinanceHttpClient client(configFor(urlOf(server)), {});
        QCOMPARE(client.weight().used(), -1);
        QVERIFY(fetch(client, u"/fapi/v1/time"_s, BinanceHttpClient::Security::Public));
        QCOMPARE(client.weight().used(), 77);
    }

    void transferTimeout()
    {
        LoopbackHttpServer server;
        server.silent = true;
        ClientConfig config = configFor(urlOf(server));
        config.transferTimeout = 300ms;
        BinanceHttpClient client(config, {});
        QElapsedTimer timer;
        timer.start();
        const HttpResult result = fetch(client, u"/fapi/v3/account"_s, BinanceHttpClient::Security::Signed);
        QVERIFY(!result);
        QCOMPARE(int(result.error().kind), int(ApiFailure::Kind::Timeout));
        QVERIFY2(result.error().explanation.contains(u"0.3 s (transfer timeout)"_s),
                 qPrintable(result.error().explanation));
        QVERIFY(timer.elapsed() >= 250);
        QCOMPARE(result.error().endpoint, u"/fapi/v3/account"_s);
    }

    void endlessBody_isCutOffAtTheCap()
    {
        // A chunked 200 that never ends (stalling after 16 MB, for a client without a cap).
        LoopbackHttpServer server;
        qint64 sent = 0;
        server.respond = [&sent](QTcpSocket* socket) {
            LoopbackHttpServer::endlessChunkedBody(socket, 16 * 1024 * 1024, &sent);
        };
        ClientTuning tuning;
        tuning.maxBodyBytes = 1024 * 1024;
        BinanceHttpClient client(configFor(urlOf(server)), tuning);
        const HttpResult result = fetch(client, u"/fapi/v3/account"_s, BinanceHttpClient::Security::Signed);
        QVERIFY(!result);
        QCOMPARE(int(result.error().kind), int(ApiFailure::Kind::Network));
        QVERIFY2(result.error().explanation.contains(u"too large (more than 1 MB"_s),
                 qPrintable(result.error().explanation));
        QVERIFY2(sent < 16 * 1024 * 1024, "the client stopped reading at the cap");
        QVERIFY(!client.isBusy());
    }

    void bodyAnnouncedTooLarge_isRefusedBeforeItArrives()
    {
        LoopbackHttpServer server;
        server.respond = [](QTcpSocket* socket) {
            LoopbackHttpServer::stream(
                socket,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000000000\r\n\r\n[",
                50, [] { return QByteArray(1024, ' '); });
        };
        BinanceHttpClient client(configFor(urlOf(server)), {});
        const HttpResult result = fetch(client, u"/fapi/v3/account"_s, BinanceHttpClient::Security::Signed);
        QVERIFY(!result);
        QVERIFY2(result.error().explanation.contains(u"too large (more than 64 MB"_s),
                 qPrintable(result.error().explanation));
    }

    void tricklingAnswer_endsAtTheDeadline()
    {
        // One byte every 100 ms never lets the transfer timeout (silence) fire.
        LoopbackHttpServer server;
        server.respond = [](QTcpSocket* socket) {
            LoopbackHttpServer::stream(
                socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n",
                100, [] { return QByteArray(" "); });
        };
        ClientConfig config = configFor(urlOf(server));
        config.transferTimeout = 2000ms;
        ClientTuning tuning;
        tuning.requestDeadline = 700ms;
        BinanceHttpClient client(config, tuning);
        QElapsedTimer timer;
        timer.start();
        const HttpResult result = fetch(client, u"/fapi/v3/account"_s, BinanceHttpClient::Security::Signed);
        QVERIFY2(!result, "the request was not ended");
        QCOMPARE(int(result.error().kind), int(ApiFailure::Kind::Timeout));
        QVERIFY2(result.error().explanation.contains(u"no complete answer within 0.7 s"_s),
                 qPrintable(result.error().explanation));
        QVERIFY(timer.elapsed() >= 650);
        QVERIFY(result.error().isTransient());
        QVERIFY(!client.isBusy());
        // The next request is not affected by the deadline of the last one.
        server.respond = nullptr;
        QVERIFY(fetch(client, u"/fapi/v1/time"_s, BinanceHttpClient::Security::Public));
    }

    void transportErrorAfter200_isANetworkFailure_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<int>("dropAfterMs"); // -1: close normally after writing
        // 32 MB of zeros deflated: Qt's decompression guard stops it (ratio far above its limit).
        const QByteArray bomb = qCompress(QByteArray(32 * 1024 * 1024, '\0'), 9).mid(4);
        QTest::newRow("decompression bomb")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: deflate\r\n"
                          "Content-Length: "
                          + QByteArray::number(bomb.size()) + "\r\nConnection: close\r\n\r\n" + bomb)
            << -1;
        // Qt 6.4 accepts a megabyte of header; the body announced after it never comes.
        QTest::newRow("1 MB header, then the connection closes")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Padding: "
                          + QByteArray(1024 * 1024, 'a') + "\r\nContent-Length: 100\r\n\r\n")
            << -1;
        QTest::newRow("1 MB header, then a body until the connection closes")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Padding: "
                          + QByteArray(1024 * 1024, 'a') + "\r\n\r\n{}")
            << -1;
        QTest::newRow("reset mid-body") << QByteArray(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"a\":")
                                        << -1;
    }

    void transportErrorAfter200_isANetworkFailure()
    {
        QFETCH(QByteArray, response);
        QFETCH(int, dropAfterMs);
        LoopbackHttpServer server;
        server.response = response;
        if (dropAfterMs >= 0) {
            server.respond = [response, dropAfterMs](QTcpSocket* socket) {
                socket->write(response);
                QTimer::singleShot(dropAfterMs, socket, [socket] { socket->abort(); });
            };
        }
        // Qt takes a second or more to parse a megabyte of header (much longer under sanitizers).
        ClientConfig config = configFor(urlOf(server));
        config.transferTimeout = 60000ms;
        BinanceHttpClient client(config, {});
        const HttpResult result =
            fetch(client, u"/fapi/v3/account"_s, BinanceHttpClient::Security::Signed, 90000);
        QVERIFY2(!result, result ? result->body.left(100).constData() : "");
        // Not "an empty answer" or "not valid JSON" (a bad response, exit 5): the transfer failed.
        QVERIFY2(result.error().kind == ApiFailure::Kind::Network
                     || result.error().kind == ApiFailure::Kind::Timeout,
                 qPrintable(result.error().summaryLine()));
    }

    void connectionRefused()
    {
        quint16 port = 0;
        {
            LoopbackHttpServer closed; // a port that was free a moment ago
            port = closed.serverPort();
        }
        BinanceHttpClient client(configFor(QUrl(u"http://127.0.0.1:%1"_s.arg(port))), {});
        const HttpResult result = fetch(client, u"/fapi/v1/time"_s, BinanceHttpClient::Security::Public);
        QVERIFY(!result);
        QCOMPARE(int(result.error().kind), int(ApiFailure::Kind::Network));
        QVERIFY(result.error().explanation.startsWith(u"connection refused"_s));
    }

    void htmlErrorPage()
    {
        LoopbackHttpServer server;
        server.response = LoopbackHttpServer::reply(502, "Bad Gateway", {"Content-Type: text/html"},
                                                    "<html><body>502 Bad Gateway</body></html>");
        BinanceHttpClient client(configFor(urlOf(server)), {});
        const HttpResult result = fetch(client, u"/fapi/v3/account"_s, BinanceHttpClient::Security::Signed);
        QVERIFY(!result);
        QCOMPARE(int(result.error().kind), int(ApiFailure::Kind::Http));
        QCOMPARE(result.error().httpStatus, 502);
        QVERIFY(result.error().isTransient());
    }

    void banBlocksEveryRequestUntilItEnds()
    {
        LoopbackHttpServer server;
        server.response = LoopbackHttpServer::reply(418, "I'm a teapot",
                                                    {"Content-Type: application/json", "Retry-After: 1"},
                                                    "{\"code\":-1003,\"msg\":\"Way too many requests\"}");
        ClientConfig config = configFor(urlOf(server));
        config.pollInterval = 1000ms; // a ban is never shorter than a polling interval
        BinanceHttpClient client(config, {});
        const HttpResult first = fetch(client, u"/fapi/v3/account"_s, BinanceHttpClient::Security::Signed);
        QVERIFY(!first);
        QCOMPARE(int(first.error().kind), int(ApiFailure::Kind::Banned));
        QVERIFY(client.bannedUntilLocalMs());
        QCOMPARE(server.connections, 1);

        server.response = LoopbackHttpServer::reply(200, "OK", {"Content-Type: application/json"}, "{}");
        const HttpResult blocked = fetch(client, u"/fapi/v1/time"_s, BinanceHttpClient::Security::Public);
        QVERIFY(!blocked);
        QCOMPARE(int(blocked.error().kind), int(ApiFailure::Kind::Banned));
        QCOMPARE(server.connections, 1); // nothing left the client
        QVERIFY(blocked.error().explanation.contains(u"no request is sent to 127.0.0.1"_s));

        QTRY_VERIFY_WITH_TIMEOUT(!client.bannedUntilLocalMs(), 3000);
        QVERIFY(fetch(client, u"/fapi/v1/time"_s, BinanceHttpClient::Security::Public));
        QCOMPARE(server.connections, 2);
    }

    void explicitHttpProxyIsUsed()
    {
        // The "proxy" is a raw loopback server: a request through an HTTP proxy carries the absolute URI.
        LoopbackHttpServer proxy;
        ClientConfig config = configFor(QUrl(u"http://127.0.0.1:9/"_s));
        config.proxy.mode = ProxySettings::Mode::Http;
        config.proxy.host = u"127.0.0.1"_s;
        config.proxy.port = proxy.serverPort();
        config.proxy.user = u"alice"_s;
        config.proxy.password = SecretBytes("wonderland");
        BinanceHttpClient client(config, {});
        QVERIFY(fetch(client, u"/fapi/v1/time"_s, BinanceHttpClient::Security::Public));
        QCOMPARE(proxy.requests.size(), 1);
        QCOMPARE(proxy.requests.first().requestLine,
                 QByteArray("GET http://127.0.0.1:9/fapi/v1/time HTTP/1.1"));
    }

    void systemProxyIsBypassedForLoopback()
    {
        qputenv("http_proxy", "http://127.0.0.1:9");
        LoopbackHttpServer server;
        BinanceHttpClient client(configFor(urlOf(server)), {});
        QVERIFY(fetch(client, u"/fapi/v1/time"_s, BinanceHttpClient::Security::Public));
        qunsetenv("http_proxy");
        QCOMPARE(server.requests.size(), 1);
    }

    void keyMaterialReleased()
    {
        LoopbackHttpServer server;
        BinanceHttpClient client(configFor(urlOf(server)), {});
        client.releaseKeyMaterial();
        QVERIFY(!client.get(u"/fapi/v3/account"_s, BinanceHttpClient::Security::Signed, {},
                            [](const HttpResult&) {}));
        QCOMPARE(server.connections, 0);
    }
};

QTEST_GUILESS_MAIN(TestBinanceHttpClient)
#include "tst_binancehttpclient.moc"
