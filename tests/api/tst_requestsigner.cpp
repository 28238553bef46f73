#include "api/Ed25519Signer.h"
#include "api/HmacSigner.h"
#include "api/PrivateKeyFile.h"
#include "api/RequestSigner.h"
#include "api/RsaSigner.h"

#include <QTest>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

using namespace marginwatch;
using namespace Qt::StringLiterals;

namespace {

QByteArray decodeSignature(const QByteArray& queryValue)
{
    return QByteArray::fromBase64(QByteArray::fromPercentEncoding(queryValue),
                                  QByteArray::AbortOnBase64DecodingErrors);
}

QByteArray toPem(EVP_PKEY* key, bool privateKey)
{
    BIO* bio = BIO_new(BIO_s_mem());
    const int ok = privateKey ? PEM_write_bio_PKCS8PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr)
                              : PEM_write_bio_PUBKEY(bio, key);
    QByteArray pem;
    if (ok == 1) {
        char* data = nullptr;
        const long length = BIO_get_mem_data(bio, &data);
        pem = QByteArray(data, static_cast<qsizetype>(length));
    }
    BIO_free(bio);
    return pem;
}

QByteArray encryptedPem(EVP_PKEY* key)
{
    BIO* bio = BIO_new(BIO_s_mem());
    char pass[] = "passphrase";
    PEM_write_bio_PKCS8PrivateKey(bio, key, EVP_aes_256_cbc(), pass, static_cast<int>(sizeof pass - 1),
                                  nullptr, nullptr);
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, static_cast<qsizetype>(length));
    BIO_free(bio);
    return pem;
}

EVP_PKEY* generate(const char* algorithm, int rsaBits = 0)
{
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, algorithm, nullptr);
    EVP_PKEY* key = nullptr;
    if (ctx && EVP_PKEY_keygen_init(ctx) == 1) {
        if (rsaBits > 0)
            EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, rsaBits);
        EVP_PKEY_generate(ctx, &key);
    }
    EVP_PKEY_CTX_free(ctx);
    return key;
}

bool verify(EVP_PKEY* key, const EVP_MD* md, const QByteArray& message, const QByteArray& signature)
{
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    const bool ok = EVP_DigestVerifyInit(ctx, nullptr, md, nullptr, key) == 1
                    && EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.constData()),
                                        static_cast<size_t>(signature.size()),
                                        reinterpret_cast<const unsigned char*>(message.constData()),
                                        static_cast<size_t>(message.size()))
                           == 1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

} // namespace

class TestRequestSigner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hmac_publishedBinanceVector()
    {
        const HmacSigner signer(
            SecretBytes("2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9"));
        const QByteArray params = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&"
                                  "recvWindow=5000&timestamp=1591702613943";
        QCOMPARE(signer.sign(params),
                 QByteArray("3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9"));
        QCOMPARE(signer.keyType(), KeyType::Hmac);
    }

    void hmac_viaFactory()
    {
        const auto result = makeSigner(
            KeyType::Hmac, SecretBytes("2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9"));
        QVERIFY2(result, qPrintable(result ? QString() : result.error()));
        QCOMPARE((*result)->sign("timestamp=1"),
                 HmacSigner(SecretBytes("2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff"
                                        "7059765ed9821957d82bb4d9"))
                     .sign("timestamp=1"));
    }

    void ed25519_rfc8032_data()
    {
        QTest::addColumn<QByteArray>("seedHex");
        QTest::addColumn<QByteArray>("messageHex");
        QTest::addColumn<QByteArray>("signatureHex");
        QTest::newRow("TEST 1")
            << QByteArray("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60") << QByteArray()
            << QByteArray("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                          "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        QTest::newRow("TEST 2") << QByteArray(
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")
                                << QByteArray("72")
                                << QByteArray(
                                       "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                                       "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        QTest::newRow("TEST 3") << QByteArray(
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7")
                                << QByteArray("af82")
                                << QByteArray(
                                       "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
                                       "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a");
    }

    void ed25519_rfc8032()
    {
        QFETCH(QByteArray, seedHex);
        QFETCH(QByteArray, messageHex);
        QFETCH(QByteArray, signatureHex);
        const QByteArray seed = QByteArray::fromHex(seedHex);
        const QByteArray message = QByteArray::fromHex(messageHex);

        EVP_PKEY* key = EVP_PKEY_new_raw_private_key(
            EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(seed.constData()), 32);
        QVERIFY(key);
        const QByteArray pem = toPem(key, true);
        QVERIFY(!pem.isEmpty());

        // Directly from the raw key, and through the PEM path the application uses.
        const Ed25519Signer direct(key);
        QCOMPARE(decodeSignature(direct.sign(message)).toHex(), signatureHex);

        QCOMPARE(detectKeyType(pem).value_or(KeyType::Hmac), KeyType::Ed25519);
        const auto fromPem = makeSigner(KeyType::Ed25519, SecretBytes(pem));
        QVERIFY2(fromPem, qPrintable(fromPem ? QString() : fromPem.error()));
        QCOMPARE(decodeSignature((*fromPem)->sign(message)).toHex(), signatureHex);
    }

    void rsa_signThenVerify()
    {
        EVP_PKEY* key = generate("RSA", 2048);
        QVERIFY(key);
        const QByteArray pem = toPem(key, true);
        QCOMPARE(detectKeyType(pem).value_or(KeyType::Hmac), KeyType::Rsa);
        const auto result = makeSigner(KeyType::Rsa, SecretBytes(pem));
        QVERIFY2(result, qPrintable(result ? QString() : result.error()));

        const QByteArray params = "recvWindow=5000&timestamp=1591702613943";
        const QByteArray encoded = (*result)->sign(params);
        const QByteArray signature = decodeSignature(encoded);
        QCOMPARE(signature.size(), 256);
        QVERIFY(verify(key, EVP_sha256(), params, signature));
        QVERIFY(!verify(key, EVP_sha256(), params + "1", signature));
        // PKCS#1 v1.5 is deterministic: the same input signs to the same bytes.
        QCOMPARE((*result)->sign(params), encoded);
        EVP_PKEY_free(key);
    }

    void percentEncoding_data()
    {
        QTest::addColumn<QByteArray>("base64");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("plus") << QByteArray("a+b") << QByteArray("a%2Bb");
        QTest::newRow("slash") << QByteArray("a/b") << QByteArray("a%2Fb");
        QTest::newRow("padding") << QByteArray("ab==") << QByteArray("ab%3D%3D");
        QTest::newRow("all three") << QByteArray("+/=") << QByteArray("%2B%2F%3D");
        QTest::newRow("plain") << QByteArray("AZaz09") << QByteArray("AZaz09");
    }

    void percentEncoding()
    {
        QFETCH(QByteArray, base64);
        QFETCH(QByteArray, expected);
        QCOMPARE(percentEncodeSignature(base64), expected);
    }

    void signaturesNeverCarryRawBase64Specials()
    {
        // Over many messages an Ed25519 base64 signature contains '+', '/' and '=' (always '=' padding).
        EVP_PKEY* key = generate("ED25519");
        QVERIFY(key);
        const Ed25519Signer signer(key);
        for (int i = 0; i < 50; ++i) {
            const QByteArray message = "timestamp=" + QByteArray::number(i);
            const QByteArray encoded = signer.sign(message);
            QVERIFY(!encoded.contains('+') && !encoded.contains('/') && !encoded.contains('='));
            QVERIFY(encoded.endsWith("%3D%3D"));
        }
    }

    void secretBytesMoveLeavesNoCopy()
    {
        SecretBytes first(QByteArray("move-me-secret"));
        const char* buffer = first.exposeSecret().constData();
        SecretBytes second(std::move(first));
        QVERIFY(first.isEmpty());
        QCOMPARE(second.exposeSecret().constData(), buffer); // the same bytes, not a copy of them
        QVERIFY(second.exposeSecret().isDetached());         // and their only owner: wipe() scrubs them
        SecretBytes third;
        third = std::move(second);
        QVERIFY(second.isEmpty());
        QCOMPARE(third.exposeSecret().constData(), buffer);
        third.wipe();
        QVERIFY(third.isEmpty());
    }

    void badKeys_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QByteArray>("pem");
        QTest::addColumn<QString>("errorPart");
        EVP_PKEY* ed = generate("ED25519");
        EVP_PKEY* ec = generate("EC");
        if (ec == nullptr) { // EC keygen needs a curve: build one explicitly
            EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
            EVP_PKEY_keygen_init(ctx);
            EVP_PKEY_CTX_set_group_name(ctx, "P-256");
            EVP_PKEY_generate(ctx, &ec);
            EVP_PKEY_CTX_free(ctx);
        }
        const QByteArray edPem = toPem(ed, true);
        QTest::newRow("empty") << int(KeyType::Ed25519) << QByteArray() << u"empty"_s;
        QTest::newRow("not pem") << int(KeyType::Rsa) << QByteArray("hello") << u"not in PEM format"_s;
        QTest::newRow("damaged") << int(
            KeyType::Ed25519) << QByteArray("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
                                 << u"could not be read"_s;
        QTest::newRow("encrypted") << int(KeyType::Ed25519) << encryptedPem(ed) << u"encrypted"_s;
        QTest::newRow("public key") << int(KeyType::Ed25519) << toPem(ed, false) << u"public key"_s;
        QTest::newRow("unsupported EC") << int(KeyType::Rsa) << toPem(ec, true) << u"unsupported key type"_s;
        QTest::newRow("type mismatch") << int(KeyType::Rsa) << edPem << u"is an Ed25519 key, not RSA"_s;
        QTest::newRow("pem as hmac") << int(KeyType::Hmac) << edPem << u"choose the RSA or Ed25519"_s;
        EVP_PKEY_free(ed);
        EVP_PKEY_free(ec);
    }

    void badKeys()
    {
        QFETCH(int, type);
        QFETCH(QByteArray, pem);
        QFETCH(QString, errorPart);
        const auto result = makeSigner(KeyType(type), SecretBytes(pem));
        QVERIFY(!result);
        QVERIFY2(result.error().contains(errorPart), qPrintable(result.error()));
        // Never an echo of the key itself.
        QVERIFY(!result.error().contains(u"BEGIN"_s) || errorPart.contains(u"PEM"_s));
        if (type != int(KeyType::Hmac) && !pem.isEmpty() && !errorPart.contains(u"mismatch"_s)
            && !errorPart.contains(u"not RSA"_s))
            QVERIFY(!detectKeyType(pem).has_value());
    }
};

QTEST_GUILESS_MAIN(TestRequestSigner)
#include "tst_requestsigner.moc"
