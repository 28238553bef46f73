#pragma once

#include "api/Credentials.h"
#include "util/Expected.h"

#include <QByteArrayView>
#include <QString>

#include <memory>

// OpenSSL stays out of headers: only its opaque key type is named.
struct evp_pkey_st;

namespace marginwatch {

struct PrivateKeyDeleter
{
    void operator()(evp_pkey_st* key) const;
};
using PrivateKeyHandle = std::unique_ptr<evp_pkey_st, PrivateKeyDeleter>;

// The PEM of an RSA or Ed25519 private key, with the type read from it.
struct PrivateKeyPem
{
    KeyType type = KeyType::Rsa;
    SecretBytes pem;
};

// Every way a private key reaches marginwatch (BINANCE_PRIVATE_KEY_FILE, a profile's key file, the
// signer) passes these, so every path gives the same plain-language errors (not PEM, encrypted, a
// public key, unsupported algorithm) and none echoes key material.

// Parses an unencrypted PEM private key (PKCS#8 or traditional) without ever prompting.
Expected<PrivateKeyHandle> parsePrivateKeyPem(QByteArrayView pem);
// Rsa or Ed25519; anything else is an error.
Expected<KeyType> keyTypeOf(const evp_pkey_st* key);
Expected<KeyType> detectKeyType(QByteArrayView pem);

// Reads and checks a key file: a regular file only (a FIFO or a device would block or never end;
// checked on the opened descriptor, so the file cannot be swapped after the check), at most
// kMaxPrivateKeyFileBytes, unbuffered so that no copy stays behind in a buffer. Errors name the file.
inline constexpr qint64 kMaxPrivateKeyFileBytes = 64 * 1024;
Expected<PrivateKeyPem> readPrivateKeyFile(const QString& path);

} // namespace marginwatch
