// The main window's tables, settings, alerts and themes, against the in-process simulator.
#include "WindowFixtures.h"
#include "WindowProbe.h"
#include "alerts/StalenessWatch.h"
#include "gui/AccountTableView.h"
#include "gui/AccountWindow.h"
#include "gui/ChangeHighlightDelegate.h"
#include "gui/HighlightClock.h"
#include "gui/SettingsDialog.h"
#include "gui/SimulatorSession.h"
#include "gui/Theme.h"
#include "gui/TrayAlerts.h"
#include "model/AccountTableModels.h"
#include "settings/MemorySecretStore.h"
#include "settings/SettingsStore.h"
#include "ui_SettingsDialog.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace marginwatch;

namespace {

using Fixture = test::SimulatorWindowFixture;
using test::openSimulatorWindow;

AccountSnapshot snapshotWithRatio(const char* maintMargin, const char* marginBalance)
{
    AccountSnapshot snapshot;
    snapshot.totals.totalMaintMargin = *Decimal::parse(std::string_view(maintMargin));
    snapshot.totals.totalMarginBalance = *Decimal::parse(std::string_view(marginBalance));
    return snapshot;
}

// A cell of the positions view (through the proxy) whose value changed in the last poll, if any.
QModelIndex changedCell(QAbstractItemModel* model)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column) {
            const QModelIndex index = model->index(row, column);
            if (ChangeHighlightDelegate::direction(index) != 0)
                return index;
        }
    }
    return {};
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void tables_showTheSimulatorsRows()
    {
        Fixture f = openSimulatorWindow(SimScenario::Hedge, 5);
        QAbstractItemModelTester positionsTester(&test::positionModel(*f.window),
                                                 QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester assetsTester(&test::assetModel(*f.window),
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(test::positionModel(*f.window).rowCount() > 0, 10000);
        QVERIFY(test::assetModel(*f.window).rowCount() > 0);
        // Hedge mode: LONG and SHORT are separate rows of the same symbol.
        QStringList sides;
        for (int row = 0; row < test::positionModel(*f.window).rowCount(); ++row)
            sides << test::positionModel(*f.window).index(row, PositionTableModel::Side).data().toString();
        QVERIFY2(sides.contains(u"LONG"_s) && sides.contains(u"SHORT"_s), qPrintable(sides.join(u',')));
        QVERIFY(test::shownText(*f.window, u"positionModeBadge"_s).contains(u"Hedge"_s));
    }

    void changedCell_isHighlightedThenFades()
    {
        Fixture f = openSimulatorWindow(SimScenario::Single, 5);
        QTRY_VERIFY_WITH_TIMEOUT(test::positionModel(*f.window).rowCount() > 0, 10000);
        QAbstractItemModel* view = test::tableView(*f.window, u"positionsView"_s).model();
        QModelIndex cell;
        for (int i = 0; i < 20 && !cell.isValid(); ++i) {
            f.simulator->simulator().tick();
            QTest::qWait(1300); // one poll interval
            cell = changedCell(view);
        }
        QVERIFY2(cell.isValid(), "no position cell changed after the mark prices moved");
        const double first = test::positionsDelegate(*f.window).intensity(cell);
        QVERIFY2(first > 0.0, "a changed cell must start highlighted");
        QVERIFY(test::highlightClock(*f.window).isRunning());
        // Fades over about two seconds on the shared clock, which then stops.
        QTRY_COMPARE_WITH_TIMEOUT(test::positionsDelegate(*f.window).intensity(cell), 0.0, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!test::highlightClock(*f.window).isRunning(), 5000);
    }

    void hideEmptyRows_filtersTheProxy()
    {
        Fixture f = openSimulatorWindow(SimScenario::Multi, 5);
        QTRY_VERIFY_WITH_TIMEOUT(test::assetModel(*f.window).rowCount() > 0, 10000);
        int empty = 0;
        for (int row = 0; row < test::assetModel(*f.window).rowCount(); ++row)
            empty += test::assetModel(*f.window).index(row, 0).data(RowIsEmptyRole).toBool() ? 1 : 0;
        f.window->setHideEmptyRows(false, false);
        QCOMPARE(test::tableView(*f.window, u"assetsView"_s).model()->rowCount(),
                 test::assetModel(*f.window).rowCount());
        f.window->setHideEmptyRows(true, false);
        QCOMPARE(test::tableView(*f.window, u"assetsView"_s).model()->rowCount(),
                 test::assetModel(*f.window).rowCount() - empty);
    }

    void settings_roundTrip_keepsSecretsOutOfTheFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"marginwatch.conf"_s);
        const QString secret = u"Sup3rS3cretValue-do-not-store"_s;
        const QString proxyPassword = u"pr0xyPa55word"_s;
        MemorySecretStore secrets;
        QString profileId;
        {
            QSettings qsettings(path, QSettings::IniFormat);
            SettingsStore settings(qsettings);
            SettingsDialog dialog(settings, &secrets);
            dialog.addProfile();
            Ui::SettingsDialog* ui = dialog.ui();
            ui->nameEdit->clear();
            QTest::keyClicks(ui->nameEdit, u"Main account"_s);
            ui->apiKeyEdit->setFocus();
            QTest::keyClicks(ui->apiKeyEdit, u"PublicApiKey123"_s);
            QTest::keyClicks(ui->secretEdit, secret);
            ui->proxyModeCombo->setCurrentIndex(ui->proxyModeCombo->findData(int(ProxySettings::Mode::Http)));
            QTest::keyClicks(ui->proxyHostEdit, u"proxy.example"_s);
            ui->proxyPortSpin->setValue(3128);
            QTest::keyClicks(ui->proxyUserEdit, u"trader"_s);
            QTest::keyClicks(ui->proxyPasswordEdit, proxyPassword);
            ui->dangerSpin->setValue(85);
            QSignalSpy saved(&dialog, &SettingsDialog::secretsSaved);
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
            QVERIFY(saved.count() == 1 || saved.wait(5000));
            profileId = settings.currentProfileId();
            QVERIFY(!profileId.isEmpty());
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        QVERIFY2(written.contains("PublicApiKey123"), "the API key (not secret) belongs in the settings");
        QVERIFY2(!written.contains(secret.toUtf8()), "the API secret must never reach the settings file");
        QVERIFY2(!written.contains(proxyPassword.toUtf8()),
                 "the proxy password must never reach the settings file");
        QVERIFY(secrets.contains(profileId));

        // Read back: everything but the secret is in the form; the secret field stays empty.
        QSettings qsettings(path, QSettings::IniFormat);
        SettingsStore settings(qsettings);
        QCOMPARE(settings.preferences().dangerMarginRatioPercent, 85.0);
        SettingsDialog again(settings, &secrets);
        QCOMPARE(again.ui()->nameEdit->text(), u"Main account"_s);
        QCOMPARE(again.ui()->apiKeyEdit->text(), u"PublicApiKey123"_s);
        QCOMPARE(again.ui()->proxyHostEdit->text(), u"proxy.example"_s);
        QCOMPARE(again.ui()->proxyPortSpin->value(), 3128);
        QVERIFY(again.ui()->secretEdit->text().isEmpty());
        bool read = false;
        secrets.read(profileId, [&](const SecretResult& result) {
            QCOMPARE(QString::fromUtf8(result.secret.exposeSecret()), secret);
            read = true;
        });
        QTRY_VERIFY(read);
        auto* note = again.findChild<QLabel*>(u"secretNoteLabel"_s);
        QVERIFY2(note && note->text().contains(u"No OS keychain"_s),
                 qPrintable(note ? note->text() : QString()));
    }

    void testConnection_reportsTheDemoAccount()
    {
        QTemporaryDir dir;
        QSettings qsettings(dir.filePath(u"s.conf"_s), QSettings::IniFormat);
        SettingsStore settings(qsettings);
        MemorySecretStore secrets;
        SettingsDialog dialog(settings, &secrets);
        dialog.addProfile();
        dialog.ui()->serverCombo->setCurrentIndex(
            dialog.ui()->serverCombo->findData(int(ServerKind::Simulator)));
        dialog.testConnection();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.testResult().startsWith(u"✔"_s), 10000);
        QVERIFY2(dialog.testResult().contains(u"weight"_s), qPrintable(dialog.testResult()));

        // A production profile without a secret says what is missing instead of sending anything.
        dialog.ui()->serverCombo->setCurrentIndex(
            dialog.ui()->serverCombo->findData(int(ServerKind::Production)));
        QTest::keyClicks(dialog.ui()->apiKeyEdit, u"SomeKey"_s);
        dialog.testConnection();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.testResult().startsWith(u"✘"_s), 5000);
    }

    void alerts_fireOncePerCrossing()
    {
        TrayAlerts alerts;
        alerts.setThresholds(MarginThresholds{50.0, 80.0, 2.0});
        QSignalSpy notified(&alerts, &TrayAlerts::notified);
        const std::pair<const char*, int> polls[] = {
            {"40", 0},                       // healthy start: silent
            {"55", 1},                       // crosses 50 %: warning
            {"60", 1}, {"49", 1}, {"51", 1}, // wobbling inside the hysteresis band: nothing new
            {"85", 2},                       // danger
            {"79", 2},                       // still danger (band)
            {"70", 3},                       // back below danger
            {"30", 4},                       // back to normal
        };
        for (const auto& [maint, expected] : polls) {
            alerts.snapshotArrived(snapshotWithRatio(maint, "100"));
            QCOMPARE(notified.count(), expected);
        }
        QVERIFY(alerts.toolTip().contains(u"30.00"_s) || alerts.toolTip().contains(u"30,00"_s));
    }

    void alerts_staleOnceThenFreshAgain()
    {
        qint64 now = 1'000'000;
        StalenessWatch staleness([&now] { return now; });
        staleness.setPollInterval(std::chrono::seconds(5));
        staleness.setAlertAfter(std::chrono::seconds(30));
        TrayAlerts alerts;
        alerts.watch(&staleness);
        QSignalSpy notified(&alerts, &TrayAlerts::notified);
        staleness.goodUpdate();
        now = 1'029'000;
        staleness.reevaluate();
        QCOMPARE(notified.count(), 0);
        now = 1'031'000;
        staleness.reevaluate();
        now = 1'090'000;
        staleness.reevaluate();
        QCOMPARE(notified.count(), 1);
        QCOMPARE(notified.at(0).at(0).toString(), u"Data is stale"_s);
        staleness.goodUpdate();
        QCOMPARE(notified.count(), 2); // "fresh again"
        QCOMPARE(notified.at(1).at(0).toString(), u"Data is fresh again"_s);
    }

    void themes_switchPalettes()
    {
        Theme::apply(Preferences::Theme::Dark);
        QVERIFY(Theme::isDark());
        const QColor darkGain = Theme::gainColor();
        Theme::apply(Preferences::Theme::Light);
        QVERIFY(!Theme::isDark());
        QVERIFY(Theme::gainColor() != darkGain);
        const QPalette dark = Theme::loadPalette(u":/palettes/dark.ini"_s);
        QCOMPARE(dark.color(QPalette::Window), QColor(u"#2b2d30"_s));
        QVERIFY(dark.color(QPalette::Disabled, QPalette::Text)
                != dark.color(QPalette::Active, QPalette::Text));
        Theme::apply(Preferences::Theme::System);
    }

    void headerState_persists()
    {
        QTemporaryDir dir;
        QSettings qsettings(dir.filePath(u"w.conf"_s), QSettings::IniFormat);
        SettingsStore settings(qsettings);
        MemorySecretStore secrets;
        {
            Fixture f = openSimulatorWindow(SimScenario::Single, 5);
            f.window->setStores(&settings, &secrets);
            QTRY_VERIFY_WITH_TIMEOUT(test::positionModel(*f.window).rowCount() > 0, 10000);
            test::tableView(*f.window, u"positionsView"_s)
                .horizontalHeader()
                ->setSectionHidden(PositionTableModel::Notional, true);
            f.window->close(); // saves
        }
        Fixture g = openSimulatorWindow(SimScenario::Single, 5);
        g.window->setStores(&settings, &secrets);
        QVERIFY(test::tableView(*g.window, u"positionsView"_s)
                    .horizontalHeader()
                    ->isSectionHidden(PositionTableModel::Notional));
        QVERIFY(!test::tableView(*g.window, u"positionsView"_s)
                     .horizontalHeader()
                     ->isSectionHidden(PositionTableModel::Symbol));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
