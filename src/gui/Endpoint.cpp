#include "gui/Endpoint.h"

#include "api/BaseUrl.h"

namespace marginwatch {

using namespace Qt::StringLiterals;

Endpoint Endpoint::forUrl(const QUrl& url)
{
    Endpoint endpoint;
    endpoint.url = url;
    endpoint.kind = BinanceUrls::isProductionFutures(url) ? ServerKind::Production : ServerKind::Custom;
    return endpoint;
}

QString Endpoint::badgeText() const
{
    switch (kind) {
    case ServerKind::Production:
        return tr("PRODUCTION");
    case ServerKind::Simulator:
        return tr("DEMO");
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
    case ServerKind::Simulator:
        return tr(
            "Demo mode: a built-in simulator of the exchange on this computer. No real account is involved.");
    case ServerKind::Custom:
        return tr("A custom endpoint, not Binance production.");
    }
    return {};
}

} // namespace marginwatch
