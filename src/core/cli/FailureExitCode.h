#pragma once

#include "api/ApiFailure.h"

namespace marginwatch {

// The exit status of a headless run that ended in `failure` (see ExitStatus in cli/CommandLine.h):
// 3 for credentials/authentication, 5 for an invalid response, 4 for everything else that went
// wrong between here and the server (network, timeout, 5xx, 403 WAF, 429, 418 ban, other codes).
int exitCodeFor(const ApiFailure& failure);

} // namespace marginwatch
