#pragma once

#include "io/SnapshotCsvFormat.h"
#include "io/history/HistoryAccount.h"
#include "io/history/HistoryConnection.h"
#include "model/AccountSnapshot.h"

#include <QHash>
#include <QObject>
#include <QSqlQuery>

#include <array>
#include <memory>
#include <optional>

namespace marginwatch {

// The history database's only writer. It lives on its own thread with its own connection
// (qBittorrent's resume-data storage worker is the pattern): the store queues jobs to it in order,
// so a poll costs the GUI thread one queued call, whatever the account holds.
//
// - Every snapshot stores its totals; asset and position rows only when the list differs from the
//   account's last stored one (see sameRecordedList), as a set (a set may be empty: all closed).
// - One transaction per snapshot. A database error is reported once through failed() and the
//   writer stops; the store decides what happens next.
class HistoryWriter : public QObject
{
    Q_OBJECT
public:
    static constexpr int kBusyTimeoutMs = 5000; // off the GUI thread: waiting is harmless

    explicit HistoryWriter(QString path);
    ~HistoryWriter() override;

    // Each runs on the writer's thread, in the order queued.
    void open();
    void record(const marginwatch::HistoryAccount& account, const marginwatch::AccountSnapshot& snapshot);
    void prune(qint64 cutoffMs); // in batches, letting queued records run in between
    void close();

Q_SIGNALS:
    void recorded(const QDateTime& time);
    void failed(const QString& message, bool damaged);
    void pruneFinished(int rowsRemoved);

private:
    struct AccountState
    {
        qint64 id = 0;
        std::optional<QList<AssetBalance>> assets; // as last stored; nullopt until the first set
        std::optional<QList<Position>> positions;
    };

    SqlResult<AccountState*> stateFor(const HistoryAccount& account);
    SqlResult<void> store(AccountState& state, const AccountSnapshot& snapshot, bool assets, bool positions);
    SqlResult<void> storeSet(CsvTable table, qint64 accountId, qint64 takenAtMs,
                             const AccountSnapshot& snapshot);
    enum Statement
    {
        InsertTotals,
        InsertAssetSet,
        DeleteAssets,
        InsertAsset,
        InsertPositionSet,
        DeletePositions,
        InsertPosition,
        StatementCount
    };
    SqlResult<QSqlQuery*> prepared(Statement statement);
    void continuePrune();
    void fail(const SqlFailure& failure);

    QString m_path;
    std::unique_ptr<HistoryConnection> m_db;
    std::array<std::unique_ptr<QSqlQuery>, StatementCount> m_statements; // prepared once per connection
    QHash<QString, AccountState> m_accounts;                             // by profile id + fingerprint
    bool m_failed = false;
    std::optional<qint64> m_pruneCutoffMs;
    int m_pruneRemoved = 0;
};

} // namespace marginwatch
