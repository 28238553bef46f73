// The key table: every setting named once, read and written through its spec, changes signalled.
#include "settings/SettingKeys.h"
#include "settings/SettingsStore.h"

#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace marginwatch {

class TestSettingKeys : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void table_namesEachKeyOnce()
    {
        QSet<QString> names;
        for (int i = 0; i < int(SettingKey::Count); ++i) {
            const QString name(specOf(SettingKey(i)).name);
            QVERIFY2(!name.isEmpty(), qPrintable(QString::number(i)));
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.insert(name);
        }
        QSet<QString> fields;
        for (int i = 0; i < int(ProfileField::Count); ++i) {
            const QString name(specOf(ProfileField(i)).name);
            QVERIFY2(!name.isEmpty(), qPrintable(QString::number(i)));
            QVERIFY2(!fields.contains(name), qPrintable(name));
            fields.insert(name);
        }
    }

    void normalized_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<QVariant>("raw");
        QTest::addColumn<QVariant>("expected");
        using K = SettingKey;
        QTest::newRow("bool text true") << int(K::AlertSound) << QVariant(u"true"_s) << QVariant(true);
        QTest::newRow("bool 0") << int(K::AlertSound) << QVariant(u"0"_s) << QVariant(false);
        QTest::newRow("bool banana is the default")
            << int(K::AlertSound) << QVariant(u"banana"_s) << QVariant(false);
        QTest::newRow("int clamped low") << int(K::StaleAlertSeconds) << QVariant(-3) << QVariant(1);
        QTest::newRow("int clamped high")
            << int(K::StaleAlertSeconds) << QVariant(u"99999999999"_s) << QVariant(86400);
        QTest::newRow("int text is the default")
            << int(K::StaleAlertSeconds) << QVariant(u"soon"_s) << QVariant(60);
        QTest::newRow("tab from old byte array")
            << int(K::MainTab) << QVariant(QByteArray("2")) << QVariant(2);
        QTest::newRow("percent 0 is the default")
            << int(K::WarnMarginRatioPercent) << QVariant(0.0) << QVariant(50.0);
        QTest::newRow("percent nan") << int(K::DangerMarginRatioPercent) << QVariant(u"nan"_s)
                                     << QVariant(80.0);
        QTest::newRow("percent 100") << int(K::DangerMarginRatioPercent) << QVariant(u"100"_s)
                                     << QVariant(100.0);
        QTest::newRow("choice by name, any case")
            << int(K::Theme) << QVariant(u"Dark"_s) << QVariant(int(Preferences::Theme::Dark));
        QTest::newRow("choice unknown")
            << int(K::Theme) << QVariant(u"purple"_s) << QVariant(int(Preferences::Theme::System));
        QTest::newRow("choice out of range")
            << int(K::Theme) << QVariant(17) << QVariant(int(Preferences::Theme::System));
        QTest::newRow("bytes from text")
            << int(K::MainGeometry) << QVariant(u"text"_s) << QVariant(QByteArray());
    }

    void normalized()
    {
        QFETCH(int, key);
        QFETCH(QVariant, raw);
        QFETCH(QVariant, expected);
        const QVariant value = specOf(SettingKey(key)).normalized(raw);
        QCOMPARE(value, expected);
    }

    void setValue_clampsAndSignalsRealChangesOnly()
    {
        QTemporaryDir dir;
        QSettings qsettings(dir.filePath(u"s.conf"_s), QSettings::IniFormat);
        SettingsStore store(qsettings);
        QSignalSpy changed(&store, &SettingsStore::changed);

        store.setValue(SettingKey::StaleAlertSeconds, 60); // the default: nothing changes
        QCOMPARE(changed.count(), 0);
        store.setValue(SettingKey::StaleAlertSeconds, 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<SettingKey>(), SettingKey::StaleAlertSeconds);
        QCOMPARE(store.value(SettingKey::StaleAlertSeconds).toInt(), 1);
        store.setValue(SettingKey::StaleAlertSeconds, -5); // clamps to the same 1
        QCOMPARE(changed.count(), 1);

        store.setValue(SettingKey::Theme, int(Preferences::Theme::Dark));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(qsettings.value(QString(specOf(SettingKey::Theme).name)).toString(), u"dark"_s);

        Preferences preferences = store.preferences();
        preferences.alertSound = true;
        store.setPreferences(preferences); // one key differs: one signal
        QCOMPARE(changed.count(), 3);
        QCOMPARE(changed.at(2).at(0).value<SettingKey>(), SettingKey::AlertSound);
    }
};

} // namespace marginwatch

QTEST_MAIN(marginwatch::TestSettingKeys)
#include "tst_settingkeys.moc"
