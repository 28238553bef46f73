#pragma once

#include "settings/SecretStore.h"

#include <QHash>

namespace marginwatch {

// The null backend: secrets live in this object for the session only. Used when no keychain is
// available and by tests. Changes apply at once; the callbacks still come later, like the
// keychain's, so callers cannot come to rely on synchronous completion.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit MemorySecretStore(QObject* parent = nullptr);
    ~MemorySecretStore() override;

    void read(const QString& profileId, Callback done) override;
    void write(const QString& profileId, const SecretBytes& secret, Callback done) override;
    void remove(const QString& profileId, Callback done) override;
    bool persists() const override { return false; }
    QString backendName() const override;

    bool contains(const QString& profileId) const;

private:
    void complete(Callback done, SecretResult result);

    QHash<QString, SecretBytes> m_secrets;
};

} // namespace marginwatch
