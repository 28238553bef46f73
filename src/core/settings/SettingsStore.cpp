#include "settings/SettingsStore.h"

#include <QSet>
#include <QSettings>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

// Enums are stored by name, not number, so a reordered enum cannot silently change a setting.
template <typename Enum>
using EnumNames = std::array<std::pair<Enum, QLatin1StringView>, 3>;

constexpr EnumNames<Profile::Environment> kEnvironments{{
    {Profile::Environment::Production, "production"_L1},
    {Profile::Environment::Demo, "demo"_L1},
    {Profile::Environment::Custom, "custom"_L1},
}};

constexpr EnumNames<KeyType> kKeyTypes{{
    {KeyType::Hmac, "hmac"_L1},
    {KeyType::Rsa, "rsa"_L1},
    {KeyType::Ed25519, "ed25519"_L1},
}};

constexpr std::array<std::pair<ProxySettings::Mode, QLatin1StringView>, 4> kProxyModes{{
    {ProxySettings::Mode::System, "system"_L1},
    {ProxySettings::Mode::None, "none"_L1},
    {ProxySettings::Mode::Http, "http"_L1},
    {ProxySettings::Mode::Socks5, "socks5"_L1},
}};

constexpr EnumNames<Preferences::Theme> kThemes{{
    {Preferences::Theme::System, "system"_L1},
    {Preferences::Theme::Light, "light"_L1},
    {Preferences::Theme::Dark, "dark"_L1},
}};

template <typename Names, typename Enum>
QString enumName(const Names& names, Enum value)
{
    for (const auto& [candidate, name] : names) {
        if (candidate == value)
            return QString(name);
    }
    return QString(names.front().second);
}

template <typename Names, typename Enum>
Enum readEnum(const QSettings& settings, const QString& key, const Names& names, Enum fallback)
{
    const QString stored = settings.value(key).toString();
    for (const auto& [value, name] : names) {
        if (stored.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return fallback;
}

// Read wider than int: QVariant's string-to-int conversion truncates huge numbers instead of failing.
int readInt(const QSettings& settings, const QString& key, int fallback, int min, int max)
{
    bool ok = false;
    const qlonglong value = settings.value(key).toLongLong(&ok);
    return ok ? static_cast<int>(std::clamp<qlonglong>(value, min, max)) : fallback;
}

// For values where the nearest valid one would be a guess (a port), not a safer setting.
int readIntOrDefault(const QSettings& settings, const QString& key, int fallback, int min, int max)
{
    bool ok = false;
    const qlonglong value = settings.value(key).toLongLong(&ok);
    return ok && value >= min && value <= max ? static_cast<int>(value) : fallback;
}

double readPercent(const QSettings& settings, const QString& key, double fallback)
{
    bool ok = false;
    const double value = settings.value(key).toDouble(&ok);
    return ok && std::isfinite(value) && value > 0 && value <= 100 ? value : fallback;
}

// QVariant::toBool() calls any non-empty string other than "false"/"0" true, so "banana" would
// switch an option on.
bool readBool(const QSettings& settings, const QString& key, bool fallback)
{
    const QVariant value = settings.value(key);
    if (value.typeId() == QMetaType::Bool)
        return value.toBool();
    const QString text = value.toString().trimmed().toLower();
    if (text == u"true"_s || text == u"1"_s)
        return true;
    if (text == u"false"_s || text == u"0"_s)
        return false;
    return fallback;
}

QString profilesKey()
{
    return u"profiles"_s;
}

Profile readProfile(const QSettings& settings)
{
    const Profile defaults;
    Profile profile;
    profile.id = settings.value(u"id"_s).toString().trimmed();
    profile.name = settings.value(u"name"_s).toString();
    profile.environment = readEnum(settings, u"environment"_s, kEnvironments, defaults.environment);
    profile.customUrl = QUrl(settings.value(u"customUrl"_s).toString());
    profile.keyType = readEnum(settings, u"keyType"_s, kKeyTypes, defaults.keyType);
    profile.apiKey = settings.value(u"apiKey"_s).toString();
    profile.privateKeyFile = settings.value(u"privateKeyFile"_s).toString();
    profile.pollIntervalMs = readInt(settings, u"pollIntervalMs"_s, defaults.pollIntervalMs,
                                     Profile::kMinPollIntervalMs, Profile::kMaxPollIntervalMs);
    profile.recvWindowMs = readInt(settings, u"recvWindowMs"_s, defaults.recvWindowMs,
                                   Profile::kMinRecvWindowMs, Profile::kMaxRecvWindowMs);
    profile.proxyMode = readEnum(settings, u"proxy/mode"_s, kProxyModes, defaults.proxyMode);
    profile.proxyHost = settings.value(u"proxy/host"_s).toString();
    profile.proxyPort = static_cast<quint16>(readIntOrDefault(settings, u"proxy/port"_s, 0, 0, 65535));
    profile.proxyUser = settings.value(u"proxy/user"_s).toString();
    return profile;
}

void writeProfile(QSettings& settings, const Profile& profile)
{
    settings.setValue(u"id"_s, profile.id);
    settings.setValue(u"name"_s, profile.name);
    settings.setValue(u"environment"_s, enumName(kEnvironments, profile.environment));
    settings.setValue(u"customUrl"_s, profile.customUrl.toString());
    settings.setValue(u"keyType"_s, enumName(kKeyTypes, profile.keyType));
    settings.setValue(u"apiKey"_s, profile.apiKey);
    settings.setValue(u"privateKeyFile"_s, profile.privateKeyFile);
    settings.setValue(u"pollIntervalMs"_s, std::clamp(profile.pollIntervalMs, Profile::kMinPollIntervalMs,
                                                      Profile::kMaxPollIntervalMs));
    settings.setValue(u"recvWindowMs"_s,
                      std::clamp(profile.recvWindowMs, Profile::kMinRecvWindowMs, Profile::kMaxRecvWindowMs));
    settings.setValue(u"proxy/mode"_s, enumName(kProxyModes, profile.proxyMode));
    settings.setValue(u"proxy/host"_s, profile.proxyHost);
    settings.setValue(u"proxy/port"_s, static_cast<int>(profile.proxyPort));
    settings.setValue(u"proxy/user"_s, profile.proxyUser);
}

QString windowStateKey(const QString& key)
{
    return u"windowState/"_s + key;
}

} // namespace

SettingsStore::SettingsStore(QSettings& settings)
    : m_settings(settings)
{}

QList<Profile> SettingsStore::profiles() const
{
    QList<Profile> result;
    QSet<QString> seenIds;
    const int count = m_settings.beginReadArray(profilesKey());
    result.reserve(count);
    for (int i = 0; i < count; ++i) {
        m_settings.setArrayIndex(i);
        Profile profile = readProfile(m_settings);
        // Two profiles sharing an id would share (and overwrite) one keychain entry.
        if (profile.id.isEmpty() || seenIds.contains(profile.id))
            profile.id = Profile::newId();
        seenIds.insert(profile.id);
        result.append(std::move(profile));
    }
    m_settings.endArray();
    return result;
}

void SettingsStore::saveProfiles(const QList<Profile>& profiles)
{
    // Without the remove, a shorter list would leave the old tail entries behind in the file.
    m_settings.remove(profilesKey());
    m_settings.beginWriteArray(profilesKey(), static_cast<int>(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        m_settings.setArrayIndex(i);
        writeProfile(m_settings, profiles.at(i));
    }
    m_settings.endArray();
}

QString SettingsStore::currentProfileId() const
{
    const QString id = m_settings.value(u"currentProfileId"_s).toString();
    if (id.isEmpty())
        return {};
    const QList<Profile> all = profiles();
    const bool known = std::any_of(all.cbegin(), all.cend(), [&id](const Profile& p) { return p.id == id; });
    return known ? id : QString();
}

void SettingsStore::setCurrentProfileId(const QString& id)
{
    m_settings.setValue(u"currentProfileId"_s, id);
}

Preferences SettingsStore::preferences() const
{
    const Preferences defaults;
    Preferences preferences;
    m_settings.beginGroup(u"preferences"_s);
    preferences.theme = readEnum(m_settings, u"theme"_s, kThemes, defaults.theme);
    preferences.warnMarginRatioPercent =
        readPercent(m_settings, u"warnMarginRatioPercent"_s, defaults.warnMarginRatioPercent);
    preferences.dangerMarginRatioPercent =
        readPercent(m_settings, u"dangerMarginRatioPercent"_s, defaults.dangerMarginRatioPercent);
    preferences.staleAlertSeconds =
        readInt(m_settings, u"staleAlertSeconds"_s, defaults.staleAlertSeconds,
                Preferences::kMinStaleAlertSeconds, Preferences::kMaxStaleAlertSeconds);
    preferences.alertSound = readBool(m_settings, u"alertSound"_s, defaults.alertSound);
    preferences.hideZeroAssets = readBool(m_settings, u"hideZeroAssets"_s, defaults.hideZeroAssets);
    preferences.hideClosedPositions =
        readBool(m_settings, u"hideClosedPositions"_s, defaults.hideClosedPositions);
    preferences.minimizeToTray = readBool(m_settings, u"minimizeToTray"_s, defaults.minimizeToTray);
    m_settings.endGroup();
    // Each threshold may be fine alone but the pair inverted; then neither can be trusted.
    if (preferences.warnMarginRatioPercent >= preferences.dangerMarginRatioPercent) {
        preferences.warnMarginRatioPercent = defaults.warnMarginRatioPercent;
        preferences.dangerMarginRatioPercent = defaults.dangerMarginRatioPercent;
    }
    return preferences;
}

void SettingsStore::savePreferences(const Preferences& preferences)
{
    m_settings.beginGroup(u"preferences"_s);
    m_settings.setValue(u"theme"_s, enumName(kThemes, preferences.theme));
    m_settings.setValue(u"warnMarginRatioPercent"_s, preferences.warnMarginRatioPercent);
    m_settings.setValue(u"dangerMarginRatioPercent"_s, preferences.dangerMarginRatioPercent);
    m_settings.setValue(u"staleAlertSeconds"_s, preferences.staleAlertSeconds);
    m_settings.setValue(u"alertSound"_s, preferences.alertSound);
    m_settings.setValue(u"hideZeroAssets"_s, preferences.hideZeroAssets);
    m_settings.setValue(u"hideClosedPositions"_s, preferences.hideClosedPositions);
    m_settings.setValue(u"minimizeToTray"_s, preferences.minimizeToTray);
    m_settings.endGroup();
}

QByteArray SettingsStore::windowState(const QString& key) const
{
    if (key.isEmpty())
        return {};
    const QVariant value = m_settings.value(windowStateKey(key));
    return value.typeId() == QMetaType::QByteArray ? value.toByteArray() : QByteArray();
}

void SettingsStore::setWindowState(const QString& key, const QByteArray& state)
{
    if (key.isEmpty())
        return;
    m_settings.setValue(windowStateKey(key), state);
}

bool SettingsStore::sync()
{
    m_settings.sync();
    return m_settings.status() == QSettings::NoError;
}

} // namespace marginwatch
