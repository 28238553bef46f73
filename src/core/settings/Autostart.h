#pragma once

#include "util/Expected.h"

#include <QString>

namespace marginwatch {

// "Start at login": an XDG autostart entry (freedesktop.org Desktop Application Autostart
// Specification) in $XDG_CONFIG_HOME/autostart, which every XDG desktop runs at login. The file is
// the setting: a user who removes it in the desktop's own settings has switched it off here too.
class Autostart
{
public:
    // configHome: where the autostart directory lives; empty = $XDG_CONFIG_HOME, else ~/.config.
    explicit Autostart(QString configHome = {});

    QString entryPath() const;
    bool isEnabled() const; // our entry exists and is not hidden
    // Writes the entry starting `executable` minimized to the tray, or removes it.
    Expected<void> setEnabled(bool enabled, const QString& executable) const;

    // The entry's text; the program path quoted as the Exec key requires.
    static QByteArray entryText(const QString& executable);
    static QString quotedExecArgument(const QString& argument);

private:
    QString m_configHome;
};

} // namespace marginwatch
