#pragma once
// Main windows for GUI tests: one watching the built-in simulator (prices move only when the test
// ticks it), one watching a saved profile that points at a simulator the test owns.

#include "gui/AccountWindow.h"
#include "gui/SessionFactory.h"
#include "settings/MemorySecretStore.h"
#include "settings/SettingsStore.h"
#include "sim/SimulatorServer.h"

#include <QSettings>
#include <QTemporaryDir>

#include <memory>

namespace marginwatch::test {

inline ClientTuning quickTuning()
{
    ClientTuning tuning;
    tuning.backoffBase = std::chrono::milliseconds(100);
    tuning.backoffCap = std::chrono::milliseconds(400);
    return tuning;
}

struct SimulatorWindowFixture
{
    SimulatorSession* simulator = nullptr; // owned by the window's session
    std::unique_ptr<AccountWindow> window;
};

// live false: the window polls (what most window tests are about); true: the streams, as Demo runs.
inline SimulatorWindowFixture openSimulatorWindow(SimScenario scenario, int positions = 4, bool live = false)
{
    SimOptions options;
    options.scenario = scenario;
    options.positions = positions;
    options.tickIntervalMs = 0;
    Expected<std::unique_ptr<Session>> session =
        SessionFactory::simulator({}, options, quickTuning(), std::chrono::seconds(1), live);
    if (!session)
        qFatal("simulator: %s", qPrintable(session.error()));
    SimulatorWindowFixture f;
    f.simulator = (*session)->simulator.get();
    f.window = std::make_unique<AccountWindow>();
    f.window->setSession(std::move(*session));
    f.window->show();
    f.window->start();
    return f;
}

// A saved Custom-URL profile against a simulator on loopback, its secret in session memory, settings
// in a temporary INI file. The window is not started: tests call openProfile() when they are ready.
struct ProfileWindowFixture
{
    static constexpr auto kApiKey = "ProfileTestKey";
    static constexpr auto kSecret = "profile-test-secret";

    std::unique_ptr<SimulatorServer> simulator;
    QTemporaryDir dir;
    std::unique_ptr<QSettings> qsettings;
    std::unique_ptr<SettingsStore> settings;
    std::unique_ptr<MemorySecretStore> secrets;
    Profile profile;
    std::unique_ptr<AccountWindow> window;

    // registerKey false: the exchange does not know the key (-2015) until the test adds it.
    explicit ProfileWindowFixture(const QByteArray& storedSecret = kSecret, bool registerKey = true)
    {
        SimOptions options;
        options.tickIntervalMs = 0;
        simulator = std::make_unique<SimulatorServer>(options);
        if (!simulator->listen())
            qFatal("simulator: %s", qPrintable(simulator->errorString()));
        if (registerKey)
            registerApiKey();
        qsettings = std::make_unique<QSettings>(dir.filePath(QStringLiteral("marginwatch.conf")),
                                                QSettings::IniFormat);
        settings = std::make_unique<SettingsStore>(*qsettings);
        secrets = std::make_unique<MemorySecretStore>();
        profile.id = Profile::newId();
        profile.name = QStringLiteral("Test account");
        profile.server = ServerKind::Custom;
        profile.customUrl = simulator->baseUrl();
        profile.apiKey = QString::fromLatin1(kApiKey);
        profile.pollIntervalMs = 1000;
        profile.live = false; // these tests are about polling and its failures
        settings->saveProfiles({profile});
        settings->setCurrentProfileId(profile.id);
        if (!storedSecret.isEmpty())
            secrets->write(profile.id, SecretBytes(storedSecret), {});
        window = std::make_unique<AccountWindow>();
        window->setStores(settings.get(), secrets.get());
        window->show();
    }

    ~ProfileWindowFixture() { window.reset(); } // the poller goes before the simulator it talks to

    void registerApiKey() { simulator->addHmacKey(QString::fromLatin1(kApiKey), QByteArray(kSecret)); }
};

} // namespace marginwatch::test
