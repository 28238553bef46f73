// The stream's events as the exchange sends them (and as it drifts), and the stream endpoints.
#include "stream/StreamEndpoints.h"
#include "stream/StreamEvents.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace marginwatch;

namespace {

QJsonValue payloadOf(const QByteArray& json)
{
    const Expected<StreamFrame> frame = parseStreamFrame(json);
    return frame ? frame->payload : QJsonValue();
}

// Field values are substituted into this ACCOUNT_UPDATE (JSON in escaped literals: see the moc note
// in the helper protocol).
QByteArray accountUpdate(const QByteArray& eventTime, const QByteArray& extra = {},
                         const QByteArray& position = {})
{
    const QByteArray p =
        position.isEmpty()
            ? QByteArray("{\"s\":\"BTCUSDT\",\"pa\":\"0.010\",\"ep\":\"60000.0\",\"bep\":\"60024.0\","
                         "\"cr\":\"0\",\"up\":\"1.50000000\",\"mt\":\"cross\",\"iw\":\"0\",\"ps\":\"BOTH\""
                         + extra + "}")
            : position;
    return "{\"e\":\"ACCOUNT_UPDATE\",\"E\":" + eventTime
           + ",\"T\":1700000000000,\"a\":{\"m\":\"ORDER\",\"B\":[{\"a\":\"USDT\",\"wb\":\"1000.5\",\"cw\":\"990\","
             "\"bc\":\"0\"}],\"P\":["
           + p + "]" + extra + "}}";
}

} // namespace

class TestStreamEvents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accountUpdateFields()
    {
        const Expected<UserDataEvent> e = parseUserDataEvent(payloadOf(accountUpdate("1700000000001")));
        QVERIFY2(e, qPrintable(e ? QString() : e.error()));
        const auto* u = std::get_if<AccountUpdate>(&*e);
        QVERIFY(u);
        QCOMPARE(u->eventTime, 1700000000001);
        QCOMPARE(u->reason, u"ORDER"_s);
        QCOMPARE(u->balances.size(), 1);
        QCOMPARE(u->balances.at(0).walletBalance.toString(), u"1000.5"_s);
        QCOMPARE(u->balances.at(0).crossWallet.toString(), u"990"_s);
        QCOMPARE(u->positions.size(), 1);
        QCOMPARE(u->positions.at(0).positionAmt.toString(), u"0.010"_s);
        QCOMPARE(u->positions.at(0).entryPrice.toString(), u"60000.0"_s);
        QCOMPARE(u->positions.at(0).positionSide, u"BOTH"_s);
    }

    void accountUpdateTolerance_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<qint64>("eventTime");
        QTest::newRow("E number") << accountUpdate("1700000000001") << true << 1700000000001LL;
        QTest::newRow("E string") << accountUpdate("\"1700000000002\"") << true << 1700000000002LL;
        QTest::newRow("extra ma and a.S")
            << accountUpdate("3", ",\"ma\":\"USDT\",\"S\":\"x\"") << true << 3LL;
        QTest::newRow("E negative") << accountUpdate("-1") << false << 0LL;
        QTest::newRow("E fraction") << accountUpdate("1.5") << false << 0LL;
        QTest::newRow("E text") << accountUpdate("\"soon\"") << false << 0LL;
        QTest::newRow("E beyond range") << accountUpdate("1e300") << false << 0LL;
        QTest::newRow("E plus sign") << accountUpdate("\"+5\"") << false << 0LL;
        QTest::newRow("pa not a decimal") << accountUpdate(
            "1", {}, "{\"s\":\"BTCUSDT\",\"pa\":\"ten\",\"ep\":\"1\",\"up\":\"0\",\"ps\":\"BOTH\"}")
                                          << false << 0LL;
        QTest::newRow("pa a number, not a string") << accountUpdate(
            "1", {}, "{\"s\":\"BTCUSDT\",\"pa\":1,\"ep\":\"1\",\"up\":\"0\",\"ps\":\"BOTH\"}")
                                                   << false << 0LL;
        QTest::newRow("ps unknown") << accountUpdate(
            "1", {}, "{\"s\":\"BTCUSDT\",\"pa\":\"1\",\"ep\":\"1\",\"up\":\"0\",\"ps\":\"UP\"}")
                                    << false << 0LL;
        QTest::newRow("symbol too long") << accountUpdate(
            "1", {},
            "{\"s\":\"" + QByteArray(100, 'A') + "\",\"pa\":\"1\",\"ep\":\"1\",\"up\":\"0\",\"ps\":\"BOTH\"}")
                                         << false << 0LL;
        QTest::newRow("funding: balance only") << QByteArray(
            "{\"e\":\"ACCOUNT_UPDATE\",\"E\":7,\"T\":7,\"a\":{\"m\":\"FUNDING_FEE\",\"B\":[{\"a\":\"USDT\","
            "\"wb\":\"1\",\"cw\":\"1\",\"bc\":\"-0.1\"}]}}")
                                               << true << 7LL;
        QTest::newRow("no a") << QByteArray("{\"e\":\"ACCOUNT_UPDATE\",\"E\":7}") << false << 0LL;
        QTest::newRow("not an object") << QByteArray("[1,2]") << false << 0LL;
    }
    void accountUpdateTolerance()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, accepted);
        QFETCH(qint64, eventTime);
        const Expected<UserDataEvent> e = parseUserDataEvent(payloadOf(json));
        QCOMPARE(bool(e), accepted);
        if (accepted)
            QCOMPARE(std::get<AccountUpdate>(*e).eventTime, eventTime);
        else
            QVERIFY(!e.error().isEmpty());
    }

    void tooManyPositions()
    {
        QByteArray positions;
        for (int i = 0; i <= kMaxEventPositions; ++i)
            positions += QByteArray(i ? "," : "")
                         + "{\"s\":\"BTCUSDT\",\"pa\":\"1\",\"ep\":\"1\",\"up\":\"0\",\"ps\":\"BOTH\"}";
        const Expected<UserDataEvent> e = parseUserDataEvent(payloadOf(accountUpdate("1", {}, positions)));
        QVERIFY(!e);
        QVERIFY2(e.error().contains(u"too many"_s), qPrintable(e.error()));
    }

    void otherEvents_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("kind");
        QTest::newRow("leverage") << QByteArray(
            "{\"e\":\"ACCOUNT_CONFIG_UPDATE\",\"E\":1,\"T\":1,\"ac\":{\"s\":\"BTCUSDT\",\"l\":25}}")
                                  << u"config"_s;
        QTest::newRow("multi-assets")
            << QByteArray("{\"e\":\"ACCOUNT_CONFIG_UPDATE\",\"E\":1,\"ai\":{\"j\":true}}") << u"config"_s;
        QTest::newRow("config without ac or ai")
            << QByteArray("{\"e\":\"ACCOUNT_CONFIG_UPDATE\",\"E\":1}") << u"error"_s;
        QTest::newRow("leverage 0") << QByteArray(
            "{\"e\":\"ACCOUNT_CONFIG_UPDATE\",\"E\":1,\"ac\":{\"s\":\"BTCUSDT\",\"l\":0}}")
                                    << u"error"_s;
        QTest::newRow("margin call") << QByteArray(
            "{\"e\":\"MARGIN_CALL\",\"E\":1,\"cw\":\"3.16\",\"p\":[{\"s\":\"ETHUSDT\",\"ps\":\"LONG\",\"pa\":\"1.327\","
            "\"mt\":\"CROSSED\",\"iw\":\"0\",\"mp\":\"187.17\",\"up\":\"-1.166\",\"mm\":\"1.614\"}]}")
                                     << u"margincall"_s;
        QTest::newRow("fill") << QByteArray(
            "{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1,\"T\":1,\"o\":{\"s\":\"BTCUSDT\",\"x\":\"TRADE\",\"X\":\"FILLED\","
            "\"rp\":\"0\"}}") << u"fill"_s;
        QTest::newRow("new order") << QByteArray(
            "{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1,\"o\":{\"s\":\"BTCUSDT\",\"x\":\"NEW\",\"X\":\"NEW\"}}")
                                   << u"order"_s;
        QTest::newRow("listenKeyExpired, E string")
            << QByteArray("{\"e\":\"listenKeyExpired\",\"E\":\"1576653824250\",\"listenKey\":\"abc\"}")
            << u"expired"_s;
        QTest::newRow("TRADE_LITE") << QByteArray("{\"e\":\"TRADE_LITE\",\"E\":1,\"s\":\"X\"}") << u"other"_s;
        QTest::newRow("no e") << QByteArray("{\"E\":1}") << u"error"_s;
    }
    void otherEvents()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, kind);
        const Expected<UserDataEvent> e = parseUserDataEvent(payloadOf(json));
        if (kind == u"error"_s) {
            QVERIFY(!e);
            return;
        }
        QVERIFY2(e, qPrintable(e ? QString() : e.error()));
        if (kind == u"config"_s)
            QVERIFY(std::holds_alternative<AccountConfigUpdate>(*e));
        if (kind == u"margincall"_s) {
            const MarginCall& m = std::get<MarginCall>(*e);
            QCOMPARE(m.positions.size(), 1);
            QCOMPARE(m.positions.at(0).maintMargin.toString(), u"1.614"_s);
        }
        if (kind == u"fill"_s)
            QVERIFY(std::get<OrderTradeUpdate>(*e).isFill());
        if (kind == u"order"_s)
            QVERIFY(!std::get<OrderTradeUpdate>(*e).isFill());
        if (kind == u"expired"_s)
            QCOMPARE(std::get<ListenKeyExpired>(*e).eventTime, 1576653824250LL);
        if (kind == u"other"_s)
            QCOMPARE(std::get<OtherEvent>(*e).type, u"TRADE_LITE"_s);
    }

    void markPrices_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("count"); // -1: refused
        QTest::newRow("one") << QByteArray(
            "{\"e\":\"markPriceUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":\"60000.10\","
            "\"ap\":\"1\",\"st\":1}")
                             << 1;
        QTest::newRow("array, COIN-M left out")
            << QByteArray("[{\"e\":\"markPriceUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":\"1\",\"st\":1},"
                          "{\"e\":\"markPriceUpdate\",\"E\":1,\"s\":\"BTCUSD_PERP\",\"p\":\"1\",\"st\":2}]")
            << 1;
        QTest::newRow("combined envelope") << QByteArray(
            "{\"stream\":\"btcusdt@markPrice@1s\",\"data\":{\"e\":\"markPriceUpdate\",\"E\":1,\"s\":\"BTCUSDT\","
            "\"p\":\"2\"}}") << 1;
        QTest::newRow("zero price") << QByteArray(
            "{\"e\":\"markPriceUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":\"0\"}")
                                    << -1;
        QTest::newRow("price a number")
            << QByteArray("{\"e\":\"markPriceUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":2}") << -1;
        QTest::newRow("another event")
            << QByteArray("{\"e\":\"kline\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":\"2\"}") << -1;
    }
    void markPrices()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, count);
        const Expected<QList<MarkPriceUpdate>> marks = parseMarkPrices(payloadOf(json));
        QCOMPARE(bool(marks), count >= 0);
        if (marks)
            QCOMPARE(marks->size(), count);
    }

    void frames_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<qint64>("answerId"); // -1: not an answer
        QTest::addColumn<bool>("refused");
        QTest::newRow("answer") << QByteArray("{\"result\":null,\"id\":7}") << true << 7LL << false;
        QTest::newRow("list answer") << QByteArray("{\"result\":[\"k\"],\"id\":3}") << true << 3LL << false;
        QTest::newRow("error answer")
            << QByteArray("{\"error\":{\"code\":2,\"msg\":\"no\"},\"id\":4}") << true << 4LL << true;
        QTest::newRow("raw event") << QByteArray("{\"e\":\"X\",\"E\":1}") << true << -1LL << false;
        QTest::newRow("not JSON") << QByteArray("{\"e\":") << false << -1LL << false;
        QTest::newRow("answer without id")
            << QByteArray("{\"result\":null,\"id\":\"x\"}") << false << -1LL << false;
    }
    void frames()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, accepted);
        QFETCH(qint64, answerId);
        QFETCH(bool, refused);
        const Expected<StreamFrame> frame = parseStreamFrame(json);
        QCOMPARE(bool(frame), accepted);
        if (!frame)
            return;
        QCOMPARE(frame->answerId.value_or(-1), answerId);
        QCOMPARE(!frame->answerError.isEmpty(), refused);
    }

    void streamBase_data()
    {
        QTest::addColumn<QString>("rest");
        QTest::addColumn<QString>("override");
        QTest::addColumn<QString>("expected"); // "" = refused
        QTest::newRow("production") << u"https://fapi.binance.com"_s << QString()
                                    << u"wss://fstream.binance.com"_s;
        QTest::newRow("demo trading")
            << u"https://demo-fapi.binance.com"_s << QString() << u"wss://demo-fstream.binance.com"_s;
        QTest::newRow("custom https")
            << u"https://example.com:8443"_s << QString() << u"wss://example.com:8443"_s;
        QTest::newRow("custom http loopback")
            << u"http://127.0.0.1:9000"_s << QString() << u"ws://127.0.0.1:9000"_s;
        QTest::newRow("override wss") << u"https://fapi.binance.com"_s << u"wss://proxy.example.com/x?y=1"_s
                                      << u"wss://proxy.example.com"_s;
        QTest::newRow("override http(s)")
            << u"https://fapi.binance.com"_s << u"https://h.example:1"_s << u"wss://h.example:1"_s;
        QTest::newRow("override ws remote")
            << u"https://fapi.binance.com"_s << u"ws://h.example"_s << QString();
        QTest::newRow("override ftp") << u"https://fapi.binance.com"_s << u"ftp://h.example"_s << QString();
        QTest::newRow("override user info")
            << u"https://fapi.binance.com"_s << u"wss://u:p@h.example"_s << QString();
        QTest::newRow("override garbage") << u"https://fapi.binance.com"_s << u"::"_s << QString();
    }
    void streamBase()
    {
        QFETCH(QString, rest);
        QFETCH(QString, override);
        QFETCH(QString, expected);
        const Expected<QUrl> base = StreamEndpoints::baseFor(QUrl(rest), override);
        QCOMPARE(base ? base->toString() : QString(), expected);
        if (!base)
            QVERIFY(!base.error().isEmpty());
    }

    void routes()
    {
        const QUrl base(u"wss://fstream.binance.com"_s);
        QCOMPARE(
            StreamEndpoints::privateWs(base, u"Key123"_s).toString(QUrl::FullyEncoded),
            u"wss://fstream.binance.com/private/ws?listenKey=Key123&events=ACCOUNT_UPDATE/ORDER_TRADE_UPDATE/"
            "MARGIN_CALL/ACCOUNT_CONFIG_UPDATE/TRADE_LITE/listenKeyExpired"_s);
        QCOMPARE(StreamEndpoints::privateStream(base).toString(),
                 u"wss://fstream.binance.com/private/stream"_s);
        QCOMPARE(StreamEndpoints::marketStream(base).toString(),
                 u"wss://fstream.binance.com/market/stream"_s);
        QCOMPARE(StreamEndpoints::markPriceStreamName(u"BTCUSDT"_s), u"btcusdt@markPrice@1s"_s);
        QVERIFY(
            !StreamEndpoints::redacted(StreamEndpoints::privateWs(base, u"Key123"_s)).contains(u"Key123"_s));
    }
};

QTEST_GUILESS_MAIN(TestStreamEvents)
#include "tst_streamevents.moc"
