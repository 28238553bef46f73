#include "model/SnapshotParser.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace marginwatch;

Q_DECLARE_METATYPE(marginwatch::SnapshotBody)

namespace {

QByteArray readData(const QString& name)
{
    QFile file(QStringLiteral(MARGINWATCH_TEST_DATA_DIR "/model/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(name));
    return file.readAll();
}

const QDateTime kTakenAt = QDateTime::fromMSecsSinceEpoch(1764000000123, Qt::UTC);

// A complete /fapi/v3/account body around the given positions[] elements.
QByteArray accountWith(const QByteArray& positions)
{
    QByteArray body = "{";
    for (const char* total :
         {"totalInitialMargin", "totalMaintMargin", "totalWalletBalance", "totalUnrealizedProfit",
          "totalMarginBalance", "totalPositionInitialMargin", "totalOpenOrderInitialMargin",
          "totalCrossWalletBalance", "totalCrossUnPnl", "availableBalance", "maxWithdrawAmount"})
        body += "\"" + QByteArray(total) + "\":\"1.00\",";
    return body + R"("assets":[],"positions":[)" + positions + "]}";
}

QByteArray positionJson(const QByteArray& symbol, const QByteArray& side)
{
    return R"({"symbol":")" + symbol + R"(","positionSide":")" + side
           + R"(","positionAmt":"1.000","unrealizedProfit":"0","isolatedMargin":"0","notional":"10",)"
             R"("isolatedWallet":"0","initialMargin":"1","maintMargin":"0.1","updateTime":0})";
}

QByteArray riskJson(const QByteArray& symbol, const QByteArray& side, const QByteArray& mark)
{
    // The wanted fields first, then more (nested ones too) that the parser must skip correctly.
    return R"({"symbol":")" + symbol + R"(","positionSide":")" + side
           + R"(","entryPrice":"1.0","breakEvenPrice":"1.1","markPrice":")" + mark
           + "\",\"liquidationPrice\":\"0\",\"extra\":{\"a\":[1,{\"b\":\"}]\"}]},\"adl\":1,\"notional\":\"5\"}";
}

} // namespace

class TestSnapshotParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void singleAsset_seedExample();
    void multiAssets_seedExample();
    void hedge_enrichedFromPositionRiskAndConfig();
    void numbersAsJsonNumbers_keepTheirText();
    void malformed_namesTheField_data();
    void malformed_namesTheField();
    void badEnrichment_isAnError();
    void nonJsonBody_namesTheBody_data();
    void nonJsonBody_namesTheBody();
    void hostileBody_isRejected_data();
    void hostileBody_isRejected();
    void plausibleValues_areAccepted();
    void unchangedBodies_giveTheSameSharedSnapshot();
    void escapedAndUnicodeStrings_areReadExactly();
    void positionRisk_isJoinedWhateverItsOrder();
    void identifiers_comeFromThisBodyNotTheLastOne();
};

void TestSnapshotParser::singleAsset_seedExample()
{
    SnapshotParser parser;
    const auto result = parser.parse({readData(u"account-single.json"_s), {}, {}, {}, kTakenAt});
    QVERIFY2(result.ok(), qPrintable(result.error));
    const AccountSnapshot& s = *result.snapshot;
    QCOMPARE(s.takenAt, kTakenAt);
    QCOMPARE(s.totals.totalWalletBalance.toString(), u"103.12345678"_s);
    QCOMPARE(s.totals.maxWithdrawAmount.toString(), u"103.12345678"_s);
    QCOMPARE(s.assets.size(), 2);
    QCOMPARE(s.assets.at(0).asset, u"USDT"_s);
    QCOMPARE(s.assets.at(1).asset, u"USDC"_s);
    QCOMPARE(s.assets.at(1).availableBalance.toString(), u"126.72469206"_s);
    QCOMPARE(s.assets.at(0).updateTime, 1625474304765);
    QCOMPARE(s.positions.size(), 1);
    QCOMPARE(s.positions.at(0).positionAmt.toString(), u"1.000"_s);
    QCOMPARE(s.positions.at(0).positionSide, u"BOTH"_s);
    QCOMPARE(s.accountMode, AccountMode::Unknown);  // only accountConfig says which mode
    QCOMPARE(s.positionMode, PositionMode::OneWay); // BOTH rows mean one-way
    QVERIFY(!s.positions.at(0).markPrice.has_value());
}

void TestSnapshotParser::multiAssets_seedExample()
{
    SnapshotParser parser;
    const QByteArray config = R"({"multiAssetsMargin":true,"dualSidePosition":false})"_ba;
    const auto result = parser.parse({readData(u"account-multi.json"_s), {}, config, {}, kTakenAt});
    QVERIFY2(result.ok(), qPrintable(result.error));
    const AccountSnapshot& s = *result.snapshot;
    QCOMPARE(s.accountMode, AccountMode::MultiAssets);
    QCOMPARE(s.positionMode, PositionMode::OneWay);
    QCOMPARE(s.totals.totalWalletBalance.toString(), u"126.72469206"_s);
    QCOMPARE(s.assets.at(1).asset, u"BUSD"_s);
}

void TestSnapshotParser::hedge_enrichedFromPositionRiskAndConfig()
{
    SnapshotParser parser;
    const auto result =
        parser.parse({readData(u"account-hedge.json"_s), readData(u"positionRisk-hedge.json"_s),
                      readData(u"accountConfig-hedge.json"_s), readData(u"symbolConfig.json"_s), kTakenAt});
    QVERIFY2(result.ok(), qPrintable(result.error));
    const AccountSnapshot& s = *result.snapshot;
    QCOMPARE(s.accountMode, AccountMode::SingleAsset);
    QCOMPARE(s.positionMode, PositionMode::Hedge);
    QCOMPARE(s.positions.size(), 2);
    const Position& longSide = s.positions.at(0);
    const Position& shortSide = s.positions.at(1);
    QCOMPARE(longSide.positionSide, u"LONG"_s);
    QCOMPARE(shortSide.positionSide, u"SHORT"_s);
    // Each side gets its own positionRisk row, matched on symbol + side, not on symbol alone.
    QCOMPARE(longSide.entryPrice->toString(), u"61000.0"_s);
    QCOMPARE(shortSide.entryPrice->toString(), u"60270.0"_s);
    QCOMPARE(longSide.markPrice->toString(), u"60000.00000000"_s);
    QCOMPARE(longSide.liquidationPrice->toString(), u"30123.45"_s);
    QCOMPARE(shortSide.liquidationPrice->toString(), u"0"_s);
    QCOMPARE(longSide.leverage, std::optional<int>(10));
    QCOMPARE(shortSide.marginType, u"CROSSED"_s);
    QCOMPARE(s.assets.at(0).updateTime, 1764000000000); // integer given as a string
}

void TestSnapshotParser::numbersAsJsonNumbers_keepTheirText()
{
    SnapshotParser parser;
    const auto result = parser.parse({readData(u"account-hedge.json"_s), {}, {}, {}, kTakenAt});
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.snapshot->positions.at(1).initialMargin.toString(), u"60.5"_s);
}

void TestSnapshotParser::malformed_namesTheField_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expectedError");
    const QByteArray good = readData(u"account-single.json"_s);

    QTest::newRow("empty") << QByteArray() << u"account: empty response body"_s;
    QTest::newRow("array") << "[1,2]"_ba << u"account: expected a JSON object"_s;
    QTest::newRow("html") << "<html><body>502 Bad Gateway</body></html>"_ba << u"account: invalid JSON"_s;
    QTest::newRow("truncated") << good.left(good.size() / 2) << u"account:"_s;
    QTest::newRow("missing total") << QByteArray(good).replace("\"totalMarginBalance\"", "\"renamed\"")
                                   << u"account: totalMarginBalance: missing field"_s;
    QByteArray badAsset = good;
    badAsset.replace("\"walletBalance\": \"103.12345678\"", "\"walletBalance\": \"12,5\"");
    QTest::newRow("bad asset number")
        << badAsset << u"account: assets[1].walletBalance: not a decimal number (\"12,5\")"_s;
    QByteArray nullTotal = good;
    nullTotal.replace("\"totalMaintMargin\": \"0.00000000\"", "\"totalMaintMargin\": null");
    QTest::newRow("null") << nullTotal
                          << u"account: totalMaintMargin: expected a decimal number, found null"_s;
    QByteArray missingAssetField = good;
    missingAssetField.replace("\"crossUnPnl\": \"0.00000000\",\n      \"availableBalance\": \"23.72469206\"",
                              "\"availableBalance\": \"23.72469206\"");
    QTest::newRow("missing asset field")
        << missingAssetField << u"account: assets[0].crossUnPnl: missing field"_s;
    QByteArray noPositions = good;
    noPositions.replace("\"positions\"", "\"positionz\"");
    QTest::newRow("missing positions") << noPositions << u"account: positions: missing field"_s;
    QByteArray badSymbol = good;
    badSymbol.replace("\"symbol\": \"BTCUSDT\"", "\"symbol\": 42");
    QTest::newRow("wrong type") << badSymbol << u"account: positions[0].symbol: expected a string"_s;
}

void TestSnapshotParser::malformed_namesTheField()
{
    SnapshotParser parser;
    QFETCH(QByteArray, body);
    QFETCH(QString, expectedError);
    const auto result = parser.parse({body, {}, {}, {}, kTakenAt});
    QVERIFY(!result.ok());
    QVERIFY2(result.error.startsWith(expectedError), qPrintable(result.error));
    QVERIFY(result.error.size() < 200); // names the problem; never echoes the body
}

void TestSnapshotParser::badEnrichment_isAnError()
{
    SnapshotParser parser;
    const QByteArray account = readData(u"account-hedge.json"_s);
    auto result = parser.parse({account, "<html>oops</html>"_ba, {}, {}, kTakenAt});
    QVERIFY(!result.ok());
    QVERIFY2(result.error.startsWith(u"positionRisk: "_s), qPrintable(result.error));

    result = parser.parse({account, {}, R"({"dualSidePosition":true})"_ba, {}, kTakenAt});
    QVERIFY(!result.ok());
    QCOMPARE(result.error, u"accountConfig: multiAssetsMargin: missing field"_s);

    result = parser.parse({account, {}, {}, R"([{"symbol":"BTCUSDT","leverage":"ten"}])"_ba, kTakenAt});
    QVERIFY(!result.ok());
    QVERIFY2(result.error.startsWith(u"symbolConfig: [0].leverage: not an integer"_s),
             qPrintable(result.error));
}

void TestSnapshotParser::nonJsonBody_namesTheBody_data()
{
    QTest::addColumn<SnapshotBody>("body");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expectedError");
    const QByteArray risk = readData(u"positionRisk-hedge.json"_s);
    const QByteArray config = readData(u"accountConfig-hedge.json"_s);
    const QByteArray symbols = readData(u"symbolConfig.json"_s);
    const std::pair<SnapshotBody, const char*> bodies[] = {{SnapshotBody::Account, "account"},
                                                           {SnapshotBody::PositionRisk, "positionRisk"},
                                                           {SnapshotBody::AccountConfig, "accountConfig"},
                                                           {SnapshotBody::SymbolConfig, "symbolConfig"}};
    for (const auto& [body, name] : bodies) {
        const QString prefix = QString::fromLatin1(name) + u": "_s;
        const QByteArray good = body == SnapshotBody::Account         ? readData(u"account-hedge.json"_s)
                                : body == SnapshotBody::PositionRisk  ? risk
                                : body == SnapshotBody::AccountConfig ? config
                                                                      : symbols;
        QTest::addRow("%s empty", name) << body << QByteArray("") << prefix + u"empty response body"_s;
        QTest::addRow("%s blank", name) << body << " \r\n"_ba << prefix + u"empty response body"_s;
        QTest::addRow("%s html", name)
            << body << "\n<!DOCTYPE html><html><body>502 Bad Gateway</body></html>"_ba
            << prefix + u"invalid JSON (an HTML page was received instead)"_s;
        QTest::addRow("%s truncated", name)
            << body << good.left(good.size() - 3)
            << prefix + u"invalid JSON (the answer ends before the document is complete)"_s;
        QTest::addRow("%s cut in a string", name)
            << body << good.left(good.indexOf('"', good.indexOf(':')) + 2)
            << prefix + u"invalid JSON (the answer ends before the document is complete)"_s;
    }
}

void TestSnapshotParser::nonJsonBody_namesTheBody()
{
    SnapshotParser parser;
    QFETCH(SnapshotBody, body);
    QFETCH(QByteArray, text);
    QFETCH(QString, expectedError);
    SnapshotInputs inputs{readData(u"account-hedge.json"_s), readData(u"positionRisk-hedge.json"_s),
                          readData(u"accountConfig-hedge.json"_s), readData(u"symbolConfig.json"_s),
                          kTakenAt};
    QVERIFY2(parser.parse(inputs).ok(), qPrintable(parser.parse(inputs).error));
    switch (body) {
    case SnapshotBody::Account:
        inputs.account = text;
        break;
    case SnapshotBody::PositionRisk:
        inputs.positionRisk = text;
        break;
    case SnapshotBody::AccountConfig:
        inputs.accountConfig = text;
        break;
    case SnapshotBody::SymbolConfig:
        inputs.symbolConfig = text;
        break;
    }
    const SnapshotParseResult result = parser.parse(inputs);
    QVERIFY(!result.ok());
    QCOMPARE(result.error, expectedError);
    QCOMPARE(result.failedBody, body);
}

namespace {

SnapshotInputs hedgeInputs()
{
    return {readData(u"account-hedge.json"_s), readData(u"positionRisk-hedge.json"_s),
            readData(u"accountConfig-hedge.json"_s), readData(u"symbolConfig.json"_s), kTakenAt};
}

QByteArray& bodyOf(SnapshotInputs& inputs, SnapshotBody body)
{
    switch (body) {
    case SnapshotBody::PositionRisk:
        return *inputs.positionRisk;
    case SnapshotBody::AccountConfig:
        return *inputs.accountConfig;
    case SnapshotBody::SymbolConfig:
        return *inputs.symbolConfig;
    case SnapshotBody::Account:
        break;
    }
    return inputs.account;
}

QByteArray replaced(QByteArray body, const QByteArray& before, const QByteArray& after)
{
    const qsizetype at = body.indexOf(before);
    if (at < 0)
        qFatal("test data lacks %s", before.constData());
    return body.replace(at, before.size(), after);
}

} // namespace

void TestSnapshotParser::hostileBody_isRejected_data()
{
    QTest::addColumn<SnapshotBody>("body");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expectedError");
    SnapshotInputs in = hedgeInputs();
    const QByteArray account = in.account;
    const QByteArray risk = *in.positionRisk;
    const QByteArray config = *in.accountConfig;
    const QByteArray symbols = *in.symbolConfig;
    const auto A = SnapshotBody::Account;
    const auto R = SnapshotBody::PositionRisk;
    const auto C = SnapshotBody::AccountConfig;
    const auto S = SnapshotBody::SymbolConfig;

    // Names are bounded and printable; arrays are bounded.
    QTest::newRow("symbol of 65 bytes")
        << A << replaced(account, "\"symbol\":\"BTCUSDT\"", "\"symbol\":\"" + QByteArray(65, 'X') + "\"")
        << u"account: positions[0].symbol: longer than 64 bytes"_s;
    QTest::newRow("NUL in a symbol") << A
                                     << replaced(account, "\"symbol\":\"BTCUSDT\"",
                                                 "\"symbol\":\"BTC\\u0000USDT\"")
                                     << u"account: positions[0].symbol: contains a control character"_s;
    QTest::newRow("escape sequence in a symbol")
        << A << replaced(account, "\"symbol\":\"BTCUSDT\"", "\"symbol\":\"\\u001b[2JBTCUSDT\"")
        << u"account: positions[0].symbol: contains a control character"_s;
    {
        // Copies of a real entry: the count is what is refused, before any join or row check.
        const qsizetype open = risk.indexOf('{');
        const QByteArray entry = risk.mid(open, risk.indexOf('}', open) - open + 1);
        QByteArray many = "[" + entry;
        for (int i = 0; i < 10000; ++i)
            many += "," + entry;
        many += "]";
        QTest::newRow("10 001 positionRisk entries") << R << many << u"positionRisk"_s;
    }

    // Duplicate keys: the second one is named, whatever its value.
    QTest::newRow("second positions array") << A << replaced(account, "\n ]}", "\n ],\"positions\":[]}")
                                            << u"account: positions: duplicate field"_s;
    QTest::newRow("second assets array")
        << A << replaced(account, "\"positions\":[", "\"assets\":[],\"positions\":[")
        << u"account: assets: duplicate field"_s;
    QTest::newRow("duplicate total") << A << replaced(account, "{", "{\"totalWalletBalance\":\"1.0\",")
                                     << u"account: totalWalletBalance: duplicate field"_s;
    QTest::newRow("duplicate asset field")
        << A << replaced(account, "\"asset\":\"USDT\",", "\"asset\":\"USDT\",\"walletBalance\":\"1\",")
        << u"account: assets[0].walletBalance: duplicate field"_s;
    QTest::newRow("duplicate asset name")
        << A << replaced(account, "\"asset\":\"USDT\",", "\"asset\":\"USDT\",\"asset\":\"USDC\",")
        << u"account: assets[0].asset: duplicate field"_s;
    QTest::newRow("duplicate position scalar")
        << A
        << replaced(account, "\"positionAmt\":\"0.010\"", "\"positionAmt\":\"0.010\",\"positionAmt\":\"5\"")
        << u"account: positions[0].positionAmt: duplicate field"_s;
    QTest::newRow("duplicate updateTime")
        << A << replaced(account, "\"maintMargin\":\"2.40\",", "\"updateTime\":1,\"maintMargin\":\"2.40\",")
        << u"account: positions[0].updateTime: duplicate field"_s;
    QTest::newRow("duplicate key spelt with an escape")
        << A
        << replaced(account, "\"positionSide\":\"LONG\",",
                    "\"positionSide\":\"LONG\",\"symb\\u006fl\":\"X\",")
        << u"account: positions[0].symbol: duplicate field"_s;
    QTest::newRow("position listed twice")
        << A << replaced(account, "\"SHORT\"", "\"LONG\"")
        << u"account: positions[1]: position listed twice (BTCUSDT LONG)"_s;
    const qsizetype assetStart = account.indexOf("{\"asset\"");
    const QByteArray assetObject = account.mid(assetStart, account.indexOf('}', assetStart) + 1 - assetStart);
    QTest::newRow("asset listed twice")
        << A << replaced(account, assetObject, assetObject + "," + assetObject)
        << u"account: assets[1]: asset listed twice (USDT)"_s;
    // Content after the document, and numbers JSON does not allow.
    QTest::newRow("two documents") << A << account + account
                                   << u"account: invalid JSON (more content follows the document)"_s;
    QTest::newRow("leading zero") << A
                                  << replaced(account, "\"initialMargin\":60.5", "\"initialMargin\":060.5")
                                  << u"account: positions[1].initialMargin: not a JSON number (\"060.5\")"_s;
    QTest::newRow("bare fraction") << A
                                   << replaced(account, "\"initialMargin\":60.5", "\"initialMargin\":60.")
                                   << u"account: positions[1].initialMargin: not a JSON number (\"60.\")"_s;
    // Integers: within range, never wrapped.
    QTest::newRow("negative updateTime")
        << A << replaced(account, "\"updateTime\":1764000000000}", "\"updateTime\":-1}")
        << u"account: positions[0].updateTime: out of range (\"-1\"; expected 0 to 4102444800000)"_s;
    QTest::newRow("updateTime in 2200")
        << A << replaced(account, "\"updateTime\":1764000000000}", "\"updateTime\":7258118400000}")
        << u"account: positions[0].updateTime: out of range (\"7258118400000\"; expected 0 to 4102444800000)"_s;
    QTest::newRow("updateTime beyond 64 bits")
        << A << replaced(account, "\"updateTime\":1764000000000}", "\"updateTime\":18446744073709551617}")
        << u"account: positions[0].updateTime: out of range"_s;
    QTest::newRow("updateTime with a fraction")
        << A << replaced(account, "\"updateTime\":1764000000000}", "\"updateTime\":1764000000000.5}")
        << u"account: positions[0].updateTime: not an integer (\"1764000000000.5\")"_s;
    QTest::newRow("updateTime 1e12") << A
                                     << replaced(account, "\"updateTime\":1764000000000}",
                                                 "\"updateTime\":1e12}")
                                     << u"account: positions[0].updateTime: not an integer (\"1e12\")"_s;
    QTest::newRow("updateTime string with a sign")
        << A << replaced(account, "\"updateTime\":\"1764000000000\"", "\"updateTime\":\"+1764000000000\"")
        << u"account: assets[0].updateTime: not an integer (\"+1764000000000\")"_s;

    QTest::newRow("risk duplicate markPrice")
        << R << replaced(risk, "\"adl\":1,", "\"adl\":1,\"markPrice\":\"1\",")
        << u"positionRisk: [0].markPrice: duplicate field"_s;
    QTest::newRow("risk duplicate symbol") << R
                                           << replaced(risk, "\"updateTime\":1764000000000}",
                                                       "\"updateTime\":1764000000000,\"symbol\":\"ETHUSDT\"}")
                                           << u"positionRisk: [0].symbol: duplicate field"_s;
    QTest::newRow("risk entry listed twice") << R << replaced(risk, "\"SHORT\"", "\"LONG\"")
                                             << u"positionRisk: [1]: position listed twice (BTCUSDT LONG)"_s;
    QTest::newRow("risk entry listed twice, not in the account")
        << R
        << replaced(
               risk, "[{",
               "[{\"symbol\":\"ETHUSDT\",\"positionSide\":\"BOTH\"},{\"symbol\":\"ETHUSDT\",\"positionSide\":\"BOTH\"},{")
        << u"positionRisk: [1]: position listed twice (ETHUSDT BOTH)"_s;
    QTest::newRow("risk two documents")
        << R << risk + "[]" << u"positionRisk: invalid JSON (more content follows the document)"_s;

    QTest::newRow("config duplicate mode") << C << replaced(config, "{", "{\"dualSidePosition\":false,")
                                           << u"accountConfig: dualSidePosition: duplicate field"_s;
    QTest::newRow("config two documents")
        << C << config + "{}" << u"accountConfig: invalid JSON (more content follows the document)"_s;

    QTest::newRow("leverage wraps to 1")
        << S << replaced(symbols, "\"leverage\":10", "\"leverage\":4294967297")
        << u"symbolConfig: [0].leverage: out of range (\"4294967297\"; expected 1 to 250)"_s;
    QTest::newRow("leverage 0") << S << replaced(symbols, "\"leverage\":10", "\"leverage\":0")
                                << u"symbolConfig: [0].leverage: out of range (\"0\"; expected 1 to 250)"_s;
    QTest::newRow("leverage 251")
        << S << replaced(symbols, "\"leverage\":10", "\"leverage\":251")
        << u"symbolConfig: [0].leverage: out of range (\"251\"; expected 1 to 250)"_s;
    QTest::newRow("leverage 01") << S << replaced(symbols, "\"leverage\":10", "\"leverage\":01")
                                 << u"symbolConfig: [0].leverage: not an integer (\"01\")"_s;
    QTest::newRow("duplicate leverage")
        << S << replaced(symbols, "\"leverage\":10", "\"leverage\":10,\"leverage\":20")
        << u"symbolConfig: [0].leverage: duplicate field"_s;
    QTest::newRow("symbol listed twice")
        << S << replaced(symbols, "]", ",{\"symbol\":\"BTCUSDT\",\"leverage\":5}]")
        << u"symbolConfig: [1]: symbol listed twice (BTCUSDT)"_s;
    QTest::newRow("symbols two documents")
        << S << symbols.trimmed() + "01" << u"symbolConfig: invalid JSON"_s;
}

void TestSnapshotParser::hostileBody_isRejected()
{
    SnapshotParser parser;
    QFETCH(SnapshotBody, body);
    QFETCH(QByteArray, text);
    QFETCH(QString, expectedError);
    SnapshotInputs inputs = hedgeInputs();
    QVERIFY2(parser.parse(inputs).ok(), qPrintable(parser.parse(inputs).error));
    bodyOf(inputs, body) = text;
    const SnapshotParseResult result = parser.parse(inputs);
    QVERIFY2(!result.ok(), text.constData());
    QVERIFY2(result.error.startsWith(expectedError), qPrintable(result.error));
    QCOMPARE(result.failedBody, body);
}

void TestSnapshotParser::plausibleValues_areAccepted()
{
    SnapshotParser parser;
    // The bounds leave room: top leverage, a time late this century, "never updated", JSON's forms
    // of a number (exponent, negative zero) for decimals.
    SnapshotInputs inputs = hedgeInputs();
    *inputs.symbolConfig = replaced(*inputs.symbolConfig, "\"leverage\":10", "\"leverage\":125");
    inputs.account =
        replaced(inputs.account, "\"updateTime\":1764000000000}", "\"updateTime\":4102444799999}");
    inputs.account = replaced(inputs.account, "\"updateTime\":1764000000000}", "\"updateTime\":0}");
    inputs.account = replaced(inputs.account, "\"initialMargin\":60.5", "\"initialMargin\":6.05E+1");
    inputs.account = replaced(inputs.account, "\"isolatedMargin\":\"0\"", "\"isolatedMargin\":-0.0");
    const SnapshotParseResult result = parser.parse(inputs);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.snapshot->positions.at(0).leverage, std::optional<int>(125));
    QCOMPARE(result.snapshot->positions.at(0).updateTime, 4102444799999);
    QCOMPARE(result.snapshot->positions.at(1).updateTime, 0);
    QCOMPARE(result.snapshot->positions.at(1).initialMargin.toString(), u"6.05E+1"_s);
    QCOMPARE(result.snapshot->positions.at(0).isolatedMargin.toString(), u"-0.0"_s);
}

void TestSnapshotParser::unchangedBodies_giveTheSameSharedSnapshot()
{
    SnapshotParser parser;
    const QByteArray account = readData(u"account-hedge.json"_s);
    const QByteArray risk = readData(u"positionRisk-hedge.json"_s);
    const auto first = parser.parse({account, risk, {}, {}, kTakenAt});
    QVERIFY(first.ok());
    // Equal content in fresh buffers, as from the network, a second later.
    const QDateTime later = kTakenAt.addSecs(1);
    const auto second = parser.parse({QByteArray(account.constData(), account.size()),
                                      QByteArray(risk.constData(), risk.size()),
                                      {},
                                      {},
                                      later});
    QVERIFY(second.ok());
    QVERIFY(second.snapshot->positions.isSharedWith(first.snapshot->positions));
    QCOMPARE(second.snapshot->takenAt, later);
    // One byte of difference is a real parse, giving new lists with the new value.
    QByteArray moved = risk;
    const qsizetype at = moved.indexOf("\"markPrice\":\"") + 13;
    QVERIFY(at > 13);
    moved[at] = moved[at] == '9' ? '8' : '9';
    const auto third = parser.parse({account, moved, {}, {}, later});
    QVERIFY(third.ok());
    QVERIFY(!third.snapshot->positions.isSharedWith(first.snapshot->positions));
    QVERIFY(third.snapshot->positions != first.snapshot->positions);
    // A failed parse is not cached as good data.
    QVERIFY(!parser.parse({"{", {}, {}, {}, later}).ok());
    QVERIFY(!parser.parse({"{", {}, {}, {}, later}).ok());
}

void TestSnapshotParser::escapedAndUnicodeStrings_areReadExactly()
{
    SnapshotParser parser;
    // Binance sends no escapes, but JSON allows them: they take the unescaping route and give the
    // same values as plain text would. Symbols are UTF-8 (some contracts have Chinese names).
    QByteArray escaped = positionJson(R"(BTC\u0055SDT)", "BOTH");
    escaped.replace(R"("positionAmt":"1.000")", R"("positionAmt":"\u0031.500")");
    const QByteArray chinese = positionJson("\xe5\xb8\x81\xe5\xae\x89USDT", "BOTH");
    const QByteArray risk = "[" + riskJson("\xe5\xb8\x81\xe5\xae\x89USDT", "BOTH", "0.5") + ","
                            + riskJson("BTCUSDT", R"(B\u004fTH)", "60000.10") + "]";
    const auto result = parser.parse({accountWith(escaped + "," + chinese), risk, {}, {}, kTakenAt});
    QVERIFY2(result.ok(), qPrintable(result.error));
    const AccountSnapshot& s = *result.snapshot;
    QCOMPARE(s.positions.size(), 2);
    QCOMPARE(s.positions.at(0).symbol, u"BTCUSDT"_s);
    QCOMPARE(s.positions.at(0).positionAmt.toString(), u"1.500"_s);
    QCOMPARE(s.positions.at(1).symbol, u"\u5e01\u5b89USDT"_s);
    QVERIFY(s.positions.at(0).markPrice);
    QCOMPARE(s.positions.at(0).markPrice->toString(), u"60000.10"_s);
    QVERIFY(s.positions.at(1).markPrice);
    QCOMPARE(s.positions.at(1).markPrice->toString(), u"0.5"_s);
}

void TestSnapshotParser::positionRisk_isJoinedWhateverItsOrder()
{
    SnapshotParser parser;
    const QByteArray account =
        accountWith(positionJson("AUSDT", "LONG") + "," + positionJson("AUSDT", "SHORT") + ","
                    + positionJson("BUSDT", "BOTH") + "," + positionJson("CUSDT", "BOTH"));
    // Reversed, BUSDT missing, and an entry for a position the account does not list.
    const QByteArray risk = "[" + riskJson("CUSDT", "BOTH", "3") + "," + riskJson("ZUSDT", "BOTH", "26") + ","
                            + riskJson("AUSDT", "SHORT", "2") + "," + riskJson("AUSDT", "LONG", "1") + "]";
    const auto result = parser.parse({account, risk, {}, {}, kTakenAt});
    QVERIFY2(result.ok(), qPrintable(result.error));
    const QList<Position>& positions = result.snapshot->positions;
    QCOMPARE(positions.size(), 4);
    const char* expectedMarks[] = {"1", "2", nullptr, "3"};
    for (int i = 0; i < 4; ++i) {
        if (!expectedMarks[i]) {
            QVERIFY2(!positions.at(i).markPrice, qPrintable(positions.at(i).symbol));
            continue;
        }
        QVERIFY2(positions.at(i).markPrice, qPrintable(positions.at(i).symbol));
        QCOMPARE(positions.at(i).markPrice->toString(), QString::fromLatin1(expectedMarks[i]));
        QCOMPARE(positions.at(i).breakEvenPrice->toString(), u"1.1"_s);
    }
}

void TestSnapshotParser::identifiers_comeFromThisBodyNotTheLastOne()
{
    SnapshotParser parser;
    // The parser reuses the strings of the previous parse where they repeat in the same order; a
    // list that shifts, grows or renames must still read as sent.
    const QList<QList<QByteArray>> polls = {{"AUSDT", "BUSDT"},
                                            {"BUSDT", "AUSDT"},
                                            {"BUSDT", "CUSDT", "AUSDT"},
                                            {"AUSDT", "BUSDT", "CUSDT", "DUSDT"},
                                            {"AUSD", "BUSDTT"}};
    for (const QList<QByteArray>& symbols : polls) {
        QByteArray positions;
        for (const QByteArray& symbol : symbols)
            positions += (positions.isEmpty() ? "" : ",") + positionJson(symbol, "BOTH");
        const auto result = parser.parse({accountWith(positions), {}, {}, {}, kTakenAt});
        QVERIFY2(result.ok(), qPrintable(result.error));
        QStringList parsed;
        for (const Position& p : result.snapshot->positions)
            parsed << p.symbol;
        QStringList expected;
        for (const QByteArray& symbol : symbols)
            expected << QString::fromLatin1(symbol);
        QCOMPARE(parsed, expected);
    }
}

QTEST_GUILESS_MAIN(TestSnapshotParser)
#include "tst_snapshotparser.moc"
