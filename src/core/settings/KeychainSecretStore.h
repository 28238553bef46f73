#pragma once

#include "settings/SecretStore.h"

namespace marginwatch {

class MemorySecretStore;

// Secrets in the OS keychain (Secret Service / KWallet, macOS Keychain, Windows Credential Store)
// through QtKeychain: one entry per key under `serviceName`.
//
// If the keychain cannot store a secret (no backend, access denied, any other error), the store
// switches to session memory for the rest of its life, emits backendUnavailable() once, and still
// completes the write successfully so nothing the user typed is lost this session. Reads look in
// session memory first, then in the keychain.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit KeychainSecretStore(QString serviceName = QStringLiteral("marginwatch"),
                                 QObject* parent = nullptr);
    ~KeychainSecretStore() override;

    void read(const QString& profileId, Callback done) override;
    void write(const QString& profileId, const SecretBytes& secret, Callback done) override;
    void remove(const QString& profileId, Callback done) override;
    bool persists() const override;
    QString backendName() const override;

    QString serviceName() const { return m_serviceName; }

private:
    void switchToFallback(const QString& why);
    void completeLater(Callback done, SecretResult result);

    QString m_serviceName;
    MemorySecretStore* m_fallback = nullptr;
    bool m_fallbackActive = false;
};

} // namespace marginwatch
