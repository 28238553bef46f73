#include "api/BinanceNetworkAccessManager.h"

#include <QNetworkRequest>

#include <utility>

namespace marginwatch {

BinanceNetworkAccessManager::BinanceNetworkAccessManager(QByteArray apiKey, QObject* parent)
    : QNetworkAccessManager(parent)
    , m_apiKey(std::move(apiKey))
{}

QNetworkReply* BinanceNetworkAccessManager::createRequest(Operation op, const QNetworkRequest& request,
                                                          QIODevice* outgoingData)
{
    QNetworkRequest signedRequest(request);
    if (!m_apiKey.isEmpty() && request.attribute(kApiKeyAttribute).toBool())
        signedRequest.setRawHeader("X-MBX-APIKEY", m_apiKey);
    signedRequest.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("marginwatch/" MARGINWATCH_VERSION));
    return QNetworkAccessManager::createRequest(op, signedRequest, outgoingData);
}

} // namespace marginwatch
