#pragma once
// --headless --accounts FILE --record STEM: several accounts at once, one weight budget per host.

#include "api/AccountPoller.h"
#include "api/WeightGovernorPool.h"
#include "cli/CommandLine.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace marginwatch {

class OverviewCsvAppender;
class SnapshotCsvAppender;
class TerminationSignals;

// Polls every account with its own AccountPoller (its own clock offset, backoff and failures), all
// pollers of one host sharing that host's WeightGovernor. Each account's snapshots go to
// STEM-<name>-{totals,assets,positions}.csv; an overview update (one row per account in
// STEM-overview.csv) is written once every account still running has had a new result, a snapshot
// or a failure, since the last one, so each update is as fresh as the accounts allow. --count counts
// overview updates.
//
// One account failing authentication is reported (one stderr line, its state column) and the others
// go on; when every account has failed authentication the run ends with exit 3. A ban ends the run
// (exit 4, as a single-account run); so does a run in which every account keeps failing.
class MultiAccountRunner : public QObject
{
    Q_OBJECT
public:
    struct Account
    {
        QString name;
        ClientConfig config; // holds the secret: moved into the account's poller at start
    };
    static constexpr int kMaxConsecutiveFailures = 3;

    MultiAccountRunner(CommandLineOptions options, std::vector<Account> accounts,
                       int budgetPercent = WeightGovernor::kDefaultBudgetPercent, QObject* parent = nullptr);
    ~MultiAccountRunner() override;

    void start();
    bool isFinished() const { return m_finished; }
    int exitCode() const { return m_exitCode; }
    QString errorLine() const { return m_errorLine; }
    int overviewUpdates() const { return m_updates; }

Q_SIGNALS:
    void finished(int exitCode);
    void warning(const QString& line);

private:
    struct Watched;

    void onSnapshot(Watched& account, const AccountSnapshot& snapshot);
    void onFailure(Watched& account, const ApiFailure& failure);
    void writeOverviewIfComplete();
    void finish(int exitCode, const QString& errorLine = QString());

    CommandLineOptions m_options;
    std::vector<Account> m_pending;
    WeightGovernorPool m_governors;
    std::vector<std::unique_ptr<Watched>> m_accounts;
    std::unique_ptr<OverviewCsvAppender> m_overview;
    std::unique_ptr<TerminationSignals> m_signals;
    int m_updates = 0;
    bool m_finished = false;
    int m_exitCode = ExitSuccess;
    QString m_errorLine;
};

// Reads FILE (usage errors and refused secret files: exit 2, naming the file), then runs as above.
// Requires a QCoreApplication; writes warnings and the failure line to stderr.
int runMultiAccount(const CommandLineOptions& options);

} // namespace marginwatch
