// The marginwatch executable: decide from argv whether widgets are needed, create the matching
// application object, hand over to the headless runner or the GUI.

#include "api/ProcessHardening.h"
#include "cli/CommandLine.h"
#include "cli/EnvironmentCredentials.h"
#include "cli/HeadlessRunner.h"
#include "cli/MultiAccountRunner.h"
#include "gui/GuiLauncher.h"
#include "sim/SimulatorServer.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

QStringList argumentsOf(int argc, char** argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

void setIdentity()
{
    QCoreApplication::setApplicationName(u"marginwatch"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(MARGINWATCH_VERSION));
}

void printLine(std::FILE* stream, const QString& line)
{
    std::fputs(line.toLocal8Bit().constData(), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

int usageError(const QString& error)
{
    printLine(stderr, u"usage error: %1; see '%2 --help'"_s.arg(error, u"marginwatch"_s));
    return marginwatch::ExitUsage;
}

// --once / --headless: against the built-in simulator (--demo) or a real endpoint.
int runHeadlessMode(const marginwatch::CommandLineOptions& options)
{
    if (!options.accountsFile.isEmpty())
        return marginwatch::runMultiAccount(options);
    std::optional<marginwatch::SimulatorServer> simulator;
    marginwatch::ClientConfig config;
    if (options.demo) {
        simulator.emplace();
        if (!simulator->listen()) {
            printLine(stderr, u"error: cannot start the built-in simulator: "_s + simulator->errorString());
            return marginwatch::ExitLocalFailure;
        }
        const marginwatch::DemoCredentials demo = simulator->generateDemoCredentials();
        config.baseUrl = simulator->baseUrl();
        config.credentials.apiKey = demo.apiKey;
        config.credentials.keyType = marginwatch::KeyType::Hmac;
        config.credentials.secret = marginwatch::SecretBytes(demo.secret);
    } else {
        marginwatch::Expected<marginwatch::Credentials> credentials =
            marginwatch::takeCredentialsFromProcessEnvironment();
        if (!credentials) {
            printLine(stderr, u"error: "_s + credentials.error());
            return marginwatch::ExitCredentials;
        }
        config = marginwatch::headlessClientConfig(options, std::move(*credentials));
    }
    return marginwatch::runHeadless(options, std::move(config));
}

int runWithoutWidgets(int argc, char** argv,
                      const marginwatch::Expected<marginwatch::CommandLineOptions>& parsed)
{
    QCoreApplication app(argc, argv);
    setIdentity();
    if (!parsed)
        return usageError(parsed.error());
    switch (parsed->mode) {
    case marginwatch::RunMode::Help:
        std::fputs(marginwatch::commandLineHelpText(u"marginwatch"_s).toLocal8Bit().constData(), stdout);
        return marginwatch::ExitSuccess;
    case marginwatch::RunMode::Version:
        printLine(stdout, u"marginwatch "_s + QCoreApplication::applicationVersion());
        return marginwatch::ExitSuccess;
    case marginwatch::RunMode::Once:
    case marginwatch::RunMode::Headless:
        return runHeadlessMode(*parsed);
    case marginwatch::RunMode::Gui:
        break;
    }
    return usageError(u"nothing to do without a window"_s);
}

} // namespace

int main(int argc, char** argv)
{
    // Before any secret can be loaded (environment, keychain, key file), in every mode.
    marginwatch::excludeFromCoreDumps();
    const QStringList arguments = argumentsOf(argc, argv);
    if (marginwatch::wantsCoreApplication(arguments))
        return runWithoutWidgets(argc, argv, marginwatch::parseCommandLine(arguments));

    QApplication app(argc, argv); // removes Qt's own options (-platform, -style, ...) from argv
    setIdentity();
    const marginwatch::Expected<marginwatch::CommandLineOptions> parsed =
        marginwatch::parseCommandLine(QCoreApplication::arguments());
    if (!parsed)
        return usageError(parsed.error());
    marginwatch::GuiLaunchOptions launch;
    launch.demo = parsed->demo;
    launch.baseUrl = parsed->baseUrl;
    launch.minimized = parsed->minimized;
    return marginwatch::runGui(launch);
}
