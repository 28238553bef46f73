#include "SnapshotFixtures.h"
#include "io/SnapshotCsvExporter.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace marginwatch {

using namespace testing;

class TestSnapshotCsvExporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void header_isContract_data();
    void header_isContract();
    void totals_rowExact();
    void assets_quotesCommaQuoteAndNewline();
    void positions_enrichmentEmptyWhenUnknown();
    void serverText_neutralisedAgainstFormulas_data();
    void serverText_neutralisedAgainstFormulas();
    void decimals_roundTripByteExact_data();
    void decimals_roundTripByteExact();
    void emptyTables_headerOnly();
    void modes_data();
    void modes();
    void timestamp_data();
    void timestamp();
    void marginRatio_data();
    void marginRatio();
    void exportSnapshot_writesThreeFiles();
    void exportSnapshot_replacesExistingFiles();
    void exportSnapshot_missingDirectory_namesPath();

private:
    static QByteArray writeTable(CsvTable table, const AccountSnapshot& snapshot);
};

QByteArray TestSnapshotCsvExporter::writeTable(CsvTable table, const AccountSnapshot& snapshot)
{
    QBuffer buffer;
    if (!buffer.open(QIODevice::WriteOnly))
        return {};
    SnapshotCsvExporter exporter;
    if (!exporter.write(&buffer, table, snapshot))
        return {};
    return buffer.data();
}

void TestSnapshotCsvExporter::header_isContract_data()
{
    QTest::addColumn<int>("table");
    QTest::addColumn<QByteArray>("header");
    // Spelled out by hand from design.md's CSV contract: a change here is a contract change.
    QTest::newRow("totals")
        << int(CsvTable::Totals)
        << QByteArray("snapshot_time_utc,account_mode,position_mode,totalInitialMargin,totalMaintMargin,"
                      "totalWalletBalance,totalUnrealizedProfit,totalMarginBalance,"
                      "totalPositionInitialMargin,totalOpenOrderInitialMargin,"
                      "totalCrossWalletBalance,totalCrossUnPnl,availableBalance,maxWithdrawAmount,"
                      "marginRatio\n");
    QTest::newRow("assets")
        << int(CsvTable::Assets)
        << QByteArray("snapshot_time_utc,asset,walletBalance,unrealizedProfit,marginBalance,maintMargin,"
                      "initialMargin,positionInitialMargin,openOrderInitialMargin,crossWalletBalance,"
                      "crossUnPnl,availableBalance,maxWithdrawAmount,updateTime\n");
    QTest::newRow("positions")
        << int(CsvTable::Positions)
        << QByteArray("snapshot_time_utc,symbol,positionSide,positionAmt,unrealizedProfit,"
                      "isolatedMargin,notional,isolatedWallet,initialMargin,maintMargin,updateTime,"
                      "entryPrice,breakEvenPrice,markPrice,liquidationPrice,leverage,marginType\n");
}

void TestSnapshotCsvExporter::header_isContract()
{
    QFETCH(int, table);
    QFETCH(QByteArray, header);
    AccountSnapshot empty = sampleSnapshot();
    empty.assets.clear();
    empty.positions.clear();
    const QByteArray bytes = writeTable(CsvTable(table), empty);
    QVERIFY(bytes.startsWith(header));
    if (CsvTable(table) != CsvTable::Totals)
        QCOMPARE(bytes, header);
}

void TestSnapshotCsvExporter::totals_rowExact()
{
    const QByteArray bytes = writeTable(CsvTable::Totals, sampleSnapshot());
    const QList<QByteArray> lines = bytes.split('\n');
    QCOMPARE(lines.size(), 3); // header, row, "" after the final \n
    QCOMPARE(lines.at(1),
             QByteArray("2026-11-25T03:30:25.123Z,single-asset,one-way,2160.525,172.842,103.12345678,"
                        "-0.00000000,10000.00,2.8E-4,0,103.12345678,0.00000000,103.12345678,"
                        "103.12345678,0.017284"));
    QVERIFY(lines.at(2).isEmpty());
}

void TestSnapshotCsvExporter::assets_quotesCommaQuoteAndNewline()
{
    const QByteArray bytes = writeTable(CsvTable::Assets, sampleSnapshot());
    QVERIFY(bytes.contains("\n2026-11-25T03:30:25.123Z,USDT,23.72469206,-0.00000000,23.72469206,"
                           "2.8E-4,0,0.00000000,0.00000000,23.72469206,0.00000000,126.72469206,"
                           "23.72469206,1625474304765\n"));
    QVERIFY(bytes.contains(",\"ODD,\"\"NAME\"\"\nX\",103.12345678,"));

    const QList<QStringList> rows = parseCsv(bytes);
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows.at(0).size(), 14);
    QCOMPARE(rows.at(2).size(), 14);
    QCOMPARE(rows.at(2).at(1), u"ODD,\"NAME\"\nX"_s);
    QCOMPARE(rows.at(2).at(13), u"1625474304765"_s);
}

void TestSnapshotCsvExporter::positions_enrichmentEmptyWhenUnknown()
{
    const QByteArray bytes = writeTable(CsvTable::Positions, sampleSnapshot());
    const QList<QByteArray> lines = bytes.split('\n');
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines.at(1),
             QByteArray("2026-11-25T03:30:25.123Z,BTCUSDT,BOTH,-1.000,12.34500000,0.00000000,-43210.5,0,"
                        "2160.525,172.842,1625474304766,43222.85,43240.1394,43210.50000000,0,20,"
                        "CROSSED"));
    QCOMPARE(lines.at(2),
             QByteArray("2026-11-25T03:30:25.123Z,ETHUSDT,BOTH,-1.000,12.34500000,0.00000000,-43210.5,0,"
                        "2160.525,172.842,1625474304766,,,,,,"));
}

void TestSnapshotCsvExporter::serverText_neutralisedAgainstFormulas_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("field"); // as written in the file
    QTest::newRow("hyperlink") << u"=HYPERLINK(\"http://x\",\"y\")"_s
                               << QByteArray("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    QTest::newRow("plus") << u"+1+1"_s << QByteArray("'+1+1");
    QTest::newRow("minus") << u"-2+3"_s << QByteArray("'-2+3");
    QTest::newRow("at") << u"@SUM(A1)"_s << QByteArray("'@SUM(A1)");
    QTest::newRow("tab") << u"\t=1"_s << QByteArray("'\t=1");
    QTest::newRow("carriage return") << u"\r=1"_s << QByteArray("\"'\r=1\"");
    QTest::newRow("formula later is text") << u"BTC=1"_s << QByteArray("BTC=1");
    QTest::newRow("plain") << u"BTCUSDT"_s << QByteArray("BTCUSDT");
}

void TestSnapshotCsvExporter::serverText_neutralisedAgainstFormulas()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, field);
    AccountSnapshot snapshot = sampleSnapshot();
    snapshot.assets = {sampleAsset(text, "-1.5")};
    snapshot.positions = {samplePosition(text, text, true)};
    snapshot.positions[0].marginType = text;
    const QByteArray assets = writeTable(CsvTable::Assets, snapshot);
    QVERIFY2(assets.contains(QByteArray("Z," + field + ",-1.5,")), assets.constData());
    const QByteArray positions = writeTable(CsvTable::Positions, snapshot);
    QVERIFY2(positions.contains(QByteArray("Z," + field + ',' + field + ",-1.000,")), positions.constData());
    QVERIFY2(positions.endsWith(QByteArray(',' + field + '\n')), positions.constData());
    // Decimals are numbers, never touched: a negative one stays exactly as received.
    QCOMPARE(parseCsv(assets).at(1).at(2), u"-1.5"_s);
}

void TestSnapshotCsvExporter::decimals_roundTripByteExact_data()
{
    QTest::addColumn<QByteArray>("text");
    for (const char* text : {"2.8E-4", "-0.00000000", "0", "0.00000000", "1.000", "-0.001", "103.12345678",
                             "123456789012345678.123456789", "1e-8", "00.10"}) {
        QTest::newRow(text) << QByteArray(text);
    }
}

void TestSnapshotCsvExporter::decimals_roundTripByteExact()
{
    QFETCH(QByteArray, text);
    const std::optional<Decimal> value = Decimal::parse(std::string_view(text.constData(), text.size()));
    if (!value)
        QSKIP("the model's Decimal does not accept this spelling");
    AccountSnapshot snapshot = sampleSnapshot();
    snapshot.totals.totalWalletBalance = *value;
    snapshot.assets = {sampleAsset(u"USDT"_s, "1")};
    snapshot.assets[0].crossUnPnl = *value;
    const QList<QStringList> totals = parseCsv(writeTable(CsvTable::Totals, snapshot));
    QCOMPARE(totals.at(1).at(5).toUtf8(), text);
    const QList<QStringList> assets = parseCsv(writeTable(CsvTable::Assets, snapshot));
    QCOMPARE(assets.at(1).at(10).toUtf8(), text);
}

void TestSnapshotCsvExporter::emptyTables_headerOnly()
{
    AccountSnapshot snapshot = sampleSnapshot();
    snapshot.assets.clear();
    snapshot.positions.clear();
    QCOMPARE(writeTable(CsvTable::Assets, snapshot).count('\n'), 1);
    QCOMPARE(writeTable(CsvTable::Positions, snapshot).count('\n'), 1);
    QCOMPARE(writeTable(CsvTable::Totals, snapshot).count('\n'), 2);
}

void TestSnapshotCsvExporter::modes_data()
{
    QTest::addColumn<int>("accountMode");
    QTest::addColumn<int>("positionMode");
    QTest::addColumn<QString>("expected");
    QTest::newRow("single one-way") << int(AccountMode::SingleAsset) << int(PositionMode::OneWay)
                                    << u"single-asset,one-way"_s;
    QTest::newRow("multi hedge") << int(AccountMode::MultiAssets) << int(PositionMode::Hedge)
                                 << u"multi-assets,hedge"_s;
    QTest::newRow("unknown") << int(AccountMode::Unknown) << int(PositionMode::Unknown) << u","_s;
}

void TestSnapshotCsvExporter::modes()
{
    QFETCH(int, accountMode);
    QFETCH(int, positionMode);
    QFETCH(QString, expected);
    AccountSnapshot snapshot = sampleSnapshot();
    snapshot.accountMode = AccountMode(accountMode);
    snapshot.positionMode = PositionMode(positionMode);
    const QStringList row = parseCsv(writeTable(CsvTable::Totals, snapshot)).at(1);
    QCOMPARE(row.mid(1, 2).join(u','), expected);
}

void TestSnapshotCsvExporter::timestamp_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QString>("expected");
    QTest::newRow("sample") << utc(kSampleTimeMs) << u"2026-11-25T03:30:25.123Z"_s;
    QTest::newRow("whole second keeps .000") << utc(1795577425000) << u"2026-11-25T03:30:25.000Z"_s;
    QTest::newRow("offset converted to UTC")
        << QDateTime::fromMSecsSinceEpoch(kSampleTimeMs, QTimeZone(3600 * 5))
        << u"2026-11-25T03:30:25.123Z"_s;
    QTest::newRow("invalid") << QDateTime() << QString();
}

void TestSnapshotCsvExporter::timestamp()
{
    QFETCH(QDateTime, time);
    QFETCH(QString, expected);
    QCOMPARE(csvTimestamp(time), expected);
}

void TestSnapshotCsvExporter::marginRatio_data()
{
    QTest::addColumn<QByteArray>("maint");
    QTest::addColumn<QByteArray>("marginBalance");
    QTest::addColumn<QString>("expected");
    QTest::newRow("typical") << QByteArray("172.842") << QByteArray("10000.00") << u"0.017284"_s;
    QTest::newRow("zero maint") << QByteArray("0.00000000") << QByteArray("103.1") << u"0.000000"_s;
    QTest::newRow("at liquidation") << QByteArray("50") << QByteArray("50.0") << u"1.000000"_s;
    QTest::newRow("rounds half up") << QByteArray("1") << QByteArray("8") << u"0.125000"_s;
    QTest::newRow("zero balance") << QByteArray("1") << QByteArray("0") << QString();
    QTest::newRow("negative balance") << QByteArray("1") << QByteArray("-5") << QString();
}

void TestSnapshotCsvExporter::marginRatio()
{
    QFETCH(QByteArray, maint);
    QFETCH(QByteArray, marginBalance);
    QFETCH(QString, expected);
    AccountTotals totals;
    totals.totalMaintMargin = dec(std::string_view(maint.constData(), maint.size()));
    totals.totalMarginBalance = dec(std::string_view(marginBalance.constData(), marginBalance.size()));
    QCOMPARE(csvMarginRatio(totals), expected);
}

void TestSnapshotCsvExporter::exportSnapshot_writesThreeFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString stem = dir.filePath(u"snap"_s);
    SnapshotCsvExporter exporter;
    const AccountSnapshot snapshot = sampleSnapshot();
    QVERIFY2(exporter.exportSnapshot(stem, snapshot), qPrintable(exporter.errorString()));
    for (CsvTable table : {CsvTable::Totals, CsvTable::Assets, CsvTable::Positions}) {
        QFile file(stem + u'-' + csvTableName(table) + u".csv"_s);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        QCOMPARE(file.readAll(), writeTable(table, snapshot));
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 3); // no temporary files left
}

void TestSnapshotCsvExporter::exportSnapshot_replacesExistingFiles()
{
    QTemporaryDir dir;
    const QString stem = dir.filePath(u"snap"_s);
    QFile old(stem + u"-totals.csv"_s);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old content that is much longer than the header, with no newline at all........");
    old.close();
    SnapshotCsvExporter exporter;
    QVERIFY(exporter.exportSnapshot(stem, sampleSnapshot()));
    QVERIFY(old.open(QIODevice::ReadOnly));
    QCOMPARE(old.readAll(), writeTable(CsvTable::Totals, sampleSnapshot()));
}

void TestSnapshotCsvExporter::exportSnapshot_missingDirectory_namesPath()
{
    QTemporaryDir dir;
    const QString stem = dir.filePath(u"no/such/dir/snap"_s);
    SnapshotCsvExporter exporter;
    QVERIFY(!exporter.exportSnapshot(stem, sampleSnapshot()));
    QVERIFY2(exporter.errorString().contains(QDir::toNativeSeparators(stem + u"-totals.csv"_s)),
             qPrintable(exporter.errorString()));
    QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot).isEmpty());
}

} // namespace marginwatch

QTEST_GUILESS_MAIN(marginwatch::TestSnapshotCsvExporter)
#include "tst_snapshotcsvexporter.moc"
