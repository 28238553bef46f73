#include "api/SignedRequestBuilder.h"

#include "api/RequestSigner.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

void appendParam(QByteArray& out, QByteArrayView key, QByteArrayView value)
{
    if (!out.isEmpty())
        out += '&';
    out += QByteArray(key.data(), key.size()).toPercentEncoding();
    out += '=';
    out += QByteArray(value.data(), value.size()).toPercentEncoding();
}

} // namespace

QByteArray buildQuery(const QueryParams& params)
{
    QByteArray out;
    for (const auto& [key, value] : params)
        appendParam(out, key, value);
    return out;
}

Expected<SignedQuery> buildSignedQuery(const QueryParams& params, qint64 timestampMs, int recvWindowMs,
                                       const RequestSigner& signer)
{
    SignedQuery result;
    result.totalParams = buildQuery(params);
    appendParam(result.totalParams, "recvWindow", QByteArray::number(recvWindowMs));
    appendParam(result.totalParams, "timestamp", QByteArray::number(timestampMs));
    const QByteArray signature = signer.sign(result.totalParams);
    if (signature.isEmpty())
        return failure(QCoreApplication::translate(
            "SignedRequestBuilder", "the request could not be signed (the cryptographic library failed)"));
    result.query = result.totalParams + "&signature=" + signature;
    return result;
}

QUrl requestUrl(const QUrl& baseUrl, const QString& path, const QByteArray& encodedQuery)
{
    QUrl url = baseUrl;
    QString prefix = baseUrl.path();
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    url.setPath(prefix + path);
    url.setFragment(QString());
    if (encodedQuery.isEmpty())
        url.setQuery(QString());
    else
        url.setQuery(QString::fromLatin1(encodedQuery), QUrl::StrictMode);
    return url;
}

} // namespace marginwatch
