#include "SnapshotFixtures.h"
#include "io/CsvWriter.h"
#include "io/SnapshotCsvAppender.h"
#include "io/SnapshotCsvExporter.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

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
    void incompleteLastRow_notAppended();
    void missingDirectory_namesPath();
    void appendWithoutOpen_fails();

private:
    QByteArray read(CsvTable table) const;
    QString stem() const { return m_dir->filePath(u"rec"_s); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

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
    QVERIFY2(appender.open(), qPrintable(appender.errorString()));
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
    QVERIFY2(again.open(), qPrintable(again.errorString()));
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
    QVERIFY(!appender.open());
    QVERIFY2(appender.errorString().contains(QDir::toNativeSeparators(path)),
             qPrintable(appender.errorString()));
    QVERIFY(!appender.append(sampleSnapshot()));
    QCOMPARE(read(CsvTable(table)), content);
    // Nothing else was created either.
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files).size(), 1);
}

void TestSnapshotCsvAppender::incompleteLastRow_notAppended()
{
    QFile file(csvFilePath(stem(), CsvTable::Totals));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(CsvWriter::encodeRow(csvHeader(CsvTable::Totals)) + "2026-11-25T03:30:25.123Z,sing");
    file.close();
    SnapshotCsvAppender appender(stem());
    QVERIFY(!appender.open());
    QVERIFY2(appender.errorString().contains(u"incomplete row"_s), qPrintable(appender.errorString()));
}

void TestSnapshotCsvAppender::missingDirectory_namesPath()
{
    SnapshotCsvAppender appender(m_dir->filePath(u"missing/rec"_s));
    QVERIFY(!appender.open());
    QVERIFY2(appender.errorString().contains(u"missing"_s), qPrintable(appender.errorString()));
}

void TestSnapshotCsvAppender::appendWithoutOpen_fails()
{
    SnapshotCsvAppender appender(stem());
    QVERIFY(!appender.append(sampleSnapshot()));
    QVERIFY(!QFile::exists(csvFilePath(stem(), CsvTable::Totals)));
}

} // namespace marginwatch

QTEST_GUILESS_MAIN(marginwatch::TestSnapshotCsvAppender)
#include "tst_snapshotcsvappender.moc"
