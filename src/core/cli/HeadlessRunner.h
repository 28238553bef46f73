#pragma once
// --once and --headless: QCoreApplication only, no widgets, runs without a display.

#include "api/AccountPoller.h"
#include "api/SnapshotFetcher.h"
#include "cli/CommandLine.h"
#include "stream/LiveAccount.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>

namespace marginwatch {

class KeyPermissionCheck;
class SnapshotCsvAppender;
class TerminationSignals;

// The client configuration of a headless run: --base-url or production, the credentials (see
// cli/EnvironmentCredentials.h), the poll interval from --interval.
ClientConfig headlessClientConfig(const CommandLineOptions& options, Credentials credentials);

// One headless run. --once: one SnapshotFetcher (up to 3 attempts for transient failures), then
// the three CSV files. --headless: an AccountPoller appending every snapshot to the three CSV files until
// --count snapshots or SIGINT/SIGTERM (exit 0 after the write in progress). A transient failure is
// retried by the poller; kMaxConsecutiveFailures in a row, an authentication failure or a ban end
// the run with exitCodeFor(failure).
class HeadlessRunner : public QObject
{
    Q_OBJECT
public:
    static constexpr int kOnceAttempts = 3;
    static constexpr int kMaxConsecutiveFailures = 3;

    // The runner hands `config` (and with it the secret) on to its fetcher or poller and to its key
    // check when it starts, keeping no copy. After the first snapshot the key's permissions are read
    // once (GET /sapi/v1/account/apiRestrictions): a key that can withdraw gets one warning line; the
    // exit status does not depend on it.
    HeadlessRunner(CommandLineOptions options, ClientConfig config, QObject* parent = nullptr);
    ~HeadlessRunner() override;

    void start();
    bool isFinished() const { return m_finished; }
    int exitCode() const { return m_exitCode; }
    // Empty on success; otherwise the one line for stderr.
    QString errorLine() const { return m_errorLine; }

Q_SIGNALS:
    void finished(int exitCode);
    // A line for stderr that does not end the run (e.g. the CSV files were repaired).
    void warning(const QString& line);

private:
    void startOnce();
    void startRecording();
    void startLiveRecording();
    void onLiveSnapshot(const marginwatch::AccountSnapshot& snapshot);
    void onLiveMode(marginwatch::LiveAccount::Mode mode, const QString& reason);
    void appendRow(const marginwatch::AccountSnapshot& snapshot);
    void onFetched(const marginwatch::AccountSnapshot& snapshot);
    void writeStressAndFinish(const marginwatch::AccountSnapshot& snapshot);
    void onPolled(const marginwatch::AccountSnapshot& snapshot);
    void onPollFailed(const marginwatch::ApiFailure& failure);
    void onApiFailure(const marginwatch::ApiFailure& failure);
    void finish(int exitCode, const QString& errorLine = QString());
    // Once per run, after the first snapshot; `then` runs when it is over (whatever the outcome).
    void checkKeyOnce(std::function<void()> then);

    CommandLineOptions m_options;
    ClientConfig m_config;
    std::unique_ptr<SnapshotFetcher> m_fetcher;
    std::unique_ptr<AccountPoller> m_poller;
    std::unique_ptr<LiveAccount> m_live;
    QTimer m_rowTimer; // live: the next row set once --interval has passed since the last one
    std::optional<AccountSnapshot> m_pendingRow;
    qint64 m_lastRowAtMs = 0;
    bool m_saidPolling = false;
    std::unique_ptr<SnapshotCsvAppender> m_appender;
    std::unique_ptr<TerminationSignals> m_signals;
    std::unique_ptr<KeyPermissionCheck> m_keyCheck;
    bool m_keyChecked = false;
    int m_consecutiveFailures = 0;
    bool m_finished = false;
    int m_exitCode = ExitSuccess;
    QString m_errorLine;
};

// Requires a QCoreApplication (a QApplication works too, but is not needed). Runs the event loop
// until the run ends, writes the failure line (if any) to stderr, returns the exit status.
int runHeadless(const CommandLineOptions& options, ClientConfig config);

} // namespace marginwatch
