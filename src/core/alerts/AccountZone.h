#pragma once

#include "alerts/MarginAlertTracker.h"

namespace marginwatch {

// What the tray icon shows at a glance.
enum class AccountZone
{
    Normal,
    Warning,
    Danger,
    Stale, // the figures are out of date (missed polls, or paused)
    Error, // nothing is coming until the user acts (a refused key, a profile that cannot open)
};

// An error outranks everything, then staleness: a ratio that cannot be trusted must not look calm
// (or alarming) in green or red. Only fresh data shows its margin level.
AccountZone accountZone(MarginLevel level, bool stale, bool error);

// The more alarming of two zones, for one icon over several accounts: danger first (a red account must
// not hide behind another one's grey "stale"), then error, warning, stale, normal.
AccountZone worseZone(AccountZone a, AccountZone b);

} // namespace marginwatch
