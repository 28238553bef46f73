#pragma once

#include "api/SecretBytes.h"

#include <QObject>
#include <QString>

#include <functional>

namespace marginwatch {

struct SecretResult
{
    bool ok = false;
    SecretBytes secret;    // read only
    QString error;         // plain language, never contains secret bytes
    bool notFound = false; // read: nothing is stored under this key (not an error worth showing)
    // read: the persistent backend cannot be used at all (no keychain service); from now on the store
    // keeps secrets for this session only.
    bool backendUnavailable = false;
};

// Where API secrets and proxy passwords live, keyed by profile id (see Profile::proxyPasswordKey()).
// Asynchronous because the OS keychain is: every call ends with exactly one call of `done`, later,
// from the event loop - unless the store is destroyed first. `done` may be empty.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const SecretResult&)>;

    explicit SecretStore(QObject* parent = nullptr);
    ~SecretStore() override;

    virtual void read(const QString& profileId, Callback done) = 0;
    virtual void write(const QString& profileId, const SecretBytes& secret, Callback done) = 0;
    // Succeeds when nothing was stored.
    virtual void remove(const QString& profileId, Callback done) = 0;
    virtual bool persists() const = 0;       // false: secrets live only for this session
    virtual QString backendName() const = 0; // shown to the user
    // Finds out, without storing anything, whether the persistent backend works; when it does not,
    // backendUnavailable() follows. Stores without one have nothing to check.
    virtual void checkAvailability() {}

Q_SIGNALS:
    // The persistent backend failed; from now on secrets are kept for this session only
    // (persists() is false). Emitted at most once per store.
    void backendUnavailable(const QString& why);
};

} // namespace marginwatch
