#include "WindowFixtures.h"
#include "WindowProbe.h"
#include "api/SnapshotFetcher.h"
#include "gui/AccountWindow.h"
#include "gui/SimulatorSession.h"

#include <QAccessible>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace marginwatch;

namespace {

using Fixture = test::SimulatorWindowFixture;
using test::openSimulatorWindow;

// The same figures, fetched independently through the one-shot fetcher (not through the window).
AccountSnapshot fetchIndependently(SimulatorSession& simulator)
{
    SnapshotFetcher fetcher(simulator.clientConfig(), 1);
    QSignalSpy done(&fetcher, &SnapshotFetcher::finished);
    fetcher.start();
    if (!done.wait(10000))
        qFatal("independent fetch failed");
    return done.at(0).at(0).value<AccountSnapshot>();
}

} // namespace

class TestAccountWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void demo_showsTheSimulatorsTotals();
    void badges_matchTheScenario_data();
    void badges_matchTheScenario();
    void changedTotal_isHighlightedThenFades();
    void faults_markStaleAndExplain_thenRecover();
    void refusedKey_stopsAndSaysWhy();
    void exportSnapshot_writesTheThreeFiles();
    void importantWidgets_speakToScreenReaders();
    void demo_runsLiveAndSaysSo();
};

void TestAccountWindow::demo_showsTheSimulatorsTotals()
{
    Fixture f = openSimulatorWindow(SimScenario::Single);
    QCOMPARE(test::shownText(*f.window, u"serverBadge"_s), u"SIMULATOR"_s);
    QVERIFY(f.window->findChild<QLabel*>(u"serverBadge"_s)->toolTip().contains(u"no real account"_s));
    QVERIFY2(f.window->windowTitle().contains(u"SIMULATOR"_s), qPrintable(f.window->windowTitle()));
    auto* addAccount = f.window->findChild<QWidget*>(u"addAccountButton"_s);
    QVERIFY2(addAccount && addAccount->isVisible(), "Demo mode must offer to add a real account");
    QTRY_VERIFY_WITH_TIMEOUT(test::totalText(*f.window, u"totalWalletBalance"_s) != u"—"_s, 10000);
    const AccountSnapshot served = fetchIndependently(*f.simulator);
    const Decimal wallet = served.totals.totalWalletBalance;
    QCOMPARE(test::totalText(*f.window, u"totalWalletBalance"_s), wallet.toDisplayString(wallet.scale()));
    QCOMPARE(test::problemText(*f.window), QString());
    QVERIFY(!test::isStale(*f.window));
}

void TestAccountWindow::badges_matchTheScenario_data()
{
    QTest::addColumn<int>("scenario");
    QTest::addColumn<QString>("accountMode");
    QTest::addColumn<QString>("positionMode");
    QTest::newRow("single") << int(SimScenario::Single) << u"Single-asset mode — totals are USDT only"_s
                            << u"One-way mode"_s;
    QTest::newRow("multi") << int(SimScenario::Multi)
                           << u"Multi-assets mode — totals in USD across 3 assets"_s << u"One-way mode"_s;
    QTest::newRow("hedge") << int(SimScenario::Hedge) << u"Single-asset mode — totals are USDT only"_s
                           << u"Hedge mode"_s;
}

void TestAccountWindow::badges_matchTheScenario()
{
    QFETCH(int, scenario);
    QFETCH(QString, accountMode);
    QFETCH(QString, positionMode);
    Fixture f = openSimulatorWindow(SimScenario(scenario));
    QTRY_COMPARE_WITH_TIMEOUT(test::shownText(*f.window, u"accountModeBadge"_s), accountMode, 10000);
    QCOMPARE(test::shownText(*f.window, u"positionModeBadge"_s), positionMode);
}

void TestAccountWindow::changedTotal_isHighlightedThenFades()
{
    Fixture f = openSimulatorWindow(SimScenario::Single);
    QTRY_VERIFY_WITH_TIMEOUT(test::totalText(*f.window, u"totalUnrealizedProfit"_s) != u"—"_s, 10000);
    const QString before = test::totalText(*f.window, u"totalUnrealizedProfit"_s);
    // Move prices until the unrealized PnL differs, then the next poll must flag the change.
    auto served = [&f] {
        const Decimal pnl = fetchIndependently(*f.simulator).totals.totalUnrealizedProfit;
        return pnl.toDisplayString(pnl.scale());
    };
    for (int i = 0; i < 50 && served() == before; ++i)
        f.simulator->simulator().tick();
    QTRY_VERIFY_WITH_TIMEOUT(test::totalText(*f.window, u"totalUnrealizedProfit"_s) != before, 10000);
    const QString change = test::totalsPanel(*f.window).totalChange(u"totalUnrealizedProfit"_s);
    QVERIFY2(change == u"up"_s || change == u"down"_s, qPrintable(change));
    // One shared timer ends the highlight about two seconds later (prices no longer move).
    QTRY_COMPARE_WITH_TIMEOUT(test::totalsPanel(*f.window).totalChange(u"totalUnrealizedProfit"_s), QString(),
                              6000);
}

void TestAccountWindow::faults_markStaleAndExplain_thenRecover()
{
    Fixture f = openSimulatorWindow(SimScenario::Single);
    QTRY_VERIFY_WITH_TIMEOUT(test::totalText(*f.window, u"totalWalletBalance"_s) != u"—"_s, 10000);
    const QString shown = test::totalText(*f.window, u"totalWalletBalance"_s);
    QVERIFY(f.simulator->simulator().setFaults(u"502"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!test::problemText(*f.window).isEmpty(), 10000);
    QVERIFY2(test::problemText(*f.window).contains(u"502"_s), qPrintable(test::problemText(*f.window)));
    QTRY_VERIFY_WITH_TIMEOUT(test::isStale(*f.window), 10000);
    QCOMPARE(test::totalText(*f.window, u"totalWalletBalance"_s), shown); // the last good data stays
    QVERIFY(f.simulator->simulator().setFaults(QString()));
    QTRY_VERIFY_WITH_TIMEOUT(!test::isStale(*f.window), 15000);
    QCOMPARE(test::problemText(*f.window), QString());
}

void TestAccountWindow::refusedKey_stopsAndSaysWhy()
{
    test::ProfileWindowFixture f("not-the-secret");
    f.window->openProfile(f.profile.id);
    QTRY_VERIFY_WITH_TIMEOUT(!test::problemText(*f.window).isEmpty(), 10000);
    QVERIFY2(test::problemText(*f.window).contains(u"secret"_s), qPrintable(test::problemText(*f.window)));
    QCOMPARE(f.window->poller()->state(), AccountPoller::State::Stopped);
    QVERIFY(test::isStale(*f.window));
}

void TestAccountWindow::exportSnapshot_writesTheThreeFiles()
{
    Fixture f = openSimulatorWindow(SimScenario::Multi);
    QTRY_VERIFY_WITH_TIMEOUT(test::totalText(*f.window, u"totalWalletBalance"_s) != u"—"_s, 10000);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString stem = dir.filePath(u"snap"_s);
    f.window->setSaveFileDialog([stem](QWidget*) { return stem; });
    QVERIFY(f.window->exportSnapshot());
    for (const QString& part : {u"totals"_s, u"assets"_s, u"positions"_s}) {
        QFile file(stem + u'-' + part + u".csv"_s);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        QVERIFY(file.readLine().startsWith("snapshot_time_utc,"));
        QVERIFY(!file.readLine().isEmpty()); // at least one data row
    }
}

void TestAccountWindow::demo_runsLiveAndSaysSo()
{
    Fixture f = openSimulatorWindow(SimScenario::Multi, 4, true);
    QVERIFY(f.window->findChild<QWidget*>(u"connectionState"_s));
    // The simulator's streams: live, with the age of the last event and this account's weight.
    QTRY_VERIFY_WITH_TIMEOUT(test::shownText(*f.window, u"connectionState"_s).startsWith(u"Live"_s), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(test::shownText(*f.window, u"requestWeight"_s).contains(u"per minute"_s), 5000);
    QVERIFY(!test::isStale(*f.window));
}

void TestAccountWindow::importantWidgets_speakToScreenReaders()
{
    Fixture f = openSimulatorWindow(SimScenario::Multi);
    QTRY_VERIFY_WITH_TIMEOUT(!test::shownText(*f.window, u"accountModeBadge"_s).isEmpty(), 10000);
    const QString names[] = {u"total_totalWalletBalance"_s,
                             u"total_totalMarginBalance"_s,
                             u"total_totalUnrealizedProfit"_s,
                             u"marginRatio"_s,
                             u"marginRatioGauge"_s,
                             u"serverBadge"_s,
                             u"accountModeBadge"_s,
                             u"positionModeBadge"_s,
                             u"problemBanner"_s,
                             u"connectionState"_s,
                             u"lastUpdate"_s};
    for (const QString& name : names) {
        auto* widget = f.window->findChild<QWidget*>(name);
        QVERIFY2(widget, qPrintable(name));
        QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(widget);
        QVERIFY2(accessible, qPrintable(name));
        QVERIFY2(!accessible->text(QAccessible::Name).isEmpty(), qPrintable(name));
        QVERIFY2(!accessible->text(QAccessible::Description).isEmpty(), qPrintable(name));
    }
    // The value itself is what a screen reader reads out, next to what it means.
    auto* wallet = f.window->findChild<QWidget*>(u"total_totalWalletBalance"_s);
    QCOMPARE(QAccessible::queryAccessibleInterface(wallet)->text(QAccessible::Name),
             test::totalText(*f.window, u"totalWalletBalance"_s));
    QVERIFY(
        QAccessible::queryAccessibleInterface(wallet)->text(QAccessible::Description).contains(u"Wallet"_s));
}

QTEST_MAIN(TestAccountWindow)
#include "tst_accountwindow.moc"
