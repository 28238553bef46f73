// marginwatch-sim: the exchange simulator on the loopback interface, for demos, scripts and tests.
#include "sim/SimulatorServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSaveFile>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace marginwatch;

namespace {

int g_signalPipe[2] = {-1, -1};

void onTerminationSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}

// SIGINT/SIGTERM end the event loop from the loop itself (self-pipe), so the server closes cleanly.
void quitOnTerminationSignals(QCoreApplication& app)
{
    if (::pipe(g_signalPipe) != 0)
        return;
    auto* notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    std::signal(SIGINT, onTerminationSignal);
    std::signal(SIGTERM, onTerminationSignal);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"marginwatch-sim"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(MARGINWATCH_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"A simulator of the Binance USD-M Futures REST endpoints marginwatch uses, on 127.0.0.1 only.\n"
        "It authenticates exactly as the exchange does. Its keys protect nothing real, which is why it\n"
        "accepts --api-secret on the command line (MARGINWATCH_SIM_API_SECRET works too); never pass a\n"
        "real exchange secret to any program's command line."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portOption(u"port"_s, u"TCP port on 127.0.0.1 (0 = any free port)."_s, u"P"_s,
                                        u"0"_s);
    const QCommandLineOption portFileOption(u"port-file"_s, u"Write the chosen port to this file."_s, u"F"_s);
    const QCommandLineOption keyOption(u"api-key"_s, u"Accept this API key (HMAC)."_s, u"K"_s);
    const QCommandLineOption secretOption(u"api-secret"_s, u"The HMAC secret of --api-key."_s, u"S"_s);
    const QCommandLineOption scenarioOption(u"scenario"_s, u"single, multi or hedge (default single)."_s,
                                            u"NAME"_s, u"single"_s);
    const QCommandLineOption positionsOption(u"positions"_s, u"Number of open positions (default 3)."_s,
                                             u"N"_s, u"3"_s);
    const QCommandLineOption faultsOption(
        u"faults"_s,
        u"Fault plan, e.g. 429@3,slow@5,badjson: a kind on the N-th signed request or on every one. Kinds: "
        "429[:retry-after], 418[:seconds], 500, 502, 503, slow[:ms], truncated, badjson, missingfield, empty, "
        "skew=<ms>."_s,
        u"LIST"_s);
    const QCommandLineOption seedOption(u"seed"_s, u"Random seed of the price walk."_s, u"N"_s, u"1"_s);
    parser.addOptions({portOption, portFileOption, keyOption, secretOption, scenarioOption, positionsOption,
                       faultsOption, seedOption});
    parser.process(app);

    QTextStream err(stderr);
    auto usage = [&err](const QString& message) {
        err << "marginwatch-sim: " << message << "\n";
        return 2;
    };

    SimOptions options;
    const QString scenario = parser.value(scenarioOption);
    if (scenario == u"single"_s)
        options.scenario = SimScenario::Single;
    else if (scenario == u"multi"_s)
        options.scenario = SimScenario::Multi;
    else if (scenario == u"hedge"_s)
        options.scenario = SimScenario::Hedge;
    else
        return usage(u"--scenario must be single, multi or hedge"_s);
    bool ok = false;
    options.positions = parser.value(positionsOption).toInt(&ok);
    if (!ok || options.positions < 0 || options.positions > 5000)
        return usage(u"--positions must be a number from 0 to 5000"_s);
    options.seed = parser.value(seedOption).toUInt(&ok);
    if (!ok)
        return usage(u"--seed must be a non-negative number"_s);
    const quint16 port = parser.value(portOption).toUShort(&ok);
    if (!ok)
        return usage(u"--port must be a number from 0 to 65535"_s);
    options.faults = parser.value(faultsOption);

    SimulatorServer server(options);
    if (!server.errorString().isEmpty())
        return usage(server.errorString());

    QString apiKey = parser.value(keyOption);
    QByteArray secret = parser.value(secretOption).toUtf8();
    if (secret.isEmpty())
        secret = qgetenv("MARGINWATCH_SIM_API_SECRET");
    if (apiKey.isEmpty() != secret.isEmpty())
        return usage(u"give --api-key together with --api-secret (or MARGINWATCH_SIM_API_SECRET)"_s);

    if (!server.listen(port)) {
        err << "marginwatch-sim: " << server.errorString() << "\n";
        return 4;
    }
    QTextStream out(stdout);
    if (apiKey.isEmpty()) {
        // A throwaway key for a fake exchange: printing it is how a user gets to use it.
        const DemoCredentials demo = server.generateDemoCredentials();
        out << "simulator credentials (valid for this run only):\n"
            << "  export BINANCE_API_KEY=" << demo.apiKey << "\n"
            << "  export BINANCE_API_SECRET=" << QString::fromLatin1(demo.secret) << "\n";
    } else {
        server.addHmacKey(apiKey, secret);
    }
    if (parser.isSet(portFileOption)) {
        QSaveFile file(parser.value(portFileOption));
        if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::number(server.port()) + '\n') < 0
            || !file.commit()) {
            err << "marginwatch-sim: cannot write " << parser.value(portFileOption) << "\n";
            return 4;
        }
    }
    out << "listening on " << server.baseUrl().toString() << "\n";
    out.flush();

    quitOnTerminationSignals(app);
    return app.exec();
}
