#pragma once

#include "api/ApiFailure.h"
#include "api/ClientConfig.h"
#include "api/ClientTuning.h"
#include "api/PortfolioMargin.h"

#include <QObject>

#include <memory>
#include <optional>

namespace marginwatch {

class BinanceHttpClient;

// One look at a Portfolio Margin account: GET /papi/v1/account (weight 20), then
// GET /papi/v1/um/positionRisk (weight 5), one after the other on the /papi host of the futures base
// URL (portfolioMarginBaseUrl). The clock offset comes from the futures host when known (its
// /fapi/v1/time answers for these accounts too); otherwise a custom host is asked for /fapi/v1/time.
class PortfolioMarginFetcher : public QObject
{
    Q_OBJECT
public:
    explicit PortfolioMarginFetcher(ClientConfig futuresConfig, ClientTuning tuning = {},
                                    QObject* parent = nullptr);
    ~PortfolioMarginFetcher() override;

    void setKnownClockOffsetMs(qint64 offsetMs) { m_knownOffsetMs = offsetMs; }
    void start(); // one of the signals follows, from the event loop
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void finished(const marginwatch::PortfolioMarginSnapshot& snapshot);
    void failed(const marginwatch::ApiFailure& failure);

private:
    void fail(const ApiFailure& failure);
    void fetchAccount();
    void fetchPositions(const PortfolioMarginAccount& account, qint64 takenAtServerMs);

    ClientConfig m_config;
    ClientTuning m_tuning;
    std::unique_ptr<BinanceHttpClient> m_client;
    std::optional<qint64> m_knownOffsetMs;
    bool m_running = false;
    quint64 m_generation = 0;
};

} // namespace marginwatch
