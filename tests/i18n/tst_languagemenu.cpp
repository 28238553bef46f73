// View → Language: the choice is stored through the settings key table and a note says when it
// applies; the stored choice decides which translation the launcher loads.

#include "gui/AccountWindow.h"
#include "settings/MemorySecretStore.h"
#include "settings/SettingsStore.h"
#include "settings/UiLanguage.h"

#include <QAction>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace marginwatch;

class TestLanguageMenu : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void choice_isStoredAndNoted_data();
    void choice_isStoredAndNoted();
    void translationLocale_followsTheChoice_data();
    void translationLocale_followsTheChoice();
};

void TestLanguageMenu::choice_isStoredAndNoted_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<int>("language");
    QTest::addColumn<QString>("stored");
    QTest::newRow("Deutsch") << u"languageGerman"_s << int(UiLanguage::German) << u"de"_s;
    QTest::newRow("English") << u"languageEnglish"_s << int(UiLanguage::English) << u"en"_s;
    QTest::newRow("system") << u"languageSystem"_s << int(UiLanguage::System) << u"system"_s;
}

void TestLanguageMenu::choice_isStoredAndNoted()
{
    QFETCH(QString, action);
    QFETCH(int, language);
    QFETCH(QString, stored);
    QTemporaryDir dir;
    const QString file = dir.filePath(u"marginwatch.conf"_s);
    {
        QSettings qsettings(file, QSettings::IniFormat);
        SettingsStore settings(qsettings);
        // Start from another choice, so that the action has something to change.
        settings.setValue(SettingKey::Language, language == int(UiLanguage::German)
                                                    ? int(UiLanguage::English)
                                                    : int(UiLanguage::German));
        MemorySecretStore secrets;
        AccountWindow window(nullptr, nullptr, false);
        window.setStores(&settings, &secrets);
        auto* choice = window.findChild<QAction*>(action);
        QVERIFY(choice);
        choice->trigger();
        QCOMPARE(settings.value(SettingKey::Language).toInt(), language);
        auto* note = window.findChild<QMessageBox*>(u"languageNote"_s);
        QVERIFY(note);
        QVERIFY(note->isVisible());
        QVERIFY(note->text().contains(u"next start"_s));
    }
    QSettings again(file, QSettings::IniFormat);
    QCOMPARE(again.value(u"preferences/language"_s).toString(), stored);
    QCOMPARE(SettingsStore(again).value(SettingKey::Language).toInt(), language);
}

void TestLanguageMenu::translationLocale_followsTheChoice_data()
{
    QTest::addColumn<int>("language");
    QTest::addColumn<QString>("system");
    QTest::addColumn<QString>("loaded"); // empty: none, English is built in
    QTest::newRow("system German") << int(UiLanguage::System) << u"de_AT"_s << u"de"_s;
    QTest::newRow("system French") << int(UiLanguage::System) << u"fr_FR"_s << u"fr"_s;
    QTest::newRow("Deutsch on an English system") << int(UiLanguage::German) << u"en_US"_s << u"de"_s;
    QTest::newRow("English on a German system") << int(UiLanguage::English) << u"de_DE"_s << QString();
}

void TestLanguageMenu::translationLocale_followsTheChoice()
{
    QFETCH(int, language);
    QFETCH(QString, system);
    QFETCH(QString, loaded);
    const std::optional<QLocale> locale = translationLocale(UiLanguage(language), QLocale(system));
    QCOMPARE(locale.has_value(), !loaded.isEmpty());
    if (locale)
        QCOMPARE(QLocale::languageToCode(locale->language()), loaded);
}

QTEST_MAIN(TestLanguageMenu)
#include "tst_languagemenu.moc"
