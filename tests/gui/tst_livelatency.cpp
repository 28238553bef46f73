// From the simulator's event to the window: the built-in simulator runs live (as Demo does), a trade
// opens a new position, and the time until the positions table holds it and has been painted is
// measured and printed (not asserted: a timing, on a shared machine).
#include "WindowFixtures.h"
#include "gui/SimulatorSession.h"

#include <QAbstractItemView>
#include <QElapsedTimer>
#include <QLabel>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace marginwatch;

namespace {

bool holds(const QAbstractItemModel& model, const QString& text)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        for (int column = 0; column < model.columnCount(); ++column) {
            if (model.index(row, column).data(Qt::DisplayRole).toString() == text)
                return true;
        }
    }
    return false;
}

// Records the first paint of a viewport after `armed` is set.
class PaintWatch : public QObject
{
public:
    bool armed = false;
    qint64 paintedAtNs = -1;
    const QElapsedTimer* clock = nullptr;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (armed && paintedAtNs < 0 && event->type() == QEvent::Paint)
            paintedAtNs = clock->nsecsElapsed();
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

class TestLiveLatency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void simulatorEventToWindow()
    {
        test::SimulatorWindowFixture f = test::openSimulatorWindow(SimScenario::Single, 4, true);
        QTRY_VERIFY_WITH_TIMEOUT(
            f.window->findChild<QLabel*>(u"connectionState"_s)->text().startsWith(u"Live"_s), 15000);
        SimulatorServer& sim = f.simulator->simulator();

        auto* positions = f.window->findChild<QAbstractItemView*>(u"positionsView"_s);
        QVERIFY(positions && positions->model());
        QTRY_VERIFY_WITH_TIMEOUT(holds(*positions->model(), u"BTCUSDT"_s), 10000);
        QAbstractItemModel* model = positions->model();
        PaintWatch paints;
        positions->viewport()->installEventFilter(&paints);

        QList<double> toModel;
        QList<double> toPaint;
        for (const QString& symbol : {u"XRPUSDT"_s, u"DOGEUSDT"_s, u"ADAUSDT"_s, u"LINKUSDT"_s}) {
            QVERIFY(!holds(*model, symbol));
            QElapsedTimer clock;
            paints.clock = &clock;
            paints.armed = false;
            paints.paintedAtNs = -1;
            qint64 inModelNs = -1;
            const auto check = [&] {
                if (inModelNs < 0 && holds(*model, symbol)) {
                    inModelNs = clock.nsecsElapsed();
                    paints.armed = true;
                }
            };
            const QList<QMetaObject::Connection> connections = {
                connect(model, &QAbstractItemModel::rowsInserted, this, check),
                connect(model, &QAbstractItemModel::dataChanged, this, check),
                connect(model, &QAbstractItemModel::layoutChanged, this, check),
                connect(model, &QAbstractItemModel::modelReset, this, check),
            };
            clock.start();
            QVERIFY(sim.trade(0, symbol, u"BOTH"_s, u"10"_s));
            QTRY_VERIFY_WITH_TIMEOUT(inModelNs >= 0 && paints.paintedAtNs >= 0, 5000);
            if (inModelNs < 0 || paints.paintedAtNs < 0)
                qWarning("%s: in the model %lld, painted %lld", qPrintable(symbol), inModelNs,
                         paints.paintedAtNs);
            for (const QMetaObject::Connection& c : connections)
                disconnect(c);
            toModel << double(inModelNs) / 1e6;
            toPaint << double(paints.paintedAtNs) / 1e6;
            QTest::qWait(200);
        }
        std::sort(toModel.begin(), toModel.end());
        std::sort(toPaint.begin(), toPaint.end());
        qInfo("simulator trade -> positions table: median %.1f ms, max %.1f ms; -> painted: median %.1f ms, "
              "max %.1f ms (%d trades, loopback, offscreen, debug build)",
              (toModel.at(1) + toModel.at(2)) / 2, toModel.last(), (toPaint.at(1) + toPaint.at(2)) / 2,
              toPaint.last(), int(toModel.size()));
    }
};

QTEST_MAIN(TestLiveLatency)
#include "tst_livelatency.moc"
