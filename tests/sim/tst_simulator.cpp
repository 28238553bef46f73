#include "model/Decimal.h"
#include "sim/SimFaultPlan.h"
#include "sim/SimulatorServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

using namespace Qt::StringLiterals;
using namespace marginwatch;

namespace {

const QString kKey = u"SimTestKey0123456789abcdef"_s;
const QByteArray kSecret = "sim-test-secret";

struct Response
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QByteArray retryAfter;
    int weight = -1;
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    int code() const { return json().object().value(u"code"_s).toInt(); }
};

QByteArray hmacHex(const QByteArray& secret, const QByteArray& data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret.constData(), int(secret.size()),
         reinterpret_cast<const unsigned char*>(data.constData()), size_t(data.size()), digest, &length);
    return QByteArray(reinterpret_cast<const char*>(digest), int(length)).toHex();
}

struct KeyPair
{
    EVP_PKEY* key = nullptr;
    ~KeyPair() { EVP_PKEY_free(key); }
    QByteArray publicPem() const
    {
        BIO* bio = BIO_new(BIO_s_mem());
        PEM_write_bio_PUBKEY(bio, key);
        char* data = nullptr;
        const long size = BIO_get_mem_data(bio, &data);
        QByteArray pem(data, int(size));
        BIO_free(bio);
        return pem;
    }
    QByteArray sign(const QByteArray& data) const
    {
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        const EVP_MD* md = EVP_PKEY_get_id(key) == EVP_PKEY_ED25519 ? nullptr : EVP_sha256();
        size_t length = 0;
        EVP_DigestSignInit(ctx, nullptr, md, nullptr, key);
        EVP_DigestSign(ctx, nullptr, &length, reinterpret_cast<const unsigned char*>(data.constData()),
                       size_t(data.size()));
        QByteArray signature(qsizetype(length), Qt::Uninitialized);
        EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &length,
                       reinterpret_cast<const unsigned char*>(data.constData()), size_t(data.size()));
        EVP_MD_CTX_free(ctx);
        signature.resize(qsizetype(length));
        return signature.toBase64().toPercentEncoding();
    }
};

std::unique_ptr<KeyPair> generateKey(int type)
{
    auto pair = std::make_unique<KeyPair>();
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_id(type, nullptr);
    EVP_PKEY_keygen_init(ctx);
    if (type == EVP_PKEY_RSA)
        EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, 2048);
    EVP_PKEY_keygen(ctx, &pair->key);
    EVP_PKEY_CTX_free(ctx);
    return pair;
}

Decimal dec(const QJsonValue& value)
{
    const auto d = Decimal::parse(QStringView(value.toString()));
    if (!d)
        qFatal("not a decimal: %s", qPrintable(value.toString()));
    return *d;
}

Decimal sum(const Decimal& a, const Decimal& b)
{
    return *a.plus(b);
}

} // namespace

class TestSimulator : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QString path = u"/fapi/v3/account"_s;
        QByteArray apiKey = kKey.toLatin1();
        bool sendKey = true;
        bool sign = true;
        QByteArray secret = kSecret;
        const KeyPair* keyPair = nullptr;
        qint64 timestampOffsetMs = 0;
        bool sendTimestamp = true;
        QByteArray extra; // e.g. "recvWindow=70000"
    };

    static Request requestTo(const QString& path)
    {
        Request r;
        r.path = path;
        return r;
    }

    Response get(SimulatorServer& sim, const Request& r)
    {
        QByteArray query = r.extra;
        if (r.sendTimestamp) {
            if (!query.isEmpty())
                query += '&';
            query +=
                "timestamp=" + QByteArray::number(QDateTime::currentMSecsSinceEpoch() + r.timestampOffsetMs);
        }
        if (r.sign)
            query += "&signature=" + (r.keyPair ? r.keyPair->sign(query) : hmacHex(r.secret, query));
        QUrl url = sim.baseUrl();
        url.setPath(r.path);
        if (!query.isEmpty())
            url.setQuery(QString::fromLatin1(query), QUrl::TolerantMode);
        QNetworkRequest request(url);
        if (r.sendKey)
            request.setRawHeader("X-MBX-APIKEY", r.apiKey);
        QNetworkReply* reply = m_network.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(20000))
            qFatal("no reply");
        Response out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        out.contentType = reply->rawHeader("Content-Type");
        out.retryAfter = reply->rawHeader("Retry-After");
        bool ok = false;
        out.weight = reply->rawHeader("x-mbx-used-weight-1m").toInt(&ok);
        if (!ok)
            out.weight = -1;
        reply->deleteLater();
        return out;
    }

private Q_SLOTS:
    void acceptsCorrectlySignedHmacRequest();
    void authErrors_data();
    void authErrors();
    void acceptsRsaAndEd25519Keys_data();
    void acceptsRsaAndEd25519Keys();
    void weightHeader_countsPerEndpoint();
    void singleAsset_totalsAreUsdtOnly();
    void multiAssets_totalsAreUsdAcrossAssets();
    void hedge_listsLongAndShort();
    void positions_areConsistent();
    void tick_movesMarkPrices();
    void faultPlan_parses_data();
    void faultPlan_parses();
    void faults_data();
    void faults();
    void fault_onNthRequestOnly();
    void ban_coversEveryRequestUntilItEnds();
    void slow_delaysWithoutBlocking();
    void skew_shiftsServerClock();

private:
    std::unique_ptr<SimulatorServer> startSim(SimScenario scenario = SimScenario::Single, int positions = 3)
    {
        SimOptions options;
        options.scenario = scenario;
        options.positions = positions;
        options.tickIntervalMs = 0;
        options.slowDelayMs = 300;
        auto sim = std::make_unique<SimulatorServer>(options);
        if (!sim->listen(0))
            qFatal("listen failed");
        sim->addHmacKey(kKey, kSecret);
        return sim;
    }

    QNetworkAccessManager m_network;
};

void TestSimulator::acceptsCorrectlySignedHmacRequest()
{
    auto sim = startSim();
    const Response r = get(*sim, {});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.contentType, "application/json"_ba);
    QVERIFY(r.json().object().contains(u"totalWalletBalance"_s));
    QCOMPARE(sim->signedRequestCount(), 1);

    Request upper;
    upper.extra = "recvWindow=10000";
    // Binance accepts the hex signature in either case.
    const QByteArray query =
        "recvWindow=10000&timestamp=" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
    QUrl url = sim->baseUrl();
    url.setPath(u"/fapi/v3/account"_s);
    url.setQuery(QString::fromLatin1(query + "&signature=" + hmacHex(kSecret, query).toUpper()));
    QNetworkRequest request(url);
    request.setRawHeader("X-MBX-APIKEY", kKey.toLatin1());
    QNetworkReply* reply = m_network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
}

void TestSimulator::authErrors_data()
{
    QTest::addColumn<int>("field"); // which Request field to break
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("code");
    QTest::newRow("no API key header") << 0 << 401 << -2014;
    QTest::newRow("malformed API key") << 1 << 401 << -2014;
    QTest::newRow("unknown API key") << 2 << 401 << -2015;
    QTest::newRow("wrong secret") << 3 << 400 << -1022;
    QTest::newRow("no timestamp") << 4 << 400 << -1102;
    QTest::newRow("recvWindow over 60000") << 5 << 400 << -1131;
    QTest::newRow("timestamp too old") << 6 << 400 << -1021;
    QTest::newRow("timestamp too far ahead") << 7 << 400 << -1021;
    QTest::newRow("no signature") << 8 << 400 << -1102;
    QTest::newRow("signature of other params") << 9 << 400 << -1022;
}

void TestSimulator::authErrors()
{
    QFETCH(int, field);
    QFETCH(int, status);
    QFETCH(int, code);
    auto sim = startSim();
    Request r;
    switch (field) {
    case 0:
        r.sendKey = false;
        break;
    case 1:
        r.apiKey = "not a key!";
        break;
    case 2:
        r.apiKey = "UnknownKey42";
        break;
    case 3:
        r.secret = "wrong";
        break;
    case 4:
        r.sendTimestamp = false;
        r.extra = "recvWindow=5000";
        break;
    case 5:
        r.extra = "recvWindow=70000";
        break;
    case 6:
        r.timestampOffsetMs = -6000;
        break;
    case 7:
        r.timestampOffsetMs = 1500;
        break;
    case 8:
        r.sign = false;
        break;
    case 9:
        r.keyPair = nullptr;
        r.extra = "symbol=BTCUSDT";
        r.secret = kSecret;
        break;
    }
    Response response;
    if (field == 9) {
        // Sign one query, send another: the signature must cover the bytes actually sent.
        const QByteArray signedPart = "timestamp=" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
        QUrl url = sim->baseUrl();
        url.setPath(u"/fapi/v3/account"_s);
        url.setQuery(QString::fromLatin1("symbol=ETHUSDT&" + signedPart
                                         + "&signature=" + hmacHex(kSecret, "symbol=BTCUSDT&" + signedPart)));
        QNetworkRequest request(url);
        request.setRawHeader("X-MBX-APIKEY", kKey.toLatin1());
        QNetworkReply* reply = m_network.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.body = reply->readAll();
        reply->deleteLater();
    } else {
        response = get(*sim, r);
    }
    QCOMPARE(response.status, status);
    QCOMPARE(response.code(), code);
    QVERIFY(!response.json().object().value(u"msg"_s).toString().isEmpty());
}

void TestSimulator::acceptsRsaAndEd25519Keys_data()
{
    QTest::addColumn<int>("type");
    QTest::newRow("RSA") << int(EVP_PKEY_RSA);
    QTest::newRow("Ed25519") << int(EVP_PKEY_ED25519);
}

void TestSimulator::acceptsRsaAndEd25519Keys()
{
    QFETCH(int, type);
    auto sim = startSim();
    const auto key = generateKey(type);
    const auto other = generateKey(type);
    sim->addPublicKey(u"AsymmetricKey1"_s, key->publicPem());
    QVERIFY2(sim->errorString().isEmpty(), qPrintable(sim->errorString()));

    Request good;
    good.apiKey = "AsymmetricKey1";
    good.keyPair = key.get();
    good.extra = "recvWindow=5000";
    QCOMPARE(get(*sim, good).status, 200);

    Request wrong = good;
    wrong.keyPair = other.get(); // a different private key
    const Response refused = get(*sim, wrong);
    QCOMPARE(refused.status, 400);
    QCOMPARE(refused.code(), -1022);
}

void TestSimulator::weightHeader_countsPerEndpoint()
{
    auto sim = startSim();
    Request time;
    time.path = u"/fapi/v1/time"_s;
    time.sign = false;
    time.sendTimestamp = false;
    const int first = get(*sim, time).weight;
    QVERIFY(first >= 1);
    QCOMPARE(get(*sim, {}).weight, first + 5); // account: weight 5
    Request risk;
    risk.path = u"/fapi/v3/positionRisk"_s;
    QCOMPARE(get(*sim, risk).weight, first + 10); // positionRisk: 5
    QCOMPARE(get(*sim, time).weight, first + 11); // time: 1
    Request refused;
    refused.secret = "wrong";
    QCOMPARE(get(*sim, refused).weight, first + 16); // refused requests cost weight too
}

void TestSimulator::singleAsset_totalsAreUsdtOnly()
{
    auto sim = startSim(SimScenario::Single, 4);
    const QJsonObject account = get(*sim, {}).json().object();
    const QJsonArray assets = account.value(u"assets"_s).toArray();
    QCOMPARE(assets.size(), 2);
    const QJsonObject usdt = assets.at(0).toObject();
    const QJsonObject usdc = assets.at(1).toObject();
    QCOMPARE(usdt.value(u"asset"_s).toString(), u"USDT"_s);
    QCOMPARE(usdc.value(u"asset"_s).toString(), u"USDC"_s);
    QVERIFY(dec(usdc.value(u"walletBalance"_s)).signum() > 0); // listed and funded...
    // ...but not summed: every total is the USDT asset's figure.
    QCOMPARE(dec(account.value(u"totalWalletBalance"_s)), dec(usdt.value(u"walletBalance"_s)));
    QCOMPARE(dec(account.value(u"totalMarginBalance"_s)), dec(usdt.value(u"marginBalance"_s)));
    QCOMPARE(dec(account.value(u"totalMaintMargin"_s)), dec(usdt.value(u"maintMargin"_s)));
    QCOMPARE(dec(account.value(u"availableBalance"_s)), dec(usdt.value(u"availableBalance"_s)));
    QVERIFY(dec(account.value(u"totalWalletBalance"_s))
            != sum(dec(usdt.value(u"walletBalance"_s)), dec(usdc.value(u"walletBalance"_s))));

    const QJsonObject config = get(*sim, requestTo(u"/fapi/v1/accountConfig"_s)).json().object();
    QCOMPARE(config.value(u"multiAssetsMargin"_s).toBool(), false);
    QCOMPARE(config.value(u"dualSidePosition"_s).toBool(), false);
}

void TestSimulator::multiAssets_totalsAreUsdAcrossAssets()
{
    auto sim = startSim(SimScenario::Multi, 3);
    const QJsonObject account = get(*sim, {}).json().object();
    const QJsonArray assets = account.value(u"assets"_s).toArray();
    QCOMPARE(assets.size(), 3);
    // USD value: USDT and USDC at 1, BTC at the demo index price of 60000.
    Decimal expected;
    for (const QJsonValue& a : assets) {
        const QJsonObject asset = a.toObject();
        Decimal wallet = dec(asset.value(u"walletBalance"_s));
        if (asset.value(u"asset"_s).toString() == u"BTC"_s) {
            // 60000 x wallet, exactly: doubling and adding (60000 = 2^15 + 2^14 + ... bits), no double.
            Decimal value;
            Decimal power = wallet;
            for (unsigned n = 60000; n != 0; n >>= 1) {
                if (n & 1U)
                    value = sum(value, power);
                power = sum(power, power);
            }
            wallet = value;
        }
        expected = sum(expected, wallet);
    }
    QCOMPARE(dec(account.value(u"totalWalletBalance"_s)), expected);
    QVERIFY(dec(account.value(u"totalWalletBalance"_s))
            > dec(assets.at(0).toObject().value(u"walletBalance"_s)));
    QCOMPARE(
        dec(account.value(u"totalMarginBalance"_s)),
        sum(dec(account.value(u"totalWalletBalance"_s)), dec(account.value(u"totalUnrealizedProfit"_s))));
    const QJsonObject config = get(*sim, requestTo(u"/fapi/v1/accountConfig"_s)).json().object();
    QCOMPARE(config.value(u"multiAssetsMargin"_s).toBool(), true);
}

void TestSimulator::hedge_listsLongAndShort()
{
    auto sim = startSim(SimScenario::Hedge, 4);
    const QJsonArray positions = get(*sim, {}).json().object().value(u"positions"_s).toArray();
    QCOMPARE(positions.size(), 4);
    QHash<QString, QStringList> sides;
    for (const QJsonValue& p : positions)
        sides[p[u"symbol"_s].toString()].append(p[u"positionSide"_s].toString());
    for (auto it = sides.cbegin(); it != sides.cend(); ++it)
        QCOMPARE(it.value(), (QStringList{u"LONG"_s, u"SHORT"_s}));
    QCOMPARE(get(*sim, requestTo(u"/fapi/v1/accountConfig"_s)).json()[u"dualSidePosition"_s].toBool(), true);
}

void TestSimulator::positions_areConsistent()
{
    auto sim = startSim(SimScenario::Single, 5);
    for (int i = 0; i < 5; ++i)
        sim->tick();
    const QJsonObject account = get(*sim, {}).json().object();
    const QJsonArray risk = get(*sim, requestTo(u"/fapi/v3/positionRisk"_s)).json().array();
    const QJsonArray positions = account.value(u"positions"_s).toArray();
    QCOMPARE(risk.size(), positions.size());
    Decimal totalPnl;
    Decimal totalMaint;
    for (qsizetype i = 0; i < positions.size(); ++i) {
        const QJsonObject p = positions.at(i).toObject();
        const QJsonObject r = risk.at(i).toObject();
        QCOMPARE(p[u"symbol"_s], r[u"symbol"_s]);
        QCOMPARE(dec(p[u"unrealizedProfit"_s]), dec(r[u"unRealizedProfit"_s]));
        QCOMPARE(dec(p[u"notional"_s]), dec(r[u"notional"_s]));
        // PnL sign follows (mark - entry) x amount.
        const double expectedSign = (dec(r[u"markPrice"_s]).toDouble() - dec(r[u"entryPrice"_s]).toDouble())
                                    * dec(r[u"positionAmt"_s]).toDouble();
        QCOMPARE(dec(p[u"unrealizedProfit"_s]).signum(), expectedSign > 0 ? 1 : (expectedSign < 0 ? -1 : 0));
        totalPnl = sum(totalPnl, dec(p[u"unrealizedProfit"_s]));
        totalMaint = sum(totalMaint, dec(p[u"maintMargin"_s]));
    }
    QCOMPARE(dec(account[u"totalUnrealizedProfit"_s]), totalPnl);
    QCOMPARE(dec(account[u"totalMaintMargin"_s]), totalMaint);
    QCOMPARE(dec(account[u"totalMarginBalance"_s]),
             sum(dec(account[u"totalWalletBalance"_s]), dec(account[u"totalUnrealizedProfit"_s])));
    const QJsonArray symbols = get(*sim, requestTo(u"/fapi/v1/symbolConfig"_s)).json().array();
    QCOMPARE(symbols.size(), positions.size());
    QVERIFY(symbols.at(0)[u"leverage"_s].toInt() > 0);
}

void TestSimulator::tick_movesMarkPrices()
{
    auto sim = startSim(SimScenario::Single, 3);
    const QByteArray before = get(*sim, requestTo(u"/fapi/v3/positionRisk"_s)).body;
    for (int i = 0; i < 10; ++i)
        sim->tick();
    const QByteArray after = get(*sim, requestTo(u"/fapi/v3/positionRisk"_s)).body;
    QVERIFY(before != after);
}

void TestSimulator::faultPlan_parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("request");
    QTest::addColumn<int>("expectedKind"); // -1: no fault on that request
    QTest::newRow("empty") << QString() << true << 1 << -1;
    QTest::newRow("every") << u"500"_s << true << 7 << int(SimFault::Kind::ServerError);
    QTest::newRow("nth hit") << u"429@3,slow@5"_s << true << 3 << int(SimFault::Kind::RateLimit);
    QTest::newRow("nth miss") << u"429@3,slow@5"_s << true << 4 << -1;
    QTest::newRow("second rule") << u"429@3,slow@5"_s << true << 5 << int(SimFault::Kind::Slow);
    QTest::newRow("param") << u"418:2@1"_s << true << 1 << int(SimFault::Kind::Ban);
    QTest::newRow("skew only") << u"skew=-4000"_s << true << 1 << -1;
    QTest::newRow("unknown") << u"404"_s << false << 1 << -1;
    QTest::newRow("bad n") << u"500@0"_s << false << 1 << -1;
    QTest::newRow("bad skew") << u"skew=soon"_s << false << 1 << -1;
}

void TestSimulator::faultPlan_parses()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(int, request);
    QFETCH(int, expectedKind);
    QString error;
    const auto plan = SimFaultPlan::parse(text, &error);
    QCOMPARE(plan.has_value(), valid);
    QCOMPARE(error.isEmpty(), valid);
    if (!plan)
        return;
    const auto fault = plan->faultFor(request);
    QCOMPARE(fault ? int(fault->kind) : -1, expectedKind);
    if (text == u"skew=-4000"_s)
        QCOMPARE(plan->clockSkewMs(), -4000);
}

void TestSimulator::faults_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("code");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<bool>("validJson");
    QTest::newRow("429") << u"429"_s << 429 << "application/json"_ba << -1003 << "2"_ba << true;
    QTest::newRow("429 with wait") << u"429:7"_s << 429 << "application/json"_ba << -1003 << "7"_ba << true;
    QTest::newRow("418") << u"418:3"_s << 418 << "application/json"_ba << -1003 << "3"_ba << true;
    QTest::newRow("500") << u"500"_s << 500 << "application/json"_ba << -1000 << QByteArray() << true;
    QTest::newRow("502 html") << u"502"_s << 502 << "text/html"_ba << 0 << QByteArray() << false;
    QTest::newRow("503") << u"503"_s << 503 << "application/json"_ba << -1001 << QByteArray() << true;
    QTest::newRow("truncated") << u"truncated"_s << 200 << "application/json"_ba << 0 << QByteArray()
                               << false;
    QTest::newRow("badjson") << u"badjson"_s << 200 << "application/json"_ba << 0 << QByteArray() << false;
    QTest::newRow("missingfield") << u"missingfield"_s << 200 << "application/json"_ba << 0 << QByteArray()
                                  << true;
    QTest::newRow("empty") << u"empty"_s << 200 << "application/json"_ba << 0 << QByteArray() << false;
}

void TestSimulator::faults()
{
    QFETCH(QString, plan);
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(int, code);
    QFETCH(QByteArray, retryAfter);
    QFETCH(bool, validJson);
    auto sim = startSim();
    QVERIFY(sim->setFaults(plan));
    const Response r = get(*sim, {});
    QCOMPARE(r.status, status);
    QCOMPARE(r.contentType, contentType);
    QCOMPARE(r.retryAfter, retryAfter);
    QVERIFY(r.weight > 0); // every response carries the weight header, faults included
    QJsonParseError error;
    QJsonDocument::fromJson(r.body, &error);
    QCOMPARE(error.error == QJsonParseError::NoError, validJson);
    if (code != 0)
        QCOMPARE(r.code(), code);
    if (plan == u"missingfield"_s) {
        QVERIFY(!r.json().object().contains(u"totalMarginBalance"_s));
        QVERIFY(r.json().object().contains(u"totalWalletBalance"_s));
    }
    if (plan == u"418:3"_s)
        QVERIFY(r.json()[u"msg"_s].toString().contains(u"banned until"_s));
}

void TestSimulator::fault_onNthRequestOnly()
{
    auto sim = startSim();
    QVERIFY(sim->setFaults(u"500@2"_s));
    QCOMPARE(get(*sim, {}).status, 200);
    QCOMPARE(get(*sim, {}).status, 500);
    QCOMPARE(get(*sim, {}).status, 200);
    Request time = requestTo(u"/fapi/v1/time"_s);
    time.sign = false;
    time.sendTimestamp = false;
    QCOMPARE(get(*sim, time).status, 200); // unsigned requests are not counted
    QCOMPARE(sim->signedRequestCount(), 3);
}

void TestSimulator::ban_coversEveryRequestUntilItEnds()
{
    auto sim = startSim();
    QVERIFY(sim->setFaults(u"418:1@1"_s));
    QCOMPARE(get(*sim, {}).status, 418);
    Request time = requestTo(u"/fapi/v1/time"_s);
    time.sign = false;
    time.sendTimestamp = false;
    QCOMPARE(get(*sim, time).status, 418); // even unsigned ones, as for a real IP ban
    QTRY_COMPARE_WITH_TIMEOUT(get(*sim, time).status, 200, 5000);
}

void TestSimulator::slow_delaysWithoutBlocking()
{
    auto sim = startSim();
    QVERIFY(sim->setFaults(u"slow:400@1"_s));
    QElapsedTimer timer;
    timer.start();
    QUrl url = sim->baseUrl();
    url.setPath(u"/fapi/v1/time"_s);
    // While the slow reply is held, the server still answers other requests.
    QNetworkReply* fast = nullptr;
    Request r;
    QByteArray query = "timestamp=" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
    QUrl slowUrl = sim->baseUrl();
    slowUrl.setPath(u"/fapi/v3/account"_s);
    slowUrl.setQuery(QString::fromLatin1(query + "&signature=" + hmacHex(kSecret, query)));
    QNetworkRequest slowRequest(slowUrl);
    slowRequest.setRawHeader("X-MBX-APIKEY", kKey.toLatin1());
    QNetworkReply* slow = m_network.get(slowRequest);
    QTest::qWait(50);
    fast = m_network.get(QNetworkRequest(url));
    QSignalSpy fastDone(fast, &QNetworkReply::finished);
    QSignalSpy slowDone(slow, &QNetworkReply::finished);
    QVERIFY(fastDone.wait(5000));
    QCOMPARE(slowDone.count(), 0);
    QVERIFY(slowDone.wait(5000));
    QVERIFY(timer.elapsed() >= 400);
    QCOMPARE(slow->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    fast->deleteLater();
    slow->deleteLater();
}

void TestSimulator::skew_shiftsServerClock()
{
    auto sim = startSim();
    Request time = requestTo(u"/fapi/v1/time"_s);
    time.sign = false;
    time.sendTimestamp = false;
    QVERIFY(sim->setFaults(u"skew=8000"_s));
    const qint64 local = QDateTime::currentMSecsSinceEpoch();
    const qint64 server = qint64(get(*sim, time).json()[u"serverTime"_s].toDouble());
    QVERIFY2(server - local >= 7000 && server - local <= 9500, qPrintable(QString::number(server - local)));
    // A client that ignores the offset is now 8 s behind: outside the 5 s window.
    QCOMPARE(get(*sim, {}).code(), -1021);
    sim->setClockSkewMs(0);
    QCOMPARE(get(*sim, {}).status, 200);
}

QTEST_GUILESS_MAIN(TestSimulator)
#include "tst_simulator.moc"
