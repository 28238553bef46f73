#pragma once

#include "settings/SettingSpec.h"

namespace marginwatch {

// Every app-wide value of the settings file. Names, defaults and ranges are in the table of
// SettingKeys.cpp, the only place they are spelled; SettingsStore reads and writes through it.
enum class SettingKey
{
    CurrentProfileId,
    Theme,
    Language,
    WarnMarginRatioPercent,
    DangerMarginRatioPercent,
    StaleAlertSeconds,
    AlertSound,
    HideZeroAssets,
    HideClosedPositions,
    CloseToTray,
    CloseToTrayNoticeShown,
    MainGeometry,
    MainWindowState,
    MainSplitter,
    PositionsHeader,
    AssetsHeader,
    MainTab,
    OpenAccountIds, // the accounts open in the overview (profile ids, comma-separated), restored at start
    Count
};

// The fields of one profile in the settings file's profile list, likewise named only in the table.
enum class ProfileField
{
    Id,
    Name,
    Server,
    CustomUrl,
    KeyType,
    ApiKey,
    PrivateKeyFile,
    PollIntervalMs,
    RecvWindowMs,
    ProxyMode,
    ProxyHost,
    ProxyPort,
    ProxyUser,
    Live,
    StreamUrl,
    Count
};

const SettingSpec& specOf(SettingKey key);
const SettingSpec& specOf(ProfileField field);

} // namespace marginwatch
