#include "DemoWindowFixture.h"
#include "gui/AccountWindow.h"
#include "gui/DemoSession.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace marginwatch;

namespace {

using Fixture = test::DemoWindowFixture;
using test::openDemoWindow;

// The same figures, fetched independently through the one-shot fetcher (not through the window).
AccountSnapshot fetchIndependently(DemoSession& demo)
{
    SnapshotFetcher fetcher(demo.clientConfig(), 1);
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
};

void TestAccountWindow::demo_showsTheSimulatorsTotals()
{
    Fixture f = openDemoWindow(SimScenario::Single);
    QCOMPARE(f.window->environmentBadgeText(), u"DEMO"_s);
    auto* addAccount = f.window->findChild<QWidget*>(u"addAccountButton"_s);
    QVERIFY2(addAccount && addAccount->isVisible(), "Demo mode must offer to add a real account");
    QTRY_VERIFY_WITH_TIMEOUT(f.window->totalText(u"totalWalletBalance"_s) != u"—"_s, 10000);
    const AccountSnapshot served = fetchIndependently(*f.demo);
    const Decimal wallet = served.totals.totalWalletBalance;
    QCOMPARE(f.window->totalText(u"totalWalletBalance"_s), wallet.toDisplayString(wallet.scale()));
    QCOMPARE(f.window->problemText(), QString());
    QVERIFY(!f.window->isStale());
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
    Fixture f = openDemoWindow(SimScenario(scenario));
    QTRY_COMPARE_WITH_TIMEOUT(f.window->accountModeText(), accountMode, 10000);
    QCOMPARE(f.window->positionModeText(), positionMode);
}

void TestAccountWindow::changedTotal_isHighlightedThenFades()
{
    Fixture f = openDemoWindow(SimScenario::Single);
    QTRY_VERIFY_WITH_TIMEOUT(f.window->totalText(u"totalUnrealizedProfit"_s) != u"—"_s, 10000);
    const QString before = f.window->totalText(u"totalUnrealizedProfit"_s);
    // Move prices until the unrealized PnL differs, then the next poll must flag the change.
    auto served = [&f] {
        const Decimal pnl = fetchIndependently(*f.demo).totals.totalUnrealizedProfit;
        return pnl.toDisplayString(pnl.scale());
    };
    for (int i = 0; i < 50 && served() == before; ++i)
        f.demo->simulator().tick();
    QTRY_VERIFY_WITH_TIMEOUT(f.window->totalText(u"totalUnrealizedProfit"_s) != before, 10000);
    const QString change = f.window->totalChange(u"totalUnrealizedProfit"_s);
    QVERIFY2(change == u"up"_s || change == u"down"_s, qPrintable(change));
    // One shared timer ends the highlight about two seconds later (prices no longer move).
    QTRY_COMPARE_WITH_TIMEOUT(f.window->totalChange(u"totalUnrealizedProfit"_s), QString(), 6000);
}

void TestAccountWindow::faults_markStaleAndExplain_thenRecover()
{
    Fixture f = openDemoWindow(SimScenario::Single);
    QTRY_VERIFY_WITH_TIMEOUT(f.window->totalText(u"totalWalletBalance"_s) != u"—"_s, 10000);
    const QString shown = f.window->totalText(u"totalWalletBalance"_s);
    QVERIFY(f.demo->simulator().setFaults(u"502"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!f.window->problemText().isEmpty(), 10000);
    QVERIFY2(f.window->problemText().contains(u"502"_s), qPrintable(f.window->problemText()));
    QTRY_VERIFY_WITH_TIMEOUT(f.window->isStale(), 10000);
    QCOMPARE(f.window->totalText(u"totalWalletBalance"_s), shown); // the last good data stays
    QVERIFY(f.demo->simulator().setFaults(QString()));
    QTRY_VERIFY_WITH_TIMEOUT(!f.window->isStale(), 15000);
    QCOMPARE(f.window->problemText(), QString());
}

void TestAccountWindow::refusedKey_stopsAndSaysWhy()
{
    test::ProfileWindowFixture f("not-the-secret");
    f.window->openProfile(f.profile.id);
    QTRY_VERIFY_WITH_TIMEOUT(!f.window->problemText().isEmpty(), 10000);
    QVERIFY2(f.window->problemText().contains(u"secret"_s), qPrintable(f.window->problemText()));
    QCOMPARE(f.window->poller().state(), AccountPoller::State::Stopped);
    QVERIFY(f.window->isStale());
}

void TestAccountWindow::exportSnapshot_writesTheThreeFiles()
{
    Fixture f = openDemoWindow(SimScenario::Multi);
    QTRY_VERIFY_WITH_TIMEOUT(f.window->totalText(u"totalWalletBalance"_s) != u"—"_s, 10000);
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

QTEST_MAIN(TestAccountWindow)
#include "tst_accountwindow.moc"
