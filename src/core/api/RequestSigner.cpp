#include "api/RequestSigner.h"

#include "api/Ed25519Signer.h"
#include "api/HmacSigner.h"
#include "api/PrivateKeyFile.h"
#include "api/RsaSigner.h"

#include <QCoreApplication>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace marginwatch {

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

Expected<std::unique_ptr<RequestSigner>> makeSigner(KeyType type, const SecretBytes& secret)
{
    if (secret.isEmpty())
        return failure(type == KeyType::Hmac
                           ? QCoreApplication::translate("RequestSigner", "the API secret is empty")
                           : QCoreApplication::translate("RequestSigner", "the private key is empty"));
    if (type == KeyType::Hmac) {
        if (secret.exposeSecret().contains("-----BEGIN"))
            return failure(QCoreApplication::translate(
                "RequestSigner",
                "a PEM private key was given as an HMAC secret; choose the RSA or Ed25519 key type"));
        return std::make_unique<HmacSigner>(secret);
    }
    Expected<PrivateKeyHandle> key = parsePrivateKeyPem(secret.exposeSecret());
    if (!key)
        return failure(key.error());
    const Expected<KeyType> actual = keyTypeOf(key->get());
    if (!actual)
        return failure(actual.error());
    if (*actual != type) {
        return failure(
            QCoreApplication::translate("RequestSigner", "the private key is an %1 key, not %2 as configured")
                .arg(keyTypeName(*actual), keyTypeName(type)));
    }
    if (type == KeyType::Rsa)
        return std::make_unique<RsaSigner>(key->release());
    return std::make_unique<Ed25519Signer>(key->release());
}

} // namespace marginwatch
