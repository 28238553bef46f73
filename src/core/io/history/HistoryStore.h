#pragma once

#include "io/history/HistoryAccount.h"
#include "io/history/HistoryConnection.h"
#include "io/history/HistoryQueries.h"
#include "model/AccountSnapshot.h"
#include "util/Expected.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>

class QIODevice;
class QThread;

namespace marginwatch {

class HistoryWriter;

// The app's account history: a SQLite database (WAL) in the app data directory, one series per
// account (HistoryAccount). The History tab reads it; every good poll of a real account writes it.
//
// - Writes happen on a worker thread with its own connection (HistoryWriter): record() only queues
//   the snapshot, so the GUI thread never waits for the disk. Reads (charts, exports) use this
//   object's own connection; WAL lets them run while the writer writes.
// - A damaged database (not a database, or corrupt) is moved aside, never deleted
//   (history.sqlite.damaged-<time>), and a new one is started; notice() says where the old one is.
// - Rows older than the retention are pruned by the writer in small batches.
// - Any other database error (locked by another process, disk full) is reported once through
//   errorOccurred() and the store disables itself; monitoring carries on without history.
class HistoryStore : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultRetentionDays = 30;

    explicit HistoryStore(QObject* parent = nullptr);
    ~HistoryStore() override;

    // <AppDataLocation>/history.sqlite
    static QString defaultDatabasePath();

    // Opens (creating or upgrading if needed) the database; an empty path means defaultDatabasePath().
    // On failure errorString() says why and errorOccurred() was emitted.
    bool open(const QString& databasePath = QString());
    void close();
    bool isEnabled() const { return m_enabled; }
    QString databasePath() const { return m_path; }
    QString errorString() const { return m_error; }
    // Set when a damaged database was moved aside: what happened and where the old file is.
    QString notice() const { return m_notice; }

    // The account whose polls record() stores; an invalid account (the built-in simulator) stores
    // nothing.
    void setAccount(const HistoryAccount& account);
    HistoryAccount account() const { return m_account; }

    // Days of history to keep; 0 keeps everything. Changing it schedules a prune.
    void setRetentionDays(int days);
    int retentionDays() const { return m_retentionDays; }

    // Reads. Bounds are inclusive; an invalid QDateTime is an open end.
    std::optional<qint64> accountId(const HistoryAccount& account);
    QList<StoredHistoryAccount> accounts();
    QList<HistoryPoint> series(qint64 accountId, const QDateTime& from, const QDateTime& to,
                               int maxPoints = 2000);
    int snapshotCount(qint64 accountId, const QDateTime& from = QDateTime(),
                      const QDateTime& to = QDateTime());
    std::optional<QDateTime> firstSnapshotTime(qint64 accountId);
    std::optional<QDateTime> lastSnapshotTime(qint64 accountId);

    // One account's range in the CSV contract's three formats (see HistoryQueries::exportRange).
    Expected<void> exportRange(qint64 accountId, QIODevice* totals, QIODevice* assets, QIODevice* positions,
                               const QDateTime& from, const QDateTime& to);
    // STEM-totals.csv, STEM-assets.csv, STEM-positions.csv, all three or none (writeCsvFilesAtomically).
    Expected<void> exportRange(qint64 accountId, const QString& stem, const QDateTime& from,
                               const QDateTime& to);

    // Queues one good snapshot of another account than the current one (the accounts overview watches
    // several at once, each in its own series).
    void recordFor(const HistoryAccount& account, const AccountSnapshot& snapshot);

    // Blocks until every record and prune batch queued so far is written, then delivers the
    // writer's signals. For tests, benchmarks and shutdown.
    void waitForWrites();

public Q_SLOTS:
    // Queues one good snapshot of the current account for the writer.
    void record(const marginwatch::AccountSnapshot& snapshot);
    // Starts a prune with cutoff = now - retention (no-op with retention 0).
    void pruneNow();

Q_SIGNALS:
    void recorded(const QDateTime& time);
    void errorOccurred(const QString& message);
    void enabledChanged(bool enabled);
    void pruneFinished(int rowsRemoved);
    // A damaged database was moved aside and a new one started; the message says where it went.
    void databaseReplaced(const QString& message);
    void accountChanged(const marginwatch::HistoryAccount& account);

private:
    SqlResult<void> openReader();
    bool replaceDamaged(const SqlFailure& failure);
    void startWriter();
    void stopWriter();
    void onWriterFailed(const QString& message, bool damaged);
    template <typename T>
    std::optional<T> read(SqlResult<T> result);
    void fail(const QString& message);

    QString m_path;
    QString m_error;
    QString m_notice;
    bool m_enabled = false;
    bool m_replacedThisSession = false;
    int m_writerGeneration = 0;
    HistoryAccount m_account;
    int m_retentionDays = kDefaultRetentionDays;
    std::unique_ptr<HistoryConnection> m_reader;
    QThread* m_writerThread = nullptr;
    HistoryWriter* m_writer = nullptr; // lives on m_writerThread
    QTimer m_pruneTimer;               // hourly
};

} // namespace marginwatch
