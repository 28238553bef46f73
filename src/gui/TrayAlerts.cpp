#include "gui/TrayAlerts.h"

#include "alerts/StalenessWatch.h"
#include "model/AccountSemantics.h"

#include <QApplication>
#include <QDateTime>
#include <QIcon>
#include <QLocale>
#include <QSystemTrayIcon>

namespace marginwatch {

using namespace Qt::StringLiterals;

TrayAlerts::TrayAlerts(QObject* parent)
    : QObject(parent)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                Q_EMIT activated();
        });
        m_tray->show();
    }
    updateToolTip();
}

TrayAlerts::~TrayAlerts() = default;

void TrayAlerts::setThresholds(const MarginThresholds& thresholds)
{
    m_margin.setThresholds(thresholds);
}

void TrayAlerts::setAccountName(const QString& name)
{
    m_accountName = name;
    updateToolTip();
}

void TrayAlerts::watch(StalenessWatch* staleness)
{
    if (m_staleness)
        m_staleness->disconnect(this);
    m_staleness = staleness;
    if (!staleness)
        return;
    connect(staleness, &StalenessWatch::alertDue, this, [this] {
        m_staleAlerted = true;
        const qint64 age = QDateTime::currentMSecsSinceEpoch() - m_staleness->lastGoodMs();
        notify(tr("Data is stale"),
               tr("%1 has not updated for %2 s. The figures shown may be out of date.")
                   .arg(m_accountName)
                   .arg(age / 1000),
               true);
    });
    connect(staleness, &StalenessWatch::staleChanged, this, [this](bool stale) {
        if (stale || !m_staleAlerted)
            return;
        m_staleAlerted = false;
        notify(tr("Data is fresh again"), tr("%1 is updating again.").arg(m_accountName), false);
    });
}

void TrayAlerts::reset()
{
    m_margin.reset();
    m_staleAlerted = false;
    m_summary.clear();
    updateToolTip();
}

void TrayAlerts::snapshotArrived(const AccountSnapshot& snapshot)
{
    std::optional<double> percent;
    if (const std::optional<double> ratio = marginRatio(snapshot.totals))
        percent = *ratio * 100.0;
    const QString ratioText = percent ? QLocale().toString(*percent, 'f', 2) + u" %"_s : tr("n/a");
    m_summary = tr("Margin ratio %1 · margin balance %2")
                    .arg(ratioText, snapshot.totals.totalMarginBalance.toString());
    updateToolTip();

    const std::optional<MarginAlert> alert = m_margin.update(percent);
    if (!alert)
        return;
    const MarginThresholds t = m_margin.thresholds();
    switch (alert->to) {
    case MarginLevel::Danger:
        notify(tr("Margin ratio in danger: %1").arg(ratioText),
               tr("%1: the margin ratio reached %2 (danger from %3 %). At 100 % positions are liquidated.")
                   .arg(m_accountName, ratioText, QLocale().toString(t.dangerPercent, 'f', 0)),
               true);
        break;
    case MarginLevel::Warning:
        if (alert->isEscalation())
            notify(tr("Margin ratio warning: %1").arg(ratioText),
                   tr("%1: the margin ratio reached %2 (warning from %3 %).")
                       .arg(m_accountName, ratioText, QLocale().toString(t.warningPercent, 'f', 0)),
                   false);
        else
            notify(tr("Margin ratio below danger: %1").arg(ratioText),
                   tr("%1: the margin ratio fell back to %2.").arg(m_accountName, ratioText), false);
        break;
    case MarginLevel::Normal:
        notify(tr("Margin ratio back to normal: %1").arg(ratioText),
               tr("%1: the margin ratio fell back to %2.").arg(m_accountName, ratioText), false);
        break;
    case MarginLevel::Unknown:
        break;
    }
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

void TrayAlerts::updateToolTip()
{
    m_toolTip = m_summary.isEmpty() ? tr("marginwatch — %1").arg(m_accountName)
                                    : tr("marginwatch — %1\n%2").arg(m_accountName, m_summary);
    if (m_tray)
        m_tray->setToolTip(m_toolTip);
}

} // namespace marginwatch
