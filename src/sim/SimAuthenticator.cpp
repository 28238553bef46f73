#include "sim/SimAuthenticator.h"

#include <QUrlQuery>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

namespace marginwatch {

using namespace Qt::StringLiterals;

struct SimAuthenticator::Key
{
    QByteArray hmacSecret;         // HMAC keys
    EVP_PKEY* publicKey = nullptr; // RSA / Ed25519 keys

    ~Key()
    {
        EVP_PKEY_free(publicKey);
        OPENSSL_cleanse(hmacSecret.data(), static_cast<size_t>(hmacSecret.size()));
    }
};

namespace {

bool isWellFormedApiKey(const QByteArray& key)
{
    if (key.isEmpty() || key.size() > 128)
        return false;
    for (char c : key) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return false;
    }
    return true;
}

QByteArray hmacSha256Hex(const QByteArray& secret, const QByteArray& data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret.constData(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(data.constData()), static_cast<size_t>(data.size()), digest,
         &length);
    return QByteArray(reinterpret_cast<const char*>(digest), static_cast<qsizetype>(length)).toHex();
}

bool verifyAsymmetric(EVP_PKEY* key, const QByteArray& data, const QByteArray& signature)
{
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    // Ed25519 signs the message itself (no separate digest); RSA here is PKCS#1 v1.5 over SHA-256.
    const EVP_MD* md = EVP_PKEY_get_id(key) == EVP_PKEY_ED25519 ? nullptr : EVP_sha256();
    bool ok = EVP_DigestVerifyInit(ctx, nullptr, md, nullptr, key) == 1
              && EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.constData()),
                                  static_cast<size_t>(signature.size()),
                                  reinterpret_cast<const unsigned char*>(data.constData()),
                                  static_cast<size_t>(data.size()))
                     == 1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

} // namespace

SimAuthenticator::SimAuthenticator() = default;
SimAuthenticator::~SimAuthenticator() = default;

SimAuthenticator::Verdict SimAuthenticator::error(int httpStatus, int code, const QString& message)
{
    return Verdict{httpStatus, code, message};
}

void SimAuthenticator::addHmacKey(const QString& apiKey, const QByteArray& secret)
{
    auto key = std::make_shared<Key>();
    key->hmacSecret = secret;
    m_keys.insert(apiKey, key);
}

bool SimAuthenticator::addPublicKey(const QString& apiKey, const QByteArray& publicKeyPem)
{
    BIO* bio = BIO_new_mem_buf(publicKeyPem.constData(), static_cast<int>(publicKeyPem.size()));
    EVP_PKEY* pkey = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (!pkey)
        return false;
    const int id = EVP_PKEY_get_id(pkey);
    if (id != EVP_PKEY_RSA && id != EVP_PKEY_ED25519) {
        EVP_PKEY_free(pkey);
        return false;
    }
    auto key = std::make_shared<Key>();
    key->publicKey = pkey;
    m_keys.insert(apiKey, key);
    return true;
}

SimAuthenticator::Verdict SimAuthenticator::checkKey(const QByteArray& apiKeyHeader) const
{
    if (!isWellFormedApiKey(apiKeyHeader))
        return error(401, -2014, u"API-key format invalid."_s);
    if (!m_keys.contains(QString::fromLatin1(apiKeyHeader)))
        return error(401, -2015, u"Invalid API-key, IP, or permissions for action."_s);
    return {};
}

SimAuthenticator::Verdict SimAuthenticator::verify(const QByteArray& apiKeyHeader, const QByteArray& rawQuery,
                                                   const QByteArray& body, qint64 serverTimeMs) const
{
    if (const Verdict keyVerdict = checkKey(apiKeyHeader); !keyVerdict.accepted())
        return keyVerdict;
    const auto found = m_keys.constFind(QString::fromLatin1(apiKeyHeader));

    const QUrlQuery query(QString::fromLatin1(rawQuery));
    const QString timestampText = query.queryItemValue(u"timestamp"_s);
    bool ok = false;
    const qint64 timestamp = timestampText.toLongLong(&ok);
    if (!ok)
        return error(400, -1102,
                     u"Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed."_s);

    qint64 recvWindow = 5000;
    if (query.hasQueryItem(u"recvWindow"_s)) {
        recvWindow = query.queryItemValue(u"recvWindow"_s).toLongLong(&ok);
        if (!ok || recvWindow <= 0)
            return error(400, -1102,
                         u"Mandatory parameter 'recvWindow' was not sent, was empty/null, or "
                         "malformed."_s);
        if (recvWindow > 60000)
            return error(400, -1131, u"recvWindow must be less than 60000"_s);
    }

    // The signature covers the total params exactly as sent: everything before "&signature=".
    const QByteArray marker = "signature=";
    const qsizetype at = rawQuery.lastIndexOf(marker);
    if (at < 0 || (at > 0 && rawQuery.at(at - 1) != '&'))
        return error(400, -1102,
                     u"Mandatory parameter 'signature' was not sent, was empty/null, or malformed."_s);
    const QByteArray totalParams = rawQuery.left(at > 0 ? at - 1 : 0) + body;
    const QByteArray sent = rawQuery.mid(at + marker.size());
    if (sent.isEmpty() || sent.contains('&'))
        return error(400, -1102,
                     u"Mandatory parameter 'signature' was not sent, was empty/null, or malformed."_s);

    const Key& key = **found;
    bool valid = false;
    if (key.publicKey) {
        const QByteArray decoded = QByteArray::fromBase64(QByteArray::fromPercentEncoding(sent),
                                                          QByteArray::AbortOnBase64DecodingErrors);
        valid = !decoded.isEmpty() && verifyAsymmetric(key.publicKey, totalParams, decoded);
    } else {
        const QByteArray expected = hmacSha256Hex(key.hmacSecret, totalParams);
        const QByteArray given = sent.toLower();
        valid =
            given.size() == expected.size()
            && CRYPTO_memcmp(given.constData(), expected.constData(), static_cast<size_t>(given.size())) == 0;
    }
    if (!valid)
        return error(400, -1022, u"Signature for this request is not valid."_s);

    if (timestamp >= serverTimeMs + 1000 || serverTimeMs - timestamp > recvWindow)
        return error(400, -1021, u"Timestamp for this request is outside of the recvWindow."_s);
    return {};
}

} // namespace marginwatch
