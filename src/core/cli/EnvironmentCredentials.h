#pragma once

#include "api/Credentials.h"

#include <QProcessEnvironment>
#include <QString>

#include <optional>

namespace marginwatch {

// Credentials of a headless run, from the environment only (a secret on the command line would be
// visible to every user through ps and /proc):
//   BINANCE_API_KEY + BINANCE_API_SECRET        HMAC
//   BINANCE_API_KEY + BINANCE_PRIVATE_KEY_FILE  PEM of an RSA or Ed25519 private key (type detected)
struct EnvironmentCredentials
{
    std::optional<Credentials> credentials;
    // One line saying what is missing or wrong; never contains secret material.
    QString error;

    bool ok() const { return credentials.has_value(); }
};

EnvironmentCredentials credentialsFromEnvironment(const QProcessEnvironment& environment);

} // namespace marginwatch
