#include "settings/MemorySecretStore.h"
#include "settings/Preferences.h"
#include "settings/Profile.h"
#include "settings/SettingsStore.h"

#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(marginwatch::Profile)
Q_DECLARE_METATYPE(marginwatch::ServerKind)
Q_DECLARE_METATYPE(marginwatch::KeyType)
Q_DECLARE_METATYPE(marginwatch::Preferences)

namespace marginwatch {

namespace {

Profile exampleProfile(ServerKind server, KeyType keyType, const QString& keyFile)
{
    Profile profile;
    profile.id = Profile::newId();
    profile.name = u"Main account – ü"_s;
    profile.server = server;
    if (server == ServerKind::Custom)
        profile.customUrl = QUrl(u"https://testnet.binancefuture.com/base"_s);
    profile.keyType = keyType;
    profile.apiKey = u"vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"_s;
    if (keyType != KeyType::Hmac)
        profile.privateKeyFile = keyFile;
    profile.pollIntervalMs = 2500;
    profile.recvWindowMs = 7000;
    profile.proxyMode = ProxySettings::Mode::Socks5;
    profile.proxyHost = u"proxy.example.org"_s;
    profile.proxyPort = 1080;
    profile.proxyUser = u"alice"_s;
    return profile;
}

Preferences nonDefaultPreferences()
{
    Preferences preferences;
    preferences.theme = Preferences::Theme::Dark;
    preferences.warnMarginRatioPercent = 33.5;
    preferences.dangerMarginRatioPercent = 90.25;
    preferences.staleAlertSeconds = 120;
    preferences.alertSound = true;
    preferences.hideZeroAssets = false;
    preferences.hideClosedPositions = false;
    preferences.closeToTray = false;
    return preferences;
}

} // namespace

class TestProfileStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();

    void roundTrip_data();
    void roundTrip();
    void saveProfiles_shorterListDropsOldEntries();
    void iniFile_holdsNoSecret();
    void emptyFile_givesDefaults();
    void corruptProfileValue_data();
    void corruptProfileValue();
    void corruptProfiles_missingOrDuplicateIdGetsFreshId();
    void unknownCurrentProfileId_isEmpty();
    void corruptPreference_data();
    void corruptPreference();
    void windowState_roundTripAndCorrupt();
    void oldProfiles_migrate_data();
    void oldProfiles_migrate();

    void baseUrl_data();
    void baseUrl();
    void validateProfile_data();
    void validateProfile();
    void validatePreferences_data();
    void validatePreferences();

private:
    QString iniPath() const { return m_dir->filePath(u"marginwatch.ini"_s); }
    QString keyFile() const { return m_keyDir.filePath(u"key.pem"_s); }

    QTemporaryDir m_keyDir;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestProfileStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_keyDir.isValid());
    QFile key(keyFile());
    QVERIFY(key.open(QIODevice::WriteOnly));
    key.write("-----BEGIN PRIVATE KEY-----\nnot a real key\n-----END PRIVATE KEY-----\n");
}

void TestProfileStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestProfileStore::roundTrip_data()
{
    QTest::addColumn<ServerKind>("server");
    QTest::addColumn<KeyType>("keyType");
    const std::pair<const char*, ServerKind> servers[] = {
        {"production", ServerKind::Production},
        {"demo trading", ServerKind::DemoTrading},
        {"custom", ServerKind::Custom},
        {"simulator", ServerKind::Simulator},
    };
    const std::pair<const char*, KeyType> keyTypes[] = {
        {"hmac", KeyType::Hmac}, {"rsa", KeyType::Rsa}, {"ed25519", KeyType::Ed25519}};
    for (const auto& [serverName, server] : servers) {
        for (const auto& [keyTypeName, keyType] : keyTypes)
            QTest::addRow("%s/%s", serverName, keyTypeName) << server << keyType;
    }
}

void TestProfileStore::roundTrip()
{
    QFETCH(ServerKind, server);
    QFETCH(KeyType, keyType);
    const Profile profile = exampleProfile(server, keyType, keyFile());
    Profile second;
    second.id = Profile::newId();
    second.name = u"Second"_s;
    second.proxyMode = ProxySettings::Mode::None;
    const Preferences preferences = nonDefaultPreferences();
    {
        QSettings settings(iniPath(), QSettings::IniFormat);
        SettingsStore store(settings);
        store.saveProfiles({profile, second});
        store.setCurrentProfileId(profile.id);
        store.setPreferences(preferences);
        QVERIFY(store.sync());
    }
    QSettings settings(iniPath(), QSettings::IniFormat);
    const SettingsStore store(settings);
    const QList<Profile> loaded = store.profiles();
    QCOMPARE(loaded.size(), 2);
    QCOMPARE(loaded.at(0), profile);
    QCOMPARE(loaded.at(1), second);
    QCOMPARE(loaded.at(0).server, server);
    QCOMPARE(loaded.at(0).keyType, keyType);
    QCOMPARE(store.currentProfileId(), profile.id);
    QCOMPARE(store.preferences(), preferences);
    QVERIFY2(loaded.at(0).validate().isEmpty(), qPrintable(loaded.at(0).validate().join(u'\n')));
}

void TestProfileStore::saveProfiles_shorterListDropsOldEntries()
{
    QSettings settings(iniPath(), QSettings::IniFormat);
    SettingsStore store(settings);
    const Profile a = exampleProfile(ServerKind::Production, KeyType::Hmac, {});
    const Profile b = exampleProfile(ServerKind::Simulator, KeyType::Hmac, {});
    const Profile c = exampleProfile(ServerKind::Custom, KeyType::Rsa, keyFile());
    store.saveProfiles({a, b, c});
    QCOMPARE(store.profiles().size(), 3);
    store.saveProfiles({b});
    QVERIFY(store.sync());
    QCOMPARE(store.profiles(), QList<Profile>{b});
    const QStringList keys = settings.allKeys();
    QVERIFY2(!keys.contains(u"profiles/3/id"_s), qPrintable(keys.join(u' ')));
    store.saveProfiles({});
    QVERIFY(store.profiles().isEmpty());
}

void TestProfileStore::iniFile_holdsNoSecret()
{
    const QByteArray apiSecret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    const QByteArray proxyPassword = "pr0xy-Pa55w0rd-7f3c";
    Profile profile = exampleProfile(ServerKind::Production, KeyType::Hmac, {});

    MemorySecretStore secrets;
    std::optional<SecretResult> apiWritten;
    std::optional<SecretResult> proxyWritten;
    secrets.write(profile.id, SecretBytes(apiSecret), [&](const SecretResult& r) { apiWritten = r; });
    secrets.write(profile.proxyPasswordKey(), SecretBytes(proxyPassword),
                  [&](const SecretResult& r) { proxyWritten = r; });
    {
        QSettings settings(iniPath(), QSettings::IniFormat);
        SettingsStore store(settings);
        store.saveProfiles({profile});
        store.setCurrentProfileId(profile.id);
        store.setPreferences(nonDefaultPreferences());
        store.setValue(SettingKey::MainGeometry, QByteArray("\x01\x02geometry", 10));
        QVERIFY(store.sync());
    }
    QTRY_VERIFY(apiWritten && proxyWritten);
    QVERIFY(apiWritten->ok && proxyWritten->ok);

    QFile file(iniPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray raw = file.readAll();
    // Proves the file is the one written, so the absence checks below mean something.
    QVERIFY(raw.contains(profile.apiKey.toLatin1()));
    QVERIFY(raw.contains(profile.proxyUser.toLatin1()));
    QVERIFY(!raw.contains(apiSecret));
    QVERIFY(!raw.contains(apiSecret.toBase64()));
    QVERIFY(!raw.contains(proxyPassword));
    QVERIFY(!raw.contains(proxyPassword.toBase64()));

    std::optional<SecretResult> readBack;
    secrets.read(profile.id, [&](const SecretResult& r) { readBack = r; });
    QTRY_VERIFY(readBack);
    QVERIFY(readBack->ok);
    QCOMPARE(readBack->secret.exposeSecret(), apiSecret);
}

void TestProfileStore::emptyFile_givesDefaults()
{
    QSettings settings(iniPath(), QSettings::IniFormat);
    const SettingsStore store(settings);
    QVERIFY(store.profiles().isEmpty());
    QVERIFY(store.currentProfileId().isEmpty());
    QCOMPARE(store.preferences(), Preferences());
    QVERIFY(store.value(SettingKey::MainGeometry).toByteArray().isEmpty());
}

void TestProfileStore::corruptProfileValue_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("raw");
    QTest::addColumn<Profile>("expected");

    const Profile base = exampleProfile(ServerKind::Custom, KeyType::Rsa, keyFile());
    const Profile defaults;
    auto with = [&base](auto change) {
        Profile p = base;
        change(p);
        return p;
    };
    QTest::newRow("server unknown") << u"server"_s << u"moon"_s
                                    << with([&](Profile& p) { p.server = defaults.server; });
    QTest::newRow("server number") << u"server"_s << u"2"_s
                                   << with([&](Profile& p) { p.server = defaults.server; });
    QTest::newRow("server other case")
        << u"server"_s << u"SIMULATOR"_s << with([](Profile& p) { p.server = ServerKind::Simulator; });
    QTest::newRow("keyType unknown") << u"keyType"_s << u"dsa"_s
                                     << with([&](Profile& p) { p.keyType = defaults.keyType; });
    QTest::newRow("poll interval text")
        << u"pollIntervalMs"_s << u"fast"_s
        << with([&](Profile& p) { p.pollIntervalMs = defaults.pollIntervalMs; });
    QTest::newRow("poll interval empty")
        << u"pollIntervalMs"_s << QString()
        << with([&](Profile& p) { p.pollIntervalMs = defaults.pollIntervalMs; });
    QTest::newRow("poll interval too low")
        << u"pollIntervalMs"_s << u"10"_s << with([](Profile& p) { p.pollIntervalMs = 1000; });
    QTest::newRow("poll interval too high")
        << u"pollIntervalMs"_s << u"99999999"_s << with([](Profile& p) { p.pollIntervalMs = 3600000; });
    QTest::newRow("poll interval overflows int")
        << u"pollIntervalMs"_s << u"99999999999999"_s << with([](Profile& p) { p.pollIntervalMs = 3600000; });
    QTest::newRow("poll interval overflows 64 bits")
        << u"pollIntervalMs"_s << u"99999999999999999999999"_s
        << with([&](Profile& p) { p.pollIntervalMs = defaults.pollIntervalMs; });
    QTest::newRow("proxy port overflows int")
        << u"proxy/port"_s << u"4294967376"_s << with([](Profile& p) { p.proxyPort = 0; });
    QTest::newRow("recvWindow zero") << u"recvWindowMs"_s << u"0"_s
                                     << with([](Profile& p) { p.recvWindowMs = 1; });
    QTest::newRow("recvWindow too high")
        << u"recvWindowMs"_s << u"100000"_s << with([](Profile& p) { p.recvWindowMs = 60000; });
    QTest::newRow("recvWindow fraction") << u"recvWindowMs"_s << u"12.5"_s
                                         << with([&](Profile& p) { p.recvWindowMs = defaults.recvWindowMs; });
    QTest::newRow("proxy mode unknown") << u"proxy/mode"_s << u"carrier-pigeon"_s
                                        << with([&](Profile& p) { p.proxyMode = defaults.proxyMode; });
    QTest::newRow("proxy port negative")
        << u"proxy/port"_s << u"-5"_s << with([](Profile& p) { p.proxyPort = 0; });
    QTest::newRow("proxy port too high")
        << u"proxy/port"_s << u"70000"_s << with([](Profile& p) { p.proxyPort = 0; });
}

void TestProfileStore::corruptProfileValue()
{
    QFETCH(QString, key);
    QFETCH(QString, raw);
    QFETCH(Profile, expected);
    {
        QSettings settings(iniPath(), QSettings::IniFormat);
        SettingsStore(settings).saveProfiles({expected});
        settings.setValue(u"profiles/1/"_s + key, raw);
        QCOMPARE(settings.status(), QSettings::NoError);
    }
    QSettings settings(iniPath(), QSettings::IniFormat);
    const QList<Profile> loaded = SettingsStore(settings).profiles();
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(loaded.first(), expected);
}

void TestProfileStore::corruptProfiles_missingOrDuplicateIdGetsFreshId()
{
    QFile file(iniPath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[General]\ncurrentProfileId=abc\n\n"
               "[profiles]\n"
               "1\\id=abc\n1\\name=First\n"
               "2\\id=abc\n2\\name=Duplicate\n"
               "3\\name=No id\n"
               "size=3\n");
    file.close();

    QSettings settings(iniPath(), QSettings::IniFormat);
    const SettingsStore store(settings);
    const QList<Profile> loaded = store.profiles();
    QCOMPARE(loaded.size(), 3);
    QCOMPARE(loaded.at(0).id, u"abc"_s);
    QCOMPARE(loaded.at(0).name, u"First"_s);
    QCOMPARE(loaded.at(1).name, u"Duplicate"_s);
    QCOMPARE(loaded.at(2).name, u"No id"_s);
    QVERIFY(!QUuid::fromString(loaded.at(1).id).isNull());
    QVERIFY(!QUuid::fromString(loaded.at(2).id).isNull());
    QVERIFY(loaded.at(1).id != loaded.at(2).id);
    QCOMPARE(store.currentProfileId(), u"abc"_s);
}

void TestProfileStore::unknownCurrentProfileId_isEmpty()
{
    QSettings settings(iniPath(), QSettings::IniFormat);
    SettingsStore store(settings);
    const Profile profile = exampleProfile(ServerKind::Production, KeyType::Hmac, {});
    store.saveProfiles({profile});
    store.setCurrentProfileId(profile.id);
    QCOMPARE(store.currentProfileId(), profile.id);
    store.setCurrentProfileId(Profile::newId());
    QVERIFY(store.currentProfileId().isEmpty());
    store.setCurrentProfileId(profile.id);
    store.saveProfiles({});
    QVERIFY(store.currentProfileId().isEmpty());
}

void TestProfileStore::corruptPreference_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("raw");
    QTest::addColumn<Preferences>("expected");

    const Preferences base = nonDefaultPreferences();
    const Preferences defaults;
    auto with = [&base](auto change) {
        Preferences p = base;
        change(p);
        return p;
    };
    auto defaultThresholds = with([&](Preferences& p) {
        p.warnMarginRatioPercent = defaults.warnMarginRatioPercent;
        p.dangerMarginRatioPercent = defaults.dangerMarginRatioPercent;
    });
    QTest::newRow("theme unknown") << u"theme"_s << u"purple"_s
                                   << with([&](Preferences& p) { p.theme = defaults.theme; });
    QTest::newRow("theme other case")
        << u"theme"_s << u"Light"_s << with([](Preferences& p) { p.theme = Preferences::Theme::Light; });
    QTest::newRow("warn text") << u"warnMarginRatioPercent"_s << u"abc"_s << with([&](Preferences& p) {
        p.warnMarginRatioPercent = defaults.warnMarginRatioPercent;
    });
    QTest::newRow("warn zero") << u"warnMarginRatioPercent"_s << u"0"_s << with([&](Preferences& p) {
        p.warnMarginRatioPercent = defaults.warnMarginRatioPercent;
    });
    QTest::newRow("warn nan") << u"warnMarginRatioPercent"_s << u"nan"_s << with([&](Preferences& p) {
        p.warnMarginRatioPercent = defaults.warnMarginRatioPercent;
    });
    QTest::newRow("danger above 100")
        << u"dangerMarginRatioPercent"_s << u"250"_s
        << with([&](Preferences& p) { p.dangerMarginRatioPercent = defaults.dangerMarginRatioPercent; });
    QTest::newRow("danger inf") << u"dangerMarginRatioPercent"_s << u"inf"_s << with([&](Preferences& p) {
        p.dangerMarginRatioPercent = defaults.dangerMarginRatioPercent;
    });
    QTest::newRow("danger lowered, still above warn")
        << u"dangerMarginRatioPercent"_s << u"40"_s
        << with([](Preferences& p) { p.dangerMarginRatioPercent = 40; });
    QTest::newRow("danger below warn") << u"dangerMarginRatioPercent"_s << u"20"_s << defaultThresholds;
    QTest::newRow("warn above danger") << u"warnMarginRatioPercent"_s << u"95"_s << defaultThresholds;
    QTest::newRow("warn equals danger") << u"warnMarginRatioPercent"_s << u"90.25"_s << defaultThresholds;
    QTest::newRow("danger exactly 100") << u"dangerMarginRatioPercent"_s << u"100"_s
                                        << with([](Preferences& p) { p.dangerMarginRatioPercent = 100; });
    QTest::newRow("stale text") << u"staleAlertSeconds"_s << u"soon"_s << with([&](Preferences& p) {
        p.staleAlertSeconds = defaults.staleAlertSeconds;
    });
    QTest::newRow("stale negative") << u"staleAlertSeconds"_s << u"-3"_s
                                    << with([](Preferences& p) { p.staleAlertSeconds = 1; });
    QTest::newRow("sound banana") << u"alertSound"_s << u"banana"_s
                                  << with([&](Preferences& p) { p.alertSound = defaults.alertSound; });
    QTest::newRow("sound 0") << u"alertSound"_s << u"0"_s
                             << with([](Preferences& p) { p.alertSound = false; });
    QTest::newRow("hide zero maybe") << u"hideZeroAssets"_s << u"maybe"_s << with([&](Preferences& p) {
        p.hideZeroAssets = defaults.hideZeroAssets;
    });
    QTest::newRow("hide closed empty")
        << u"hideClosedPositions"_s << QString()
        << with([&](Preferences& p) { p.hideClosedPositions = defaults.hideClosedPositions; });
    QTest::newRow("tray TRUE") << u"closeToTray"_s << u"TRUE"_s
                               << with([](Preferences& p) { p.closeToTray = true; });
    QTest::newRow("tray yes") << u"closeToTray"_s << u"yes"_s
                              << with([&](Preferences& p) { p.closeToTray = defaults.closeToTray; });
}

void TestProfileStore::corruptPreference()
{
    QFETCH(QString, key);
    QFETCH(QString, raw);
    QFETCH(Preferences, expected);
    {
        QSettings settings(iniPath(), QSettings::IniFormat);
        SettingsStore(settings).setPreferences(nonDefaultPreferences());
        settings.setValue(u"preferences/"_s + key, raw);
    }
    QSettings settings(iniPath(), QSettings::IniFormat);
    const Preferences loaded = SettingsStore(settings).preferences();
    QCOMPARE(loaded.theme, expected.theme);
    QCOMPARE(loaded.warnMarginRatioPercent, expected.warnMarginRatioPercent);
    QCOMPARE(loaded.dangerMarginRatioPercent, expected.dangerMarginRatioPercent);
    QCOMPARE(loaded.staleAlertSeconds, expected.staleAlertSeconds);
    QCOMPARE(loaded, expected);
    QVERIFY2(loaded.validate().isEmpty(), qPrintable(loaded.validate().join(u'\n')));
}

void TestProfileStore::windowState_roundTripAndCorrupt()
{
    const QByteArray geometry("\x00\x01\xff binary \n state", 18);
    {
        QSettings settings(iniPath(), QSettings::IniFormat);
        SettingsStore store(settings);
        store.setValue(SettingKey::MainGeometry, geometry);
        store.setValue(SettingKey::PositionsHeader, QByteArray("header"));
        QVERIFY(store.sync());
    }
    {
        QSettings settings(iniPath(), QSettings::IniFormat);
        const SettingsStore store(settings);
        QCOMPARE(store.value(SettingKey::MainGeometry).toByteArray(), geometry);
        QCOMPARE(store.value(SettingKey::PositionsHeader).toByteArray(), QByteArray("header"));
        QVERIFY(store.value(SettingKey::AssetsHeader).toByteArray().isEmpty());
    }
    {
        QSettings settings(iniPath(), QSettings::IniFormat);
        settings.setValue(QString(specOf(SettingKey::MainGeometry).name), u"not bytes"_s);
    }
    QSettings settings(iniPath(), QSettings::IniFormat);
    QVERIFY(SettingsStore(settings).value(SettingKey::MainGeometry).toByteArray().isEmpty());
}

void TestProfileStore::oldProfiles_migrate_data()
{
    QTest::addColumn<QString>("environment");
    QTest::addColumn<ServerKind>("server");
    QTest::addColumn<QString>("written");
    // "demo" was the built-in simulator, not Binance's Demo Trading.
    QTest::newRow("demo") << u"demo"_s << ServerKind::Simulator << u"simulator"_s;
    QTest::newRow("Demo") << u"Demo"_s << ServerKind::Simulator << u"simulator"_s;
    QTest::newRow("production") << u"production"_s << ServerKind::Production << u"production"_s;
    QTest::newRow("custom") << u"custom"_s << ServerKind::Custom << u"custom"_s;
}

void TestProfileStore::oldProfiles_migrate()
{
    QFETCH(QString, environment);
    QFETCH(ServerKind, server);
    QFETCH(QString, written);
    {
        QFile file(iniPath()); // as an earlier version wrote it
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[profiles]\n1\\id=3f1c0e1a-0000-4000-8000-000000000001\n1\\name=Old profile\n"
                   "1\\environment="
                   + environment.toUtf8() + "\n1\\customUrl=http://127.0.0.1:9000\nsize=1\n");
    }
    QSettings settings(iniPath(), QSettings::IniFormat);
    SettingsStore store(settings);
    QList<Profile> profiles = store.profiles();
    QCOMPARE(profiles.size(), 1);
    QCOMPARE(profiles.first().server, server);
    QCOMPARE(profiles.first().id, u"3f1c0e1a-0000-4000-8000-000000000001"_s);

    store.saveProfiles(profiles);
    QVERIFY(store.sync());
    QCOMPARE(settings.value(u"profiles/1/server"_s).toString(), written);
    QVERIFY2(!settings.contains(u"profiles/1/environment"_s), "the old name is gone once written");
    QCOMPARE(store.profiles().first().server, server);
}

void TestProfileStore::baseUrl_data()
{
    QTest::addColumn<ServerKind>("server");
    QTest::addColumn<QUrl>("customUrl");
    QTest::addColumn<QUrl>("expected");
    const QUrl custom(u"http://127.0.0.1:8123"_s);
    QTest::newRow("production") << ServerKind::Production << custom << QUrl(u"https://fapi.binance.com"_s);
    QTest::newRow("demo trading") << ServerKind::DemoTrading << custom
                                  << QUrl(u"https://demo-fapi.binance.com"_s);
    QTest::newRow("simulator") << ServerKind::Simulator << custom << QUrl();
    QTest::newRow("custom") << ServerKind::Custom << custom << custom;
}

void TestProfileStore::baseUrl()
{
    QFETCH(ServerKind, server);
    QFETCH(QUrl, customUrl);
    QFETCH(QUrl, expected);
    Profile profile;
    profile.server = server;
    profile.customUrl = customUrl;
    QCOMPARE(profile.baseUrl(), expected);
}

void TestProfileStore::validateProfile_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<QString>("problem"); // a word of the single expected problem; empty: valid

    const Profile hmac = exampleProfile(ServerKind::Production, KeyType::Hmac, {});
    auto with = [](Profile p, auto change) {
        change(p);
        return p;
    };
    auto custom = [&](const char* url) {
        return with(hmac, [url](Profile& p) {
            p.server = ServerKind::Custom;
            p.customUrl = QUrl(QString::fromLatin1(url));
        });
    };
    auto rsa = [&](KeyType type, const QString& file) {
        return with(hmac, [&](Profile& p) {
            p.keyType = type;
            p.privateKeyFile = file;
        });
    };

    QTest::newRow("valid hmac") << hmac << QString();
    QTest::newRow("valid rsa") << rsa(KeyType::Rsa, keyFile()) << QString();
    QTest::newRow("valid ed25519") << rsa(KeyType::Ed25519, keyFile()) << QString();
    QTest::newRow("valid https custom") << custom("https://example.org") << QString();
    QTest::newRow("valid http loopback v4") << custom("http://127.0.0.1:8080") << QString();
    QTest::newRow("valid http loopback 127.x") << custom("http://127.0.0.2:8080") << QString();
    QTest::newRow("valid http loopback v6") << custom("http://[::1]:8080") << QString();
    QTest::newRow("valid http localhost") << custom("http://LOCALHOST:8080") << QString();
    QTest::newRow("valid simulator without key") << with(hmac, [](Profile& p) {
        p.server = ServerKind::Simulator;
        p.apiKey.clear();
        p.keyType = KeyType::Rsa;
    }) << QString();
    // Binance's Demo Trading has keys of its own.
    QTest::newRow("demo trading without key") << with(hmac, [](Profile& p) {
        p.server = ServerKind::DemoTrading;
        p.apiKey.clear();
    }) << u"Enter the API key"_s;
    QTest::newRow("valid system proxy without host") << with(hmac, [](Profile& p) {
        p.proxyMode = ProxySettings::Mode::System;
        p.proxyHost.clear();
        p.proxyPort = 0;
    }) << QString();

    QTest::newRow("no id") << with(hmac, [](Profile& p) { p.id.clear(); }) << u"identifier"_s;
    QTest::newRow("empty name") << with(hmac, [](Profile& p) { p.name.clear(); }) << u"name"_s;
    QTest::newRow("blank name") << with(hmac, [](Profile& p) { p.name = u"  \t"_s; }) << u"name"_s;
    QTest::newRow("custom without url") << custom("") << u"Enter the server URL"_s;
    QTest::newRow("custom without host") << custom("https://") << u"not a valid URL"_s;
    QTest::newRow("custom ftp") << custom("ftp://example.org") << u"https://"_s;
    QTest::newRow("custom ws") << custom("wss://fstream.binance.com") << u"https://"_s;
    QTest::newRow("custom http remote") << custom("http://fapi.binance.com") << u"this computer"_s;
    QTest::newRow("custom http lan") << custom("http://192.168.1.10:8080") << u"this computer"_s;
    QTest::newRow("custom http localhost lookalike")
        << custom("http://localhost.evil.com") << u"this computer"_s;
    QTest::newRow("custom with password") << custom("https://user:pw@example.org") << u"password"_s;
    QTest::newRow("no api key") << with(hmac, [](Profile& p) { p.apiKey.clear(); }) << u"Enter the API key"_s;
    QTest::newRow("api key with space")
        << with(hmac, [](Profile& p) { p.apiKey.insert(10, u' '); }) << u"spaces"_s;
    QTest::newRow("api key with newline")
        << with(hmac, [](Profile& p) { p.apiKey += u'\n'; }) << u"line breaks"_s;
    QTest::newRow("api key non-ascii")
        << with(hmac, [](Profile& p) { p.apiKey += u"é"_s; }) << u"characters"_s;
    QTest::newRow("rsa without key file") << rsa(KeyType::Rsa, QString()) << u"RSA private key file"_s;
    QTest::newRow("ed25519 without key file") << rsa(KeyType::Ed25519, QString()) << u"Ed25519"_s;
    QTest::newRow("rsa key file missing")
        << rsa(KeyType::Rsa, keyFile() + u".missing"_s) << u"does not exist"_s;
    QTest::newRow("rsa key file is a directory") << rsa(KeyType::Rsa, m_keyDir.path()) << u"does not exist"_s;
    QTest::newRow("poll too fast") << with(hmac, [](Profile& p) { p.pollIntervalMs = 999; }) << u"refresh"_s;
    QTest::newRow("poll too slow") << with(hmac, [](Profile& p) { p.pollIntervalMs = 3600001; })
                                   << u"refresh"_s;
    QTest::newRow("recvWindow zero") << with(hmac, [](Profile& p) { p.recvWindowMs = 0; })
                                     << u"receive window"_s;
    QTest::newRow("recvWindow too big")
        << with(hmac, [](Profile& p) { p.recvWindowMs = 60001; }) << u"receive window"_s;
    QTest::newRow("http proxy without host") << with(hmac, [](Profile& p) {
        p.proxyMode = ProxySettings::Mode::Http;
        p.proxyHost.clear();
    }) << u"proxy host"_s;
    QTest::newRow("socks proxy without port")
        << with(hmac, [](Profile& p) { p.proxyPort = 0; }) << u"proxy port"_s;
}

void TestProfileStore::validateProfile()
{
    QFETCH(Profile, profile);
    QFETCH(QString, problem);
    const QStringList problems = profile.validate();
    if (problem.isEmpty()) {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        return;
    }
    QVERIFY2(problems.size() == 1, qPrintable(problems.join(u'\n')));
    QVERIFY2(problems.first().contains(problem, Qt::CaseInsensitive), qPrintable(problems.first()));
}

void TestProfileStore::validatePreferences_data()
{
    QTest::addColumn<double>("warn");
    QTest::addColumn<double>("danger");
    QTest::addColumn<int>("staleSeconds");
    QTest::addColumn<int>("problems");
    QTest::newRow("defaults") << 50.0 << 80.0 << 60 << 0;
    QTest::newRow("danger at 100") << 99.9 << 100.0 << 60 << 0;
    QTest::newRow("tiny warn") << 0.01 << 0.02 << 1 << 0;
    QTest::newRow("warn equals danger") << 80.0 << 80.0 << 60 << 1;
    QTest::newRow("warn above danger") << 90.0 << 80.0 << 60 << 1;
    QTest::newRow("warn zero") << 0.0 << 80.0 << 60 << 1;
    QTest::newRow("warn negative") << -5.0 << 80.0 << 60 << 1;
    QTest::newRow("danger above 100") << 50.0 << 100.5 << 60 << 1;
    QTest::newRow("danger nan") << 50.0 << qQNaN() << 60 << 1;
    QTest::newRow("both out of range") << 0.0 << 101.0 << 60 << 2;
    QTest::newRow("stale zero") << 50.0 << 80.0 << 0 << 1;
    QTest::newRow("stale too long") << 50.0 << 80.0 << 86401 << 1;
}

void TestProfileStore::validatePreferences()
{
    QFETCH(double, warn);
    QFETCH(double, danger);
    QFETCH(int, staleSeconds);
    QFETCH(int, problems);
    Preferences preferences;
    preferences.warnMarginRatioPercent = warn;
    preferences.dangerMarginRatioPercent = danger;
    preferences.staleAlertSeconds = staleSeconds;
    const QStringList found = preferences.validate();
    QVERIFY2(found.size() == problems, qPrintable(found.join(u'\n')));
}

} // namespace marginwatch

QTEST_GUILESS_MAIN(marginwatch::TestProfileStore)
#include "tst_profilestore.moc"
