#pragma once

#include <QByteArray>
#include <QNetworkAccessManager>

namespace marginwatch {

// Every request of a client passes createRequest() (Zeal's pattern): the one place that adds
// X-MBX-APIKEY and the User-Agent, so no code path can forget the key header or add it twice.
class BinanceNetworkAccessManager final : public QNetworkAccessManager
{
    Q_OBJECT
public:
    explicit BinanceNetworkAccessManager(QByteArray apiKey, QObject* parent = nullptr);

protected:
    QNetworkReply* createRequest(Operation op, const QNetworkRequest& request,
                                 QIODevice* outgoingData) override;

private:
    QByteArray m_apiKey; // not a secret (it travels in a header), but still never logged
};

} // namespace marginwatch
