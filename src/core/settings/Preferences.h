#pragma once

#include <QStringList>

namespace marginwatch {

// App-wide preferences, shared by all profiles.
struct Preferences
{
    enum class Theme
    {
        System,
        Light,
        Dark
    };

    static constexpr int kMinStaleAlertSeconds = 1;
    static constexpr int kMaxStaleAlertSeconds = 86400;

    Theme theme = Theme::System;
    double warnMarginRatioPercent = 50;
    double dangerMarginRatioPercent = 80;
    int staleAlertSeconds = 60;
    bool alertSound = false;
    bool hideZeroAssets = true;
    bool hideClosedPositions = true;
    // With a system tray, closing the window hides it there and monitoring goes on.
    bool closeToTray = true;

    // Plain-language problems, empty when the preferences can be used.
    QStringList validate() const;

    bool operator==(const Preferences&) const = default;
};

} // namespace marginwatch
