#pragma once

#include "settings/SecretStore.h"

namespace marginwatch {

class MemorySecretStore;

// Secrets in the OS keychain (Secret Service / KWallet, macOS Keychain, Windows Credential Store)
// through QtKeychain: one entry per key under `serviceName`.
//
// When the keychain cannot be used (no Secret Service or KWallet running, access denied, any other
// error of the backend, found by checkAvailability(), a read or a write), the store switches to
// session memory for the rest of its life and emits backendUnavailable() once; a write then still
// succeeds so nothing the user typed is lost this session. It never falls back to a file. Reads look
// in session memory first, then in the keychain.
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
    void checkAvailability() override;

    QString serviceName() const { return m_serviceName; }

private:
    void switchToFallback(const QString& why);
    void completeLater(Callback done, SecretResult result);

    QString m_serviceName;
    MemorySecretStore* m_fallback = nullptr;
    bool m_fallbackActive = false;
    bool m_checking = false;
};

} // namespace marginwatch
