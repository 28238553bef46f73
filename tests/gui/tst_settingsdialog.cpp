#include "gui/SettingsDialog.h"
#include "settings/Autostart.h"
#include "settings/MemorySecretStore.h"
#include "settings/SettingsStore.h"
#include "ui_SettingsDialog.h"

#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

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

private:
    QTemporaryDir m_configHome;
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
