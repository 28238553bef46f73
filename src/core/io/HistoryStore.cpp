#include "io/HistoryStore.h"

#include "io/CsvWriter.h"
#include "io/SnapshotCsvFormat.h"
#include "model/Decimal.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <array>
#include <cmath>
#include <limits>
#include <memory>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr int kSchemaVersion = 1;
// A locked database must not freeze the UI: give up quickly and report it.
constexpr auto kConnectOptions = "QSQLITE_BUSY_TIMEOUT=250"_L1;
constexpr int kPruneIntervalMs = 60 * 60 * 1000;
constexpr int kPruneFirstDelayMs = 30 * 1000;

QAtomicInteger<int> s_connectionCounter;

// The CSV columns after snapshot_time_utc (the time is stored as integer ms instead).
QStringList storedColumns(CsvTable table)
{
    return csvHeader(table).mid(1);
}

QString quotedList(const QStringList& names)
{
    QStringList quoted;
    quoted.reserve(names.size());
    for (const QString& name : names)
        quoted << u'"' + name + u'"';
    return quoted.join(u", "_s);
}

QString placeholders(qsizetype count)
{
    QStringList marks;
    for (qsizetype i = 0; i < count; ++i)
        marks << u"?"_s;
    return marks.join(u", "_s);
}

QList<QStringList> withoutTime(QList<QStringList> rows)
{
    for (QStringList& row : rows)
        row.removeFirst();
    return rows;
}

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

struct SetTable
{
    QString sets; // asset_sets: one row per stored set (a set may hold no rows)
    QString rows; // assets: the rows of every set
    CsvTable table;
};

const SetTable& assetTables()
{
    static const SetTable t{u"asset_sets"_s, u"assets"_s, CsvTable::Assets};
    return t;
}

const SetTable& positionTables()
{
    static const SetTable t{u"position_sets"_s, u"positions"_s, CsvTable::Positions};
    return t;
}

} // namespace

HistoryStore::HistoryStore(QObject* parent)
    : QObject(parent)
    , m_connectionName(u"marginwatch-history-%1"_s.arg(s_connectionCounter.fetchAndAddRelaxed(1)))
{
    m_pruneTimer.setInterval(kPruneIntervalMs);
    connect(&m_pruneTimer, &QTimer::timeout, this, &HistoryStore::pruneNow);
    m_pruneBatchTimer.setSingleShot(true);
    m_pruneBatchTimer.setInterval(20); // let the event loop breathe between batches
    connect(&m_pruneBatchTimer, &QTimer::timeout, this, &HistoryStore::runPruneBatch);
}

HistoryStore::~HistoryStore()
{
    close();
}

QString HistoryStore::defaultDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/history.sqlite"_s;
}

bool HistoryStore::open(const QString& databasePath)
{
    close();
    m_path = databasePath.isEmpty() ? defaultDatabasePath() : databasePath;
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath())) {
        fail(tr("History is off: cannot create the folder %1.")
                 .arg(QDir::toNativeSeparators(info.absolutePath())));
        return false;
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
        db.setDatabaseName(m_path);
        db.setConnectOptions(kConnectOptions);
        if (!db.open()) {
            const QString reason = db.lastError().text();
            fail(tr("History is off: cannot open %1: %2").arg(QDir::toNativeSeparators(m_path), reason));
            return false;
        }
    }
    m_enabled = true; // exec() below needs it; fail() turns it off again
    QSqlQuery mode(QSqlDatabase::database(m_connectionName, false));
    mode.prepare(u"PRAGMA journal_mode=WAL"_s);
    if (!exec(mode, tr("switching to WAL mode")))
        return false;
    if (!mode.next() || mode.value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0) {
        fail(tr("History is off: %1 does not accept WAL mode.").arg(QDir::toNativeSeparators(m_path)));
        return false;
    }
    if (!exec(u"PRAGMA synchronous=NORMAL"_s, tr("setting up the database")) || !createSchema())
        return false;

    m_error.clear();
    m_lastAssetRows.reset();
    m_lastPositionRows.reset();
    Q_EMIT enabledChanged(true);
    m_pruneTimer.start();
    m_pruneBatchTimer.stop();
    QTimer::singleShot(kPruneFirstDelayMs, this, [this] {
        if (m_enabled)
            pruneNow();
    });
    return true;
}

bool HistoryStore::createSchema()
{
    QSqlQuery version(QSqlDatabase::database(m_connectionName, false));
    version.prepare(u"PRAGMA user_version"_s);
    if (!exec(version, tr("reading the schema version")))
        return false;
    const int found = version.next() ? version.value(0).toInt() : 0;
    if (found > kSchemaVersion) {
        fail(tr("History is off: %1 was written by a newer version of marginwatch.")
                 .arg(QDir::toNativeSeparators(m_path)));
        return false;
    }

    auto textColumns = [](CsvTable table) {
        QStringList defs;
        for (const QString& name : storedColumns(table))
            defs << u"\"%1\" TEXT"_s.arg(name); // NULL = the CSV's empty field
        return defs.join(u", "_s);
    };
    const QStringList statements{
        u"CREATE TABLE IF NOT EXISTS totals (taken_at_ms INTEGER PRIMARY KEY, %1, "
        "margin_ratio_real REAL)"_s.arg(textColumns(CsvTable::Totals)),
        u"CREATE TABLE IF NOT EXISTS asset_sets (taken_at_ms INTEGER PRIMARY KEY)"_s,
        u"CREATE TABLE IF NOT EXISTS assets (taken_at_ms INTEGER NOT NULL, ord INTEGER NOT NULL, "
        "%1, PRIMARY KEY (taken_at_ms, ord))"_s.arg(textColumns(CsvTable::Assets)),
        u"CREATE TABLE IF NOT EXISTS position_sets (taken_at_ms INTEGER PRIMARY KEY)"_s,
        u"CREATE TABLE IF NOT EXISTS positions (taken_at_ms INTEGER NOT NULL, ord INTEGER NOT NULL, "
        "%1, PRIMARY KEY (taken_at_ms, ord))"_s.arg(textColumns(CsvTable::Positions)),
        u"PRAGMA user_version = %1"_s.arg(kSchemaVersion),
    };
    for (const QString& sql : statements) {
        if (!exec(sql, tr("creating the tables")))
            return false;
    }
    return true;
}

void HistoryStore::close()
{
    m_pruneTimer.stop();
    m_pruneBatchTimer.stop();
    const bool wasEnabled = m_enabled;
    m_enabled = false;
    if (QSqlDatabase::contains(m_connectionName)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    if (wasEnabled)
        Q_EMIT enabledChanged(false);
}

void HistoryStore::fail(const QString& message)
{
    // The connection is only closed here (callers may still hold QSqlDatabase/QSqlQuery handles);
    // close() or the next open() removes it.
    m_error = message;
    m_pruneTimer.stop();
    m_pruneBatchTimer.stop();
    const bool wasEnabled = m_enabled;
    m_enabled = false;
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::database(m_connectionName, false).close();
    Q_EMIT errorOccurred(message);
    if (wasEnabled)
        Q_EMIT enabledChanged(false);
}

bool HistoryStore::exec(QSqlQuery& query, const QString& what)
{
    if (!m_enabled)
        return false;
    if (query.exec())
        return true;
    fail(tr("History is off: database error while %1 (%2): %3")
             .arg(what, QDir::toNativeSeparators(m_path), query.lastError().text()));
    return false;
}

bool HistoryStore::exec(const QString& sql, const QString& what)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(sql);
    return exec(query, what);
}

void HistoryStore::setRetentionDays(int days)
{
    m_retentionDays = qMax(0, days);
    if (m_enabled)
        QTimer::singleShot(0, this, &HistoryStore::pruneNow);
}

bool HistoryStore::record(const AccountSnapshot& snapshot)
{
    if (!m_enabled || !snapshot.isValid())
        return false;
    const qint64 takenAtMs = snapshot.takenAt.toMSecsSinceEpoch();
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction()) {
        fail(tr("History is off: cannot write to %1: %2")
                 .arg(QDir::toNativeSeparators(m_path), db.lastError().text()));
        return false;
    }

    const QStringList totalsColumns = storedColumns(CsvTable::Totals);
    QSqlQuery totals(db);
    totals.prepare(
        u"INSERT OR REPLACE INTO totals (taken_at_ms, %1, margin_ratio_real) VALUES (?, %2, ?)"_s.arg(
            quotedList(totalsColumns), placeholders(totalsColumns.size())));
    totals.addBindValue(takenAtMs);
    const QStringList totalsRow = totalsCsvRow(snapshot).mid(1);
    for (const QString& value : totalsRow)
        totals.addBindValue(value);
    const std::optional<double> ratio = marginRatio(snapshot.totals);
    totals.addBindValue(ratio ? QVariant(*ratio) : QVariant());

    const QList<QStringList> assetRows = withoutTime(csvRows(CsvTable::Assets, snapshot));
    const QList<QStringList> positionRows = withoutTime(csvRows(CsvTable::Positions, snapshot));
    const bool assetsChanged = !m_lastAssetRows || *m_lastAssetRows != assetRows;
    const bool positionsChanged = !m_lastPositionRows || *m_lastPositionRows != positionRows;

    bool ok = exec(totals, tr("storing totals"));
    if (ok && assetsChanged)
        ok = storeSet(CsvTable::Assets, takenAtMs, assetRows);
    if (ok && positionsChanged)
        ok = storeSet(CsvTable::Positions, takenAtMs, positionRows);
    if (!ok)
        return false; // fail() closed the connection, which rolls back
    if (!db.commit()) {
        const QString reason = db.lastError().text();
        db.rollback();
        fail(tr("History is off: cannot write to %1: %2").arg(QDir::toNativeSeparators(m_path), reason));
        return false;
    }
    m_lastAssetRows = assetRows;
    m_lastPositionRows = positionRows;
    Q_EMIT recorded(snapshot.takenAt);
    return true;
}

bool HistoryStore::storeSet(CsvTable table, qint64 takenAtMs, const QList<QStringList>& rows)
{
    const SetTable& t = table == CsvTable::Assets ? assetTables() : positionTables();
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery query(db);
    query.prepare(u"INSERT OR REPLACE INTO %1 (taken_at_ms) VALUES (?)"_s.arg(t.sets));
    query.addBindValue(takenAtMs);
    if (!exec(query, tr("storing %1").arg(t.rows)))
        return false;
    query.prepare(u"DELETE FROM %1 WHERE taken_at_ms = ?"_s.arg(t.rows));
    query.addBindValue(takenAtMs);
    if (!exec(query, tr("storing %1").arg(t.rows)))
        return false;

    const QStringList columns = storedColumns(t.table);
    query.prepare(u"INSERT INTO %1 (taken_at_ms, ord, %2) VALUES (?, ?, %3)"_s.arg(
        t.rows, quotedList(columns), placeholders(columns.size())));
    for (qsizetype i = 0; i < rows.size(); ++i) {
        query.addBindValue(takenAtMs);
        query.addBindValue(i);
        for (const QString& value : rows.at(i))
            query.addBindValue(value);
        if (!exec(query, tr("storing %1").arg(t.rows)))
            return false;
    }
    return true;
}

QList<HistoryPoint> HistoryStore::series(const QDateTime& from, const QDateTime& to, int maxPoints)
{
    QList<HistoryPoint> points;
    if (!m_enabled)
        return points;
    const int count = snapshotCount(from, to);
    if (count <= 0)
        return points;
    const int stride = maxPoints > 0 ? qMax(1, (count + maxPoints - 1) / maxPoints) : 1;

    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    query.prepare(u"SELECT taken_at_ms, \"totalMarginBalance\", \"totalUnrealizedProfit\", margin_ratio_real "
                  "FROM (SELECT *, row_number() OVER (ORDER BY taken_at_ms) AS rn FROM totals "
                  "WHERE taken_at_ms BETWEEN ? AND ?) "
                  "WHERE (rn - 1) % ? = 0 OR rn = ? ORDER BY taken_at_ms"_s);
    query.addBindValue(lowerBound(from));
    query.addBindValue(upperBound(to));
    query.addBindValue(stride);
    query.addBindValue(count);
    if (!exec(query, tr("reading history")))
        return points;
    points.reserve(qMin(count, maxPoints > 0 ? maxPoints + 1 : count));
    while (query.next()) {
        HistoryPoint point;
        point.time = utcFromMs(query.value(0).toLongLong());
        point.marginBalance = chartValue(query.value(1));
        point.unrealizedProfit = chartValue(query.value(2));
        if (!query.value(3).isNull())
            point.marginRatio = query.value(3).toDouble();
        points << point;
    }
    return points;
}

int HistoryStore::snapshotCount(const QDateTime& from, const QDateTime& to)
{
    if (!m_enabled)
        return 0;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(u"SELECT count(*) FROM totals WHERE taken_at_ms BETWEEN ? AND ?"_s);
    query.addBindValue(lowerBound(from));
    query.addBindValue(upperBound(to));
    if (!exec(query, tr("reading history")) || !query.next())
        return 0;
    return query.value(0).toInt();
}

std::optional<QDateTime> HistoryStore::firstSnapshotTime()
{
    if (!m_enabled)
        return std::nullopt;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(u"SELECT min(taken_at_ms) FROM totals"_s);
    if (!exec(query, tr("reading history")) || !query.next() || query.value(0).isNull())
        return std::nullopt;
    return utcFromMs(query.value(0).toLongLong());
}

std::optional<QDateTime> HistoryStore::lastSnapshotTime()
{
    if (!m_enabled)
        return std::nullopt;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(u"SELECT max(taken_at_ms) FROM totals"_s);
    if (!exec(query, tr("reading history")) || !query.next() || query.value(0).isNull())
        return std::nullopt;
    return utcFromMs(query.value(0).toLongLong());
}

bool HistoryStore::exportRange(QIODevice* totals, QIODevice* assets, QIODevice* positions,
                               const QDateTime& from, const QDateTime& to)
{
    if (!m_enabled) {
        if (m_error.isEmpty())
            m_error = tr("History is off.");
        return false;
    }
    const qint64 lo = lowerBound(from);
    const qint64 hi = upperBound(to);
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);

    // Totals: one row per stored poll.
    CsvWriter totalsWriter(totals);
    if (!totalsWriter.writeRow(csvHeader(CsvTable::Totals))) {
        m_error = totalsWriter.errorString();
        return false;
    }
    const QStringList totalsColumns = storedColumns(CsvTable::Totals);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT taken_at_ms, %1 FROM totals WHERE taken_at_ms BETWEEN ? AND ? "
                  "ORDER BY taken_at_ms"_s.arg(quotedList(totalsColumns)));
    query.addBindValue(lo);
    query.addBindValue(hi);
    if (!exec(query, tr("exporting history")))
        return false;
    std::optional<qint64> firstPoll;
    while (query.next()) {
        const qint64 ms = query.value(0).toLongLong();
        if (!firstPoll)
            firstPoll = ms;
        QStringList row{csvTimestamp(utcFromMs(ms))};
        for (int c = 0; c < totalsColumns.size(); ++c)
            row << query.value(c + 1).toString();
        if (!totalsWriter.writeRow(row)) {
            m_error = totalsWriter.errorString();
            return false;
        }
    }

    // Assets and positions: the set in effect at the first poll, then every change in the range.
    const std::array<std::pair<const SetTable*, QIODevice*>, 2> sets{
        {{&assetTables(), assets}, {&positionTables(), positions}}};
    for (const auto& [t, device] : sets) {
        CsvWriter writer(device);
        if (!writer.writeRow(csvHeader(t->table))) {
            m_error = writer.errorString();
            return false;
        }
        if (!firstPoll)
            continue;
        QSqlQuery effective(db);
        effective.prepare(u"SELECT max(taken_at_ms) FROM %1 WHERE taken_at_ms <= ?"_s.arg(t->sets));
        effective.addBindValue(*firstPoll);
        if (!exec(effective, tr("exporting history")))
            return false;
        const qint64 start =
            effective.next() && !effective.value(0).isNull() ? effective.value(0).toLongLong() : *firstPoll;
        const QStringList columns = storedColumns(t->table);
        QSqlQuery rows(db);
        rows.setForwardOnly(true);
        rows.prepare(u"SELECT taken_at_ms, %1 FROM %2 WHERE taken_at_ms BETWEEN ? AND ? "
                     "ORDER BY taken_at_ms, ord"_s.arg(quotedList(columns), t->rows));
        rows.addBindValue(start);
        rows.addBindValue(hi);
        if (!exec(rows, tr("exporting history")))
            return false;
        while (rows.next()) {
            const qint64 ms = qMax(rows.value(0).toLongLong(), *firstPoll);
            QStringList row{csvTimestamp(utcFromMs(ms))};
            for (int c = 0; c < columns.size(); ++c)
                row << rows.value(c + 1).toString();
            if (!writer.writeRow(row)) {
                m_error = writer.errorString();
                return false;
            }
        }
    }
    return true;
}

bool HistoryStore::exportRange(const QString& stem, const QDateTime& from, const QDateTime& to)
{
    constexpr std::array kTables{CsvTable::Totals, CsvTable::Assets, CsvTable::Positions};
    std::array<std::unique_ptr<QSaveFile>, kTables.size()> files;
    for (std::size_t i = 0; i < kTables.size(); ++i) {
        files[i] = std::make_unique<QSaveFile>(csvFilePath(stem, kTables[i]));
        if (!files[i]->open(QIODevice::WriteOnly)) {
            m_error = tr("cannot write %1: %2")
                          .arg(QDir::toNativeSeparators(files[i]->fileName()), files[i]->errorString());
            return false;
        }
    }
    if (!exportRange(files[0].get(), files[1].get(), files[2].get(), from, to)) {
        m_error = tr("cannot export to %1: %2").arg(QDir::toNativeSeparators(stem), m_error);
        return false;
    }
    for (const auto& file : files) {
        if (!file->commit()) {
            m_error = tr("cannot write %1: %2")
                          .arg(QDir::toNativeSeparators(file->fileName()), file->errorString());
            return false;
        }
    }
    return true;
}

void HistoryStore::pruneNow()
{
    if (!m_enabled || m_retentionDays <= 0 || m_pruneBatchTimer.isActive())
        return;
    m_pruneCutoff = QDateTime::currentDateTimeUtc().addDays(-m_retentionDays);
    m_pruneRemoved = 0;
    m_pruneBatchTimer.start();
}

void HistoryStore::runPruneBatch()
{
    const int removed = pruneBatch(m_pruneCutoff);
    if (removed < 0)
        return; // disabled and reported
    m_pruneRemoved += removed;
    if (removed > 0)
        m_pruneBatchTimer.start();
    else
        Q_EMIT pruneFinished(m_pruneRemoved);
}

int HistoryStore::pruneBatch(const QDateTime& cutoff, int maxRows)
{
    if (!m_enabled)
        return -1;
    const qint64 cutoffMs = cutoff.toMSecsSinceEpoch();
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    int removed = 0;

    QSqlQuery query(db);
    query.prepare(u"DELETE FROM totals WHERE taken_at_ms IN "
                  "(SELECT taken_at_ms FROM totals WHERE taken_at_ms < ? LIMIT ?)"_s);
    query.addBindValue(cutoffMs);
    query.addBindValue(maxRows);
    if (!exec(query, tr("removing old history")))
        return -1;
    removed += query.numRowsAffected();

    for (const SetTable* t : {&assetTables(), &positionTables()}) {
        // The set in effect at the cutoff still describes the polls after it: keep it.
        QSqlQuery keep(db);
        keep.prepare(u"SELECT max(taken_at_ms) FROM %1 WHERE taken_at_ms <= ?"_s.arg(t->sets));
        keep.addBindValue(cutoffMs);
        if (!exec(keep, tr("removing old history")))
            return -1;
        if (!keep.next() || keep.value(0).isNull())
            continue;
        const qint64 keepFrom = keep.value(0).toLongLong();
        for (const QString& table : {t->rows, t->sets}) {
            QSqlQuery remove(db);
            remove.prepare(u"DELETE FROM %1 WHERE rowid IN "
                           "(SELECT rowid FROM %1 WHERE taken_at_ms < ? LIMIT ?)"_s.arg(table));
            remove.addBindValue(keepFrom);
            remove.addBindValue(maxRows);
            if (!exec(remove, tr("removing old history")))
                return -1;
            removed += remove.numRowsAffected();
        }
    }
    return removed;
}

} // namespace marginwatch
