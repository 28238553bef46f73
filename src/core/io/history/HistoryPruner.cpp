#include "io/history/HistoryPruner.h"

#include "io/history/HistorySchema.h"

using namespace Qt::StringLiterals;

namespace marginwatch {

SqlResult<int> HistoryPruner::pruneBatch(const HistoryConnection& db, qint64 cutoffMs, int maxRows)
{
    const QString what = tr("removing old history");
    int removed = 0;
    SqlResult<QSqlQuery> totals = db.run(u"DELETE FROM totals WHERE rowid IN "
                                         "(SELECT rowid FROM totals WHERE taken_at_ms < ? LIMIT ?)"_s,
                                         {cutoffMs, maxRows}, what);
    if (!totals)
        return failure(totals.error());
    removed += totals->numRowsAffected();

    for (const CsvTable table : {CsvTable::Assets, CsvTable::Positions}) {
        const HistorySchema::SetTables& t = HistorySchema::setTables(table);
        // Per account, the set in effect at the cutoff still describes the polls after it: keep it.
        SqlResult<QSqlQuery> keep = db.run(
            u"SELECT account_id, max(taken_at_ms) FROM %1 WHERE taken_at_ms <= ? GROUP BY account_id"_s.arg(
                t.sets),
            {cutoffMs}, what);
        if (!keep)
            return failure(keep.error());
        QList<std::pair<qint64, qint64>> keepFrom;
        while (keep->next())
            keepFrom.append({keep->value(0).toLongLong(), keep->value(1).toLongLong()});
        keep = QSqlQuery();
        for (const auto& [accountId, from] : keepFrom) {
            for (const QString& name : {t.rows, t.sets}) {
                SqlResult<QSqlQuery> cut = db.run(
                    u"DELETE FROM %1 WHERE rowid IN (SELECT rowid FROM %1 WHERE account_id = ? AND taken_at_ms < ? "
                    "LIMIT ?)"_s.arg(name),
                    {accountId, from, maxRows}, what);
                if (!cut)
                    return failure(cut.error());
                removed += cut->numRowsAffected();
            }
        }
    }
    return removed;
}

} // namespace marginwatch
