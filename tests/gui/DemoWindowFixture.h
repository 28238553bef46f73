#pragma once
// A main window watching an in-process simulator whose prices move only when the test ticks it.

#include "gui/AccountWindow.h"
#include "gui/DemoSession.h"

#include <memory>

namespace marginwatch::test {

struct DemoWindowFixture
{
    DemoSession* demo = nullptr; // owned by the window
    std::unique_ptr<AccountWindow> window;
};

inline DemoWindowFixture openDemoWindow(SimScenario scenario, int positions = 4)
{
    SimOptions options;
    options.scenario = scenario;
    options.positions = positions;
    options.tickIntervalMs = 0;
    auto demo = std::make_unique<DemoSession>(options);
    QString error;
    if (!demo->start(&error))
        qFatal("simulator: %s", qPrintable(error));
    ClientConfig config = demo->clientConfig();
    config.pollInterval = std::chrono::seconds(1);
    ClientTuning tuning;
    tuning.backoffBase = std::chrono::milliseconds(100);
    tuning.backoffCap = std::chrono::milliseconds(400);
    DemoWindowFixture f;
    f.demo = demo.get();
    EnvironmentInfo environment;
    environment.kind = EnvironmentInfo::Kind::Demo;
    f.window = std::make_unique<AccountWindow>(std::make_unique<AccountPoller>(config, tuning), environment,
                                               std::move(demo));
    f.window->show();
    f.window->start();
    return f;
}

} // namespace marginwatch::test
