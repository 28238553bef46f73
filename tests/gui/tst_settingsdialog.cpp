#include "gui/SettingsDialog.h"
#include "settings/Autostart.h"
#include "settings/MemorySecretStore.h"
#include "settings/SettingsStore.h"
#include "ui_SettingsDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace marginwatch;

class TestSettingsDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_configHome.isValid());
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_configHome.path())); // autostart goes here
    }

    // The dialog shows some preferences; OK must leave the others as they were.
    void accept_keepsPreferencesNotOnTheForm()
    {
        QTemporaryDir dir;
        QSettings qsettings(dir.filePath(u"s.conf"_s), QSettings::IniFormat);
        SettingsStore settings(qsettings);
        Preferences preferences = settings.preferences();
        preferences.closeToTray = !Preferences().closeToTray;
        settings.setPreferences(preferences);
        settings.setValue(SettingKey::CloseToTrayNoticeShown, true);
        MemorySecretStore secrets;
        SettingsDialog dialog(settings, &secrets);
        dialog.ui()->dangerSpin->setValue(85);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(settings.preferences().dangerMarginRatioPercent, 85.0);
        QCOMPARE(settings.preferences().closeToTray, !Preferences().closeToTray);
        QVERIFY(settings.value(SettingKey::CloseToTrayNoticeShown).toBool());
    }

    void startAtLogin_writesAndRemovesTheAutostartEntry()
    {
        QTemporaryDir dir;
        QSettings qsettings(dir.filePath(u"s.conf"_s), QSettings::IniFormat);
        SettingsStore settings(qsettings);
        MemorySecretStore secrets;
        const Autostart autostart;
        QVERIFY(autostart.entryPath().startsWith(m_configHome.path()));
        {
            SettingsDialog dialog(settings, &secrets);
            QVERIFY(!dialog.ui()->autostartCheck->isChecked());
            dialog.ui()->autostartCheck->setChecked(true);
            dialog.ui()->closeToTrayCheck->setChecked(false);
            dialog.accept();
        }
        QVERIFY(autostart.isEnabled());
        QFile entry(autostart.entryPath());
        QVERIFY(entry.open(QIODevice::ReadOnly));
        QVERIFY(entry.readAll().contains(QCoreApplication::applicationFilePath().toUtf8()));
        QVERIFY(!settings.preferences().closeToTray);
        {
            SettingsDialog dialog(settings, &secrets);
            QVERIFY(dialog.ui()->autostartCheck->isChecked());
            QVERIFY(!dialog.ui()->closeToTrayCheck->isChecked());
            dialog.ui()->autostartCheck->setChecked(false);
            dialog.accept();
        }
        QVERIFY(!autostart.isEnabled());
        QVERIFY(!QFile::exists(autostart.entryPath()));
    }

    // Live updates and the stream URL override: shown, stored through the settings file, and an
    // unencrypted stream to another computer refused with the reason.
    void liveUpdatesAndStreamUrl_areStoredAndValidated()
    {
        QTemporaryDir dir;
        QSettings qsettings(dir.filePath(u"s.conf"_s), QSettings::IniFormat);
        SettingsStore settings(qsettings);
        MemorySecretStore secrets;
        {
            SettingsDialog dialog(settings, &secrets);
            dialog.addProfile();
            QTest::keyClicks(dialog.ui()->apiKeyEdit, u"PublicApiKey123"_s);
            QTest::keyClicks(dialog.ui()->secretEdit, u"s3cret"_s);
            QVERIFY(dialog.liveCheck()->isChecked()); // on by default
            QVERIFY(dialog.streamUrlEdit()->isEnabled());
            QVERIFY2(dialog.streamUrlEdit()->placeholderText().contains(u"wss://fstream.binance.com"_s),
                     qPrintable(dialog.streamUrlEdit()->placeholderText()));

            QTest::keyClicks(dialog.streamUrlEdit(), u"ws://stream.example.com"_s);
            const QString warning = acceptAndReadWarning(dialog);
            QVERIFY2(warning.contains(u"ws://"_s) && warning.contains(u"stream.example.com"_s),
                     qPrintable(warning));
            QCOMPARE(dialog.result(), int(QDialog::Rejected));
            QVERIFY(settings.profiles().isEmpty());

            dialog.streamUrlEdit()->clear();
            QTest::keyClicks(dialog.streamUrlEdit(), u"ws://127.0.0.1:9443"_s);
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        QCOMPARE(settings.profiles().size(), 1);
        QVERIFY(settings.profiles().first().live);
        QCOMPARE(settings.profiles().first().streamUrl, u"ws://127.0.0.1:9443"_s);
        {
            SettingsDialog dialog(settings, &secrets);
            QCOMPARE(dialog.streamUrlEdit()->text(), u"ws://127.0.0.1:9443"_s);
            dialog.liveCheck()->setChecked(false);
            QVERIFY(!dialog.streamUrlEdit()->isEnabled()); // only the stream uses it
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        QVERIFY(!settings.profiles().first().live);
        QCOMPARE(settings.profiles().first().streamUrl, u"ws://127.0.0.1:9443"_s);

        // The built-in simulator always streams: nothing to choose there.
        SettingsDialog dialog(settings, &secrets);
        dialog.ui()->serverCombo->setCurrentIndex(
            dialog.ui()->serverCombo->findData(int(ServerKind::Simulator)));
        QVERIFY(!dialog.liveCheck()->isEnabled());
        QVERIFY(!dialog.streamUrlEdit()->isEnabled());
    }

private:
    // accept() with a problem in the form shows a modal warning: its text, and the box closed.
    static QString acceptAndReadWarning(SettingsDialog& dialog)
    {
        QString text;
        QTimer poll;
        poll.setInterval(10);
        QObject::connect(&poll, &QTimer::timeout, [&text, &poll] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                text = box->text();
                poll.stop();
                box->accept();
            }
        });
        poll.start();
        dialog.accept();
        return text;
    }

    QTemporaryDir m_configHome;
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
