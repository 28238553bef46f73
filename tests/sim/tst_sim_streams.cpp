// The simulator's streams over real loopback WebSockets (QWebSocket clients): listen keys, the
// private and market routes on the HTTP port, the payloads and their agreement with the next REST
// snapshot, pings, lifetimes, and every stream fault.
#include "SimTestClient.h"

#include <QTcpSocket>
#include <QWebSocket>

using namespace Qt::StringLiterals;
using namespace marginwatch;
using namespace simtest;

namespace {

const QString kKey = u"StreamTestKey0123456789"_s;
const QByteArray kSecret = "stream-test-secret";

// A stream client that keeps every text frame it receives.
class Stream : public QObject
{
public:
    Stream(const QUrl& url)
    {
        connect(&socket, &QWebSocket::textMessageReceived, this,
                [this](const QString& text) { frames.append(QJsonDocument::fromJson(text.toUtf8())); });
        connect(&socket, &QWebSocket::connected, this, [this] { everConnected = true; });
        connect(&socket, &QWebSocket::disconnected, this, [this] {
            closed = true;
            closeCode = socket.closeCode();
        });
        socket.open(url);
    }
    bool waitConnected()
    {
        QSignalSpy spy(&socket, &QWebSocket::connected);
        return socket.state() == QAbstractSocket::ConnectedState || spy.wait(10000);
    }
    // Frames whose event type ("e", inside "data" for combined frames) is `type`.
    QList<QJsonObject> events(const QString& type) const
    {
        QList<QJsonObject> out;
        for (const QJsonDocument& f : frames) {
            QJsonObject o = f.object();
            if (o.contains(u"data"_s) && o[u"data"_s].isObject())
                o = o[u"data"_s].toObject();
            if (o[u"e"_s].toString() == type)
                out.append(o);
        }
        return out;
    }
    void send(const QByteArray& json) { socket.sendTextMessage(QString::fromUtf8(json)); }

    QWebSocket socket;
    QList<QJsonDocument> frames;
    bool everConnected = false;
    bool closed = false;
    QWebSocketProtocol::CloseCode closeCode = QWebSocketProtocol::CloseCodeNormal;
};

QUrl route(const SimulatorServer& sim, const QString& pathAndQuery)
{
    return QUrl(sim.streamBaseUrl().toString() + pathAndQuery);
}

QString postListenKey(Client& client, const QString& apiKey = kKey)
{
    const Response r = client.send("POST", u"/fapi/v1/listenKey"_s, {}, apiKey.toLatin1());
    if (r.status != 200)
        qFatal("POST listenKey: %d %s", r.status, r.body.constData());
    return r.object()[u"listenKey"_s].toString();
}

Big eventTime(const QJsonObject& event)
{
    const QJsonValue e = event[u"E"_s];
    return e.isString() ? e.toString().toLongLong() : static_cast<qint64>(e.toDouble());
}

} // namespace

class TestSimStreams : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listenKey_lifecycle();
    void listenKey_refusals();
    void listenKey_expiresUnlessKeptAlive();
    void streams_shareTheHttpPort();
    void privateWs_sendsOnlyListedEvents();
    void accountUpdate_matchesTheNextRestSnapshot_data();
    void accountUpdate_matchesTheNextRestSnapshot();
    void fill_ordersAndTradeLite();
    void fundingFee_crossBalanceOnly_isolatedWithPosition();
    void configUpdates_leverageAndMultiAssets();
    void marginCall_whenTheRatioIsHigh();
    void quirks_stringTimesAndUndocumentedFields();
    void privateStream_subscribeAndCombinedFrames();
    void privateStream_requestErrors();
    void markPrice_streamsMatchRest();
    void markPrice_allMarketArrayHasACoinMarginedEntry();
    void pings_answeredBothWays();
    void pongTimeout_dropsASilentClient();
    void connection_cutAfterItsLifetime();
    void unknownRouteOrKey_closedWithPolicyCode();
    void tooManyMessages_disconnects();
    void fault_dropstream();
    void fault_silentstream();
    void fault_expirekey();
    void fault_legacyonly_and_defaultLegacyRoute();
    void fault_silentws_fallsBackToPrivateStream();
    void fault_needevents();
};

void TestSimStreams::listenKey_lifecycle()
{
    auto sim = startSim();
    sim->addHmacKey(kKey, kSecret);
    Client client(sim->baseUrl());
    waitForFreshMinute();
    const int before = client.publicGet(u"/fapi/v1/time"_s).weight;
    const Response created = client.send("POST", u"/fapi/v1/listenKey"_s, {}, kKey.toLatin1());
    QCOMPARE(created.status, 200);
    QCOMPARE(created.weight, before + 1);
    const QString key = created.object()[u"listenKey"_s].toString();
    QCOMPARE(key.size(), 64);
    QCOMPARE(sim->currentListenKey(0), key);
    // POST again returns the live key; PUT keeps it alive; neither needs a signature.
    QCOMPARE(postListenKey(client), key);
    const Response kept = client.send("PUT", u"/fapi/v1/listenKey"_s, {}, kKey.toLatin1());
    QCOMPARE(kept.status, 200);
    QCOMPARE(kept.object()[u"listenKey"_s].toString(), key);
    const Response closed = client.send("DELETE", u"/fapi/v1/listenKey"_s, {}, kKey.toLatin1());
    QCOMPARE(closed.status, 200);
    QCOMPARE(closed.body, "{}"_ba);
    QCOMPARE(sim->currentListenKey(0), QString());
    const Response gone = client.send("PUT", u"/fapi/v1/listenKey"_s, {}, kKey.toLatin1());
    QCOMPARE(gone.status, 400);
    QCOMPARE(gone.code(), -1125);
    QCOMPARE(gone.object()[u"msg"_s].toString(), u"This listenKey does not exist."_s);
    const QString fresh = postListenKey(client);
    QVERIFY(fresh != key);
}

void TestSimStreams::listenKey_refusals()
{
    auto sim = startSim();
    sim->addHmacKey(kKey, kSecret);
    SimAccountOptions pm;
    pm.scenario = SimScenario::PortfolioMargin;
    sim->addHmacKey(u"PmKey"_s, "pm", sim->addAccount(pm));
    Client client(sim->baseUrl());
    QCOMPARE(client.send("POST", u"/fapi/v1/listenKey"_s, {}, {}).code(), -2014);
    QCOMPARE(client.send("POST", u"/fapi/v1/listenKey"_s, {}, "UnknownKey1").code(), -2015);
    QCOMPARE(client.send("POST", u"/fapi/v1/listenKey"_s, {}, "PmKey").code(), -2015);
    QCOMPARE(client.send("GET", u"/fapi/v1/listenKey"_s, {}, kKey.toLatin1()).status, 405);
}

void TestSimStreams::listenKey_expiresUnlessKeptAlive()
{
    SimOptions options;
    options.listenKeyLifetimeMs = 1500;
    auto sim = startSim(options);
    sim->addHmacKey(kKey, kSecret);
    Client client(sim->baseUrl());
    const QString key = postListenKey(client);
    Stream stream(route(*sim, u"/private/ws?listenKey="_s + key));
    QVERIFY(stream.waitConnected());
    // Kept alive twice within its lifetime, it outlives it.
    for (int i = 0; i < 2; ++i) {
        QTest::qWait(900);
        QCOMPARE(client.send("PUT", u"/fapi/v1/listenKey"_s, {}, kKey.toLatin1()).status, 200);
    }
    QCOMPARE(sim->currentListenKey(0), key);
    // Left alone, it expires: the socket hears listenKeyExpired, keep-alive answers -1125.
    QTRY_COMPARE_WITH_TIMEOUT(stream.events(u"listenKeyExpired"_s).size(), 1, 5000);
    const QJsonObject expired = stream.events(u"listenKeyExpired"_s).constFirst();
    QCOMPARE(expired[u"listenKey"_s].toString(), key);
    QVERIFY(eventTime(expired) > 0);
    QCOMPARE(client.send("PUT", u"/fapi/v1/listenKey"_s, {}, kKey.toLatin1()).code(), -1125);
    // Nothing more flows on the old key.
    QVERIFY(sim->trade(0, u"BTCUSDT"_s, u"BOTH"_s, u"0.001"_s));
    QTest::qWait(100);
    QCOMPARE(stream.events(u"ACCOUNT_UPDATE"_s).size(), 0);
}

void TestSimStreams::streams_shareTheHttpPort()
{
    auto sim = startSim();
    sim->addHmacKey(kKey, kSecret);
    QCOMPARE(sim->streamBaseUrl().port(), sim->baseUrl().port());
    QCOMPARE(sim->streamBaseUrl().scheme(), u"ws"_s);
    Client client(sim->baseUrl());
    Stream stream(route(*sim, u"/private/ws?listenKey="_s + postListenKey(client)));
    QVERIFY(stream.waitConnected());
    QCOMPARE(sim->openStreamCount(), 1);
    // HTTP keeps working on the same port while the socket is open.
    QCOMPARE(client.signedGet(u"/fapi/v3/account"_s, kKey, kSecret).status, 200);
    stream.socket.close();
    QTRY_COMPARE_WITH_TIMEOUT(sim->openStreamCount(), 0, 5000);
}

void TestSimStreams::privateWs_sendsOnlyListedEvents()
{
    auto sim = startSim();
    sim->addHmacKey(kKey, kSecret);
    Client client(sim->baseUrl());
    const QString key = postListenKey(client);
    Stream filtered(route(
        *sim, u"/private/ws?listenKey=%1&events=ACCOUNT_UPDATE/MARGIN_CALL/listenKeyExpired"_s.arg(key)));
    Stream everything(route(*sim, u"/private/ws/"_s + key));
    QVERIFY(filtered.waitConnected());
    QVERIFY(everything.waitConnected());
    QVERIFY(sim->trade(0, u"ETHUSDT"_s, u"BOTH"_s, u"-0.500"_s));
    QTRY_COMPARE_WITH_TIMEOUT(everything.frames.size(), 4, 5000);
    QCOMPARE(everything.events(u"ORDER_TRADE_UPDATE"_s).size(), 2); // NEW, then FILLED
    QCOMPARE(everything.events(u"TRADE_LITE"_s).size(), 1);
    QCOMPARE(everything.events(u"ACCOUNT_UPDATE"_s).size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(filtered.frames.size(), 1, 5000);
    QCOMPARE(filtered.events(u"ACCOUNT_UPDATE"_s).size(), 1);
    QVERIFY(!filtered.frames.at(0).object().contains(u"stream"_s)); // raw frames on /private/ws
    // Events are in the order of their E.
    Big previous = 0;
    for (const QJsonDocument& f : std::as_const(everything.frames)) {
        QVERIFY(eventTime(f.object()) >= previous);
        previous = eventTime(f.object());
    }
}

void TestSimStreams::accountUpdate_matchesTheNextRestSnapshot_data()
{
    QTest::addColumn<QString>("symbol");
    QTest::addColumn<QString>("side");
    QTest::addColumn<QString>("quantity");
    QTest::addColumn<int>("scenario");
    QTest::newRow("add to a cross long")
        << u"BTCUSDT"_s << u"BOTH"_s << u"0.020"_s << int(SimScenario::Single);
    QTest::newRow("reduce a cross short")
        << u"ETHUSDT"_s << u"BOTH"_s << u"1.000"_s << int(SimScenario::Single);
    QTest::newRow("add to an isolated position")
        << u"BNBUSDT"_s << u"BOTH"_s << u"1.00"_s << int(SimScenario::Single);
    QTest::newRow("close a position") << u"BTCUSDT"_s << u"BOTH"_s << u"-0.150"_s << int(SimScenario::Single);
    QTest::newRow("open a new symbol")
        << u"LINKUSDT"_s << u"BOTH"_s << u"-3.00"_s << int(SimScenario::Single);
    QTest::newRow("hedge short leg") << u"BTCUSDT"_s << u"SHORT"_s << u"-0.010"_s << int(SimScenario::Hedge);
    QTest::newRow("multi-assets") << u"ETHUSDT"_s << u"BOTH"_s << u"-0.500"_s << int(SimScenario::Multi);
}

void TestSimStreams::accountUpdate_matchesTheNextRestSnapshot()
{
    QFETCH(QString, symbol);
    QFETCH(QString, side);
    QFETCH(QString, quantity);
    QFETCH(int, scenario);
    SimOptions options;
    options.scenario = SimScenario(scenario);
    options.positions = 4;
    auto sim = startSim(options);
    sim->addHmacKey(kKey, kSecret);
    sim->shiftMarks(35);
    Client client(sim->baseUrl());
    Stream stream(route(*sim, u"/private/ws?listenKey="_s + postListenKey(client)));
    QVERIFY(stream.waitConnected());
    QVERIFY(sim->trade(0, symbol, side, quantity));
    QTRY_COMPARE_WITH_TIMEOUT(stream.events(u"ACCOUNT_UPDATE"_s).size(), 1, 5000);
    const QJsonObject update = stream.events(u"ACCOUNT_UPDATE"_s).constFirst();
    QVERIFY(eventTime(update) >= update[u"T"_s].toDouble());
    const QJsonObject a = update[u"a"_s].toObject();
    QCOMPARE(a[u"m"_s].toString(), u"ORDER"_s);

    const QJsonObject account = client.signedGet(u"/fapi/v3/account"_s, kKey, kSecret).object();
    const QJsonArray risk = client.signedGet(u"/fapi/v3/positionRisk"_s, kKey, kSecret).array();
    const QJsonArray config = client.signedGet(u"/fapi/v1/symbolConfig"_s, kKey, kSecret).array();
    // B: the USDT balance only (the one that changed), as the exchange's figures now stand.
    QCOMPARE(a[u"B"_s].toArray().size(), 1);
    const QJsonObject b = a[u"B"_s][0].toObject();
    const QJsonObject usdt = account[u"assets"_s][0].toObject();
    QCOMPARE(b[u"a"_s].toString(), u"USDT"_s);
    QCOMPARE(exact(b[u"wb"_s]), exact(usdt[u"walletBalance"_s]));
    QCOMPARE(exact(b[u"cw"_s]), exact(usdt[u"crossWalletBalance"_s]));
    QCOMPARE(exact(b[u"bc"_s]), Big(0)); // a fill's balance change is PnL and fee only
    // P: only the position that changed.
    QCOMPARE(a[u"P"_s].toArray().size(), 1);
    const QJsonObject p = a[u"P"_s][0].toObject();
    QCOMPARE(p[u"s"_s].toString(), symbol);
    QCOMPARE(p[u"ps"_s].toString(), side);
    QJsonObject rest;
    for (const QJsonValue& r : risk) {
        if (r[u"symbol"_s].toString() == symbol && r[u"positionSide"_s].toString() == side)
            rest = r.toObject();
    }
    if (rest.isEmpty()) { // closed: gone from REST, zero on the stream
        QCOMPARE(exact(p[u"pa"_s]), Big(0));
        QCOMPARE(exact(p[u"up"_s]), Big(0));
        return;
    }
    QCOMPARE(exact(p[u"pa"_s]), exact(rest[u"positionAmt"_s]));
    QCOMPARE(exact(p[u"ep"_s]), exact(rest[u"entryPrice"_s]));
    QCOMPARE(exact(p[u"bep"_s]), exact(rest[u"breakEvenPrice"_s]));
    QCOMPARE(exact(p[u"up"_s]), exact(rest[u"unRealizedProfit"_s]));
    QCOMPARE(exact(p[u"iw"_s]), exact(rest[u"isolatedWallet"_s]));
    QString marginType;
    for (const QJsonValue& c : config) {
        if (c[u"symbol"_s].toString() == symbol)
            marginType = c[u"marginType"_s].toString();
    }
    QCOMPARE(p[u"mt"_s].toString(), marginType == u"ISOLATED"_s ? u"isolated"_s : u"cross"_s);
}

void TestSimStreams::fill_ordersAndTradeLite()
{
    auto sim = startSim();
    sim->addHmacKey(kKey, kSecret);
    QVERIFY(sim->setMarkPrice(u"BTCUSDT"_s, u"61234.56789"_s)); // fills at the tick below: 61234.5
    Client client(sim->baseUrl());
    const Big walletBefore =
        exact(client.signedGet(u"/fapi/v3/account"_s, kKey, kSecret).object()[u"totalWalletBalance"_s]);
    Stream stream(route(*sim, u"/private/ws?listenKey="_s + postListenKey(client)));
    QVERIFY(stream.waitConnected());
    QVERIFY(sim->trade(0, u"BTCUSDT"_s, u"BOTH"_s, u"-0.100"_s));
    QTRY_COMPARE_WITH_TIMEOUT(stream.events(u"ORDER_TRADE_UPDATE"_s).size(), 2, 5000);
    const QJsonObject accepted = stream.events(u"ORDER_TRADE_UPDATE"_s).at(0)[u"o"_s].toObject();
    const QJsonObject filled = stream.events(u"ORDER_TRADE_UPDATE"_s).at(1)[u"o"_s].toObject();
    QCOMPARE(accepted[u"X"_s].toString(), u"NEW"_s);
    QVERIFY(!accepted.contains(u"N"_s)); // no commission yet: the exchange leaves N and n out
    QCOMPARE(filled[u"X"_s].toString(), u"FILLED"_s);
    QCOMPARE(filled[u"x"_s].toString(), u"TRADE"_s);
    QCOMPARE(filled[u"S"_s].toString(), u"SELL"_s);
    QCOMPARE(filled[u"ps"_s].toString(), u"BOTH"_s);
    QCOMPARE(filled[u"L"_s].toString(), u"61234.50"_s);
    QCOMPARE(filled[u"q"_s].toString(), u"0.100"_s);
    QCOMPARE(filled[u"N"_s].toString(), u"USDT"_s);
    QCOMPARE(filled[u"R"_s].toBool(), true); // it reduced the long
    const Big commission = exact(filled[u"n"_s]);
    QCOMPARE(commission, mul(mul(exact(u"0.100"_s), exact(u"61234.5"_s)), exact(u"0.0005"_s)));
    const Big realized = exact(filled[u"rp"_s]);
    QVERIFY(realized != 0);
    // The wallet moved by exactly the realised PnL less the fee.
    const Big walletAfter =
        exact(client.signedGet(u"/fapi/v3/account"_s, kKey, kSecret).object()[u"totalWalletBalance"_s]);
    QCOMPARE(walletAfter, walletBefore + realized - commission);
    const QJsonObject lite = stream.events(u"TRADE_LITE"_s).constFirst();
    QCOMPARE(lite[u"s"_s].toString(), u"BTCUSDT"_s);
    QCOMPARE(lite[u"l"_s].toString(), u"0.100"_s);
    QCOMPARE(lite[u"t"_s], filled[u"t"_s]);
    QCOMPARE(lite[u"i"_s], filled[u"i"_s]);
    // The position's accumulated realised PnL carries it too.
    QCOMPARE(exact(stream.events(u"ACCOUNT_UPDATE"_s).constFirst()[u"a"_s][u"P"_s][0][u"cr"_s]), realized);
}

void TestSimStreams::fundingFee_crossBalanceOnly_isolatedWithPosition()
{
    for (int positions : {2, 3}) { // two cross positions; then a third, isolated one
        SimOptions options;
        options.positions = positions;
        auto sim = startSim(options);
        sim->addHmacKey(kKey, kSecret);
        Client client(sim->baseUrl());
        QVERIFY(sim->setMarkPrice(u"ETHUSDT"_s, u"3100"_s)); // a fee that does not happen to net to zero
        const Big before =
            exact(client.signedGet(u"/fapi/v3/account"_s, kKey, kSecret).object()[u"totalWalletBalance"_s]);
        Stream stream(route(*sim, u"/private/ws?listenKey="_s + postListenKey(client)));
        QVERIFY(stream.waitConnected());
        sim->applyFunding(0);
        QTRY_COMPARE_WITH_TIMEOUT(stream.events(u"ACCOUNT_UPDATE"_s).size(), 1, 5000);
        const QJsonObject a = stream.events(u"ACCOUNT_UPDATE"_s).constFirst()[u"a"_s].toObject();
        QCOMPARE(a[u"m"_s].toString(), u"FUNDING_FEE"_s);
        const QJsonObject account = client.signedGet(u"/fapi/v3/account"_s, kKey, kSecret).object();
        QCOMPARE(exact(a[u"B"_s][0][u"wb"_s]), exact(account[u"assets"_s][0][u"walletBalance"_s]));
        QCOMPARE(exact(a[u"B"_s][0][u"bc"_s]), exact(account[u"totalWalletBalance"_s]) - before);
        QVERIFY(exact(a[u"B"_s][0][u"bc"_s]) != 0);
        if (positions == 2) {
            QCOMPARE(a[u"P"_s].toArray().size(), 0);
        } else {
            QCOMPARE(a[u"P"_s].toArray().size(), 1);
            QCOMPARE(a[u"P"_s][0][u"mt"_s].toString(), u"isolated"_s);
            const QJsonArray risk = client.signedGet(u"/fapi/v3/positionRisk"_s, kKey, kSecret).array();
            QCOMPARE(risk.at(2)[u"symbol"_s], a[u"P"_s][0][u"s"_s]);
            QCOMPARE(exact(a[u"P"_s][0][u"iw"_s]), exact(risk.at(2)[u"isolatedWallet"_s]));
        }
    }
}

void TestSimStreams::configUpdates_leverageAndMultiAssets()
{
    SimOptions options;
    options.positions = 2;
    auto sim = startSim(options);
    sim->addHmacKey(kKey, kSecret);
    Client client(sim->baseUrl());
    Stream stream(route(*sim, u"/private/ws?listenKey="_s + postListenKey(client)));
    QVERIFY(stream.waitConnected());
    QVERIFY(sim->setLeverage(0, u"ETHUSDT"_s, 20));
    QVERIFY(!sim->setLeverage(0, u"ETHUSDT"_s, 126)); // refused: nothing sent
    QVERIFY(sim->setMultiAssetsMode(0, true));
    QTRY_COMPARE_WITH_TIMEOUT(stream.events(u"ACCOUNT_CONFIG_UPDATE"_s).size(), 2, 5000);
    const QJsonObject leverage = stream.events(u"ACCOUNT_CONFIG_UPDATE"_s).at(0);
    QCOMPARE(leverage[u"ac"_s][u"s"_s].toString(), u"ETHUSDT"_s);
    QCOMPARE(leverage[u"ac"_s][u"l"_s].toInt(), 20);
    const QJsonObject mode = stream.events(u"ACCOUNT_CONFIG_UPDATE"_s).at(1);
    QCOMPARE(mode[u"ai"_s][u"j"_s].toBool(), true);
    const QJsonArray config = client.signedGet(u"/fapi/v1/symbolConfig"_s, kKey, kSecret).array();
    QCOMPARE(config.at(1)[u"symbol"_s].toString(), u"ETHUSDT"_s);
    QCOMPARE(config.at(1)[u"leverage"_s].toInt(), 20);
    QCOMPARE(client.signedGet(u"/fapi/v1/accountConfig"_s, kKey, kSecret)
                 .object()[u"multiAssetsMargin"_s]
                 .toBool(),
             true);
    // An account with an isolated symbol cannot switch to multi-assets mode.
    SimOptions withIsolated;
    withIsolated.positions = 3;
    auto other = startSim(withIsolated);
    QVERIFY(!other->setMultiAssetsMode(0, true));
}

void TestSimStreams::marginCall_whenTheRatioIsHigh()
{
    SimOptions options;
    options.positions = 2; // BTC long, ETH short
    options.marginCallPercent = 5;
    auto sim = startSim(options);
    sim->addHmacKey(kKey, kSecret);
    Client client(sim->baseUrl());
    Stream stream(route(*sim, u"/private/ws?listenKey="_s + postListenKey(client)));
    QVERIFY(stream.waitConnected());
    QVERIFY(sim->setMarkPrice(u"ETHUSDT"_s, u"5000"_s)); // the short loses 8000 of 10000
    QTRY_COMPARE_WITH_TIMEOUT(stream.events(u"MARGIN_CALL"_s).size(), 1, 5000);
    const QJsonObject call = stream.events(u"MARGIN_CALL"_s).constFirst();
    const QJsonObject account = client.signedGet(u"/fapi/v3/account"_s, kKey, kSecret).object();
    QVERIFY(exact(account[u"totalMaintMargin"_s]) * 100 >= exact(account[u"totalMarginBalance"_s]) * 5);
    QCOMPARE(exact(call[u"cw"_s]), exact(account[u"totalCrossWalletBalance"_s]));
    const QJsonArray p = call[u"p"_s].toArray();
    QCOMPARE(p.size(), 2);
    const QJsonArray risk = client.signedGet(u"/fapi/v3/positionRisk"_s, kKey, kSecret).array();
    for (qsizetype i = 0; i < p.size(); ++i) {
        QCOMPARE(p.at(i)[u"s"_s], risk.at(i)[u"symbol"_s]);
        QCOMPARE(p.at(i)[u"mt"_s].toString(), u"CROSSED"_s); // upper case here, unlike ACCOUNT_UPDATE
        QCOMPARE(exact(p.at(i)[u"mp"_s]), exact(risk.at(i)[u"markPrice"_s]));
        QCOMPARE(exact(p.at(i)[u"mm"_s]), exact(risk.at(i)[u"maintMargin"_s]));
        QCOMPARE(exact(p.at(i)[u"up"_s]), exact(risk.at(i)[u"unRealizedProfit"_s]));
    }
    // Once per crossing: no second call while the ratio stays high, another after it fell back.
    QVERIFY(sim->setMarkPrice(u"ETHUSDT"_s, u"5001"_s));
    QVERIFY(sim->setMarkPrice(u"ETHUSDT"_s, u"3000"_s));
    QVERIFY(sim->setMarkPrice(u"ETHUSDT"_s, u"5000"_s));
    QTRY_COMPARE_WITH_TIMEOUT(stream.events(u"MARGIN_CALL"_s).size(), 2, 5000);
}

void TestSimStreams::quirks_stringTimesAndUndocumentedFields()
{
    auto sim = startSim();
    sim->addHmacKey(kKey, kSecret);
    Client client(sim->baseUrl());
    Stream stream(route(*sim, u"/private/ws?listenKey="_s + postListenKey(client)));
    QVERIFY(stream.waitConnected());
    for (int i = 0; i < 4; ++i)
        QVERIFY(sim->trade(0, u"BTCUSDT"_s, u"BOTH"_s, u"0.001"_s));
    QTRY_COMPARE_WITH_TIMEOUT(stream.frames.size(), 16, 5000);
    int stringTimes = 0;
    int numberTimes = 0;
    int withMa = 0;
    int withS = 0;
    for (const QJsonDocument& f : std::as_const(stream.frames)) {
        (f.object()[u"E"_s].isString() ? stringTimes : numberTimes) += 1;
        if (f.object()[u"e"_s] == u"ACCOUNT_UPDATE"_s) {
            withMa += f.object()[u"a"_s][u"P"_s][0].toObject().contains(u"ma"_s) ? 1 : 0;
            withS += f.object()[u"a"_s].toObject().contains(u"S"_s) ? 1 : 0;
        }
    }
    QVERIFY(stringTimes > 0 && numberTimes > 0);
    QVERIFY(withMa > 0 && withMa < 4);
    QVERIFY(withS > 0 && withS < 4);
}

void TestSimStreams::privateStream_subscribeAndCombinedFrames()
{
    auto sim = startSim();
    sim->addHmacKey(kKey, kSecret);
    Client client(sim->baseUrl());
    const QString key = postListenKey(client);
    Stream stream(route(*sim, u"/private/stream"_s));
    QVERIFY(stream.waitConnected());
    stream.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"" + key.toLatin1() + "\"],\"id\":1}");
    QTRY_COMPARE_WITH_TIMEOUT(stream.frames.size(), 1, 5000);
    QCOMPARE(stream.frames.at(0).object(), (QJsonObject{{u"result"_s, QJsonValue::Null}, {u"id"_s, 1}}));
    QVERIFY(sim->trade(0, u"BTCUSDT"_s, u"BOTH"_s, u"0.001"_s));
    QTRY_COMPARE_WITH_TIMEOUT(stream.frames.size(), 5, 5000);
    const QJsonObject combined = stream.frames.at(1).object();
    QCOMPARE(combined[u"stream"_s].toString(), key);
    QCOMPARE(combined[u"data"_s][u"e"_s].toString(), u"ORDER_TRADE_UPDATE"_s);
    stream.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":\"two\"}");
    QTRY_COMPARE_WITH_TIMEOUT(stream.frames.size(), 6, 5000);
    QCOMPARE(stream.frames.at(5).object()[u"result"_s].toArray(), QJsonArray{key});
    QCOMPARE(stream.frames.at(5).object()[u"id"_s].toString(), u"two"_s);
    stream.send("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"" + key.toLatin1() + "\"],\"id\":3}");
    QTRY_COMPARE_WITH_TIMEOUT(stream.frames.size(), 7, 5000);
    QVERIFY(sim->trade(0, u"BTCUSDT"_s, u"BOTH"_s, u"0.001"_s));
    QTest::qWait(100);
    QCOMPARE(stream.frames.size(), 7);
}

void TestSimStreams::privateStream_requestErrors()
{
    auto sim = startSim();
    sim->addHmacKey(kKey, kSecret);
    Stream stream(route(*sim, u"/private/stream"_s));
    QVERIFY(stream.waitConnected());
    stream.send("{not json");
    stream.send("{\"method\":\"FLY\",\"id\":4}");
    stream.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"NoSuchListenKey\"],\"id\":5}");
    QTRY_COMPARE_WITH_TIMEOUT(stream.frames.size(), 3, 5000);
    QCOMPARE(stream.frames.at(0).object()[u"error"_s][u"code"_s].toInt(), 3);
    QCOMPARE(stream.frames.at(1).object()[u"error"_s][u"code"_s].toInt(), 2);
    QCOMPARE(stream.frames.at(1).object()[u"id"_s].toInt(), 4);
    QCOMPARE(stream.frames.at(2).object()[u"error"_s][u"code"_s].toInt(), 2);
    QVERIFY(!stream.closed);
}

void TestSimStreams::markPrice_streamsMatchRest()
{
    SimOptions options;
    options.markIntervalMs = 50;
    auto sim = startSim(options);
    sim->addHmacKey(kKey, kSecret);
    Client client(sim->baseUrl());
    Stream combined(route(*sim, u"/market/stream?streams=btcusdt@markPrice@1s/ethusdt@markPrice@1s"_s));
    Stream raw(route(*sim, u"/market/ws/ethusdt@markPrice@1s"_s));
    QVERIFY(combined.waitConnected());
    QVERIFY(raw.waitConnected());
    QTRY_VERIFY_WITH_TIMEOUT(combined.frames.size() >= 4 && raw.frames.size() >= 2, 5000);
    const QJsonArray risk = client.signedGet(u"/fapi/v3/positionRisk"_s, kKey, kSecret).array();
    QHash<QString, QJsonObject> byStream;
    for (const QJsonDocument& f : std::as_const(combined.frames))
        byStream.insert(f.object()[u"stream"_s].toString(), f.object()[u"data"_s].toObject());
    QCOMPARE(byStream.size(), 2);
    const QJsonObject btc = byStream.value(u"btcusdt@markPrice@1s"_s);
    QCOMPARE(btc.keys(),
             (QStringList{u"E"_s, u"P"_s, u"T"_s, u"ap"_s, u"e"_s, u"i"_s, u"p"_s, u"r"_s, u"s"_s, u"st"_s}));
    QCOMPARE(btc[u"e"_s].toString(), u"markPriceUpdate"_s);
    QCOMPARE(btc[u"s"_s].toString(), u"BTCUSDT"_s);
    QCOMPARE(btc[u"st"_s].toInt(), 1);
    QCOMPARE(btc[u"p"_s].toString(), risk.at(0)[u"markPrice"_s].toString()); // the mark REST reports
    QVERIFY(btc[u"T"_s].toDouble() > btc[u"E"_s].toDouble());
    QCOMPARE(raw.frames.at(0).object()[u"s"_s].toString(), u"ETHUSDT"_s); // raw on /market/ws
    QCOMPARE(raw.frames.at(0).object()[u"p"_s].toString(), risk.at(1)[u"markPrice"_s].toString());
    // A move of the market shows on the next tick.
    QVERIFY(sim->setMarkPrice(u"ETHUSDT"_s, u"3123.45678901"_s));
    QTRY_COMPARE_WITH_TIMEOUT(raw.frames.constLast().object()[u"p"_s].toString(), u"3123.45678901"_s, 5000);
    // Subscribing on /market/ws adds a stream.
    raw.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"dogeusdt@markPrice@1s\"],\"id\":9}");
    QTRY_VERIFY_WITH_TIMEOUT(!raw.events(u"markPriceUpdate"_s).isEmpty()
                                 && raw.events(u"markPriceUpdate"_s).constLast()[u"s"_s] == u"DOGEUSDT"_s,
                             5000);
}

void TestSimStreams::markPrice_allMarketArrayHasACoinMarginedEntry()
{
    SimOptions options;
    options.markIntervalMs = 50;
    options.positions = 3;
    auto sim = startSim(options);
    Stream stream(route(*sim, u"/market/ws/!markPrice@arr@1s"_s));
    QVERIFY(stream.waitConnected());
    QTRY_VERIFY_WITH_TIMEOUT(!stream.frames.isEmpty(), 5000);
    const QJsonArray all = stream.frames.at(0).array();
    QVERIFY(all.size() >= 4);
    int usdM = 0;
    int other = 0;
    for (const QJsonValue& entry : all)
        (entry[u"st"_s].toInt() == 1 ? usdM : other) += 1;
    QCOMPARE(other, 1);
    QCOMPARE(usdM, all.size() - 1);
}

void TestSimStreams::pings_answeredBothWays()
{
    SimOptions options;
    options.pingIntervalMs = 50;
    auto sim = startSim(options);
    Stream stream(route(*sim, u"/market/ws/btcusdt@markPrice@1s"_s));
    QVERIFY(stream.waitConnected());
    // QWebSocket answers the server's pings by itself; the server counts the pongs.
    QTRY_VERIFY_WITH_TIMEOUT(sim->pongsReceived() >= 2, 5000);
    QSignalSpy pong(&stream.socket, &QWebSocket::pong);
    stream.socket.ping("client ping");
    QVERIFY(pong.wait(5000));
    QCOMPARE(pong.at(0).at(1).toByteArray(), "client ping"_ba);
}

void TestSimStreams::pongTimeout_dropsASilentClient()
{
    SimOptions options;
    options.pingIntervalMs = 50;
    options.pongTimeoutMs = 200;
    auto sim = startSim(options);
    // A raw TCP client that completes the handshake and then never answers a ping.
    QTcpSocket tcp;
    tcp.connectToHost(QHostAddress::LocalHost, sim->port());
    QVERIFY(tcp.waitForConnected(5000));
    tcp.write(
        "GET /market/ws/btcusdt@markPrice HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(tcp.bytesAvailable() > 0 || tcp.waitForReadyRead(50), 5000);
    QVERIFY(tcp.readAll().startsWith("HTTP/1.1 101"));
    QTRY_COMPARE_WITH_TIMEOUT(sim->openStreamCount(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(sim->openStreamCount(), 0, 10000);
}

void TestSimStreams::connection_cutAfterItsLifetime()
{
    SimOptions options;
    options.streamMaxLifetimeMs = 300; // the exchange's 24 hours, shortened
    auto sim = startSim(options);
    Stream stream(route(*sim, u"/market/ws/btcusdt@markPrice@1s"_s));
    QVERIFY(stream.waitConnected());
    QTRY_VERIFY_WITH_TIMEOUT(stream.closed, 10000);
    QCOMPARE(stream.closeCode, QWebSocketProtocol::CloseCodeGoingAway);
}

void TestSimStreams::unknownRouteOrKey_closedWithPolicyCode()
{
    auto sim = startSim();
    // An unknown route is refused before the upgrade (HTTP 404); an unknown listen key after it.
    Stream unknownRoute(route(*sim, u"/nowhere"_s));
    QSignalSpy refused(&unknownRoute.socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error));
    Stream unknownKey(route(*sim, u"/private/ws?listenKey=NoSuchKey"_s));
    QTRY_VERIFY_WITH_TIMEOUT(unknownKey.closed && !refused.isEmpty(), 10000);
    QVERIFY(!unknownRoute.everConnected);
    QVERIFY(unknownKey.everConnected);
    QCOMPARE(unknownKey.closeCode, QWebSocketProtocol::CloseCodePolicyViolated);
    QCOMPARE(sim->openStreamCount(), 0);
}

void TestSimStreams::tooManyMessages_disconnects()
{
    auto sim = startSim();
    Stream stream(route(*sim, u"/market/ws"_s));
    QVERIFY(stream.waitConnected());
    for (int i = 0; i < 12; ++i)
        stream.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + QByteArray::number(i) + '}');
    QTRY_VERIFY_WITH_TIMEOUT(stream.closed, 10000);
    QVERIFY(stream.frames.size() <= 10);
}

void TestSimStreams::fault_dropstream()
{
    SimOptions options;
    options.faults = u"dropstream:100@1"_s;
    options.markIntervalMs = 50;
    auto sim = startSim(options);
    Stream first(route(*sim, u"/market/ws/btcusdt@markPrice@1s"_s));
    QVERIFY(first.waitConnected());
    QTRY_VERIFY_WITH_TIMEOUT(first.closed, 10000);
    Stream second(route(*sim, u"/market/ws/btcusdt@markPrice@1s"_s));
    QVERIFY(second.waitConnected());
    QTRY_VERIFY_WITH_TIMEOUT(second.frames.size() >= 5, 10000); // only the first connection is dropped
    QVERIFY(!second.closed);
}

void TestSimStreams::fault_silentstream()
{
    SimOptions options;
    options.faults = u"silentstream@1"_s;
    options.markIntervalMs = 50;
    options.pingIntervalMs = 50;
    auto sim = startSim(options);
    sim->addHmacKey(kKey, kSecret);
    Client client(sim->baseUrl());
    const QString key = postListenKey(client);
    Stream silent(route(*sim, u"/private/ws?listenKey="_s + key));
    QVERIFY(silent.waitConnected());
    Stream control(route(*sim, u"/private/ws?listenKey="_s + key));
    QVERIFY(control.waitConnected());
    QVERIFY(sim->trade(0, u"BTCUSDT"_s, u"BOTH"_s, u"0.001"_s));
    QTRY_COMPARE_WITH_TIMEOUT(control.frames.size(), 4, 5000);
    silent.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":1}");
    QTest::qWait(200);
    QCOMPARE(silent.frames.size(), 0); // accepted, open, and nothing at all: no events, no answers
    QVERIFY(!silent.closed);
}

void TestSimStreams::fault_expirekey()
{
    SimOptions options;
    options.faults = u"expirekey:200@1"_s;
    auto sim = startSim(options);
    sim->addHmacKey(kKey, kSecret);
    Client client(sim->baseUrl());
    const QString first = postListenKey(client);
    Stream stream(route(*sim, u"/private/ws?listenKey="_s + first));
    QVERIFY(stream.waitConnected());
    // Keep-alive does not save it.
    QCOMPARE(client.send("PUT", u"/fapi/v1/listenKey"_s, {}, kKey.toLatin1()).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(stream.events(u"listenKeyExpired"_s).size(), 1, 5000);
    QCOMPARE(client.send("PUT", u"/fapi/v1/listenKey"_s, {}, kKey.toLatin1()).code(), -1125);
    // A new key works and lives (the fault was for the first key only).
    const QString second = postListenKey(client);
    QVERIFY(second != first);
    Stream again(route(*sim, u"/private/ws?listenKey="_s + second));
    QVERIFY(again.waitConnected());
    QVERIFY(sim->trade(0, u"BTCUSDT"_s, u"BOTH"_s, u"0.001"_s));
    QTRY_COMPARE_WITH_TIMEOUT(again.frames.size(), 4, 5000);
    QCOMPARE(stream.events(u"ACCOUNT_UPDATE"_s).size(), 0);
    QCOMPARE(client.send("PUT", u"/fapi/v1/listenKey"_s, {}, kKey.toLatin1()).status, 200);
}

void TestSimStreams::fault_legacyonly_and_defaultLegacyRoute()
{
    for (const bool legacyOnly : {false, true}) {
        SimOptions options;
        options.faults = legacyOnly ? u"legacyonly"_s : QString();
        auto sim = startSim(options);
        sim->addHmacKey(kKey, kSecret);
        Client client(sim->baseUrl());
        const QString key = postListenKey(client);
        Stream modern(route(*sim, u"/private/ws?listenKey="_s + key));
        Stream subscribed(route(*sim, u"/private/stream"_s));
        Stream legacy(route(*sim, u"/ws/"_s + key));
        QVERIFY(modern.waitConnected() && subscribed.waitConnected() && legacy.waitConnected());
        subscribed.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"" + key.toLatin1() + "\"],\"id\":1}");
        if (legacyOnly)
            QTest::qWait(200); // no answer will come
        else
            QTRY_COMPARE_WITH_TIMEOUT(subscribed.frames.size(), 1, 5000);
        QVERIFY(sim->trade(0, u"BTCUSDT"_s, u"BOTH"_s, u"0.001"_s));
        Stream& delivering = legacyOnly ? legacy : modern;
        QTRY_COMPARE_WITH_TIMEOUT(delivering.frames.size(), 4, 5000);
        QTest::qWait(100);
        if (legacyOnly) {
            QCOMPARE(modern.frames.size(), 0);     // the 2026 routes: accepted, silent
            QCOMPARE(subscribed.frames.size(), 0); // not even the SUBSCRIBE answer
        } else {
            QCOMPARE(legacy.frames.size(), 0); // the retired route: accepted, silent
            QCOMPARE(subscribed.frames.size(), 5);
        }
        QVERIFY(!modern.closed && !legacy.closed);
    }
}

void TestSimStreams::fault_silentws_fallsBackToPrivateStream()
{
    SimOptions options;
    options.faults = u"silentws"_s;
    auto sim = startSim(options);
    sim->addHmacKey(kKey, kSecret);
    Client client(sim->baseUrl());
    const QString key = postListenKey(client);
    Stream ws(route(*sim, u"/private/ws?listenKey=%1&events=ACCOUNT_UPDATE"_s.arg(key)));
    Stream stream(route(*sim, u"/private/stream"_s));
    QVERIFY(ws.waitConnected() && stream.waitConnected());
    stream.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"" + key.toLatin1() + "\"],\"id\":1}");
    QTRY_COMPARE_WITH_TIMEOUT(stream.frames.size(), 1, 5000);
    QVERIFY(sim->trade(0, u"BTCUSDT"_s, u"BOTH"_s, u"0.001"_s));
    QTRY_COMPARE_WITH_TIMEOUT(stream.events(u"ACCOUNT_UPDATE"_s).size(), 1, 5000);
    QTest::qWait(100);
    QCOMPARE(ws.frames.size(), 0);
}

void TestSimStreams::fault_needevents()
{
    SimOptions options;
    options.faults = u"needevents"_s;
    auto sim = startSim(options);
    sim->addHmacKey(kKey, kSecret);
    Client client(sim->baseUrl());
    const QString key = postListenKey(client);
    Stream bare(route(*sim, u"/private/ws?listenKey="_s + key));
    Stream listed(
        route(*sim, u"/private/ws?listenKey=%1&events=ACCOUNT_UPDATE/ORDER_TRADE_UPDATE"_s.arg(key)));
    QVERIFY(bare.waitConnected() && listed.waitConnected());
    QVERIFY(sim->trade(0, u"BTCUSDT"_s, u"BOTH"_s, u"0.001"_s));
    QTRY_COMPARE_WITH_TIMEOUT(listed.frames.size(), 3, 5000);
    QTest::qWait(100);
    QCOMPARE(bare.frames.size(), 0);
}

QTEST_GUILESS_MAIN(TestSimStreams)
#include "tst_sim_streams.moc"
