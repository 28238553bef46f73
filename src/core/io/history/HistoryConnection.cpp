#include "io/history/HistoryConnection.h"

#include <QAtomicInteger>
#include <QDir>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

QAtomicInteger<int> s_connectionCounter;

// SQLite's primary result codes for a file that is not a database (26) or is corrupt (11).
bool isDamage(const QSqlError& error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok && ((code & 0xff) == 11 || (code & 0xff) == 26);
}

} // namespace

HistoryConnection::HistoryConnection(QString name, QString path)
    : m_name(std::move(name))
    , m_path(std::move(path))
{}

HistoryConnection::~HistoryConnection()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

SqlResult<std::unique_ptr<HistoryConnection>> HistoryConnection::open(const QString& path, int busyTimeoutMs)
{
    const QString name = u"marginwatch-history-%1"_s.arg(s_connectionCounter.fetchAndAddRelaxed(1));
    std::unique_ptr<HistoryConnection> connection(new HistoryConnection(name, path));
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
    db.setDatabaseName(path);
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(busyTimeoutMs));
    if (!db.open())
        return failure(connection->describe(db.lastError(), tr("opening it")));
    // The first statement reads the file: this is where a file that is not a database shows.
    SqlResult<QSqlQuery> mode = connection->run(u"PRAGMA journal_mode=WAL"_s, {}, tr("opening it"));
    if (!mode)
        return failure(mode.error());
    if (!mode->next() || mode->value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0)
        return failure(
            SqlFailure{tr("%1 does not accept WAL mode.").arg(QDir::toNativeSeparators(path)), false});
    // NORMAL: a power cut may lose the last polls, never the database (WAL keeps it consistent).
    if (const SqlResult<QSqlQuery> sync =
            connection->run(u"PRAGMA synchronous=NORMAL"_s, {}, tr("opening it"));
        !sync)
        return failure(sync.error());
    return connection;
}

QSqlDatabase HistoryConnection::database() const
{
    return QSqlDatabase::database(m_name, false);
}

SqlFailure HistoryConnection::describe(const QSqlError& error, const QString& what) const
{
    if (isDamage(error)) {
        return {tr("The history database %1 is damaged (%2).")
                    .arg(QDir::toNativeSeparators(m_path), error.databaseText()),
                true};
    }
    QString reason = error.databaseText();
    if (reason.isEmpty())
        reason = error.text();
    return {tr("Database error while %1 (%2): %3").arg(what, QDir::toNativeSeparators(m_path), reason),
            false};
}

SqlResult<QSqlQuery> HistoryConnection::run(const QString& sql, const QVariantList& values,
                                            const QString& what) const
{
    QSqlQuery query(database());
    query.setForwardOnly(true);
    // prepare() is checked on its own: exec() after a failed prepare only says "No query".
    if (!query.prepare(sql))
        return failure(describe(query.lastError(), what));
    for (const QVariant& value : values)
        query.addBindValue(value);
    if (!query.exec())
        return failure(describe(query.lastError(), what));
    return query;
}

SqlResult<void> HistoryConnection::run(QSqlQuery& query, const QString& what) const
{
    if (!query.exec())
        return failure(describe(query.lastError(), what));
    return {};
}

SqlResult<void> HistoryConnection::transaction(const QString& what) const
{
    QSqlDatabase db = database();
    if (!db.transaction())
        return failure(describe(db.lastError(), what));
    return {};
}

SqlResult<void> HistoryConnection::commit(const QString& what) const
{
    QSqlDatabase db = database();
    if (!db.commit()) {
        const SqlFailure why = describe(db.lastError(), what);
        db.rollback();
        return failure(why);
    }
    return {};
}

void HistoryConnection::rollback() const
{
    database().rollback();
}

} // namespace marginwatch
