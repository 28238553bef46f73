#pragma once
// The command-line contract of design.md, parsed by a pure function so it can be table-tested
// without an application object (main decides QCoreApplication vs QApplication from it).

#include "model/Decimal.h"
#include "util/Expected.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace marginwatch {

// Exit statuses of the contract. 1 is not in it: a local failure (a CSV file cannot be written).
enum ExitStatus : int
{
    ExitSuccess = 0,
    ExitLocalFailure = 1,
    ExitUsage = 2,
    ExitCredentials = 3, // missing credentials, -2014, -2015, -1022, HTTP 401
    ExitNetwork = 4,     // network, server, rate limit or ban, after retries
    ExitBadResponse = 5, // the server answered something that is not a valid account
};

enum class RunMode
{
    Gui,      // marginwatch [--demo] [--base-url URL] [--minimized]
    Once,     // --once --export STEM
    Headless, // --headless [--live] --record STEM [--interval SECONDS] [--count N] [--stream-url URL]
              // --headless --accounts FILE --record STEM [--interval SECONDS] [--count N]
    Help,
    Version,
};

struct CommandLineOptions
{
    static constexpr int kDefaultIntervalSeconds = 5;
    static constexpr int kMaxStressPercent = 99;
    static constexpr int kMaxStressShocks = 200;
    static constexpr int kDefaultLiveIntervalSeconds = 1; // --live: at most one row set a second

    RunMode mode = RunMode::Gui;
    bool demo = false;
    bool minimized = false;      // GUI: start in the tray (the autostart entry uses it)
    QUrl baseUrl;                // empty: the profile's (GUI) or production (headless)
    QString exportStem;          // --once
    bool stress = false;         // --once --stress LIST: also STEM-stress.csv
    QList<Decimal> stressShocks; // percentages, each from -kMaxStressPercent to +kMaxStressPercent
    QString recordStem;          // --headless
    QString accountsFile;        // --headless --accounts FILE: several accounts (see cli/AccountsFile.h)
    int intervalSeconds = kDefaultIntervalSeconds;
    int count = 0;     // 0 = until SIGINT/SIGTERM
    bool live = false; // --headless --live: streams, REST reconciliation, polling as the fallback
    QString streamUrl; // --stream-url: overrides the stream host derived from the base URL

    // Help, version, --once and --headless run under QCoreApplication: no display needed.
    bool needsWidgets() const { return mode == RunMode::Gui; }
};

// `arguments` as QCoreApplication::arguments() gives them: the program name first. The error is one
// line, without the program name.
Expected<CommandLineOptions> parseCommandLine(const QStringList& arguments);

// Decided from the raw arguments before any application object exists: true when they ask for one
// of the modes that must run without widgets (even if the rest turns out to be a usage error, which
// is then reported without needing a display).
bool wantsCoreApplication(const QStringList& arguments);

QString commandLineHelpText(const QString& programName);

} // namespace marginwatch
