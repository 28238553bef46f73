#include "io/history/HistoryWriter.h"

#include "io/SnapshotCsvFormat.h"
#include "io/history/HistoryPruner.h"
#include "io/history/HistorySchema.h"
#include "io/history/RecordedList.h"
#include "model/AccountSemantics.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

QString accountKey(const HistoryAccount& account)
{
    return account.profileId + u'\n' + account.fingerprint;
}

QString insertRowSql(const HistorySchema::SetTables& t)
{
    const QStringList columns = HistorySchema::storedColumns(t.table);
    return u"INSERT INTO %1 (account_id, taken_at_ms, ord, %2) VALUES (?, ?, ?, %3)"_s.arg(
        t.rows, HistorySchema::quoted(columns), HistorySchema::placeholders(columns.size()));
}

} // namespace

HistoryWriter::HistoryWriter(QString path)
    : m_path(std::move(path))
{}

HistoryWriter::~HistoryWriter()
{
    close();
}

void HistoryWriter::open()
{
    close();
    m_failed = false;
    SqlResult<std::unique_ptr<HistoryConnection>> db = HistoryConnection::open(m_path, kBusyTimeoutMs);
    if (!db) {
        fail(db.error());
        return;
    }
    m_db = std::move(*db);
}

void HistoryWriter::close()
{
    for (auto& statement : m_statements)
        statement.reset(); // before the connection goes
    m_db.reset();
    m_accounts.clear();
    m_pruneCutoffMs.reset();
}

void HistoryWriter::fail(const SqlFailure& failure)
{
    if (m_failed)
        return;
    m_failed = true;
    m_pruneCutoffMs.reset();
    Q_EMIT failed(failure.message, failure.damaged);
}

SqlResult<QSqlQuery*> HistoryWriter::prepared(Statement statement)
{
    std::unique_ptr<QSqlQuery>& slot = m_statements[statement];
    if (slot)
        return slot.get();
    QString sql;
    const HistorySchema::SetTables& assets = HistorySchema::setTables(CsvTable::Assets);
    const HistorySchema::SetTables& positions = HistorySchema::setTables(CsvTable::Positions);
    switch (statement) {
    case InsertTotals: {
        const QStringList columns = HistorySchema::storedColumns(CsvTable::Totals);
        sql = u"INSERT OR REPLACE INTO totals (account_id, taken_at_ms, %1, margin_ratio_real) "
              "VALUES (?, ?, %2, ?)"_s.arg(HistorySchema::quoted(columns),
                                           HistorySchema::placeholders(columns.size()));
        break;
    }
    case InsertAssetSet:
    case InsertPositionSet:
        sql = u"INSERT OR REPLACE INTO %1 (account_id, taken_at_ms) VALUES (?, ?)"_s.arg(
            statement == InsertAssetSet ? assets.sets : positions.sets);
        break;
    case DeleteAssets:
    case DeletePositions:
        sql = u"DELETE FROM %1 WHERE account_id = ? AND taken_at_ms = ?"_s.arg(
            statement == DeleteAssets ? assets.rows : positions.rows);
        break;
    case InsertAsset:
        sql = insertRowSql(assets);
        break;
    case InsertPosition:
        sql = insertRowSql(positions);
        break;
    case StatementCount:
        break;
    }
    auto query = std::make_unique<QSqlQuery>(m_db->database());
    if (!query->prepare(sql))
        return failure(m_db->describe(query->lastError(), tr("storing history")));
    slot = std::move(query);
    return slot.get();
}

SqlResult<HistoryWriter::AccountState*> HistoryWriter::stateFor(const HistoryAccount& account)
{
    const QString key = accountKey(account);
    const auto found = m_accounts.find(key);
    if (found != m_accounts.end())
        return &found.value();
    const QString what = tr("storing history");
    // The name is a label that follows the profile; the identity is the profile and fingerprint.
    SqlResult<QSqlQuery> upsert =
        m_db->run(u"INSERT INTO accounts (profile_id, fingerprint, name) VALUES (?, ?, ?) "
                  "ON CONFLICT (profile_id, fingerprint) DO UPDATE SET name = excluded.name"_s,
                  {notNull(account.profileId), notNull(account.fingerprint), notNull(account.name)}, what);
    if (!upsert)
        return failure(upsert.error());
    SqlResult<QSqlQuery> id = m_db->run(u"SELECT id FROM accounts WHERE profile_id = ? AND fingerprint = ?"_s,
                                        {notNull(account.profileId), notNull(account.fingerprint)}, what);
    if (!id)
        return failure(id.error());
    if (!id->next())
        return failure(SqlFailure{tr("the account row could not be read back"), false});
    AccountState state;
    state.id = id->value(0).toLongLong();
    return &m_accounts.insert(key, state).value();
}

void HistoryWriter::record(const HistoryAccount& account, const AccountSnapshot& snapshot)
{
    if (m_failed || !m_db || !account.isValid() || !snapshot.isValid())
        return;
    const SqlResult<AccountState*> state = stateFor(account);
    if (!state) {
        fail(state.error());
        return;
    }
    AccountState& s = **state;
    const bool assetsChanged = !s.assets || !sameRecordedList(*s.assets, snapshot.assets);
    const bool positionsChanged = !s.positions || !sameRecordedList(*s.positions, snapshot.positions);
    const QString what = tr("storing history");
    if (SqlResult<void> begun = m_db->transaction(what); !begun) {
        fail(begun.error());
        return;
    }
    SqlResult<void> stored = store(s, snapshot, assetsChanged, positionsChanged);
    if (stored)
        stored = m_db->commit(what);
    else
        m_db->rollback();
    if (!stored) {
        fail(stored.error());
        return;
    }
    // Kept even when equal: the next poll's identical list is then recognised by identity.
    s.assets = snapshot.assets;
    s.positions = snapshot.positions;
    Q_EMIT recorded(snapshot.takenAt);
}

SqlResult<void> HistoryWriter::store(AccountState& state, const AccountSnapshot& snapshot, bool assets,
                                     bool positions)
{
    const qint64 takenAtMs = snapshot.takenAt.toMSecsSinceEpoch();
    const QString what = tr("storing history");
    const SqlResult<QSqlQuery*> totals = prepared(InsertTotals);
    if (!totals)
        return failure(totals.error());
    QSqlQuery& query = **totals;
    query.addBindValue(state.id);
    query.addBindValue(takenAtMs);
    const QStringList row = totalsCsvRow(snapshot);
    for (qsizetype i = 1; i < row.size(); ++i) // after snapshot_time_utc
        query.addBindValue(row.at(i));
    const std::optional<double> ratio = marginRatio(snapshot.totals);
    query.addBindValue(ratio ? QVariant(*ratio) : QVariant());
    if (SqlResult<void> done = m_db->run(query, what); !done)
        return done;
    if (assets) {
        if (SqlResult<void> done = storeSet(CsvTable::Assets, state.id, takenAtMs, snapshot); !done)
            return done;
    }
    if (positions) {
        if (SqlResult<void> done = storeSet(CsvTable::Positions, state.id, takenAtMs, snapshot); !done)
            return done;
    }
    return {};
}

SqlResult<void> HistoryWriter::storeSet(CsvTable table, qint64 accountId, qint64 takenAtMs,
                                        const AccountSnapshot& snapshot)
{
    const bool isAssets = table == CsvTable::Assets;
    const QString what = tr("storing history");
    for (const Statement statement :
         {isAssets ? InsertAssetSet : InsertPositionSet, isAssets ? DeleteAssets : DeletePositions}) {
        const SqlResult<QSqlQuery*> query = prepared(statement);
        if (!query)
            return failure(query.error());
        (*query)->addBindValue(accountId);
        (*query)->addBindValue(takenAtMs);
        if (SqlResult<void> done = m_db->run(**query, what); !done)
            return done;
    }
    const SqlResult<QSqlQuery*> statement = prepared(isAssets ? InsertAsset : InsertPosition);
    if (!statement)
        return failure(statement.error());
    QSqlQuery& query = **statement;
    // The rows' own time column is not stored (taken_at_ms is): no timestamp to format.
    auto insert = [&](qsizetype ord, const QStringList& row) -> SqlResult<void> {
        query.addBindValue(accountId);
        query.addBindValue(takenAtMs);
        query.addBindValue(ord);
        for (qsizetype i = 1; i < row.size(); ++i) // after snapshot_time_utc
            query.addBindValue(row.at(i));
        return m_db->run(query, what);
    };
    if (isAssets) {
        for (qsizetype r = 0; r < snapshot.assets.size(); ++r) {
            if (SqlResult<void> done = insert(r, assetCsvRow(QString(), snapshot.assets.at(r))); !done)
                return done;
        }
    } else {
        for (qsizetype r = 0; r < snapshot.positions.size(); ++r) {
            if (SqlResult<void> done = insert(r, positionCsvRow(QString(), snapshot.positions.at(r))); !done)
                return done;
        }
    }
    return {};
}

void HistoryWriter::prune(qint64 cutoffMs)
{
    if (m_failed || !m_db || m_pruneCutoffMs)
        return;
    m_pruneCutoffMs = cutoffMs;
    m_pruneRemoved = 0;
    continuePrune();
}

void HistoryWriter::continuePrune()
{
    if (!m_pruneCutoffMs || m_failed || !m_db)
        return;
    const SqlResult<int> removed = HistoryPruner::pruneBatch(*m_db, *m_pruneCutoffMs);
    if (!removed) {
        fail(removed.error());
        return;
    }
    m_pruneRemoved += *removed;
    if (*removed > 0) {
        QMetaObject::invokeMethod(this, &HistoryWriter::continuePrune, Qt::QueuedConnection);
        return;
    }
    m_pruneCutoffMs.reset();
    Q_EMIT pruneFinished(m_pruneRemoved);
}

} // namespace marginwatch
