#include "gui/history/ChartTicks.h"

#include <QDateTime>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;

namespace marginwatch {

class TestChartTicks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void niceValueTicks_exact_data();
    void niceValueTicks_exact();
    void niceValueTicks_properties_data();
    void niceValueTicks_properties();
    void roundTimeTicks_data();
    void roundTimeTicks();
};

void TestChartTicks::niceValueTicks_exact_data()
{
    QTest::addColumn<double>("low");
    QTest::addColumn<double>("high");
    QTest::addColumn<double>("min");
    QTest::addColumn<double>("max");
    QTest::addColumn<double>("step");
    QTest::addColumn<int>("decimals");
    QTest::newRow("0.3..9.7") << 0.3 << 9.7 << 0.0 << 10.0 << 2.0 << 0;
    QTest::newRow("negative pnl") << -12.5 << 3.0 << -15.0 << 5.0 << 5.0 << 0;
    QTest::newRow("balance near 10 000") << 9993.2 << 10011.7 << 9990.0 << 10015.0 << 5.0 << 0;
    QTest::newRow("small ratio") << 0.0 << 11.0 << 0.0 << 12.5 << 2.5 << 1;
    QTest::newRow("flat 10 000") << 10000.0 << 10000.0 << 9900.0 << 10100.0 << 50.0 << 0;
    QTest::newRow("flat 0") << 0.0 << 0.0 << -1.0 << 1.0 << 0.5 << 1;
    QTest::newRow("cents") << 1.231 << 1.259 << 1.23 << 1.26 << 0.01 << 2;
}

void TestChartTicks::niceValueTicks_exact()
{
    QFETCH(double, low);
    QFETCH(double, high);
    QFETCH(double, min);
    QFETCH(double, max);
    QFETCH(double, step);
    QFETCH(int, decimals);
    const ValueTicks ticks = niceValueTicks(low, high, 6);
    QVERIFY2(std::abs(ticks.min - min) < 1e-9 && std::abs(ticks.max - max) < 1e-9
                 && std::abs(ticks.step - step) < 1e-12,
             qPrintable(u"%1..%2 step %3"_s.arg(ticks.min).arg(ticks.max).arg(ticks.step)));
    QCOMPARE(ticks.decimals, decimals);
    QCOMPARE(ticks.tickCount, int(std::lround((max - min) / step)) + 1);
}

void TestChartTicks::niceValueTicks_properties_data()
{
    QTest::addColumn<double>("low");
    QTest::addColumn<double>("high");
    QTest::addColumn<int>("maxTicks");
    const double samples[][2] = {{0, 1},       {-1e6, 3e6},    {123.456, 123.457}, {-0.004, 0.0031},
                                 {1e-7, 2e-7}, {42, 1e9},      {-273.15, -100},    {99999.9, 100000.1},
                                 {0.5, 105},   {-50.25, 50.25}};
    for (const auto& sample : samples) {
        for (const int maxTicks : {3, 6, 9}) {
            QTest::addRow("%g..%g max %d", sample[0], sample[1], maxTicks)
                << sample[0] << sample[1] << maxTicks;
        }
    }
}

void TestChartTicks::niceValueTicks_properties()
{
    QFETCH(double, low);
    QFETCH(double, high);
    QFETCH(int, maxTicks);
    const ValueTicks ticks = niceValueTicks(low, high, maxTicks);
    const double slack = ticks.step * 1e-9; // floating point, not a missed tick
    QVERIFY(ticks.min <= low + slack && ticks.max >= high - slack);
    QVERIFY(ticks.tickCount >= 2 && ticks.tickCount <= maxTicks);
    QVERIFY(std::abs(ticks.min + ticks.step * (ticks.tickCount - 1) - ticks.max) <= ticks.step * 1e-9);
    const double mantissa = ticks.step / std::pow(10.0, std::floor(std::log10(ticks.step) + 1e-9));
    QVERIFY2(std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 || std::abs(mantissa - 2.5) < 1e-9
                 || std::abs(mantissa - 5) < 1e-9,
             qPrintable(QString::number(ticks.step)));
    const double first = ticks.min / ticks.step;
    QVERIFY(std::abs(first - std::round(first)) < 1e-6);
    // Labels with `decimals` digits tell neighbouring ticks apart.
    QVERIFY(QString::number(ticks.min, 'f', ticks.decimals)
            != QString::number(ticks.min + ticks.step, 'f', ticks.decimals));
}

void TestChartTicks::roundTimeTicks_data()
{
    QTest::addColumn<QDateTime>("from");
    QTest::addColumn<qint64>("spanMs");
    QTest::addColumn<int>("offsetSeconds");
    QTest::addColumn<qint64>("stepMs");
    QTest::addColumn<QString>("firstTick"); // local time
    QTest::addColumn<QString>("format");
    const QDateTime t(QDate(2026, 11, 25), QTime(10, 3, 27, 412), Qt::UTC);
    constexpr qint64 minute = 60 * 1000;
    constexpr qint64 hour = 60 * minute;
    QTest::newRow("15 min, UTC") << t << 15 * minute << 0 << 5 * minute << u"10:00"_s << u"HH:mm"_s;
    QTest::newRow("15 min, UTC+5:30") << t << 15 * minute << 19800 << 5 * minute << u"15:30"_s << u"HH:mm"_s;
    QTest::newRow("1 h") << t << hour << 0 << 15 * minute << u"10:00"_s << u"HH:mm"_s;
    QTest::newRow("24 h") << t << 24 * hour << 3600 << 6 * hour << u"06:00"_s << u"dd MMM HH:mm"_s;
    QTest::newRow("7 d") << t << 7 * 24 * hour << 3600 << 2 * 24 * hour << u"00:00"_s << u"dd MMM"_s;
}

void TestChartTicks::roundTimeTicks()
{
    QFETCH(QDateTime, from);
    QFETCH(qint64, spanMs);
    QFETCH(int, offsetSeconds);
    QFETCH(qint64, stepMs);
    QFETCH(QString, firstTick);
    QFETCH(QString, format);
    const qint64 fromMs = from.toMSecsSinceEpoch();
    const TimeTicks ticks = marginwatch::roundTimeTicks(fromMs, fromMs + spanMs, offsetSeconds, 7);
    QCOMPARE(ticks.stepMs, stepMs);
    QVERIFY(ticks.fromMs <= fromMs && ticks.toMs >= fromMs + spanMs);
    QVERIFY(ticks.tickCount <= 7);
    QCOMPARE(ticks.fromMs + (ticks.tickCount - 1) * ticks.stepMs, ticks.toMs);
    const QDateTime localFirst =
        QDateTime::fromMSecsSinceEpoch(ticks.fromMs, Qt::OffsetFromUTC, offsetSeconds);
    QCOMPARE(localFirst.toString(u"HH:mm"_s), firstTick);
    QCOMPARE(ticks.format, format);
}

} // namespace marginwatch

QTEST_GUILESS_MAIN(marginwatch::TestChartTicks)
#include "tst_chartticks.moc"
