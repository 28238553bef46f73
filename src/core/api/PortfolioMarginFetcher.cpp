#include "api/PortfolioMarginFetcher.h"

#include "api/BaseUrl.h"
#include "api/BinanceHttpClient.h"
#include "api/FailureDiagnosis.h"
#include "model/ServerTimeParser.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace marginwatch {

PortfolioMarginFetcher::PortfolioMarginFetcher(ClientConfig futuresConfig, ClientTuning tuning,
                                               QObject* parent)
    : QObject(parent)
    , m_config(std::move(futuresConfig))
    , m_tuning(std::move(tuning))
{
    qRegisterMetaType<PortfolioMarginSnapshot>();
    qRegisterMetaType<ApiFailure>();
}

PortfolioMarginFetcher::~PortfolioMarginFetcher()
{
    cancel();
    m_client.reset();
    m_config.credentials.secret.wipe();
    m_config.proxy.password.wipe();
}

void PortfolioMarginFetcher::fail(const ApiFailure& failure)
{
    const quint64 generation = m_generation;
    QTimer::singleShot(0, this, [this, generation, failure] {
        if (generation != m_generation)
            return;
        m_running = false;
        Q_EMIT failed(failure);
    });
}

void PortfolioMarginFetcher::start()
{
    if (m_running)
        return;
    m_running = true;
    ++m_generation;
    const LocalClock clock = m_tuning.clock ? m_tuning.clock : systemClock();
    if (!m_client) {
        const std::optional<QUrl> papi = portfolioMarginBaseUrl(m_config.baseUrl);
        if (!papi) {
            fail(configurationFailure(tr("Binance Demo Trading has no Portfolio Margin accounts."), clock()));
            return;
        }
        const bool production = BinanceUrls::isProductionFutures(m_config.baseUrl);
        m_config.baseUrl = *papi;
        if (const Expected<void> usable = BinanceHttpClient::configurationError(m_config); !usable) {
            fail(configurationFailure(usable.error(), clock()));
            return;
        }
        m_client = std::make_unique<BinanceHttpClient>(m_config, m_tuning);
        m_config.credentials.secret.wipe();
        m_config.proxy.password.wipe();
        if (!m_client->setupError().isEmpty()) {
            const QString error = m_client->setupError();
            m_client.reset();
            fail(configurationFailure(error, clock()));
            return;
        }
        if (!m_knownOffsetMs && production)
            m_knownOffsetMs = 0; // papi.binance.com has no time route: the local clock, within recvWindow
    }
    if (m_knownOffsetMs) {
        const qint64 now = m_client->clock().localNowMs();
        (void)m_client->clock().applySample(now, now + *m_knownOffsetMs, now);
        m_knownOffsetMs.reset();
    }
    if (!m_client->clock().needsSync()) {
        fetchAccount();
        return;
    }
    const quint64 generation = m_generation;
    const bool sent = m_client->get(
        u"/fapi/v1/time"_s, BinanceHttpClient::Security::Public, {},
        [this, generation](const HttpResult& result) {
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
            fetchAccount();
        });
    if (!sent)
        fail(configurationFailure(tr("the request could not be signed; check the key settings"), clock()));
}

void PortfolioMarginFetcher::fetchAccount()
{
    const quint64 generation = m_generation;
    const bool sent = m_client->get(
        u"/papi/v1/account"_s, BinanceHttpClient::Security::Signed, {},
        [this, generation](const HttpResult& result) {
            if (generation != m_generation)
                return;
            if (!result) {
                m_running = false;
                Q_EMIT failed(result.error());
                return;
            }
            const Expected<PortfolioMarginAccount> account = parsePortfolioMarginAccount(result->body);
            if (!account) {
                m_running = false;
                Q_EMIT failed(
                    badResponseFailure(result->endpoint, account.error(), result->receivedAtLocalMs));
                return;
            }
            const qint64 takenAt = result->sentAtLocalMs
                                   + (result->receivedAtLocalMs - result->sentAtLocalMs) / 2
                                   + m_client->clock().offsetMs();
            fetchPositions(*account, takenAt);
        });
    if (!sent)
        fail(configurationFailure(tr("the request could not be signed; check the key settings"),
                                  m_client->clock().localNowMs()));
}

void PortfolioMarginFetcher::fetchPositions(const PortfolioMarginAccount& account, qint64 takenAtServerMs)
{
    const quint64 generation = m_generation;
    const bool sent =
        m_client->get(u"/papi/v1/um/positionRisk"_s, BinanceHttpClient::Security::Signed, {},
                      [this, generation, account, takenAtServerMs](const HttpResult& result) {
                          if (generation != m_generation)
                              return;
                          m_running = false;
                          if (!result) {
                              Q_EMIT failed(result.error());
                              return;
                          }
                          Expected<QList<Position>> positions = parsePortfolioMarginPositions(result->body);
                          if (!positions) {
                              Q_EMIT failed(badResponseFailure(result->endpoint, positions.error(),
                                                               result->receivedAtLocalMs));
                              return;
                          }
                          PortfolioMarginSnapshot snapshot;
                          snapshot.takenAt = QDateTime::fromMSecsSinceEpoch(takenAtServerMs, Qt::UTC);
                          snapshot.account = account;
                          snapshot.positions = std::move(*positions);
                          Q_EMIT finished(snapshot);
                      });
    if (!sent)
        fail(configurationFailure(tr("the request could not be signed; check the key settings"),
                                  m_client->clock().localNowMs()));
}

void PortfolioMarginFetcher::cancel()
{
    ++m_generation;
    m_running = false;
    if (m_client)
        m_client->cancel();
}

} // namespace marginwatch
