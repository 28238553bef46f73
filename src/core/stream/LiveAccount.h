#pragma once

#include "api/AccountPoller.h"
#include "api/ApiFailure.h"
#include "api/Backoff.h"
#include "api/ClientConfig.h"
#include "api/ClientTuning.h"
#include "model/AccountSnapshot.h"
#include "stream/LiveBook.h"
#include "stream/MarkPriceStream.h"
#include "stream/RequestWeightMeter.h"
#include "stream/UserDataStream.h"

#include <QObject>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

namespace marginwatch {

// Timings of live mode; production keeps the defaults, tests shorten them.
struct LiveTuning
{
    std::chrono::milliseconds reconcileInterval{60000};   // REST while live: a self-check, not the feed
    std::chrono::milliseconds keepAliveInterval{1800000}; // PUT listenKey (the key lives 60 min)
    std::chrono::milliseconds markWatchdog{10000};        // no mark tick this long with positions: stale
    std::chrono::milliseconds backoffBase{1000};          // reconnecting: 1 s …
    std::chrono::milliseconds backoffCap{30000};          // … to 30 s, with jitter, forever
    std::chrono::milliseconds bracketRefresh{3600000};    // leverage brackets change rarely
    // Fills and configuration changes ask for a reconciliation, at most one per this gap (an active
    // account trades every few seconds; the stream has applied the change already).
    std::chrono::milliseconds minReconcileGap{30000};
    // This account's request weight while live stays at or below weightBudget in every weightWindow:
    // reconciliations asked for by events, keep-alives and bracket refreshes wait until the
    // requests of the last window leave room for them (the timed reconciliation comes a whole
    // window after the previous one, so it finds room by itself).
    int weightBudget = 20;
    std::chrono::milliseconds weightWindow{60000};
    StreamConnection::Limits limits;
    quint32 jitterSeed = 0; // 0: random
};

// One account watched live: a REST snapshot plus its leverage brackets, the user-data stream's
// events applied as they come, every mark tick recomputing what the stream does not carry, and REST
// reconciliation every minute and right after a fill or a configuration change, replacing the local
// figures with the exchange's (the largest difference seen is kept as a self-check). Whenever the
// stream cannot be trusted (no listen key, every route silent, the connection lost, no mark tick for
// 10 s while positions are open) it polls as before and tries live again with backoff.
class LiveAccount : public QObject
{
    Q_OBJECT
public:
    enum class Mode
    {
        Polling,
        Live
    };
    Q_ENUM(Mode)

    // `streamBase` is the resolved stream URL (StreamEndpoints::baseFor).
    LiveAccount(ClientConfig config, QUrl streamBase, LiveTuning live = {}, ClientTuning tuning = {},
                QObject* parent = nullptr);
    // Around a poller someone else owns (and that outlives this), not started yet. `proxy` is the
    // profile's proxy, taken before the poller wiped its copy of the password.
    LiveAccount(AccountPoller& poller, const ProxySettings& proxy, QUrl streamBase, LiveTuning live = {},
                ClientTuning tuning = {}, QObject* parent = nullptr);
    ~LiveAccount() override;

    void start();
    void stop();
    void refreshNow(); // a REST snapshot now (F5)

    AccountPoller& poller() { return *m_poller; }
    const AccountPoller& poller() const { return *m_poller; }
    Mode mode() const { return m_mode; }
    QString pollingReason() const { return m_pollingReason; } // why not live (empty when live)
    std::optional<AccountSnapshot> lastSnapshot() const;
    // Local milliseconds of the last user-data event or mark tick applied; 0 when none yet.
    qint64 lastEventAtMs() const { return m_lastEventAtMs; }
    // This account's own request weight in the last minute.
    int weightLastMinute() const;
    // The largest |local - exchange| margin ratio (percentage points) at a reconciliation while live.
    std::optional<Decimal> largestRatioDifference() const { return m_largestDifference; }
    int reconciliations() const { return m_reconciliations; }
    UserDataStream::Route userDataRoute() const { return m_user.route(); }

Q_SIGNALS:
    void snapshotReady(const marginwatch::AccountSnapshot& snapshot); // REST, event or mark tick
    void failed(const marginwatch::ApiFailure& failure);              // REST failures, as polling has them
    void modeChanged(marginwatch::LiveAccount::Mode mode, const QString& reason);
    void marginCall(const marginwatch::MarginCall& call);
    // A reconciliation while live: the local margin ratio just before, the exchange's, in percent.
    void reconciled(const marginwatch::Decimal& localPercent, const marginwatch::Decimal& exchangePercent);
    void statusChanged();

private:
    void wire();
    void goLive();
    void onListenKey(const HttpResult& result);
    void onUserFlowing();
    void onSnapshot(const AccountSnapshot& snapshot);
    void onEvent(const UserDataEvent& event, qint64 receivedAtMs);
    void applyEvent(const UserDataEvent& event);
    void applyToBook(const UserDataEvent& event);
    void onMarks(const QList<MarkPriceUpdate>& marks, qint64 receivedAtMs);
    void fallBack(const QString& reason, bool retryAtOnce = false);
    void setMode(Mode mode, const QString& reason);
    void keepAlive();
    void requestReconcile();
    bool fitsBudget(int weight, qint64* at = nullptr) const;
    void noteConfiguredSymbols(const AccountSnapshot& snapshot);
    void askForNewSymbolConfig();
    void fetchBrackets();
    void checkWatchdog();
    void publish();
    qint64 serverNowMs() const;
    qint64 localNowMs() const;

    LiveTuning m_live;
    ClientTuning m_tuning;
    QUrl m_streamBase;
    std::unique_ptr<AccountPoller> m_ownedPoller;
    AccountPoller* m_poller = nullptr;
    UserDataStream m_user;
    MarkPriceStream m_marks;
    LiveBook m_book;
    Backoff m_backoff;
    Backoff m_marketBackoff;
    RequestWeightMeter m_weight;
    QTimer m_retryTimer;
    QTimer m_keepAliveTimer;
    QTimer m_watchdog;
    QTimer m_marketRetry;
    QTimer m_publish;   // one snapshot for the ticks and events of one event-loop pass
    QTimer m_reconcile; // a reconciliation asked for within minReconcileGap of the last one
    qint64 m_lastRestAtMs = 0;
    Mode m_mode = Mode::Polling;
    QString m_pollingReason;
    QString m_listenKey;
    quint64 m_generation = 0; // answers to an abandoned attempt are ignored
    bool m_started = false;
    bool m_awaitingSnapshot = false; // the stream flows; the snapshot it builds on is on its way
    bool m_reconcilePending = false;
    QList<UserDataEvent> m_buffered;
    QList<UserDataEvent> m_recent;     // applied while live and not yet in a REST snapshot
    QSet<QString> m_configuredSymbols; // symbols the poller's cached symbolConfig has
    QSet<QString> m_askedSymbols;      // asked for once already (the exchange may not list them)
    qint64 m_lastEventAtMs = 0;
    qint64 m_lastMarkAtMs = 0;
    qint64 m_bracketsFetchedAtMs = 0;
    std::optional<Decimal> m_largestDifference;
    int m_reconciliations = 0;
};

} // namespace marginwatch
