#include "SnapshotFixtures.h"
#include "io/HistoryStore.h"
#include "io/SnapshotCsvExporter.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace marginwatch {

using namespace testing;

class TestHistoryStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void open_defaultPathInAppData_walMode();
    void record_series_oldestFirstWithChartValues();
    void series_range_and_thinning();
    void record_storesAssetAndPositionRowsOnlyWhenChanged();
    void record_keepsDecimalTextExact();
    void exportRange_singleSnapshot_equalsSnapshotExport();
    void exportRange_stampsEffectiveSetAndChanges();
    void exportRange_toFiles();
    void prune_removesOlderThanRetention_keepsSetInEffect();
    void pruneBatch_smallBatches();
    void corruptDatabase_reportedNotFatal();
    void lockedDatabase_reportedAndDisabled();
    void unwritableLocation_reported();

private:
    QString dbPath() const { return m_dir->filePath(u"history.sqlite"_s); }
    int count(const QString& sql);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestHistoryStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestHistoryStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestHistoryStore::cleanup()
{
    m_dir.reset();
}

int TestHistoryStore::count(const QString& sql)
{
    int result = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"inspect"_s);
        db.setDatabaseName(dbPath());
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql) && query.next())
                result = query.value(0).toInt();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"inspect"_s);
    return result;
}

void TestHistoryStore::open_defaultPathInAppData_walMode()
{
    const QString expectedDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QVERIFY(expectedDir.contains(u".qttest"_s)); // never the user's real data
    for (const QString& leftover : {u"/history.sqlite"_s, u"/history.sqlite-wal"_s, u"/history.sqlite-shm"_s})
        QFile::remove(expectedDir + leftover); // from an earlier, interrupted run
    HistoryStore store;
    QVERIFY2(store.open(), qPrintable(store.errorString()));
    QCOMPARE(store.databasePath(), expectedDir + u"/history.sqlite"_s);
    QVERIFY(store.isEnabled());
    QVERIFY2(store.record(sampleSnapshot()), qPrintable(store.errorString()));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"wal"_s);
        db.setDatabaseName(store.databasePath());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"PRAGMA journal_mode"_s) && query.next());
        QCOMPARE(query.value(0).toString(), u"wal"_s);
        db.close();
    }
    QSqlDatabase::removeDatabase(u"wal"_s);
    store.close();
    QVERIFY(QFile::remove(expectedDir + u"/history.sqlite"_s));
    QFile::remove(expectedDir + u"/history.sqlite-wal"_s);
    QFile::remove(expectedDir + u"/history.sqlite-shm"_s);
}

void TestHistoryStore::record_series_oldestFirstWithChartValues()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    QSignalSpy recorded(&store, &HistoryStore::recorded);
    AccountSnapshot later = sampleSnapshot(kSampleTimeMs + 5000);
    later.totals.totalMarginBalance = dec("0");
    later.totals.totalUnrealizedProfit = dec("-12.5");
    QVERIFY(store.record(later));
    QVERIFY(store.record(sampleSnapshot(kSampleTimeMs)));
    QCOMPARE(recorded.size(), 2);

    const QList<HistoryPoint> points = store.series(QDateTime(), QDateTime());
    QCOMPARE(points.size(), 2);
    QCOMPARE(points.at(0).time, utc(kSampleTimeMs));
    QCOMPARE(points.at(0).marginBalance, 10000.0);
    QCOMPARE(points.at(0).unrealizedProfit, 0.0);
    QVERIFY(points.at(0).marginRatio.has_value());
    QVERIFY(qAbs(*points.at(0).marginRatio - 0.0172842) < 1e-12);
    QCOMPARE(points.at(1).time, utc(kSampleTimeMs + 5000));
    QCOMPARE(points.at(1).unrealizedProfit, -12.5);
    QVERIFY(!points.at(1).marginRatio.has_value()); // no ratio without a margin balance
    QCOMPARE(store.firstSnapshotTime(), utc(kSampleTimeMs));
    QCOMPARE(store.lastSnapshotTime(), utc(kSampleTimeMs + 5000));
}

void TestHistoryStore::series_range_and_thinning()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    for (int i = 0; i < 100; ++i)
        QVERIFY(store.record(sampleSnapshot(kSampleTimeMs + i * 1000)));
    QCOMPARE(store.snapshotCount(), 100);
    QCOMPARE(store.series(utc(kSampleTimeMs + 10000), utc(kSampleTimeMs + 19000)).size(), 10);
    QCOMPARE(store.snapshotCount(utc(kSampleTimeMs + 90000), QDateTime()), 10);

    const QList<HistoryPoint> thin = store.series(QDateTime(), QDateTime(), 10);
    QVERIFY(thin.size() >= 10 && thin.size() <= 11);
    QCOMPARE(thin.first().time, utc(kSampleTimeMs));
    QCOMPARE(thin.last().time, utc(kSampleTimeMs + 99000)); // the newest point is always there
    for (qsizetype i = 1; i < thin.size(); ++i)
        QVERIFY(thin.at(i - 1).time < thin.at(i).time);
}

void TestHistoryStore::record_storesAssetAndPositionRowsOnlyWhenChanged()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    AccountSnapshot s = sampleSnapshot(kSampleTimeMs);
    QVERIFY(store.record(s));
    s.takenAt = utc(kSampleTimeMs + 1000);
    QVERIFY(store.record(s)); // nothing changed
    s.takenAt = utc(kSampleTimeMs + 2000);
    s.positions[0].markPrice = dec("43211.0");
    QVERIFY(store.record(s)); // positions changed, assets did not
    s.takenAt = utc(kSampleTimeMs + 3000);
    s.positions.clear();
    QVERIFY(store.record(s)); // everything closed: an empty set is a change too
    store.close();

    QCOMPARE(count(u"SELECT count(*) FROM totals"_s), 4);
    QCOMPARE(count(u"SELECT count(*) FROM asset_sets"_s), 1);
    QCOMPARE(count(u"SELECT count(*) FROM assets"_s), 2);
    QCOMPARE(count(u"SELECT count(*) FROM position_sets"_s), 3);
    QCOMPARE(count(u"SELECT count(*) FROM positions"_s), 4);
}

void TestHistoryStore::record_keepsDecimalTextExact()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    QVERIFY(store.record(sampleSnapshot()));
    store.close();
    QCOMPARE(
        count(u"SELECT count(*) FROM totals WHERE \"totalPositionInitialMargin\" = '2.8E-4' "
              "AND \"totalUnrealizedProfit\" = '-0.00000000' AND typeof(\"totalWalletBalance\") = 'text'"_s),
        1);
}

void TestHistoryStore::exportRange_singleSnapshot_equalsSnapshotExport()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    const AccountSnapshot snapshot = sampleSnapshot();
    QVERIFY(store.record(snapshot));
    QBuffer totals, assets, positions;
    for (QBuffer* b : {&totals, &assets, &positions})
        QVERIFY(b->open(QIODevice::WriteOnly));
    QVERIFY2(store.exportRange(&totals, &assets, &positions, QDateTime(), QDateTime()),
             qPrintable(store.errorString()));

    const std::array<std::pair<CsvTable, QBuffer*>, 3> expected{
        {{CsvTable::Totals, &totals}, {CsvTable::Assets, &assets}, {CsvTable::Positions, &positions}}};
    for (const auto& [table, buffer] : expected) {
        QBuffer reference;
        QVERIFY(reference.open(QIODevice::WriteOnly));
        SnapshotCsvExporter exporter;
        QVERIFY(exporter.write(&reference, table, snapshot));
        QCOMPARE(buffer->data(), reference.data());
    }
}

void TestHistoryStore::exportRange_stampsEffectiveSetAndChanges()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    AccountSnapshot s = sampleSnapshot(kSampleTimeMs);
    QVERIFY(store.record(s));
    s.takenAt = utc(kSampleTimeMs + 1000);
    QVERIFY(store.record(s));
    s.takenAt = utc(kSampleTimeMs + 2000);
    s.assets.removeLast();
    QVERIFY(store.record(s));

    // Range starting at the second poll: its asset set was stored with the first one.
    QBuffer totals, assets, positions;
    for (QBuffer* b : {&totals, &assets, &positions})
        QVERIFY(b->open(QIODevice::WriteOnly));
    QVERIFY(store.exportRange(&totals, &assets, &positions, utc(kSampleTimeMs + 1000), QDateTime()));
    QCOMPARE(parseCsv(totals.data()).size(), 1 + 2);
    const QList<QStringList> assetRows = parseCsv(assets.data());
    QCOMPARE(assetRows.size(), 1 + 2 + 1);
    QCOMPARE(assetRows.at(1).at(0), u"2026-11-25T03:30:26.123Z"_s);
    QCOMPARE(assetRows.at(2).at(0), u"2026-11-25T03:30:26.123Z"_s);
    QCOMPARE(assetRows.at(3).at(0), u"2026-11-25T03:30:27.123Z"_s);
    QCOMPARE(assetRows.at(3).at(1), u"USDT"_s);
    QCOMPARE(parseCsv(positions.data()).size(), 1 + 2);

    // An empty range: headers only.
    QBuffer t2, a2, p2;
    for (QBuffer* b : {&t2, &a2, &p2})
        QVERIFY(b->open(QIODevice::WriteOnly));
    QVERIFY(store.exportRange(&t2, &a2, &p2, utc(0), utc(1000)));
    QCOMPARE(t2.data().count('\n'), 1);
    QCOMPARE(a2.data().count('\n'), 1);
    QCOMPARE(p2.data().count('\n'), 1);
}

void TestHistoryStore::exportRange_toFiles()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    QVERIFY(store.record(sampleSnapshot()));
    const QString stem = m_dir->filePath(u"range"_s);
    QVERIFY2(store.exportRange(stem, QDateTime(), QDateTime()), qPrintable(store.errorString()));
    for (const QString& suffix : {u"-totals.csv"_s, u"-assets.csv"_s, u"-positions.csv"_s})
        QVERIFY(QFile::exists(stem + suffix));
    QVERIFY(!store.exportRange(m_dir->filePath(u"nope/range"_s), QDateTime(), QDateTime()));
    QVERIFY(store.errorString().contains(u"nope"_s));
    QVERIFY(store.isEnabled()); // a bad export path is not a database problem
}

void TestHistoryStore::prune_removesOlderThanRetention_keepsSetInEffect()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    constexpr qint64 day = 24LL * 60 * 60 * 1000;
    AccountSnapshot s = sampleSnapshot(now - 40 * day);
    QVERIFY(store.record(s)); // the asset set stored here stays in effect until today
    s.takenAt = utc(now - 35 * day);
    s.positions.removeLast();
    QVERIFY(store.record(s));
    s.takenAt = utc(now - 1 * day);
    QVERIFY(store.record(s));
    s.takenAt = utc(now);
    QVERIFY(store.record(s));

    QSignalSpy finished(&store, &HistoryStore::pruneFinished);
    store.setRetentionDays(30);
    QVERIFY(finished.wait(5000));
    QVERIFY(finished.constFirst().constFirst().toInt() > 0);
    QCOMPARE(store.snapshotCount(), 2);
    QCOMPARE(store.firstSnapshotTime(), utc(now - 1 * day));

    QBuffer totals, assets, positions;
    for (QBuffer* b : {&totals, &assets, &positions})
        QVERIFY(b->open(QIODevice::WriteOnly));
    QVERIFY(store.exportRange(&totals, &assets, &positions, QDateTime(), QDateTime()));
    QCOMPARE(parseCsv(assets.data()).size(), 1 + 2);    // the 40-day-old set, still in effect
    QCOMPARE(parseCsv(positions.data()).size(), 1 + 1); // the 35-day-old set
    store.close();
    QCOMPARE(count(u"SELECT count(*) FROM position_sets"_s), 1);
}

void TestHistoryStore::pruneBatch_smallBatches()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    AccountSnapshot s = sampleSnapshot();
    for (int i = 0; i < 25; ++i) {
        s.takenAt = utc(kSampleTimeMs + i);
        s.positions[0].updateTime = i; // a new position set every poll
        QVERIFY(store.record(s));
    }
    const QDateTime cutoff = utc(kSampleTimeMs + 20);
    int total = 0;
    int batches = 0;
    for (int removed = -1; removed != 0; ++batches) {
        removed = store.pruneBatch(cutoff, 4);
        QVERIFY(removed >= 0 && removed <= 4 * 5);
        total += removed;
    }
    QVERIFY(batches > 2);
    QCOMPARE(store.snapshotCount(), 5);
    store.close();
    QCOMPARE(count(u"SELECT count(*) FROM position_sets"_s), 5);
    QCOMPARE(count(u"SELECT count(*) FROM asset_sets"_s), 1); // the first set is still in effect
    QCOMPARE(total, 20 + 20 + 2 * 20);
}

void TestHistoryStore::corruptDatabase_reportedNotFatal()
{
    QFile garbage(dbPath());
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    QByteArray bytes(8192, '\0');
    for (int i = 0; i < bytes.size(); ++i)
        bytes[i] = char((i * 7919) % 251);
    garbage.write(bytes);
    garbage.close();

    HistoryStore store;
    QSignalSpy errors(&store, &HistoryStore::errorOccurred);
    QVERIFY(!store.open(dbPath()));
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.constFirst().constFirst().toString().contains(QDir::toNativeSeparators(dbPath())),
             qPrintable(errors.constFirst().constFirst().toString()));
    QVERIFY(!store.isEnabled());
    QVERIFY(!store.record(sampleSnapshot()));
    QVERIFY(store.series(QDateTime(), QDateTime()).isEmpty());
    QCOMPARE(errors.size(), 1); // reported once, not per poll
}

void TestHistoryStore::lockedDatabase_reportedAndDisabled()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    QVERIFY(store.record(sampleSnapshot(kSampleTimeMs)));
    QSignalSpy errors(&store, &HistoryStore::errorOccurred);
    QSignalSpy enabled(&store, &HistoryStore::enabledChanged);
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"locker"_s);
        other.setDatabaseName(dbPath());
        other.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=0"_s);
        QVERIFY(other.open());
        QSqlQuery lock(other);
        QVERIFY(lock.exec(u"BEGIN EXCLUSIVE"_s));
        QVERIFY(!store.record(sampleSnapshot(kSampleTimeMs + 1000)));
        QVERIFY(lock.exec(u"ROLLBACK"_s));
        other.close();
    }
    QSqlDatabase::removeDatabase(u"locker"_s);
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors.constFirst().constFirst().toString().contains(u"locked"_s, Qt::CaseInsensitive));
    QCOMPARE(enabled.size(), 1);
    QCOMPARE(enabled.constFirst().constFirst().toBool(), false);
    QVERIFY(!store.isEnabled());

    // Re-opening later works and the earlier row is intact.
    QVERIFY(store.open(dbPath()));
    QCOMPARE(store.snapshotCount(), 1);
}

void TestHistoryStore::unwritableLocation_reported()
{
    QFile blocker(m_dir->filePath(u"file"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    HistoryStore store;
    QSignalSpy errors(&store, &HistoryStore::errorOccurred);
    QVERIFY(!store.open(m_dir->filePath(u"file/history.sqlite"_s)));
    QCOMPARE(errors.size(), 1);
    QVERIFY(!store.isEnabled());
}

} // namespace marginwatch

QTEST_GUILESS_MAIN(marginwatch::TestHistoryStore)
#include "tst_historystore.moc"
