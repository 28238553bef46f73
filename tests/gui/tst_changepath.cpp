// What one poll costs the GUI when every one of 1 000 positions moved: change signals, highlight
// clock ticks, viewport repaints and totals re-palettes, counted on the real window against the
// simulator. The figures are printed; the test holds the shape that keeps them small (one
// dataChanged per apply, the clock armed rather than ticked by the apply).
#include "WindowFixtures.h"
#include "WindowProbe.h"
#include "gui/HighlightClock.h"
#include "gui/SimulatorSession.h"
#include "model/AccountTableModels.h"

#include <QAbstractItemView>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace marginwatch;

namespace {

// Counts the events of one type that reach a set of widgets.
class EventCounter : public QObject
{
public:
    EventCounter(QEvent::Type type, const QList<QWidget*>& widgets)
        : m_type(type)
    {
        for (QWidget* widget : widgets)
            widget->installEventFilter(this);
    }
    int count() const { return m_count; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == m_type)
            ++m_count;
        return QObject::eventFilter(watched, event);
    }

private:
    QEvent::Type m_type;
    int m_count = 0;
};

} // namespace

class TestChangePath : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void thousandMovingPositions_oneChangeSignalPerPoll();
    void oneClock_forModelsHighlightsAndStatus();
};

void TestChangePath::thousandMovingPositions_oneChangeSignalPerPoll()
{
    constexpr int kPositions = 1000;
    test::SimulatorWindowFixture f = test::openSimulatorWindow(SimScenario::Single, kPositions);
    PositionTableModel& positions = test::positionModel(*f.window);
    QTRY_COMPARE_WITH_TIMEOUT(positions.rowCount(), kPositions, 60000);
    HighlightClock& clock = test::highlightClock(*f.window);
    QTRY_VERIFY_WITH_TIMEOUT(!clock.isRunning(), 10000);

    QAbstractItemView& positionsView = test::tableView(*f.window, u"positionsView"_s);
    QAbstractItemView& assetsView = test::tableView(*f.window, u"assetsView"_s);
    QSignalSpy changed(&positions, &QAbstractItemModel::dataChanged);
    QSignalSpy applied(&positions, &KeyedTableModel::changesApplied);
    QSignalSpy viewChanged(positionsView.model(), &QAbstractItemModel::dataChanged);
    QSignalSpy ticks(&clock, &HighlightClock::tick);
    EventCounter paints(QEvent::Paint, {positionsView.viewport(), assetsView.viewport()});
    QList<QWidget*> totals;
    for (QLabel* label : test::totalsPanel(*f.window).findChildren<QLabel*>())
        totals << label;
    EventCounter palettes(QEvent::PaletteChange, totals);
    // The window arms the clock on this signal; connected after it, this sees every tick the apply
    // itself caused.
    qsizetype ticksDuringApply = -1;
    QObject context;
    connect(&positions, &KeyedTableModel::changesApplied, &context,
            [&] { ticksDuringApply = ticks.count(); });

    f.simulator->simulator().tick(); // every mark price moves; the next poll brings them
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() > 0, 10000);
    // The whole apply ran in one slot call, so everything it emitted has been counted by now.
    const qsizetype changeSignals = changed.count();
    const qsizetype appliedSignals = applied.count();
    qint64 latest = 0;
    for (int row = 0; row < positions.rowCount(); ++row)
        latest = std::max(latest, positions.index(row, 0).data(ChangeRole).value<CellChange>().changedAtMs);
    int movedRows = 0;
    for (int row = 0; row < positions.rowCount(); ++row) {
        for (int column = 0; column < positions.columnCount(); ++column) {
            if (positions.index(row, column).data(ChangeRole).value<CellChange>().changedAtMs == latest) {
                ++movedRows;
                break;
            }
        }
    }
    QTRY_VERIFY_WITH_TIMEOUT(!clock.isRunning(), 10000); // the highlights have faded

    qInfo("one poll, %d of %d positions moved: %lld dataChanged from the model, %lld through the view's "
          "proxy; %lld highlight ticks during the apply (each repaints both tables), %lld ticks in all, "
          "%d viewport paint events, %d totals palette changes",
          movedRows, kPositions, qlonglong(changeSignals), qlonglong(viewChanged.count()),
          qlonglong(ticksDuringApply), qlonglong(ticks.count()), paints.count(), palettes.count());
    QVERIFY2(movedRows > kPositions / 2, "the simulator's tick should move most positions");
    QCOMPARE(changeSignals, 1);
    QCOMPARE(appliedSignals, 1);
    QCOMPARE(ticksDuringApply, 0);
    QVERIFY(ticks.count() > 0); // and then the clock did tick the fade
}

void TestChangePath::oneClock_forModelsHighlightsAndStatus()
{
    test::SimulatorWindowFixture f = test::openSimulatorWindow(SimScenario::Single);
    PositionTableModel& positions = test::positionModel(*f.window);
    QTRY_VERIFY_WITH_TIMEOUT(positions.rowCount() > 0, 10000);
    // Far from the system clock, so that a part still reading the system clock shows.
    qint64 now = 4000000000000;
    f.window->setClock([&now] { return now; });
    QSignalSpy applied(&positions, &KeyedTableModel::changesApplied);
    f.simulator->simulator().tick();
    QTRY_VERIFY_WITH_TIMEOUT(applied.count() > 0, 10000);
    QCOMPARE(applied.at(0).at(0).toLongLong(), now); // the models' change times
    HighlightClock& clock = test::highlightClock(*f.window);
    QCOMPARE(clock.now(), now);
    QCOMPARE(clock.intensity(now), 1.0); // the highlights' fade
    QVERIFY(clock.isRunning());
    // The data age in the status bar: the good snapshot came "now"; 65 s later, with no poll in
    // between, it says so.
    f.window->setPaused(true);
    QTRY_COMPARE_WITH_TIMEOUT(f.window->poller()->state(), AccountPoller::State::Stopped, 5000);
    now += 65000;
    QTRY_VERIFY_WITH_TIMEOUT(test::shownText(*f.window, u"lastUpdate"_s).contains(u"1:05"_s), 5000);
}

QTEST_MAIN(TestChangePath)
#include "tst_changepath.moc"
