#include "settings/MemorySecretStore.h"

#include <QCoreApplication>

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
        result.error =
            QCoreApplication::translate("MemorySecretStore", "No secret is stored for this profile.");
    }
    complete(std::move(done), std::move(result));
}

void MemorySecretStore::write(const QString& profileId, const SecretBytes& secret, Callback done)
{
    SecretResult result;
    if (profileId.isEmpty()) {
        result.error = QCoreApplication::translate(
            "MemorySecretStore", "The secret cannot be stored: the profile has no identifier.");
    } else if (secret.isEmpty()) {
        result.error = QCoreApplication::translate("MemorySecretStore", "The secret is empty.");
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
    return QCoreApplication::translate("MemorySecretStore", "session memory (no keychain available)");
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
