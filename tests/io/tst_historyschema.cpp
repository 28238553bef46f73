#include "SnapshotFixtures.h"
#include "io/SnapshotCsvExporter.h"
#include "io/history/HistorySchema.h"
#include "io/history/HistoryStore.h"

#include <QBuffer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace marginwatch {

using namespace testing;

// The upgrade from the first schema (one series for every account) to accounts, on a database file
// written with version 1's own statements.
class TestHistorySchema : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void version1_rowsMoveToUnassigned_exactText();
    void version1_missingColumn_added();
    void newDatabase_currentVersion();

private:
    QString dbPath() const { return m_dir->filePath(u"history.sqlite"_s); }
    // Writes a version 1 database holding sampleSnapshot() at t0 and its totals again at t0 + 5 s.
    void writeVersion1(const QStringList& droppedPositionColumns = {});
    QVariant scalar(const QString& sql);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestHistorySchema::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QVariant TestHistorySchema::scalar(const QString& sql)
{
    QVariant result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"inspect"_s);
        db.setDatabaseName(dbPath());
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql) && query.next())
                result = query.value(0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"inspect"_s);
    return result;
}

void TestHistorySchema::writeVersion1(const QStringList& droppedPositionColumns)
{
    const AccountSnapshot s = sampleSnapshot(kSampleTimeMs);
    auto columns = [](CsvTable table, const QStringList& dropped = {}) {
        QStringList names = csvHeader(table).mid(1);
        for (const QString& name : dropped)
            names.removeAll(name);
        return names;
    };
    auto definitions = [](const QStringList& names) {
        QStringList defs;
        for (const QString& name : names)
            defs << u"\"%1\" TEXT"_s.arg(name);
        return defs.join(u", "_s);
    };
    auto quoted = [](const QStringList& names) {
        QStringList q;
        for (const QString& name : names)
            q << u'"' + name + u'"';
        return q.join(u", "_s);
    };
    const QStringList positionColumns = columns(CsvTable::Positions, droppedPositionColumns);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v1"_s);
        db.setDatabaseName(dbPath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        // Version 1's statements, as that release created them.
        QVERIFY(q.exec(u"PRAGMA journal_mode=WAL"_s));
        QVERIFY(
            q.exec(u"CREATE TABLE totals (taken_at_ms INTEGER PRIMARY KEY, %1, margin_ratio_real REAL)"_s.arg(
                definitions(columns(CsvTable::Totals)))));
        QVERIFY(q.exec(u"CREATE TABLE asset_sets (taken_at_ms INTEGER PRIMARY KEY)"_s));
        QVERIFY(q.exec(u"CREATE TABLE assets (taken_at_ms INTEGER NOT NULL, ord INTEGER NOT NULL, %1, "
                       "PRIMARY KEY (taken_at_ms, ord))"_s.arg(definitions(columns(CsvTable::Assets)))));
        QVERIFY(q.exec(u"CREATE TABLE position_sets (taken_at_ms INTEGER PRIMARY KEY)"_s));
        QVERIFY(q.exec(u"CREATE TABLE positions (taken_at_ms INTEGER NOT NULL, ord INTEGER NOT NULL, %1, "
                       "PRIMARY KEY (taken_at_ms, ord))"_s.arg(definitions(positionColumns))));
        QVERIFY(q.exec(u"PRAGMA user_version = 1"_s));

        for (const qint64 ms : {kSampleTimeMs, kSampleTimeMs + 5000}) {
            const QStringList totals = totalsCsvRow(s).mid(1);
            QVERIFY(
                q.prepare(u"INSERT INTO totals (taken_at_ms, %1, margin_ratio_real) VALUES (?, %2?)"_s.arg(
                    quoted(columns(CsvTable::Totals)), u"?, "_s.repeated(totals.size()))));
            q.addBindValue(ms);
            for (const QString& value : totals)
                q.addBindValue(value);
            q.addBindValue(0.0172842);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        QVERIFY(q.exec(u"INSERT INTO asset_sets VALUES (%1)"_s.arg(kSampleTimeMs)));
        QVERIFY(q.exec(u"INSERT INTO position_sets VALUES (%1)"_s.arg(kSampleTimeMs)));
        for (const auto& [table, names] : {std::pair{CsvTable::Assets, columns(CsvTable::Assets)},
                                           std::pair{CsvTable::Positions, positionColumns}}) {
            const QList<QStringList> rows = csvRows(table, s);
            const QStringList header = csvHeader(table);
            for (qsizetype r = 0; r < rows.size(); ++r) {
                QVERIFY(q.prepare(u"INSERT INTO %1 (taken_at_ms, ord, %2) VALUES (?, ?%3)"_s.arg(
                    csvTableName(table), quoted(names), u", ?"_s.repeated(names.size()))));
                q.addBindValue(kSampleTimeMs);
                q.addBindValue(r);
                for (const QString& name : names)
                    q.addBindValue(rows.at(r).at(header.indexOf(name)));
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"v1"_s);
}

void TestHistorySchema::version1_rowsMoveToUnassigned_exactText()
{
    writeVersion1();
    HistoryStore store;
    QVERIFY2(store.open(dbPath()), qPrintable(store.errorString()));

    const QList<StoredHistoryAccount> accounts = store.accounts();
    QCOMPARE(accounts.size(), 1);
    QVERIFY(accounts.constFirst().account.isUnassigned());
    const qint64 unassigned = accounts.constFirst().id;
    QCOMPARE(store.snapshotCount(unassigned), 2);
    QCOMPARE(store.series(unassigned, QDateTime(), QDateTime()).size(), 2);

    // Byte for byte what the snapshot exporter writes for the same snapshot: no text was touched.
    QBuffer totals, assets, positions;
    for (QBuffer* b : {&totals, &assets, &positions})
        QVERIFY(b->open(QIODevice::WriteOnly));
    QVERIFY(
        store.exportRange(unassigned, &totals, &assets, &positions, utc(kSampleTimeMs), utc(kSampleTimeMs)));
    const std::array<std::pair<CsvTable, QBuffer*>, 3> expected{
        {{CsvTable::Totals, &totals}, {CsvTable::Assets, &assets}, {CsvTable::Positions, &positions}}};
    for (const auto& [table, buffer] : expected) {
        QBuffer reference;
        QVERIFY(reference.open(QIODevice::WriteOnly));
        SnapshotCsvExporter exporter;
        QVERIFY(exporter.write(&reference, table, sampleSnapshot(kSampleTimeMs)));
        QCOMPARE(buffer->data(), reference.data());
    }

    // New polls go to their own account, next to the old ones.
    const HistoryAccount account =
        HistoryAccount::forCredentials(u"p"_s, u"Main"_s, QUrl(u"https://fapi.binance.com"_s), u"k"_s);
    store.setAccount(account);
    store.record(sampleSnapshot(kSampleTimeMs + 10000));
    store.waitForWrites();
    QCOMPARE(store.accounts().size(), 2);
    QCOMPARE(store.snapshotCount(unassigned), 2);
    store.close();
    QCOMPARE(scalar(u"PRAGMA user_version"_s).toInt(), HistorySchema::kVersion);
    QCOMPARE(scalar(u"SELECT count(*) FROM sqlite_master WHERE name LIKE '%_v1'"_s).toInt(), 0);
}

void TestHistorySchema::version1_missingColumn_added()
{
    // A field the CSV contract gained after the file was written: its column appears, old rows empty.
    writeVersion1({u"marginType"_s});
    HistoryStore store;
    QVERIFY2(store.open(dbPath()), qPrintable(store.errorString()));
    const qint64 unassigned = store.accounts().constFirst().id;
    QBuffer totals, assets, positions;
    for (QBuffer* b : {&totals, &assets, &positions})
        QVERIFY(b->open(QIODevice::WriteOnly));
    QVERIFY(store.exportRange(unassigned, &totals, &assets, &positions, QDateTime(), QDateTime()));
    const QList<QStringList> rows = parseCsv(positions.data());
    QCOMPARE(rows.size(), 1 + 2);
    const qsizetype column = csvHeader(CsvTable::Positions).indexOf(u"marginType"_s);
    QCOMPARE(rows.at(1).at(column), QString());
    QCOMPARE(rows.at(1).at(1), u"BTCUSDT"_s);
}

void TestHistorySchema::newDatabase_currentVersion()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    QVERIFY(store.accounts().isEmpty());
    store.close();
    QCOMPARE(scalar(u"PRAGMA user_version"_s).toInt(), HistorySchema::kVersion);
    QCOMPARE(scalar(u"SELECT count(*) FROM accounts"_s).toInt(), 0); // no "unassigned" without old rows
}

} // namespace marginwatch

QTEST_GUILESS_MAIN(marginwatch::TestHistorySchema)
#include "tst_historyschema.moc"
