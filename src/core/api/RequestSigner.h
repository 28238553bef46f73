#pragma once

#include "api/Credentials.h"
#include "util/Expected.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

namespace marginwatch {

// Signs Binance's totalParams (the query string as sent, plus the body, which is empty for GET).
// The result is ready to append as "&signature=<result>": hex for HMAC, percent-encoded base64 for
// RSA and Ed25519, so the caller never re-encodes it.
class RequestSigner
{
public:
    RequestSigner() = default;
    virtual ~RequestSigner() = default;
    Q_DISABLE_COPY_MOVE(RequestSigner)

    virtual KeyType keyType() const = 0;
    // Empty only if the cryptographic library fails (out of memory); a request is then not sent.
    virtual QByteArray sign(QByteArrayView totalParams) const = 0;
};

// HMAC: `secret` is the API secret as Binance shows it. RSA / Ed25519: `secret` is the PEM of the
// unencrypted private key (PKCS#8 or traditional); its type must match `type`.
Expected<std::unique_ptr<RequestSigner>> makeSigner(KeyType type, const SecretBytes& secret);

// Base64 signature bytes as they must appear in a query: '+', '/' and '=' percent-encoded.
QByteArray percentEncodeSignature(QByteArrayView base64);

// Not toString(): QTest would pick it up by ADL for QCOMPARE and expects a char* from it.
QString keyTypeName(KeyType type);

} // namespace marginwatch
