#include "api/KeyPermissionCheck.h"

#include "api/BaseUrl.h"
#include "api/BinanceHttpClient.h"
#include "api/FailureDiagnosis.h"
#include "model/ServerTimeParser.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr QStringView kPermissionsPath = u"/sapi/v1/account/apiRestrictions";

} // namespace

KeyPermissionCheck::KeyPermissionCheck(ClientConfig futuresConfig, ClientTuning tuning, QObject* parent)
    : QObject(parent)
    , m_config(std::move(futuresConfig))
    , m_tuning(std::move(tuning))
{
    qRegisterMetaType<KeyPermissions>();
    qRegisterMetaType<ApiFailure>();
}

KeyPermissionCheck::~KeyPermissionCheck()
{
    cancel();
    m_client.reset();
    m_config.credentials.secret.wipe();
    m_config.proxy.password.wipe();
}

void KeyPermissionCheck::start()
{
    if (m_running)
        return;
    m_running = true;
    const quint64 generation = ++m_generation;
    const LocalClock clock = m_tuning.clock ? m_tuning.clock : systemClock();
    auto failLater = [this, generation](const ApiFailure& failure) {
        QTimer::singleShot(0, this, [this, generation, failure] {
            if (generation != m_generation)
                return;
            m_running = false;
            Q_EMIT failed(failure);
        });
    };
    if (!m_client) {
        const std::optional<QUrl> sapi = keyPermissionsBaseUrl(m_config.baseUrl);
        if (!sapi) {
            QTimer::singleShot(0, this, [this, generation] {
                if (generation != m_generation)
                    return;
                m_running = false;
                Q_EMIT notAvailable(KeyPermissionAdvice::demoTradingNote());
            });
            return;
        }
        m_config.baseUrl = *sapi;
        if (const Expected<void> usable = BinanceHttpClient::configurationError(m_config); !usable) {
            failLater(configurationFailure(usable.error(), clock()));
            return;
        }
        m_client = std::make_unique<BinanceHttpClient>(m_config, m_tuning);
        m_config.credentials.secret.wipe();
        m_config.proxy.password.wipe();
        if (!m_client->setupError().isEmpty()) {
            const QString error = m_client->setupError();
            m_client.reset();
            failLater(configurationFailure(error, clock()));
            return;
        }
    }
    if (!m_client->clock().needsSync()) {
        requestPermissions();
        return;
    }
    // The spot host keeps its time at /api/v3/time; a custom (or loopback) host serves the futures
    // route next to /sapi.
    const QString timePath =
        m_config.baseUrl.host() == BinanceUrls::spot().host() ? u"/api/v3/time"_s : u"/fapi/v1/time"_s;
    const bool sent = m_client->get(
        timePath, BinanceHttpClient::Security::Public, {}, [this, generation](const HttpResult& result) {
            if (generation != m_generation)
                return;
            if (!result) {
                m_running = false;
                Q_EMIT failed(result.error());
                return;
            }
            const Expected<qint64> offset = parseServerTime(result->body).and_then([&](qint64 serverMs) {
                return m_client->clock().applySample(result->sentAtLocalMs, serverMs,
                                                     result->receivedAtLocalMs);
            });
            if (!offset) {
                m_running = false;
                Q_EMIT failed(
                    badResponseFailure(result->endpoint, offset.error(), result->receivedAtLocalMs));
                return;
            }
            requestPermissions();
        });
    if (!sent)
        failLater(configurationFailure(u"the key check could not be sent"_s, clock()));
}

void KeyPermissionCheck::requestPermissions()
{
    const quint64 generation = m_generation;
    const bool sent =
        m_client->get(kPermissionsPath.toString(), BinanceHttpClient::Security::Signed, {},
                      [this, generation](const HttpResult& result) {
                          if (generation != m_generation)
                              return;
                          m_running = false;
                          if (!result) {
                              Q_EMIT failed(result.error());
                              return;
                          }
                          const Expected<KeyPermissions> permissions = parseKeyPermissions(result->body);
                          if (!permissions) {
                              Q_EMIT failed(badResponseFailure(result->endpoint, permissions.error(),
                                                               result->receivedAtLocalMs));
                              return;
                          }
                          Q_EMIT finished(*permissions);
                      });
    if (!sent) {
        m_running = false;
        QTimer::singleShot(0, this, [this, generation] {
            if (generation == m_generation)
                Q_EMIT failed(configurationFailure(u"the key check could not be signed"_s,
                                                   m_client->clock().localNowMs()));
        });
    }
}

void KeyPermissionCheck::cancel()
{
    ++m_generation;
    m_running = false;
    if (m_client)
        m_client->cancel();
}

} // namespace marginwatch
