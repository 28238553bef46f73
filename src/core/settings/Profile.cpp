#include "settings/Profile.h"

#include "api/ApiKey.h"
#include "api/BaseUrl.h"
#include "stream/StreamEndpoints.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

void validateCustomUrl(const QUrl& url, QStringList& problems)
{
    if (url.isEmpty()) {
        problems << QCoreApplication::translate("Profile", "Enter the server URL for the custom server.");
        return;
    }
    if (!url.isValid() || url.host().isEmpty()) {
        problems << QCoreApplication::translate(
                        "Profile", "The custom server URL is not a valid URL (expected e.g. %1).")
                        .arg(BinanceUrls::futures().toString());
        return;
    }
    const QString scheme = url.scheme().toLower();
    if (scheme == u"http"_s) {
        if (!isLoopbackHost(url.host()))
            problems
                << QCoreApplication::translate(
                       "Profile",
                       "Plain http:// is allowed only for a server on this computer (localhost, 127.0.0.1, "
                       "::1). Use https:// for %1 so the API key and account data are encrypted.")
                       .arg(url.host());
    } else if (scheme != u"https"_s) {
        problems << QCoreApplication::translate("Profile", "The custom server URL must start with https://.");
    }
    // The URL is written to the settings file in clear text.
    if (!url.userInfo().isEmpty())
        problems << QCoreApplication::translate(
            "Profile", "The custom server URL must not contain a user name or password.");
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
        problems << QCoreApplication::translate(
            "Profile", "The profile has no identifier (internal error; create the profile again).");
    if (name.trimmed().isEmpty())
        problems << QCoreApplication::translate("Profile", "Give the profile a name.");
    if (server == ServerKind::Custom)
        validateCustomUrl(customUrl, problems);

    // The simulator makes up its own credentials.
    if (server != ServerKind::Simulator) {
        if (const Expected<void> key = validateApiKey(apiKey); !key)
            problems << key.error();
        if (keyType != KeyType::Hmac) {
            const QString keyName = keyType == KeyType::Rsa ? u"RSA"_s : u"Ed25519"_s;
            if (privateKeyFile.trimmed().isEmpty())
                problems << QCoreApplication::translate("Profile", "Choose the %1 private key file (PEM).")
                                .arg(keyName);
            else if (const QFileInfo info(privateKeyFile); !info.isFile() || !info.isReadable())
                problems << QCoreApplication::translate(
                                "Profile", "The private key file %1 does not exist or cannot be read.")
                                .arg(privateKeyFile);
        }
    }

    if (pollIntervalMs < kMinPollIntervalMs || pollIntervalMs > kMaxPollIntervalMs)
        problems << QCoreApplication::translate("Profile",
                                                "The refresh interval must be between 1 second and 1 hour.");
    if (recvWindowMs < kMinRecvWindowMs || recvWindowMs > kMaxRecvWindowMs)
        problems << QCoreApplication::translate(
            "Profile", "The receive window must be between 1 and 60000 ms (Binance rejects larger values).");

    if (live && !streamUrl.trimmed().isEmpty() && server != ServerKind::Simulator) {
        if (const Expected<QUrl> stream = StreamEndpoints::baseFor(baseUrl(), streamUrl); !stream)
            problems << stream.error();
    }

    if (proxyMode == ProxySettings::Mode::Http || proxyMode == ProxySettings::Mode::Socks5) {
        if (proxyHost.trimmed().isEmpty())
            problems << QCoreApplication::translate("Profile", "Enter the proxy host.");
        if (proxyPort == 0)
            problems << QCoreApplication::translate("Profile", "Enter the proxy port.");
    }
    return problems;
}

} // namespace marginwatch
