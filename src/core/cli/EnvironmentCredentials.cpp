#include "cli/EnvironmentCredentials.h"

#include "api/ApiKey.h"
#include "api/PrivateKeyFile.h"
#include "api/ProcessHardening.h"

#include <openssl/crypto.h>

#include <cstdlib>
#include <cstring>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr char kKeyVariable[] = "BINANCE_API_KEY";
constexpr char kSecretVariable[] = "BINANCE_API_SECRET";
constexpr char kKeyFileVariable[] = "BINANCE_PRIVATE_KEY_FILE";

// The variables as read, before any check. `secret` is empty when the variable is unset or empty.
struct Variables
{
    QString apiKey;
    SecretBytes secret;
    QString keyFile;
};

Expected<Credentials> credentialsFrom(Variables variables)
{
    const QString key = QString::fromLatin1(kKeyVariable);
    const QString secret = QString::fromLatin1(kSecretVariable);
    const QString keyFile = QString::fromLatin1(kKeyFileVariable);
    // Surrounding white space is how shells and files hand values over (a trailing newline); white
    // space inside the key is what validateApiKey() refuses.
    const QString apiKey = variables.apiKey.trimmed();
    if (apiKey.isEmpty())
        return failure(u"no credentials: set %1 together with %2 (HMAC) or %3 (RSA/Ed25519 PEM)"_s.arg(
            key, secret, keyFile));
    if (const Expected<void> valid = validateApiKey(apiKey); !valid)
        return failure(u"%1: %2"_s.arg(key, valid.error()));
    const bool hasSecret = !variables.secret.isEmpty();
    if (hasSecret && !variables.keyFile.isEmpty())
        return failure(u"set either %1 or %2, not both"_s.arg(secret, keyFile));

    Credentials credentials;
    credentials.apiKey = apiKey;
    if (hasSecret) {
        credentials.keyType = KeyType::Hmac;
        credentials.secret = std::move(variables.secret);
        return credentials;
    }
    if (variables.keyFile.isEmpty())
        return failure(u"%1 is set but neither %2 nor %3 is"_s.arg(key, secret, keyFile));
    Expected<PrivateKeyPem> pem = readPrivateKeyFile(variables.keyFile);
    if (!pem)
        return failure(u"%1 (%2)"_s.arg(pem.error(), keyFile));
    credentials.keyType = pem->type;
    credentials.secret = std::move(pem->pem);
    return credentials;
}

// The bytes of `value` without surrounding ASCII white space, copied once into SecretBytes (a
// trimmed temporary would leave an unscrubbed copy behind).
SecretBytes trimmedSecret(const char* value, size_t length)
{
    size_t begin = 0;
    size_t end = length;
    auto space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    while (begin < end && space(value[begin]))
        ++begin;
    while (end > begin && space(value[end - 1]))
        --end;
    return SecretBytes(QByteArray(value + begin, static_cast<qsizetype>(end - begin)));
}

} // namespace

Expected<Credentials> credentialsFromEnvironment(const QProcessEnvironment& environment)
{
    const SecretBytes secret(environment.value(QString::fromLatin1(kSecretVariable)).toUtf8());
    const QByteArray& bytes = secret.exposeSecret();
    return credentialsFrom({environment.value(QString::fromLatin1(kKeyVariable)),
                            trimmedSecret(bytes.constData(), static_cast<size_t>(bytes.size())),
                            environment.value(QString::fromLatin1(kKeyFileVariable))});
}

Expected<Credentials> takeCredentialsFromProcessEnvironment()
{
    excludeFromCoreDumps();
    Variables variables;
    variables.apiKey = QString::fromLocal8Bit(qgetenv(kKeyVariable));
    variables.keyFile = QString::fromLocal8Bit(qgetenv(kKeyFileVariable));
    // getenv() points into the environment itself (for inherited variables: the block that
    // /proc/<pid>/environ and a core dump show). unsetenv() alone would only drop the pointer, so the
    // value is overwritten in place first.
    if (char* value = std::getenv(kSecretVariable)) {
        const size_t length = std::strlen(value);
        variables.secret = trimmedSecret(value, length);
        OPENSSL_cleanse(value, length);
        ::unsetenv(kSecretVariable);
    }
    return credentialsFrom(std::move(variables));
}

} // namespace marginwatch
