#include "settings/SettingKeys.h"

#include "settings/Preferences.h"
#include "settings/Profile.h"
#include "settings/UiLanguage.h"

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

using Type = SettingSpec::Type;

constexpr SettingChoice kThemes[] = {
    {int(Preferences::Theme::System), "system"_L1},
    {int(Preferences::Theme::Light), "light"_L1},
    {int(Preferences::Theme::Dark), "dark"_L1},
};

constexpr SettingChoice kLanguages[] = {
    {int(UiLanguage::System), "system"_L1},
    {int(UiLanguage::English), "en"_L1},
    {int(UiLanguage::German), "de"_L1},
};

constexpr SettingChoice kServerKinds[] = {
    {int(ServerKind::Production), "production"_L1},
    {int(ServerKind::DemoTrading), "demo-trading"_L1},
    {int(ServerKind::Custom), "custom"_L1},
    {int(ServerKind::Simulator), "simulator"_L1},
    // Until profiles could use Binance's Demo Trading, "demo" named the built-in simulator.
    {int(ServerKind::Simulator), "demo"_L1},
};

constexpr SettingChoice kKeyTypes[] = {
    {int(KeyType::Hmac), "hmac"_L1},
    {int(KeyType::Rsa), "rsa"_L1},
    {int(KeyType::Ed25519), "ed25519"_L1},
};

constexpr SettingChoice kProxyModes[] = {
    {int(ProxySettings::Mode::System), "system"_L1},
    {int(ProxySettings::Mode::None), "none"_L1},
    {int(ProxySettings::Mode::Http), "http"_L1},
    {int(ProxySettings::Mode::Socks5), "socks5"_L1},
};

SettingSpec boolean(QLatin1StringView name, bool fallback)
{
    return {.name = name, .type = Type::Bool, .defaultValue = fallback};
}

SettingSpec integer(QLatin1StringView name, int fallback, qlonglong min, qlonglong max, bool clamp = true)
{
    return {.name = name,
            .type = Type::Int,
            .defaultValue = fallback,
            .min = min,
            .max = max,
            .clampToRange = clamp};
}

SettingSpec percent(QLatin1StringView name, double fallback)
{
    return {.name = name, .type = Type::Percent, .defaultValue = fallback};
}

SettingSpec choice(QLatin1StringView name, int fallback, std::span<const SettingChoice> choices)
{
    return {.name = name, .type = Type::Choice, .defaultValue = fallback, .choices = choices};
}

// Stored as "environment" before "environment" was kept for environment variables.
SettingSpec server(int fallback)
{
    return {.name = "server"_L1,
            .type = Type::Choice,
            .defaultValue = fallback,
            .choices = kServerKinds,
            .legacyName = "environment"_L1};
}

SettingSpec text(QLatin1StringView name)
{
    return {.name = name, .type = Type::String, .defaultValue = QString()};
}

SettingSpec bytes(QLatin1StringView name)
{
    return {.name = name, .type = Type::Bytes, .defaultValue = QByteArray()};
}

template <typename Key, std::size_t N>
const SettingSpec& lookUp(const std::array<std::pair<Key, SettingSpec>, N>& table, Key key)
{
    const auto& entry = table.at(static_cast<std::size_t>(key));
    Q_ASSERT(entry.first == key); // the table is kept in enum order
    return entry.second;
}

} // namespace

const SettingSpec& specOf(SettingKey key)
{
    using K = SettingKey;
    const Preferences defaults;
    static const std::array<std::pair<K, SettingSpec>, std::size_t(K::Count)> table{{
        {K::CurrentProfileId, text("currentProfileId"_L1)},
        {K::Theme, choice("preferences/theme"_L1, int(defaults.theme), kThemes)},
        {K::Language, choice("preferences/language"_L1, int(UiLanguage::System), kLanguages)},
        {K::WarnMarginRatioPercent,
         percent("preferences/warnMarginRatioPercent"_L1, defaults.warnMarginRatioPercent)},
        {K::DangerMarginRatioPercent,
         percent("preferences/dangerMarginRatioPercent"_L1, defaults.dangerMarginRatioPercent)},
        {K::StaleAlertSeconds,
         integer("preferences/staleAlertSeconds"_L1, defaults.staleAlertSeconds,
                 Preferences::kMinStaleAlertSeconds, Preferences::kMaxStaleAlertSeconds)},
        {K::AlertSound, boolean("preferences/alertSound"_L1, defaults.alertSound)},
        {K::HideZeroAssets, boolean("preferences/hideZeroAssets"_L1, defaults.hideZeroAssets)},
        {K::HideClosedPositions, boolean("preferences/hideClosedPositions"_L1, defaults.hideClosedPositions)},
        {K::CloseToTray, boolean("preferences/closeToTray"_L1, defaults.closeToTray)},
        {K::CloseToTrayNoticeShown, boolean("notices/closeToTray"_L1, false)},
        {K::MainGeometry, bytes("windowState/main/geometry"_L1)},
        {K::MainWindowState, bytes("windowState/main/state"_L1)},
        {K::MainSplitter, bytes("windowState/main/splitter"_L1)},
        {K::PositionsHeader, bytes("windowState/main/positionsHeader"_L1)},
        {K::AssetsHeader, bytes("windowState/main/assetsHeader"_L1)},
        {K::MainTab, integer("windowState/main/tab"_L1, 0, 0, 15)},
        {K::OpenAccountIds, text("accounts/open"_L1)},
    }};
    return lookUp(table, key);
}

const SettingSpec& specOf(ProfileField field)
{
    using F = ProfileField;
    const Profile defaults;
    static const std::array<std::pair<F, SettingSpec>, std::size_t(F::Count)> table{{
        {F::Id, text("id"_L1)},
        {F::Name, text("name"_L1)},
        {F::Server, server(int(defaults.server))},
        {F::CustomUrl, text("customUrl"_L1)},
        {F::KeyType, choice("keyType"_L1, int(defaults.keyType), kKeyTypes)},
        {F::ApiKey, text("apiKey"_L1)},
        {F::PrivateKeyFile, text("privateKeyFile"_L1)},
        {F::PollIntervalMs, integer("pollIntervalMs"_L1, defaults.pollIntervalMs, Profile::kMinPollIntervalMs,
                                    Profile::kMaxPollIntervalMs)},
        {F::RecvWindowMs, integer("recvWindowMs"_L1, defaults.recvWindowMs, Profile::kMinRecvWindowMs,
                                  Profile::kMaxRecvWindowMs)},
        {F::ProxyMode, choice("proxy/mode"_L1, int(defaults.proxyMode), kProxyModes)},
        {F::ProxyHost, text("proxy/host"_L1)},
        // An out-of-range port is not repaired: the nearest valid one would be a guess.
        {F::ProxyPort, integer("proxy/port"_L1, 0, 0, 65535, false)},
        {F::ProxyUser, text("proxy/user"_L1)},
        {F::Live, boolean("live"_L1, defaults.live)},
        {F::StreamUrl, text("streamUrl"_L1)},
    }};
    return lookUp(table, field);
}

} // namespace marginwatch
