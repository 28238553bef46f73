#include "cli/FailureExitCode.h"

#include "cli/CommandLine.h"

namespace marginwatch {

int exitCodeFor(const ApiFailure& failure)
{
    // The codes the contract names, spelled out so the table does not depend on how the client
    // classifies them; isAuthentication() adds whatever else the client stops polling for.
    const bool authentication = failure.binanceCode == -2014 || failure.binanceCode == -2015
                                || failure.binanceCode == -1022 || failure.httpStatus == 401
                                || failure.isAuthentication();
    if (authentication)
        return ExitCredentials;
    // Settings that cannot work (recvWindow, a plain-http remote URL): nothing was sent; the
    // invocation has to change, like any other usage error.
    if (failure.kind == ApiFailure::Kind::Configuration)
        return ExitUsage;
    if (failure.kind == ApiFailure::Kind::BadResponse)
        return ExitBadResponse;
    return ExitNetwork;
}

} // namespace marginwatch
