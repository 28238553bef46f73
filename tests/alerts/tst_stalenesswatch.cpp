// The one notion of stale shared by the window and the tray.
#include "alerts/StalenessWatch.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace marginwatch {

class TestStalenessWatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void isStaleAt_data()
    {
        QTest::addColumn<qint64>("lastGood");
        QTest::addColumn<qint64>("now");
        QTest::addColumn<int>("intervalMs");
        QTest::addColumn<bool>("stopped");
        QTest::addColumn<bool>("stale");
        QTest::newRow("no data yet") << qint64(0) << qint64(1'000'000) << 1000 << false << false;
        QTest::newRow("no data, stopped") << qint64(0) << qint64(1'000'000) << 1000 << true << true;
        QTest::newRow("just updated") << qint64(10'000) << qint64(10'000) << 5000 << false << false;
        QTest::newRow("3 intervals + 1 s exactly")
            << qint64(10'000) << qint64(26'000) << 5000 << false << false;
        QTest::newRow("1 ms later") << qint64(10'000) << qint64(26'001) << 5000 << false << true;
        QTest::newRow("1 s interval") << qint64(10'000) << qint64(14'001) << 1000 << false << true;
        QTest::newRow("stopped right after data") << qint64(10'000) << qint64(10'001) << 5000 << true << true;
    }

    void isStaleAt()
    {
        QFETCH(qint64, lastGood);
        QFETCH(qint64, now);
        QFETCH(int, intervalMs);
        QFETCH(bool, stopped);
        QFETCH(bool, stale);
        QCOMPARE(StalenessWatch::isStaleAt(lastGood, now, std::chrono::milliseconds(intervalMs), stopped),
                 stale);
    }

    void signals_followTheClock()
    {
        qint64 now = 10'000;
        StalenessWatch watch([&now] { return now; });
        watch.setPollInterval(1s);
        watch.setAlertAfter(60s);
        QSignalSpy staleChanged(&watch, &StalenessWatch::staleChanged);
        QSignalSpy alertDue(&watch, &StalenessWatch::alertDue);

        watch.goodUpdate();
        now = 14'000;
        watch.reevaluate();
        QCOMPARE(staleChanged.count(), 0);
        now = 14'001;
        watch.reevaluate();
        QCOMPARE(staleChanged.count(), 1);
        QCOMPARE(staleChanged.at(0).at(0).toBool(), true);
        QVERIFY(watch.isStale());
        QCOMPARE(alertDue.count(), 0); // stale, but not yet for the alert's 60 s

        now = 70'000;
        watch.reevaluate();
        QCOMPARE(alertDue.count(), 1);
        now = 90'000;
        watch.reevaluate();
        QCOMPARE(alertDue.count(), 1); // once per stale period

        watch.goodUpdate();
        QCOMPARE(staleChanged.count(), 2);
        QCOMPARE(staleChanged.at(1).at(0).toBool(), false);
        now = 200'000;
        watch.reevaluate();
        QCOMPARE(alertDue.count(), 2); // a new stale period alerts again
    }

    void stopped_isStaleAtOnce_andTheAlertWaitsForItsAge()
    {
        qint64 now = 10'000;
        StalenessWatch watch([&now] { return now; });
        watch.setPollInterval(5s);
        watch.setAlertAfter(30s);
        QSignalSpy alertDue(&watch, &StalenessWatch::alertDue);
        watch.goodUpdate();
        now = 11'000;
        watch.setStopped(true);
        QVERIFY(watch.isStale());
        QCOMPARE(alertDue.count(), 0);
        now = 40'000;
        watch.reevaluate();
        QCOMPARE(alertDue.count(), 1);
    }

    void timer_wakesUpWhenTheVerdictChanges()
    {
        StalenessWatch watch; // the system clock and a real timer
        watch.setPollInterval(1ms);
        QSignalSpy staleChanged(&watch, &StalenessWatch::staleChanged);
        watch.goodUpdate();
        QVERIFY(!watch.isStale());
        QVERIFY(staleChanged.wait(5000)); // 3 ms + 1 s later, without anybody asking
        QVERIFY(watch.isStale());
    }
};

} // namespace marginwatch

QTEST_GUILESS_MAIN(marginwatch::TestStalenessWatch)
#include "tst_stalenesswatch.moc"
