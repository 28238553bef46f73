#include "settings/SettingsStore.h"

#include <QSet>
#include <QSettings>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

QString profilesKey()
{
    return u"profiles"_s;
}

QVariant field(const QSettings& settings, ProfileField field)
{
    return specOf(field).read(settings);
}

Profile readProfile(const QSettings& settings)
{
    using F = ProfileField;
    Profile profile;
    profile.id = field(settings, F::Id).toString().trimmed();
    profile.name = field(settings, F::Name).toString();
    profile.server = ServerKind(field(settings, F::Server).toInt());
    profile.customUrl = QUrl(field(settings, F::CustomUrl).toString());
    profile.keyType = KeyType(field(settings, F::KeyType).toInt());
    profile.apiKey = field(settings, F::ApiKey).toString();
    profile.privateKeyFile = field(settings, F::PrivateKeyFile).toString();
    profile.pollIntervalMs = field(settings, F::PollIntervalMs).toInt();
    profile.recvWindowMs = field(settings, F::RecvWindowMs).toInt();
    profile.proxyMode = ProxySettings::Mode(field(settings, F::ProxyMode).toInt());
    profile.proxyHost = field(settings, F::ProxyHost).toString();
    profile.proxyPort = static_cast<quint16>(field(settings, F::ProxyPort).toInt());
    profile.proxyUser = field(settings, F::ProxyUser).toString();
    profile.live = field(settings, F::Live).toBool();
    profile.streamUrl = field(settings, F::StreamUrl).toString();
    return profile;
}

void writeProfile(QSettings& settings, const Profile& profile)
{
    using F = ProfileField;
    const std::pair<F, QVariant> values[] = {
        {F::Id, profile.id},
        {F::Name, profile.name},
        {F::Server, int(profile.server)},
        {F::CustomUrl, profile.customUrl.toString()},
        {F::KeyType, int(profile.keyType)},
        {F::ApiKey, profile.apiKey},
        {F::PrivateKeyFile, profile.privateKeyFile},
        {F::PollIntervalMs, profile.pollIntervalMs},
        {F::RecvWindowMs, profile.recvWindowMs},
        {F::ProxyMode, int(profile.proxyMode)},
        {F::ProxyHost, profile.proxyHost},
        {F::ProxyPort, int(profile.proxyPort)},
        {F::ProxyUser, profile.proxyUser},
        {F::Live, profile.live},
        {F::StreamUrl, profile.streamUrl},
    };
    static_assert(std::size(values) == std::size_t(F::Count), "every profile field is written");
    for (const auto& [key, value] : values)
        specOf(key).write(settings, value);
}

} // namespace

SettingsStore::SettingsStore(QSettings& settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
{}

QVariant SettingsStore::value(SettingKey key) const
{
    return specOf(key).read(m_settings);
}

void SettingsStore::setValue(SettingKey key, const QVariant& value)
{
    const SettingSpec& spec = specOf(key);
    const QVariant before = spec.read(m_settings);
    spec.write(m_settings, value);
    if (spec.read(m_settings) != before)
        Q_EMIT changed(key);
}

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
    const QString id = value(SettingKey::CurrentProfileId).toString();
    if (id.isEmpty())
        return {};
    const QList<Profile> all = profiles();
    const bool known = std::any_of(all.cbegin(), all.cend(), [&id](const Profile& p) { return p.id == id; });
    return known ? id : QString();
}

void SettingsStore::setCurrentProfileId(const QString& id)
{
    setValue(SettingKey::CurrentProfileId, id);
}

Preferences SettingsStore::preferences() const
{
    using K = SettingKey;
    Preferences preferences;
    preferences.theme = Preferences::Theme(value(K::Theme).toInt());
    preferences.warnMarginRatioPercent = value(K::WarnMarginRatioPercent).toDouble();
    preferences.dangerMarginRatioPercent = value(K::DangerMarginRatioPercent).toDouble();
    preferences.staleAlertSeconds = value(K::StaleAlertSeconds).toInt();
    preferences.alertSound = value(K::AlertSound).toBool();
    preferences.hideZeroAssets = value(K::HideZeroAssets).toBool();
    preferences.hideClosedPositions = value(K::HideClosedPositions).toBool();
    preferences.closeToTray = value(K::CloseToTray).toBool();
    // Each threshold may be fine alone but the pair inverted; then neither can be trusted.
    if (preferences.warnMarginRatioPercent >= preferences.dangerMarginRatioPercent) {
        const Preferences defaults;
        preferences.warnMarginRatioPercent = defaults.warnMarginRatioPercent;
        preferences.dangerMarginRatioPercent = defaults.dangerMarginRatioPercent;
    }
    return preferences;
}

void SettingsStore::setPreferences(const Preferences& preferences)
{
    using K = SettingKey;
    setValue(K::Theme, int(preferences.theme));
    setValue(K::WarnMarginRatioPercent, preferences.warnMarginRatioPercent);
    setValue(K::DangerMarginRatioPercent, preferences.dangerMarginRatioPercent);
    setValue(K::StaleAlertSeconds, preferences.staleAlertSeconds);
    setValue(K::AlertSound, preferences.alertSound);
    setValue(K::HideZeroAssets, preferences.hideZeroAssets);
    setValue(K::HideClosedPositions, preferences.hideClosedPositions);
    setValue(K::CloseToTray, preferences.closeToTray);
}

bool SettingsStore::sync()
{
    m_settings.sync();
    return m_settings.status() == QSettings::NoError;
}

} // namespace marginwatch
