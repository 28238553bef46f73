#pragma once

#include "util/Expected.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <utility>

namespace marginwatch {

class RequestSigner;

using QueryParams = QList<std::pair<QByteArray, QByteArray>>;

struct SignedQuery
{
    QByteArray totalParams; // what was signed: params..., recvWindow, timestamp
    QByteArray query;       // totalParams + "&signature=" + signature: exactly what is sent
};

// Builds the query once, in order, with the signature last. Keys and values are percent-encoded
// before signing, so the signed bytes and the sent bytes are the same bytes. Fails only when the
// signer does (the cryptographic library is out of memory).
Expected<SignedQuery> buildSignedQuery(const QueryParams& params, qint64 timestampMs, int recvWindowMs,
                                       const RequestSigner& signer);

// Unsigned query ("a=1&b=2") with the same encoding rules.
QByteArray buildQuery(const QueryParams& params);

// base URL + path + an already-encoded query, which QUrl must keep byte for byte (StrictMode, no
// re-encoding). A base URL with a path prefix (a reverse proxy) keeps it.
QUrl requestUrl(const QUrl& baseUrl, const QString& path, const QByteArray& encodedQuery);

} // namespace marginwatch
