#pragma once

#include "alerts/AccountZone.h"

#include <QColor>
#include <QIcon>
#include <QPixmap>

namespace marginwatch {

// The tray icon of each zone: the app icon with a coloured dot in its lower right corner, painted at
// run time so the five variants cannot drift apart from the app icon or from each other.
class TrayIcons
{
public:
    static QIcon icon(AccountZone zone);
    static QPixmap pixmap(AccountZone zone, int size);
    static QColor badgeColour(AccountZone zone);
};

} // namespace marginwatch
