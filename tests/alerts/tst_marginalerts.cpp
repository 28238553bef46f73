#include "alerts/AccountZone.h"
#include "alerts/MarginAlertTracker.h"

#include <QTest>

using namespace marginwatch;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(QList<double>)

namespace {

// One letter per level so that expected sequences read like a timeline: u(nknown) n w d.
QString code(MarginLevel level)
{
    switch (level) {
    case MarginLevel::Unknown:
        return u"u"_s;
    case MarginLevel::Normal:
        return u"n"_s;
    case MarginLevel::Warning:
        return u"w"_s;
    case MarginLevel::Danger:
        return u"d"_s;
    }
    return u"?"_s;
}

} // namespace

class TestMarginAlerts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void crossings_data()
    {
        // Ratios in percent fed one per poll (negative = ratio undefined); the alerts expected, as
        // "from>to" in order; default thresholds 50 / 80 with 2 points of hysteresis.
        QTest::addColumn<QList<double>>("ratios");
        QTest::addColumn<QStringList>("alerts");
        QTest::addColumn<QString>("finalLevel");

        QTest::newRow("healthy start is silent") << QList<double>{10, 20, 30} << QStringList{} << u"n"_s;
        QTest::newRow("start in warning alerts") << QList<double>{55} << QStringList{u"u>w"_s} << u"w"_s;
        QTest::newRow("start in danger alerts") << QList<double>{95} << QStringList{u"u>d"_s} << u"d"_s;
        QTest::newRow("exactly at the threshold counts")
            << QList<double>{49.99, 50.0} << QStringList{u"n>w"_s} << u"w"_s;
        QTest::newRow("one alert per crossing, not per poll")
            << QList<double>{40, 51, 52, 53, 60, 70} << QStringList{u"n>w"_s} << u"w"_s;
        QTest::newRow("wobbling around 50 does not flap")
            << QList<double>{40, 50.5, 49.5, 50.2, 48.5, 50.1} << QStringList{u"n>w"_s} << u"w"_s;
        QTest::newRow("back below the band recovers once")
            << QList<double>{40, 55, 47.9, 47, 45} << QStringList{u"n>w"_s, u"w>n"_s} << u"n"_s;
        QTest::newRow("straight to danger skips warning")
            << QList<double>{30, 85} << QStringList{u"n>d"_s} << u"d"_s;
        QTest::newRow("danger wobble stays danger")
            << QList<double>{30, 81, 79, 80.5, 78.5} << QStringList{u"n>d"_s} << u"d"_s;
        QTest::newRow("danger down to warning, then normal")
            << QList<double>{30, 81, 77, 60, 40} << QStringList{u"n>d"_s, u"d>w"_s, u"w>n"_s} << u"n"_s;
        QTest::newRow("crash from danger to healthy in one poll")
            << QList<double>{90, 10} << QStringList{u"u>d"_s, u"d>n"_s} << u"n"_s;
        QTest::newRow("second crossing alerts again")
            << QList<double>{40, 60, 40, 60} << QStringList{u"n>w"_s, u"w>n"_s, u"n>w"_s} << u"w"_s;
        QTest::newRow("undefined ratio counts as healthy")
            << QList<double>{60, -1} << QStringList{u"u>w"_s, u"w>n"_s} << u"n"_s;
    }

    void crossings()
    {
        QFETCH(QList<double>, ratios);
        QFETCH(QStringList, alerts);
        QFETCH(QString, finalLevel);

        MarginAlertTracker tracker;
        QStringList seen;
        for (double ratio : ratios) {
            const auto alert = tracker.update(ratio < 0 ? std::nullopt : std::optional<double>(ratio));
            if (alert)
                seen << code(alert->from) + u'>' + code(alert->to);
        }
        QCOMPARE(seen, alerts);
        QCOMPARE(code(tracker.level()), finalLevel);
    }

    void escalationIsUpward()
    {
        MarginAlertTracker tracker;
        const auto up = tracker.update(85.0);
        QVERIFY(up && up->isEscalation());
        QCOMPARE(up->ratioPercent, 85.0);
        const auto down = tracker.update(10.0);
        QVERIFY(down && !down->isEscalation());
    }

    void customThresholds()
    {
        MarginAlertTracker tracker(MarginThresholds{30.0, 60.0, 0.0});
        QVERIFY(!tracker.update(29.0));
        const auto alert = tracker.update(30.0);
        QVERIFY(alert);
        QCOMPARE(alert->to, MarginLevel::Warning);
        // Without hysteresis the first dip below recovers at once.
        QVERIFY(tracker.update(29.9));
        QCOMPARE(tracker.level(), MarginLevel::Normal);
    }

    void resetForgetsTheLevel()
    {
        MarginAlertTracker tracker;
        QVERIFY(tracker.update(70.0));
        tracker.reset();
        QCOMPARE(tracker.level(), MarginLevel::Unknown);
        QVERIFY(tracker.update(70.0)); // a new account in warning is news again
    }

    void zone_data()
    {
        QTest::addColumn<int>("level");
        QTest::addColumn<bool>("stale");
        QTest::addColumn<bool>("error");
        QTest::addColumn<int>("zone");
        using L = MarginLevel;
        using Z = AccountZone;
        QTest::newRow("no data yet") << int(L::Unknown) << false << false << int(Z::Normal);
        QTest::newRow("normal") << int(L::Normal) << false << false << int(Z::Normal);
        QTest::newRow("warning") << int(L::Warning) << false << false << int(Z::Warning);
        QTest::newRow("danger") << int(L::Danger) << false << false << int(Z::Danger);
        QTest::newRow("stale hides the level") << int(L::Danger) << true << false << int(Z::Stale);
        QTest::newRow("stale normal") << int(L::Normal) << true << false << int(Z::Stale);
        QTest::newRow("error outranks stale") << int(L::Warning) << true << true << int(Z::Error);
        QTest::newRow("error without data") << int(L::Unknown) << false << true << int(Z::Error);
    }

    void zone()
    {
        QFETCH(int, level);
        QFETCH(bool, stale);
        QFETCH(bool, error);
        QFETCH(int, zone);
        QCOMPARE(int(accountZone(MarginLevel(level), stale, error)), zone);
    }

    void worseZone_data()
    {
        QTest::addColumn<int>("a");
        QTest::addColumn<int>("b");
        QTest::addColumn<int>("worse");
        using Z = AccountZone;
        QTest::newRow("same") << int(Z::Normal) << int(Z::Normal) << int(Z::Normal);
        QTest::newRow("warning over normal") << int(Z::Normal) << int(Z::Warning) << int(Z::Warning);
        QTest::newRow("stale over normal") << int(Z::Stale) << int(Z::Normal) << int(Z::Stale);
        QTest::newRow("warning over stale") << int(Z::Stale) << int(Z::Warning) << int(Z::Warning);
        QTest::newRow("error over warning") << int(Z::Warning) << int(Z::Error) << int(Z::Error);
        QTest::newRow("danger over error") << int(Z::Error) << int(Z::Danger) << int(Z::Danger);
        QTest::newRow("danger over stale, either order") << int(Z::Danger) << int(Z::Stale) << int(Z::Danger);
    }

    void worseZone()
    {
        QFETCH(int, a);
        QFETCH(int, b);
        QFETCH(int, worse);
        QCOMPARE(int(marginwatch::worseZone(AccountZone(a), AccountZone(b))), worse);
        QCOMPARE(int(marginwatch::worseZone(AccountZone(b), AccountZone(a))), worse);
    }
};

QTEST_GUILESS_MAIN(TestMarginAlerts)
#include "tst_marginalerts.moc"
