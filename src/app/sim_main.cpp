// marginwatch-sim: the exchange simulator on the loopback interface, for demos, scripts and tests.
#include "sim/SimAccountsFile.h"
#include "sim/SimulatorServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>
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

std::optional<SimScenario> scenarioNamed(const QString& name)
{
    if (name == u"single"_s)
        return SimScenario::Single;
    if (name == u"multi"_s)
        return SimScenario::Multi;
    if (name == u"hedge"_s)
        return SimScenario::Hedge;
    if (name == u"pm"_s)
        return SimScenario::PortfolioMargin;
    return std::nullopt;
}

// A whole number within [low, high] from an option's text.
std::optional<qint64> number(const QString& text, qint64 low, qint64 high)
{
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < low || v > high)
        return std::nullopt;
    return v;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"marginwatch-sim"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(MARGINWATCH_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"A simulator of the Binance USD-M Futures endpoints and streams marginwatch uses, on 127.0.0.1 only.\n"
        "It authenticates exactly as the exchange does. Its keys protect nothing real, which is why it\n"
        "accepts --api-secret on the command line (MARGINWATCH_SIM_API_SECRET works too); never pass a\n"
        "real exchange secret to any program's command line. WebSocket streams share the HTTP port."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portOption(u"port"_s, u"TCP port on 127.0.0.1 (0 = any free port)."_s, u"P"_s,
                                        u"0"_s);
    const QCommandLineOption portFileOption(u"port-file"_s, u"Write the chosen port to this file."_s, u"F"_s);
    const QCommandLineOption keyOption(u"api-key"_s, u"Accept this API key (HMAC) for the first account."_s,
                                       u"K"_s);
    const QCommandLineOption secretOption(u"api-secret"_s, u"The HMAC secret of --api-key."_s, u"S"_s);
    const QCommandLineOption scenarioOption(
        u"scenario"_s, u"single, multi, hedge or pm (Portfolio Margin) for every account (default single)."_s,
        u"NAME"_s, u"single"_s);
    const QCommandLineOption positionsOption(u"positions"_s, u"Open positions per account (default 3)."_s,
                                             u"N"_s, u"3"_s);
    const QCommandLineOption faultsOption(
        u"faults"_s,
        u"Fault plan, e.g. 429@3,slow@5,badjson: a kind on the N-th signed request or on every one. Kinds: "
        "429[:retry-after], 418[:seconds], 500, 502, 503, slow[:ms], truncated, badjson, missingfield, empty, "
        "skew=<ms>; on the N-th WebSocket (or listen key): dropstream[:ms], silentstream, expirekey[:ms]; "
        "for the whole run: legacyonly, silentws, needevents."_s,
        u"LIST"_s);
    const QCommandLineOption seedOption(u"seed"_s, u"Random seed of the price walk."_s, u"N"_s, u"1"_s);
    const QCommandLineOption accountsOption(
        u"accounts"_s,
        u"Serve N accounts (sim1 … simN), each with a fresh HMAC key written to --accounts-file."_s, u"N"_s,
        u"1"_s);
    const QCommandLineOption accountsFileOption(
        u"accounts-file"_s,
        u"Write the accounts as the INI file of 'marginwatch --headless --accounts FILE' (name, base_url, "
        "api_key, secret_file); each secret goes to FILE-<name>.secret; all owner-only (0600)."_s,
        u"FILE"_s);
    const QCommandLineOption accountScenariosOption(
        u"account-scenarios"_s,
        u"Scenarios of sim1, sim2, … in order (repeated as needed), e.g. single,hedge,pm."_s, u"LIST"_s);
    const QCommandLineOption subAccountsOption(
        u"sub-accounts"_s,
        u"M=A,B,…: accounts A, B, … (numbers from 1) are sub-accounts of master M in "
        "/sapi/v2/sub-account/futures/accountSummary. Repeatable."_s,
        u"SPEC"_s);
    const QCommandLineOption permissionsOption(
        u"permissions"_s,
        u"Flags every key reports in /sapi/v1/account/apiRestrictions, changed from the safe default (read-only, "
        "IP-restricted): iprestrict, reading, withdrawals, internaltransfer, margin, futures, universaltransfer, "
        "options, fixtrade, fixread, spotandmargin, portfoliomargin, tradingexpiry=<ms>; 'no' before a name "
        "turns it off. E.g. withdrawals,noiprestrict."_s,
        u"LIST"_s);
    const QCommandLineOption futuresPermissionOption(
        u"futures-need-permission"_s,
        u"Refuse /fapi private calls (-2015) from keys without enableFutures."_s);
    const QCommandLineOption weightLimitOption(
        u"weight-limit"_s,
        u"Request weight per IP and minute on /fapi before 429 (default 2400; 0 = none)."_s, u"N"_s,
        u"2400"_s);
    const QCommandLineOption tickOption(u"tick-interval"_s,
                                        u"Milliseconds between market moves (default 1000; 0 = frozen)."_s,
                                        u"MS"_s, u"1000"_s);
    const QCommandLineOption fundingOption(
        u"funding-every"_s, u"Apply a funding fee every N ticks (default 60; 0 = never)."_s, u"N"_s, u"60"_s);
    const QCommandLineOption marginCallOption(
        u"margin-call-percent"_s, u"Send MARGIN_CALL when the margin ratio reaches P % (default 80)."_s,
        u"P"_s, u"80"_s);
    const QCommandLineOption listenKeyLifetimeOption(
        u"listen-key-lifetime"_s, u"Milliseconds a listen key lives without keep-alive (default 3600000)."_s,
        u"MS"_s, u"3600000"_s);
    const QCommandLineOption streamLifetimeOption(
        u"stream-lifetime"_s, u"Milliseconds before the server cuts a WebSocket (default 86400000: 24 h)."_s,
        u"MS"_s, u"86400000"_s);
    const QCommandLineOption pingIntervalOption(
        u"ping-interval"_s, u"Milliseconds between the server's pings (default 180000)."_s, u"MS"_s,
        u"180000"_s);
    const QCommandLineOption pongTimeoutOption(
        u"pong-timeout"_s, u"Drop a WebSocket that has not answered a ping for this long (default 600000)."_s,
        u"MS"_s, u"600000"_s);
    const QCommandLineOption markIntervalOption(
        u"mark-interval"_s, u"Milliseconds between mark-price pushes of the @1s streams (default 1000)."_s,
        u"MS"_s, u"1000"_s);
    const QCommandLineOption noQuirksOption(
        u"no-stream-quirks"_s,
        u"Always send E as a number and never the undocumented fields (ma, a.S) in stream events."_s);
    parser.addOptions({portOption,
                       portFileOption,
                       keyOption,
                       secretOption,
                       scenarioOption,
                       positionsOption,
                       faultsOption,
                       seedOption,
                       accountsOption,
                       accountsFileOption,
                       accountScenariosOption,
                       subAccountsOption,
                       permissionsOption,
                       futuresPermissionOption,
                       weightLimitOption,
                       tickOption,
                       fundingOption,
                       marginCallOption,
                       listenKeyLifetimeOption,
                       streamLifetimeOption,
                       pingIntervalOption,
                       pongTimeoutOption,
                       markIntervalOption,
                       noQuirksOption});
    parser.process(app);

    QTextStream err(stderr);
    auto usage = [&err](const QString& message) {
        err << "marginwatch-sim: " << message << "\n";
        return 2;
    };

    SimOptions options;
    const std::optional<SimScenario> scenario = scenarioNamed(parser.value(scenarioOption));
    if (!scenario)
        return usage(u"--scenario must be single, multi, hedge or pm"_s);
    options.scenario = *scenario;
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

    // Whole-number options: {option, low, high, target}.
    struct NumberOption
    {
        const QCommandLineOption* option;
        qint64 low, high;
        std::function<void(qint64)> set;
    };
    const QList<NumberOption> numbers = {
        {&weightLimitOption, 0, 1000000,
         [&](qint64 v) {
             options.weightLimit = int(v);
         }},
        {&tickOption, 0, 3600000,
         [&](qint64 v) {
             options.tickIntervalMs = int(v);
         }},
        {&fundingOption, 0, 1000000,
         [&](qint64 v) {
             options.fundingEveryTicks = int(v);
         }},
        {&marginCallOption, 1, 1000,
         [&](qint64 v) {
             options.marginCallPercent = int(v);
         }},
        {&listenKeyLifetimeOption, 1, 30LL * 86400000,
         [&](qint64 v) {
             options.listenKeyLifetimeMs = v;
         }},
        {&streamLifetimeOption, 1, 30LL * 86400000,
         [&](qint64 v) {
             options.streamMaxLifetimeMs = v;
         }},
        {&pingIntervalOption, 10, 86400000,
         [&](qint64 v) {
             options.pingIntervalMs = int(v);
         }},
        {&pongTimeoutOption, 10, 86400000,
         [&](qint64 v) {
             options.pongTimeoutMs = int(v);
         }},
        {&markIntervalOption, 10, 3600000,
         [&](qint64 v) {
             options.markIntervalMs = int(v);
         }},
    };
    for (const NumberOption& n : numbers) {
        const std::optional<qint64> v = number(parser.value(*n.option), n.low, n.high);
        if (!v)
            return usage(u"--%1 must be a number from %2 to %3"_s.arg(n.option->names().constFirst())
                             .arg(n.low)
                             .arg(n.high));
        n.set(*v);
    }
    options.streamQuirks = !parser.isSet(noQuirksOption);
    options.futuresNeedEnableFutures = parser.isSet(futuresPermissionOption);
    QString error;
    const std::optional<SimKeyPermissions> permissions =
        SimKeyPermissions::parse(parser.value(permissionsOption), SimKeyPermissions{}, &error);
    if (!permissions)
        return usage(u"--permissions: "_s + error);
    options.defaultPermissions = *permissions;

    const std::optional<qint64> accountCount = number(parser.value(accountsOption), 1, 1000);
    if (!accountCount)
        return usage(u"--accounts must be a number from 1 to 1000"_s);
    if (*accountCount > 1 && !parser.isSet(accountsFileOption))
        return usage(u"--accounts N needs --accounts-file FILE to hand out the keys"_s);
    QList<SimScenario> scenarios;
    for (const QString& name : parser.value(accountScenariosOption).split(u',', Qt::SkipEmptyParts)) {
        const std::optional<SimScenario> s = scenarioNamed(name.trimmed());
        if (!s)
            return usage(u"--account-scenarios: '%1' is not single, multi, hedge or pm"_s.arg(name));
        scenarios.append(*s);
    }
    if (!scenarios.isEmpty())
        options.scenario = scenarios.constFirst();
    QList<std::pair<int, QList<int>>> subAccounts;
    static const QRegularExpression subSpec(u"^(\\d+)=(\\d+(?:,\\d+)*)$"_s);
    for (const QString& spec : parser.values(subAccountsOption)) {
        const QRegularExpressionMatch m = subSpec.match(spec);
        if (!m.hasMatch())
            return usage(u"--sub-accounts takes M=A,B,… (account numbers from 1), not '%1'"_s.arg(spec));
        QList<int> subs;
        for (const QString& a : m.captured(2).split(u','))
            subs.append(a.toInt() - 1);
        subAccounts.append({m.captured(1).toInt() - 1, subs});
        for (int id : subs + QList<int>{subAccounts.constLast().first}) {
            if (id < 0 || id >= *accountCount)
                return usage(u"--sub-accounts: account %1 does not exist (there are %2)"_s.arg(id + 1).arg(
                    *accountCount));
        }
    }

    options.email = u"sim1@marginwatch-sim.invalid"_s;
    SimulatorServer server(options);
    if (!server.errorString().isEmpty())
        return usage(server.errorString());
    for (int i = 1; i < *accountCount; ++i) {
        SimAccountOptions account;
        account.scenario = scenarios.isEmpty() ? options.scenario : scenarios.at(i % scenarios.size());
        account.positions = options.positions;
        account.seed = options.seed + static_cast<quint32>(i);
        account.email = u"sim%1@marginwatch-sim.invalid"_s.arg(i + 1);
        server.addAccount(account);
    }
    for (const auto& [master, subs] : std::as_const(subAccounts))
        server.setSubAccounts(master, subs);

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
    if (parser.isSet(accountsFileOption)) {
        QList<SimAccountsFile::Entry> entries;
        for (int i = 0; i < *accountCount; ++i) {
            const DemoCredentials key = server.generateDemoCredentials(i);
            entries.append({u"sim%1"_s.arg(i + 1), server.baseUrl().toString(), key.apiKey, key.secret});
        }
        if (!SimAccountsFile::write(parser.value(accountsFileOption), entries, &error)) {
            err << "marginwatch-sim: " << error << "\n";
            return 4;
        }
        out << "accounts (keys and secret files) written to " << parser.value(accountsFileOption) << "\n";
    }
    if (!apiKey.isEmpty()) {
        server.addHmacKey(apiKey, secret);
    } else if (!parser.isSet(accountsFileOption)) {
        // A throwaway key for a fake exchange: printing it is how a user gets to use it.
        const DemoCredentials demo = server.generateDemoCredentials();
        out << "simulator credentials (valid for this run only):\n"
            << "  export BINANCE_API_KEY=" << demo.apiKey << "\n"
            << "  export BINANCE_API_SECRET=" << QString::fromLatin1(demo.secret) << "\n";
    }
    if (parser.isSet(portFileOption)) {
        QSaveFile file(parser.value(portFileOption));
        if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::number(server.port()) + '\n') < 0
            || !file.commit()) {
            err << "marginwatch-sim: cannot write " << parser.value(portFileOption) << "\n";
            return 4;
        }
    }
    out << "listening on " << server.baseUrl().toString() << " (streams on "
        << server.streamBaseUrl().toString() << ")\n";
    out.flush();

    quitOnTerminationSignals(app);
    return app.exec();
}
