#pragma once

#include "api/ApiFailure.h"
#include "api/HttpResult.h"
#include "model/AccountSnapshot.h"
#include "model/SnapshotParser.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>
#include <utility>

namespace marginwatch {

class BinanceHttpClient;

// One poll cycle, strictly sequential on one client: (time sync if due) -> (accountConfig +
// symbolConfig if due) -> account -> positionRisk -> parse; config again when the set of positions
// (symbol + side) changed since it was fetched. A -1021 re-syncs the time and retries that request
// once. Shared by AccountPoller and SnapshotFetcher so both take the same path.
class SnapshotCycle : public QObject
{
    Q_OBJECT
public:
    using PositionKey = std::pair<QString, QString>; // symbol, positionSide

    SnapshotCycle(BinanceHttpClient* client, std::chrono::milliseconds configRefreshPeriod,
                  QObject* parent = nullptr);

    void run();    // the client must be idle
    void cancel(); // no signal follows
    bool isRunning() const { return m_running; }
    void invalidateConfig() { m_configFetchedAtMs = 0; }
    // Live mode: the user-data stream carries configuration changes (patched into the cached bodies
    // below), so accountConfig and symbolConfig are fetched once, not every few minutes nor when the
    // set of positions changes; a symbol the cache does not know is asked for with
    // requestSymbolConfig() by whoever saw it open. Off: polling's rules.
    void setConfigFromStream(bool on) { m_configFromStream = on; }
    void requestSymbolConfig() { m_symbolConfigDue = true; }
    // ACCOUNT_CONFIG_UPDATE applied to the cached bodies, so that the next snapshot says what the
    // exchange now says without fetching them again. A symbol the cache does not hold is left out.
    void patchLeverage(const QString& symbol, int leverage);
    void patchMultiAssets(bool multiAssets);
    // GET /fapi/v1/leverageBracket (every symbol, weight 1) when the last copy is older than `period`;
    // 0 (the default) never fetches it. Snapshots carry the latest copy, or why there is none.
    void setLeverageBracketRefreshPeriod(std::chrono::milliseconds period) { m_bracketPeriod = period; }
    // The request weight the next run() will draw (time sync, config and leverage brackets only when due).
    int expectedWeight() const;

Q_SIGNALS:
    void finished(const marginwatch::AccountSnapshot& snapshot);
    void failed(const marginwatch::ApiFailure& failure);

private:
    enum class Step
    {
        SyncTime,
        AccountConfig,
        SymbolConfig,
        LeverageBracket,
        Account,
        PositionRisk,
        Parse
    };

    void next();
    void send(Step step);
    void onResult(Step step, const HttpResult& result);
    void parse();
    void fail(const ApiFailure& failure);
    bool configDue() const;
    bool bracketsDue() const;

    BinanceHttpClient* m_client;
    std::chrono::milliseconds m_configRefreshPeriod;
    QList<Step> m_steps;
    bool m_running = false;
    bool m_retriedAfter1021 = false;
    bool m_configFetchedThisCycle = false;
    bool m_configFromStream = false;
    bool m_symbolConfigDue = false;
    quint64 m_generation = 0; // a cancelled cycle's queued work is ignored

    QByteArray m_account;
    QByteArray m_positionRisk;
    std::optional<QByteArray> m_accountConfig; // latest bodies, kept across cycles
    std::optional<QByteArray> m_symbolConfig;
    qint64 m_configFetchedAtMs = 0;
    QList<PositionKey> m_positionKeysAtConfig; // in the server's order

    qint64 m_takenAtServerMs = 0;

    std::chrono::milliseconds m_bracketPeriod{0};
    std::shared_ptr<const LeverageBrackets> m_brackets;
    QString m_bracketsError;
    qint64 m_bracketsFetchedAtMs = 0;
    SnapshotParser m_parser; // keeps what makes the next poll's parse cheap
};

} // namespace marginwatch
