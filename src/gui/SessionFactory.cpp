#include "gui/SessionFactory.h"

#include "api/BaseUrl.h"
#include "api/PrivateKeyFile.h"
#include "cli/EnvironmentCredentials.h"
#include "settings/SecretStore.h"

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

// Reads one secret: the typed one if any, else the store's. `found` gets an empty secret when the
// store has none and `optional` allows that (a proxy password may be empty).
void readSecret(SecretStore* secrets, const QString& key, const std::optional<SecretBytes>& typed,
                bool optional, QObject* context, std::function<void(Expected<SecretBytes>)> found)
{
    if (typed) {
        found(*typed);
        return;
    }
    if (!secrets) {
        found(optional ? Expected<SecretBytes>(SecretBytes())
                       : failure(SessionFactory::tr("Enter the API secret.")));
        return;
    }
    QPointer<QObject> alive(context);
    secrets->read(key, [alive, optional, found = std::move(found)](const SecretResult& result) {
        if (!alive)
            return;
        if (result.ok || (optional && result.notFound))
            found(result.secret);
        else
            found(failure(result.notFound ? QString() : result.error));
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
    session->simulator = std::move(connection.simulator);
    session->poller = std::make_unique<AccountPoller>(std::move(connection.config), tuning);
    session->profileName = name;
    session->profileId = profileId;
    return session;
}

Expected<std::unique_ptr<Session>>
SessionFactory::simulator(const QString& name, const SimOptions& options, const ClientTuning& tuning,
                          std::optional<std::chrono::milliseconds> pollInterval)
{
    Connection connection;
    connection.simulator = std::make_unique<SimulatorSession>(options);
    QString error;
    if (!connection.simulator->start(&error))
        return failure(tr("The built-in simulator could not start: %1").arg(error));
    connection.config = connection.simulator->clientConfig();
    if (pollInterval)
        connection.config.pollInterval = *pollInterval;
    return start(std::move(connection), name.isEmpty() ? tr("Demo account") : name, {}, tuning);
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
            done(failure(tr("The built-in simulator could not start: %1").arg(error)));
            return;
        }
        connection.config = connection.simulator->clientConfig();
        done(std::move(connection));
        return;
    }
    if (const QStringList problems = profile.validate(); !problems.isEmpty()) {
        done(failure(problems.join(u' ')));
        return;
    }

    // Once the API secret is known: the proxy password (only when a proxy user is set).
    auto withSecret = [profile, secrets, typed, context, done](const SecretBytes& secret) {
        if (profile.proxyUser.isEmpty()) {
            done(Connection{nullptr, configFor(profile, secret, {})});
            return;
        }
        readSecret(
            secrets, profile.proxyPasswordKey(), typed.proxyPassword, true, context,
            [profile, secret, done](Expected<SecretBytes> password) {
                done(Connection{nullptr, configFor(profile, secret, password.value_or(SecretBytes()))});
            });
    };

    if (profile.keyType != KeyType::Hmac) {
        Expected<PrivateKeyPem> pem = readPrivateKeyFile(profile.privateKeyFile);
        if (!pem) {
            done(failure(pem.error()));
            return;
        }
        withSecret(pem->pem);
        return;
    }
    readSecret(
        secrets, profile.id, typed.apiSecret, false, context,
        [profile, done, withSecret](Expected<SecretBytes> secret) {
            if (secret) {
                withSecret(*secret);
                return;
            }
            done(failure(
                secret.error().isEmpty()
                    ? tr("The API secret of “%1” is not stored (secrets kept only for a session are "
                         "gone after a restart). Enter it again in Settings.")
                          .arg(profile.name)
                    : tr("The API secret of “%1” could not be read: %2").arg(profile.name, secret.error())));
        });
}

void SessionFactory::open(const Profile& profile, SecretStore* secrets, QObject* context, SessionDone done,
                          const ClientTuning& tuning)
{
    connect(profile, secrets, {}, context, [profile, tuning, done](Expected<Connection> connection) {
        if (!connection) {
            done(failure(connection.error()));
            return;
        }
        done(start(std::move(*connection), profile.name, profile.id, tuning));
    });
}

} // namespace marginwatch
