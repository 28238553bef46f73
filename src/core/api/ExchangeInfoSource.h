#pragma once

#include "api/ClientConfig.h"
#include "api/ClientTuning.h"
#include "model/SymbolPrecision.h"

#include <QObject>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <memory>

namespace marginwatch {

class BinanceHttpClient;

struct ExchangeInfoTiming
{
    std::chrono::milliseconds refreshAfter{24LL * 3600 * 1000};
    std::chrono::milliseconds retryAfter{15LL * 60 * 1000}; // after a failed or refused answer
};

// The contracts' tick and step sizes for one server: from the disk cache at start, from the public
// GET /fapi/v1/exchangeInfo (weight 1) when the cache is missing or a day old, and again every day.
// Never part of a poll: it has its own client (no key; the answer is the same for every account on
// the host), and when the exchange does not answer the screen simply keeps the digits the API sent.
class ExchangeInfoSource : public QObject
{
    Q_OBJECT
public:
    using Timing = ExchangeInfoTiming;

    // `cacheDirectory` empty: no disk cache (tests of the fetch alone). Only the URL and proxy of
    // `config` are used; no credentials go to this client.
    ExchangeInfoSource(const ClientConfig& config, QString cacheDirectory, const ClientTuning& tuning = {},
                       Timing timing = {}, QObject* parent = nullptr);
    ~ExchangeInfoSource() override;

    // The standard cache directory (QStandardPaths::CacheLocation).
    static QString defaultCacheDirectory();

    void start();
    SharedSymbolPrecision table() const { return m_table; }
    QString lastError() const { return m_lastError; } // the last fetch's or cache's problem, plain text
    QString cachePath() const { return m_cachePath; }

Q_SIGNALS:
    void tableChanged(const marginwatch::SharedSymbolPrecision& table);
    void fetchFinished(bool ok); // each answer from the exchange, good or not (status, tests)

private:
    void fetch();
    void scheduleNext(std::chrono::milliseconds after);
    void setTable(SymbolPrecisionTable table);

    std::unique_ptr<BinanceHttpClient> m_client;
    QString m_cachePath;
    Timing m_timing;
    LocalClock m_clock;
    SharedSymbolPrecision m_table;
    QString m_lastError;
    QTimer m_next;
};

} // namespace marginwatch
