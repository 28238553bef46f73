#pragma once

#include "alerts/AccountZone.h"
#include "alerts/MarginAlertTracker.h"
#include "model/AccountSnapshot.h"
#include "util/LocalClock.h"

#include <QObject>
#include <QPointer>
#include <QSystemTrayIcon>
#include <QTimer>

#include <optional>

class QMenu;

namespace marginwatch {

class StalenessWatch;

// The tray icon and the notifications a trader wants without watching the window. The icon shows the
// zone (normal, warning, danger, stale, error); its tool tip names the account, the margin ratio and
// margin balance and the age of the data; its menu is the window's. Notifications: the margin ratio
// crossing the warning or danger threshold (once per crossing, with hysteresis) and data stale for too
// long. Without a system tray every notification is still signalled and the window shows it.
class TrayAlerts : public QObject
{
    Q_OBJECT
public:
    // withIcon: put an icon in the system tray; by default when the desktop has a tray.
    explicit TrayAlerts(QObject* parent = nullptr, bool withIcon = QSystemTrayIcon::isSystemTrayAvailable());
    ~TrayAlerts() override;

    bool hasIcon() const { return m_tray != nullptr; }
    void setContextMenu(QMenu* menu);

    void setThresholds(const MarginThresholds& thresholds);
    void setSound(bool on) { m_sound = on; }
    void setClock(LocalClock clock) { m_now = std::move(clock); } // the window's; the data age
    void setAccountName(const QString& name);
    // Stale-data notifications and the stale zone follow the window's own notion of stale.
    void watch(StalenessWatch* staleness);
    void setError(bool error); // nothing is coming until the user acts
    void setPaused(bool paused);

    // The accounts overview: the icon shows the worse of this account's zone and the worst open
    // account's, and the tool tip names that account. count 0: no overview.
    void setOverview(AccountZone worstZone, const QString& worstAccount, int count);

    void snapshotArrived(const AccountSnapshot& snapshot);
    void reset(); // another account
    // An alert of another account (the accounts overview), raised as this account's own are; its
    // text names the account.
    void showAlert(const QString& title, const QString& message, bool critical)
    {
        notify(title, message, critical);
    }
    // A one-off piece of information (not an alert): no sound, not repeated in the window's log.
    void showNotice(const QString& title, const QString& message);

    AccountZone zone() const { return m_zone; } // what the icon shows
    QString toolTip() const { return m_toolTip; }

Q_SIGNALS:
    void notified(const QString& title, const QString& message);
    void activated(); // tray icon clicked: show the window

private:
    void notify(const QString& title, const QString& message, bool critical);
    void update();

    LocalClock m_now = systemClock();
    QSystemTrayIcon* m_tray = nullptr;
    QPointer<StalenessWatch> m_staleness;
    MarginAlertTracker m_margin;
    QTimer m_ageTick; // the data age in the tool tip
    AccountZone m_zone = AccountZone::Normal;
    bool m_staleAlerted = false;
    bool m_error = false;
    bool m_paused = false;
    bool m_sound = false;
    QString m_accountName;
    AccountZone m_overviewZone = AccountZone::Normal;
    QString m_overviewWorst;
    int m_overviewCount = 0;
    std::optional<AccountTotals> m_totals;
    QString m_toolTip;
};

} // namespace marginwatch
