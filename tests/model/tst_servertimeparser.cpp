#include "model/ServerTimeParser.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace marginwatch;

class TestServerTimeParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void valid_data();
    void valid();
    void rejected_data();
    void rejected();
};

void TestServerTimeParser::valid_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("binance") << "{\"serverTime\":1499827319559}"_ba << qint64(1499827319559);
    QTest::newRow("spaces") << " {\n \"serverTime\" : 1764000000123 }\r\n"_ba << qint64(1764000000123);
    QTest::newRow("other fields ignored") << "{\"x\":[1,{\"y\":null}],\"serverTime\":5}"_ba << qint64(5);
    QTest::newRow("largest") << "{\"serverTime\":9223372036854775807}"_ba
                             << std::numeric_limits<qint64>::max();
}

void TestServerTimeParser::valid()
{
    QFETCH(QByteArray, body);
    QFETCH(qint64, expected);
    const Expected<qint64> time = parseServerTime(body);
    QVERIFY2(time.has_value(), qPrintable(time ? QString() : time.error()));
    QCOMPARE(*time, expected);
}

void TestServerTimeParser::rejected_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expectedError");
    QTest::newRow("1e300") << "{\"serverTime\":1e300}"_ba
                           << u"time: serverTime: not an integer (\"1e300\")"_s;
    QTest::newRow("float") << "{\"serverTime\":1764000000123.0}"_ba << u"time: serverTime: not an integer"_s;
    QTest::newRow("leading zero") << "{\"serverTime\":01}"_ba << u"time: serverTime: not an integer"_s;
    QTest::newRow("negative") << "{\"serverTime\":-1764000000123}"_ba
                              << u"time: serverTime: not a positive number"_s;
    QTest::newRow("zero") << "{\"serverTime\":0}"_ba << u"time: serverTime: not a positive number"_s;
    QTest::newRow("string") << "{\"serverTime\":\"1764000000123\"}"_ba
                            << u"time: serverTime: expected an integer"_s;
    QTest::newRow("null") << "{\"serverTime\":null}"_ba << u"time: serverTime: expected an integer"_s;
    QTest::newRow("overflow") << "{\"serverTime\":9223372036854775808}"_ba
                              << u"time: serverTime: out of range"_s;
    QTest::newRow("duplicate") << "{\"serverTime\":1,\"serverTime\":2}"_ba
                               << u"time: serverTime: duplicate field"_s;
    QTest::newRow("missing") << "{\"servertime\":1}"_ba << u"time: serverTime: missing field"_s;
    QTest::newRow("two documents") << "{\"serverTime\":1}{\"serverTime\":2}"_ba
                                   << u"time: invalid JSON (more content follows"_s;
    QTest::newRow("trailing garbage") << "{\"serverTime\":1} x"_ba << u"time: invalid JSON"_s;
    QTest::newRow("empty") << "  \n"_ba << u"time: empty response body"_s;
    QTest::newRow("html") << "<html>502</html>"_ba << u"time: invalid JSON (an HTML page"_s;
    QTest::newRow("truncated") << "{\"serverTime\":17640"_ba << u"time: invalid JSON"_s;
    QTest::newRow("array") << "[1]"_ba << u"time: expected a JSON object"_s;
}

void TestServerTimeParser::rejected()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expectedError);
    const Expected<qint64> time = parseServerTime(body);
    QVERIFY2(!time.has_value(), qPrintable(QString::number(time.value_or(0))));
    QVERIFY2(time.error().startsWith(expectedError), qPrintable(time.error()));
}

QTEST_GUILESS_MAIN(TestServerTimeParser)
#include "tst_servertimeparser.moc"
