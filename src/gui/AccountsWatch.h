#pragma once

#include "alerts/AccountZone.h"
#include "alerts/MarginAlertTracker.h"
#include "api/ClientTuning.h"
#include "api/WeightGovernorPool.h"
#include "settings/Profile.h"
#include "util/LocalClock.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <map>
#include <memory>

namespace marginwatch {

class AccountPoller;
class AccountsOverviewModel;
class HistoryStore;
class LiveAccount;
class SecretStore;
struct Session;

// The accounts of the overview, each watched on its own (its own session and poller through
// SessionFactory, its own margin alerts and history series), every poller of one host sharing that
// host's weight budget. Feeds AccountsOverviewModel; every notification names its account.
//
// The account the window shows is not polled twice: while the window's session belongs to an open
// account, that account's row follows the window's poller and its alerts and history are the
// window's; when the window turns to another account the row gets its own session back.
class AccountsWatch : public QObject
{
    Q_OBJECT
public:
    explicit AccountsWatch(SecretStore* secrets = nullptr, QObject* parent = nullptr,
                           int budgetPercent = WeightGovernor::kDefaultBudgetPercent);
    ~AccountsWatch() override;

    AccountsOverviewModel* model() const { return m_model; }
    void setSecretStore(SecretStore* secrets) { m_secrets = secrets; }
    void setHistory(HistoryStore* history) { m_history = history; }
    void setTuning(const ClientTuning& tuning) { m_tuning = tuning; } // tests shorten the timings
    void setThresholds(const MarginThresholds& thresholds);
    void setClock(LocalClock clock);

    // Opens the profile (asynchronously: the keychain may ask first); its row says so meanwhile.
    void open(const Profile& profile);
    void close(const QString& profileId);
    bool isOpen(const QString& profileId) const { return m_accounts.count(profileId) > 0; }
    int count() const { return static_cast<int>(m_accounts.size()); }
    QStringList openIds() const;        // in the order they were opened
    QString profileIdAt(int row) const; // empty for the aggregate row
    QString nameOf(const QString& profileId) const;
    // The row follows the window's poller (the window shows this account): it has none of its own.
    bool followsWindow(const QString& profileId) const;

    // The window's session (nullptr before it lets go of it). Call with nullptr before the session
    // is destroyed and with the new one before it starts.
    void setWindowSession(Session* session);
    // The host's shared budget, for the window's own poller.
    std::shared_ptr<WeightGovernor> governorFor(const QUrl& baseUrl) { return m_governors.forHost(baseUrl); }

    // The overview as STEM-overview.csv has it (header, then the accounts in the overview's order;
    // the state in the headless run's words: ok, stale, no data, authentication failed).
    QList<QStringList> overviewCsvRows() const;

    // When an account's figures count as stale: three of its expected gaps, at least 15 s. The gap is
    // its poll interval, or longer when the host's budget paces the accounts on it more slowly (one
    // round of `accountsOnHost` cycles, `cycleSpacingMs` apart).
    static qint64 staleAfterMs(qint64 intervalMs, int accountsOnHost, qint64 cycleSpacingMs);

    // The zone of the worst open account (Normal when none is open), and its name.
    AccountZone worstZone() const;
    QString worstAccount() const;
    // "N accounts · W weight/min of budget B" (W: the busiest host's current window), empty when none
    // is open.
    QString statusText() const;

Q_SIGNALS:
    void changed(); // a row, the zone or the status text changed
    void notified(const QString& title, const QString& message, bool critical);
    void openedIdsChanged(const QStringList& ids);

private:
    struct Watched;
    void startOwnSession(Watched& account);
    void started(Watched& account, std::unique_ptr<Session> session);
    void follow(Watched& account, AccountPoller* poller, LiveAccount* live, bool own);
    void snapshotArrived(Watched& account, const struct AccountSnapshot& snapshot);
    void publish(const Watched& account);
    void refreshAges();
    Watched* find(const QString& profileId);
    QString uniqueName(const QString& wanted) const;

    SecretStore* m_secrets;
    HistoryStore* m_history = nullptr;
    AccountsOverviewModel* m_model;
    WeightGovernorPool m_governors;
    ClientTuning m_tuning;
    MarginThresholds m_thresholds;
    LocalClock m_now = systemClock();
    std::map<QString, std::unique_ptr<Watched>> m_accounts; // by profile id
    QStringList m_order;                                    // profile ids, as opened
    QString m_windowProfileId;                              // the window's session's profile
    QPointer<AccountPoller> m_windowPoller;
    QPointer<LiveAccount> m_windowLive;
    QTimer m_ageTick; // data ages and staleness, once a second
};

} // namespace marginwatch
