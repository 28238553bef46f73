#include "gui/SessionFactory.h"

#include "api/BaseUrl.h"
#include "api/PrivateKeyFile.h"
#include "cli/EnvironmentCredentials.h"
#include "settings/SecretStore.h"
#include "stream/StreamEndpoints.h"

#include <QPointer>
#include <QProcessEnvironment>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

ClientConfig configFor(const Profile& profile, const SecretBytes& secret, const SecretBytes& proxyPassword)
{
    ClientConfig config;
    config.baseUrl = profile.baseUrl();
    config.credentials.apiKey = profile.apiKey;
    config.credentials.keyType = profile.keyType;
    config.credentials.secret = secret;
    config.recvWindowMs = profile.recvWindowMs;
    config.pollInterval = std::chrono::milliseconds(profile.pollIntervalMs);
    config.proxy = profile.proxy();
    config.proxy.password = proxyPassword;
    return config;
}

// Reads one secret: the typed one if any, else the store's.
void readSecret(SecretStore* secrets, const QString& key, const std::optional<SecretBytes>& typed,
                QObject* context, std::function<void(const SecretResult&)> found)
{
    if (typed || !secrets) {
        SecretResult result;
        result.ok = typed.has_value();
        result.notFound = !typed;
        if (typed)
            result.secret = *typed;
        found(result);
        return;
    }
    QPointer<QObject> alive(context);
    secrets->read(key, [alive, found = std::move(found)](const SecretResult& result) {
        if (alive)
            found(result);
    });
}

} // namespace

Expected<std::unique_ptr<Session>> SessionFactory::start(Connection connection, const QString& name,
                                                         const QString& profileId, const ClientTuning& tuning)
{
    if (const Expected<void> usable = AccountPoller::configurationError(connection.config); !usable)
        return failure(usable.error());
    auto session = std::make_unique<Session>();
    if (connection.simulator) {
        session->endpoint.kind = ServerKind::Simulator;
        session->endpoint.url = connection.config.baseUrl;
    } else {
        session->endpoint = Endpoint::forUrl(connection.config.baseUrl);
    }
    std::optional<QUrl> streamBase;
    if (connection.live) {
        Expected<QUrl> base = StreamEndpoints::baseFor(connection.config.baseUrl, connection.streamUrl);
        if (!base)
            return failure(base.error());
        streamBase = *base;
    }
    // The stream sockets need the proxy (with its password) that the poller's client wipes.
    const ProxySettings proxy = connection.config.proxy;
    session->simulator = std::move(connection.simulator);
    session->keyCheck = std::make_unique<KeyPermissionCheck>(connection.config, tuning);
    session->portfolioMargin = std::make_unique<PortfolioMarginFetcher>(connection.config, tuning);
    // The Stress tab needs the account's leverage brackets; they change rarely.
    ClientTuning pollTuning = tuning;
    if (pollTuning.leverageBracketRefreshPeriod.count() == 0)
        pollTuning.leverageBracketRefreshPeriod = std::chrono::hours(1);
    session->poller = std::make_unique<AccountPoller>(std::move(connection.config), pollTuning);
    // Its snapshots carry those brackets: the live figures use them too.
    if (streamBase)
        session->live =
            std::make_unique<LiveAccount>(*session->poller, proxy, *streamBase, LiveTuning{}, pollTuning);
    session->profileName = name;
    session->profileId = profileId;
    return session;
}

Expected<std::unique_ptr<Session>>
SessionFactory::simulator(const QString& name, const SimOptions& options, const ClientTuning& tuning,
                          std::optional<std::chrono::milliseconds> pollInterval, bool live)
{
    Connection connection;
    connection.simulator = std::make_unique<SimulatorSession>(options);
    QString error;
    if (!connection.simulator->start(&error))
        return failure(tr("The built-in simulator could not start: %1").arg(error));
    connection.config = connection.simulator->clientConfig();
    if (pollInterval)
        connection.config.pollInterval = *pollInterval;
    connection.live = live;
    return start(std::move(connection), name.isEmpty() ? tr("Simulator") : name, {}, tuning);
}

Expected<std::unique_ptr<Session>> SessionFactory::fromEnvironment(const QProcessEnvironment& environment,
                                                                   const QUrl& baseUrl)
{
    Expected<Credentials> credentials = credentialsFromEnvironment(environment);
    if (!credentials)
        return failure(credentials.error());
    Connection connection;
    connection.config.baseUrl = baseUrl.isValid() && !baseUrl.isEmpty() ? baseUrl : BinanceUrls::futures();
    connection.config.credentials = std::move(*credentials);
    return start(std::move(connection), tr("Account from the environment"), {}, {});
}

void SessionFactory::connect(const Profile& profile, SecretStore* secrets, const TypedSecrets& typed,
                             QObject* context, ConnectionDone done)
{
    if (profile.server == ServerKind::Simulator) {
        Connection connection;
        connection.simulator = std::make_unique<SimulatorSession>();
        QString error;
        if (!connection.simulator->start(&error)) {
            done(failure(SessionError{tr("The built-in simulator could not start: %1").arg(error)}));
            return;
        }
        connection.config = connection.simulator->clientConfig();
        done(std::move(connection));
        return;
    }
    if (const QStringList problems = profile.validate(); !problems.isEmpty()) {
        done(failure(SessionError{problems.join(u' ')}));
        return;
    }

    // Once the API secret is known: the proxy password (only when a proxy user is set; may be empty).
    auto withSecret = [profile, secrets, typed, context, done](const SecretBytes& secret) {
        if (profile.proxyUser.isEmpty()) {
            done(Connection{nullptr, configFor(profile, secret, {}), profile.live, profile.streamUrl});
            return;
        }
        readSecret(secrets, profile.proxyPasswordKey(), typed.proxyPassword, context,
                   [profile, secret, done](const SecretResult& password) {
                       done(Connection{nullptr, configFor(profile, secret, password.secret), profile.live,
                                       profile.streamUrl});
                   });
    };

    if (profile.keyType != KeyType::Hmac) {
        Expected<PrivateKeyPem> pem = readPrivateKeyFile(profile.privateKeyFile);
        if (!pem) {
            done(failure(SessionError{pem.error()}));
            return;
        }
        withSecret(pem->pem);
        return;
    }
    const bool persistent = secrets && secrets->persists();
    readSecret(secrets, profile.id, typed.apiSecret, context,
               [profile, persistent, done, withSecret](const SecretResult& secret) {
                   if (secret.ok) {
                       withSecret(secret.secret);
                       return;
                   }
                   SessionError error;
                   error.secretNeeded = secret.notFound || secret.backendUnavailable;
                   if (secret.backendUnavailable || (secret.notFound && !persistent))
                       error.message =
                           tr("No OS keychain is available, so the API secret of “%1” could not be "
                              "kept. Enter it to watch the account.")
                               .arg(profile.name);
                   else if (secret.notFound)
                       error.message =
                           tr("The API secret of “%1” is not stored. Enter it to watch the account.")
                               .arg(profile.name);
                   else
                       error.message =
                           tr("The API secret of “%1” could not be read: %2").arg(profile.name, secret.error);
                   done(failure(std::move(error)));
               });
}

void SessionFactory::open(const Profile& profile, SecretStore* secrets, QObject* context, SessionDone done,
                          const ClientTuning& tuning, const TypedSecrets& typed)
{
    connect(profile, secrets, typed, context,
            [profile, tuning, done](Expected<Connection, SessionError> connection) {
                if (!connection) {
                    done(failure(connection.error()));
                    return;
                }
                Expected<std::unique_ptr<Session>> session =
                    start(std::move(*connection), profile.name, profile.id, tuning);
                if (!session) {
                    done(failure(SessionError{session.error()}));
                    return;
                }
                done(std::move(*session));
            });
}

} // namespace marginwatch
