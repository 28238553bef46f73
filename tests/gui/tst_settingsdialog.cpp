#include "gui/SettingsDialog.h"
#include "settings/MemorySecretStore.h"
#include "settings/SettingsStore.h"
#include "ui_SettingsDialog.h"

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
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

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
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
