// The Stress tab on the real simulator's snapshot (fetched by the real client, with its brackets).

#include "../risk/RiskTestSupport.h"
#include "WindowFixtures.h"
#include "gui/TotalsPanel.h"
#include "gui/risk/KeySafetyLabel.h"
#include "gui/risk/StressView.h"

#include <QApplication>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSlider>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

using namespace marginwatch;
using namespace Qt::StringLiterals;

namespace {

QString text(const QWidget& root, const QString& name)
{
    const auto* label = root.findChild<QLabel*>(name);
    return label ? label->text() : u"<missing>"_s;
}

// The figures are computed on a worker thread: wait until the newest request is on screen.
bool settled(const StressView& view)
{
    QElapsedTimer t;
    t.start();
    while (view.isComputing() && t.elapsed() < 20000)
        QTest::qWait(5);
    return !view.isComputing();
}

} // namespace

class TestRiskViews : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheServedFiguresAtNoShock()
    {
        auto setup = risktest::startSim(SimScenario::Single, 6);
        const AccountSnapshot snapshot = risktest::fetchSnapshot(setup.config);
        QVERIFY(snapshot.isValid());
        StressView view;
        view.setSnapshot(snapshot);
        QVERIFY(settled(view));
        QCOMPARE(text(view, u"stressMaintMargin"_s), snapshot.totals.totalMaintMargin.toDisplayString(2));
        QCOMPARE(text(view, u"stressMarginBalance"_s), snapshot.totals.totalMarginBalance.toDisplayString(2));
        QCOMPARE(text(view, u"stressLiquidated"_s), u"none"_s);
        // Two isolated positions in this book (every third symbol), each with its own solved shocks.
        const auto* isolated = view.findChild<QTableWidget*>(u"stressIsolatedRoots"_s);
        QVERIFY(isolated);
        QCOMPARE(isolated->rowCount(), 2);
        QVERIFY(isolated->item(0, 1)->text().contains(u'%'));
    }

    void sliderAndFieldMoveTogetherAndLiquidate()
    {
        auto setup = risktest::startSim(SimScenario::Single, 0);
        QVERIFY(setup.sim->trade(0, u"BTCUSDT"_s, u"BOTH"_s, u"2.5"_s));
        const AccountSnapshot snapshot = risktest::fetchSnapshot(setup.config);
        StressView view;
        view.setSnapshot(snapshot);
        QVERIFY(settled(view));
        // A 2.5 BTC long on 10 000 USDT: liquidated a little over 6 % down.
        QVERIFY2(text(view, u"stressRootDown"_s).startsWith(u"−6."_s),
                 qPrintable(text(view, u"stressRootDown"_s)));
        QCOMPARE(text(view, u"stressRootUp"_s), u"not within ±99 %"_s);
        auto* slider = view.findChild<QSlider*>(u"stressSlider"_s);
        auto* field = view.findChild<QDoubleSpinBox*>(u"stressShock"_s);
        slider->setValue(-10);
        QCOMPARE(field->value(), -10.0);
        QVERIFY(settled(view));
        QCOMPARE(text(view, u"stressLiquidated"_s), u"BTCUSDT/BOTH"_s);
        field->setValue(-5.5);
        QCOMPARE(slider->value(), -6); // rounded to the slider's whole percent
        QVERIFY(settled(view));
        QCOMPARE(text(view, u"stressLiquidated"_s), u"none"_s);
        // BTCUSDT on its own: held at +5 % while everything else falls 40 %.
        view.setOverridesText(u"btcusdt=5"_s);
        field->setValue(-40);
        QVERIFY(settled(view));
        QCOMPARE(text(view, u"stressLiquidated"_s), u"none"_s);
        view.setOverridesText(u"BTCUSDT"_s);
        QVERIFY(view.findChild<QLabel*>(u"stressOverrideError"_s)->isVisibleTo(&view));
        QCOMPARE(text(view, u"stressMarginRatio"_s), u"–"_s);
    }

    void saysWhyWithoutBrackets()
    {
        auto setup = risktest::startSim(SimScenario::Single, 3);
        QVERIFY(setup.sim->setFaults(u"badjson@3"_s)); // the leverageBracket answer
        const AccountSnapshot snapshot = risktest::fetchSnapshot(setup.config);
        StressView view;
        view.setSnapshot(snapshot);
        QVERIFY(settled(view));
        QVERIFY2(text(view, u"stressStatus"_s).contains(u"leverage brackets"_s),
                 qPrintable(text(view, u"stressStatus"_s)));
        QCOMPARE(text(view, u"stressMaintMargin"_s), u"–"_s);
    }

    void multiAssetsCollateralIsApproximate()
    {
        auto setup = risktest::startSim(SimScenario::Multi, 3);
        StressView view;
        view.setSnapshot(risktest::fetchSnapshot(setup.config));
        QVERIFY(settled(view));
        QVERIFY(view.findChild<QLabel*>(u"stressNote"_s)->isVisibleTo(&view));
        QVERIFY(text(view, u"stressNote"_s).contains(u"BTC"_s));
    }

    // A result computed for an older request never replaces a newer one: the figures of a book whose
    // brackets went missing stay blank even when the solve started before arrives afterwards.
    void staleResultNeverOverwritesANewerOne()
    {
        auto setup = risktest::startSim(SimScenario::Single, 200);
        const AccountSnapshot withBrackets = risktest::fetchSnapshot(setup.config);
        AccountSnapshot without = withBrackets;
        without.leverageBrackets.reset();
        without.leverageBracketsError = u"refused"_s;
        StressView view;
        QSignalSpy computed(&view, &StressView::computed);
        view.setSnapshot(withBrackets); // 200 positions: the worker is busy for a while
        view.setSnapshot(without);      // shown at once
        QVERIFY(text(view, u"stressStatus"_s).contains(u"refused"_s));
        QVERIFY(settled(view));
        QTest::qWait(50);
        QCOMPARE(text(view, u"stressMaintMargin"_s), u"–"_s);
        QCOMPARE(computed.size(), 0);
        QVERIFY(text(view, u"stressStatus"_s).contains(u"refused"_s));

        // Two shocks in a row: the last one's figures are what stays.
        view.setSnapshot(withBrackets);
        auto* field = view.findChild<QDoubleSpinBox*>(u"stressShock"_s);
        field->setValue(-3);
        field->setValue(-7);
        QVERIFY(settled(view));
        const Expected<StressModel> model = StressModel::fromSnapshot(withBrackets);
        QVERIFY(model);
        StressShock shock;
        shock.percent = Decimal::fromInteger(-7);
        QCOMPARE(text(view, u"stressMarginBalance"_s),
                 model->at(shock)->totalMarginBalance.toDisplayString(2));
    }

    // A thousand positions polled every second with the Stress tab on screen: the solve's cost
    // (printed) and the longest time the window's event loop stood still (printed, not asserted).
    void thousandPositionsDoNotStallTheWindow()
    {
        {
            auto setup = risktest::startSim(SimScenario::Single, 1000);
            const AccountSnapshot snapshot = risktest::fetchSnapshot(setup.config);
            QCOMPARE(snapshot.positions.size(), 1000);
            QElapsedTimer t;
            t.start();
            const Expected<StressModel> model = StressModel::fromSnapshot(snapshot);
            QVERIFY(model);
            const qint64 builtNs = t.nsecsElapsed();
            const Expected<StressPoint> point = model->at(StressShock{});
            const QList<StressRoot> roots = model->solve(StressShock{});
            QVERIFY(point);
            qInfo("1 000 positions: model %.1f ms, one shock and %d solved roots %.1f ms (debug build)",
                  double(builtNs) / 1e6, int(roots.size()), double(t.nsecsElapsed() - builtNs) / 1e6);
        }
        test::SimulatorWindowFixture f = test::openSimulatorWindow(SimScenario::Single, 1000);
        auto* view = f.window->findChild<StressView*>(u"stressView"_s);
        QVERIFY(view);
        auto* tabs = qobject_cast<QTabWidget*>(view->parentWidget()->parentWidget());
        QVERIFY(tabs);
        tabs->setCurrentWidget(view);
        QVERIFY(view->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(text(*view, u"stressMaintMargin"_s) != u"–"_s, 30000);

        QSignalSpy computed(view, &StressView::computed);
        qint64 longest = 0;
        QElapsedTimer sinceLast;
        sinceLast.start();
        QTimer probe;
        probe.setTimerType(Qt::PreciseTimer);
        probe.setInterval(2);
        connect(&probe, &QTimer::timeout, this, [&] {
            longest = std::max(longest, sinceLast.nsecsElapsed());
            sinceLast.restart();
        });
        probe.start();
        QTRY_VERIFY_WITH_TIMEOUT(computed.size() >= 3, 30000); // three polls recomputed
        probe.stop();
        qInfo("1 000 positions, Stress tab visible: longest event-loop stall %.1f ms over %d polls "
              "(a 2 ms probe timer; debug build)",
              double(longest) / 1e6 - 2.0, int(computed.size()));
    }

    // In the running window: the Stress tab follows every poll.
    void stressTabInTheWindow()
    {
        test::SimulatorWindowFixture f = test::openSimulatorWindow(SimScenario::Hedge, 4);
        auto* view = f.window->findChild<StressView*>(u"stressView"_s);
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(text(*view, u"stressMaintMargin"_s) != u"–"_s, 10000);
        QVERIFY(text(*view, u"stressRootDown"_s) != u"–"_s);
        QTRY_VERIFY_WITH_TIMEOUT(f.window->findChild<KeySafetyLabel*>(u"keySafety"_s)->isChecked(), 10000);
        QCOMPARE(int(f.window->findChild<KeySafetyLabel*>(u"keySafety"_s)->level()),
                 int(KeyAssessment::Level::Safe));
    }

    // A Portfolio Margin account: /fapi answers -2015, the key says Portfolio Margin, and the window
    // shows the unified figures instead of a key problem.
    void portfolioMarginAccountInTheWindow()
    {
        test::SimulatorWindowFixture f = test::openSimulatorWindow(SimScenario::PortfolioMargin, 3);
        auto* uniMmr = f.window->findChild<QLabel*>(u"pm_uniMMR"_s);
        QVERIFY(uniMmr);
        QTRY_VERIFY_WITH_TIMEOUT(uniMmr->isVisibleTo(f.window.get()) && uniMmr->text() != u"—"_s, 10000);
        QVERIFY(!f.window->findChild<QLabel*>(u"pm_accountStatus"_s)->text().isEmpty());
        QVERIFY(f.window->findChild<QLabel*>(u"pm_accountEquity"_s)->text() != u"—"_s);
        QVERIFY(f.window->findChild<QLabel*>(u"pm_accountMaintMargin"_s)->text() != u"—"_s);
        const QList<QLabel*> labels = f.window->findChildren<QLabel*>();
        const bool explained = std::any_of(labels.cbegin(), labels.cend(), [](const QLabel* l) {
            return l->isVisible() && l->text().contains(u"Portfolio Margin account"_s);
        });
        QVERIFY(explained);
    }

    void keySafetyColours_data()
    {
        QTest::addColumn<QString>("flags");
        QTest::addColumn<int>("level");
        QTest::addColumn<QString>("words");
        QTest::newRow("green") << QString() << int(KeyAssessment::Level::Safe) << u"Read-only key"_s;
        QTest::newRow("amber") << u"noiprestrict"_s << int(KeyAssessment::Level::Caution)
                               << u"not read-only"_s;
        QTest::newRow("red") << u"withdrawals"_s << int(KeyAssessment::Level::Danger) << u"can withdraw"_s;
    }

    void keySafetyColours()
    {
        QFETCH(QString, flags);
        QFETCH(int, level);
        QFETCH(QString, words);
        auto setup = risktest::startSim(SimScenario::Single, 1);
        setup.sim->setKeyPermissions(setup.config.credentials.apiKey,
                                     *SimKeyPermissions::parse(flags, SimKeyPermissions{}));
        KeyPermissionCheck check(setup.config, apitest::fastTuning());
        KeySafetyLabel label;
        connect(&check, &KeyPermissionCheck::finished, &label, &KeySafetyLabel::showPermissions);
        check.start();
        QTRY_VERIFY_WITH_TIMEOUT(label.isChecked(), 5000);
        QCOMPARE(int(label.level()), level);
        QVERIFY2(label.text().contains(words), qPrintable(label.text()));
        QVERIFY(!label.toolTip().isEmpty());
    }
};

QTEST_MAIN(TestRiskViews)
#include "tst_riskviews.moc"
