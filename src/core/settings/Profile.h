#pragma once

#include "api/ClientConfig.h"
#include "api/Credentials.h"
#include "settings/ServerKind.h"

#include <QString>
#include <QStringList>
#include <QUrl>

namespace marginwatch {

// One account the app can watch. Everything here may be written to QSettings: the API secret, the
// private key's content and the proxy password are deliberately absent (see SecretStore).
struct Profile
{
    static constexpr int kMinPollIntervalMs = 1000;
    static constexpr int kMaxPollIntervalMs = 3600000;
    static constexpr int kMinRecvWindowMs = 1;
    static constexpr int kMaxRecvWindowMs = 60000; // Binance rejects more with -1131

    QString id; // stable, QUuid without braces; the keychain entry is keyed by it
    QString name;
    ServerKind server = ServerKind::Production;
    QUrl customUrl; // only for Custom
    KeyType keyType = KeyType::Hmac;
    QString apiKey;         // not secret (sent as a header)
    QString privateKeyFile; // RSA/Ed25519: path of the PEM file; its content never goes into settings
    int pollIntervalMs = 5000;
    int recvWindowMs = 5000;
    ProxySettings::Mode proxyMode = ProxySettings::Mode::System;
    QString proxyHost;
    quint16 proxyPort = 0;
    QString proxyUser; // the proxy password is a secret: see proxyPasswordKey()
    bool live = true;  // the user-data and mark-price streams, REST reconciliation, polling as fallback
    QString streamUrl; // empty: derived from the base URL (StreamEndpoints::baseFor)

    static QString newId();

    // Binance's URL for Production and Demo Trading, customUrl for Custom, empty for the Simulator (the GUI
    // starts it and knows its port).
    QUrl baseUrl() const;
    // The proxy as the client wants it, without the password.
    ProxySettings proxy() const;
    // SecretStore key of the proxy password, so it sits next to the API secret in the keychain.
    QString proxyPasswordKey() const { return id + QStringLiteral(":proxy"); }
    // Plain-language problems, empty when the profile can be used.
    QStringList validate() const;

    bool operator==(const Profile&) const = default;
};

} // namespace marginwatch
