#include "gui/SessionFactory.h"

#include "settings/SecretStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QPointer>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

std::unique_ptr<Session> startPoller(const Profile& profile, ClientConfig config, QString* error)
{
    if (const std::optional<QString> problem = AccountPoller::configurationError(config)) {
        *error = *problem;
        return nullptr;
    }
    auto session = std::make_unique<Session>();
    session->environment = EnvironmentInfo::forUrl(config.baseUrl);
    session->poller = std::make_unique<AccountPoller>(std::move(config));
    session->profileName = profile.name;
    session->profileId = profile.id;
    return session;
}

} // namespace

std::unique_ptr<Session> SessionFactory::demo(QString* error, const QString& name)
{
    auto session = std::make_unique<Session>();
    session->demo = std::make_unique<DemoSession>();
    if (!session->demo->start(error))
        return nullptr;
    session->poller = std::make_unique<AccountPoller>(session->demo->clientConfig());
    session->environment.kind = EnvironmentInfo::Kind::Demo;
    session->environment.url = session->demo->clientConfig().baseUrl;
    session->profileName = name.isEmpty() ? tr("Demo account") : name;
    return session;
}

std::optional<SecretBytes> SessionFactory::readPrivateKey(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("The private key file %1 cannot be read: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const QByteArray pem = file.read(64 * 1024); // a PEM key is a few KB; never slurp a wrong file
    if (!pem.contains("PRIVATE KEY")) {
        *error = tr("%1 is not a PEM private key.").arg(path);
        return std::nullopt;
    }
    return SecretBytes(pem);
}

ClientConfig SessionFactory::configFor(const Profile& profile, const SecretBytes& secret,
                                       const SecretBytes& proxyPassword)
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

void SessionFactory::open(const Profile& profile, SecretStore* secrets, QObject* context, Done done)
{
    if (profile.environment == Profile::Environment::Demo) {
        QString error;
        std::unique_ptr<Session> session = demo(&error, profile.name);
        if (session)
            session->profileId = profile.id;
        done(std::move(session), error);
        return;
    }
    const QStringList problems = profile.validate();
    if (!problems.isEmpty()) {
        done(nullptr, problems.join(u' '));
        return;
    }

    // Step 2, once the API secret is known: the proxy password (only when a proxy user is set).
    auto withSecret = [profile, secrets, context, done](const SecretBytes& secret) {
        auto finish = [profile, secret, done](const SecretBytes& proxyPassword) {
            QString error;
            std::unique_ptr<Session> session =
                startPoller(profile, configFor(profile, secret, proxyPassword), &error);
            done(std::move(session), error);
        };
        if (profile.proxyUser.isEmpty() || !secrets) {
            finish(SecretBytes());
            return;
        }
        QPointer<QObject> alive(context);
        secrets->read(profile.proxyPasswordKey(), [alive, finish](const SecretResult& result) {
            if (alive)
                finish(result.ok ? result.secret : SecretBytes());
        });
    };

    if (profile.keyType != KeyType::Hmac) {
        QString error;
        const std::optional<SecretBytes> pem = readPrivateKey(profile.privateKeyFile, &error);
        if (!pem) {
            done(nullptr, error);
            return;
        }
        withSecret(*pem);
        return;
    }
    if (!secrets) {
        done(nullptr, tr("No secret store is available."));
        return;
    }
    QPointer<QObject> alive(context);
    secrets->read(profile.id, [alive, profile, done, withSecret](const SecretResult& result) {
        if (!alive)
            return;
        if (!result.ok) {
            done(nullptr,
                 result.notFound
                     ? tr("The API secret of “%1” is not stored (secrets kept only for a session are "
                          "gone after a restart). Enter it again in Settings.")
                           .arg(profile.name)
                     : tr("The API secret of “%1” could not be read: %2").arg(profile.name, result.error));
            return;
        }
        withSecret(result.secret);
    });
}

} // namespace marginwatch
