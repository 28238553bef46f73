// marginwatch-bench: parse + apply per poll for a large account (1 000 positions, 20 assets, about
// 800 KB of JSON), with the mark prices of one position in seven moved ("changed"), of every position
// moved ("changed-all") and identical bodies ("unchanged"). Prints one JSON line per case; figures
// are reported, never asserted.
#include "model/AccountTableModels.h"
#include "model/SnapshotParser.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace marginwatch;

namespace {

QByteArray fixed(qint64 units, int decimals)
{
    // units are 1e-8; render with `decimals` places
    const bool negative = units < 0;
    const qint64 magnitude = negative ? -units : units;
    QByteArray fraction = QByteArray::number(magnitude % 100000000).rightJustified(8, '0').left(decimals);
    QByteArray text = negative ? QByteArray("-") : QByteArray();
    text += QByteArray::number(magnitude / 100000000);
    if (decimals > 0)
        text += '.' + fraction;
    return text;
}

struct Bodies
{
    QByteArray account;
    QByteArray positionRisk;
};

// `moveEvery`: the mark price of every n-th position moves (1: all of them, a busy market).
Bodies generate(int positions, int assets, int step, int moveEvery)
{
    QByteArray account =
        R"({"totalInitialMargin":"1000.00000000","totalMaintMargin":"40.00000000",)"
        R"("totalWalletBalance":"100000.00000000","totalUnrealizedProfit":")"
        + fixed(step * 1000000LL, 8)
        + R"(","totalMarginBalance":"100000.00000000","totalPositionInitialMargin":"1000.00000000",)"
          R"("totalOpenOrderInitialMargin":"0.00000000","totalCrossWalletBalance":"100000.00000000",)"
          R"("totalCrossUnPnl":"0.00000000","availableBalance":"99000.00000000",)"
          R"("maxWithdrawAmount":"99000.00000000","assets":[)";
    for (int i = 0; i < assets; ++i) {
        account +=
            (i ? "," : "") + QByteArray(R"({"asset":"A)") + QByteArray::number(i)
            + R"(","walletBalance":"5000.00000000","unrealizedProfit":"0.00000000","marginBalance":"5000.00000000",)"
              R"("maintMargin":"2.00000000","initialMargin":"50.00000000","positionInitialMargin":"50.00000000",)"
              R"("openOrderInitialMargin":"0.00000000","crossWalletBalance":"5000.00000000","crossUnPnl":"0.00000000",)"
              R"("availableBalance":"4950.00000000","maxWithdrawAmount":"4950.00000000","updateTime":1764000000000})";
    }
    account += R"(],"positions":[)";
    QByteArray risk = "[";
    for (int i = 0; i < positions; ++i) {
        const qint64 mark = (1000 + i) * 100000000LL + (i % moveEvery == 0 ? step * 1000000LL : 0);
        const QByteArray symbol = "SYM" + QByteArray::number(i) + "USDT";
        account +=
            (i ? "," : "") + QByteArray(R"({"symbol":")") + symbol
            + R"(","positionSide":"BOTH","positionAmt":"1.000","unrealizedProfit":")"
            + fixed(mark - 1000 * 100000000LL, 8) + R"(","isolatedMargin":"0.00000000","notional":")"
            + fixed(mark, 8)
            + R"(","isolatedWallet":"0","initialMargin":"100.00000000","maintMargin":"4.00000000","updateTime":1764000000000})";
        risk +=
            (i ? "," : "") + QByteArray(R"({"symbol":")") + symbol
            + R"(","positionSide":"BOTH","positionAmt":"1.000","entryPrice":"1000.00","breakEvenPrice":"1000.40","markPrice":")"
            + fixed(mark, 8) + R"(","unRealizedProfit":")" + fixed(mark - 1000 * 100000000LL, 8)
            + R"(","liquidationPrice":"900.00","isolatedMargin":"0.00000000","notional":")" + fixed(mark, 8)
            + R"(","marginAsset":"USDT","isolatedWallet":"0","initialMargin":"100.00000000","maintMargin":"4.00000000",)"
              R"("positionInitialMargin":"100.00000000","openOrderInitialMargin":"0","adl":1,"bidNotional":"0","askNotional":"0","updateTime":1764000000000})";
    }
    account += "]}";
    risk += "]";
    return {account, risk};
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

void runCase(const char* name, int iterations, bool changed, const Bodies& a, const Bodies& b)
{
    SnapshotParser parser;
    AssetTableModel assets;
    PositionTableModel positions;
    TotalsModel totals;
    std::vector<double> samples;
    for (int i = -20; i < iterations; ++i) {
        const Bodies& source = (changed && (i % 2)) ? b : a;
        // Fresh buffers every poll, as from the network: equal content never means shared memory.
        const Bodies bodies{QByteArray(source.account.constData(), source.account.size()),
                            QByteArray(source.positionRisk.constData(), source.positionRisk.size())};
        QElapsedTimer timer;
        timer.start();
        const SnapshotParseResult result = parser.parse({bodies.account, bodies.positionRisk, {}, {}, {}});
        if (!result.ok()) {
            std::fprintf(stderr, "parse failed: %s\n", qPrintable(result.error));
            std::exit(1);
        }
        assets.apply(*result.snapshot);
        positions.apply(*result.snapshot);
        totals.apply(*result.snapshot);
        const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        if (i >= 0)
            samples.push_back(ms);
    }
    std::printf("{\"case\":\"%s\",\"ms\":%.3f,\"bytes\":%lld}\n", name, median(samples),
                static_cast<long long>(a.account.size() + a.positionRisk.size()));
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const Bodies first = generate(1000, 20, 0, 7);
    const Bodies second = generate(1000, 20, 1, 7);
    runCase("changed-1000", 200, true, first, second);
    runCase("unchanged-1000", 200, false, first, second);
    // Every mark price (and with it PnL and notional) moved: no row can be skipped.
    runCase("changed-all-1000", 200, true, generate(1000, 20, 0, 1), generate(1000, 20, 1, 1));
    // The parser alone, to separate its share from the models'.
    std::vector<double> samples;
    SnapshotParser parser;
    for (int i = 0; i < 200; ++i) {
        // Alternate the two bodies so that every call really parses (no unchanged-body shortcut).
        const Bodies& bodies = (i % 2) ? second : first;
        QElapsedTimer timer;
        timer.start();
        const auto result = parser.parse({bodies.account, bodies.positionRisk, {}, {}, {}});
        samples.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        if (!result.ok())
            return 1;
    }
    std::printf("{\"case\":\"parse-only-1000\",\"ms\":%.3f}\n", median(samples));
    // The models alone, with every row changed: snapshots parsed beforehand, applied in turn.
    const Bodies busyA = generate(1000, 20, 0, 1);
    const Bodies busyB = generate(1000, 20, 1, 1);
    const AccountSnapshot snapshots[] = {
        *parser.parse({busyA.account, busyA.positionRisk, {}, {}, {}}).snapshot,
        *parser.parse({busyB.account, busyB.positionRisk, {}, {}, {}}).snapshot};
    PositionTableModel positions;
    samples.clear();
    for (int i = -20; i < 200; ++i) {
        QElapsedTimer timer;
        timer.start();
        positions.apply(snapshots[i & 1]);
        if (i >= 0)
            samples.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("{\"case\":\"apply-only-all-1000\",\"ms\":%.3f}\n", median(samples));
    return 0;
}
