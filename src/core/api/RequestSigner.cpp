#include "api/RequestSigner.h"

#include "api/Ed25519Signer.h"
#include "api/HmacSigner.h"
#include "api/RsaSigner.h"

#include <QUrl>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

struct ParsedKey
{
    EVP_PKEY* key = nullptr;
    QString error;
};

// Never prompts: a null passphrase callback makes encrypted keys fail with a recognisable error.
int refusePassphrase(char*, int, int, void*)
{
    return 0;
}

ParsedKey parsePrivateKey(QByteArrayView pem)
{
    if (pem.isEmpty())
        return {nullptr, u"the private key file is empty"_s};
    if (!pem.contains("-----BEGIN"))
        return {nullptr, u"the key is not in PEM format (expected a '-----BEGIN PRIVATE KEY-----' block)"_s};
    if (pem.contains("ENCRYPTED"))
        return {nullptr, u"the private key is encrypted with a passphrase; export it unencrypted (PKCS#8) "
                         "for marginwatch and protect the file's permissions instead"_s};
    if (pem.contains("BEGIN PUBLIC KEY") && !pem.contains("PRIVATE KEY"))
        return {nullptr,
                u"this is a public key; marginwatch needs the private key (the public one is what you "
                "register with Binance)"_s};
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    if (!bio)
        return {nullptr, u"out of memory while reading the private key"_s};
    EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, refusePassphrase, nullptr);
    BIO_free(bio);
    // The OpenSSL error queue may describe the key; drop it rather than let it surface in a log.
    ERR_clear_error();
    if (!key)
        return {nullptr, u"the private key could not be read: the PEM block is damaged or not a supported "
                         "private key"_s};
    return {key, {}};
}

std::optional<KeyType> keyTypeOf(EVP_PKEY* key)
{
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
        return KeyType::Rsa;
    case EVP_PKEY_ED25519:
        return KeyType::Ed25519;
    default:
        return std::nullopt;
    }
}

QString unsupportedKeyText()
{
    return u"unsupported key type: Binance accepts HMAC secrets, RSA and Ed25519 private keys"_s;
}

} // namespace

QString keyTypeName(KeyType type)
{
    switch (type) {
    case KeyType::Hmac:
        return u"HMAC"_s;
    case KeyType::Rsa:
        return u"RSA"_s;
    case KeyType::Ed25519:
        return u"Ed25519"_s;
    }
    return {};
}

QByteArray percentEncodeSignature(QByteArrayView base64)
{
    // Only base64's own alphabet reaches here; everything outside [A-Za-z0-9-._~] gets encoded.
    return QByteArray(base64.data(), base64.size()).toPercentEncoding();
}

KeyTypeDetection detectKeyType(QByteArrayView pem)
{
    ParsedKey parsed = parsePrivateKey(pem);
    if (!parsed.key)
        return {std::nullopt, parsed.error};
    const std::optional<KeyType> type = keyTypeOf(parsed.key);
    EVP_PKEY_free(parsed.key);
    if (!type)
        return {std::nullopt, unsupportedKeyText()};
    return {type, {}};
}

SignerResult makeSigner(KeyType type, const SecretBytes& secret)
{
    if (secret.isEmpty())
        return {nullptr,
                type == KeyType::Hmac ? u"the API secret is empty"_s : u"the private key is empty"_s};
    if (type == KeyType::Hmac) {
        if (secret.exposeSecret().contains("-----BEGIN"))
            return {nullptr,
                    u"a PEM private key was given as an HMAC secret; choose the RSA or Ed25519 key type"_s};
        return {std::make_unique<HmacSigner>(secret), {}};
    }
    ParsedKey parsed = parsePrivateKey(secret.exposeSecret());
    if (!parsed.key)
        return {nullptr, parsed.error};
    const std::optional<KeyType> actual = keyTypeOf(parsed.key);
    if (!actual) {
        EVP_PKEY_free(parsed.key);
        return {nullptr, unsupportedKeyText()};
    }
    if (*actual != type) {
        EVP_PKEY_free(parsed.key);
        return {nullptr, u"the private key is an %1 key, not %2 as configured"_s.arg(keyTypeName(*actual),
                                                                                     keyTypeName(type))};
    }
    if (type == KeyType::Rsa)
        return {std::make_unique<RsaSigner>(parsed.key), {}};
    return {std::make_unique<Ed25519Signer>(parsed.key), {}};
}

} // namespace marginwatch
