#include "cli/CommandLine.h"

#include "api/BaseUrl.h"
#include "stream/StreamEndpoints.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <limits>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr int kMaxIntervalSeconds = 24 * 60 * 60;

// Options that only make sense without widgets; their presence selects QCoreApplication.
const QStringList& coreOnlyFlags()
{
    static const QStringList flags{u"--once"_s,     u"--export"_s,     u"--headless"_s, u"--record"_s,
                                   u"--interval"_s, u"--count"_s,      u"--help"_s,     u"-h"_s,
                                   u"-?"_s,         u"--version"_s,    u"-v"_s,         u"--stress"_s,
                                   u"--live"_s,     u"--stream-url"_s, u"--accounts"_s};
    return flags;
}

tl::unexpected<QString> usageError(const QString& message)
{
    return failure(message);
}

// A stem names files (STEM-totals.csv, ...). One that ends in '/' would make files named
// "-totals.csv" inside a directory, which is never what was meant; a line break would break the one
// line scripts read from stderr, and every listing of the files.
Expected<void> validateStem(const QString& option, const QString& stem)
{
    if (stem.contains(u'\n') || stem.contains(u'\r'))
        return failure(u"%1 STEM must not contain a line break"_s.arg(option));
    if (stem.endsWith(u'/'))
        return failure(u"%1 STEM must name files, not a directory (it ends in '/'); e.g. %2snapshot"_s.arg(
            option, stem));
    return {};
}

std::optional<int> parseInteger(const QString& text, int minimum, int maximum)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < minimum || value > maximum)
        return std::nullopt;
    return value;
}

// "-20,-10,-5,5,10,20": percentages of the marks, exact decimals.
Expected<QList<Decimal>> parseStressList(const QString& text)
{
    const QStringList items = text.split(u',');
    if (text.trimmed().isEmpty())
        return failure(u"--stress needs a list of percentages, e.g. --stress=-20,-10,5,10"_s);
    if (items.size() > CommandLineOptions::kMaxStressShocks)
        return failure(u"--stress takes at most %1 percentages"_s.arg(CommandLineOptions::kMaxStressShocks));
    const Decimal limit = Decimal::fromInteger(CommandLineOptions::kMaxStressPercent);
    QList<Decimal> shocks;
    for (const QString& item : items) {
        const std::optional<Decimal> shock = Decimal::parse(QStringView(item).trimmed());
        if (!shock || shock->abs() > limit || shock->scale() > 8)
            return failure(u"--stress: '%1' is not a percentage from -%2 to %2 (at most 8 decimals)"_s.arg(
                item.trimmed().left(40), QString::number(CommandLineOptions::kMaxStressPercent)));
        shocks << *shock;
    }
    return shocks;
}

} // namespace

bool wantsCoreApplication(const QStringList& arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (argument == u"--"_s)
            break;
        const QString name = argument.section(u'=', 0, 0);
        if (coreOnlyFlags().contains(name))
            return true;
    }
    return false;
}

Expected<CommandLineOptions> parseCommandLine(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({u"h"_s, u"help"_s, u"?"_s}, QString());
    const QCommandLineOption version({u"v"_s, u"version"_s}, QString());
    const QCommandLineOption demo(u"demo"_s, QString());
    const QCommandLineOption minimized(u"minimized"_s, QString());
    const QCommandLineOption baseUrl(u"base-url"_s, QString(), u"URL"_s);
    const QCommandLineOption once(u"once"_s, QString());
    const QCommandLineOption exportStem(u"export"_s, QString(), u"STEM"_s);
    const QCommandLineOption headless(u"headless"_s, QString());
    const QCommandLineOption interval(u"interval"_s, QString(), u"SECONDS"_s);
    const QCommandLineOption count(u"count"_s, QString(), u"N"_s);
    const QCommandLineOption record(u"record"_s, QString(), u"STEM"_s);
    const QCommandLineOption stress(u"stress"_s, QString(), u"LIST"_s);
    const QCommandLineOption live(u"live"_s, QString());
    const QCommandLineOption streamUrl(u"stream-url"_s, QString(), u"URL"_s);
    const QCommandLineOption accounts(u"accounts"_s, QString(), u"FILE"_s);
    parser.addOptions({help, version, demo, minimized, baseUrl, once, exportStem, headless, interval, count,
                       record, stress, live, streamUrl, accounts});

    QStringList argv = arguments;
    if (argv.isEmpty())
        argv << u"marginwatch"_s;
    if (!parser.parse(argv))
        return usageError(parser.errorText());
    if (!parser.positionalArguments().isEmpty())
        return usageError(u"unexpected argument '%1'"_s.arg(parser.positionalArguments().constFirst()));

    CommandLineOptions options;
    if (parser.isSet(help)) {
        options.mode = RunMode::Help;
        return options;
    }
    if (parser.isSet(version)) {
        options.mode = RunMode::Version;
        return options;
    }

    options.demo = parser.isSet(demo);
    options.minimized = parser.isSet(minimized);
    if (parser.isSet(baseUrl)) {
        if (options.demo)
            return usageError(u"--demo and --base-url cannot be combined"_s);
        options.baseUrl = QUrl(parser.value(baseUrl), QUrl::StrictMode);
        if (const Expected<void> usable = validateBaseUrl(options.baseUrl); !usable)
            return usageError(u"--base-url: %1"_s.arg(usable.error()));
    }

    const bool isOnce = parser.isSet(once);
    const bool isHeadless = parser.isSet(headless);
    if (isOnce && isHeadless)
        return usageError(u"--once and --headless cannot be combined"_s);
    if (parser.isSet(exportStem) && !isOnce)
        return usageError(u"--export requires --once"_s);
    if (parser.isSet(stress) && !isOnce)
        return usageError(u"--stress requires --once --export STEM"_s);
    for (const QCommandLineOption* option : {&record, &interval, &count, &live, &accounts}) {
        if (parser.isSet(*option) && !isHeadless)
            return usageError(u"--%1 requires --headless"_s.arg(option->names().constFirst()));
    }
    if (parser.isSet(streamUrl)) {
        if (!isHeadless || !parser.isSet(live))
            return usageError(
                u"--stream-url requires --headless --live (the desktop app takes it from the profile)"_s);
        const Expected<QUrl> base = StreamEndpoints::baseFor(QUrl(), parser.value(streamUrl));
        if (!base)
            return usageError(u"--stream-url: %1"_s.arg(base.error()));
        options.streamUrl = parser.value(streamUrl);
    }

    if (options.minimized && (isOnce || isHeadless))
        return usageError(u"--minimized is for the desktop app, not --once or --headless"_s);
    if (isOnce) {
        options.mode = RunMode::Once;
        options.exportStem = parser.value(exportStem);
        if (options.exportStem.isEmpty())
            return usageError(u"--once requires --export STEM"_s);
        if (const Expected<void> stem = validateStem(u"--export"_s, options.exportStem); !stem)
            return usageError(stem.error());
        if (parser.isSet(stress)) {
            const Expected<QList<Decimal>> shocks = parseStressList(parser.value(stress));
            if (!shocks)
                return usageError(shocks.error());
            options.stress = true;
            options.stressShocks = *shocks;
        }
    } else if (isHeadless) {
        options.mode = RunMode::Headless;
        options.recordStem = parser.value(record);
        if (options.recordStem.isEmpty())
            return usageError(u"--headless requires --record STEM"_s);
        if (const Expected<void> stem = validateStem(u"--record"_s, options.recordStem); !stem)
            return usageError(stem.error());
        options.live = parser.isSet(live);
        if (options.live)
            options.intervalSeconds = CommandLineOptions::kDefaultLiveIntervalSeconds;
        if (parser.isSet(accounts)) {
            options.accountsFile = parser.value(accounts);
            if (options.accountsFile.isEmpty())
                return usageError(u"--accounts requires a FILE"_s);
            // Each account's base_url is in the file; a second source would leave one of them ignored.
            if (options.demo || parser.isSet(baseUrl))
                return usageError(
                    u"--accounts takes each account's base_url from FILE; drop --demo and --base-url"_s);
            if (options.live)
                return usageError(u"--accounts polls each account; drop --live"_s);
        }
        if (parser.isSet(interval)) {
            const auto seconds = parseInteger(parser.value(interval), 1, kMaxIntervalSeconds);
            if (!seconds)
                return usageError(
                    u"--interval must be a whole number of seconds from 1 to %1"_s.arg(kMaxIntervalSeconds));
            options.intervalSeconds = *seconds;
        }
        if (parser.isSet(count)) {
            const auto n = parseInteger(parser.value(count), 0, std::numeric_limits<int>::max());
            if (!n)
                return usageError(u"--count must be a whole number, 0 or more (0 = until stopped)"_s);
            options.count = *n;
        }
    }
    return options;
}

QString commandLineHelpText(const QString& programName)
{
    return uR"(Usage:
  %1                                   desktop app (saved profile, else the simulator)
  %1 --demo                            desktop app against the built-in simulator (not
                                       Binance Demo Trading: use a profile for that)
  %1 --minimized                       desktop app, started in the system tray
  %1 --base-url URL                    any compatible endpoint (default %2)
  %1 --once --export STEM [--base-url URL]
        one signed fetch; writes STEM-totals.csv, STEM-assets.csv, STEM-positions.csv
  %1 --once --export STEM --stress=LIST
        also writes STEM-stress.csv: the account with every mark moved by each
        percentage of LIST (e.g. --stress=-20,-10,5,10; use '=': the list starts with
        '-'), and the moves down and up at which the margin ratio reaches 100 %
  %1 --headless --interval SECONDS --count N --record STEM [--base-url URL]
        poll N times (0 = until SIGINT/SIGTERM), appending every snapshot to the three
        CSV files (interval default %3 s, count default 0)
  %1 --headless --live --record STEM [--interval S] [--count N] [--stream-url URL]
        live: the user-data and mark-price streams with REST reconciliation every minute;
        a row set whenever the account changed, at most one per S seconds (default %4 s);
        N counts row sets; falls back to polling every S s (one stderr line) and back
        --stream-url URL: the stream host (default: derived from the base URL, e.g. %5)
  %1 --headless --accounts FILE --record STEM [--interval SECONDS] [--count N]
        several accounts: FILE is INI, one [section] per account with name, base_url
        (default production), api_key, and secret_file (HMAC secret) or private_key_file
        (PEM); those files must not be readable by group or others (else exit 2).
        Writes STEM-overview.csv (one row per account per update; --count counts
        updates) and STEM-<name>-totals.csv, -assets.csv, -positions.csv per account.
        All accounts on one host share 60 % of its 2400 weight/min: intervals stretch
        to fit. An account failing authentication is reported and the others go on;
        exit 3 only when every account fails authentication.
  %1 --help | --version

--demo with --once or --headless uses the built-in simulator instead of an exchange.

Credentials for --once and --headless come from the environment, never the command line:
  BINANCE_API_KEY with BINANCE_API_SECRET         HMAC key
  BINANCE_API_KEY with BINANCE_PRIVATE_KEY_FILE   PEM file of an RSA or Ed25519 private key

Exit status: 0 success; 1 a CSV file could not be written; 2 usage error;
3 credentials or authentication (-2014, -2015, -1022, HTTP 401);
4 network, server, rate limit or ban after retries; 5 invalid response.
On failure one line on stderr says what happened and what to do.
)"_s.arg(programName, BinanceUrls::futures().toString())
        .arg(CommandLineOptions::kDefaultIntervalSeconds)
        .arg(CommandLineOptions::kDefaultLiveIntervalSeconds)
        .arg(StreamEndpoints::production().toString());
}

} // namespace marginwatch
