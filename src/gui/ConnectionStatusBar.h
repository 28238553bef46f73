#pragma once

#include "util/LocalClock.h"

#include <QPointer>
#include <QStatusBar>
#include <QTimer>

class QLabel;

namespace marginwatch {

class AccountPoller;
class LiveAccount;
class StalenessWatch;

// The connection as the status bar shows it: state, data age, latency, request weight, clock offset
// and when the next request goes out (or how long a ban or rate limit lasts). The window only places
// it; the bar follows the poller and the staleness watch it is given, and counts down on its own
// one-second tick while something is watched.
class ConnectionStatusBar final : public QStatusBar
{
    Q_OBJECT
public:
    explicit ConnectionStatusBar(QWidget* parent = nullptr);

    void watch(AccountPoller* poller, StalenessWatch* staleness); // poller nullptr: not connected
    // Live mode around the watched poller (nullptr: polling only): Live (event age) or Polling (why),
    // and this account's own weight per minute.
    void setLive(LiveAccount* live);
    void setPaused(bool paused); // the user stopped the updates: say so instead of "Stopped"
    void setClock(LocalClock clock) { m_now = std::move(clock); } // the window's; the data age

    // Whole seconds, rounded up ("9 s", "2:05"): the one countdown format of the window.
    static QString countdown(qint64 ms);

private:
    void refresh();

    LocalClock m_now = systemClock();
    QPointer<AccountPoller> m_poller;
    QPointer<LiveAccount> m_live;
    QPointer<StalenessWatch> m_staleness;
    QLabel* m_state = nullptr;
    QLabel* m_age = nullptr;
    QLabel* m_latency = nullptr;
    QLabel* m_weight = nullptr;
    QLabel* m_offset = nullptr;
    QLabel* m_next = nullptr;
    QTimer m_tick;
    bool m_paused = false;
};

} // namespace marginwatch
