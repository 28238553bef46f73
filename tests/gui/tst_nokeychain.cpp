// A desktop without a keychain daemon, end to end with the real QtKeychain backend: the session bus is
// pointed at nothing, so every keychain job fails the way it does on such a machine ("Unknown error").
#include "WindowFixtures.h"
#include "WindowProbe.h"
#include "gui/SecretPromptDialog.h"
#include "gui/SettingsDialog.h"
#include "settings/KeychainSecretStore.h"
#include "ui_SettingsDialog.h"

#include <QCheckBox>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

bool hasData(const QWidget& window)
{
    const QString wallet = test::totalText(window, u"totalWalletBalance"_s);
    return !wallet.isEmpty() && wallet != u"—"_s;
}

// The fixture's settings and simulator, watched through a real keychain store instead of memory.
struct NoKeychainWindow
{
    test::ProfileWindowFixture base{QByteArray()}; // nothing stored
    std::unique_ptr<KeychainSecretStore> keychain;
    std::unique_ptr<AccountWindow> window;

    explicit NoKeychainWindow(const QString& service)
    {
        base.window.reset();
        keychain = std::make_unique<KeychainSecretStore>(service);
        keychain->checkAvailability();
        window = std::make_unique<AccountWindow>();
        window->setStores(base.settings.get(), keychain.get());
        window->show();
    }
    ~NoKeychainWindow() { window.reset(); }
};

} // namespace

class TestNoKeychain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // No Secret Service, no KWallet: the session bus is a socket that does not exist.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/marginwatch-test-bus");
        m_service = u"marginwatch-test-"_s + QUuid::createUuid().toString(QUuid::Id128);
    }

    void store_findsOutWithoutAWrite()
    {
        KeychainSecretStore store(m_service);
        QSignalSpy unavailable(&store, &SecretStore::backendUnavailable);
        store.checkAvailability();
        QTRY_VERIFY_WITH_TIMEOUT(!store.persists(), 10000);
        QCOMPARE(unavailable.count(), 1);
    }

    void settingsDialog_saysSoAtTheSecretField()
    {
        test::ProfileWindowFixture f{QByteArray()};
        KeychainSecretStore store(m_service);
        SettingsDialog dialog(*f.settings, &store);
        auto* note = dialog.findChild<QLabel*>(u"secretNoteLabel"_s);
        QVERIFY(note);
        QTRY_VERIFY_WITH_TIMEOUT(note->isVisibleTo(&dialog), 10000);
        QVERIFY2(note->text().contains(u"No OS keychain"_s), qPrintable(note->text()));
        QVERIFY(!dialog.ui()->keychainLabel->text().contains(u"kept in the OS keychain"_s));
        QVERIFY(dialog.ui()->secretEdit->placeholderText().contains(u"until marginwatch quits"_s));
    }

    void start_asksForTheSecret_remembersItForTheSession()
    {
        NoKeychainWindow w(m_service);
        QTRY_VERIFY_WITH_TIMEOUT(!w.keychain->persists(), 10000);
        w.window->openProfile(w.base.profile.id);
        SecretPromptDialog* prompt = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((prompt = w.window->findChild<SecretPromptDialog*>()) && prompt->isVisible(),
                                 10000);
        const QString reason = prompt->findChild<QLabel*>(u"secretPromptReason"_s)->text();
        QVERIFY2(reason.contains(u"No OS keychain"_s), qPrintable(reason));
        QVERIFY2(!reason.contains(u"Unknown error"_s), qPrintable(reason));
        auto* remember = prompt->findChild<QCheckBox*>(u"rememberCheck"_s);
        QVERIFY(remember->isChecked());
        QVERIFY(remember->text().contains(u"session"_s));
        QTest::keyClicks(prompt->findChild<QLineEdit*>(u"secretEdit"_s),
                         QString::fromLatin1(test::ProfileWindowFixture::kSecret));
        prompt->accept();
        QTRY_VERIFY_WITH_TIMEOUT(hasData(*w.window), 10000);
        QCOMPARE(test::problemText(*w.window), QString());

        // Opened again this session (Settings → OK, Retry): no second question.
        w.window->openProfile(w.base.profile.id);
        QTRY_VERIFY_WITH_TIMEOUT(hasData(*w.window) && w.window->poller()
                                     && w.window->poller()->state() != AccountPoller::State::Idle,
                                 10000);
        QVERIFY(!w.window->findChild<SecretPromptDialog*>()
                || !w.window->findChild<SecretPromptDialog*>()->isVisible());

        // Never in a file.
        QFile settingsFile(w.base.dir.filePath(u"marginwatch.conf"_s));
        w.base.settings->sync();
        QVERIFY(settingsFile.open(QIODevice::ReadOnly));
        QVERIFY(!settingsFile.readAll().contains(test::ProfileWindowFixture::kSecret));
    }

    void nextStart_asksAgain()
    {
        NoKeychainWindow w(m_service); // a new store: nothing outlived the last "run"
        w.window->openProfile(w.base.profile.id);
        SecretPromptDialog* prompt = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((prompt = w.window->findChild<SecretPromptDialog*>()) && prompt->isVisible(),
                                 10000);
        prompt->reject();
        QTRY_VERIFY_WITH_TIMEOUT(test::problemText(*w.window).contains(u"No OS keychain"_s), 10000);
        QVERIFY(!test::problemText(*w.window).contains(u"Unknown error"_s));
    }

private:
    QString m_service;
};

} // namespace marginwatch

QTEST_MAIN(marginwatch::TestNoKeychain)
#include "tst_nokeychain.moc"
