// The window recovers by itself or at one keystroke: F5 / Retry after a refused key, a working session
// kept through Settings → OK, one countdown during a ban, badges only with something to say.
#include "WindowFixtures.h"
#include "WindowProbe.h"
#include "gui/SecretPromptDialog.h"
#include "gui/SettingsDialog.h"

#include <QLabel>
#include <QPointer>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

const QString kAccountPath = u"/fapi/v3/account"_s;

bool hasData(const QWidget& window)
{
    const QString wallet = test::totalText(window, u"totalWalletBalance"_s);
    return !wallet.isEmpty() && wallet != u"—"_s;
}

QPushButton* retryButton(const QWidget& window)
{
    return window.findChild<QPushButton*>(u"retryButton"_s);
}

} // namespace

class TestRecovery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void refusedKey_f5SendsOneRequestAndRecovers()
    {
        test::ProfileWindowFixture f(test::ProfileWindowFixture::kSecret, false);
        f.window->openProfile(f.profile.id);
        QTRY_VERIFY_WITH_TIMEOUT(
            f.window->poller() && f.window->poller()->state() == AccountPoller::State::Stopped, 10000);
        QVERIFY2(!test::problemText(*f.window).isEmpty(), "the refusal is explained");
        QVERIFY(retryButton(*f.window)->isVisibleTo(f.window.get()));
        const int before = f.simulator->requestCount(kAccountPath);

        f.registerApiKey(); // the user fixed the key on the exchange's side
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(f.window.get(), Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(hasData(*f.window), 10000);
        QCOMPARE(f.simulator->requestCount(kAccountPath), before + 1);
        QCOMPARE(test::problemText(*f.window), QString());
        QVERIFY(!test::isStale(*f.window));
    }

    void refusedKey_retryButtonSendsOneRequestPerAttempt()
    {
        test::ProfileWindowFixture f(test::ProfileWindowFixture::kSecret, false);
        f.window->openProfile(f.profile.id);
        QTRY_VERIFY_WITH_TIMEOUT(
            f.window->poller() && f.window->poller()->state() == AccountPoller::State::Stopped, 10000);
        // The key check at start has had its answer (so its request is not counted below).
        QTRY_VERIFY_WITH_TIMEOUT(f.window->findChild<QLabel*>(u"keySafety"_s)->isVisibleTo(f.window.get()),
                                 10000);
        // Refused again: a cycle ends at the first refusal, so one attempt is one signed request.
        const int signedBefore = f.simulator->signedRequestCount();
        QSignalSpy refused(f.window->poller(), &AccountPoller::failed);
        for (int i = 0; i < 3; ++i)
            QTest::mouseClick(retryButton(*f.window), Qt::LeftButton);
        QVERIFY(refused.wait(10000));
        QCOMPARE(f.window->poller()->state(), AccountPoller::State::Stopped);
        QCOMPARE(refused.count(), 1);
        QCOMPARE(f.simulator->signedRequestCount(), signedBefore + 1);

        f.registerApiKey();
        const int accountBefore = f.simulator->requestCount(kAccountPath);
        QTest::mouseClick(retryButton(*f.window), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(hasData(*f.window), 10000);
        QCOMPARE(f.simulator->requestCount(kAccountPath), accountBefore + 1);
    }

    void environmentSession_survivesSettingsOkWithoutChanges()
    {
        // The saved profile has a wrong secret; the session from the environment works.
        test::ProfileWindowFixture f("not-the-secret");
        QProcessEnvironment environment;
        environment.insert(u"BINANCE_API_KEY"_s, QString::fromLatin1(test::ProfileWindowFixture::kApiKey));
        environment.insert(u"BINANCE_API_SECRET"_s, QString::fromLatin1(test::ProfileWindowFixture::kSecret));
        Expected<std::unique_ptr<Session>> session =
            SessionFactory::fromEnvironment(environment, f.simulator->baseUrl());
        QVERIFY(session);
        f.window->setSession(std::move(*session));
        f.window->start();
        QTRY_VERIFY_WITH_TIMEOUT(hasData(*f.window), 10000);
        AccountPoller* working = f.window->poller();
        const QPointer<AccountPoller> alive(working);

        f.window->openSettings();
        auto* dialog = f.window->findChild<SettingsDialog*>();
        QVERIFY(dialog);
        dialog->accept();
        QVERIFY(alive);
        QSignalSpy nextPoll(working, &AccountPoller::snapshotReady);
        // The session runs live (REST once a minute): ask for the next snapshot instead of waiting.
        QTRY_VERIFY_WITH_TIMEOUT(working->state() == AccountPoller::State::Waiting, 10000);
        working->refreshNow();
        QVERIFY(nextPoll.wait(10000));
        QCOMPARE(f.window->poller(), working);
        QCOMPARE(test::problemText(*f.window), QString());
    }

    void settingsOk_withAnotherProfile_switches()
    {
        test::ProfileWindowFixture f;
        Expected<std::unique_ptr<Session>> simulator = SessionFactory::simulator();
        QVERIFY(simulator);
        f.window->setSession(std::move(*simulator));
        f.window->start();
        f.settings->setCurrentProfileId(QString()); // the simulator was chosen; the profile is picked now
        f.window->openSettings();
        auto* dialog = f.window->findChild<SettingsDialog*>();
        QVERIFY(dialog);
        dialog->accept();
        QTRY_COMPARE_WITH_TIMEOUT(test::shownText(*f.window, u"profileName"_s), f.profile.name, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(hasData(*f.window), 10000);
    }

    void ban_bannerKeepsNoFrozenCountdown()
    {
        test::SimulatorWindowFixture f = test::openSimulatorWindow(SimScenario::Single);
        QTRY_VERIFY_WITH_TIMEOUT(hasData(*f.window), 10000);
        QVERIFY(f.simulator->simulator().setFaults(u"418"_s));
        QTRY_VERIFY_WITH_TIMEOUT(test::problemText(*f.window).contains(u"banned"_s), 10000);
        const QString banner = test::problemText(*f.window);
        QVERIFY2(!banner.contains(u"about"_s), qPrintable(banner));
        QVERIFY2(banner.contains(u"until"_s), qPrintable(banner));
        // The one countdown is the status bar's, and it moves.
        QTRY_VERIFY_WITH_TIMEOUT(test::shownText(*f.window, u"nextRequest"_s).startsWith(u"paused for"_s),
                                 5000);
        QVERIFY2(!retryButton(*f.window)->isVisibleTo(f.window.get()), "no retry while banned");
        QVERIFY(f.simulator->simulator().setFaults(QString()));
    }

    void badges_showOnlyWithContent()
    {
        test::ProfileWindowFixture f{QByteArray()}; // no secret stored: the profile cannot open
        const QString badges[] = {u"serverBadge"_s, u"accountModeBadge"_s, u"positionModeBadge"_s};
        for (const QString& name : badges)
            QVERIFY2(!f.window->findChild<QWidget*>(name)->isVisibleTo(f.window.get()), qPrintable(name));

        f.window->openProfile(f.profile.id);
        SecretPromptDialog* prompt = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(prompt = f.window->findChild<SecretPromptDialog*>(), 10000);
        prompt->reject(); // the user does not have it at hand: the profile stays closed
        QTRY_VERIFY_WITH_TIMEOUT(test::problemText(*f.window).contains(u"Enter it"_s), 10000);
        for (const QString& name : badges)
            QVERIFY2(!f.window->findChild<QWidget*>(name)->isVisibleTo(f.window.get()), qPrintable(name));

        test::SimulatorWindowFixture g = test::openSimulatorWindow(SimScenario::Single);
        QVERIFY(g.window->findChild<QWidget*>(u"serverBadge"_s)->isVisibleTo(g.window.get()));
        QVERIFY2(!g.window->findChild<QWidget*>(u"accountModeBadge"_s)->isVisibleTo(g.window.get()),
                 "no mode before the first data");
        QTRY_VERIFY_WITH_TIMEOUT(
            g.window->findChild<QWidget*>(u"accountModeBadge"_s)->isVisibleTo(g.window.get()), 10000);
    }
};

} // namespace marginwatch

QTEST_MAIN(marginwatch::TestRecovery)
#include "tst_recovery.moc"
