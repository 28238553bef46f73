#pragma once

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QNetworkRequest>

namespace marginwatch {

// Every request of a client passes createRequest() (Zeal's pattern): the one place that adds
// X-MBX-APIKEY and the User-Agent, so no code path can forget the key header or add it twice. The key
// goes only on requests marked with kApiKeyAttribute (the ones Binance authenticates): a public
// request has no business telling a server, or anything in between, which account asks.
class BinanceNetworkAccessManager final : public QNetworkAccessManager
{
    Q_OBJECT
public:
    static constexpr QNetworkRequest::Attribute kApiKeyAttribute = QNetworkRequest::User;

    explicit BinanceNetworkAccessManager(QByteArray apiKey, QObject* parent = nullptr);

protected:
    QNetworkReply* createRequest(Operation op, const QNetworkRequest& request,
                                 QIODevice* outgoingData) override;

private:
    QByteArray m_apiKey; // not a secret (it travels in a header), but still never logged
};

} // namespace marginwatch
