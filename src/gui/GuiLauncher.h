#pragma once
// What the thin main calls to run the desktop app.

#include <QUrl>

namespace marginwatch {

struct GuiLaunchOptions
{
    bool demo = false;      // --demo: force the built-in simulator even if a profile is saved
    QUrl baseUrl;           // --base-url: overrides the profile's endpoint when valid
    bool minimized = false; // --minimized: start in the tray (minimized when there is none)
};

// Requires a QApplication to exist. Opens the main window (saved profile, else the simulator) and runs
// the event loop; returns the exit code.
int runGui(const GuiLaunchOptions& options);

} // namespace marginwatch
