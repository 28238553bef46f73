#include "io/history/HistoryQueries.h"

#include "io/CsvWriter.h"
#include "io/history/HistorySchema.h"
#include "model/Decimal.h"

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

qint64 lowerBound(const QDateTime& from)
{
    return from.isValid() ? from.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min();
}

qint64 upperBound(const QDateTime& to)
{
    return to.isValid() ? to.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
}

QDateTime utcFromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

double chartValue(const QVariant& text)
{
    const std::optional<Decimal> value = Decimal::parse(text.toString());
    return value ? value->toDouble() : std::nan("");
}

SqlFailure deviceFailure(const CsvWriter& writer)
{
    return SqlFailure{writer.errorString(), false};
}

SqlResult<std::optional<QDateTime>> boundTime(const HistoryConnection& db, qint64 accountId,
                                              const QString& sql)
{
    SqlResult<QSqlQuery> query = db.run(sql, {accountId}, HistoryQueries::tr("reading history"));
    if (!query)
        return failure(query.error());
    if (!query->next() || query->value(0).isNull())
        return std::optional<QDateTime>();
    return std::optional<QDateTime>(utcFromMs(query->value(0).toLongLong()));
}

} // namespace

SqlResult<std::optional<qint64>> HistoryQueries::accountId(const HistoryConnection& db,
                                                           const HistoryAccount& account)
{
    SqlResult<QSqlQuery> query =
        db.run(u"SELECT id FROM accounts WHERE profile_id = ? AND fingerprint = ?"_s,
               {notNull(account.profileId), notNull(account.fingerprint)}, tr("reading history"));
    if (!query)
        return failure(query.error());
    if (!query->next())
        return std::optional<qint64>();
    return std::optional<qint64>(query->value(0).toLongLong());
}

SqlResult<QList<StoredHistoryAccount>> HistoryQueries::accounts(const HistoryConnection& db)
{
    // min() and max() per account come straight from the (account_id, taken_at_ms) key: cheap
    // enough to ask whenever the History tab redraws.
    SqlResult<QSqlQuery> query =
        db.run(u"SELECT id, profile_id, fingerprint, name, first, last FROM (SELECT a.*, "
               "(SELECT min(taken_at_ms) FROM totals WHERE account_id = a.id) AS first, "
               "(SELECT max(taken_at_ms) FROM totals WHERE account_id = a.id) AS last FROM accounts a) "
               "WHERE last IS NOT NULL ORDER BY last DESC"_s,
               {}, tr("reading history"));
    if (!query)
        return failure(query.error());
    QList<StoredHistoryAccount> result;
    while (query->next()) {
        StoredHistoryAccount stored;
        stored.id = query->value(0).toLongLong();
        stored.account.profileId = query->value(1).toString();
        stored.account.fingerprint = query->value(2).toString();
        stored.account.name = query->value(3).toString();
        stored.first = utcFromMs(query->value(4).toLongLong());
        stored.last = utcFromMs(query->value(5).toLongLong());
        result << stored;
    }
    return result;
}

SqlResult<int> HistoryQueries::snapshotCount(const HistoryConnection& db, qint64 accountId,
                                             const QDateTime& from, const QDateTime& to)
{
    SqlResult<QSqlQuery> query =
        db.run(u"SELECT count(*) FROM totals WHERE account_id = ? AND taken_at_ms BETWEEN ? AND ?"_s,
               {accountId, lowerBound(from), upperBound(to)}, tr("reading history"));
    if (!query)
        return failure(query.error());
    return query->next() ? query->value(0).toInt() : 0;
}

SqlResult<QList<HistoryPoint>> HistoryQueries::series(const HistoryConnection& db, qint64 accountId,
                                                      const QDateTime& from, const QDateTime& to,
                                                      int maxPoints)
{
    const SqlResult<int> count = snapshotCount(db, accountId, from, to);
    if (!count)
        return failure(count.error());
    QList<HistoryPoint> points;
    if (*count <= 0)
        return points;
    const int stride = maxPoints > 0 ? qMax(1, (*count + maxPoints - 1) / maxPoints) : 1;
    SqlResult<QSqlQuery> query =
        db.run(u"SELECT taken_at_ms, \"totalMarginBalance\", \"totalUnrealizedProfit\", margin_ratio_real "
               "FROM (SELECT *, row_number() OVER (ORDER BY taken_at_ms) AS rn FROM totals "
               "WHERE account_id = ? AND taken_at_ms BETWEEN ? AND ?) "
               "WHERE (rn - 1) % ? = 0 OR rn = ? ORDER BY taken_at_ms"_s,
               {accountId, lowerBound(from), upperBound(to), stride, *count}, tr("reading history"));
    if (!query)
        return failure(query.error());
    points.reserve(qMin(*count, maxPoints > 0 ? maxPoints + 1 : *count));
    while (query->next()) {
        HistoryPoint point;
        point.time = utcFromMs(query->value(0).toLongLong());
        point.marginBalance = chartValue(query->value(1));
        point.unrealizedProfit = chartValue(query->value(2));
        if (!query->value(3).isNull())
            point.marginRatio = query->value(3).toDouble();
        points << point;
    }
    return points;
}

SqlResult<std::optional<QDateTime>> HistoryQueries::firstSnapshotTime(const HistoryConnection& db,
                                                                      qint64 accountId)
{
    return boundTime(db, accountId, u"SELECT min(taken_at_ms) FROM totals WHERE account_id = ?"_s);
}

SqlResult<std::optional<QDateTime>> HistoryQueries::lastSnapshotTime(const HistoryConnection& db,
                                                                     qint64 accountId)
{
    return boundTime(db, accountId, u"SELECT max(taken_at_ms) FROM totals WHERE account_id = ?"_s);
}

SqlResult<void> HistoryQueries::exportRange(const HistoryConnection& db, qint64 accountId,
                                            const std::array<QIODevice*, 3>& devices, const QDateTime& from,
                                            const QDateTime& to)
{
    const QString what = tr("exporting history");
    const qint64 lo = lowerBound(from);
    const qint64 hi = upperBound(to);

    // Totals: one row per stored poll.
    CsvWriter totalsWriter(devices[0]);
    if (!totalsWriter.writeRow(csvHeader(CsvTable::Totals)))
        return failure(deviceFailure(totalsWriter));
    const QStringList totalsColumns = HistorySchema::storedColumns(CsvTable::Totals);
    SqlResult<QSqlQuery> totals =
        db.run(u"SELECT taken_at_ms, %1 FROM totals WHERE account_id = ? AND taken_at_ms BETWEEN ? AND ? "
               "ORDER BY taken_at_ms"_s.arg(HistorySchema::quoted(totalsColumns)),
               {accountId, lo, hi}, what);
    if (!totals)
        return failure(totals.error());
    std::optional<qint64> firstPoll;
    while (totals->next()) {
        const qint64 ms = totals->value(0).toLongLong();
        if (!firstPoll)
            firstPoll = ms;
        QStringList row{csvTimestamp(utcFromMs(ms))};
        for (int c = 0; c < totalsColumns.size(); ++c)
            row << totals->value(c + 1).toString();
        if (!totalsWriter.writeRow(row))
            return failure(deviceFailure(totalsWriter));
    }

    // Assets and positions: the set in effect at the first poll, then every change in the range.
    for (const CsvTable table : {CsvTable::Assets, CsvTable::Positions}) {
        const HistorySchema::SetTables& t = HistorySchema::setTables(table);
        CsvWriter writer(devices[table == CsvTable::Assets ? 1 : 2]);
        if (!writer.writeRow(csvHeader(table)))
            return failure(deviceFailure(writer));
        if (!firstPoll)
            continue;
        SqlResult<QSqlQuery> effective =
            db.run(u"SELECT max(taken_at_ms) FROM %1 WHERE account_id = ? AND taken_at_ms <= ?"_s.arg(t.sets),
                   {accountId, *firstPoll}, what);
        if (!effective)
            return failure(effective.error());
        const qint64 start = effective->next() && !effective->value(0).isNull()
                                 ? effective->value(0).toLongLong()
                                 : *firstPoll;
        const QStringList columns = HistorySchema::storedColumns(table);
        SqlResult<QSqlQuery> rows =
            db.run(u"SELECT taken_at_ms, %1 FROM %2 WHERE account_id = ? AND taken_at_ms BETWEEN ? AND ? "
                   "ORDER BY taken_at_ms, ord"_s.arg(HistorySchema::quoted(columns), t.rows),
                   {accountId, start, hi}, what);
        if (!rows)
            return failure(rows.error());
        qint64 lastMs = std::numeric_limits<qint64>::min();
        QString timestamp;
        while (rows->next()) {
            const qint64 ms = qMax(rows->value(0).toLongLong(), *firstPoll);
            if (ms != lastMs) { // a set's rows share their time: format it once
                timestamp = csvTimestamp(utcFromMs(ms));
                lastMs = ms;
            }
            QStringList row{timestamp};
            for (int c = 0; c < columns.size(); ++c)
                row << rows->value(c + 1).toString();
            if (!writer.writeRow(row))
                return failure(deviceFailure(writer));
        }
    }
    return {};
}

} // namespace marginwatch
