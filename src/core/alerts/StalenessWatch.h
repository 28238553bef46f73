#pragma once

#include "util/LocalClock.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

namespace marginwatch {

class AccountPoller;

// Whether the figures on screen can still be trusted: the one rule the window (greying) and the tray
// (icon, notification) share. Data is stale once no good snapshot arrived for three poll intervals
// plus a second (a few missed polls, not one slow answer), or at once when polling stopped (a refused
// key waits for the user). It turns fresh with the next good snapshot. Before the first snapshot
// nothing is stale unless polling stopped.
class StalenessWatch : public QObject
{
    Q_OBJECT
public:
    explicit StalenessWatch(LocalClock clock = {}, QObject* parent = nullptr);

    // Follows one poller (nullptr: none). Starts over for each poller.
    void watch(AccountPoller* poller);
    // The stale-data alert: once per stale period, when the data is stale and this old.
    void setAlertAfter(std::chrono::milliseconds age);
    // The window's clock (AccountWindow::setClock); the system clock unless set.
    void setClock(LocalClock clock);

    bool isStale() const { return m_stale; }
    qint64 lastGoodMs() const { return m_lastGoodMs; } // 0 before the first good snapshot

    static std::chrono::milliseconds staleAfter(std::chrono::milliseconds pollInterval);
    static bool isStaleAt(qint64 lastGoodMs, qint64 nowMs, std::chrono::milliseconds pollInterval,
                          bool stopped);

    // Feeds; watch() connects them to the poller.
    void goodUpdate();
    void setStopped(bool stopped);
    void setPollInterval(std::chrono::milliseconds interval);
    // Decides again now; the watch's own timer calls it when the verdict can next change.
    void reevaluate();

Q_SIGNALS:
    void staleChanged(bool stale);
    void alertDue();

private:
    LocalClock m_clock;
    QPointer<AccountPoller> m_poller;
    QTimer m_timer; // armed for the next moment the verdict can change, never ticking
    std::chrono::milliseconds m_pollInterval{5000};
    std::chrono::milliseconds m_alertAfter{60000};
    qint64 m_lastGoodMs = 0;
    bool m_stopped = false;
    bool m_stale = false;
    bool m_alerted = false;
};

} // namespace marginwatch
