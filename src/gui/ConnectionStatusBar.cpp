#include "gui/ConnectionStatusBar.h"

#include "alerts/StalenessWatch.h"
#include "api/AccountPoller.h"
#include "stream/LiveAccount.h"

#include <QDateTime>
#include <QLabel>
#include <QLocale>

#include <algorithm>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

QString stateText(AccountPoller::State state)
{
    switch (state) {
    case AccountPoller::State::Idle:
        return ConnectionStatusBar::tr("Idle");
    case AccountPoller::State::Syncing:
        return ConnectionStatusBar::tr("Synchronising clock…");
    case AccountPoller::State::Polling:
        return ConnectionStatusBar::tr("Updating…");
    case AccountPoller::State::Waiting:
        return ConnectionStatusBar::tr("Connected");
    case AccountPoller::State::BackingOff:
        return ConnectionStatusBar::tr("Retrying");
    case AccountPoller::State::RateLimited:
        return ConnectionStatusBar::tr("Rate limited");
    case AccountPoller::State::Banned:
        return ConnectionStatusBar::tr("Banned by the exchange");
    case AccountPoller::State::Stopped:
        return ConnectionStatusBar::tr("Stopped");
    }
    return {};
}

QLabel* addLabel(ConnectionStatusBar* bar, const QString& objectName, const QString& description,
                 const QString& toolTip = {})
{
    auto* label = new QLabel(bar);
    label->setObjectName(objectName);
    label->setAccessibleDescription(description);
    label->setToolTip(toolTip);
    bar->addPermanentWidget(label);
    return label;
}

} // namespace

ConnectionStatusBar::ConnectionStatusBar(QWidget* parent)
    : QStatusBar(parent)
{
    setObjectName(u"connectionStatusBar"_s);
    m_state = addLabel(this, u"connectionState"_s, tr("Connection state"));
    m_age = addLabel(this, u"lastUpdate"_s, tr("Age of the figures shown"));
    m_latency = addLabel(this, u"latency"_s, tr("Duration of the last request"));
    m_weight =
        addLabel(this, u"requestWeight"_s, tr("Request weight used in the current minute"),
                 tr("Request weight used in the current minute (X-MBX-USED-WEIGHT-1M) and the limit."));
    m_offset = addLabel(this, u"clockOffset"_s, tr("Clock offset to the exchange"),
                        tr("Server clock minus this computer's clock; signed requests are corrected by it."));
    m_next = addLabel(this, u"nextRequest"_s, tr("Time until the next request"));
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &ConnectionStatusBar::refresh);
    refresh();
}

void ConnectionStatusBar::watch(AccountPoller* poller, StalenessWatch* staleness)
{
    if (m_poller)
        m_poller->disconnect(this);
    if (m_staleness)
        m_staleness->disconnect(this);
    m_poller = poller;
    m_staleness = staleness;
    if (poller) {
        connect(poller, &AccountPoller::stateChanged, this, &ConnectionStatusBar::refresh);
        connect(poller, &AccountPoller::statusChanged, this, &ConnectionStatusBar::refresh);
        connect(poller, &AccountPoller::snapshotReady, this, &ConnectionStatusBar::refresh);
        m_tick.start();
    } else {
        m_tick.stop();
    }
    if (staleness)
        connect(staleness, &StalenessWatch::staleChanged, this, &ConnectionStatusBar::refresh);
    refresh();
}

void ConnectionStatusBar::setLive(LiveAccount* live)
{
    if (m_live)
        m_live->disconnect(this);
    m_live = live;
    if (live) {
        connect(live, &LiveAccount::modeChanged, this, &ConnectionStatusBar::refresh);
        connect(live, &LiveAccount::statusChanged, this, &ConnectionStatusBar::refresh);
    }
    refresh();
}

void ConnectionStatusBar::setPaused(bool paused)
{
    m_paused = paused;
    refresh();
}

QString ConnectionStatusBar::countdown(qint64 ms)
{
    const qint64 seconds = std::max<qint64>(0, (ms + 999) / 1000);
    return seconds >= 60 ? u"%1:%2"_s.arg(seconds / 60).arg(seconds % 60, 2, 10, QChar(u'0'))
                         : tr("%1 s").arg(seconds);
}

void ConnectionStatusBar::refresh()
{
    if (!m_poller) {
        m_state->setText(tr("Not connected"));
        for (QLabel* label : {m_age, m_latency, m_weight, m_offset, m_next})
            label->clear();
        return;
    }
    const qint64 now = m_now();
    const AccountPoller& poller = *m_poller;
    const bool paused = m_paused && poller.state() == AccountPoller::State::Stopped;
    QString state = paused ? tr("Paused") : stateText(poller.state());
    if (m_live && !paused && poller.state() != AccountPoller::State::Stopped) {
        const qint64 eventAt = m_live->lastEventAtMs();
        if (m_live->mode() == LiveAccount::Mode::Live)
            state = eventAt > 0 ? tr("Live (event %1 ago)").arg(countdown(now - eventAt)) : tr("Live");
        else
            state = tr("Polling (%1)").arg(m_live->pollingReason());
        QString tip =
            tr("Live mode: the user-data and mark-price streams, reconciled with REST every minute.");
        if (const std::optional<Decimal> largest = m_live->largestRatioDifference())
            tip +=
                u"\n"_s
                + tr("Self-check: the locally computed margin ratio was at most %1 percentage points off the "
                     "exchange's at %2 reconciliations.")
                      .arg(largest->toDisplayString(4), QString::number(m_live->reconciliations()));
        m_state->setToolTip(tip);
    }
    m_state->setText(state);

    const qint64 lastGood = m_staleness ? m_staleness->lastGoodMs() : 0;
    if (lastGood <= 0)
        m_age->setText(tr("no data yet"));
    else if (m_staleness->isStale())
        m_age->setText(tr("stale — last update %1 ago").arg(countdown(now - lastGood)));
    else
        m_age->setText(tr("updated %1 ago").arg(countdown(now - lastGood)));

    const qint64 latency = poller.lastLatency().count();
    m_latency->setText(latency > 0 ? tr("latency %1 ms").arg(latency) : QString());
    const int weight = poller.usedWeight();
    QString weightText = weight < 0 ? QString() : tr("weight %1 / %2").arg(weight).arg(poller.weightLimit());
    if (m_live)
        weightText += (weightText.isEmpty() ? QString() : u" · "_s)
                      + tr("%1 per minute").arg(m_live->weightLastMinute());
    m_weight->setText(weightText);
    m_offset->setText(
        tr("clock offset %1 s").arg(QLocale().toString(poller.clockOffsetMs() / 1000.0, 'f', 2)));
    const QDateTime banned = poller.bannedUntil();
    const QDateTime next = poller.nextPollAt();
    if (banned.isValid())
        m_next->setText(tr("paused for %1").arg(countdown(banned.toMSecsSinceEpoch() - now)));
    else if (next.isValid())
        m_next->setText(tr("next in %1").arg(countdown(next.toMSecsSinceEpoch() - now)));
    else
        m_next->clear();
}

} // namespace marginwatch
