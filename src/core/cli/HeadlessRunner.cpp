#include "cli/HeadlessRunner.h"

#include "api/BaseUrl.h"
#include "api/KeyPermissionCheck.h"
#include "cli/FailureExitCode.h"
#include "cli/TerminationSignals.h"
#include "io/SnapshotCsvAppender.h"
#include "io/SnapshotCsvExporter.h"
#include "io/StressCsvExporter.h"
#include "risk/StressModel.h"
#include "stream/StreamEndpoints.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimer>

#include <cstdio>
#include <utility>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

// Exactly one line of plain text, whatever the message holds: a server's words (an error message,
// an excerpt of a bad value) reach a terminal here, where a line break would forge a second line and
// an escape sequence could clear or recolour the screen.
QString oneLine(QString text)
{
    for (QChar& c : text) {
        if (c.category() == QChar::Other_Control)
            c = u' ';
    }
    return text.trimmed();
}

} // namespace

ClientConfig headlessClientConfig(const CommandLineOptions& options, Credentials credentials)
{
    ClientConfig config;
    config.baseUrl = options.baseUrl.isEmpty() ? BinanceUrls::futures() : options.baseUrl;
    config.credentials = std::move(credentials);
    config.pollInterval = std::chrono::seconds(options.intervalSeconds);
    return config;
}

HeadlessRunner::HeadlessRunner(CommandLineOptions options, ClientConfig config, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_config(std::move(config))
{}

HeadlessRunner::~HeadlessRunner() = default;

void HeadlessRunner::start()
{
    if (m_options.mode == RunMode::Once || m_options.mode == RunMode::Headless) {
        ClientTuning tuning;
        // A --once run waits for it before exiting: not the full deadline of a poll.
        tuning.requestDeadline = std::chrono::seconds(10);
        m_keyCheck = std::make_unique<KeyPermissionCheck>(m_config, tuning);
    }
    if (m_options.mode == RunMode::Once)
        startOnce();
    else if (m_options.mode == RunMode::Headless)
        startRecording();
    else
        finish(ExitUsage, u"usage error: not a headless mode"_s);
}

void HeadlessRunner::startOnce()
{
    ClientTuning tuning;
    if (m_options.stress)
        tuning.leverageBracketRefreshPeriod = std::chrono::hours(1);
    m_fetcher = std::make_unique<SnapshotFetcher>(std::move(m_config), kOnceAttempts, std::move(tuning));
    connect(m_fetcher.get(), &SnapshotFetcher::finished, this, &HeadlessRunner::onFetched);
    connect(m_fetcher.get(), &SnapshotFetcher::failed, this, &HeadlessRunner::onApiFailure);
    m_fetcher->start();
}

void HeadlessRunner::onFetched(const AccountSnapshot& snapshot)
{
    SnapshotCsvExporter exporter;
    if (!exporter.exportSnapshot(m_options.exportStem, snapshot)) {
        finish(ExitLocalFailure, u"error: "_s + exporter.errorString());
        return;
    }
    checkKeyOnce([this, snapshot] { writeStressAndFinish(snapshot); });
}

void HeadlessRunner::writeStressAndFinish(const AccountSnapshot& snapshot)
{
    if (m_options.stress) {
        // The snapshot files stay written either way: the stress file is an addition.
        const Expected<StressModel> model = StressModel::fromSnapshot(snapshot);
        if (!model) {
            finish(ExitBadResponse, u"error: --stress: "_s + model.error());
            return;
        }
        if (model->isApproximate())
            Q_EMIT warning(oneLine(u"warning: the stress figures are approximate: "_s
                                   + model->approximations().join(u' ')));
        if (const Expected<void> written =
                exportStressCsv(m_options.exportStem, *model, m_options.stressShocks);
            !written) {
            finish(ExitLocalFailure, u"error: "_s + written.error());
            return;
        }
    }
    finish(ExitSuccess);
}

void HeadlessRunner::startRecording()
{
    m_appender = std::make_unique<SnapshotCsvAppender>(m_options.recordStem);
    if (const Expected<void> opened = m_appender->open(); !opened) {
        finish(ExitLocalFailure, u"error: "_s + opened.error());
        return;
    }
    if (!m_appender->repairNotice().isEmpty())
        Q_EMIT warning(oneLine(u"warning: "_s + m_appender->repairNotice()));
    // Installed before the first request so that an early SIGTERM still ends with exit 0.
    m_signals = std::make_unique<TerminationSignals>();
    connect(m_signals.get(), &TerminationSignals::terminationRequested, this,
            [this] { finish(ExitSuccess); });

    if (m_options.live) {
        startLiveRecording();
        return;
    }
    m_config.pollInterval = std::chrono::seconds(m_options.intervalSeconds);
    m_poller = std::make_unique<AccountPoller>(std::move(m_config));
    connect(m_poller.get(), &AccountPoller::snapshotReady, this, &HeadlessRunner::onPolled);
    connect(m_poller.get(), &AccountPoller::failed, this, &HeadlessRunner::onPollFailed);
    m_poller->start();
}

void HeadlessRunner::checkKeyOnce(std::function<void()> then)
{
    if (m_keyChecked || !m_keyCheck) {
        if (then)
            then();
        return;
    }
    m_keyChecked = true;
    auto done = [this, then] {
        // Deleted from the event loop: this runs inside one of its signals.
        m_keyCheck.release()->deleteLater();
        if (then)
            then();
    };
    connect(m_keyCheck.get(), &KeyPermissionCheck::finished, this,
            [this, done](const KeyPermissions& permissions) {
                const QString line = KeyPermissionAdvice::headlessWarning(permissions);
                if (!line.isEmpty())
                    Q_EMIT warning(oneLine(line));
                done();
            });
    // A key check that cannot be made (older proxies, no /sapi behind a custom URL) says nothing:
    // the run is about the account, and its exit status does not change.
    connect(m_keyCheck.get(), &KeyPermissionCheck::failed, this, [done](const ApiFailure&) { done(); });
    connect(m_keyCheck.get(), &KeyPermissionCheck::notAvailable, this, [done](const QString&) { done(); });
    m_keyCheck->start();
}

void HeadlessRunner::startLiveRecording()
{
    const Expected<QUrl> streamBase = StreamEndpoints::baseFor(m_config.baseUrl, m_options.streamUrl);
    if (!streamBase) {
        finish(ExitUsage, u"usage error: --stream-url: "_s + streamBase.error());
        return;
    }
    // Polling is only the fallback: one row set a second is no reason to spend 600 weight a minute.
    m_config.pollInterval = std::chrono::seconds(
        std::max(m_options.intervalSeconds, CommandLineOptions::kDefaultIntervalSeconds));
    m_live = std::make_unique<LiveAccount>(std::move(m_config), *streamBase);
    m_rowTimer.setSingleShot(true);
    m_rowTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_rowTimer, &QTimer::timeout, this, [this] {
        if (m_pendingRow)
            appendRow(*std::exchange(m_pendingRow, std::nullopt));
    });
    connect(m_live.get(), &LiveAccount::snapshotReady, this, &HeadlessRunner::onLiveSnapshot);
    connect(m_live.get(), &LiveAccount::failed, this, &HeadlessRunner::onPollFailed);
    connect(m_live.get(), &LiveAccount::modeChanged, this, &HeadlessRunner::onLiveMode);
    m_live->start();
}

void HeadlessRunner::onLiveMode(LiveAccount::Mode mode, const QString& reason)
{
    if (m_finished)
        return;
    // One line when it falls back (whatever retries follow), one when it is live again.
    if (mode == LiveAccount::Mode::Polling && !m_saidPolling) {
        m_saidPolling = true;
        Q_EMIT warning(oneLine(
            u"warning: live stream unavailable, polling every %1 s: %2"_s
                .arg(
                    std::chrono::duration_cast<std::chrono::seconds>(m_live->poller().pollInterval()).count())
                .arg(reason)));
    } else if (mode == LiveAccount::Mode::Live && m_saidPolling) {
        m_saidPolling = false;
        Q_EMIT warning(u"live again: streaming user data and mark prices"_s);
    }
}

void HeadlessRunner::onLiveSnapshot(const AccountSnapshot& snapshot)
{
    if (m_finished)
        return;
    m_consecutiveFailures = 0;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 intervalMs = m_options.intervalSeconds * 1000LL;
    if (m_lastRowAtMs == 0 || now - m_lastRowAtMs >= intervalMs) {
        m_rowTimer.stop();
        m_pendingRow.reset();
        appendRow(snapshot);
        return;
    }
    // Changed again within the interval: the latest state goes out when the interval ends.
    m_pendingRow = snapshot;
    if (!m_rowTimer.isActive())
        m_rowTimer.start(static_cast<int>(m_lastRowAtMs + intervalMs - now));
}

void HeadlessRunner::appendRow(const AccountSnapshot& snapshot)
{
    m_lastRowAtMs = QDateTime::currentMSecsSinceEpoch();
    onPolled(snapshot);
}

void HeadlessRunner::onPolled(const AccountSnapshot& snapshot)
{
    if (m_finished)
        return;
    m_consecutiveFailures = 0;
    if (!m_keyChecked)
        checkKeyOnce({});
    // Synchronous: a termination signal arriving now is handled after the rows are on disk.
    if (const Expected<void> appended = m_appender->append(snapshot); !appended) {
        finish(ExitLocalFailure, u"error: "_s + appended.error());
        return;
    }
    if (m_options.count > 0 && m_appender->snapshotsAppended() >= m_options.count)
        finish(ExitSuccess);
}

void HeadlessRunner::onPollFailed(const ApiFailure& failure)
{
    if (m_finished)
        return;
    ++m_consecutiveFailures;
    // The poller keeps retrying transient failures with backoff; a recording run gives up after a few
    // in a row rather than sit silently on a dead connection. A ban can last days: stop at once.
    const bool keepTrying = failure.isTransient() && !failure.isAuthentication()
                            && failure.kind != ApiFailure::Kind::Banned
                            && m_consecutiveFailures < kMaxConsecutiveFailures;
    if (!keepTrying)
        onApiFailure(failure);
}

void HeadlessRunner::onApiFailure(const ApiFailure& failure)
{
    finish(exitCodeFor(failure), failure.summaryLine());
}

void HeadlessRunner::finish(int exitCode, const QString& errorLine)
{
    if (m_finished)
        return;
    m_finished = true;
    m_exitCode = exitCode;
    m_errorLine = oneLine(errorLine);
    if (m_poller)
        m_poller->stop();
    if (m_keyCheck)
        m_keyCheck->cancel();
    m_rowTimer.stop();
    if (m_live)
        m_live->stop();
    if (m_appender)
        m_appender->close();
    Q_EMIT finished(exitCode);
}

int runHeadless(const CommandLineOptions& options, ClientConfig config)
{
    HeadlessRunner runner(options, std::move(config));
    QObject::connect(&runner, &HeadlessRunner::warning, &runner, [](const QString& line) {
        std::fputs(line.toLocal8Bit().constData(), stderr);
        std::fputc('\n', stderr);
        std::fflush(stderr);
    });
    QObject::connect(&runner, &HeadlessRunner::finished, QCoreApplication::instance(),
                     [](int exitCode) { QCoreApplication::exit(exitCode); });
    // Started from the event loop: a failure inside start() must reach a running loop.
    QTimer::singleShot(0, &runner, &HeadlessRunner::start);
    const int loopResult = QCoreApplication::exec();
    const int exitCode = runner.isFinished() ? runner.exitCode() : loopResult;
    if (!runner.errorLine().isEmpty()) {
        std::fputs(runner.errorLine().toLocal8Bit().constData(), stderr);
        std::fputc('\n', stderr);
        std::fflush(stderr);
    }
    return exitCode;
}

} // namespace marginwatch
