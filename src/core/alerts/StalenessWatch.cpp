#include "alerts/StalenessWatch.h"

#include "api/AccountPoller.h"

#include <algorithm>

namespace marginwatch {

StalenessWatch::StalenessWatch(LocalClock clock, QObject* parent)
    : QObject(parent)
    , m_clock(clock ? std::move(clock) : systemClock())
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &StalenessWatch::reevaluate);
}

std::chrono::milliseconds StalenessWatch::staleAfter(std::chrono::milliseconds pollInterval)
{
    return 3 * pollInterval + std::chrono::seconds(1);
}

bool StalenessWatch::isStaleAt(qint64 lastGoodMs, qint64 nowMs, std::chrono::milliseconds pollInterval,
                               bool stopped)
{
    if (stopped)
        return true; // nothing more is coming until the user acts
    return lastGoodMs > 0 && nowMs - lastGoodMs > staleAfter(pollInterval).count();
}

void StalenessWatch::watch(AccountPoller* poller)
{
    if (m_poller)
        m_poller->disconnect(this);
    m_poller = poller;
    m_lastGoodMs = 0;
    m_stopped = false;
    m_alerted = false;
    if (poller) {
        m_pollInterval = poller->pollInterval();
        m_stopped = poller->state() == AccountPoller::State::Stopped;
        connect(poller, &AccountPoller::snapshotReady, this, &StalenessWatch::goodUpdate);
        connect(poller, &AccountPoller::stateChanged, this,
                [this](AccountPoller::State state) { setStopped(state == AccountPoller::State::Stopped); });
    }
    reevaluate();
}

void StalenessWatch::setClock(LocalClock clock)
{
    m_clock = clock ? std::move(clock) : systemClock();
}

void StalenessWatch::setAlertAfter(std::chrono::milliseconds age)
{
    m_alertAfter = age;
    reevaluate();
}

void StalenessWatch::setPollInterval(std::chrono::milliseconds interval)
{
    m_pollInterval = interval;
    reevaluate();
}

void StalenessWatch::goodUpdate()
{
    m_lastGoodMs = m_clock();
    m_stopped = false;
    m_alerted = false;
    reevaluate();
}

void StalenessWatch::setStopped(bool stopped)
{
    m_stopped = stopped;
    reevaluate();
}

void StalenessWatch::reevaluate()
{
    m_timer.stop();
    const qint64 now = m_clock();
    const bool stale = isStaleAt(m_lastGoodMs, now, m_pollInterval, m_stopped);
    if (stale != m_stale) {
        m_stale = stale;
        Q_EMIT staleChanged(stale);
    }
    if (m_lastGoodMs <= 0)
        return;
    const qint64 age = now - m_lastGoodMs;
    if (stale && !m_alerted && age >= m_alertAfter.count()) {
        m_alerted = true;
        Q_EMIT alertDue();
    }
    // Wake up when the verdict or the alert can next change; a snapshot re-evaluates earlier.
    qint64 next = -1;
    if (!stale)
        next = staleAfter(m_pollInterval).count() + 1 - age;
    else if (!m_alerted)
        next = m_alertAfter.count() - age;
    if (next >= 0)
        m_timer.start(static_cast<int>(std::clamp<qint64>(next, 0, 24LL * 3600 * 1000)));
}

} // namespace marginwatch
