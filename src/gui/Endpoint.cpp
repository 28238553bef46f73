#include "gui/Endpoint.h"

#include "api/BaseUrl.h"

namespace marginwatch {

using namespace Qt::StringLiterals;

Endpoint Endpoint::forUrl(const QUrl& url)
{
    Endpoint endpoint;
    endpoint.url = url;
    if (BinanceUrls::isProductionFutures(url))
        endpoint.kind = ServerKind::Production;
    else if (url.scheme() == u"https"_s && url.host() == BinanceUrls::demoFutures().host())
        endpoint.kind = ServerKind::DemoTrading;
    else
        endpoint.kind = ServerKind::Custom;
    return endpoint;
}

QString Endpoint::badgeText() const
{
    switch (kind) {
    case ServerKind::Production:
        return tr("PRODUCTION");
    case ServerKind::DemoTrading:
        return tr("BINANCE DEMO TRADING");
    case ServerKind::Simulator:
        return tr("SIMULATOR");
    case ServerKind::Custom:
        return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    }
    return {};
}

QString Endpoint::badgeToolTip() const
{
    switch (kind) {
    case ServerKind::Production:
        return tr("Real money: this window watches your Binance production account.");
    case ServerKind::DemoTrading:
        return tr("Binance Demo Trading (%1): Binance's own practice environment with play money and its own "
                  "API keys. Not your real account.")
            .arg(url.host());
    case ServerKind::Simulator:
        return tr(
            "The simulator built into marginwatch: a made-up account on this computer, no exchange and no "
            "real account involved. Add your account to watch a real one.");
    case ServerKind::Custom:
        return tr("A custom endpoint, not Binance production.");
    }
    return {};
}

} // namespace marginwatch
