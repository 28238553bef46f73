#pragma once

#include "alerts/MarginAlertTracker.h"
#include "model/AccountSnapshot.h"

#include <QObject>
#include <QStringList>

class QSystemTrayIcon;
class QMenu;

namespace marginwatch {

// The tray icon with a one-line summary, and the notifications a trader wants without watching the
// window: margin ratio crossing the warning or danger threshold (once per crossing, with hysteresis)
// and data stale for too long. Works without a system tray too: the notifications are then logged in
// sentNotifications() and shown in the status bar by the window.
class TrayAlerts : public QObject
{
    Q_OBJECT
public:
    explicit TrayAlerts(QObject* parent = nullptr);
    ~TrayAlerts() override;

    void setThresholds(const MarginThresholds& thresholds);
    void setStaleAfterSeconds(int seconds);
    void setSound(bool on) { m_sound = on; }
    void setAccountName(const QString& name);
    void setContextMenu(QMenu* menu);

    void snapshotArrived(const AccountSnapshot& snapshot, qint64 nowMs);
    void checkStale(qint64 nowMs); // called on the window's status tick
    void reset();                  // another account

    QString toolTip() const { return m_toolTip; }
    QStringList sentNotifications() const { return m_sent; } // titles, oldest first

Q_SIGNALS:
    void notified(const QString& title, const QString& message);
    void activated(); // tray icon clicked: show the window

private:
    void notify(const QString& title, const QString& message, bool critical);
    void updateToolTip();

    QSystemTrayIcon* m_tray = nullptr;
    MarginAlertTracker m_margin;
    StaleAlertTracker m_stale;
    int m_staleSeconds = 60;
    bool m_sound = false;
    QString m_accountName;
    QString m_summary;
    QString m_toolTip;
    QStringList m_sent;
};

} // namespace marginwatch
