#include "api/ExchangeInfoSource.h"

#include "api/BinanceHttpClient.h"
#include "io/ExchangeInfoCache.h"
#include "model/ExchangeInfoParser.h"

#include <QStandardPaths>

#include <algorithm>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

ClientConfig publicConfig(const ClientConfig& config)
{
    ClientConfig out;
    out.baseUrl = config.baseUrl;
    out.proxy = config.proxy;
    out.transferTimeout = config.transferTimeout;
    return out;
}

ClientTuning boundedTuning(ClientTuning tuning)
{
    tuning.maxBodyBytes = std::min(tuning.maxBodyBytes, kMaxExchangeInfoBytes);
    return tuning;
}

} // namespace

ExchangeInfoSource::ExchangeInfoSource(const ClientConfig& config, QString cacheDirectory,
                                       const ClientTuning& tuning, Timing timing, QObject* parent)
    : QObject(parent)
    , m_client(std::make_unique<BinanceHttpClient>(publicConfig(config), boundedTuning(tuning)))
    , m_cachePath(cacheDirectory.isEmpty() ? QString()
                                           : exchangeInfoCachePath(cacheDirectory, config.baseUrl))
    , m_timing(timing)
    , m_clock(tuning.clock ? tuning.clock : systemClock())
{
    m_next.setSingleShot(true);
    connect(&m_next, &QTimer::timeout, this, &ExchangeInfoSource::fetch);
}

ExchangeInfoSource::~ExchangeInfoSource() = default;

QString ExchangeInfoSource::defaultCacheDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
}

void ExchangeInfoSource::start()
{
    if (!m_cachePath.isEmpty()) {
        Expected<SymbolPrecisionTable> cached = loadExchangeInfoCache(m_cachePath);
        if (cached) {
            const qint64 age = m_clock() - cached->fetchedAtMs();
            const qint64 refresh = m_timing.refreshAfter.count();
            setTable(std::move(*cached));
            // A cache from the future (a clock set back) counts as old.
            if (age >= 0 && age < refresh) {
                scheduleNext(std::chrono::milliseconds(refresh - age));
                return;
            }
        }
    }
    fetch();
}

void ExchangeInfoSource::fetch()
{
    const bool sent = m_client->get(
        u"/fapi/v1/exchangeInfo"_s, BinanceHttpClient::Security::Public, {},
        [this](const HttpResult& result) {
            if (!result) {
                m_lastError = result.error().explanation;
                // A 429 or 418 names its own end; the retry never comes before it.
                std::chrono::milliseconds wait = m_timing.retryAfter;
                if (result.error().retryAt)
                    wait = std::max(wait, std::chrono::milliseconds(
                                              result.error().retryAt->toMSecsSinceEpoch() - m_clock()));
                scheduleNext(wait);
                Q_EMIT fetchFinished(false);
                return;
            }
            Expected<SymbolPrecisionTable> parsed = parseExchangeInfo(result->body, m_clock());
            if (!parsed) {
                m_lastError = parsed.error();
                scheduleNext(m_timing.retryAfter);
                Q_EMIT fetchFinished(false);
                return;
            }
            m_lastError.clear();
            if (!m_cachePath.isEmpty()) {
                if (const Expected<void> saved = saveExchangeInfoCache(m_cachePath, *parsed); !saved)
                    m_lastError = saved.error(); // the table still serves this run
            }
            setTable(std::move(*parsed));
            scheduleNext(m_timing.refreshAfter);
            Q_EMIT fetchFinished(true);
        });
    if (!sent)
        scheduleNext(m_timing.retryAfter);
}

void ExchangeInfoSource::scheduleNext(std::chrono::milliseconds after)
{
    // QTimer takes an int of milliseconds: a day fits, and longer waits are not needed.
    m_next.start(static_cast<int>(std::clamp<qint64>(after.count(), 0, 7LL * 24 * 3600 * 1000)));
}

void ExchangeInfoSource::setTable(SymbolPrecisionTable table)
{
    m_table = std::make_shared<const SymbolPrecisionTable>(std::move(table));
    Q_EMIT tableChanged(m_table);
}

} // namespace marginwatch
