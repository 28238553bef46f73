#include "cli/EnvironmentCredentials.h"

#include <QDir>
#include <QFile>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr qint64 kMaxKeyFileBytes = 64 * 1024;

const QString kKeyVariable = u"BINANCE_API_KEY"_s;
const QString kSecretVariable = u"BINANCE_API_SECRET"_s;
const QString kKeyFileVariable = u"BINANCE_PRIVATE_KEY_FILE"_s;

// Only the key's algorithm is read; the key itself stays in SecretBytes and is parsed again by the
// signer. nullopt for anything that is not an unencrypted RSA or Ed25519 private key.
std::optional<KeyType> detectKeyType(const QByteArray& pem)
{
    BIO* bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    if (!bio)
        return std::nullopt;
    // A null password callback result makes encrypted keys fail instead of prompting on the tty.
    EVP_PKEY* key = PEM_read_bio_PrivateKey(
        bio, nullptr, [](char*, int, int, void*) { return 0; }, nullptr);
    BIO_free(bio);
    if (!key)
        return std::nullopt;
    std::optional<KeyType> type;
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
        type = KeyType::Rsa;
        break;
    case EVP_PKEY_ED25519:
        type = KeyType::Ed25519;
        break;
    default:
        break;
    }
    EVP_PKEY_free(key);
    return type;
}

EnvironmentCredentials failure(const QString& message)
{
    return EnvironmentCredentials{std::nullopt, message};
}

} // namespace

EnvironmentCredentials credentialsFromEnvironment(const QProcessEnvironment& environment)
{
    const QString apiKey = environment.value(kKeyVariable).trimmed();
    const bool hasSecret = !environment.value(kSecretVariable).isEmpty();
    const QString keyFile = environment.value(kKeyFileVariable);

    if (apiKey.isEmpty()) {
        return failure(u"no credentials: set %1 together with %2 (HMAC) or %3 (RSA/Ed25519 PEM)"_s.arg(
            kKeyVariable, kSecretVariable, kKeyFileVariable));
    }
    if (hasSecret && !keyFile.isEmpty())
        return failure(u"set either %1 or %2, not both"_s.arg(kSecretVariable, kKeyFileVariable));

    Credentials credentials;
    credentials.apiKey = apiKey;
    if (hasSecret) {
        credentials.keyType = KeyType::Hmac;
        credentials.secret = SecretBytes(environment.value(kSecretVariable).trimmed().toUtf8());
        return EnvironmentCredentials{credentials, {}};
    }
    if (keyFile.isEmpty()) {
        return failure(
            u"%1 is set but neither %2 nor %3 is"_s.arg(kKeyVariable, kSecretVariable, kKeyFileVariable));
    }

    QFile file(keyFile);
    if (!file.open(QIODevice::ReadOnly)) {
        return failure(u"cannot read the private key file %1 (%2): %3"_s.arg(
            QDir::toNativeSeparators(keyFile), kKeyFileVariable, file.errorString()));
    }
    SecretBytes pem(file.read(kMaxKeyFileBytes + 1));
    if (pem.exposeSecret().size() > kMaxKeyFileBytes)
        return failure(u"%1 is too large to be a private key"_s.arg(QDir::toNativeSeparators(keyFile)));
    const std::optional<KeyType> type = detectKeyType(pem.exposeSecret());
    if (!type) {
        return failure(u"%1 is not an unencrypted PEM RSA or Ed25519 private key"_s.arg(
            QDir::toNativeSeparators(keyFile)));
    }
    credentials.keyType = *type;
    credentials.secret = pem;
    return EnvironmentCredentials{credentials, {}};
}

} // namespace marginwatch
