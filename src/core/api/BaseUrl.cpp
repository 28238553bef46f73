#include "api/BaseUrl.h"

#include <QCoreApplication>
#include <QHostAddress>

using namespace Qt::StringLiterals;

namespace marginwatch {

QUrl BinanceUrls::futures()
{
    return QUrl(u"https://fapi.binance.com"_s);
}

QUrl BinanceUrls::demoFutures()
{
    return QUrl(u"https://demo-fapi.binance.com"_s);
}

QUrl BinanceUrls::spot()
{
    return QUrl(u"https://api.binance.com"_s);
}

bool BinanceUrls::isProductionFutures(const QUrl& url)
{
    return url.scheme() == u"https"_s && url.host().compare(futures().host(), Qt::CaseInsensitive) == 0;
}

bool isLoopbackHost(const QString& host)
{
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

Expected<void> validateBaseUrl(const QUrl& url)
{
    if (!url.isValid() || url.host().isEmpty())
        return failure(
            QCoreApplication::translate("BaseUrl", "the base URL is not a valid URL (expected e.g. %1)")
                .arg(BinanceUrls::futures().toString()));
    const QString scheme = url.scheme().toLower();
    if (scheme == u"http"_s) {
        if (!isLoopbackHost(url.host()))
            return failure(
                QCoreApplication::translate(
                    "BaseUrl",
                    "plain http:// is accepted only for this computer (127.0.0.1, ::1, localhost); use "
                    "https:// for %1 so the API key and account data are encrypted")
                    .arg(url.host()));
    } else if (scheme != u"https"_s) {
        return failure(QCoreApplication::translate(
                           "BaseUrl", "the base URL must start with https:// (it starts with %1://)")
                           .arg(url.scheme()));
    }
    if (!url.userInfo().isEmpty())
        return failure(QCoreApplication::translate(
            "BaseUrl", "the base URL must not contain a user name or password (credentials do not belong in "
                       "a URL)"));
    return {};
}

} // namespace marginwatch
