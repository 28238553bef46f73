#include "gui/TrayAlerts.h"

#include "alerts/StalenessWatch.h"
#include "gui/ConnectionStatusBar.h"
#include "gui/TrayIcons.h"
#include "model/AccountSemantics.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QMenu>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

QString ratioText(std::optional<double> percent)
{
    return percent ? percentText(*percent) : TrayAlerts::tr("n/a");
}

QString zoneName(AccountZone zone)
{
    switch (zone) {
    case AccountZone::Normal:
        return TrayAlerts::tr("normal");
    case AccountZone::Warning:
        return TrayAlerts::tr("warning");
    case AccountZone::Danger:
        return TrayAlerts::tr("danger");
    case AccountZone::Stale:
        return TrayAlerts::tr("stale");
    case AccountZone::Error:
        return TrayAlerts::tr("error");
    }
    return {};
}

} // namespace

TrayAlerts::TrayAlerts(QObject* parent, bool withIcon)
    : QObject(parent)
{
    if (withIcon) {
        m_tray = new QSystemTrayIcon(TrayIcons::icon(m_zone), this);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                Q_EMIT activated();
        });
        m_tray->show();
        m_ageTick.setInterval(5000);
        connect(&m_ageTick, &QTimer::timeout, this, &TrayAlerts::update);
        m_ageTick.start();
    }
    update();
}

TrayAlerts::~TrayAlerts() = default;

void TrayAlerts::setContextMenu(QMenu* menu)
{
    if (m_tray)
        m_tray->setContextMenu(menu);
}

void TrayAlerts::setThresholds(const MarginThresholds& thresholds)
{
    m_margin.setThresholds(thresholds);
}

void TrayAlerts::setAccountName(const QString& name)
{
    m_accountName = name;
    update();
}

void TrayAlerts::watch(StalenessWatch* staleness)
{
    if (m_staleness)
        m_staleness->disconnect(this);
    m_staleness = staleness;
    if (!staleness)
        return;
    connect(staleness, &StalenessWatch::alertDue, this, [this] {
        if (m_paused)
            return; // the user stopped the updates and knows
        m_staleAlerted = true;
        const qint64 age = m_now() - m_staleness->lastGoodMs();
        notify(tr("Data is stale"),
               tr("%1 has not updated for %2 s. The figures shown may be out of date.")
                   .arg(m_accountName)
                   .arg(age / 1000),
               true);
    });
    connect(staleness, &StalenessWatch::staleChanged, this, [this](bool stale) {
        update();
        if (stale || !m_staleAlerted)
            return;
        m_staleAlerted = false;
        notify(tr("Data is fresh again"), tr("%1 is updating again.").arg(m_accountName), false);
    });
    update();
}

void TrayAlerts::setError(bool error)
{
    m_error = error;
    update();
}

void TrayAlerts::setPaused(bool paused)
{
    m_paused = paused;
    update();
}

void TrayAlerts::reset()
{
    m_margin.reset();
    m_staleAlerted = false;
    m_error = false;
    m_paused = false;
    m_totals.reset();
    update();
}

void TrayAlerts::setOverview(AccountZone worstZone, const QString& worstAccount, int count)
{
    if (worstZone == m_overviewZone && worstAccount == m_overviewWorst && count == m_overviewCount)
        return;
    m_overviewZone = worstZone;
    m_overviewWorst = worstAccount;
    m_overviewCount = count;
    update();
}

void TrayAlerts::snapshotArrived(const AccountSnapshot& snapshot)
{
    m_totals = snapshot.totals;
    m_error = false;
    const std::optional<double> percent = marginRatioPercent(snapshot.totals);
    const std::optional<MarginAlert> alert = m_margin.update(percent);
    update();
    if (!alert)
        return;
    const QString ratio = ratioText(percent);
    const MarginThresholds t = m_margin.thresholds();
    switch (alert->to) {
    case MarginLevel::Danger:
        notify(tr("Margin ratio in danger: %1").arg(ratio),
               tr("%1: the margin ratio reached %2 (danger from %3 %). At 100 % positions are liquidated.")
                   .arg(m_accountName, ratio, QLocale().toString(t.dangerPercent, 'f', 0)),
               true);
        break;
    case MarginLevel::Warning:
        if (alert->isEscalation())
            notify(tr("Margin ratio warning: %1").arg(ratio),
                   tr("%1: the margin ratio reached %2 (warning from %3 %).")
                       .arg(m_accountName, ratio, QLocale().toString(t.warningPercent, 'f', 0)),
                   false);
        else
            notify(tr("Margin ratio below danger: %1").arg(ratio),
                   tr("%1: the margin ratio fell back to %2.").arg(m_accountName, ratio), false);
        break;
    case MarginLevel::Normal:
        notify(tr("Margin ratio back to normal: %1").arg(ratio),
               tr("%1: the margin ratio fell back to %2.").arg(m_accountName, ratio), false);
        break;
    case MarginLevel::Unknown:
        break;
    }
}

void TrayAlerts::showNotice(const QString& title, const QString& message)
{
    if (m_tray)
        m_tray->showMessage(title, message, QSystemTrayIcon::Information, 10000);
}

void TrayAlerts::notify(const QString& title, const QString& message, bool critical)
{
    if (m_tray)
        m_tray->showMessage(title, message,
                            critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Information, 10000);
    if (m_sound)
        QApplication::beep();
    Q_EMIT notified(title, message);
}

void TrayAlerts::update()
{
    const bool stale = m_staleness && m_staleness->isStale();
    const AccountZone own = accountZone(m_margin.level(), stale, m_error);
    const AccountZone zone = m_overviewCount > 0 ? worseZone(own, m_overviewZone) : own;
    if (zone != m_zone) {
        m_zone = zone;
        if (m_tray)
            m_tray->setIcon(TrayIcons::icon(zone));
    }

    QStringList lines{m_accountName.isEmpty() ? tr("marginwatch")
                                              : tr("marginwatch — %1").arg(m_accountName)};
    if (m_totals) {
        const Decimal& balance = m_totals->totalMarginBalance;
        lines << tr("Margin ratio %1 · margin balance %2")
                     .arg(ratioText(marginRatioPercent(*m_totals)), balance.toDisplayString(2, true));
    }
    const qint64 lastGood = m_staleness ? m_staleness->lastGoodMs() : 0;
    const QString at =
        QLocale().toString(QDateTime::fromMSecsSinceEpoch(lastGood).time(), QLocale::ShortFormat);
    const QString ago = ConnectionStatusBar::countdown(m_now() - lastGood);
    if (m_error)
        lines << tr("Stopped: open the window to see why");
    else if (lastGood <= 0)
        lines << (m_paused ? tr("Paused") : tr("No data yet"));
    else if (m_paused)
        lines << tr("Paused — updated %1 (%2 ago)").arg(at, ago);
    else if (stale)
        lines << tr("Stale — updated %1 (%2 ago)").arg(at, ago);
    else
        lines << tr("Updated %1 (%2 ago)").arg(at, ago);
    if (m_overviewCount > 0 && !m_overviewWorst.isEmpty())
        lines << tr("Worst of %1 accounts: %2 (%3)")
                     .arg(m_overviewCount)
                     .arg(m_overviewWorst, zoneName(m_overviewZone));
    m_toolTip = lines.join(u'\n');
    if (m_tray)
        m_tray->setToolTip(m_toolTip);
}

} // namespace marginwatch
