#include "stream/StreamProxy.h"

#include "api/BaseUrl.h"

#include <QNetworkProxyFactory>
#include <QNetworkProxyQuery>

using namespace Qt::StringLiterals;

namespace marginwatch {

QNetworkProxy streamProxyFor(const ProxySettings& settings, const QUrl& streamBase)
{
    switch (settings.mode) {
    case ProxySettings::Mode::System: {
        if (isLoopbackHost(streamBase.host()))
            return QNetworkProxy(QNetworkProxy::NoProxy);
        // The system proxy is configured per http/https: a wss stream goes where https goes.
        QUrl asHttp = streamBase;
        asHttp.setScheme(streamBase.scheme() == u"ws"_s ? u"http"_s : u"https"_s);
        const QList<QNetworkProxy> proxies =
            QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(asHttp));
        return proxies.isEmpty() ? QNetworkProxy(QNetworkProxy::NoProxy) : proxies.constFirst();
    }
    case ProxySettings::Mode::None:
        return QNetworkProxy(QNetworkProxy::NoProxy);
    case ProxySettings::Mode::Http:
    case ProxySettings::Mode::Socks5:
        break;
    }
    // An HTTP proxy carries the WebSocket through CONNECT, as it carries https.
    const auto type =
        settings.mode == ProxySettings::Mode::Http ? QNetworkProxy::HttpProxy : QNetworkProxy::Socks5Proxy;
    return QNetworkProxy(type, settings.host, settings.port, settings.user,
                         QString::fromUtf8(settings.password.exposeSecret()));
}

} // namespace marginwatch
