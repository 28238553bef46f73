#include "gui/EnvironmentInfo.h"

#include <QCoreApplication>

namespace marginwatch {

using namespace Qt::StringLiterals;

EnvironmentInfo EnvironmentInfo::forUrl(const QUrl& url)
{
    EnvironmentInfo info;
    info.url = url;
    info.kind = url.host() == u"fapi.binance.com"_s ? Kind::Production : Kind::Custom;
    return info;
}

QString EnvironmentInfo::badgeText() const
{
    switch (kind) {
    case Kind::Production:
        return tr("PRODUCTION");
    case Kind::Demo:
        return tr("DEMO");
    case Kind::Custom:
        return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    }
    return {};
}

QString EnvironmentInfo::badgeToolTip() const
{
    switch (kind) {
    case Kind::Production:
        return tr("Real money: this window watches your Binance production account.");
    case Kind::Demo:
        return tr(
            "Demo mode: a built-in simulator of the exchange on this computer. No real account is involved.");
    case Kind::Custom:
        return tr("A custom endpoint, not Binance production.");
    }
    return {};
}

} // namespace marginwatch
