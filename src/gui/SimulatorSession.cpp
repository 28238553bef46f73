#include "gui/SimulatorSession.h"

#include <QRandomGenerator>

namespace marginwatch {

SimulatorSession::SimulatorSession(SimOptions options)
    : m_simulator(std::make_unique<SimulatorServer>(options))
{}

SimOptions SimulatorSession::defaultOptions()
{
    SimOptions options;
    options.scenario = SimScenario::Multi;
    options.positions = 6;
    options.tickIntervalMs = 1000;
    options.seed = QRandomGenerator::global()->generate();
    return options;
}

bool SimulatorSession::start(QString* error)
{
    if (!m_simulator->listen(0)) {
        if (error)
            *error = m_simulator->errorString();
        return false;
    }
    m_credentials = m_simulator->generateDemoCredentials();
    return true;
}

ClientConfig SimulatorSession::clientConfig() const
{
    ClientConfig config;
    config.baseUrl = m_simulator->baseUrl();
    config.credentials.apiKey = m_credentials.apiKey;
    config.credentials.keyType = KeyType::Hmac;
    config.credentials.secret = SecretBytes(m_credentials.secret);
    config.pollInterval = std::chrono::seconds(2);
    return config;
}

} // namespace marginwatch
