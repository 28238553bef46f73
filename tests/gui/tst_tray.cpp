// The tray: zone icons, tool tip, menu, close-to-tray and Quit. The offscreen platform has no system
// tray, so the icon is forced on; QSystemTrayIcon then keeps what it is given, which is what is checked.
#include "WindowFixtures.h"
#include "WindowProbe.h"
#include "gui/TrayAlerts.h"
#include "gui/TrayIcons.h"

#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSystemTrayIcon>
#include <QTest>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

AccountSnapshot snapshotWith(const char* maintMargin, const char* marginBalance)
{
    AccountSnapshot snapshot;
    snapshot.totals.totalMaintMargin = *Decimal::parse(std::string_view(maintMargin));
    snapshot.totals.totalMarginBalance = *Decimal::parse(std::string_view(marginBalance));
    return snapshot;
}

QImage imageOf(const QIcon& icon)
{
    return icon.pixmap(32, 32).toImage().convertToFormat(QImage::Format_ARGB32);
}

QAction* trayAction(const QWidget& window, const QString& name)
{
    const auto* tray = window.findChild<QSystemTrayIcon*>();
    if (!tray || !tray->contextMenu())
        return nullptr;
    for (QAction* action : tray->contextMenu()->actions()) {
        if (action->objectName() == name)
            return action;
    }
    return nullptr;
}

} // namespace

class TestTray : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void zoneIcons_differByTheirBadge()
    {
        const AccountZone zones[] = {AccountZone::Normal, AccountZone::Warning, AccountZone::Danger,
                                     AccountZone::Stale, AccountZone::Error};
        QList<QImage> images;
        for (const AccountZone zone : zones) {
            const QImage image = TrayIcons::pixmap(zone, 32).toImage();
            // Left of the badge's centre (the error badge has its mark in the middle).
            const QColor inBadge = image.pixelColor(19, 24);
            QCOMPARE(inBadge.name(), TrayIcons::badgeColour(zone).name());
            for (const QImage& other : std::as_const(images))
                QVERIFY(image != other);
            images << image;
        }
    }

    void tray_showsZoneToolTipAndAge()
    {
        TrayAlerts alerts(nullptr, true);
        auto* tray = alerts.findChild<QSystemTrayIcon*>();
        QVERIFY(tray);
        StalenessWatch staleness;
        staleness.setPollInterval(std::chrono::seconds(5));
        alerts.watch(&staleness);
        alerts.setThresholds(MarginThresholds{50.0, 80.0, 2.0});
        alerts.setAccountName(u"Main account"_s);
        QVERIFY(tray->toolTip().contains(u"No data yet"_s));

        staleness.goodUpdate();
        alerts.snapshotArrived(snapshotWith("1457.5023", "12145.85300000")); // 12 %
        QCOMPARE(alerts.zone(), AccountZone::Normal);
        const QString tip = tray->toolTip();
        QVERIFY2(tip.contains(u"Main account"_s), qPrintable(tip));
        QVERIFY2(tip.contains(QLocale().toString(12.0, 'f', 2) + u" %"_s), qPrintable(tip));
        QVERIFY2(tip.contains(u"12,145.85"_s) && !tip.contains(u"12145.853"_s), qPrintable(tip));
        QVERIFY2(tip.contains(u"Updated"_s) && tip.contains(u"ago"_s), qPrintable(tip));
        QCOMPARE(imageOf(tray->icon()), imageOf(TrayIcons::icon(AccountZone::Normal)));

        alerts.snapshotArrived(snapshotWith("60", "100"));
        QCOMPARE(alerts.zone(), AccountZone::Warning);
        QCOMPARE(imageOf(tray->icon()), imageOf(TrayIcons::icon(AccountZone::Warning)));
        alerts.snapshotArrived(snapshotWith("90", "100"));
        QCOMPARE(alerts.zone(), AccountZone::Danger);

        staleness.setStopped(true);
        QCOMPARE(alerts.zone(), AccountZone::Stale);
        QVERIFY(tray->toolTip().contains(u"Stale"_s));
        alerts.setError(true);
        QCOMPARE(alerts.zone(), AccountZone::Error);
        QCOMPARE(imageOf(tray->icon()), imageOf(TrayIcons::icon(AccountZone::Error)));
    }

    void window_closeHidesToTray_noticeOnce()
    {
        test::ProfileWindowFixture f;
        f.window.reset(); // a window with a tray icon instead
        auto window = std::make_unique<AccountWindow>(nullptr, nullptr, true);
        window->setStores(f.settings.get(), f.secrets.get());
        window->show();
        QVERIFY(window->hasTrayIcon());
        QVERIFY(!window->close());
        QVERIFY(!window->isVisible());
        QVERIFY(f.settings->value(SettingKey::CloseToTrayNoticeShown).toBool());

        trayAction(*window, u"showAction"_s)->trigger();
        QVERIFY(window->isVisible());

        Preferences preferences = f.settings->preferences();
        preferences.closeToTray = false;
        f.settings->setPreferences(preferences);
        QVERIFY2(window->close(), "with the setting off, closing closes");
        window.reset();
    }

    void window_withoutTray_closeCloses()
    {
        AccountWindow window(nullptr, nullptr, false);
        window.show();
        QVERIFY(!window.hasTrayIcon());
        QVERIFY(window.close());
    }

    void trayMenu_pausesAndResumes()
    {
        Expected<std::unique_ptr<Session>> session = SessionFactory::simulator();
        QVERIFY(session);
        AccountWindow window(nullptr, nullptr, true);
        window.setSession(std::move(*session));
        window.show();
        window.start();
        QTRY_VERIFY_WITH_TIMEOUT(!test::shownText(window, u"accountModeBadge"_s).isEmpty(), 10000);

        QStringList names;
        for (QAction* action : window.findChild<QSystemTrayIcon*>()->contextMenu()->actions()) {
            if (!action->isSeparator())
                names << action->objectName();
        }
        QCOMPARE(names, (QStringList{u"showAction"_s, u"refreshAction"_s, u"pauseAction"_s,
                                     u"settingsAction"_s, u"quitAction"_s}));

        trayAction(window, u"pauseAction"_s)->trigger();
        QCOMPARE(window.poller()->state(), AccountPoller::State::Stopped);
        QCOMPARE(test::shownText(window, u"connectionState"_s), u"Paused"_s);
        QCOMPARE(window.findChild<TrayAlerts*>()->zone(), AccountZone::Stale);

        QSignalSpy resumed(window.poller(), &AccountPoller::snapshotReady);
        trayAction(window, u"pauseAction"_s)->trigger();
        QVERIFY(resumed.wait(10000));
        QVERIFY(!window.findChild<QAction*>(u"pauseAction"_s)->isChecked());
        QCOMPARE(window.findChild<TrayAlerts*>()->zone(), AccountZone::Normal);
    }
};

} // namespace marginwatch

QTEST_MAIN(marginwatch::TestTray)
#include "tst_tray.moc"
