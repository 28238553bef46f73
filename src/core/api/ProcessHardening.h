#pragma once

namespace marginwatch {

// Keeps secrets out of core dumps and away from other processes of the same user: no core file
// (RLIMIT_CORE 0) and not dumpable (PR_SET_DUMPABLE 0, which also refuses ptrace attach and
// /proc/<pid>/mem to unprivileged processes), as KeePassXC does. Called before any secret is read;
// it lasts for the life of the process. False if the system refused (the caller carries on).
bool excludeFromCoreDumps();

} // namespace marginwatch
