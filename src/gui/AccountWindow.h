#pragma once

#include "api/AccountPoller.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

class QFrame;
class QLabel;
class QProgressBar;

namespace marginwatch {

class DemoSession;
class HistoryStore;

// Which exchange the window watches; shown so that nobody confuses a demo with real money.
struct EnvironmentInfo
{
    enum class Kind { Production, Demo, Custom };
    Kind kind = Kind::Demo;
    QUrl url;

    static EnvironmentInfo forUrl(const QUrl& url); // production for fapi.binance.com, else custom
    QString badgeText() const;
};

// The main window: environment and mode badges, totals with change highlighting, margin ratio,
// a problem banner with the plain-language diagnosis, and the connection status. The last good data
// stays on screen through failures and is greyed once it is stale.
class AccountWindow : public QMainWindow
{
    Q_OBJECT
public:
    using SaveFileDialog = std::function<QString(QWidget* parent)>;

    AccountWindow(std::unique_ptr<AccountPoller> poller, EnvironmentInfo environment,
                  std::unique_ptr<DemoSession> demo = {}, HistoryStore* history = nullptr,
                  QWidget* parent = nullptr);
    ~AccountWindow() override;

    void start();
    AccountPoller& poller() { return *m_poller; }

    // Read by tests and by screen readers' accessible names alike.
    QString totalText(const QString& apiName) const;
    QString totalChange(const QString& apiName) const; // "up", "down" or "" while highlighted
    QString environmentBadgeText() const;
    QString accountModeText() const;
    QString positionModeText() const;
    QString problemText() const; // empty when there is no problem
    bool isStale() const { return m_stale; }

    void setSaveFileDialog(SaveFileDialog dialog) { m_saveFileDialog = std::move(dialog); }
    bool exportSnapshot(); // File → Export snapshot

private:
    void buildUi();
    void buildMenus();
    void showSnapshot(const AccountSnapshot& snapshot);
    void showFailure(const ApiFailure& failure);
    void updateStatus();
    void setStale(bool stale);
    void clearHighlights();

    std::unique_ptr<DemoSession> m_demo; // declared first: outlives the poller that talks to it
    std::unique_ptr<AccountPoller> m_poller;
    EnvironmentInfo m_environment;
    HistoryStore* m_history;
    SaveFileDialog m_saveFileDialog;

    QLabel* m_environmentBadge = nullptr;
    QLabel* m_accountModeBadge = nullptr;
    QLabel* m_positionModeBadge = nullptr;
    QFrame* m_problemBanner = nullptr;
    QLabel* m_problemText = nullptr;
    QLabel* m_problemDetails = nullptr;
    QFrame* m_totalsFrame = nullptr;
    QHash<QString, QLabel*> m_totalLabels;
    QLabel* m_marginRatioText = nullptr;
    QProgressBar* m_marginRatioGauge = nullptr;
    QLabel* m_stateLabel = nullptr;
    QLabel* m_ageLabel = nullptr;
    QLabel* m_weightLabel = nullptr;
    QLabel* m_offsetLabel = nullptr;
    QLabel* m_nextLabel = nullptr;

    std::optional<AccountSnapshot> m_shown;
    qint64 m_lastGoodMs = 0;
    bool m_stale = false;
    QTimer m_statusTimer;    // one shared 1 s tick for ages and countdowns
    QTimer m_highlightTimer; // one shared timer ends every highlight of a poll together
};

} // namespace marginwatch
