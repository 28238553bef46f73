#pragma once

#include "api/SecretBytes.h"

#include <QString>

namespace marginwatch {

enum class KeyType
{
    Hmac,
    Rsa,
    Ed25519
};

// What a signed request needs. The API key itself is not secret (it is sent in a header), the
// secret / private key is: it lives only in SecretBytes and is never logged or printed.
struct Credentials
{
    QString apiKey;
    KeyType keyType = KeyType::Hmac;
    SecretBytes secret; // HMAC secret, or the PEM of an RSA / Ed25519 private key

    bool isEmpty() const { return apiKey.isEmpty() || secret.isEmpty(); }
};

} // namespace marginwatch
