// GET /fapi/v1/exchangeInfo to the contracts' precision: the simulator's answer (its own writer,
// sharing nothing with the parser), strictness, limits, and the cost of a production-sized answer.
#include "model/ExchangeInfoParser.h"
#include "sim/SimSymbolCatalog.h"

#include <QElapsedTimer>
#include <QTest>

using namespace marginwatch;
using namespace Qt::StringLiterals;

namespace {

QByteArray simAnswer(int contracts)
{
    QList<SimSymbolCatalog::Spec> specs;
    for (int i = 0; i < contracts; ++i)
        specs.append(SimSymbolCatalog::specAt(i));
    return SimSymbolCatalog::exchangeInfoJson(specs, 1700000000000, 2400);
}

// One contract with the given filters, wrapped in an answer.
QByteArray answerWith(const QByteArray& symbolFields)
{
    return "{\"timezone\":\"UTC\",\"symbols\":[{" + symbolFields + "}]}";
}

} // namespace

class TestExchangeInfoParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void simulatorAnswer_everyContractsTickAndStep();
    void missingFilters_leaveZero();
    void rejects_data();
    void rejects();
    void productionSizedAnswer_parseCost();
};

void TestExchangeInfoParser::simulatorAnswer_everyContractsTickAndStep()
{
    const Expected<SymbolPrecisionTable> table = parseExchangeInfo(simAnswer(8), 42);
    QVERIFY2(table, table ? "" : qPrintable(table.error()));
    QCOMPARE(table->fetchedAtMs(), 42);
    QCOMPARE(table->size(), 9); // eight perpetuals and the quarterly contract
    const SymbolPrecision* btc = table->find(u"BTCUSDT"_s);
    QVERIFY(btc);
    QVERIFY(btc->tickSize.isSameText(*Decimal::parse("0.10")));
    QVERIFY(btc->stepSize.isSameText(*Decimal::parse("0.001")));
    QCOMPARE(btc->pricePrecision, 2);
    QCOMPARE(btc->quantityPrecision, 3);
    QCOMPARE(btc->marginAsset, u"USDT"_s);
    const SymbolPrecision* doge = table->find(u"DOGEUSDT"_s);
    QVERIFY(doge);
    QVERIFY(doge->tickSize.isSameText(*Decimal::parse("0.00001")));
    QVERIFY(doge->stepSize.isSameText(*Decimal::parse("1")));
    QVERIFY(table->find(u"BTCUSDT_261225"_s));
    QVERIFY(!table->find(u"NOPEUSDT"_s));
    // Every contract the simulator lists, with the simulator's own tick and step.
    for (int i = 0; i < 8; ++i) {
        const SimSymbolCatalog::Spec spec = SimSymbolCatalog::specAt(i);
        const SymbolPrecision* p = table->find(QString::fromLatin1(spec.symbol));
        QVERIFY2(p, spec.symbol.constData());
        QCOMPARE(p->tickSize.toUtf8(), spec.tickText);
        QCOMPARE(p->stepSize.toUtf8(), spec.stepText);
    }
}

void TestExchangeInfoParser::missingFilters_leaveZero()
{
    const Expected<SymbolPrecisionTable> table =
        parseExchangeInfo(answerWith("\"symbol\":\"AUSDT\",\"pricePrecision\":4,\"filters\":[]"), 1);
    QVERIFY2(table, table ? "" : qPrintable(table.error()));
    const SymbolPrecision* p = table->find(u"AUSDT"_s);
    QVERIFY(p);
    QVERIFY(p->tickSize.isZero());
    QVERIFY(p->stepSize.isZero());
    QCOMPARE(p->pricePrecision, 4);
    QCOMPARE(p->quantityPrecision, -1);
}

void TestExchangeInfoParser::rejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("says");
    const QByteArray tick = "\"filters\":[{\"filterType\":\"PRICE_FILTER\",\"tickSize\":";
    QTest::newRow("empty") << QByteArray() << u"empty"_s;
    QTest::newRow("HTML") << QByteArray("<html>502</html>") << u"HTML"_s;
    QTest::newRow("cut short") << simAnswer(2).chopped(40) << u"invalid JSON"_s;
    QTest::newRow("not an object") << QByteArray("[1,2]") << u"expected an object"_s;
    QTest::newRow("no symbols") << QByteArray("{\"timezone\":\"UTC\"}") << u"no symbols list"_s;
    QTest::newRow("symbols not an array") << QByteArray("{\"symbols\":{}}") << u"expected an array"_s;
    QTest::newRow("symbols twice") << QByteArray("{\"symbols\":[],\"symbols\":[]}") << u"sent twice"_s;
    QTest::newRow("trailing document") << QByteArray("{\"symbols\":[]} {}") << u"more content"_s;
    QTest::newRow("entry without symbol") << answerWith("\"pricePrecision\":2") << u"no symbol"_s;
    QTest::newRow("symbol not a string") << answerWith("\"symbol\":7") << u"expected a string"_s;
    QTest::newRow("symbol with a tab") << answerWith("\"symbol\":\"A\\tB\"") << u"not a contract name"_s;
    QTest::newRow("symbol too long") << answerWith("\"symbol\":\"" + QByteArray(41, 'A') + "\"")
                                     << u"not a contract name"_s;
    QTest::newRow("precision negative")
        << answerWith("\"symbol\":\"AUSDT\",\"pricePrecision\":-1") << u"out of range"_s;
    QTest::newRow("precision huge") << answerWith("\"symbol\":\"AUSDT\",\"quantityPrecision\":99")
                                    << u"out of range"_s;
    QTest::newRow("precision as text")
        << answerWith("\"symbol\":\"AUSDT\",\"pricePrecision\":\"2\"") << u"expected an integer"_s;
    QTest::newRow("tick zero") << answerWith("\"symbol\":\"AUSDT\"," + tick + "\"0\"}]")
                               << u"not a positive decimal"_s;
    QTest::newRow("tick negative") << answerWith("\"symbol\":\"AUSDT\"," + tick + "\"-0.1\"}]")
                                   << u"not a positive decimal"_s;
    QTest::newRow("tick garbage") << answerWith("\"symbol\":\"AUSDT\"," + tick + "\"0,1\"}]")
                                  << u"not a positive decimal"_s;
    QTest::newRow("tick as a number")
        << answerWith("\"symbol\":\"AUSDT\"," + tick + "0.1}]") << u"expected a string"_s;
    QTest::newRow("tick too fine") << answerWith("\"symbol\":\"AUSDT\"," + tick + "\"1E-19\"}]")
                                   << u"not a positive decimal"_s;
    QTest::newRow("PRICE_FILTER without tick")
        << answerWith("\"symbol\":\"AUSDT\",\"filters\":[{\"filterType\":\"PRICE_FILTER\"}]")
        << u"without tickSize"_s;
    QTest::newRow("filter not an object")
        << answerWith("\"symbol\":\"AUSDT\",\"filters\":[1]") << u"expected an object"_s;
    QByteArray manyFilters = "\"symbol\":\"AUSDT\",\"filters\":[";
    for (int i = 0; i <= kMaxSymbolFilters; ++i)
        manyFilters += QByteArray(i ? "," : "") + "{\"filterType\":\"X\"}";
    QTest::newRow("too many filters") << answerWith(manyFilters + "]") << u"more than 64 filters"_s;
    QTest::newRow("duplicate contract")
        << QByteArray("{\"symbols\":[{\"symbol\":\"AUSDT\"},{\"symbol\":\"AUSDT\"}]}") << u"listed twice"_s;
    QTest::newRow("margin asset garbage")
        << answerWith("\"symbol\":\"AUSDT\",\"marginAsset\":\"us dt\"") << u"not an asset name"_s;
    QByteArray many = "{\"symbols\":[";
    for (int i = 0; i <= kMaxExchangeInfoSymbols; ++i)
        many += (i ? ",{\"symbol\":\"S" : "{\"symbol\":\"S") + QByteArray::number(i) + "\"}";
    QTest::newRow("too many contracts") << many + "]}" << u"more than 10000 contracts"_s;
    QTest::newRow("too large") << QByteArray(kMaxExchangeInfoBytes + 1, ' ') << u"larger than 16 MB"_s;
}

void TestExchangeInfoParser::rejects()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, says);
    const Expected<SymbolPrecisionTable> table = parseExchangeInfo(body, 1);
    QVERIFY(!table);
    QVERIFY2(table.error().contains(says), qPrintable(table.error()));
    QVERIFY(table.error().startsWith(u"exchangeInfo: "_s));
}

void TestExchangeInfoParser::productionSizedAnswer_parseCost()
{
    // Production lists about 700 contracts in 1-2 MB; the simulator writes the same shape.
    const QByteArray body = simAnswer(1400);
    QVERIFY(body.size() > 1024 * 1024);
    QElapsedTimer timer;
    timer.start();
    const Expected<SymbolPrecisionTable> table = parseExchangeInfo(body, 1);
    const qint64 ns = timer.nsecsElapsed();
    QVERIFY2(table, table ? "" : qPrintable(table.error()));
    QCOMPARE(table->size(), 1401);
    qInfo("exchangeInfo: %lld KB, %lld contracts parsed in %.2f ms", body.size() / 1024, table->size(),
          double(ns) / 1e6);
}

QTEST_GUILESS_MAIN(TestExchangeInfoParser)
#include "tst_exchangeinfoparser.moc"
