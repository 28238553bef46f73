#include "settings/Profile.h"

#include "api/ApiKey.h"
#include "api/BaseUrl.h"

#include <QFileInfo>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

void validateCustomUrl(const QUrl& url, QStringList& problems)
{
    if (url.isEmpty()) {
        problems << u"Enter the server URL for the custom server."_s;
        return;
    }
    if (!url.isValid() || url.host().isEmpty()) {
        problems << u"The custom server URL is not a valid URL (expected e.g. %1)."_s.arg(
            BinanceUrls::futures().toString());
        return;
    }
    const QString scheme = url.scheme().toLower();
    if (scheme == u"http"_s) {
        if (!isLoopbackHost(url.host()))
            problems << u"Plain http:// is allowed only for a server on this computer (localhost, 127.0.0.1, "
                        "::1). Use https:// for %1 so the API key and account data are encrypted."_s.arg(
                            url.host());
    } else if (scheme != u"https"_s) {
        problems << u"The custom server URL must start with https://."_s;
    }
    // The URL is written to the settings file in clear text.
    if (!url.userInfo().isEmpty())
        problems << u"The custom server URL must not contain a user name or password."_s;
}

} // namespace

QString Profile::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QUrl Profile::baseUrl() const
{
    switch (server) {
    case ServerKind::Production:
        return BinanceUrls::futures();
    case ServerKind::DemoTrading:
        return BinanceUrls::demoFutures();
    case ServerKind::Custom:
        return customUrl;
    case ServerKind::Simulator:
        break;
    }
    return {};
}

ProxySettings Profile::proxy() const
{
    ProxySettings proxy;
    proxy.mode = proxyMode;
    proxy.host = proxyHost;
    proxy.port = proxyPort;
    proxy.user = proxyUser;
    return proxy;
}

QStringList Profile::validate() const
{
    QStringList problems;
    if (id.trimmed().isEmpty())
        problems << u"The profile has no identifier (internal error; create the profile again)."_s;
    if (name.trimmed().isEmpty())
        problems << u"Give the profile a name."_s;
    if (server == ServerKind::Custom)
        validateCustomUrl(customUrl, problems);

    // The simulator makes up its own credentials.
    if (server != ServerKind::Simulator) {
        if (const Expected<void> key = validateApiKey(apiKey); !key)
            problems << key.error();
        if (keyType != KeyType::Hmac) {
            const QString keyName = keyType == KeyType::Rsa ? u"RSA"_s : u"Ed25519"_s;
            if (privateKeyFile.trimmed().isEmpty())
                problems << u"Choose the %1 private key file (PEM)."_s.arg(keyName);
            else if (const QFileInfo info(privateKeyFile); !info.isFile() || !info.isReadable())
                problems << u"The private key file %1 does not exist or cannot be read."_s.arg(
                    privateKeyFile);
        }
    }

    if (pollIntervalMs < kMinPollIntervalMs || pollIntervalMs > kMaxPollIntervalMs)
        problems << u"The refresh interval must be between 1 second and 1 hour."_s;
    if (recvWindowMs < kMinRecvWindowMs || recvWindowMs > kMaxRecvWindowMs)
        problems << u"The receive window must be between 1 and 60000 ms (Binance rejects larger values)."_s;

    if (proxyMode == ProxySettings::Mode::Http || proxyMode == ProxySettings::Mode::Socks5) {
        if (proxyHost.trimmed().isEmpty())
            problems << u"Enter the proxy host."_s;
        if (proxyPort == 0)
            problems << u"Enter the proxy port."_s;
    }
    return problems;
}

} // namespace marginwatch
