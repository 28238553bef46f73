// When a request of a given weight fits an account's budget, from the requests already sent.
#include "stream/RequestWeightMeter.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace marginwatch;
using namespace std::chrono_literals;

class TestRequestWeightMeter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void earliestFit_data()
    {
        QTest::addColumn<QList<qint64>>("times"); // weight 10 each, at these milliseconds
        QTest::addColumn<int>("weight");
        QTest::addColumn<qint64>("now");
        QTest::addColumn<qint64>("slack");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("nothing sent") << QList<qint64>{} << 10 << qint64(5000) << qint64(0) << qint64(5000);
        QTest::newRow("room for one more")
            << QList<qint64>{1000} << 10 << qint64(5000) << qint64(0) << qint64(5000);
        QTest::newRow("full: when the oldest leaves")
            << QList<qint64>{1000, 31000} << 10 << qint64(40000) << qint64(0) << qint64(61000);
        QTest::newRow("full: the slack keeps it longer")
            << QList<qint64>{1000, 31000} << 10 << qint64(40000) << qint64(1000) << qint64(62000);
        QTest::newRow("a larger request waits for both")
            << QList<qint64>{1000, 31000} << 11 << qint64(40000) << qint64(0) << qint64(91000);
        QTest::newRow("the oldest has left already")
            << QList<qint64>{1000, 31000} << 10 << qint64(61000) << qint64(0) << qint64(61000);
        QTest::newRow("one weight over: the first to leave")
            << QList<qint64>{1000, 2000} << 1 << qint64(3000) << qint64(0) << qint64(61000);
    }
    void earliestFit()
    {
        QFETCH(QList<qint64>, times);
        QFETCH(int, weight);
        QFETCH(qint64, now);
        QFETCH(qint64, slack);
        QFETCH(qint64, expected);
        RequestWeightMeter meter(60000ms);
        for (qint64 t : times)
            meter.record(10, t);
        QCOMPARE(meter.earliestFit(weight, 20, now, slack), expected);
    }

    void lastMinuteCountsPublishedWeights()
    {
        RequestWeightMeter meter(60000ms);
        meter.record(u"/fapi/v3/account"_s, 0);
        meter.record(u"/fapi/v3/positionRisk"_s, 100);
        meter.record(u"/fapi/v1/listenKey"_s, 200);
        meter.record(u"/fapi/v1/symbolConfig"_s, 300);
        QCOMPARE(meter.lastMinute(1000), 16);
        QCOMPARE(meter.lastMinute(60050), 11); // the account request left the window
        QCOMPARE(meter.lastMinute(200000), 0);
    }
};

QTEST_GUILESS_MAIN(TestRequestWeightMeter)
#include "tst_requestweightmeter.moc"
