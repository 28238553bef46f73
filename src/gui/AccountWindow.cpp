#include "gui/AccountWindow.h"

#include "gui/AccountTableView.h"
#include "gui/ChangeHighlightDelegate.h"
#include "gui/HighlightClock.h"
#include "gui/SettingsDialog.h"
#include "gui/Theme.h"
#include "gui/TotalsPanel.h"
#include "gui/TrayAlerts.h"
#include "gui/history/HistoryView.h"
#include "io/HistoryStore.h"
#include "io/SnapshotCsvExporter.h"
#include "model/AccountSemantics.h"
#include "model/AccountSortFilterProxy.h"
#include "model/AccountTableModels.h"
#include "settings/SettingsStore.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDateTime>
#include <QFileDialog>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

QString badgeStyle(const char* background, const char* foreground = "white")
{
    return u"QLabel { background: %1; color: %2; border-radius: 4px; padding: 3px 8px; font-weight: bold; }"_s
        .arg(QLatin1StringView(background), QLatin1StringView(foreground));
}

QString stateText(AccountPoller::State state)
{
    switch (state) {
    case AccountPoller::State::Idle:
        return AccountWindow::tr("Idle");
    case AccountPoller::State::Syncing:
        return AccountWindow::tr("Synchronising clock…");
    case AccountPoller::State::Polling:
        return AccountWindow::tr("Updating…");
    case AccountPoller::State::Waiting:
        return AccountWindow::tr("Connected");
    case AccountPoller::State::BackingOff:
        return AccountWindow::tr("Retrying");
    case AccountPoller::State::RateLimited:
        return AccountWindow::tr("Rate limited");
    case AccountPoller::State::Banned:
        return AccountWindow::tr("Banned by the exchange");
    case AccountPoller::State::Stopped:
        return AccountWindow::tr("Stopped");
    }
    return {};
}

QString countdown(qint64 ms)
{
    const qint64 seconds = std::max<qint64>(0, (ms + 999) / 1000);
    return seconds >= 60 ? u"%1:%2"_s.arg(seconds / 60).arg(seconds % 60, 2, 10, QChar(u'0'))
                         : AccountWindow::tr("%1 s").arg(seconds);
}

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
                       QSet<int> signedColumns, int sortColumn, const QString& hideText, const QString& title)
{
    auto* page = new QWidget(tabs);
    auto* proxy = new AccountSortFilterProxy(model);
    proxy->setSourceModel(model);
    auto* view = new AccountTableView(page);
    view->setObjectName(name);
    view->setModel(proxy);
    auto* delegate = new ChangeHighlightDelegate(clock, view);
    delegate->setSignedColumns(std::move(signedColumns));
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

AccountWindow::AccountWindow(HistoryStore* history, QWidget* parent)
    : QMainWindow(parent)
    , m_history(history)
{
    m_saveFileDialog = [](QWidget* owner) {
        return QFileDialog::getSaveFileName(owner, tr("Export snapshot"), QString(),
                                            tr("CSV file stem (three files are written)"));
    };
    m_clock = new HighlightClock(this);
    m_alerts = new TrayAlerts(this);
    connect(m_alerts, &TrayAlerts::activated, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    connect(m_alerts, &TrayAlerts::notified, this,
            [this](const QString& title) { statusBar()->showMessage(title, 15000); });
    buildUi();
    buildMenus();
    applyPreferences(m_preferences);

    m_statusTimer.setInterval(1000);
    connect(&m_statusTimer, &QTimer::timeout, this, &AccountWindow::updateStatus);
    m_statusTimer.start();
    updateStatus();
}

AccountWindow::~AccountWindow()
{
    // Stop the poller before the widgets it signals go away.
    if (m_session)
        m_session->poller->disconnect(this);
}

void AccountWindow::setStores(SettingsStore* settings, SecretStore* secrets)
{
    m_settings = settings;
    m_secrets = secrets;
    if (m_settings) {
        applyPreferences(m_settings->preferences());
        restoreState();
        connect(m_settings, &SettingsStore::changed, this,
                [this] { applyPreferences(m_settings->preferences()); });
    }
}

void AccountWindow::applyPreferences(const Preferences& preferences)
{
    m_preferences = preferences;
    const MarginThresholds thresholds{preferences.warnMarginRatioPercent,
                                      preferences.dangerMarginRatioPercent, 2.0};
    m_totals->setThresholds(thresholds);
    m_alerts->setThresholds(thresholds);
    m_alerts->setStaleAfterSeconds(preferences.staleAlertSeconds);
    m_alerts->setSound(preferences.alertSound);
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

void AccountWindow::setSession(std::unique_ptr<Session> session)
{
    if (m_session)
        m_session->poller->disconnect(this);
    m_session.reset(); // the old poller stops before the new one starts: one request at a time
    m_shown.reset();
    m_lastGoodMs = 0;
    m_positionModel->reset();
    m_assetModel->reset();
    m_totals->clear();
    m_alerts->reset();
    m_accountModeBadge->clear();
    m_positionModeBadge->clear();
    m_problemBanner->hide();
    setStale(false);

    m_session = std::move(session);
    if (!m_session) {
        updateTitle();
        updateStatus();
        return;
    }
    const EnvironmentInfo& environment = m_session->environment;
    m_environmentBadge->setText(environment.badgeText());
    m_environmentBadge->setToolTip(environment.badgeToolTip());
    switch (environment.kind) {
    case EnvironmentInfo::Kind::Production:
        m_environmentBadge->setStyleSheet(badgeStyle("#b71c1c"));
        break;
    case EnvironmentInfo::Kind::Demo:
        m_environmentBadge->setStyleSheet(badgeStyle("#6a1b9a"));
        break;
    case EnvironmentInfo::Kind::Custom:
        m_environmentBadge->setStyleSheet(badgeStyle("#0d47a1"));
        break;
    }
    m_environmentBadge->show();
    m_addAccountButton->setVisible(environment.kind == EnvironmentInfo::Kind::Demo);
    m_alerts->setAccountName(m_session->profileName);

    AccountPoller* poller = m_session->poller.get();
    connect(poller, &AccountPoller::snapshotReady, this, &AccountWindow::showSnapshot);
    connect(poller, &AccountPoller::failed, this, &AccountWindow::showFailure);
    connect(poller, &AccountPoller::statusChanged, this, &AccountWindow::updateStatus);
    connect(poller, &AccountPoller::stateChanged, this, &AccountWindow::updateStatus);
    // A demo's made-up numbers do not belong in the user's history.
    if (m_history && environment.kind != EnvironmentInfo::Kind::Demo)
        connect(poller, &AccountPoller::snapshotReady, m_history, &HistoryStore::record);
    updateTitle();
    updateStatus();
}

void AccountWindow::showSessionError(const QString& message)
{
    showProblem(message, tr("Open Settings (Ctrl+,) to fix the profile, or choose the demo."));
}

void AccountWindow::openProfile(const QString& profileId)
{
    if (!m_settings)
        return;
    const QList<Profile> profiles = m_settings->profiles();
    const auto it = std::find_if(profiles.cbegin(), profiles.cend(),
                                 [&profileId](const Profile& p) { return p.id == profileId; });
    if (it == profiles.cend())
        return;
    SessionFactory::open(*it, m_secrets, this, [this](Expected<std::unique_ptr<Session>> session) {
        if (!session) {
            setSession(nullptr);
            showSessionError(session.error());
            return;
        }
        setSession(std::move(*session));
        start();
    });
}

void AccountWindow::start()
{
    if (m_session)
        m_session->poller->start();
    updateStatus();
}

void AccountWindow::updateTitle()
{
    if (!m_session) {
        setWindowTitle(tr("marginwatch"));
        m_profileLabel->clear();
        m_environmentBadge->hide();
        return;
    }
    setWindowTitle(
        tr("%1 — %2 — marginwatch").arg(m_session->profileName, m_session->environment.badgeText()));
    m_profileLabel->setText(m_session->profileName);
}

void AccountWindow::buildUi()
{
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);

    auto* badges = new QHBoxLayout;
    m_environmentBadge = new QLabel(central);
    m_environmentBadge->setObjectName(u"environmentBadge"_s);
    m_accountModeBadge = new QLabel(central);
    m_accountModeBadge->setObjectName(u"accountModeBadge"_s);
    m_accountModeBadge->setStyleSheet(badgeStyle("#455a64"));
    m_positionModeBadge = new QLabel(central);
    m_positionModeBadge->setObjectName(u"positionModeBadge"_s);
    m_positionModeBadge->setStyleSheet(badgeStyle("#455a64"));
    m_profileLabel = new QLabel(central);
    m_profileLabel->setObjectName(u"profileName"_s);
    QFont profileFont = m_profileLabel->font();
    profileFont.setBold(true);
    m_profileLabel->setFont(profileFont);
    badges->addWidget(m_profileLabel);
    badges->addWidget(m_environmentBadge);
    badges->addWidget(m_accountModeBadge);
    badges->addWidget(m_positionModeBadge);
    badges->addStretch();
    // In Demo mode the way to a real account is one obvious click away.
    m_addAccountButton = new QPushButton(tr("Add your account…"), central);
    m_addAccountButton->setObjectName(u"addAccountButton"_s);
    m_addAccountButton->setToolTip(tr("Watch your own Binance Futures account with a read-only API key."));
    connect(m_addAccountButton, &QPushButton::clicked, this, [this] { openSettings(true); });
    m_addAccountButton->hide();
    badges->addWidget(m_addAccountButton);
    layout->addLayout(badges);

    m_problemBanner = new QFrame(central);
    m_problemBanner->setObjectName(u"problemBanner"_s);
    m_problemBanner->setStyleSheet(u"#problemBanner { background: #fff3e0; border: 1px solid #ef6c00; "
                                   "border-radius: 4px; } QLabel { color: #4e2600; }"_s);
    auto* bannerLayout = new QVBoxLayout(m_problemBanner);
    m_problemText = new QLabel(m_problemBanner);
    m_problemText->setWordWrap(true);
    m_problemText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont problemFont = m_problemText->font();
    problemFont.setBold(true);
    m_problemText->setFont(problemFont);
    m_problemDetails = new QLabel(m_problemBanner);
    m_problemDetails->setWordWrap(true);
    m_problemDetails->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bannerLayout->addWidget(m_problemText);
    bannerLayout->addWidget(m_problemDetails);
    m_problemBanner->hide();
    layout->addWidget(m_problemBanner);

    m_splitter = new QSplitter(Qt::Vertical, central);
    m_splitter->setObjectName(u"mainSplitter"_s);
    m_splitter->setChildrenCollapsible(false);
    m_totals = new TotalsPanel(m_clock, m_splitter);
    m_splitter->addWidget(m_totals);

    m_tabs = new QTabWidget(m_splitter);
    m_tabs->setDocumentMode(true);

    m_positionModel = new PositionTableModel(this);
    const TablePage positions =
        addTablePage(m_tabs, m_positionModel, m_clock, u"positionsView"_s,
                     {PositionTableModel::UnrealizedProfit, PositionTableModel::Size},
                     PositionTableModel::Symbol, tr("Hide closed positions"), tr("&Positions"));
    m_positionProxy = positions.proxy;
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
                                          {AssetTableModel::UnrealizedProfit, AssetTableModel::CrossUnPnl},
                                          AssetTableModel::Asset, tr("Hide zero balances"), tr("&Assets"));
    m_assetProxy = assets.proxy;
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
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);

    // One repaint per tick for every fading cell of both tables.
    connect(m_clock, &HighlightClock::tick, this, [this] {
        m_positionsView->viewport()->update();
        m_assetsView->viewport()->update();
    });
    // A poll's changed cells start fading now: keep the shared clock ticking until they are done.
    for (KeyedTableModel* model : std::initializer_list<KeyedTableModel*>{m_positionModel, m_assetModel}) {
        connect(model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& topLeft) {
            m_clock->kick(topLeft.data(ChangeRole).value<CellChange>().changedAtMs);
        });
    }

    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(u"connectionState"_s);
    m_ageLabel = new QLabel(this);
    m_ageLabel->setObjectName(u"lastUpdate"_s);
    m_latencyLabel = new QLabel(this);
    m_weightLabel = new QLabel(this);
    m_weightLabel->setToolTip(
        tr("Request weight used in the current minute (X-MBX-USED-WEIGHT-1M) and the limit."));
    m_offsetLabel = new QLabel(this);
    m_offsetLabel->setToolTip(
        tr("Server clock minus this computer's clock; signed requests are corrected by it."));
    m_nextLabel = new QLabel(this);
    for (QLabel* label :
         {m_stateLabel, m_ageLabel, m_latencyLabel, m_weightLabel, m_offsetLabel, m_nextLabel})
        statusBar()->addPermanentWidget(label);
    resize(1180, 700);
}

void AccountWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* exportAction = file->addAction(tr("&Export snapshot…"), this, [this] { exportSnapshot(); });
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addSeparator();
    QAction* settings = file->addAction(tr("&Settings…"), this, [this] { openSettings(); });
    settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    settings->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* refresh = view->addAction(tr("&Refresh now"), this, [this] {
        if (m_session)
            m_session->poller->refreshNow();
    });
    refresh->setShortcut(QKeySequence(Qt::Key_F5));
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

    QMenu* account = menuBar()->addMenu(tr("&Account"));
    QAction* add = account->addAction(tr("&Add your account…"), this, [this] { openSettings(true); });
    add->setObjectName(u"addAccountAction"_s);
    account->addAction(tr("Watch the &demo"), this, [this] {
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
    QMainWindow::closeEvent(event);
}

void AccountWindow::openSettings(bool addProfile)
{
    if (!m_settings || !m_secrets) {
        QMessageBox::information(
            this, tr("Settings"),
            tr("This window was started from environment credentials; profiles are not available in it."));
        return;
    }
    SettingsDialog dialog(*m_settings, m_secrets, this);
    if (addProfile)
        dialog.addProfile();
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString current = m_settings->currentProfileId();
    if (!current.isEmpty()
        && (dialog.currentProfileChanged() || !m_session || m_session->profileId != current))
        openProfile(current);
}

void AccountWindow::showSnapshot(const AccountSnapshot& snapshot)
{
    m_totals->showSnapshot(snapshot, m_shown ? &*m_shown : nullptr);
    m_positionModel->apply(snapshot);
    m_assetModel->apply(snapshot);
    if (!m_columnsSized && m_positionModel->rowCount() + m_assetModel->rowCount() > 0) {
        // Once, with the first data, unless the user's own widths were restored: never elide a number.
        m_positionsView->resizeColumnsToContents();
        m_assetsView->resizeColumnsToContents();
        m_columnsSized = true;
    }

    m_accountModeBadge->setText(totalsScopeLabel(snapshot));
    m_accountModeBadge->setToolTip(totalsScopeExplanation(snapshot));
    m_positionModeBadge->setText(positionModeLabel(snapshot.positionMode));
    m_positionModeBadge->setToolTip(
        snapshot.positionMode == PositionMode::Hedge
            ? tr("Hedge mode: LONG and SHORT positions of a symbol are listed separately.")
            : tr("One-way mode: one position per symbol; a negative size is short."));

    m_shown = snapshot;
    m_lastGoodMs = QDateTime::currentMSecsSinceEpoch();
    m_alerts->snapshotArrived(snapshot, m_lastGoodMs);
    m_problemBanner->hide();
    m_problemText->clear();
    setStale(false);
    updateStatus();
}

void AccountWindow::showProblem(const QString& text, const QString& details)
{
    m_problemText->setText(text);
    m_problemDetails->setText(details);
    m_problemBanner->show();
}

void AccountWindow::showFailure(const ApiFailure& failure)
{
    QStringList details;
    if (failure.binanceCode != 0)
        details << tr("code %1").arg(failure.binanceCode);
    if (failure.httpStatus != 0)
        details << tr("HTTP %1").arg(failure.httpStatus);
    if (!failure.endpoint.isEmpty())
        details << failure.endpoint;
    details << failure.occurredAt.toUTC().toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s);
    showProblem(failure.explanation, details.join(u" · "_s));
    // Polling stopped (e.g. a refused key): nothing fresh is coming until the user acts.
    if (m_session && m_session->poller->state() == AccountPoller::State::Stopped)
        setStale(true);
    updateStatus();
}

void AccountWindow::setStale(bool stale)
{
    m_stale = stale;
    m_totals->setStale(stale);
    m_positionsDelegate->setStale(stale);
    m_assetsDelegate->setStale(stale);
    m_positionsView->viewport()->update();
    m_assetsView->viewport()->update();
}

void AccountWindow::updateStatus()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!m_session) {
        m_stateLabel->setText(tr("Not connected"));
        for (QLabel* label : {m_ageLabel, m_latencyLabel, m_weightLabel, m_offsetLabel, m_nextLabel})
            label->clear();
        return;
    }
    const AccountPoller& poller = *m_session->poller;
    const qint64 interval = poller.pollInterval().count();
    // A few missed intervals make the data stale; it turns fresh again with the next good poll.
    if (m_lastGoodMs > 0 && now - m_lastGoodMs > 3 * interval + 1000 && !m_stale)
        setStale(true);
    m_alerts->checkStale(now);

    m_stateLabel->setText(stateText(poller.state()));
    if (m_lastGoodMs == 0)
        m_ageLabel->setText(tr("no data yet"));
    else if (m_stale)
        m_ageLabel->setText(tr("stale — last update %1 ago").arg(countdown(now - m_lastGoodMs)));
    else
        m_ageLabel->setText(tr("updated %1 ago").arg(countdown(now - m_lastGoodMs)));
    const qint64 latency = poller.lastLatency().count();
    m_latencyLabel->setText(latency > 0 ? tr("latency %1 ms").arg(latency) : QString());
    const int weight = poller.usedWeight();
    m_weightLabel->setText(weight < 0 ? QString()
                                      : tr("weight %1 / %2").arg(weight).arg(poller.weightLimit()));
    m_offsetLabel->setText(
        tr("clock offset %1 s").arg(QLocale().toString(poller.clockOffsetMs() / 1000.0, 'f', 2)));
    const QDateTime banned = poller.bannedUntil();
    const QDateTime next = poller.nextPollAt();
    if (banned.isValid())
        m_nextLabel->setText(tr("paused for %1").arg(countdown(banned.toMSecsSinceEpoch() - now)));
    else if (next.isValid())
        m_nextLabel->setText(tr("next in %1").arg(countdown(next.toMSecsSinceEpoch() - now)));
    else
        m_nextLabel->clear();
}

bool AccountWindow::exportSnapshot()
{
    if (!m_shown) {
        statusBar()->showMessage(tr("Nothing to export yet."), 5000);
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
    statusBar()->showMessage(tr("Exported %1-totals.csv, -assets.csv and -positions.csv").arg(stem), 8000);
    return true;
}

QString AccountWindow::totalText(const QString& apiName) const
{
    return m_totals->totalText(apiName);
}

QString AccountWindow::totalChange(const QString& apiName) const
{
    return m_totals->totalChange(apiName);
}

double AccountWindow::totalHighlight(const QString& apiName) const
{
    return m_totals->totalHighlight(apiName);
}

QString AccountWindow::marginRatioText() const
{
    return m_totals->marginRatioText();
}

QString AccountWindow::environmentBadgeText() const
{
    return m_environmentBadge->text();
}

QString AccountWindow::accountModeText() const
{
    return m_accountModeBadge->text();
}

QString AccountWindow::positionModeText() const
{
    return m_positionModeBadge->text();
}

QString AccountWindow::problemText() const
{
    return m_problemBanner->isHidden() ? QString() : m_problemText->text();
}

} // namespace marginwatch
