// The accounts overview in the window, against one real simulator serving five accounts whose keys
// come from a marginwatch-sim accounts file: one poller per account sharing the host's budget, rows
// worst first with an exact aggregate, double-click opening the account in the window (its row then
// follows the window's poller), the tray showing the worst account's zone, Ctrl+E exporting the
// STEM-overview.csv layout, and the open accounts restored at the next start.

#include "cli/AccountsFile.h"
#include "gui/AccountWindow.h"
#include "gui/AccountsOverviewPanel.h"
#include "gui/AccountsWatch.h"
#include "gui/TrayAlerts.h"
#include "model/AccountsOverviewModel.h"
#include "model/ModelRoles.h"
#include "settings/MemorySecretStore.h"
#include "settings/SettingKeys.h"
#include "settings/SettingsStore.h"
#include "sim/SimAccountsFile.h"
#include "sim/SimulatorServer.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr int kAccounts = 5;
constexpr int kDangerAccount = 2; // sim3

// Five accounts in one simulator, written as marginwatch-sim writes them (--accounts 5
// --accounts-file FILE) and read back as `--accounts FILE` reads them, then saved as profiles.
struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<SimulatorServer> sim;
    std::unique_ptr<QSettings> qsettings;
    std::unique_ptr<SettingsStore> settings;
    MemorySecretStore secrets;
    QList<Profile> profiles;
    std::unique_ptr<AccountWindow> window;

    Fixture()
    {
        SimOptions options;
        options.positions = 2;
        options.tickIntervalMs = 0;
        sim = std::make_unique<SimulatorServer>(options);
        if (!sim->listen(0))
            qFatal("simulator: %s", qPrintable(sim->errorString()));
        QList<SimAccountsFile::Entry> entries;
        for (int i = 0; i < kAccounts; ++i) {
            if (i > 0) {
                SimAccountOptions account;
                account.positions = 1 + i;
                account.seed = static_cast<quint32>(20 + i);
                sim->addAccount(account);
            }
            const DemoCredentials key = sim->generateDemoCredentials(i);
            entries << SimAccountsFile::Entry{u"sim%1"_s.arg(i + 1), sim->baseUrl().toString(), key.apiKey,
                                              key.secret};
        }
        const QString file = dir.filePath(u"accounts.ini"_s);
        QString error;
        if (!SimAccountsFile::write(file, entries, &error))
            qFatal("accounts file: %s", qPrintable(error));
        const Expected<QList<AccountsFileEntry>> read = readAccountsFile(file);
        if (!read)
            qFatal("accounts file: %s", qPrintable(read.error()));
        for (const AccountsFileEntry& entry : *read) {
            const Expected<Credentials> credentials = loadAccountCredentials(entry);
            if (!credentials)
                qFatal("credentials: %s", qPrintable(credentials.error()));
            Profile profile;
            profile.id = Profile::newId();
            profile.name = entry.name;
            profile.server = ServerKind::Custom;
            profile.customUrl = entry.baseUrl;
            profile.apiKey = credentials->apiKey;
            profile.pollIntervalMs = 1000;
            profile.live = false;
            secrets.write(profile.id, credentials->secret, {});
            profiles << profile;
        }
        qsettings = std::make_unique<QSettings>(dir.filePath(u"marginwatch.conf"_s), QSettings::IniFormat);
        settings = std::make_unique<SettingsStore>(*qsettings);
        settings->saveProfiles(profiles);
        newWindow();
    }

    ~Fixture() { window.reset(); } // the pollers go before the simulator they talk to

    void newWindow()
    {
        window.reset();
        window = std::make_unique<AccountWindow>(nullptr, nullptr, false);
        window->setStores(settings.get(), &secrets);
        window->resize(1300, 850);
        window->show();
    }

    AccountsWatch* watch() const { return window->findChild<AccountsWatch*>(); }
    AccountsOverviewPanel* panel() const { return window->findChild<AccountsOverviewPanel*>(); }
    AccountsOverviewModel* model() const { return watch()->model(); }

    void openAll() const
    {
        for (const Profile& profile : profiles)
            watch()->open(profile);
    }

    bool allHaveData() const
    {
        if (model()->accountCount() != kAccounts)
            return false;
        for (int row = 0; row < kAccounts; ++row) {
            const QString state =
                model()->data(model()->index(row, AccountsOverviewModel::StateColumn)).toString();
            if (!model()->snapshotAt(row) || !state.startsWith(u"ok"_s))
                return false;
        }
        return true;
    }

    // Goes all in on BTC: the maintenance margin comes close to the margin balance.
    void pushIntoDanger() const { QVERIFY(sim->trade(kDangerAccount, u"BTCUSDT"_s, u"BOTH"_s, u"23"_s)); }

    QString idOf(const QString& name) const
    {
        for (const Profile& profile : profiles) {
            if (profile.name == name)
                return profile.id;
        }
        return {};
    }
};

// As a user does it: the press selects the row, the second click of the pair opens it.
void doubleClick(QTableView* view, int row)
{
    const QPoint at = view->visualRect(view->model()->index(row, 0)).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
}

double ratioAt(const AccountsOverviewModel* model, int row)
{
    return model->data(model->index(row, AccountsOverviewModel::MarginRatioColumn), RawValueRole).toDouble();
}

} // namespace

class TestAccountsOverview : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void staleAfter_followsTheBudgetsPace_data();
    void staleAfter_followsTheBudgetsPace();
    void rows_worstFirst_exactAggregate_sharedBudget();
    void aggregate_notSummed_acrossUnits();
    void doubleClick_opensAccount_rowFollowsWindow();
    void tray_showsWorstZone_notificationsNameAccount();
    void ctrlE_exportsOverviewCsv();
    void openAccounts_restoredAtStart_closeFromList();
};

void TestAccountsOverview::staleAfter_followsTheBudgetsPace_data()
{
    QTest::addColumn<qint64>("intervalMs");
    QTest::addColumn<int>("accountsOnHost");
    QTest::addColumn<qint64>("spacingMs");
    QTest::addColumn<qint64>("staleAfterMs");
    QTest::newRow("one account, 5 s: the 15 s floor") << qint64(5000) << 1 << qint64(417) << qint64(15000);
    QTest::newRow("one account, 60 s") << qint64(60000) << 1 << qint64(417) << qint64(180000);
    // 10 weight a cycle at 1 440 a minute: 417 ms apart; 20 accounts go round in 8.3 s.
    QTest::newRow("20 accounts at 5 s: the budget's pace")
        << qint64(5000) << 20 << qint64(417) << qint64(25020);
    QTest::newRow("50 accounts at 5 s") << qint64(5000) << 50 << qint64(417) << qint64(62550);
    QTest::newRow("50 accounts at 60 s: the interval")
        << qint64(60000) << 50 << qint64(417) << qint64(180000);
    QTest::newRow("no governor") << qint64(2000) << 1 << qint64(0) << qint64(15000);
}

void TestAccountsOverview::staleAfter_followsTheBudgetsPace()
{
    QFETCH(qint64, intervalMs);
    QFETCH(int, accountsOnHost);
    QFETCH(qint64, spacingMs);
    QFETCH(qint64, staleAfterMs);
    QCOMPARE(AccountsWatch::staleAfterMs(intervalMs, accountsOnHost, spacingMs), staleAfterMs);
}

void TestAccountsOverview::rows_worstFirst_exactAggregate_sharedBudget()
{
    Fixture f;
    f.pushIntoDanger();
    QAbstractItemModelTester tester(f.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QDockWidget* dock = f.window->findChild<QDockWidget*>(u"accountsOverviewDock"_s);
    QVERIFY(dock);
    QVERIFY(!dock->isVisible()); // nothing open: the window looks as it always did
    f.openAll();
    QCOMPARE(f.watch()->count(), kAccounts);
    QTRY_VERIFY_WITH_TIMEOUT(f.allHaveData(), 30000);
    AccountsOverviewModel* model = f.model();
    QCOMPARE(model->rowCount(), kAccounts + 1); // and the aggregate

    // Worst first: the all-in account on top, in danger; the others by ratio, descending.
    QCOMPARE(model->accountAt(0), u"sim3"_s);
    QCOMPARE(model->zoneOf(0), AccountZone::Danger);
    for (int row = 1; row < kAccounts; ++row)
        QVERIFY2(ratioAt(model, row - 1) >= ratioAt(model, row), qPrintable(model->accountAt(row)));
    QCOMPARE(model->data(model->index(0, AccountsOverviewModel::ZoneColumn)).toString(), u"Danger"_s);
    QCOMPARE(model->data(model->index(0, AccountsOverviewModel::EnvironmentColumn)).toString().isEmpty(),
             false);
    QCOMPARE(model->data(model->index(0, AccountsOverviewModel::AccountModeColumn)).toString(),
             u"Single-asset"_s);

    // The aggregate: exact sums of the Decimals (all single-asset: one unit), the positions counted.
    Decimal balance;
    Decimal pnl;
    int positions = 0;
    for (int row = 0; row < kAccounts; ++row) {
        const AccountSnapshot snapshot = *model->snapshotAt(row);
        balance = *balance.plus(snapshot.totals.totalMarginBalance);
        pnl = *pnl.plus(snapshot.totals.totalUnrealizedProfit);
        positions += static_cast<int>(snapshot.positions.size());
        QCOMPARE(model->data(model->index(row, AccountsOverviewModel::PositionsColumn)).toInt(),
                 static_cast<int>(snapshot.positions.size()));
    }
    const int total = kAccounts;
    QCOMPARE(model->data(model->index(total, AccountsOverviewModel::MarginBalanceColumn), RawValueRole)
                 .value<Decimal>(),
             balance);
    QCOMPARE(model->data(model->index(total, AccountsOverviewModel::UnrealizedPnlColumn), RawValueRole)
                 .value<Decimal>(),
             pnl);
    QCOMPARE(model->data(model->index(total, AccountsOverviewModel::PositionsColumn)).toInt(), positions);
    QCOMPARE(model->zoneOf(total), AccountZone::Danger);

    // One budget for the host, shown in the status bar; no account drew a 429.
    auto* status = f.window->findChild<QLabel*>(u"accountsStatus"_s);
    QVERIFY(status);
    QVERIFY(status->isVisible());
    QVERIFY2(status->text().startsWith(u"5 accounts · "_s), qPrintable(status->text()));
    QVERIFY2(status->text().endsWith(u" weight/min of budget 1440"_s), qPrintable(status->text()));
    QVERIFY(dock->isVisible());
    QCOMPARE(f.sim->requestCount(u"/fapi/v3/account"_s) >= kAccounts, true);

    // A new poll that moves a balance highlights the changed cells like the other tables do.
    QSignalSpy applied(model, &AccountsOverviewModel::changesApplied);
    QVERIFY(f.sim->trade(0, u"ETHUSDT"_s, u"BOTH"_s, u"1"_s));
    f.sim->tick();
    QTRY_VERIFY_WITH_TIMEOUT(!applied.isEmpty(), 10000);
    bool highlighted = false;
    for (int row = 0; row < kAccounts && !highlighted; ++row) {
        for (int column = 0; column < AccountsOverviewModel::ColumnCount; ++column) {
            if (model->data(model->index(row, column), ChangeRole).value<CellChange>().direction != 0)
                highlighted = true;
        }
    }
    QVERIFY(highlighted);
}

void TestAccountsOverview::aggregate_notSummed_acrossUnits()
{
    Fixture f;
    QVERIFY(f.sim->setMultiAssetsMode(1, true));
    f.openAll();
    QTRY_VERIFY_WITH_TIMEOUT(f.allHaveData(), 30000);
    AccountsOverviewModel* model = f.model();
    // USD (multi-assets) and USDT (single-asset) are not added up.
    QCOMPARE(model->data(model->index(kAccounts, AccountsOverviewModel::MarginBalanceColumn)).toString(),
             u"not summed"_s);
    const int sim2 = model->rowOf(u"sim2"_s);
    QCOMPARE(model->data(model->index(sim2, AccountsOverviewModel::AccountModeColumn)).toString(),
             u"Multi-assets"_s);
}

void TestAccountsOverview::doubleClick_opensAccount_rowFollowsWindow()
{
    Fixture f;
    f.pushIntoDanger();
    f.openAll();
    QTRY_VERIFY_WITH_TIMEOUT(f.allHaveData(), 30000);
    AccountsOverviewPanel* panel = f.panel();
    QTableView* view = panel->view();
    const QString danger = f.idOf(u"sim3"_s);
    QCOMPARE(f.watch()->profileIdAt(0), danger);

    doubleClick(view, 0);
    // The window watches that account: its own poller, with the account's key, and the title says so.
    QTRY_VERIFY_WITH_TIMEOUT(f.window->poller() != nullptr, 10000);
    QCOMPARE(f.window->poller()->config().credentials.apiKey, f.profiles.at(kDangerAccount).apiKey);
    QVERIFY2(f.window->windowTitle().startsWith(u"sim3 — "_s), qPrintable(f.window->windowTitle()));
    QCOMPARE(f.watch()->count(), kAccounts); // still open in the overview, not polled twice
    QVERIFY(f.watch()->followsWindow(danger));
    // docs/accounts-overview.png: MARGINWATCH_OVERVIEW_SCREENSHOT=path, under xvfb-run.
    if (const QString shot = qEnvironmentVariable("MARGINWATCH_OVERVIEW_SCREENSHOT"); !shot.isEmpty()) {
        QTest::qWait(2500); // a poll or two of every account, the highlights faded
        view->resizeColumnsToContents();
        view->clearSelection(); // the zone colours, not the selection
        QVERIFY(f.window->grab().save(shot));
    }

    // Its row now follows the window's poller: a change the window sees reaches the row too.
    const int before = f.model()->snapshotAt(f.model()->rowOf(u"sim3"_s))->positions.size();
    QVERIFY(f.sim->trade(kDangerAccount, u"LINKUSDT"_s, u"BOTH"_s, u"1"_s));
    QTRY_COMPARE_WITH_TIMEOUT(f.model()->snapshotAt(f.model()->rowOf(u"sim3"_s))->positions.size(),
                              before + 1, 10000);

    // Another account in the window: sim3 gets its own poller back and keeps updating.
    const int sim1 = f.model()->rowOf(u"sim1"_s);
    doubleClick(view, sim1);
    QTRY_COMPARE_WITH_TIMEOUT(f.window->poller()->config().credentials.apiKey, f.profiles.at(0).apiKey,
                              10000);
    QVERIFY(!f.watch()->followsWindow(danger));
    QVERIFY(f.watch()->followsWindow(f.idOf(u"sim1"_s)));
    QVERIFY(f.sim->trade(kDangerAccount, u"ADAUSDT"_s, u"BOTH"_s, u"10"_s));
    QTRY_COMPARE_WITH_TIMEOUT(f.model()->snapshotAt(f.model()->rowOf(u"sim3"_s))->positions.size(),
                              before + 2, 15000);

    // The aggregate row opens nothing.
    const QString title = f.window->windowTitle();
    doubleClick(view, kAccounts);
    QTest::qWait(200);
    QCOMPARE(f.window->windowTitle(), title);
}

void TestAccountsOverview::tray_showsWorstZone_notificationsNameAccount()
{
    Fixture f;
    TrayAlerts* tray = f.window->findChild<TrayAlerts*>();
    QVERIFY(tray);
    QSignalSpy notified(tray, &TrayAlerts::notified);
    // The window shows a calm account; the tray is normal until the overview has a worse one.
    f.window->openProfile(f.profiles.at(0).id);
    QTRY_COMPARE_WITH_TIMEOUT(tray->zone(), AccountZone::Normal, 10000);
    f.pushIntoDanger();
    f.openAll();
    QTRY_VERIFY_WITH_TIMEOUT(f.allHaveData(), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(tray->zone(), AccountZone::Danger, 10000);
    QVERIFY2(tray->toolTip().contains(u"sim3"_s), qPrintable(tray->toolTip()));
    // Every notification names its account.
    QTRY_VERIFY(!notified.isEmpty());
    bool dangerNamed = false;
    for (const QList<QVariant>& args : std::as_const(notified)) {
        const QString text = args.at(0).toString() + u' ' + args.at(1).toString();
        QVERIFY2(text.contains(u"sim"_s), qPrintable(text));
        dangerNamed = dangerNamed || args.at(0).toString().startsWith(u"sim3: margin ratio in danger"_s);
    }
    QVERIFY(dangerNamed);

    // Closing the account in danger calms the icon.
    f.watch()->close(f.idOf(u"sim3"_s));
    QTRY_COMPARE(tray->zone(), AccountZone::Normal);
}

void TestAccountsOverview::ctrlE_exportsOverviewCsv()
{
    Fixture f;
    f.pushIntoDanger();
    f.openAll();
    QTRY_VERIFY_WITH_TIMEOUT(f.allHaveData(), 30000);
    AccountsOverviewPanel* panel = f.panel();
    const QString path = f.dir.filePath(u"overview.csv"_s);
    panel->setSaveFileDialog([path](QWidget*) { return path; });
    // Ctrl+E on the overview is the overview's (the window's Ctrl+E exports the account it shows).
    panel->view()->setFocus();
    QTRY_VERIFY(panel->view()->hasFocus());
    QTest::keyClick(panel->view(), Qt::Key_E, Qt::ControlModifier);
    QVERIFY(QFile::exists(path));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.takeLast(), QByteArray()); // the final line end
    QCOMPARE(lines.size(), 1 + kAccounts);
    QCOMPARE(lines.at(0),
             QByteArray("snapshot_time_utc,account,account_mode,totalWalletBalance,totalMarginBalance,"
                        "totalMaintMargin,totalUnrealizedProfit,marginRatio,positions,state"));
    AccountsOverviewModel* model = f.model();
    for (int row = 0; row < kAccounts; ++row) {
        const QList<QByteArray> fields = lines.at(1 + row).split(',');
        QCOMPARE(fields.size(), 10);
        // The rows in the overview's order, the decimals exactly as the API sent them.
        const AccountSnapshot snapshot = *model->snapshotAt(row);
        QCOMPARE(QString::fromUtf8(fields.at(1)), model->accountAt(row));
        QCOMPARE(fields.at(2), QByteArray("single-asset"));
        QCOMPARE(QString::fromUtf8(fields.at(3)), snapshot.totals.totalWalletBalance.toString());
        QCOMPARE(QString::fromUtf8(fields.at(4)), snapshot.totals.totalMarginBalance.toString());
        QCOMPARE(QString::fromUtf8(fields.at(5)), snapshot.totals.totalMaintMargin.toString());
        QCOMPARE(QString::fromUtf8(fields.at(6)), snapshot.totals.totalUnrealizedProfit.toString());
        QCOMPARE(fields.at(8).toInt(), static_cast<int>(snapshot.positions.size()));
        QCOMPARE(fields.at(9), QByteArray("ok"));
        QVERIFY(fields.at(0).endsWith('Z'));
    }
    QCOMPARE(lines.at(1).split(',').at(1), QByteArray("sim3"));
}

void TestAccountsOverview::openAccounts_restoredAtStart_closeFromList()
{
    Fixture f;
    // View → Accounts overview, then accounts opened from its profile list, in this order.
    auto* showOverview = f.window->findChild<QAction*>(u"accountsOverviewAction"_s);
    QVERIFY(showOverview);
    showOverview->trigger();
    AccountsOverviewPanel* panel = f.panel();
    QVERIFY(panel->isVisible());
    auto* box = panel->findChild<QComboBox*>(u"overviewProfiles"_s);
    auto* openButton = panel->findChild<QPushButton*>(u"overviewOpen"_s);
    auto* closeButton = panel->findChild<QPushButton*>(u"overviewClose"_s);
    QVERIFY(box && openButton && closeButton);
    QCOMPARE(box->count(), kAccounts);
    const QList<int> order{3, 0, 4};
    QStringList ids;
    for (const int i : order) {
        box->setCurrentIndex(i);
        QVERIFY(openButton->isEnabled());
        QTest::mouseClick(openButton, Qt::LeftButton);
        QVERIFY(!openButton->isEnabled()); // already open
        ids << f.profiles.at(i).id;
    }
    QCOMPARE(f.watch()->openIds(), ids);
    QCOMPARE(f.settings->value(SettingKey::OpenAccountIds).toString(), ids.join(u','));

    // The next start opens the same accounts, in the same order.
    f.newWindow();
    QCOMPARE(f.watch()->openIds(), ids);
    QVERIFY(f.window->findChild<QDockWidget*>(u"accountsOverviewDock"_s)->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(f.model()->accountCount(), 3, 10000);

    // Closed from the list: select its row, Close.
    panel = f.panel();
    closeButton = panel->findChild<QPushButton*>(u"overviewClose"_s);
    panel->view()->setCurrentIndex(f.model()->index(f.model()->rowOf(u"sim4"_s), 0));
    QVERIFY(closeButton->isEnabled());
    QTest::mouseClick(closeButton, Qt::LeftButton);
    ids.removeAll(f.profiles.at(3).id);
    QCOMPARE(f.watch()->openIds(), ids);
    QCOMPARE(f.model()->rowOf(u"sim4"_s), -1);
    QCOMPARE(f.settings->value(SettingKey::OpenAccountIds).toString(), ids.join(u','));
    // The aggregate row cannot be closed.
    panel->view()->setCurrentIndex(f.model()->index(f.model()->accountCount(), 0));
    QVERIFY(!closeButton->isEnabled());
}

} // namespace marginwatch

QTEST_MAIN(marginwatch::TestAccountsOverview)
#include "tst_accountsoverview.moc"
