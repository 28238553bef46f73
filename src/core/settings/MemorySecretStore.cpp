#include "settings/MemorySecretStore.h"

#include <utility>

using namespace Qt::StringLiterals;

namespace marginwatch {

MemorySecretStore::MemorySecretStore(QObject* parent)
    : SecretStore(parent)
{}

MemorySecretStore::~MemorySecretStore() = default;

void MemorySecretStore::read(const QString& profileId, Callback done)
{
    SecretResult result;
    const auto it = m_secrets.constFind(profileId);
    if (it != m_secrets.cend()) {
        result.ok = true;
        result.secret = it.value();
    } else {
        result.notFound = true;
        result.error = u"No secret is stored for this profile."_s;
    }
    complete(std::move(done), std::move(result));
}

void MemorySecretStore::write(const QString& profileId, const SecretBytes& secret, Callback done)
{
    SecretResult result;
    if (profileId.isEmpty()) {
        result.error = u"The secret cannot be stored: the profile has no identifier."_s;
    } else if (secret.isEmpty()) {
        result.error = u"The secret is empty."_s;
    } else {
        m_secrets.insert(profileId, secret);
        result.ok = true;
    }
    complete(std::move(done), std::move(result));
}

void MemorySecretStore::remove(const QString& profileId, Callback done)
{
    // The removed SecretBytes wipes its buffer unless a caller still holds a copy.
    m_secrets.remove(profileId);
    SecretResult result;
    result.ok = true;
    complete(std::move(done), std::move(result));
}

QString MemorySecretStore::backendName() const
{
    return u"session memory (no keychain available)"_s;
}

bool MemorySecretStore::contains(const QString& profileId) const
{
    return m_secrets.contains(profileId);
}

void MemorySecretStore::complete(Callback done, SecretResult result)
{
    if (!done)
        return;
    QMetaObject::invokeMethod(
        this, [done = std::move(done), result = std::move(result)] { done(result); }, Qt::QueuedConnection);
}

} // namespace marginwatch
