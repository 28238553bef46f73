#pragma once

#include "api/ApiFailure.h"
#include "api/BinanceHttpClient.h"
#include "api/ClientConfig.h"
#include "api/ClientTuning.h"
#include "model/AccountSnapshot.h"
#include "util/Expected.h"

#include <QDateTime>
#include <QObject>

#include <chrono>
#include <memory>
#include <optional>

namespace marginwatch {

class WeightGovernor;

// Drives one account: one poll cycle = /fapi/v3/account + /fapi/v3/positionRisk (+ accountConfig and
// symbolConfig at start, every few minutes and when the set of positions changes). Never two
// requests in flight; honours 429/418; keeps the server-time offset; backs off with jitter.
class AccountPoller : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Idle,        // not started
        Syncing,     // measuring the server-time offset
        Polling,     // a cycle is in flight
        Waiting,     // between cycles
        BackingOff,  // after a transient failure
        RateLimited, // 429: waiting for Retry-After
        Banned,      // 418: no request to this host until the ban ends
        Stopped,     // stop() or an authentication failure: needs the user
    };
    Q_ENUM(State)

    explicit AccountPoller(ClientConfig config, QObject* parent = nullptr);
    // Production uses ClientTuning's defaults; tests shorten the timings and inject a clock.
    AccountPoller(ClientConfig config, ClientTuning tuning, QObject* parent = nullptr);
    ~AccountPoller() override;

    // Whether the settings can work; otherwise why not (shown before anything is sent).
    static Expected<void> configurationError(const ClientConfig& config);

    // Shares the host's weight budget with every other account polling it: each cycle waits for a
    // slot from the governor, and a 429/418 here pauses them all. Set before start().
    void setWeightGovernor(std::shared_ptr<WeightGovernor> governor);

    void start();
    void stop();
    void refreshNow(); // starts a cycle now unless one is in flight or a ban/limit forbids it
    // A request of the caller's (listen key, leverage brackets) on this account's client, taking
    // turns with the poll cycles so that never two requests are in flight. Queued while a cycle or
    // another request runs; dropped (no callback) by stop(). Needs start() first.
    void sendRequest(BinanceHttpClient::Method method, const QString& path,
                     BinanceHttpClient::Security security, const QueryParams& params,
                     BinanceHttpClient::Callback callback);
    // Replaces the configured interval (live mode reconciles every minute instead of polling);
    // zero restores the configured one. A cycle already waiting is rescheduled that far from now.
    void setPollInterval(std::chrono::milliseconds interval);
    // Live mode (see SnapshotCycle): configuration comes from the user-data stream. Turning it off
    // fetches the whole configuration again at the next cycle (changes may have been missed).
    void setConfigFromStream(bool on);
    void requestSymbolConfig();                              // a symbol opened that the cached config lacks
    void applyLeverage(const QString& symbol, int leverage); // ACCOUNT_CONFIG_UPDATE ac
    void applyMultiAssets(bool multiAssets);                 // ACCOUNT_CONFIG_UPDATE ai
    // The request weight the next cycle will draw (10, more when time sync or configuration is due).
    int expectedCycleWeight() const;

    State state() const;
    const ClientConfig& config() const;
    std::optional<AccountSnapshot> lastSnapshot() const; // the last good one, kept through failures
    std::optional<ApiFailure> lastFailure() const;       // cleared by the next good snapshot
    qint64 clockOffsetMs() const;                        // serverTime - localTime, from the RTT midpoint
    int usedWeight() const;                              // last X-MBX-USED-WEIGHT-1M, -1 if none seen yet
    int weightLimit() const;                             // 2400
    std::chrono::milliseconds lastLatency() const;
    QDateTime nextPollAt() const;                   // invalid when none is scheduled
    QDateTime bannedUntil() const;                  // invalid unless Banned / RateLimited
    std::chrono::milliseconds pollInterval() const; // the interval in use, raised to the minimum (1 s)

Q_SIGNALS:
    void snapshotReady(const marginwatch::AccountSnapshot& snapshot);
    void failed(const marginwatch::ApiFailure& failure);
    void stateChanged(marginwatch::AccountPoller::State state);
    void statusChanged(); // weight, offset, latency, next poll time changed
    // Every HTTP request as it starts and ends (activity indicators, and tests proving there is never
    // more than one in flight). The path only, never the query.
    void requestStarted(const QString& endpoint);
    void requestFinished(const QString& endpoint, int httpStatus);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace marginwatch
