// The stream sockets against the real simulator over loopback: the listen key through the REST
// client (API-key header only), the user-data routes and their fallback, mark prices, pings, and
// the stream faults; and a hostile server for the bounds.
#include "../api/ApiTestSupport.h"
#include "api/AccountPoller.h"
#include "api/BinanceHttpClient.h"
#include "stream/MarkPriceStream.h"
#include "stream/StreamEndpoints.h"
#include "stream/UserDataStream.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;
using namespace marginwatch;
using namespace std::chrono_literals;

namespace {

StreamConnection::Limits fastLimits()
{
    StreamConnection::Limits limits;
    limits.probeTimeout = 1500ms;
    return limits;
}

struct Rig
{
    apitest::SimSetup setup;
    std::unique_ptr<BinanceHttpClient> client;
};

Rig rig(const QString& faults = {}, const std::function<void(SimOptions&)>& tweak = {})
{
    SimOptions options;
    options.tickIntervalMs = 0;
    options.faults = faults;
    options.markIntervalMs = 100;
    if (tweak)
        tweak(options);
    Rig r;
    r.setup.sim = std::make_unique<SimulatorServer>(options);
    if (!r.setup.sim->listen(0))
        qFatal("simulator does not listen");
    const DemoCredentials demo = r.setup.sim->generateDemoCredentials();
    r.setup.config.baseUrl = r.setup.sim->baseUrl();
    r.setup.config.credentials.apiKey = demo.apiKey;
    r.setup.config.credentials.secret = SecretBytes(demo.secret);
    r.setup.config.proxy.mode = ProxySettings::Mode::None;
    r.client = std::make_unique<BinanceHttpClient>(r.setup.config, apitest::fastTuning());
    return r;
}

HttpResult call(BinanceHttpClient& client, BinanceHttpClient::Method method)
{
    std::optional<HttpResult> result;
    const bool sent = client.send(method, u"/fapi/v1/listenKey"_s, BinanceHttpClient::Security::ApiKey, {},
                                  [&result](const HttpResult& r) { result = r; });
    if (!sent)
        return failure(ApiFailure{});
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10000))
        return failure(ApiFailure{});
    return *result;
}

QString listenKey(BinanceHttpClient& client)
{
    const HttpResult r = call(client, BinanceHttpClient::Method::Post);
    if (!r)
        return {};
    return QJsonDocument::fromJson(r->body).object().value(u"listenKey"_s).toString();
}

} // namespace

class TestStreamSockets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listenKeyWithTheKeyHeaderOnly()
    {
        Rig r = rig();
        const QString key = listenKey(*r.client);
        QVERIFY(!key.isEmpty());
        QCOMPARE(r.setup.sim->currentListenKey(0), key);
        QVERIFY(call(*r.client, BinanceHttpClient::Method::Put));
        QVERIFY(call(*r.client, BinanceHttpClient::Method::Delete));
        QCOMPARE(r.setup.sim->currentListenKey(0), QString());
        // Gone: keep-alive answers -1125.
        const HttpResult gone = call(*r.client, BinanceHttpClient::Method::Put);
        QVERIFY(!gone);
        QCOMPARE(gone.error().binanceCode, -1125);
    }

    // The poller's own requests and the caller's take turns on the one client: never two in flight,
    // and every queued request is answered.
    void requestsTakeTurnsWithPollCycles()
    {
        Rig r = rig();
        ClientConfig config = r.setup.config;
        config.pollInterval = 10ms;
        AccountPoller poller(std::move(config), apitest::fastTuning());
        int inFlight = 0;
        int mostInFlight = 0;
        connect(&poller, &AccountPoller::requestStarted, this,
                [&](const QString&) { mostInFlight = std::max(mostInFlight, ++inFlight); });
        connect(&poller, &AccountPoller::requestFinished, this, [&](const QString&, int) { --inFlight; });
        QSignalSpy snapshots(&poller, &AccountPoller::snapshotReady);
        poller.start();
        QVERIFY(snapshots.wait(5000));
        QStringList answered;
        for (int i = 0; i < 3; ++i) {
            poller.sendRequest(BinanceHttpClient::Method::Post, u"/fapi/v1/listenKey"_s,
                               BinanceHttpClient::Security::ApiKey, {},
                               [&answered](const HttpResult& result) {
                                   answered.append(result ? u"key"_s : result.error().summaryLine());
                               });
            poller.sendRequest(BinanceHttpClient::Method::Get, u"/fapi/v1/leverageBracket"_s,
                               BinanceHttpClient::Security::Signed, {},
                               [&answered](const HttpResult& result) {
                                   answered.append(result ? u"brackets"_s : result.error().summaryLine());
                               });
        }
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 6, 10000);
        QCOMPARE(answered,
                 (QStringList{u"key"_s, u"brackets"_s, u"key"_s, u"brackets"_s, u"key"_s, u"brackets"_s}));
        const int before = snapshots.size();
        QTRY_VERIFY_WITH_TIMEOUT(snapshots.size() > before + 2, 5000); // polling goes on
        QCOMPARE(mostInFlight, 1);
        // Dropped by stop(): no callback afterwards.
        poller.sendRequest(BinanceHttpClient::Method::Post, u"/fapi/v1/listenKey"_s,
                           BinanceHttpClient::Security::ApiKey, {},
                           [&answered](const HttpResult&) { answered.append(u"late"_s); });
        poller.stop();
        QTest::qWait(200);
        QVERIFY(!answered.contains(u"late"_s));
    }

    void userDataOnPrivateWs()
    {
        Rig r = rig();
        UserDataStream stream(QNetworkProxy(QNetworkProxy::NoProxy), fastLimits());
        QSignalSpy flowing(&stream, &UserDataStream::flowing);
        QSignalSpy events(&stream, &UserDataStream::eventReceived);
        stream.start(r.setup.sim->streamBaseUrl(), listenKey(*r.client));
        QVERIFY(flowing.wait(5000));
        QCOMPARE(stream.route(), UserDataStream::Route::PrivateWs);
        QVERIFY(r.setup.sim->trade(0, u"BTCUSDT"_s, u"BOTH"_s, u"0.010"_s));
        const auto sawPosition = [&events] {
            for (const QList<QVariant>& e : std::as_const(events)) {
                const UserDataEvent event = e.at(0).value<UserDataEvent>();
                if (const auto* u = std::get_if<AccountUpdate>(&event)) {
                    for (const PositionUpdate& p : u->positions) {
                        if (p.symbol == u"BTCUSDT"_s)
                            return true;
                    }
                }
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(sawPosition(), 5000);
    }

    // A silent /private/ws (silentws) or a silent first connection: /private/stream + SUBSCRIBE.
    void fallsBackToPrivateStream_data()
    {
        QTest::addColumn<QString>("faults");
        QTest::newRow("silentws") << u"silentws"_s;
        QTest::newRow("silentstream@1") << u"silentstream@1"_s;
    }
    void fallsBackToPrivateStream()
    {
        QFETCH(QString, faults);
        Rig r = rig(faults);
        UserDataStream stream(QNetworkProxy(QNetworkProxy::NoProxy), fastLimits());
        QSignalSpy flowing(&stream, &UserDataStream::flowing);
        QSignalSpy events(&stream, &UserDataStream::eventReceived);
        stream.start(r.setup.sim->streamBaseUrl(), listenKey(*r.client));
        QVERIFY(flowing.wait(8000));
        QCOMPARE(stream.route(), UserDataStream::Route::PrivateStream);
        r.setup.sim->applyFunding(0);
        QTRY_VERIFY_WITH_TIMEOUT(!events.isEmpty(), 5000);
    }

    // The exchange before the route change: every private route accepts and stays silent.
    void legacyOnlyIsUnavailable()
    {
        Rig r = rig(u"legacyonly"_s);
        UserDataStream stream(QNetworkProxy(QNetworkProxy::NoProxy), fastLimits());
        QSignalSpy unavailable(&stream, &UserDataStream::unavailable);
        QSignalSpy flowing(&stream, &UserDataStream::flowing);
        stream.start(r.setup.sim->streamBaseUrl(), listenKey(*r.client));
        QVERIFY(unavailable.wait(8000));
        QVERIFY(flowing.isEmpty());
        QVERIFY(unavailable.at(0).at(0).toString().contains(u"sent nothing"_s));
    }

    void droppedStreamEnds()
    {
        Rig r = rig(u"dropstream:300@1"_s);
        UserDataStream stream(QNetworkProxy(QNetworkProxy::NoProxy), fastLimits());
        QSignalSpy flowing(&stream, &UserDataStream::flowing);
        QSignalSpy ended(&stream, &UserDataStream::ended);
        stream.start(r.setup.sim->streamBaseUrl(), listenKey(*r.client));
        QVERIFY(flowing.wait(5000));
        QVERIFY(ended.wait(5000));
    }

    void expiredKeyIsAnnounced()
    {
        Rig r = rig(u"expirekey:300@1"_s);
        UserDataStream stream(QNetworkProxy(QNetworkProxy::NoProxy), fastLimits());
        QSignalSpy events(&stream, &UserDataStream::eventReceived);
        stream.start(r.setup.sim->streamBaseUrl(), listenKey(*r.client));
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(events.cbegin(), events.cend(),
                                             [](const QList<QVariant>& e) {
                                                 return std::holds_alternative<ListenKeyExpired>(
                                                     e.at(0).value<UserDataEvent>());
                                             }),
                                 5000);
        const HttpResult keepAlive = call(*r.client, BinanceHttpClient::Method::Put);
        QVERIFY(!keepAlive);
        QCOMPARE(keepAlive.error().binanceCode, -1125);
    }

    void markPricesOfHeldSymbols()
    {
        Rig r = rig();
        QVERIFY(r.setup.sim->setMarkPrice(u"BTCUSDT"_s, u"61234.5"_s));
        MarkPriceStream stream(QNetworkProxy(QNetworkProxy::NoProxy), fastLimits());
        stream.setBase(r.setup.sim->streamBaseUrl());
        QSignalSpy marks(&stream, &MarkPriceStream::marks);
        stream.setSymbols({u"BTCUSDT"_s});
        QVERIFY(marks.wait(5000));
        const auto first = marks.at(0).at(0).value<QList<MarkPriceUpdate>>();
        QCOMPARE(first.size(), 1);
        QCOMPARE(first.at(0).symbol, u"BTCUSDT"_s);
        QCOMPARE(first.at(0).markPrice, *Decimal::parse("61234.5"));
        // A second symbol joins the same connection.
        const int accepted = r.setup.sim->streamConnectionsAccepted();
        stream.setSymbols({u"BTCUSDT"_s, u"ETHUSDT"_s});
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(marks.cbegin(), marks.cend(),
                                             [](const QList<QVariant>& m) {
                                                 return m.at(0).value<QList<MarkPriceUpdate>>().at(0).symbol
                                                        == u"ETHUSDT"_s;
                                             }),
                                 5000);
        QCOMPARE(r.setup.sim->streamConnectionsAccepted(), accepted);
        stream.setSymbols({});
        QTRY_COMPARE_WITH_TIMEOUT(r.setup.sim->openStreamCount(), 0, 5000);
    }

    void pingsAreAnswered()
    {
        Rig r = rig({}, [](SimOptions& o) { o.pingIntervalMs = 50; });
        UserDataStream stream(QNetworkProxy(QNetworkProxy::NoProxy), fastLimits());
        QSignalSpy flowing(&stream, &UserDataStream::flowing);
        stream.start(r.setup.sim->streamBaseUrl(), listenKey(*r.client));
        QVERIFY(flowing.wait(5000));
        QTRY_VERIFY_WITH_TIMEOUT(r.setup.sim->pongsReceived() >= 2, 5000);
        QCOMPARE(r.setup.sim->openStreamCount(), 1);
    }

    // A hostile server: frames beyond the size bound, too many frames, not JSON.
    void boundsEndTheConnection_data()
    {
        QTest::addColumn<QString>("what");
        QTest::newRow("oversized") << u"oversized"_s;
        QTest::newRow("flood") << u"flood"_s;
        QTest::newRow("not json") << u"notjson"_s;
    }
    void boundsEndTheConnection()
    {
        QFETCH(QString, what);
        QWebSocketServer server(u"hostile"_s, QWebSocketServer::NonSecureMode);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        std::unique_ptr<QWebSocket> peer;
        connect(&server, &QWebSocketServer::newConnection, this, [&] {
            peer.reset(server.nextPendingConnection());
            connect(peer.get(), &QWebSocket::textMessageReceived, this, [&](const QString&) {
                peer->sendTextMessage(u"{\"result\":null,\"id\":1}"_s);
                if (what == u"oversized"_s)
                    peer->sendTextMessage(QString(2000, u'x'));
                if (what == u"flood"_s) {
                    for (int i = 0; i < 50; ++i)
                        peer->sendTextMessage(u"{\"result\":null,\"id\":2}"_s);
                }
                if (what == u"notjson"_s)
                    peer->sendTextMessage(u"{\"e\":"_s);
            });
        });
        StreamConnection::Limits limits = fastLimits();
        limits.maxMessageBytes = 1000;
        limits.maxFramesPerSecond = 20;
        StreamConnection connection(QNetworkProxy(QNetworkProxy::NoProxy), limits);
        QSignalSpy flowing(&connection, &StreamConnection::flowing);
        QSignalSpy ended(&connection, &StreamConnection::ended);
        connection.open(QUrl(u"ws://127.0.0.1:%1/market/stream"_s.arg(server.serverPort())),
                        "{\"method\":\"SUBSCRIBE\",\"params\":[],\"id\":1}");
        QVERIFY(ended.wait(5000));
        QCOMPARE(flowing.size(), 1);
        QVERIFY(!ended.at(0).at(0).toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestStreamSockets)
#include "tst_streamsockets.moc"
