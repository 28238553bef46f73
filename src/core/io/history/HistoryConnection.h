#pragma once

#include "util/Expected.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <memory>

class QSqlError;

namespace marginwatch {

// A statement that failed: the sentence for the user, and whether SQLite found the file damaged
// (not a database, or corrupt) rather than busy, full or unreachable.
struct SqlFailure
{
    QString message;
    bool damaged = false;
};

template <typename T>
using SqlResult = Expected<T, SqlFailure>;

// Qt binds a null QString as NULL; key columns want the empty text instead.
inline QString notNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

// One QSQLITE connection of the history database under a name of its own. Qt lets a connection be
// used only by the thread that opened it: the store's reader and its writer thread each open one.
class HistoryConnection
{
    Q_DECLARE_TR_FUNCTIONS(HistoryConnection)

public:
    // Opens (creating) the file in WAL mode, so that reads never wait for the writer. A database
    // locked by another process is given up on after busyTimeoutMs.
    static SqlResult<std::unique_ptr<HistoryConnection>> open(const QString& path, int busyTimeoutMs);
    ~HistoryConnection();
    HistoryConnection(const HistoryConnection&) = delete;
    HistoryConnection& operator=(const HistoryConnection&) = delete;

    QSqlDatabase database() const;
    const QString& path() const { return m_path; }

    // Prepares, binds `values` in order and executes. `what` completes "database error while …".
    SqlResult<QSqlQuery> run(const QString& sql, const QVariantList& values, const QString& what) const;
    // Executes an already prepared query with its bound values.
    SqlResult<void> run(QSqlQuery& query, const QString& what) const;
    SqlResult<void> transaction(const QString& what) const;
    SqlResult<void> commit(const QString& what) const;
    void rollback() const;

    SqlFailure describe(const QSqlError& error, const QString& what) const;

private:
    HistoryConnection(QString name, QString path);

    QString m_name;
    QString m_path;
};

} // namespace marginwatch
