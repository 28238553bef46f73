#include "SnapshotFixtures.h"
#include "io/CsvRecordingJournal.h"
#include "io/CsvWriter.h"
#include "io/SnapshotCsvAppender.h"
#include "io/SnapshotCsvExporter.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace marginwatch {

using namespace testing;

class TestSnapshotCsvAppender : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void newFiles_headerOnceThenOneRowSetPerPoll();
    void reopen_appendsWithoutSecondHeader();
    void rows_sameFormatAsSnapshotExport();
    void emptyExistingFile_getsHeader();
    void foreignHeader_notAppended_data();
    void foreignHeader_notAppended();
    void incompleteLastRow_withoutJournal_notAppended();
    void missingDirectory_namesPath();
    void appendWithoutOpen_fails();
    void journal_holdsSizesWhileRecording_goneAfterClose();
    void interruptedSnapshot_repairedOnOpen_data();
    void interruptedSnapshot_repairedOnOpen();
    void journalLongerThanFiles_refusedAndKept();
    void secondAppenderOnSameStem_refused();
    void characterDevice_oneLineErrorAndNoWarning();
    void devNull_appendsWithoutWarning();
    void failedAppend_cutsBackToLastSnapshot();

private:
    QByteArray read(CsvTable table) const;
    CsvFileSizes sizes() const;
    QSet<QString> times(CsvTable table) const;
    QString stem() const { return m_dir->filePath(u"rec"_s); }
    QString journalPath() const { return CsvRecordingJournal::pathForStem(stem()); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

constexpr std::array kTables{CsvTable::Totals, CsvTable::Assets, CsvTable::Positions};

CsvFileSizes TestSnapshotCsvAppender::sizes() const
{
    CsvFileSizes result{};
    for (std::size_t i = 0; i < kTables.size(); ++i)
        result[i] = QFileInfo(csvFilePath(stem(), kTables[i])).size();
    return result;
}

QSet<QString> TestSnapshotCsvAppender::times(CsvTable table) const
{
    QSet<QString> result;
    const QList<QStringList> rows = parseCsv(read(table));
    for (qsizetype r = 1; r < rows.size(); ++r)
        result.insert(rows.at(r).at(0));
    return result;
}

QByteArray TestSnapshotCsvAppender::read(CsvTable table) const
{
    QFile file(csvFilePath(stem(), table));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestSnapshotCsvAppender::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestSnapshotCsvAppender::newFiles_headerOnceThenOneRowSetPerPoll()
{
    SnapshotCsvAppender appender(stem());
    const Expected<void> opened = appender.open();
    QVERIFY2(opened, qPrintable(opened.error()));
    QVERIFY(appender.append(sampleSnapshot(kSampleTimeMs)));
    QVERIFY(appender.append(sampleSnapshot(kSampleTimeMs + 5000)));
    QVERIFY(appender.append(sampleSnapshot(kSampleTimeMs + 10000)));
    QCOMPARE(appender.snapshotsAppended(), 3);
    appender.close();

    const QList<QStringList> totals = parseCsv(read(CsvTable::Totals));
    QCOMPARE(totals.size(), 1 + 3);
    QCOMPARE(totals.at(0), csvHeader(CsvTable::Totals));
    QCOMPARE(totals.at(3).at(0), u"2026-11-25T03:30:35.123Z"_s);
    QCOMPARE(parseCsv(read(CsvTable::Assets)).size(), 1 + 3 * 2);
    QCOMPARE(parseCsv(read(CsvTable::Positions)).size(), 1 + 3 * 2);
}

void TestSnapshotCsvAppender::reopen_appendsWithoutSecondHeader()
{
    {
        SnapshotCsvAppender appender(stem());
        QVERIFY(appender.open());
        QVERIFY(appender.append(sampleSnapshot(kSampleTimeMs)));
    }
    SnapshotCsvAppender again(stem());
    const Expected<void> opened = again.open();
    QVERIFY2(opened, qPrintable(opened.error()));
    QVERIFY(again.append(sampleSnapshot(kSampleTimeMs + 1000)));
    again.close();
    const QByteArray totals = read(CsvTable::Totals);
    QCOMPARE(totals.count("snapshot_time_utc"), 1);
    QCOMPARE(parseCsv(totals).size(), 3);
}

void TestSnapshotCsvAppender::rows_sameFormatAsSnapshotExport()
{
    const AccountSnapshot snapshot = sampleSnapshot();
    SnapshotCsvAppender appender(stem());
    QVERIFY(appender.open());
    QVERIFY(appender.append(snapshot));
    appender.close();
    for (CsvTable table : {CsvTable::Totals, CsvTable::Assets, CsvTable::Positions}) {
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        SnapshotCsvExporter exporter;
        QVERIFY(exporter.write(&buffer, table, snapshot));
        QCOMPARE(read(table), buffer.data());
    }
}

void TestSnapshotCsvAppender::emptyExistingFile_getsHeader()
{
    QFile empty(csvFilePath(stem(), CsvTable::Assets));
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();
    SnapshotCsvAppender appender(stem());
    QVERIFY(appender.open());
    appender.close();
    QCOMPARE(read(CsvTable::Assets), CsvWriter::encodeRow(csvHeader(CsvTable::Assets)));
}

void TestSnapshotCsvAppender::foreignHeader_notAppended_data()
{
    QTest::addColumn<int>("table");
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("other csv") << int(CsvTable::Assets) << QByteArray("foo,bar\n1,2\n");
    QTest::newRow("header of another table")
        << int(CsvTable::Totals) << CsvWriter::encodeRow(csvHeader(CsvTable::Assets));
    QTest::newRow("header with an extra column")
        << int(CsvTable::Positions) << CsvWriter::encodeRow(csvHeader(CsvTable::Positions) << u"extra"_s);
    QTest::newRow("header missing its newline")
        << int(CsvTable::Positions) << CsvWriter::encodeRow(csvHeader(CsvTable::Positions)).chopped(1);
}

void TestSnapshotCsvAppender::foreignHeader_notAppended()
{
    QFETCH(int, table);
    QFETCH(QByteArray, content);
    const QString path = csvFilePath(stem(), CsvTable(table));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();

    SnapshotCsvAppender appender(stem());
    const Expected<void> opened = appender.open();
    QVERIFY(!opened);
    QVERIFY2(opened.error().contains(QDir::toNativeSeparators(path)), qPrintable(opened.error()));
    QVERIFY(!appender.append(sampleSnapshot()));
    QCOMPARE(read(CsvTable(table)), content);
    // Nothing else was created either.
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files).size(), 1);
}

void TestSnapshotCsvAppender::incompleteLastRow_withoutJournal_notAppended()
{
    // No journal: nothing says where the last whole snapshot ended, so nothing is cut.
    const QByteArray content =
        CsvWriter::encodeRow(csvHeader(CsvTable::Totals)) + "2026-11-25T03:30:25.123Z,sing";
    QFile file(csvFilePath(stem(), CsvTable::Totals));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    SnapshotCsvAppender appender(stem());
    const Expected<void> opened = appender.open();
    QVERIFY(!opened);
    QVERIFY2(opened.error().contains(u"incomplete row"_s), qPrintable(opened.error()));
    QCOMPARE(read(CsvTable::Totals), content);
    QVERIFY(!QFile::exists(journalPath()));
}

void TestSnapshotCsvAppender::missingDirectory_namesPath()
{
    SnapshotCsvAppender appender(m_dir->filePath(u"missing/rec"_s));
    const Expected<void> opened = appender.open();
    QVERIFY(!opened);
    QVERIFY2(opened.error().contains(u"missing"_s), qPrintable(opened.error()));
}

void TestSnapshotCsvAppender::appendWithoutOpen_fails()
{
    SnapshotCsvAppender appender(stem());
    QVERIFY(!appender.append(sampleSnapshot()));
    QVERIFY(!QFile::exists(csvFilePath(stem(), CsvTable::Totals)));
}

void TestSnapshotCsvAppender::journal_holdsSizesWhileRecording_goneAfterClose()
{
    SnapshotCsvAppender appender(stem());
    QVERIFY(appender.open());
    auto journal = [this] {
        QFile file(journalPath());
        return file.open(QIODevice::ReadOnly) ? CsvRecordingJournal::decode(file.readAll()) : std::nullopt;
    };
    QVERIFY(journal() == std::optional<CsvFileSizes>(sizes()));
    QVERIFY(appender.append(sampleSnapshot()));
    QVERIFY(journal() == std::optional<CsvFileSizes>(sizes()));
    appender.close();
    QVERIFY(!QFile::exists(journalPath()));
}

void TestSnapshotCsvAppender::interruptedSnapshot_repairedOnOpen_data()
{
    // Where a run died while writing the second snapshot, as the size of each file (totals, assets,
    // positions): 1 = after the first snapshot, 2 = after the second, 3 = 5 bytes short of 2.
    QTest::addColumn<QList<int>>("state");
    QTest::addColumn<bool>("secondKept");
    QTest::newRow("before the positions rows") << QList<int>{1, 2, 1} << false;
    QTest::newRow("inside the positions rows") << QList<int>{1, 2, 3} << false;
    QTest::newRow("before the totals row") << QList<int>{1, 2, 2} << false;
    QTest::newRow("inside the totals row") << QList<int>{3, 2, 2} << false;
    QTest::newRow("after the totals row, before the journal") << QList<int>{2, 2, 2} << true;
}

void TestSnapshotCsvAppender::interruptedSnapshot_repairedOnOpen()
{
    QFETCH(QList<int>, state);
    QFETCH(bool, secondKept);
    const AccountSnapshot first = sampleSnapshot(kSampleTimeMs);
    const AccountSnapshot second = sampleSnapshot(kSampleTimeMs + 5000);
    const AccountSnapshot third = sampleSnapshot(kSampleTimeMs + 10000);

    // Real files written by the appender; then the state a death part-way through the second
    // snapshot leaves on disk: the journal still holds the sizes after the first one.
    CsvFileSizes afterFirst{}, afterSecond{};
    QByteArray journalAfterFirst;
    {
        SnapshotCsvAppender appender(stem());
        QVERIFY(appender.open());
        QVERIFY(appender.append(first));
        afterFirst = sizes();
        QFile journal(journalPath());
        QVERIFY(journal.open(QIODevice::ReadOnly));
        journalAfterFirst = journal.readAll();
        QVERIFY(appender.append(second));
        afterSecond = sizes();
    }
    for (std::size_t i = 0; i < kTables.size(); ++i) {
        const int code = state.at(qsizetype(i));
        const qint64 size = code == 1 ? afterFirst[i] : code == 2 ? afterSecond[i] : afterSecond[i] - 5;
        QVERIFY(QFile::resize(csvFilePath(stem(), kTables[i]), size));
    }
    QFile journal(journalPath());
    QVERIFY(journal.open(QIODevice::WriteOnly));
    journal.write(journalAfterFirst);
    journal.close();

    SnapshotCsvAppender appender(stem());
    const Expected<void> opened = appender.open();
    QVERIFY2(opened, qPrintable(opened.error()));
    QVERIFY(sizes() == (secondKept ? afterSecond : afterFirst));
    if (secondKept) {
        QCOMPARE(appender.repairNotice(), QString());
    } else {
        const QString notice = appender.repairNotice();
        QVERIFY2(notice.contains(u"repaired"_s) && notice.contains(QDir::toNativeSeparators(stem()))
                     && notice.contains(csvTimestamp(second.takenAt)) && !notice.contains(u'\n'),
                 qPrintable(notice));
    }

    // Whatever happened, the three tables hold the same snapshots from here on.
    QVERIFY(appender.append(third));
    appender.close();
    QSet<QString> expected{csvTimestamp(first.takenAt), csvTimestamp(third.takenAt)};
    if (secondKept)
        expected.insert(csvTimestamp(second.takenAt));
    for (const CsvTable table : kTables)
        QCOMPARE(times(table), expected);
    QCOMPARE(parseCsv(read(CsvTable::Positions)).size(), 1 + 2 * expected.size());
    QCOMPARE(parseCsv(read(CsvTable::Assets)).size(), 1 + 2 * expected.size()); // a quoted "\n" inside
}

void TestSnapshotCsvAppender::journalLongerThanFiles_refusedAndKept()
{
    {
        SnapshotCsvAppender appender(stem());
        QVERIFY(appender.open());
        QVERIFY(appender.append(sampleSnapshot()));
    }
    const CsvFileSizes before = sizes();
    CsvFileSizes claimed = before;
    claimed[1] += 100; // the assets file is shorter than the journal says: something else cut it
    const QByteArray journalLine = CsvRecordingJournal::encode(claimed);
    QFile journal(journalPath());
    QVERIFY(journal.open(QIODevice::WriteOnly));
    journal.write(journalLine);
    journal.close();

    SnapshotCsvAppender appender(stem());
    const Expected<void> opened = appender.open();
    QVERIFY(!opened);
    QVERIFY2(opened.error().contains(QDir::toNativeSeparators(csvFilePath(stem(), CsvTable::Assets))),
             qPrintable(opened.error()));
    QVERIFY(sizes() == before);
    QVERIFY(journal.open(QIODevice::ReadOnly));
    QCOMPARE(journal.readAll(), journalLine); // kept for whoever sorts it out
}

void TestSnapshotCsvAppender::secondAppenderOnSameStem_refused()
{
    SnapshotCsvAppender first(stem());
    QVERIFY(first.open());
    SnapshotCsvAppender second(stem());
    const Expected<void> opened = second.open();
    QVERIFY(!opened);
    QVERIFY2(opened.error().contains(u"another marginwatch"_s), qPrintable(opened.error()));
    second.close();
    QVERIFY(first.append(sampleSnapshot()));
    QCOMPARE(parseCsv(read(CsvTable::Totals)).size(), 2);
}

void TestSnapshotCsvAppender::characterDevice_oneLineErrorAndNoWarning()
{
    if (!QFileInfo(u"/dev/full"_s).exists())
        QSKIP("no /dev/full here");
    for (const CsvTable table : kTables)
        QVERIFY(QFile::link(u"/dev/full"_s, csvFilePath(stem(), table)));
    QTest::failOnWarning(QRegularExpression(u".*"_s)); // e.g. QIODevice::seek on a sequential device
    SnapshotCsvAppender appender(stem());
    const Expected<void> opened = appender.open();
    QVERIFY(!opened);
    QVERIFY2(opened.error().contains(QDir::toNativeSeparators(csvFilePath(stem(), CsvTable::Totals)))
                 && !opened.error().contains(u'\n'),
             qPrintable(opened.error()));
    QVERIFY(!QFile::exists(journalPath())); // a device is a stream: nothing to repair, no journal
}

void TestSnapshotCsvAppender::devNull_appendsWithoutWarning()
{
    if (!QFileInfo(u"/dev/null"_s).exists())
        QSKIP("no /dev/null here");
    for (const CsvTable table : kTables)
        QVERIFY(QFile::link(u"/dev/null"_s, csvFilePath(stem(), table)));
    QTest::failOnWarning(QRegularExpression(u".*"_s));
    SnapshotCsvAppender appender(stem());
    const Expected<void> opened = appender.open();
    QVERIFY2(opened, qPrintable(opened.error()));
    QVERIFY(appender.append(sampleSnapshot()));
    QVERIFY(appender.append(sampleSnapshot(kSampleTimeMs + 1000)));
    QCOMPARE(appender.snapshotsAppended(), 2);
    QVERIFY(!QFile::exists(journalPath()));
}

void TestSnapshotCsvAppender::failedAppend_cutsBackToLastSnapshot()
{
    AccountSnapshot second = sampleSnapshot(kSampleTimeMs + 1000);
    for (int i = 0; i < 20; ++i)
        second.positions << samplePosition(u"SYM%1USDT"_s.arg(i), u"BOTH"_s, true);
    // The sizes the files reach with the second snapshot, from a first run whose files are removed.
    CsvFileSizes full{};
    {
        SnapshotCsvAppender appender(stem());
        QVERIFY(appender.open());
        QVERIFY(appender.append(sampleSnapshot(kSampleTimeMs)));
        QVERIFY(appender.append(second));
        full = sizes();
    }
    for (const CsvTable table : kTables)
        QVERIFY(QFile::remove(csvFilePath(stem(), table)));

    SnapshotCsvAppender appender(stem());
    QVERIFY(appender.open());
    QVERIFY(appender.append(sampleSnapshot(kSampleTimeMs)));
    const CsvFileSizes afterFirst = sizes();
    const QByteArray assetsAfterFirst = read(CsvTable::Assets);

    // A file size limit that lets the assets rows through and stops the positions rows part-way.
    QVERIFY(afterFirst[2] < full[1] && full[1] < full[2]);
    rlimit old{};
    QVERIFY(getrlimit(RLIMIT_FSIZE, &old) == 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = old;
    limited.rlim_cur = rlim_t(full[1]);
    QVERIFY(setrlimit(RLIMIT_FSIZE, &limited) == 0);
    const Expected<void> appended = appender.append(second);
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, previousHandler);

    QVERIFY(!appended);
    QVERIFY2(appended.error().contains(QDir::toNativeSeparators(csvFilePath(stem(), CsvTable::Positions))),
             qPrintable(appended.error()));
    QVERIFY(sizes() == afterFirst);
    QCOMPARE(read(CsvTable::Assets), assetsAfterFirst);
    appender.close();
    QVERIFY(!QFile::exists(journalPath())); // the files were cut back: nothing left to repair
}

} // namespace marginwatch

QTEST_GUILESS_MAIN(marginwatch::TestSnapshotCsvAppender)
#include "tst_snapshotcsvappender.moc"
