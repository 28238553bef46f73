#include "io/CsvWriter.h"

#include <QBuffer>
#include <QTest>

using namespace Qt::StringLiterals;

namespace marginwatch {

class TestCsvWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void encodeField_data();
    void encodeField();
    void encodeRow_joinsWithCommaAndEndsWithLf();
    void encodeRow_emptyFieldsStayEmpty();
    void writeRow_toBuffer();
    void writeRow_closedDevice_fails();
};

void TestCsvWriter::encodeField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << u"USDT"_s << QByteArray("USDT");
    QTest::newRow("empty") << QString() << QByteArray("");
    QTest::newRow("decimal") << u"-0.00000000"_s << QByteArray("-0.00000000");
    QTest::newRow("exponent") << u"2.8E-4"_s << QByteArray("2.8E-4");
    QTest::newRow("comma") << u"US,DT"_s << QByteArray("\"US,DT\"");
    QTest::newRow("quote") << u"say \"hi\""_s << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("only quote") << u"\""_s << QByteArray("\"\"\"\"");
    QTest::newRow("lf") << u"a\nb"_s << QByteArray("\"a\nb\"");
    QTest::newRow("cr") << u"a\rb"_s << QByteArray("\"a\rb\"");
    QTest::newRow("crlf") << u"a\r\nb"_s << QByteArray("\"a\r\nb\"");
    QTest::newRow("spaces kept") << u" a "_s << QByteArray(" a ");
    QTest::newRow("utf-8") << u"Ⓢ-€"_s << QByteArray("\xe2\x93\x88-\xe2\x82\xac");
    QTest::newRow("semicolon not special") << u"a;b"_s << QByteArray("a;b");
}

void TestCsvWriter::encodeField()
{
    QFETCH(QString, field);
    QFETCH(QByteArray, expected);
    QCOMPARE(CsvWriter::encodeField(field), expected);
}

void TestCsvWriter::encodeRow_joinsWithCommaAndEndsWithLf()
{
    QCOMPARE(CsvWriter::encodeRow({u"a"_s, u"b,c"_s, u"d"_s}), QByteArray("a,\"b,c\",d\n"));
    QCOMPARE(CsvWriter::encodeRows({{u"h1"_s, u"h2"_s}, {u"1"_s, u"2"_s}}), QByteArray("h1,h2\n1,2\n"));
}

void TestCsvWriter::encodeRow_emptyFieldsStayEmpty()
{
    QCOMPARE(CsvWriter::encodeRow({QString(), u"x"_s, QString()}), QByteArray(",x,\n"));
    QCOMPARE(CsvWriter::encodeRow({}), QByteArray("\n"));
}

void TestCsvWriter::writeRow_toBuffer()
{
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    CsvWriter writer(&buffer);
    QVERIFY(writer.writeRow({u"asset"_s, u"walletBalance"_s}));
    QVERIFY(writer.writeRows({{u"A,B"_s, u"1.0"_s}, {u"C"_s, u"2.8E-4"_s}}));
    QCOMPARE(buffer.data(), QByteArray("asset,walletBalance\n\"A,B\",1.0\nC,2.8E-4\n"));
}

void TestCsvWriter::writeRow_closedDevice_fails()
{
    QBuffer buffer;
    CsvWriter writer(&buffer);
    QVERIFY(!writer.writeRow({u"a"_s}));
    QVERIFY(!writer.errorString().isEmpty());
}

} // namespace marginwatch

QTEST_GUILESS_MAIN(marginwatch::TestCsvWriter)
#include "tst_csvwriter.moc"
