#include "cli/MultiAccountRunner.h"

#include "cli/AccountsFile.h"
#include "cli/FailureExitCode.h"
#include "cli/TerminationSignals.h"
#include "io/OverviewCsv.h"
#include "io/SnapshotCsvAppender.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <utility>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

// One line of plain text (as HeadlessRunner's): a server's words reach a terminal here, where a line
// break would forge a second line and an escape sequence could clear or recolour the screen.
QString oneLine(QString text)
{
    for (QChar& c : text) {
        if (c.category() == QChar::Other_Control)
            c = u' ';
    }
    return text.trimmed();
}

void printLine(const QString& line)
{
    std::fputs(line.toLocal8Bit().constData(), stderr);
    std::fputc('\n', stderr);
    std::fflush(stderr);
}

} // namespace

struct MultiAccountRunner::Watched
{
    QString name;
    std::unique_ptr<AccountPoller> poller;
    std::unique_ptr<SnapshotCsvAppender> appender;
    std::optional<AccountSnapshot> last;
    QString state = u"starting"_s;
    QDateTime stateAt;
    bool fresh = false;      // a result since the last overview update
    bool authFailed = false; // stopped for good: it needs the user
    int consecutiveFailures = 0;
};

MultiAccountRunner::MultiAccountRunner(CommandLineOptions options, std::vector<Account> accounts,
                                       int budgetPercent, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_pending(std::move(accounts))
    , m_governors(WeightGovernor::budgetFromPercent(ClientTuning{}.weightLimit, budgetPercent))
{}

MultiAccountRunner::~MultiAccountRunner() = default;

void MultiAccountRunner::start()
{
    m_overview = std::make_unique<OverviewCsvAppender>(m_options.recordStem);
    if (const Expected<void> opened = m_overview->open(); !opened) {
        finish(ExitLocalFailure, u"error: "_s + opened.error());
        return;
    }
    for (Account& account : m_pending) {
        auto watched = std::make_unique<Watched>();
        watched->name = account.name;
        watched->appender = std::make_unique<SnapshotCsvAppender>(m_options.recordStem + u'-' + account.name);
        if (const Expected<void> opened = watched->appender->open(); !opened) {
            finish(ExitLocalFailure, u"error: "_s + opened.error());
            return;
        }
        if (!watched->appender->repairNotice().isEmpty())
            Q_EMIT warning(oneLine(u"warning: "_s + watched->appender->repairNotice()));
        account.config.pollInterval = std::chrono::seconds(m_options.intervalSeconds);
        const QUrl host = account.config.baseUrl;
        watched->poller = std::make_unique<AccountPoller>(std::move(account.config));
        watched->poller->setWeightGovernor(m_governors.forHost(host));
        Watched* raw = watched.get();
        connect(watched->poller.get(), &AccountPoller::snapshotReady, this,
                [this, raw](const AccountSnapshot& snapshot) { onSnapshot(*raw, snapshot); });
        connect(watched->poller.get(), &AccountPoller::failed, this,
                [this, raw](const ApiFailure& failure) { onFailure(*raw, failure); });
        m_accounts.push_back(std::move(watched));
    }
    m_pending.clear();
    m_signals = std::make_unique<TerminationSignals>();
    connect(m_signals.get(), &TerminationSignals::terminationRequested, this,
            [this] { finish(ExitSuccess); });
    for (const auto& account : m_accounts)
        account->poller->start();
}

void MultiAccountRunner::onSnapshot(Watched& account, const AccountSnapshot& snapshot)
{
    if (m_finished)
        return;
    if (const Expected<void> appended = account.appender->append(snapshot); !appended) {
        finish(ExitLocalFailure, u"error: "_s + appended.error());
        return;
    }
    if (account.consecutiveFailures > 0)
        Q_EMIT warning(u"account %1: polling again"_s.arg(account.name));
    account.last = snapshot;
    account.state = u"ok"_s;
    account.stateAt = snapshot.takenAt;
    account.consecutiveFailures = 0;
    account.fresh = true;
    writeOverviewIfComplete();
}

void MultiAccountRunner::onFailure(Watched& account, const ApiFailure& failure)
{
    if (m_finished)
        return;
    const QString summary = oneLine(failure.summaryLine());
    account.stateAt = QDateTime::currentDateTimeUtc();
    account.fresh = true;
    if (failure.kind == ApiFailure::Kind::Banned) {
        finish(exitCodeFor(failure), u"account %1: %2"_s.arg(account.name, summary));
        return;
    }
    if (failure.isAuthentication() || failure.kind == ApiFailure::Kind::Configuration) {
        account.authFailed = true;
        account.state = u"authentication failed: "_s + summary;
        Q_EMIT warning(u"account %1: %2"_s.arg(account.name, summary));
        const bool allFailed =
            std::all_of(m_accounts.begin(), m_accounts.end(), [](const auto& a) { return a->authFailed; });
        if (allFailed) {
            writeOverviewIfComplete();
            finish(ExitCredentials, u"error: every account failed authentication; the last: "_s + summary);
            return;
        }
        writeOverviewIfComplete();
        return;
    }
    // The poller retries with backoff; the last good data stays in the files, the state says stale.
    if (account.consecutiveFailures++ == 0)
        Q_EMIT warning(u"account %1: %2"_s.arg(account.name, summary));
    account.state = (account.last ? u"stale: "_s : u"no data: "_s) + summary;
    const bool nothingWorks = std::all_of(m_accounts.begin(), m_accounts.end(), [](const auto& a) {
        return a->authFailed || a->consecutiveFailures >= kMaxConsecutiveFailures;
    });
    if (nothingWorks) {
        finish(exitCodeFor(failure), u"account %1: %2"_s.arg(account.name, summary));
        return;
    }
    writeOverviewIfComplete();
}

void MultiAccountRunner::writeOverviewIfComplete()
{
    const bool complete = std::all_of(m_accounts.begin(), m_accounts.end(),
                                      [](const auto& a) { return a->fresh || a->authFailed; });
    const bool anyRunning =
        std::any_of(m_accounts.begin(), m_accounts.end(), [](const auto& a) { return !a->authFailed; });
    if (!complete || !anyRunning)
        return;
    QList<QStringList> rows;
    rows.reserve(static_cast<qsizetype>(m_accounts.size()));
    for (const auto& account : m_accounts) {
        // A stale account's row repeats its last good numbers; the state column says why they are old.
        rows << overviewCsvRow(account->name, account->last, account->state,
                               account->last ? account->last->takenAt : account->stateAt);
        account->fresh = false;
    }
    if (const Expected<void> appended = m_overview->append(rows); !appended) {
        finish(ExitLocalFailure, u"error: "_s + appended.error());
        return;
    }
    ++m_updates;
    if (m_options.count > 0 && m_updates >= m_options.count)
        finish(ExitSuccess);
}

void MultiAccountRunner::finish(int exitCode, const QString& errorLine)
{
    if (m_finished)
        return;
    m_finished = true;
    m_exitCode = exitCode;
    m_errorLine = oneLine(errorLine);
    for (const auto& account : m_accounts) {
        account->poller->stop();
        account->appender->close();
    }
    if (m_overview)
        m_overview->close();
    Q_EMIT finished(exitCode);
}

int runMultiAccount(const CommandLineOptions& options)
{
    const Expected<QList<AccountsFileEntry>> entries = readAccountsFile(options.accountsFile);
    if (!entries) {
        printLine(u"usage error: "_s + oneLine(entries.error()));
        return ExitUsage;
    }
    std::vector<MultiAccountRunner::Account> accounts;
    for (const AccountsFileEntry& entry : *entries) {
        Expected<Credentials> credentials = loadAccountCredentials(entry);
        if (!credentials) {
            printLine(u"usage error: account %1: %2"_s.arg(entry.name, oneLine(credentials.error())));
            return ExitUsage;
        }
        MultiAccountRunner::Account account;
        account.name = entry.name;
        account.config.baseUrl = entry.baseUrl;
        account.config.credentials = std::move(*credentials);
        accounts.push_back(std::move(account));
    }
    MultiAccountRunner runner(options, std::move(accounts));
    QObject::connect(&runner, &MultiAccountRunner::warning, &runner, &printLine);
    QObject::connect(&runner, &MultiAccountRunner::finished, QCoreApplication::instance(),
                     [](int exitCode) { QCoreApplication::exit(exitCode); });
    QTimer::singleShot(0, &runner, &MultiAccountRunner::start);
    const int loopResult = QCoreApplication::exec();
    const int exitCode = runner.isFinished() ? runner.exitCode() : loopResult;
    if (!runner.errorLine().isEmpty())
        printLine(runner.errorLine());
    return exitCode;
}

} // namespace marginwatch
