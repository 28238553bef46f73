#pragma once

#include "settings/Preferences.h"

#include <QColor>
#include <QPalette>

namespace marginwatch {

// Light, dark or the platform's own look. Light and dark are the Fusion style with a palette read
// from resources/palettes/*.ini, so the colours live in data, not code. Qt 6.4 has no API to ask the
// platform for a colour scheme, so "system" keeps whatever style and palette the platform gave us.
class Theme
{
public:
    static void apply(Preferences::Theme theme);
    static Preferences::Theme current();
    static bool isDark(); // judged from the palette actually in use, so it is right for "system" too

    // Semantic colours that read well on the current palette.
    static QColor gainColor();
    static QColor lossColor();
    static QColor warningColor();

    static QPalette loadPalette(const QString& resourcePath); // exposed for tests
};

} // namespace marginwatch
