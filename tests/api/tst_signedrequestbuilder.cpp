#include "api/HmacSigner.h"
#include "api/SignedRequestBuilder.h"

#include <QTest>

using namespace marginwatch;
using namespace Qt::StringLiterals;

namespace {

// Records what it was asked to sign and answers with a base64-looking value full of specials.
class RecordingSigner final : public RequestSigner
{
public:
    KeyType keyType() const override { return KeyType::Ed25519; }
    QByteArray sign(QByteArrayView totalParams) const override
    {
        m_signed = totalParams.toByteArray();
        return "ab%2Bcd%2Fef%3D%3D";
    }
    mutable QByteArray m_signed;
};

} // namespace

class TestSignedRequestBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void query_data()
    {
        QTest::addColumn<QueryParams>("params");
        QTest::addColumn<QByteArray>("expectedTotalParams");
        QTest::newRow("no params") << QueryParams{} << QByteArray("recvWindow=5000&timestamp=1591702613943");
        QTest::newRow("symbol") << QueryParams{{"symbol", "BTCUSDT"}}
                                << QByteArray("symbol=BTCUSDT&recvWindow=5000&timestamp=1591702613943");
        QTest::newRow("order kept") << QueryParams{{"z", "1"}, {"a", "2"}}
                                    << QByteArray("z=1&a=2&recvWindow=5000&timestamp=1591702613943");
        QTest::newRow("encoded value") << QueryParams{{"note", "a b+c/d=e&f"}}
                                       << QByteArray("note=a%20b%2Bc%2Fd%3De%26f&recvWindow=5000&timestamp="
                                                     "1591702613943");
    }

    void query()
    {
        QFETCH(QueryParams, params);
        QFETCH(QByteArray, expectedTotalParams);
        RecordingSigner signer;
        const Expected<SignedQuery> query = buildSignedQuery(params, 1591702613943, 5000, signer);
        QVERIFY(query);
        QCOMPARE(query->totalParams, expectedTotalParams);
        // The signer saw exactly the bytes that precede the signature, and the signature is last.
        QCOMPARE(signer.m_signed, expectedTotalParams);
        QCOMPARE(query->query, expectedTotalParams + "&signature=ab%2Bcd%2Fef%3D%3D");
    }

    void publishedVectorThroughBuilder()
    {
        const HmacSigner signer(
            SecretBytes("2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9"));
        const QueryParams params{{"symbol", "BTCUSDT"}, {"side", "BUY"},   {"type", "LIMIT"},
                                 {"quantity", "1"},     {"price", "9000"}, {"timeInForce", "GTC"}};
        const Expected<SignedQuery> query = buildSignedQuery(params, 1591702613943, 5000, signer);
        QCOMPARE(query->query,
                 QByteArray("symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&"
                            "recvWindow=5000&timestamp=1591702613943&signature="
                            "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9"));
    }

    void urlKeepsQueryBytes_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("expectedPrefix");
        QTest::newRow("production") << u"https://fapi.binance.com"_s
                                    << u"https://fapi.binance.com/fapi/v3/account"_s;
        QTest::newRow("trailing slash")
            << u"https://fapi.binance.com/"_s << u"https://fapi.binance.com/fapi/v3/account"_s;
        QTest::newRow("loopback port")
            << u"http://127.0.0.1:8123"_s << u"http://127.0.0.1:8123/fapi/v3/account"_s;
        QTest::newRow("path prefix") << u"https://proxy.example/binance/"_s
                                     << u"https://proxy.example/binance/fapi/v3/account"_s;
    }

    void urlKeepsQueryBytes()
    {
        QFETCH(QString, base);
        QFETCH(QString, expectedPrefix);
        const QByteArray query = "recvWindow=5000&timestamp=1&signature=ab%2Bcd%2Fef%3D%3D";
        const QUrl url = requestUrl(QUrl(base), u"/fapi/v3/account"_s, query);
        QCOMPARE(url.toEncoded(), expectedPrefix.toLatin1() + '?' + query);
        QCOMPARE(url.query(QUrl::FullyEncoded).toLatin1(), query);
    }

    void unsignedQuery()
    {
        QCOMPARE(buildQuery({}), QByteArray());
        QCOMPARE(buildQuery({{"symbol", "BTCUSDT"}, {"limit", "5"}}), QByteArray("symbol=BTCUSDT&limit=5"));
    }
};

QTEST_GUILESS_MAIN(TestSignedRequestBuilder)
#include "tst_signedrequestbuilder.moc"
