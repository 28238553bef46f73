#include "gui/AccountWindow.h"

#include "alerts/StalenessWatch.h"
#include "gui/AccountTableView.h"
#include "gui/AccountsOverviewPanel.h"
#include "gui/AccountsWatch.h"
#include "gui/ChangeHighlightDelegate.h"
#include "gui/ConnectionStatusBar.h"
#include "gui/HighlightClock.h"
#include "gui/ProblemBanner.h"
#include "gui/SecretPromptDialog.h"
#include "gui/SessionHeader.h"
#include "gui/SettingsDialog.h"
#include "gui/Theme.h"
#include "gui/TotalsPanel.h"
#include "gui/TrayAlerts.h"
#include "gui/history/HistoryView.h"
#include "gui/risk/KeySafetyLabel.h"
#include "gui/risk/StressView.h"
#include "io/SnapshotCsvExporter.h"
#include "io/history/HistoryStore.h"
#include "model/AccountSortFilterProxy.h"
#include "model/AccountTableModels.h"
#include "settings/SecretStore.h"
#include "settings/SettingsStore.h"
#include "settings/UiLanguage.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <tuple>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

// One tab of the window: a model behind its sort/filter proxy, shown by a view with the highlight
// delegate, and the checkbox that hides its empty rows (kept in sync with the proxy here).
struct TablePage
{
    AccountSortFilterProxy* proxy;
    AccountTableView* view;
    ChangeHighlightDelegate* delegate;
    QCheckBox* hideEmpty;
};

TablePage addTablePage(QTabWidget* tabs, KeyedTableModel* model, HighlightClock* clock, const QString& name,
                       int sortColumn, const QString& hideText, const QString& title)
{
    auto* page = new QWidget(tabs);
    auto* proxy = new AccountSortFilterProxy(model);
    proxy->setSourceModel(model);
    auto* view = new AccountTableView(page);
    view->setObjectName(name);
    view->setModel(proxy);
    auto* delegate = new ChangeHighlightDelegate(clock, view);
    delegate->setSignedColumns(model->signedColumns());
    view->setItemDelegate(delegate);
    view->sortByColumn(sortColumn, Qt::AscendingOrder);
    auto* hideEmpty = new QCheckBox(hideText, page);
    QObject::connect(hideEmpty, &QCheckBox::toggled, proxy, &AccountSortFilterProxy::setHideEmptyRows);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(hideEmpty);
    layout->addWidget(view, 1);
    tabs->addTab(page, title);
    return {proxy, view, delegate, hideEmpty};
}

} // namespace

AccountWindow::AccountWindow(HistoryStore* history, QWidget* parent, std::optional<bool> trayIcon)
    : QMainWindow(parent)
    , m_history(history)
{
    m_saveFileDialog = [](QWidget* owner) {
        return QFileDialog::getSaveFileName(owner, tr("Export snapshot"), QString(),
                                            tr("CSV file stem (three files are written)"));
    };
    m_clock = new HighlightClock(this);
    m_staleness = new StalenessWatch({}, this);
    connect(m_staleness, &StalenessWatch::staleChanged, this, &AccountWindow::setStale);
    m_alerts = trayIcon ? new TrayAlerts(this, *trayIcon) : new TrayAlerts(this);
    m_alerts->watch(m_staleness);
    connect(m_alerts, &TrayAlerts::activated, this, &AccountWindow::showAndRaise);
    buildUi();
    connect(m_alerts, &TrayAlerts::notified, m_statusBar,
            [this](const QString& title) { m_statusBar->showMessage(title, 15000); });
    buildMenus();
    applyPreferences(m_preferences);
}

AccountWindow::~AccountWindow()
{
    // Nothing the poller still signals may reach widgets that are going away.
    if (m_session)
        m_session->poller->disconnect(this);
}

void AccountWindow::setStores(SettingsStore* settings, SecretStore* secrets)
{
    m_settings = settings;
    m_secrets = secrets;
    m_accounts->setSecretStore(secrets);
    if (m_settings) {
        applyPreferences(m_settings->preferences());
        restoreState();
        restoreOpenAccounts();
        connect(m_settings, &SettingsStore::changed, this, [this] {
            applyPreferences(m_settings->preferences());
            m_overview->setProfiles(m_settings->profiles());
        });
    }
}

void AccountWindow::setClock(LocalClock clock)
{
    m_clock->setClock(clock);
    for (KeyedTableModel* model :
         std::initializer_list<KeyedTableModel*>{m_totalsModel, m_positionModel, m_assetModel})
        model->setClock(clock);
    m_staleness->setClock(clock);
    m_statusBar->setClock(clock);
    m_alerts->setClock(std::move(clock));
}

void AccountWindow::applyPreferences(const Preferences& preferences)
{
    m_preferences = preferences;
    const MarginThresholds thresholds{preferences.warnMarginRatioPercent,
                                      preferences.dangerMarginRatioPercent, 2.0};
    m_totals->setThresholds(thresholds);
    m_alerts->setThresholds(thresholds);
    m_accounts->setThresholds(thresholds);
    m_alerts->setSound(preferences.alertSound);
    m_staleness->setAlertAfter(std::chrono::seconds(preferences.staleAlertSeconds));
    setHideEmptyRows(preferences.hideZeroAssets, preferences.hideClosedPositions);
    if (Theme::current() != preferences.theme)
        Theme::apply(preferences.theme);
}

void AccountWindow::setHideEmptyRows(bool hideZeroAssets, bool hideClosedPositions)
{
    // The checkboxes drive their proxies (addTablePage), so the filter and the UI cannot disagree.
    m_hideZero->setChecked(hideZeroAssets);
    m_hideClosed->setChecked(hideClosedPositions);
}

void AccountWindow::restoreOpenAccounts()
{
    // The overview's accounts of the last run, in the order they were opened.
    const QList<Profile> profiles = m_settings->profiles();
    m_overview->setProfiles(profiles);
    const QStringList open =
        m_settings->value(SettingKey::OpenAccountIds).toString().split(u',', Qt::SkipEmptyParts);
    for (const QString& id : open) {
        const auto it =
            std::find_if(profiles.cbegin(), profiles.cend(), [&id](const Profile& p) { return p.id == id; });
        if (it != profiles.cend())
            m_accounts->open(*it);
    }
    if (m_accounts->count() > 0)
        m_overviewDock->show();
    connect(m_accounts, &AccountsWatch::openedIdsChanged, this, [this](const QStringList& ids) {
        m_settings->setValue(SettingKey::OpenAccountIds, ids.join(u','));
    });
}

void AccountWindow::setSession(std::unique_ptr<Session> session)
{
    m_accounts->setWindowSession(nullptr); // before the session goes: the overview stops following it
    if (m_session)
        m_session->poller->disconnect(this);
    m_staleness->watch(nullptr);
    m_statusBar->watch(nullptr, nullptr);
    m_session.reset(); // the old poller stops before the new one starts: one request at a time
    m_shown.reset();
    m_positionModel->reset();
    m_assetModel->reset();
    m_totalsModel->reset();
    m_stress->clear();
    m_keySafety->clear();
    m_keyPermissions.reset();
    m_refusedByFutures = false;
    m_portfolioMargin = false;
    m_portfolioTimer->stop();
    m_alerts->reset();
    m_banner->clear();
    m_paused = false;
    m_pauseAction->setChecked(false);
    m_statusBar->setPaused(false);

    m_session = std::move(session);
    if (m_history && !m_session)
        m_history->setAccount(HistoryAccount());
    if (!m_session) {
        m_header->clear();
        updateTitle();
        return;
    }
    m_accounts->setWindowSession(m_session.get()); // before it starts: the host's shared budget
    const Endpoint& endpoint = m_session->endpoint;
    m_header->showSession(m_session->profileName, endpoint);
    m_alerts->setAccountName(m_session->profileName);

    AccountPoller* poller = m_session->poller.get();
    m_staleness->watch(poller);
    m_statusBar->watch(poller, m_staleness);
    m_statusBar->setLive(m_session->live.get());
    if (LiveAccount* live = m_session->live.get()) {
        // Live: events and mark ticks are updates too; REST comes once a minute.
        connect(live, &LiveAccount::snapshotReady, this, &AccountWindow::showSnapshot);
        connect(live, &LiveAccount::snapshotReady, m_staleness, &StalenessWatch::goodUpdate);
        connect(live, &LiveAccount::modeChanged, m_staleness,
                [this, poller] { m_staleness->setPollInterval(poller->pollInterval()); });
    } else {
        connect(poller, &AccountPoller::snapshotReady, this, &AccountWindow::showSnapshot);
    }
    connect(poller, &AccountPoller::failed, this, &AccountWindow::showFailure);
    if (KeyPermissionCheck* check = m_session->keyCheck.get()) {
        connect(check, &KeyPermissionCheck::finished, this, &AccountWindow::noteKeyPermissions);
        connect(check, &KeyPermissionCheck::notAvailable, m_keySafety, &KeySafetyLabel::showUnchecked);
        connect(check, &KeyPermissionCheck::failed, m_keySafety, [this](const ApiFailure& failure) {
            m_keySafety->showUnchecked(
                tr("The key's permissions could not be read: %1").arg(failure.explanation));
        });
        check->start();
    }
    // A simulator's made-up numbers do not belong in the user's history; each account has its own.
    if (m_history) {
        HistoryAccount account;
        if (endpoint.kind != ServerKind::Simulator) {
            const ClientConfig& config = poller->config();
            account = HistoryAccount::forCredentials(m_session->profileId, m_session->profileName,
                                                     config.baseUrl, config.credentials.apiKey);
            connect(poller, &AccountPoller::snapshotReady, m_history, &HistoryStore::record);
        }
        m_history->setAccount(account);
    }
    updateTitle();
}

void AccountWindow::showSessionError(const QString& message)
{
    m_alerts->setError(true);
    m_banner->showProblem(message, tr("Open Settings (Ctrl+,) to fix the profile, or watch the simulator."),
                          !m_openedProfileId.isEmpty());
}

void AccountWindow::retryNow()
{
    if (!m_session) {
        // The profile could not be opened (e.g. the keychain was locked): try opening it again.
        if (!m_openedProfileId.isEmpty())
            openProfile(m_openedProfileId);
        return;
    }
    if (m_paused) {
        setPaused(false); // one request now, and the updates resume
        return;
    }
    if (m_session->live) {
        m_session->live->refreshNow();
        return;
    }
    AccountPoller& poller = *m_session->poller;
    // A refused key stops polling until the user acts; this is that act. One cycle either way: the
    // poller starts none while one is in flight, and none during a ban or rate limit.
    if (poller.state() == AccountPoller::State::Stopped)
        poller.start();
    else
        poller.refreshNow();
}

void AccountWindow::openProfile(const QString& profileId, const TypedSecrets& typed)
{
    if (!m_settings)
        return;
    const QList<Profile> profiles = m_settings->profiles();
    const auto it = std::find_if(profiles.cbegin(), profiles.cend(),
                                 [&profileId](const Profile& p) { return p.id == profileId; });
    if (it == profiles.cend())
        return;
    m_openedProfileId = profileId;
    const Profile profile = *it;
    SessionFactory::open(
        profile, m_secrets, this,
        [this, profile](Expected<std::unique_ptr<Session>, SessionError> session) {
            if (session) {
                setSession(std::move(*session));
                start();
                return;
            }
            setSession(nullptr);
            if (session.error().secretNeeded)
                askForSecret(profile, session.error().message);
            else
                showSessionError(session.error().message);
        },
        {}, typed);
}

void AccountWindow::askForSecret(const Profile& profile, const QString& why)
{
    showSessionError(why);
    const bool keychain = m_secrets && m_secrets->persists();
    auto* prompt = new SecretPromptDialog(profile.name, why, keychain, this);
    prompt->setAttribute(Qt::WA_DeleteOnClose);
    connect(prompt, &QDialog::accepted, this, [this, prompt, id = profile.id] {
        TypedSecrets typed;
        typed.apiSecret = prompt->secret();
        // Stored while the session opens with it: the keychain, or memory when there is none.
        if (prompt->remember() && m_secrets)
            m_secrets->write(id, *typed.apiSecret, {});
        openProfile(id, typed);
    });
    prompt->open();
}

void AccountWindow::start()
{
    if (m_session && m_session->live)
        m_session->live->start();
    else if (m_session)
        m_session->poller->start();
}

void AccountWindow::updateTitle()
{
    if (!m_session) {
        setWindowTitle(tr("marginwatch"));
        return;
    }
    setWindowTitle(tr("%1 — %2 — marginwatch").arg(m_session->profileName, m_session->endpoint.badgeText()));
}

void AccountWindow::buildUi()
{
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    m_header = new SessionHeader(central);
    connect(m_header, &SessionHeader::addAccountRequested, this, [this] { openSettings(true); });
    layout->addWidget(m_header);
    m_banner = new ProblemBanner(central);
    connect(m_banner, &ProblemBanner::retryRequested, this, &AccountWindow::retryNow);
    layout->addWidget(m_banner);

    m_splitter = new QSplitter(Qt::Vertical, central);
    m_splitter->setObjectName(u"mainSplitter"_s);
    m_splitter->setChildrenCollapsible(false);
    m_totalsModel = new TotalsModel(this);
    m_totals = new TotalsPanel(m_totalsModel, m_clock, m_splitter);
    m_splitter->addWidget(m_totals);

    m_tabs = new QTabWidget(m_splitter);
    m_tabs->setObjectName(u"tables"_s);
    m_tabs->setDocumentMode(true);

    m_positionModel = new PositionTableModel(this);
    const TablePage positions =
        addTablePage(m_tabs, m_positionModel, m_clock, u"positionsView"_s, PositionTableModel::Symbol,
                     tr("Hide closed positions"), tr("&Positions"));
    m_positionsView = positions.view;
    m_positionsDelegate = positions.delegate;
    m_hideClosed = positions.hideEmpty;
    connect(m_hideClosed, &QCheckBox::toggled, this, [this](bool on) {
        m_preferences.hideClosedPositions = on;
        if (m_settings)
            m_settings->setValue(SettingKey::HideClosedPositions, on);
    });

    m_assetModel = new AssetTableModel(this);
    const TablePage assets = addTablePage(m_tabs, m_assetModel, m_clock, u"assetsView"_s,
                                          AssetTableModel::Asset, tr("Hide zero balances"), tr("&Assets"));
    m_assetsView = assets.view;
    m_assetsDelegate = assets.delegate;
    m_hideZero = assets.hideEmpty;
    connect(m_hideZero, &QCheckBox::toggled, this, [this](bool on) {
        m_preferences.hideZeroAssets = on;
        if (m_settings)
            m_settings->setValue(SettingKey::HideZeroAssets, on);
    });

    if (m_history)
        m_tabs->addTab(new HistoryView(m_history, m_tabs), tr("&History"));
    m_stress = new StressView(m_tabs);
    m_stress->setObjectName(u"stressView"_s);
    m_tabs->addTab(m_stress, tr("S&tress"));
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);

    // The accounts overview: a dock of its own, so the account's own pages stay as they are.
    m_accounts = new AccountsWatch(m_secrets, this);
    m_accounts->setHistory(m_history);
    m_overview = new AccountsOverviewPanel(m_accounts, m_clock, this);
    m_overviewDock = new QDockWidget(tr("Accounts overview"), this);
    m_overviewDock->setObjectName(u"accountsOverviewDock"_s);
    m_overviewDock->setWidget(m_overview);
    addDockWidget(Qt::TopDockWidgetArea, m_overviewDock);
    m_overviewDock->hide(); // until accounts are open in it, or View → Accounts overview
    connect(m_overview, &AccountsOverviewPanel::openAccountRequested, this, [this](const QString& profileId) {
        if (!m_session || m_session->profileId != profileId)
            openProfile(profileId);
        showAndRaise();
    });
    // Every notification of the overview names its account; the tray shows the worst account's zone.
    connect(m_accounts, &AccountsWatch::notified, m_alerts, &TrayAlerts::showAlert);
    // The first account opened shows the overview; later ones leave it as the user placed it.
    connect(m_accounts, &AccountsWatch::openedIdsChanged, this, [this](const QStringList& ids) {
        if (ids.size() == 1 && !m_overviewDock->isVisible())
            m_overviewDock->show();
    });

    // One repaint per tick for every fading cell of both tables.
    connect(m_clock, &HighlightClock::tick, this, [this] {
        m_positionsView->viewport()->update();
        m_assetsView->viewport()->update();
    });
    // A poll's changed cells and totals start fading now: the shared clock ticks until they are done.
    for (KeyedTableModel* model :
         std::initializer_list<KeyedTableModel*>{m_totalsModel, m_positionModel, m_assetModel})
        connect(model, &KeyedTableModel::changesApplied, m_clock, &HighlightClock::arm);

    m_statusBar = new ConnectionStatusBar(this);
    setStatusBar(m_statusBar);
    auto* overviewStatus = new QLabel(m_statusBar);
    overviewStatus->setObjectName(u"accountsStatus"_s);
    overviewStatus->hide();
    m_statusBar->addPermanentWidget(overviewStatus);
    connect(m_accounts, &AccountsWatch::changed, this, [this, overviewStatus] {
        const QString text = m_accounts->statusText();
        overviewStatus->setText(text);
        overviewStatus->setVisible(!text.isEmpty());
        m_alerts->setOverview(m_accounts->worstZone(), m_accounts->worstAccount(), m_accounts->count());
    });
    m_keySafety = new KeySafetyLabel(m_statusBar);
    m_statusBar->addPermanentWidget(m_keySafety);
    m_portfolioTimer = new QTimer(this);
    connect(m_portfolioTimer, &QTimer::timeout, this, [this] {
        if (m_session && m_session->portfolioMargin && !m_session->portfolioMargin->isRunning() && !m_paused)
            m_session->portfolioMargin->start();
    });
    resize(1180, 700);
}

void AccountWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* exportAction = file->addAction(tr("&Export snapshot…"), this, [this] { exportSnapshot(); });
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addSeparator();
    QAction* settings = file->addAction(tr("&Settings…"), this, [this] { openSettings(); });
    settings->setObjectName(u"settingsAction"_s);
    settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    settings->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    QAction* closeAction = file->addAction(tr("&Close window"), this, &QWidget::close);
    closeAction->setShortcut(QKeySequence::Close);
    // Quitting is explicit: with a tray, closing the window keeps the monitor running.
    QAction* quitAction = file->addAction(tr("&Quit"), this, &AccountWindow::quit);
    quitAction->setObjectName(u"quitAction"_s);
    quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quitAction->setShortcutContext(Qt::ApplicationShortcut);
    quitAction->setMenuRole(QAction::QuitRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* refresh = view->addAction(tr("&Refresh now"), this, &AccountWindow::retryNow);
    refresh->setObjectName(u"refreshAction"_s);
    refresh->setShortcut(QKeySequence(Qt::Key_F5));
    QAction* overviewAction = m_overviewDock->toggleViewAction();
    overviewAction->setText(tr("&Accounts overview"));
    overviewAction->setObjectName(u"accountsOverviewAction"_s);
    view->addAction(overviewAction);
    m_pauseAction = view->addAction(tr("&Pause updates"));
    m_pauseAction->setObjectName(u"pauseAction"_s);
    m_pauseAction->setCheckable(true);
    connect(m_pauseAction, &QAction::toggled, this, &AccountWindow::setPaused);
    view->addSeparator();
    QMenu* themes = view->addMenu(tr("&Theme"));
    auto* themeGroup = new QActionGroup(this);
    const std::pair<Preferences::Theme, QString> choices[] = {
        {Preferences::Theme::System, tr("Follow &system")},
        {Preferences::Theme::Light, tr("&Light")},
        {Preferences::Theme::Dark, tr("&Dark")},
    };
    for (const auto& [theme, label] : choices) {
        QAction* action = themes->addAction(label);
        action->setCheckable(true);
        action->setChecked(theme == m_preferences.theme);
        themeGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, theme = theme] {
            if (m_settings) {
                m_settings->setValue(SettingKey::Theme, int(theme)); // applied through changed()
                return;
            }
            Preferences preferences = m_preferences;
            preferences.theme = theme;
            applyPreferences(preferences);
        });
        connect(themes, &QMenu::aboutToShow, action,
                [this, action, theme = theme] { action->setChecked(theme == m_preferences.theme); });
    }

    buildLanguageMenu(view);

    QMenu* account = menuBar()->addMenu(tr("&Account"));
    QAction* add = account->addAction(tr("&Add your account…"), this, [this] { openSettings(true); });
    add->setObjectName(u"addAccountAction"_s);
    account->addAction(tr("Watch the &simulator"), this, [this] {
        Expected<std::unique_ptr<Session>> session = SessionFactory::simulator();
        if (!session) {
            setSession(nullptr);
            showSessionError(session.error());
            return;
        }
        setSession(std::move(*session));
        start();
    });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About marginwatch"), this, [this] {
        QMessageBox::about(
            this, tr("About marginwatch"),
            tr("<b>marginwatch %1</b><p>A monitor for Binance USDⓈ-M Futures accounts: balances, "
               "margin and positions, live.</p><p>Use a read-only API key: marginwatch never "
               "trades.</p><p>Licensed under the GPL, version 3 or later.</p>")
                .arg(QCoreApplication::applicationVersion()));
    });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    // The tray menu reuses the window's actions, so both always agree (e.g. on Pause).
    auto* trayMenu = new QMenu(this);
    trayMenu->setObjectName(u"trayMenu"_s);
    QAction* show = trayMenu->addAction(tr("&Show marginwatch"), this, &AccountWindow::showAndRaise);
    show->setObjectName(u"showAction"_s);
    trayMenu->addSeparator();
    trayMenu->addAction(refresh);
    trayMenu->addAction(m_pauseAction);
    trayMenu->addAction(settings);
    trayMenu->addSeparator();
    trayMenu->addAction(quitAction);
    m_alerts->setContextMenu(trayMenu);
}

void AccountWindow::buildLanguageMenu(QMenu* view)
{
    QMenu* languages = view->addMenu(tr("&Language"));
    languages->setObjectName(u"languageMenu"_s);
    auto* group = new QActionGroup(this);
    const std::tuple<UiLanguage, QString, QString> choices[] = {
        {UiLanguage::System, tr("Follow the &system"), u"languageSystem"_s},
        //: The name of the English language in English: keep it as it is.
        {UiLanguage::English, tr("English"), u"languageEnglish"_s},
        //: The name of the German language in German: keep it as it is.
        {UiLanguage::German, tr("Deutsch"), u"languageGerman"_s},
    };
    for (const auto& [language, label, name] : choices) {
        QAction* action = languages->addAction(label);
        action->setObjectName(name);
        action->setCheckable(true);
        group->addAction(action);
        connect(languages, &QMenu::aboutToShow, action, [this, action, language = language] {
            action->setChecked(m_settings
                               && m_settings->value(SettingKey::Language).toInt() == int(language));
        });
        connect(action, &QAction::triggered, this, [this, language = language] {
            if (m_settings)
                m_settings->setValue(SettingKey::Language, int(language));
            // Every window, menu and table caption is built in the language of the start.
            auto* note = new QMessageBox(QMessageBox::Information, tr("Language"),
                                         tr("The new language is used from the next start of marginwatch."),
                                         QMessageBox::Ok, this);
            note->setObjectName(u"languageNote"_s);
            note->setAttribute(Qt::WA_DeleteOnClose);
            note->open();
        });
    }
}

void AccountWindow::restoreState()
{
    if (!m_settings)
        return;
    using K = SettingKey;
    restoreGeometry(m_settings->value(K::MainGeometry).toByteArray());
    QMainWindow::restoreState(m_settings->value(K::MainWindowState).toByteArray());
    m_splitter->restoreState(m_settings->value(K::MainSplitter).toByteArray());
    const bool positions =
        m_positionsView->restoreHeaderState(m_settings->value(K::PositionsHeader).toByteArray());
    const bool assets = m_assetsView->restoreHeaderState(m_settings->value(K::AssetsHeader).toByteArray());
    m_columnsSized = positions && assets;
    m_tabs->setCurrentIndex(std::clamp(m_settings->value(K::MainTab).toInt(), 0, m_tabs->count() - 1));
}

void AccountWindow::saveState()
{
    if (!m_settings)
        return;
    using K = SettingKey;
    m_settings->setValue(K::MainGeometry, saveGeometry());
    m_settings->setValue(K::MainWindowState, QMainWindow::saveState());
    m_settings->setValue(K::MainSplitter, m_splitter->saveState());
    m_settings->setValue(K::PositionsHeader, m_positionsView->saveHeaderState());
    m_settings->setValue(K::AssetsHeader, m_assetsView->saveHeaderState());
    m_settings->setValue(K::MainTab, m_tabs->currentIndex());
    m_settings->sync();
}

void AccountWindow::closeEvent(QCloseEvent* event)
{
    saveState();
    if (!m_quitting && m_alerts->hasIcon() && m_preferences.closeToTray) {
        // Alerts only work while the app runs: closing hides the window, the tray keeps watching.
        event->ignore();
        hide();
        const bool noticeShown =
            m_settings ? m_settings->value(SettingKey::CloseToTrayNoticeShown).toBool() : m_closeNoticeShown;
        if (!noticeShown) {
            m_alerts->showNotice(
                tr("marginwatch keeps watching"),
                tr("The window is closed, the monitor and its alerts go on in the tray. Quit "
                   "from the tray menu or with Ctrl+Q; Settings → Alerts turns this off."));
            m_closeNoticeShown = true;
            if (m_settings)
                m_settings->setValue(SettingKey::CloseToTrayNoticeShown, true);
        }
        return;
    }
    QMainWindow::closeEvent(event);
    // With a tray the app does not quit on its last window (a dialog opened from the tray would end it).
    if (!QApplication::quitOnLastWindowClosed())
        QCoreApplication::quit();
}

bool AccountWindow::hasTrayIcon() const
{
    return m_alerts->hasIcon();
}

void AccountWindow::quit()
{
    m_quitting = true;
    close();
    QCoreApplication::quit();
}

void AccountWindow::showAndRaise()
{
    show();
    setWindowState(windowState() & ~Qt::WindowMinimized);
    raise();
    activateWindow();
}

void AccountWindow::setPaused(bool paused)
{
    if (m_pauseAction->isChecked() != paused) {
        m_pauseAction->setChecked(paused); // comes back here through toggled()
        return;
    }
    m_paused = paused;
    m_alerts->setPaused(paused);
    m_statusBar->setPaused(paused);
    if (!m_session)
        return;
    if (m_session->live) {
        if (paused)
            m_session->live->stop();
        else
            m_session->live->start();
        return;
    }
    if (paused)
        m_session->poller->stop();
    else
        m_session->poller->start();
}

void AccountWindow::openSettings(bool addProfile)
{
    if (!m_settings || !m_secrets) {
        QMessageBox::information(this, tr("Settings"), tr("Settings are not available in this window."));
        return;
    }
    auto* dialog = new SettingsDialog(*m_settings, m_secrets, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (addProfile)
        dialog->addProfile();
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        // A working session (e.g. from environment credentials) is replaced only when the profile to
        // watch changed; one that failed to open is tried again.
        const QString current = m_settings->currentProfileId();
        if (!current.isEmpty() && (dialog->currentProfileChanged() || !m_session))
            openProfile(current);
    });
    dialog->open();
}

void AccountWindow::showSnapshot(const AccountSnapshot& snapshot)
{
    m_totalsModel->apply(snapshot);
    m_totals->hidePortfolioMargin(); // a futures snapshot: the futures totals are what counts
    m_stress->setSnapshot(snapshot);
    m_positionModel->apply(snapshot);
    m_assetModel->apply(snapshot);
    if (!m_columnsSized && m_positionModel->rowCount() + m_assetModel->rowCount() > 0) {
        // Once, with the first data, unless the user's own widths were restored: never elide a number.
        m_positionsView->resizeColumnsToContents();
        m_assetsView->resizeColumnsToContents();
        m_columnsSized = true;
    }
    m_header->showModes(snapshot);
    m_shown = snapshot;
    m_alerts->snapshotArrived(snapshot);
    m_banner->clear();
}

void AccountWindow::showFailure(const ApiFailure& failure)
{
    // Worth a retry when polling stopped (the cause may be fixed by now) or waits out a backoff; not
    // during a ban or rate limit, when no request may go out.
    const AccountPoller::State state = m_session ? m_session->poller->state() : AccountPoller::State::Idle;
    m_alerts->setError(state == AccountPoller::State::Stopped);
    // On a Portfolio Margin account -2015 is how /fapi always answers: say that instead.
    if (failure.binanceCode == -2015 && failure.endpoint.startsWith(u"/fapi"_s)) {
        m_refusedByFutures = true;
        if (m_keyPermissions && m_keyPermissions->enablePortfolioMarginTrading) {
            enterPortfolioMargin();
            return;
        }
    }
    m_banner->showFailure(failure, state == AccountPoller::State::Stopped
                                       || state == AccountPoller::State::BackingOff);
}

void AccountWindow::setStale(bool stale)
{
    m_totals->setStale(stale);
    m_positionsDelegate->setStale(stale);
    m_assetsDelegate->setStale(stale);
    m_positionsView->viewport()->update();
    m_assetsView->viewport()->update();
}

bool AccountWindow::exportSnapshot()
{
    if (!m_shown) {
        m_statusBar->showMessage(tr("Nothing to export yet."), 5000);
        return false;
    }
    QString stem = m_saveFileDialog(this);
    if (stem.isEmpty())
        return false;
    if (stem.endsWith(u".csv"_s, Qt::CaseInsensitive))
        stem.chop(4);
    SnapshotCsvExporter exporter;
    if (!exporter.exportSnapshot(stem, *m_shown)) {
        QMessageBox::warning(this, tr("Export failed"), exporter.errorString());
        return false;
    }
    m_statusBar->showMessage(tr("Exported %1-totals.csv, -assets.csv and -positions.csv").arg(stem), 8000);
    return true;
}

void AccountWindow::noteKeyPermissions(const KeyPermissions& permissions)
{
    m_keyPermissions = permissions;
    m_keySafety->showPermissions(permissions);
    if (permissions.enablePortfolioMarginTrading && m_refusedByFutures)
        enterPortfolioMargin();
}

void AccountWindow::enterPortfolioMargin()
{
    if (m_portfolioMargin || !m_session || !m_session->portfolioMargin)
        return;
    m_portfolioMargin = true;
    m_banner->showProblem(KeyPermissionAdvice::portfolioMarginExplanation(),
                          tr("marginwatch shows the account from /papi/v1/account instead."), false);
    PortfolioMarginFetcher* fetcher = m_session->portfolioMargin.get();
    connect(fetcher, &PortfolioMarginFetcher::finished, this, &AccountWindow::showPortfolioMargin,
            Qt::UniqueConnection);
    connect(fetcher, &PortfolioMarginFetcher::failed, this, &AccountWindow::showFailure,
            Qt::UniqueConnection);
    fetcher->start();
    m_portfolioTimer->start(
        static_cast<int>(std::max<qint64>(1000, m_session->poller->config().pollInterval.count())));
}

void AccountWindow::showPortfolioMargin(const PortfolioMarginSnapshot& snapshot)
{
    m_totals->showPortfolioMargin(snapshot);
    AccountSnapshot positions;
    positions.takenAt = snapshot.takenAt;
    positions.positions = snapshot.positions;
    m_positionModel->apply(positions);
}

} // namespace marginwatch
