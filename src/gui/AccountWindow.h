#pragma once

#include "gui/EnvironmentInfo.h"
#include "gui/SessionFactory.h"
#include "settings/Preferences.h"

#include <QMainWindow>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class QCheckBox;
class QFrame;
class QLabel;
class QPushButton;
class QSplitter;
class QTabWidget;

namespace marginwatch {

class AccountSortFilterProxy;
class AccountTableView;
class AssetTableModel;
class ChangeHighlightDelegate;
class HighlightClock;
class HistoryStore;
class PositionTableModel;
class SecretStore;
class SettingsStore;
class TotalsPanel;
class TrayAlerts;

// The main window: environment and mode badges, totals with change highlighting and the margin-ratio
// gauge, positions and assets tables, a problem banner with the plain-language diagnosis, and the
// connection status. The last good data stays on screen through failures and is greyed once stale.
class AccountWindow : public QMainWindow
{
    Q_OBJECT
public:
    using SaveFileDialog = std::function<QString(QWidget* parent)>;

    explicit AccountWindow(HistoryStore* history = nullptr, QWidget* parent = nullptr);
    ~AccountWindow() override;

    // Persistence and profiles; without them the window still works, it just remembers nothing.
    void setStores(SettingsStore* settings, SecretStore* secrets);
    void applyPreferences(const Preferences& preferences);
    const Preferences& preferences() const { return m_preferences; }

    // Replaces what the window watches (another profile): the models reset, alerts re-arm.
    void setSession(std::unique_ptr<Session> session);
    void showSessionError(const QString& message); // a profile that could not be opened
    // Opens a saved profile through SessionFactory and starts watching it (needs setStores()).
    void openProfile(const QString& profileId);
    void start();
    bool hasSession() const { return m_session != nullptr; }
    AccountPoller& poller() { return *m_session->poller; }

    // Read by tests and by screen readers' accessible names alike.
    QString totalText(const QString& apiName) const;
    QString totalChange(const QString& apiName) const; // "up", "down" or "" while highlighted
    double totalHighlight(const QString& apiName) const;
    QString marginRatioText() const;
    QString environmentBadgeText() const;
    QString accountModeText() const;
    QString positionModeText() const;
    QString problemText() const; // empty when there is no problem
    bool isStale() const { return m_stale; }
    AccountTableView* positionsView() const { return m_positionsView; }
    AccountTableView* assetsView() const { return m_assetsView; }
    PositionTableModel* positionModel() const { return m_positionModel; }
    AssetTableModel* assetModel() const { return m_assetModel; }
    ChangeHighlightDelegate* highlightDelegate() const { return m_positionsDelegate; }
    HighlightClock* highlightClock() const { return m_clock; }
    TrayAlerts* alerts() const { return m_alerts; }
    void setHideEmptyRows(bool hideZeroAssets, bool hideClosedPositions);

    void setSaveFileDialog(SaveFileDialog dialog) { m_saveFileDialog = std::move(dialog); }
    bool exportSnapshot(); // File → Export snapshot
    void openSettings(bool addProfile = false);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildUi();
    void buildMenus();
    void restoreState();
    void saveState();
    void showSnapshot(const AccountSnapshot& snapshot);
    void showFailure(const ApiFailure& failure);
    void showProblem(const QString& text, const QString& details);
    void updateStatus();
    void setStale(bool stale);
    void updateTitle();

    std::unique_ptr<Session> m_session;
    HistoryStore* m_history;
    SettingsStore* m_settings = nullptr;
    SecretStore* m_secrets = nullptr;
    Preferences m_preferences;
    SaveFileDialog m_saveFileDialog;

    HighlightClock* m_clock = nullptr;
    TrayAlerts* m_alerts = nullptr;
    QLabel* m_environmentBadge = nullptr;
    QLabel* m_accountModeBadge = nullptr;
    QLabel* m_positionModeBadge = nullptr;
    QLabel* m_profileLabel = nullptr;
    QPushButton* m_addAccountButton = nullptr;
    QFrame* m_problemBanner = nullptr;
    QLabel* m_problemText = nullptr;
    QLabel* m_problemDetails = nullptr;
    TotalsPanel* m_totals = nullptr;
    QSplitter* m_splitter = nullptr;
    QTabWidget* m_tabs = nullptr;
    PositionTableModel* m_positionModel = nullptr;
    AssetTableModel* m_assetModel = nullptr;
    AccountSortFilterProxy* m_positionProxy = nullptr;
    AccountSortFilterProxy* m_assetProxy = nullptr;
    AccountTableView* m_positionsView = nullptr;
    AccountTableView* m_assetsView = nullptr;
    ChangeHighlightDelegate* m_positionsDelegate = nullptr;
    ChangeHighlightDelegate* m_assetsDelegate = nullptr;
    QCheckBox* m_hideClosed = nullptr;
    QCheckBox* m_hideZero = nullptr;
    QLabel* m_stateLabel = nullptr;
    QLabel* m_ageLabel = nullptr;
    QLabel* m_latencyLabel = nullptr;
    QLabel* m_weightLabel = nullptr;
    QLabel* m_offsetLabel = nullptr;
    QLabel* m_nextLabel = nullptr;

    std::optional<AccountSnapshot> m_shown;
    qint64 m_lastGoodMs = 0;
    bool m_stale = false;
    bool m_columnsSized = false;
    QTimer m_statusTimer; // one shared 1 s tick for ages, countdowns and the stale alert
};

} // namespace marginwatch
