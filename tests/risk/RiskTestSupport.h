#pragma once
// Snapshots with leverage brackets, fetched by the real client from the real simulator.

#include "../api/ApiTestSupport.h"
#include "api/SnapshotFetcher.h"
#include "model/AccountSnapshot.h"

#include <QSignalSpy>
#include <QTest>

namespace risktest {

using namespace std::chrono_literals;

inline marginwatch::ClientTuning bracketTuning()
{
    marginwatch::ClientTuning tuning = apitest::fastTuning();
    tuning.leverageBracketRefreshPeriod = 3600s;
    return tuning;
}

// One snapshot (with brackets) of the simulator's account; invalid (and a test failure) on error.
inline marginwatch::AccountSnapshot fetchSnapshot(const marginwatch::ClientConfig& config)
{
    marginwatch::SnapshotFetcher fetcher(config, 1, bracketTuning());
    QSignalSpy finished(&fetcher, &marginwatch::SnapshotFetcher::finished);
    QSignalSpy failed(&fetcher, &marginwatch::SnapshotFetcher::failed);
    fetcher.start();
    if (!finished.wait(10000)) {
        const QString why = failed.isEmpty()
                                ? QStringLiteral("timeout")
                                : failed.first().first().value<marginwatch::ApiFailure>().summaryLine();
        qWarning("snapshot failed: %s", qPrintable(why));
        return {};
    }
    return finished.first().first().value<marginwatch::AccountSnapshot>();
}

inline apitest::SimSetup startSim(marginwatch::SimScenario scenario, int positions,
                                  int notionalCoefPercent = 100)
{
    marginwatch::SimOptions options;
    options.notionalCoefPercent = notionalCoefPercent;
    options.tickIntervalMs = 0;
    options.scenario = scenario;
    options.positions = positions;
    apitest::SimSetup setup;
    setup.sim = std::make_unique<marginwatch::SimulatorServer>(options);
    if (!setup.sim->listen(0))
        qFatal("simulator does not listen: %s", qPrintable(setup.sim->errorString()));
    setup.config.baseUrl = setup.sim->baseUrl();
    setup.config.transferTimeout = 3000ms;
    setup.config.credentials.keyType = marginwatch::KeyType::Hmac;
    const marginwatch::DemoCredentials demo = setup.sim->generateDemoCredentials();
    setup.config.credentials.apiKey = demo.apiKey;
    setup.config.credentials.secret = marginwatch::SecretBytes(demo.secret);
    return setup;
}

} // namespace risktest
