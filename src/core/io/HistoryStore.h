#pragma once

#include "io/SnapshotCsvFormat.h"
#include "model/AccountSnapshot.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <optional>

class QIODevice;
class QSqlQuery;

namespace marginwatch {

// One point of the History tab's charts. Doubles are fine here: charts only, never money on its way
// to a table or a file (those read the exact TEXT columns).
struct HistoryPoint
{
    QDateTime time;                    // UTC
    double marginBalance = 0;          // totalMarginBalance
    double unrealizedProfit = 0;       // totalUnrealizedProfit
    std::optional<double> marginRatio; // totalMaintMargin / totalMarginBalance, as a fraction
};

// The app's account history: a SQLite database (QSQLITE, WAL) in the app data directory.
//
// - Every good poll stores its totals; asset and position rows only when they changed since the
//   last stored set (a "set" is all rows of one poll, so a set may be empty: everything closed).
// - Decimals are stored as TEXT exactly as the API sent them; the only REAL column is the chart copy
//   of the margin ratio. Column names are the CSV contract's names (io/SnapshotCsvFormat.h).
// - Rows older than the retention are pruned in small batches driven by a timer, so the UI never
//   waits for a large DELETE.
// - Any database error (corrupt file, locked by another process, disk full) is reported once through
//   errorOccurred() and the store disables itself; monitoring carries on without history.
class HistoryStore : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultRetentionDays = 30;
    static constexpr int kPruneBatchRows = 500;

    explicit HistoryStore(QObject* parent = nullptr);
    ~HistoryStore() override;

    // <AppDataLocation>/history.sqlite
    static QString defaultDatabasePath();

    // Opens (creating if needed) the database; an empty path means defaultDatabasePath().
    // False when it cannot be used: errorString() says why, errorOccurred() was emitted.
    bool open(const QString& databasePath = QString());
    void close();
    bool isEnabled() const { return m_enabled; }
    QString databasePath() const { return m_path; }
    QString errorString() const { return m_error; }

    // Days of history to keep; 0 keeps everything. Changing it schedules a prune.
    void setRetentionDays(int days);
    int retentionDays() const { return m_retentionDays; }

    // Chart data in [from, to] (invalid bounds = open ends), oldest first, thinned evenly to at most
    // maxPoints (the newest point is always kept).
    QList<HistoryPoint> series(const QDateTime& from, const QDateTime& to, int maxPoints = 2000);
    int snapshotCount(const QDateTime& from = QDateTime(), const QDateTime& to = QDateTime());
    std::optional<QDateTime> firstSnapshotTime();
    std::optional<QDateTime> lastSnapshotTime();

    // The range in the CSV contract's three formats. totals: one row per stored poll. assets and
    // positions: the rows in effect at the first poll of the range (stamped with that poll's time),
    // then the rows of every later poll in the range where they changed.
    bool exportRange(QIODevice* totals, QIODevice* assets, QIODevice* positions, const QDateTime& from,
                     const QDateTime& to);
    // STEM-totals.csv, STEM-assets.csv, STEM-positions.csv through QSaveFile.
    bool exportRange(const QString& stem, const QDateTime& from, const QDateTime& to);

    // One prune batch with an explicit cutoff (rows strictly older are removed; the asset and
    // position sets still in effect at the cutoff are kept). Returns the rows removed, -1 on error.
    int pruneBatch(const QDateTime& cutoff, int maxRows = kPruneBatchRows);

public Q_SLOTS:
    // Stores one good snapshot. False when disabled or on a database error (then disabled).
    bool record(const marginwatch::AccountSnapshot& snapshot);
    // Starts a background prune with cutoff = now - retention (no-op with retention 0).
    void pruneNow();

Q_SIGNALS:
    void recorded(const QDateTime& time);
    void errorOccurred(const QString& message);
    void enabledChanged(bool enabled);
    void pruneFinished(int rowsRemoved);

private:
    bool createSchema();
    bool exec(QSqlQuery& query, const QString& what);
    bool exec(const QString& sql, const QString& what);
    bool storeSet(CsvTable table, qint64 takenAtMs, const QList<QStringList>& rows);
    void fail(const QString& message);
    void runPruneBatch();

    QString m_connectionName;
    QString m_path;
    QString m_error;
    bool m_enabled = false;
    int m_retentionDays = kDefaultRetentionDays;
    std::optional<QList<QStringList>> m_lastAssetRows;
    std::optional<QList<QStringList>> m_lastPositionRows;
    QTimer m_pruneTimer;      // hourly
    QTimer m_pruneBatchTimer; // between batches of one prune
    QDateTime m_pruneCutoff;
    int m_pruneRemoved = 0;
};

} // namespace marginwatch
