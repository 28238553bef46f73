#include "io/history/HistorySchema.h"

#include "io/history/HistoryAccount.h"

#include <QDir>
#include <QSet>

#include <array>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr std::array kVersion1Tables{"totals"_L1, "asset_sets"_L1, "assets"_L1, "position_sets"_L1,
                                     "positions"_L1};

QString textColumns(CsvTable table)
{
    QStringList definitions;
    for (const QString& name : HistorySchema::storedColumns(table))
        definitions << u"\"%1\" TEXT"_s.arg(name); // NULL = the CSV's empty field
    return definitions.join(u", "_s);
}

SqlResult<QStringList> columnsOf(const HistoryConnection& db, const QString& table, const QString& what)
{
    SqlResult<QSqlQuery> info = db.run(u"PRAGMA table_info(\"%1\")"_s.arg(table), {}, what);
    if (!info)
        return failure(info.error());
    QStringList names;
    while (info->next())
        names << info->value(1).toString();
    return names;
}

} // namespace

const HistorySchema::SetTables& HistorySchema::setTables(CsvTable table)
{
    static const SetTables assets{u"asset_sets"_s, u"assets"_s, CsvTable::Assets};
    static const SetTables positions{u"position_sets"_s, u"positions"_s, CsvTable::Positions};
    return table == CsvTable::Assets ? assets : positions;
}

QStringList HistorySchema::storedColumns(CsvTable table)
{
    return csvHeader(table).mid(1);
}

QString HistorySchema::quoted(const QStringList& columns)
{
    QStringList result;
    result.reserve(columns.size());
    for (const QString& name : columns)
        result << u'"' + name + u'"';
    return result.join(u", "_s);
}

QString HistorySchema::placeholders(qsizetype count)
{
    QStringList marks;
    for (qsizetype i = 0; i < count; ++i)
        marks << u"?"_s;
    return marks.join(u", "_s);
}

SqlResult<void> HistorySchema::ensure(const HistoryConnection& db)
{
    const QString what = tr("setting up the tables");
    SqlResult<QSqlQuery> version = db.run(u"PRAGMA user_version"_s, {}, what);
    if (!version)
        return failure(version.error());
    const int found = version->next() ? version->value(0).toInt() : 0;
    version = QSqlQuery(); // release the statement before the schema changes
    if (found > kVersion) {
        return failure(SqlFailure{
            tr("%1 was written by a newer version of marginwatch.").arg(QDir::toNativeSeparators(db.path())),
            false});
    }
    if (SqlResult<void> begun = db.transaction(what); !begun)
        return begun;
    SqlResult<void> done = found == 1 ? upgradeFromVersion1(db) : create(db);
    if (done)
        done = addMissingColumns(db);
    if (done) {
        SqlResult<QSqlQuery> stamp = db.run(u"PRAGMA user_version = %1"_s.arg(kVersion), {}, what);
        if (!stamp)
            done = failure(stamp.error());
    }
    if (!done) {
        db.rollback();
        return done;
    }
    return db.commit(what);
}

SqlResult<void> HistorySchema::create(const HistoryConnection& db)
{
    const QStringList statements{
        u"CREATE TABLE IF NOT EXISTS accounts (id INTEGER PRIMARY KEY, profile_id TEXT NOT NULL, "
        "fingerprint TEXT NOT NULL, name TEXT NOT NULL DEFAULT '', UNIQUE (profile_id, fingerprint))"_s,
        u"CREATE TABLE IF NOT EXISTS totals (account_id INTEGER NOT NULL, taken_at_ms INTEGER NOT NULL, "
        "%1, margin_ratio_real REAL, PRIMARY KEY (account_id, taken_at_ms))"_s.arg(
            textColumns(CsvTable::Totals)),
        u"CREATE TABLE IF NOT EXISTS asset_sets (account_id INTEGER NOT NULL, taken_at_ms INTEGER NOT NULL, "
        "PRIMARY KEY (account_id, taken_at_ms))"_s,
        u"CREATE TABLE IF NOT EXISTS assets (account_id INTEGER NOT NULL, taken_at_ms INTEGER NOT NULL, "
        "ord INTEGER NOT NULL, %1, PRIMARY KEY (account_id, taken_at_ms, ord))"_s.arg(
            textColumns(CsvTable::Assets)),
        u"CREATE TABLE IF NOT EXISTS position_sets (account_id INTEGER NOT NULL, taken_at_ms INTEGER NOT NULL, "
        "PRIMARY KEY (account_id, taken_at_ms))"_s,
        u"CREATE TABLE IF NOT EXISTS positions (account_id INTEGER NOT NULL, taken_at_ms INTEGER NOT NULL, "
        "ord INTEGER NOT NULL, %1, PRIMARY KEY (account_id, taken_at_ms, ord))"_s.arg(
            textColumns(CsvTable::Positions)),
    };
    for (const QString& sql : statements) {
        if (SqlResult<QSqlQuery> created = db.run(sql, {}, tr("creating the tables")); !created)
            return failure(created.error());
    }
    return {};
}

SqlResult<void> HistorySchema::upgradeFromVersion1(const HistoryConnection& db)
{
    const QString what = tr("upgrading the history to one series per account");
    for (const QLatin1StringView table : kVersion1Tables) {
        if (SqlResult<QSqlQuery> renamed = db.run(u"ALTER TABLE %1 RENAME TO %1_v1"_s.arg(table), {}, what);
            !renamed)
            return failure(renamed.error());
    }
    if (SqlResult<void> created = create(db); !created)
        return created;
    const HistoryAccount unassigned = HistoryAccount::unassigned();
    SqlResult<QSqlQuery> account =
        db.run(u"INSERT INTO accounts (profile_id, fingerprint, name) VALUES (?, ?, '')"_s,
               {notNull(unassigned.profileId), notNull(unassigned.fingerprint)}, what);
    if (!account)
        return failure(account.error());
    const QVariant accountId = account->lastInsertId();

    for (const QLatin1StringView table : kVersion1Tables) {
        const QString old = table + u"_v1"_s;
        const SqlResult<QStringList> oldColumns = columnsOf(db, old, what);
        const SqlResult<QStringList> newColumns = columnsOf(db, table, what);
        if (!oldColumns || !newColumns)
            return failure(!oldColumns ? oldColumns.error() : newColumns.error());
        QStringList copied;
        for (const QString& column : *oldColumns) {
            if (column != u"account_id"_s && newColumns->contains(column))
                copied << column;
        }
        const QString sql =
            u"INSERT INTO %1 (account_id, %2) SELECT ?, %2 FROM %3"_s.arg(table, quoted(copied), old);
        if (SqlResult<QSqlQuery> moved = db.run(sql, {accountId}, what); !moved)
            return failure(moved.error());
        if (SqlResult<QSqlQuery> dropped = db.run(u"DROP TABLE %1"_s.arg(old), {}, what); !dropped)
            return failure(dropped.error());
    }
    return {};
}

SqlResult<void> HistorySchema::addMissingColumns(const HistoryConnection& db)
{
    const QString what = tr("adding new columns");
    const std::array<std::pair<QString, CsvTable>, 3> tables{{{u"totals"_s, CsvTable::Totals},
                                                              {u"assets"_s, CsvTable::Assets},
                                                              {u"positions"_s, CsvTable::Positions}}};
    for (const auto& [table, csv] : tables) {
        const SqlResult<QStringList> present = columnsOf(db, table, what);
        if (!present)
            return failure(present.error());
        const QSet<QString> have(present->begin(), present->end());
        for (const QString& column : storedColumns(csv)) {
            if (have.contains(column))
                continue;
            const QString sql = u"ALTER TABLE %1 ADD COLUMN \"%2\" TEXT"_s.arg(table, column);
            if (SqlResult<QSqlQuery> added = db.run(sql, {}, what); !added)
                return failure(added.error());
        }
    }
    return {};
}

} // namespace marginwatch
