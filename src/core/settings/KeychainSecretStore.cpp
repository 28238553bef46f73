#include "settings/KeychainSecretStore.h"

#include "settings/MemorySecretStore.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <qt6keychain/keychain.h>

#include <utility>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

Q_LOGGING_CATEGORY(lcKeychain, "marginwatch.keychain")

// Errors that say nothing about one entry but that the keychain as a whole cannot be used.
bool isBackendFailure(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoError:
    case QKeychain::EntryNotFound:
    case QKeychain::AccessDeniedByUser: // the user said no this time; the keychain itself works
        return false;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::AccessDenied:
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        break;
    }
    return true;
}

// Looked up only to see whether the keychain answers; nothing is ever stored under it.
const QString kAvailabilityKey = u"marginwatch-keychain-availability-check"_s;

// QtKeychain's errorString() describes the backend failure (D-Bus, OS status codes); it never
// contains the data of the job.
QString describe(const QKeychain::Job& job)
{
    QString text;
    switch (job.error()) {
    case QKeychain::NoError:
        return {};
    case QKeychain::EntryNotFound:
        return QCoreApplication::translate("KeychainSecretStore", "No secret is stored for this profile.");
    case QKeychain::CouldNotDeleteEntry:
        text = QCoreApplication::translate("KeychainSecretStore", "The keychain could not delete the secret");
        break;
    case QKeychain::AccessDeniedByUser:
        text = QCoreApplication::translate("KeychainSecretStore", "Access to the keychain was denied");
        break;
    case QKeychain::AccessDenied:
        text = QCoreApplication::translate("KeychainSecretStore", "The keychain refused access");
        break;
    case QKeychain::NoBackendAvailable:
        text = QCoreApplication::translate("KeychainSecretStore",
                                           "No keychain service is available on this system");
        break;
    case QKeychain::NotImplemented:
        text = QCoreApplication::translate("KeychainSecretStore",
                                           "The keychain does not support this operation");
        break;
    case QKeychain::OtherError:
        text = QCoreApplication::translate("KeychainSecretStore", "The keychain reported an error");
        break;
    }
    const QString detail = job.errorString().trimmed();
    if (!detail.isEmpty())
        text += u" ("_s + detail + u')';
    return text + u'.';
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString serviceName, QObject* parent)
    : SecretStore(parent)
    , m_serviceName(std::move(serviceName))
    , m_fallback(new MemorySecretStore(this))
{}

KeychainSecretStore::~KeychainSecretStore() = default;

void KeychainSecretStore::read(const QString& profileId, Callback done)
{
    if (m_fallback->contains(profileId)) {
        m_fallback->read(profileId, std::move(done));
        return;
    }
    if (profileId.isEmpty()) {
        SecretResult result;
        result.notFound = true;
        result.error =
            QCoreApplication::translate("KeychainSecretStore", "No secret is stored for this profile.");
        completeLater(std::move(done), std::move(result));
        return;
    }
    auto* job = new QKeychain::ReadPasswordJob(m_serviceName);
    job->setAutoDelete(true);
    job->setKey(profileId);
    connect(job, &QKeychain::Job::finished, this,
            [this, profileId, done = std::move(done)](QKeychain::Job* finished) {
                auto* job = static_cast<QKeychain::ReadPasswordJob*>(finished);
                // A write queued before this read may have failed over to memory meanwhile.
                if (job->error() != QKeychain::NoError && m_fallback->contains(profileId)) {
                    m_fallback->read(profileId, done);
                    return;
                }
                SecretResult result;
                if (job->error() == QKeychain::NoError) {
                    result.secret = SecretBytes(job->binaryData());
                    result.ok = !result.secret.isEmpty();
                } else if (isBackendFailure(job->error())) {
                    switchToFallback(describe(*job));
                    result.backendUnavailable = true;
                }
                if (!result.ok) {
                    result.notFound =
                        job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound;
                    result.error = result.notFound ? QCoreApplication::translate(
                                       "KeychainSecretStore", "No secret is stored for this profile.")
                                                   : describe(*job);
                }
                if (done)
                    done(result);
            });
    job->start();
}

void KeychainSecretStore::write(const QString& profileId, const SecretBytes& secret, Callback done)
{
    if (m_fallbackActive || profileId.isEmpty() || secret.isEmpty()) {
        m_fallback->write(profileId, secret, std::move(done)); // reports the empty id / secret
        return;
    }
    auto* job = new QKeychain::WritePasswordJob(m_serviceName);
    job->setAutoDelete(true);
    job->setKey(profileId);
    job->setBinaryData(secret.exposeSecret());
    // The secret is captured only to be able to keep it in memory if the keychain refuses it.
    connect(job, &QKeychain::Job::finished, this,
            [this, profileId, secret, done = std::move(done)](QKeychain::Job* job) {
                if (job->error() != QKeychain::NoError) {
                    switchToFallback(describe(*job));
                    m_fallback->write(profileId, secret, done);
                    return;
                }
                // An older session copy would shadow the value just stored.
                m_fallback->remove(profileId, {});
                SecretResult result;
                result.ok = true;
                if (done)
                    done(result);
            });
    job->start();
}

void KeychainSecretStore::remove(const QString& profileId, Callback done)
{
    m_fallback->remove(profileId, {});
    if (profileId.isEmpty()) {
        SecretResult result;
        result.ok = true;
        completeLater(std::move(done), std::move(result));
        return;
    }
    // Even in fallback mode: an entry from an earlier session may still be in the keychain.
    auto* job = new QKeychain::DeletePasswordJob(m_serviceName);
    job->setAutoDelete(true);
    job->setKey(profileId);
    connect(job, &QKeychain::Job::finished, this, [this, done = std::move(done)](QKeychain::Job* job) {
        SecretResult result;
        // With the keychain unusable, the session copy was the only one this store could reach.
        result.ok = job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound
                    || m_fallbackActive;
        if (!result.ok)
            result.error = describe(*job);
        if (done)
            done(result);
    });
    job->start();
}

bool KeychainSecretStore::persists() const
{
    return !m_fallbackActive;
}

QString KeychainSecretStore::backendName() const
{
    return m_fallbackActive ? m_fallback->backendName() : u"OS keychain"_s;
}

void KeychainSecretStore::checkAvailability()
{
    if (m_fallbackActive || m_checking)
        return;
    m_checking = true;
    auto* job = new QKeychain::ReadPasswordJob(m_serviceName);
    job->setAutoDelete(true);
    job->setKey(kAvailabilityKey);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job* job) {
        m_checking = false;
        if (isBackendFailure(job->error()))
            switchToFallback(describe(*job));
    });
    job->start();
}

void KeychainSecretStore::switchToFallback(const QString& why)
{
    if (m_fallbackActive)
        return;
    m_fallbackActive = true;
    const QString message =
        QCoreApplication::translate(
            "KeychainSecretStore",
            "The OS keychain cannot be used: %1 Secrets are kept in memory until the app quits and will have "
            "to be entered again next time.")
            .arg(why);
    qCWarning(lcKeychain).noquote() << message;
    Q_EMIT backendUnavailable(message);
}

void KeychainSecretStore::completeLater(Callback done, SecretResult result)
{
    if (!done)
        return;
    QMetaObject::invokeMethod(
        this, [done = std::move(done), result = std::move(result)] { done(result); }, Qt::QueuedConnection);
}

} // namespace marginwatch
