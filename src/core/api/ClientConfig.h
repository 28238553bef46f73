#pragma once

#include "api/Credentials.h"
#include "api/SecretBytes.h"

#include <QString>
#include <QUrl>

#include <chrono>

namespace marginwatch {

struct ProxySettings
{
    enum class Mode
    {
        System,
        None,
        Http,
        Socks5
    };
    Mode mode = Mode::System;
    QString host;
    quint16 port = 0;
    QString user;
    SecretBytes password;
};

// What one account's client needs to talk to its host. Holds the secret: pass it on with std::move
// so that the client ends up its only owner (see SecretBytes).
struct ClientConfig
{
    QUrl baseUrl; // https://fapi.binance.com, or http://127.0.0.1:PORT for loopback only
    Credentials credentials;
    int recvWindowMs = 5000;                      // validated <= 60000
    std::chrono::milliseconds pollInterval{5000}; // minimum 1 s
    std::chrono::milliseconds transferTimeout{10000};
    ProxySettings proxy;
};

} // namespace marginwatch
