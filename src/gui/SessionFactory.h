#pragma once

#include "api/AccountPoller.h"
#include "api/KeyPermissionCheck.h"
#include "api/PortfolioMarginFetcher.h"
#include "gui/Endpoint.h"
#include "gui/SimulatorSession.h"
#include "settings/Profile.h"
#include "stream/LiveAccount.h"
#include "util/Expected.h"

#include <QCoreApplication>
#include <QObject>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QProcessEnvironment;

namespace marginwatch {

class SecretStore;

// What the window watches: one poller (and, in live mode, the streams around it), the simulator
// behind it when it is the built-in one, and how to label it.
struct Session
{
    std::unique_ptr<SimulatorSession> simulator; // declared first: outlives the poller that talks to it
    std::unique_ptr<AccountPoller> poller;
    // What the key may do (GET /sapi/v1/account/apiRestrictions), asked once when the window starts
    // watching; its own client on the /sapi host.
    std::unique_ptr<KeyPermissionCheck> keyCheck;
    // Used only when the key turns out to belong to a Portfolio Margin account (/fapi answers -2015).
    std::unique_ptr<PortfolioMarginFetcher> portfolioMargin;
    std::unique_ptr<LiveAccount> live; // null when the profile polls; declared after the poller it uses
    Endpoint endpoint;
    QString profileName;
    QString profileId; // empty without a profile (the built-in simulator, environment credentials)
};

// Everything a client needs before anything is sent: the configuration with its secret, and the
// in-process simulator when that is what it talks to.
struct Connection
{
    std::unique_ptr<SimulatorSession> simulator;
    ClientConfig config;
    bool live = true;  // streams with REST reconciliation, polling as the fallback
    QString streamUrl; // overrides the stream host derived from the base URL
};

// Why a profile could not be opened, in plain language.
struct SessionError
{
    QString message;
    // The API secret is needed and is not available (not stored, or no keychain): asking the user for
    // it can fix this.
    bool secretNeeded = false;
};

// Secrets typed into a form but not saved yet; they take precedence over the stored ones.
struct TypedSecrets
{
    std::optional<SecretBytes> apiSecret;
    std::optional<SecretBytes> proxyPassword;
};

// The one place sessions are made, whatever they come from: a saved profile (its secret read from the
// SecretStore, or the PEM file of an RSA / Ed25519 key), credentials from the environment, or the
// built-in simulator. Every result is checked before a request is sent.
class SessionFactory
{
    Q_DECLARE_TR_FUNCTIONS(SessionFactory)

public:
    using SessionDone = std::function<void(Expected<std::unique_ptr<Session>, SessionError> session)>;
    using ConnectionDone = std::function<void(Expected<Connection, SessionError> connection)>;

    // The built-in simulator with credentials made up for this run.
    // Live (streams, polling as the fallback) unless `live` is false.
    static Expected<std::unique_ptr<Session>>
    simulator(const QString& name = {}, const SimOptions& options = SimulatorSession::defaultOptions(),
              const ClientTuning& tuning = {}, std::optional<std::chrono::milliseconds> pollInterval = {},
              bool live = true);
    // BINANCE_API_KEY with BINANCE_API_SECRET or BINANCE_PRIVATE_KEY_FILE, as the headless modes read
    // them, against baseUrl (production when empty).
    static Expected<std::unique_ptr<Session>> fromEnvironment(const QProcessEnvironment& environment,
                                                              const QUrl& baseUrl);
    // A saved profile. Asynchronous: the keychain may ask the user first. `done` is not called once
    // `context` is gone.
    static void open(const Profile& profile, SecretStore* secrets, QObject* context, SessionDone done,
                     const ClientTuning& tuning = {}, const TypedSecrets& typed = {});
    // What open() builds its poller from; Test connection uses it with the secrets typed in the form.
    static void connect(const Profile& profile, SecretStore* secrets, const TypedSecrets& typed,
                        QObject* context, ConnectionDone done);

private:
    static Expected<std::unique_ptr<Session>> start(Connection connection, const QString& name,
                                                    const QString& profileId, const ClientTuning& tuning);
};

} // namespace marginwatch
