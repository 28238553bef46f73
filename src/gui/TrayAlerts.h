#pragma once

#include "alerts/MarginAlertTracker.h"
#include "model/AccountSnapshot.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

class QSystemTrayIcon;

namespace marginwatch {

class StalenessWatch;

// The tray icon with a one-line summary, and the notifications a trader wants without watching the
// window: margin ratio crossing the warning or danger threshold (once per crossing, with hysteresis)
// and data stale for too long. Works without a system tray too: every notification is also signalled,
// and the window shows it in its status bar.
class TrayAlerts : public QObject
{
    Q_OBJECT
public:
    explicit TrayAlerts(QObject* parent = nullptr);
    ~TrayAlerts() override;

    void setThresholds(const MarginThresholds& thresholds);
    void setSound(bool on) { m_sound = on; }
    void setAccountName(const QString& name);
    // Stale-data notifications follow the window's own notion of stale.
    void watch(StalenessWatch* staleness);

    void snapshotArrived(const AccountSnapshot& snapshot);
    void reset(); // another account

    QString toolTip() const { return m_toolTip; }

Q_SIGNALS:
    void notified(const QString& title, const QString& message);
    void activated(); // tray icon clicked: show the window

private:
    void notify(const QString& title, const QString& message, bool critical);
    void updateToolTip();

    QSystemTrayIcon* m_tray = nullptr;
    QPointer<StalenessWatch> m_staleness;
    MarginAlertTracker m_margin;
    bool m_staleAlerted = false;
    bool m_sound = false;
    QString m_accountName;
    QString m_summary;
    QString m_toolTip;
};

} // namespace marginwatch
