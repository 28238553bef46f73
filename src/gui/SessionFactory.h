#pragma once

#include "api/AccountPoller.h"
#include "gui/DemoSession.h"
#include "gui/EnvironmentInfo.h"
#include "settings/Profile.h"

#include <QCoreApplication>
#include <QObject>

#include <functional>
#include <memory>

namespace marginwatch {

class SecretStore;

// What the window watches: one poller, the simulator behind it in Demo mode, and how to label it.
struct Session
{
    std::unique_ptr<DemoSession> demo; // declared first: outlives the poller that talks to it
    std::unique_ptr<AccountPoller> poller;
    EnvironmentInfo environment;
    QString profileName;
    QString profileId; // empty for Demo mode without a profile and for environment credentials
};

// Turns a saved profile into a running Session: starts the simulator for Demo profiles, reads the
// secret from the SecretStore (asynchronous: the keychain may ask the user) or the PEM file for
// RSA / Ed25519 keys, and checks the result before anything is sent.
class SessionFactory
{
    Q_DECLARE_TR_FUNCTIONS(SessionFactory)

public:
    using Done = std::function<void(std::unique_ptr<Session> session, const QString& error)>;

    static std::unique_ptr<Session> demo(QString* error, const QString& name = {});
    static void open(const Profile& profile, SecretStore* secrets, QObject* context, Done done);
    // The client configuration of a profile once its secret is known (also used by Test connection).
    static ClientConfig configFor(const Profile& profile, const SecretBytes& secret,
                                  const SecretBytes& proxyPassword);
    // The PEM of an RSA / Ed25519 profile; error names the file, never its content.
    static std::optional<SecretBytes> readPrivateKey(const QString& path, QString* error);
};

} // namespace marginwatch
