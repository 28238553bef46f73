#include "SnapshotFixtures.h"
#include "io/SnapshotCsvExporter.h"
#include "io/history/HistorySchema.h"
#include "io/history/HistoryStore.h"
#include "io/history/HistoryWriter.h"

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

namespace {

HistoryAccount accountA()
{
    return HistoryAccount::forCredentials(u"profile-a"_s, u"Main"_s, QUrl(u"https://fapi.binance.com"_s),
                                          u"key-of-account-a"_s);
}

HistoryAccount accountB()
{
    return HistoryAccount::forCredentials(u"profile-b"_s, u"Second"_s, QUrl(u"https://fapi.binance.com"_s),
                                          u"key-of-account-b"_s);
}

} // namespace

class TestHistoryStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void open_defaultPathInAppData_walMode();
    void record_series_oldestFirstWithChartValues();
    void record_withoutAccount_storesNothing();
    void series_range_and_thinning();
    void record_storesAssetAndPositionRowsOnlyWhenChanged();
    void record_sameListTwice_storedOnce();
    void record_keepsDecimalTextExact();
    void accounts_keptApart();
    void exportRange_singleSnapshot_equalsSnapshotExport();
    void exportRange_stampsEffectiveSetAndChanges();
    void exportRange_onlyTheAccountAsked();
    void exportRange_toFiles();
    void prune_removesOlderThanRetention_keepsSetInEffect();
    void damagedDatabase_movedAsideAndNewOneStarted_data();
    void damagedDatabase_movedAsideAndNewOneStarted();
    void damagedDatabase_walMovedAlong();
    void newerSchema_refused();
    void lockedDatabase_reportedAndDisabled();
    void unwritableLocation_reported();

private:
    QString dbPath() const { return m_dir->filePath(u"history.sqlite"_s); }
    int count(const QString& sql);
    // Opens the store on dbPath() for accountA().
    void openFor(HistoryStore& store, const HistoryAccount& account = accountA());
    qint64 idOf(HistoryStore& store, const HistoryAccount& account = accountA());
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

void TestHistoryStore::openFor(HistoryStore& store, const HistoryAccount& account)
{
    QVERIFY2(store.open(dbPath()), qPrintable(store.errorString()));
    store.setAccount(account);
}

qint64 TestHistoryStore::idOf(HistoryStore& store, const HistoryAccount& account)
{
    store.waitForWrites();
    return store.accountId(account).value_or(-1);
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
    store.setAccount(accountA());
    store.record(sampleSnapshot());
    store.waitForWrites();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"wal"_s);
        db.setDatabaseName(store.databasePath());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"PRAGMA journal_mode"_s) && query.next());
        QCOMPARE(query.value(0).toString(), u"wal"_s);
        QVERIFY(query.exec(u"PRAGMA user_version"_s) && query.next());
        QCOMPARE(query.value(0).toInt(), HistorySchema::kVersion);
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
    openFor(store);
    QSignalSpy recorded(&store, &HistoryStore::recorded);
    AccountSnapshot later = sampleSnapshot(kSampleTimeMs + 5000);
    later.totals.totalMarginBalance = dec("0");
    later.totals.totalUnrealizedProfit = dec("-12.5");
    store.record(later);
    store.record(sampleSnapshot(kSampleTimeMs));
    const qint64 id = idOf(store);
    QCOMPARE(recorded.size(), 2); // delivered by waitForWrites()

    const QList<HistoryPoint> points = store.series(id, QDateTime(), QDateTime());
    QCOMPARE(points.size(), 2);
    QCOMPARE(points.at(0).time, utc(kSampleTimeMs));
    QCOMPARE(points.at(0).marginBalance, 10000.0);
    QCOMPARE(points.at(0).unrealizedProfit, 0.0);
    QVERIFY(points.at(0).marginRatio.has_value());
    QVERIFY(qAbs(*points.at(0).marginRatio - 0.0172842) < 1e-12);
    QCOMPARE(points.at(1).time, utc(kSampleTimeMs + 5000));
    QCOMPARE(points.at(1).unrealizedProfit, -12.5);
    QVERIFY(!points.at(1).marginRatio.has_value()); // no ratio without a margin balance
    QCOMPARE(store.firstSnapshotTime(id), utc(kSampleTimeMs));
    QCOMPARE(store.lastSnapshotTime(id), utc(kSampleTimeMs + 5000));
}

void TestHistoryStore::record_withoutAccount_storesNothing()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    store.record(sampleSnapshot()); // the built-in simulator: no account
    store.waitForWrites();
    QVERIFY(store.accounts().isEmpty());
    store.close();
    QCOMPARE(count(u"SELECT count(*) FROM totals"_s), 0);
}

void TestHistoryStore::series_range_and_thinning()
{
    HistoryStore store;
    openFor(store);
    for (int i = 0; i < 100; ++i)
        store.record(sampleSnapshot(kSampleTimeMs + i * 1000));
    const qint64 id = idOf(store);
    QCOMPARE(store.snapshotCount(id), 100);
    QCOMPARE(store.series(id, utc(kSampleTimeMs + 10000), utc(kSampleTimeMs + 19000)).size(), 10);
    QCOMPARE(store.snapshotCount(id, utc(kSampleTimeMs + 90000), QDateTime()), 10);

    const QList<HistoryPoint> thin = store.series(id, QDateTime(), QDateTime(), 10);
    QVERIFY(thin.size() >= 10 && thin.size() <= 11);
    QCOMPARE(thin.first().time, utc(kSampleTimeMs));
    QCOMPARE(thin.last().time, utc(kSampleTimeMs + 99000)); // the newest point is always there
    for (qsizetype i = 1; i < thin.size(); ++i)
        QVERIFY(thin.at(i - 1).time < thin.at(i).time);
}

void TestHistoryStore::record_storesAssetAndPositionRowsOnlyWhenChanged()
{
    HistoryStore store;
    openFor(store);
    AccountSnapshot s = sampleSnapshot(kSampleTimeMs);
    store.record(s);
    s.takenAt = utc(kSampleTimeMs + 1000);
    store.record(s); // nothing changed
    s.takenAt = utc(kSampleTimeMs + 2000);
    s.positions[0].markPrice = dec("43211.0");
    store.record(s); // positions changed, assets did not
    s.takenAt = utc(kSampleTimeMs + 3000);
    s.positions.clear();
    store.record(s); // everything closed: an empty set is a change too
    s.takenAt = utc(kSampleTimeMs + 4000);
    s.assets = sampleSnapshot().assets; // rebuilt, same values: not a change
    store.record(s);
    store.close();

    QCOMPARE(count(u"SELECT count(*) FROM totals"_s), 5);
    QCOMPARE(count(u"SELECT count(*) FROM asset_sets"_s), 1);
    QCOMPARE(count(u"SELECT count(*) FROM assets"_s), 2);
    QCOMPARE(count(u"SELECT count(*) FROM position_sets"_s), 3);
    QCOMPARE(count(u"SELECT count(*) FROM positions"_s), 4);
}

void TestHistoryStore::record_sameListTwice_storedOnce()
{
    // The parser hands out the same list for an unchanged poll: recognised without comparing rows.
    HistoryStore store;
    openFor(store);
    AccountSnapshot s = sampleSnapshot(kSampleTimeMs);
    const QList<Position> shared = s.positions;
    store.record(s);
    s.takenAt = utc(kSampleTimeMs + 1000);
    s.positions = shared;
    QVERIFY(s.positions.constData() == shared.constData());
    store.record(s);
    store.close();
    QCOMPARE(count(u"SELECT count(*) FROM position_sets"_s), 1);
}

void TestHistoryStore::record_keepsDecimalTextExact()
{
    HistoryStore store;
    openFor(store);
    store.record(sampleSnapshot());
    store.close();
    QCOMPARE(
        count(u"SELECT count(*) FROM totals WHERE \"totalPositionInitialMargin\" = '2.8E-4' "
              "AND \"totalUnrealizedProfit\" = '-0.00000000' AND typeof(\"totalWalletBalance\") = 'text'"_s),
        1);
    QCOMPARE(count(u"SELECT count(*) FROM positions WHERE \"markPrice\" = '43210.50000000'"_s), 1);
}

void TestHistoryStore::accounts_keptApart()
{
    HistoryStore store;
    openFor(store, accountA());
    store.record(sampleSnapshot(kSampleTimeMs));
    store.record(sampleSnapshot(kSampleTimeMs + 1000));
    store.setAccount(accountB());
    AccountSnapshot b = sampleSnapshot(kSampleTimeMs + 2000);
    b.totals.totalMarginBalance = dec("26.5");
    store.record(b);
    store.waitForWrites();

    const QList<StoredHistoryAccount> accounts = store.accounts();
    QCOMPARE(accounts.size(), 2);
    QVERIFY(accounts.at(0).account.sameAccount(accountB())); // most recently recorded first
    QCOMPARE(accounts.at(0).account.name, u"Second"_s);
    QCOMPARE(store.snapshotCount(accounts.at(0).id), 1);
    QCOMPARE(store.snapshotCount(accounts.at(1).id), 2);
    QCOMPARE(accounts.at(1).first, utc(kSampleTimeMs));
    QCOMPARE(accounts.at(1).last, utc(kSampleTimeMs + 1000));
    const QList<HistoryPoint> a = store.series(*store.accountId(accountA()), QDateTime(), QDateTime());
    const QList<HistoryPoint> bSeries = store.series(*store.accountId(accountB()), QDateTime(), QDateTime());
    QCOMPARE(a.size(), 2);
    QCOMPARE(bSeries.size(), 1);
    QCOMPARE(bSeries.at(0).marginBalance, 26.5);
    for (const HistoryPoint& point : a)
        QCOMPARE(point.marginBalance, 10000.0);

    // Same profile, another key: another account.
    const HistoryAccount rekeyed = HistoryAccount::forCredentials(
        u"profile-a"_s, u"Main"_s, QUrl(u"https://fapi.binance.com"_s), u"a-new-key"_s);
    QVERIFY(!store.accountId(rekeyed).has_value());

    // Only the fingerprint is stored, never the key.
    store.close();
    for (const QString& file : QDir(m_dir->path()).entryList({u"history.sqlite*"_s}, QDir::Files)) {
        QFile bytes(m_dir->filePath(file));
        QVERIFY(bytes.open(QIODevice::ReadOnly));
        const QByteArray content = bytes.readAll();
        QVERIFY2(!content.contains("key-of-account-a") && !content.contains("key-of-account-b"),
                 qPrintable(file));
        QVERIFY(file != u"history.sqlite"_s || content.contains(accountA().fingerprint.toLatin1()));
    }
}

void TestHistoryStore::exportRange_singleSnapshot_equalsSnapshotExport()
{
    HistoryStore store;
    openFor(store);
    const AccountSnapshot snapshot = sampleSnapshot();
    store.record(snapshot);
    const qint64 id = idOf(store);
    QBuffer totals, assets, positions;
    for (QBuffer* b : {&totals, &assets, &positions})
        QVERIFY(b->open(QIODevice::WriteOnly));
    const Expected<void> exported =
        store.exportRange(id, &totals, &assets, &positions, QDateTime(), QDateTime());
    QVERIFY2(exported, qPrintable(exported.error()));

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
    openFor(store);
    AccountSnapshot s = sampleSnapshot(kSampleTimeMs);
    store.record(s);
    s.takenAt = utc(kSampleTimeMs + 1000);
    store.record(s);
    s.takenAt = utc(kSampleTimeMs + 2000);
    s.assets.removeLast();
    store.record(s);
    const qint64 id = idOf(store);

    // Range starting at the second poll: its asset set was stored with the first one.
    QBuffer totals, assets, positions;
    for (QBuffer* b : {&totals, &assets, &positions})
        QVERIFY(b->open(QIODevice::WriteOnly));
    QVERIFY(store.exportRange(id, &totals, &assets, &positions, utc(kSampleTimeMs + 1000), QDateTime()));
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
    QVERIFY(store.exportRange(id, &t2, &a2, &p2, utc(0), utc(1000)));
    QCOMPARE(t2.data().count('\n'), 1);
    QCOMPARE(a2.data().count('\n'), 1);
    QCOMPARE(p2.data().count('\n'), 1);
}

void TestHistoryStore::exportRange_onlyTheAccountAsked()
{
    HistoryStore store;
    openFor(store, accountA());
    store.record(sampleSnapshot(kSampleTimeMs));
    store.setAccount(accountB());
    AccountSnapshot b = sampleSnapshot(kSampleTimeMs + 1000);
    b.positions.removeLast();
    store.record(b);
    const qint64 idB = idOf(store, accountB());
    QBuffer totals, assets, positions;
    for (QBuffer* buffer : {&totals, &assets, &positions})
        QVERIFY(buffer->open(QIODevice::WriteOnly));
    QVERIFY(store.exportRange(idB, &totals, &assets, &positions, QDateTime(), QDateTime()));
    const QList<QStringList> totalRows = parseCsv(totals.data());
    QCOMPARE(totalRows.size(), 1 + 1);
    QCOMPARE(totalRows.at(1).at(0), csvTimestamp(b.takenAt));
    QCOMPARE(parseCsv(positions.data()).size(), 1 + 1);
}

void TestHistoryStore::exportRange_toFiles()
{
    HistoryStore store;
    openFor(store);
    store.record(sampleSnapshot());
    const qint64 id = idOf(store);
    const QString stem = m_dir->filePath(u"range"_s);
    const Expected<void> exported = store.exportRange(id, stem, QDateTime(), QDateTime());
    QVERIFY2(exported, qPrintable(exported.error()));
    for (const QString& suffix : {u"-totals.csv"_s, u"-assets.csv"_s, u"-positions.csv"_s})
        QVERIFY(QFile::exists(stem + suffix));
    const Expected<void> refused =
        store.exportRange(id, m_dir->filePath(u"nope/range"_s), QDateTime(), QDateTime());
    QVERIFY(!refused);
    QVERIFY(refused.error().contains(u"nope"_s));
    QVERIFY(store.isEnabled()); // a bad export path is not a database problem
}

void TestHistoryStore::prune_removesOlderThanRetention_keepsSetInEffect()
{
    HistoryStore store;
    openFor(store);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    constexpr qint64 day = 24LL * 60 * 60 * 1000;
    AccountSnapshot s = sampleSnapshot(now - 40 * day);
    store.record(s); // the asset set stored here stays in effect until today
    s.takenAt = utc(now - 35 * day);
    s.positions.removeLast();
    store.record(s);
    s.takenAt = utc(now - 1 * day);
    store.record(s);
    s.takenAt = utc(now);
    store.record(s);
    // Another account's old rows go too, and its set in effect stays as well.
    store.setAccount(accountB());
    store.record(sampleSnapshot(now - 50 * day));
    store.record(sampleSnapshot(now - 2 * day));
    const qint64 id = idOf(store);

    QSignalSpy finished(&store, &HistoryStore::pruneFinished);
    store.setRetentionDays(30);
    QVERIFY(finished.wait(5000));
    QVERIFY(finished.constFirst().constFirst().toInt() > 0);
    QCOMPARE(store.snapshotCount(id), 2);
    QCOMPARE(store.firstSnapshotTime(id), utc(now - 1 * day));

    QBuffer totals, assets, positions;
    for (QBuffer* b : {&totals, &assets, &positions})
        QVERIFY(b->open(QIODevice::WriteOnly));
    QVERIFY(store.exportRange(id, &totals, &assets, &positions, QDateTime(), QDateTime()));
    QCOMPARE(parseCsv(assets.data()).size(), 1 + 2);    // the 40-day-old set, still in effect
    QCOMPARE(parseCsv(positions.data()).size(), 1 + 1); // the 35-day-old set
    const qint64 idB = *store.accountId(accountB());
    QCOMPARE(store.snapshotCount(idB), 1);
    QBuffer t2, a2, p2;
    for (QBuffer* b : {&t2, &a2, &p2})
        QVERIFY(b->open(QIODevice::WriteOnly));
    QVERIFY(store.exportRange(idB, &t2, &a2, &p2, QDateTime(), QDateTime()));
    QCOMPARE(parseCsv(p2.data()).size(), 1 + 2); // its 50-day-old set, still in effect
    store.close();
    QCOMPARE(count(u"SELECT count(*) FROM position_sets"_s), 2);
}

void TestHistoryStore::damagedDatabase_movedAsideAndNewOneStarted_data()
{
    QByteArray noise(8192, '\0');
    for (int i = 0; i < noise.size(); ++i)
        noise[i] = char((i * 7919) % 251);
    QTest::addColumn<QByteArray>("garbage");
    QTest::newRow("not a database") << noise;
    // Passes the header check; SQLite itself finds it damaged.
    QTest::newRow("SQLite header, noise after") << QByteArray("SQLite format 3", 16) + noise;
}

void TestHistoryStore::damagedDatabase_movedAsideAndNewOneStarted()
{
    QFETCH(QByteArray, garbage);
    QFile file(dbPath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(garbage);
    file.close();

    HistoryStore store;
    QSignalSpy errors(&store, &HistoryStore::errorOccurred);
    QSignalSpy replaced(&store, &HistoryStore::databaseReplaced);
    QVERIFY2(store.open(dbPath()), qPrintable(store.errorString()));
    QVERIFY(store.isEnabled());
    QCOMPARE(errors.size(), 0);
    QCOMPARE(replaced.size(), 1);

    // The old file is kept, byte for byte, next to the new one, and the notice says where.
    const QStringList moved = QDir(m_dir->path()).entryList({u"history.sqlite.damaged-*"_s}, QDir::Files);
    QCOMPARE(moved.size(), 1);
    QFile kept(m_dir->filePath(moved.constFirst()));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), garbage);
    QVERIFY2(store.notice().contains(u"damaged"_s)
                 && store.notice().contains(QDir::toNativeSeparators(kept.fileName())),
             qPrintable(store.notice()));
    QVERIFY(!store.notice().contains(u"No query"_s));

    store.setAccount(accountA());
    store.record(sampleSnapshot());
    QCOMPARE(store.snapshotCount(idOf(store)), 1);
}

void TestHistoryStore::damagedDatabase_walMovedAlong()
{
    QFile file(dbPath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'x'));
    file.close();
    QFile wal(dbPath() + u"-wal"_s);
    QVERIFY(wal.open(QIODevice::WriteOnly));
    wal.write("what is left of the last writes");
    wal.close();

    HistoryStore store;
    QVERIFY2(store.open(dbPath()), qPrintable(store.errorString()));
    const QStringList moved = QDir(m_dir->path()).entryList({u"history.sqlite.damaged-*-wal"_s}, QDir::Files);
    QCOMPARE(moved.size(), 1);
    QFile keptWal(m_dir->filePath(moved.constFirst()));
    QVERIFY(keptWal.open(QIODevice::ReadOnly));
    QCOMPARE(keptWal.readAll(), QByteArray("what is left of the last writes"));
}

void TestHistoryStore::newerSchema_refused()
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"newer"_s);
        db.setDatabaseName(dbPath());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"CREATE TABLE future (x)"_s));
        QVERIFY(query.exec(u"PRAGMA user_version = 99"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"newer"_s);
    HistoryStore store;
    QSignalSpy errors(&store, &HistoryStore::errorOccurred);
    QVERIFY(!store.open(dbPath()));
    QCOMPARE(errors.size(), 1);
    QVERIFY2(store.errorString().contains(u"newer version"_s), qPrintable(store.errorString()));
    QVERIFY(QDir(m_dir->path()).entryList({u"*.damaged-*"_s}).isEmpty()); // not damaged: left alone
}

void TestHistoryStore::lockedDatabase_reportedAndDisabled()
{
    HistoryStore store;
    openFor(store);
    store.record(sampleSnapshot(kSampleTimeMs));
    const qint64 id = idOf(store);
    QSignalSpy errors(&store, &HistoryStore::errorOccurred);
    QSignalSpy enabled(&store, &HistoryStore::enabledChanged);
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"locker"_s);
        other.setDatabaseName(dbPath());
        other.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=0"_s);
        QVERIFY(other.open());
        QSqlQuery lock(other);
        QVERIFY(lock.exec(u"BEGIN EXCLUSIVE"_s));
        store.record(sampleSnapshot(kSampleTimeMs + 1000)); // returns at once: the writer waits
        QVERIFY(errors.wait(3 * HistoryWriter::kBusyTimeoutMs));
        QVERIFY(lock.exec(u"ROLLBACK"_s));
        other.close();
    }
    QSqlDatabase::removeDatabase(u"locker"_s);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.constFirst().constFirst().toString().contains(u"locked"_s, Qt::CaseInsensitive),
             qPrintable(errors.constFirst().constFirst().toString()));
    QCOMPARE(enabled.size(), 1);
    QCOMPARE(enabled.constFirst().constFirst().toBool(), false);
    QVERIFY(!store.isEnabled());
    QVERIFY(QDir(m_dir->path()).entryList({u"*.damaged-*"_s}).isEmpty()); // busy is not damaged

    // Re-opening later works and the earlier row is intact.
    openFor(store);
    QCOMPARE(store.snapshotCount(id), 1);
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
