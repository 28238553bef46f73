#pragma once

#include "gui/SessionFactory.h"
#include "settings/Preferences.h"
#include "util/LocalClock.h"

#include <QMainWindow>

#include <functional>
#include <memory>
#include <optional>

class QAction;
class QCheckBox;
class QDockWidget;
class QMenu;
class QSplitter;
class QTabWidget;
class QTimer;

namespace marginwatch {

class AccountSortFilterProxy;
class AccountsOverviewPanel;
class AccountsWatch;
class AccountTableView;
class AssetTableModel;
class ChangeHighlightDelegate;
class ConnectionStatusBar;
class HighlightClock;
class HistoryStore;
class KeySafetyLabel;
class PositionTableModel;
class ProblemBanner;
class SecretStore;
class SessionHeader;
class SettingsStore;
class StalenessWatch;
class StressView;
class TotalsModel;
class TotalsPanel;
class TrayAlerts;

// The main window: the session header (account, exchange, modes), totals with change highlighting and
// the margin-ratio gauge, positions and assets tables, the problem banner and the connection status
// bar. It places those parts and hands them the session; the last good data stays on screen through
// failures and is greyed while the StalenessWatch calls it stale.
class AccountWindow : public QMainWindow
{
    Q_OBJECT
public:
    using SaveFileDialog = std::function<QString(QWidget* parent)>;

    // trayIcon: whether to put an icon in the system tray; by default when the desktop has a tray.
    explicit AccountWindow(HistoryStore* history = nullptr, QWidget* parent = nullptr,
                           std::optional<bool> trayIcon = {});
    ~AccountWindow() override;

    // Persistence and profiles; without them the window still works, it just remembers nothing.
    void setStores(SettingsStore* settings, SecretStore* secrets);
    void applyPreferences(const Preferences& preferences);
    // The one clock of the window: when the models say values changed, the highlights' fade, the
    // data age in the status bar and the tray, and when data turns stale. The system clock unless
    // set (tests).
    void setClock(LocalClock clock);

    // Replaces what the window watches (another profile): the models reset, alerts re-arm.
    void setSession(std::unique_ptr<Session> session);
    void showSessionError(const QString& message); // a profile that could not be opened
    // Opens a saved profile through SessionFactory and starts watching it (needs setStores()). When its
    // API secret cannot be read (none stored, no keychain), asks for it instead of failing.
    void openProfile(const QString& profileId, const TypedSecrets& typed = {});
    void start();
    // F5 and the banner's Retry: one attempt now, also after polling stopped on a refused key.
    void retryNow();
    AccountPoller* poller() const { return m_session ? m_session->poller.get() : nullptr; }

    void setHideEmptyRows(bool hideZeroAssets, bool hideClosedPositions);
    void setSaveFileDialog(SaveFileDialog dialog) { m_saveFileDialog = std::move(dialog); }
    bool exportSnapshot(); // File → Export snapshot
    void openSettings(bool addProfile = false);

    bool hasTrayIcon() const;
    void showAndRaise(); // tray click, a second launch
    void setPaused(bool paused);
    void quit(); // the explicit way out (menu, Ctrl+Q, tray menu)

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildUi();
    void buildMenus();
    void buildLanguageMenu(QMenu* view);
    void restoreState();
    void restoreOpenAccounts();
    void saveState();
    void showSnapshot(const AccountSnapshot& snapshot);
    void showFailure(const ApiFailure& failure);
    void askForSecret(const Profile& profile, const QString& why);
    void setStale(bool stale);
    void noteKeyPermissions(const KeyPermissions& permissions);
    void enterPortfolioMargin();
    void showPortfolioMargin(const PortfolioMarginSnapshot& snapshot);
    void updateTitle();

    std::unique_ptr<Session> m_session;
    HistoryStore* m_history;
    SettingsStore* m_settings = nullptr;
    SecretStore* m_secrets = nullptr;
    QString m_openedProfileId; // the profile last opened, to try again after it failed
    Preferences m_preferences;
    SaveFileDialog m_saveFileDialog;

    HighlightClock* m_clock = nullptr;
    StalenessWatch* m_staleness = nullptr;
    TrayAlerts* m_alerts = nullptr;
    SessionHeader* m_header = nullptr;
    ProblemBanner* m_banner = nullptr;
    ConnectionStatusBar* m_statusBar = nullptr;
    TotalsModel* m_totalsModel = nullptr;
    TotalsPanel* m_totals = nullptr;
    QSplitter* m_splitter = nullptr;
    QTabWidget* m_tabs = nullptr;
    PositionTableModel* m_positionModel = nullptr;
    AssetTableModel* m_assetModel = nullptr;
    AccountTableView* m_positionsView = nullptr;
    AccountTableView* m_assetsView = nullptr;
    ChangeHighlightDelegate* m_positionsDelegate = nullptr;
    ChangeHighlightDelegate* m_assetsDelegate = nullptr;
    QCheckBox* m_hideClosed = nullptr;
    QCheckBox* m_hideZero = nullptr;
    StressView* m_stress = nullptr;
    KeySafetyLabel* m_keySafety = nullptr;
    std::optional<KeyPermissions> m_keyPermissions;
    bool m_refusedByFutures = false; // the last poll ended in -2015
    bool m_portfolioMargin = false;
    QTimer* m_portfolioTimer = nullptr;

    std::optional<AccountSnapshot> m_shown;
    bool m_columnsSized = false;
    bool m_paused = false;
    bool m_quitting = false;
    bool m_closeNoticeShown = false; // without a SettingsStore
    QAction* m_pauseAction = nullptr;
    AccountsWatch* m_accounts = nullptr; // the overview's accounts, each polled on its own
    AccountsOverviewPanel* m_overview = nullptr;
    QDockWidget* m_overviewDock = nullptr;
};

} // namespace marginwatch
