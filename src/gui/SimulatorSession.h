#pragma once

#include "api/ClientConfig.h"
#include "sim/SimulatorServer.h"

#include <memory>

namespace marginwatch {

// The built-in simulator: the exchange in-process on a free loopback port, with credentials generated
// for this run only. The app then talks to it through the real signed client, so the simulator exercises
// exactly the production code path.
class SimulatorSession
{
public:
    explicit SimulatorSession(SimOptions options = defaultOptions());

    bool start(QString* error);
    ClientConfig clientConfig() const; // base URL and fresh HMAC credentials of this run
    SimulatorServer& simulator() { return *m_simulator; }

    static SimOptions defaultOptions();

private:
    std::unique_ptr<SimulatorServer> m_simulator;
    DemoCredentials m_credentials;
};

} // namespace marginwatch
