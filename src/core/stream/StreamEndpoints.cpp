#include "stream/StreamEndpoints.h"

#include "api/BaseUrl.h"

#include <QCoreApplication>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

// tr() in the context "StreamEndpoints", the one lupdate records for Text::tr calls.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(StreamEndpoints)
};

} // namespace

QUrl StreamEndpoints::production()
{
    return QUrl(u"wss://fstream.binance.com"_s);
}

QUrl StreamEndpoints::demo()
{
    return QUrl(u"wss://demo-fstream.binance.com"_s);
}

Expected<QUrl> StreamEndpoints::baseFor(const QUrl& restBaseUrl, const QString& overrideUrl)
{
    if (overrideUrl.trimmed().isEmpty()) {
        if (restBaseUrl.host().compare(BinanceUrls::futures().host(), Qt::CaseInsensitive) == 0)
            return production();
        if (restBaseUrl.host().compare(BinanceUrls::demoFutures().host(), Qt::CaseInsensitive) == 0)
            return demo();
    }
    QUrl url = overrideUrl.trimmed().isEmpty() ? restBaseUrl : QUrl(overrideUrl.trimmed());
    if (!url.isValid() || url.host().isEmpty())
        return failure(
            Text::tr("the stream URL is not a valid URL (expected e.g. %1)").arg(production().toString()));
    if (!url.userInfo().isEmpty())
        return failure(Text::tr("the stream URL must not contain a user name or password"));
    const QString scheme = url.scheme().toLower();
    if (scheme == u"https"_s || scheme == u"wss"_s)
        url.setScheme(u"wss"_s);
    else if (scheme == u"http"_s || scheme == u"ws"_s)
        url.setScheme(u"ws"_s);
    else
        return failure(
            Text::tr("the stream URL must start with wss:// (it starts with %1://)").arg(url.scheme()));
    if (url.scheme() == u"ws"_s && !isLoopbackHost(url.host()))
        return failure(
            Text::tr("plain ws:// is accepted only for this computer; use wss:// for %1").arg(url.host()));
    // Routes are added to the host: a path, query or fragment of the base would only be lost.
    url.setPath(QString());
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QStringList StreamEndpoints::userDataEvents()
{
    return {u"ACCOUNT_UPDATE"_s,        u"ORDER_TRADE_UPDATE"_s, u"MARGIN_CALL"_s,
            u"ACCOUNT_CONFIG_UPDATE"_s, u"TRADE_LITE"_s,         u"listenKeyExpired"_s};
}

QUrl StreamEndpoints::privateWs(const QUrl& base, const QString& listenKey)
{
    QUrl url = base;
    url.setPath(u"/private/ws"_s);
    // The slashes between event names stay literal, as in Binance's own example.
    url.setQuery(u"listenKey=%1&events=%2"_s.arg(QString::fromLatin1(QUrl::toPercentEncoding(listenKey)),
                                                 userDataEvents().join(u'/')),
                 QUrl::StrictMode);
    return url;
}

QUrl StreamEndpoints::privateStream(const QUrl& base)
{
    QUrl url = base;
    url.setPath(u"/private/stream"_s);
    return url;
}

QUrl StreamEndpoints::marketStream(const QUrl& base)
{
    QUrl url = base;
    url.setPath(u"/market/stream"_s);
    return url;
}

QString StreamEndpoints::markPriceStreamName(const QString& symbol)
{
    return symbol.toLower() + u"@markPrice@1s"_s;
}

QString StreamEndpoints::redacted(const QUrl& url)
{
    QUrl copy = url;
    QUrlQuery query(copy);
    if (query.hasQueryItem(u"listenKey"_s)) {
        query.removeAllQueryItems(u"listenKey"_s);
        query.addQueryItem(u"listenKey"_s, u"…"_s);
        copy.setQuery(query);
    }
    return copy.toString(QUrl::RemoveUserInfo);
}

} // namespace marginwatch
