// marginwatch-history-bench: per-poll cost of recording a large account (1 000 positions, 20
// assets). Prints one JSON line per case; figures are reported, never asserted.
//  csv-append                SnapshotCsvAppender::append (--record), every position moved; every poll
//                            writes every row anyway.
//  history-record-unchanged  HistoryStore::record of polls whose asset and position lists are the
//                            previous poll's (as the parser hands them out for an unchanged account).
//  history-record-changed    every position's price moved: a new position set each poll.
// gui_thread_cpu_ms is what record() costs the thread that calls it (the GUI thread in the app);
// cpu_ms is the whole process until the writer thread has stored everything.
#include "io/SnapshotCsvAppender.h"
#include "io/history/HistoryStore.h"
#include "model/AccountSnapshot.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>
#include <ctime>

using namespace marginwatch;
using namespace Qt::StringLiterals;

namespace {

Decimal dec(const QByteArray& text)
{
    return Decimal::parse(std::string_view(text.constData(), std::size_t(text.size()))).value_or(Decimal());
}

QByteArray fixed(qint64 units)
{
    // units of 1e-8, eight decimals
    const bool negative = units < 0;
    const qint64 magnitude = negative ? -units : units;
    return (negative ? "-" : "") + QByteArray::number(magnitude / 100000000) + '.'
           + QByteArray::number(magnitude % 100000000).rightJustified(8, '0');
}

// Poll `step` of an account whose positions' prices move by `step` every poll when `moving`.
AccountSnapshot snapshot(int step, bool moving, int positions = 1000, int assets = 20)
{
    AccountSnapshot s;
    s.takenAt = QDateTime::fromMSecsSinceEpoch(1764000000000 + step * 1000LL, Qt::UTC);
    s.accountMode = AccountMode::MultiAssets;
    s.positionMode = PositionMode::OneWay;
    const int move = moving ? step : 0;
    s.totals.totalMarginBalance = dec(fixed(10000000000000LL + move));
    s.totals.totalMaintMargin = dec("40.00000000");
    s.totals.totalUnrealizedProfit = dec(fixed(move * 1000LL));
    for (int i = 0; i < assets; ++i) {
        AssetBalance a;
        a.asset = u"A%1"_s.arg(i);
        a.walletBalance = dec("5000.00000000");
        a.marginBalance = dec(fixed(500000000000LL + move));
        a.maintMargin = dec("2.00000000");
        a.updateTime = 1764000000000;
        s.assets << a;
    }
    for (int i = 0; i < positions; ++i) {
        Position p;
        p.symbol = u"SYM%1USDT"_s.arg(i);
        p.positionSide = u"BOTH"_s;
        p.positionAmt = dec("1.000");
        const qint64 mark = (1000 + i) * 100000000LL + move * 1000000LL;
        p.unrealizedProfit = dec(fixed(mark - 1000 * 100000000LL));
        p.notional = dec(fixed(mark));
        p.initialMargin = dec("100.00000000");
        p.maintMargin = dec("4.00000000");
        p.updateTime = 1764000000000;
        p.entryPrice = dec("1000.00");
        p.breakEvenPrice = dec("1000.40");
        p.markPrice = dec(fixed(mark));
        p.liquidationPrice = dec("900.00");
        p.leverage = 20;
        p.marginType = u"CROSSED"_s;
        s.positions << p;
    }
    return s;
}

double cpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

void report(const char* name, int polls, double cpu, qint64 wallNs)
{
    std::printf("{\"case\":\"%s\",\"positions\":1000,\"polls\":%d,\"cpu_ms_per_poll\":%.3f,"
                "\"wall_ms_per_poll\":%.3f}\n",
                name, polls, cpu / polls, double(wallNs) / 1e6 / polls);
    std::fflush(stdout);
}

void csvAppend(int polls)
{
    QTemporaryDir dir;
    SnapshotCsvAppender appender(dir.filePath(u"bench"_s));
    if (!appender.open())
        return;
    QList<AccountSnapshot> snapshots;
    for (int i = 0; i < polls; ++i)
        snapshots << snapshot(i, true);
    QElapsedTimer wall;
    wall.start();
    const double cpu = cpuMs();
    for (const AccountSnapshot& s : snapshots)
        appender.append(s);
    report("csv-append", polls, cpuMs() - cpu, wall.nsecsElapsed());
}

double threadCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

void historyRecord(int polls, bool moving)
{
    QTemporaryDir dir;
    HistoryStore store;
    if (!store.open(dir.filePath(u"history.sqlite"_s)))
        return;
    store.setAccount(HistoryAccount::forCredentials(u"bench"_s, u"Bench"_s,
                                                    QUrl(u"https://fapi.binance.com"_s), u"bench-key"_s));
    QList<AccountSnapshot> snapshots;
    for (int i = 0; i < polls; ++i) {
        if (moving || snapshots.isEmpty()) {
            snapshots << snapshot(i, true);
        } else {
            AccountSnapshot same = snapshots.constFirst(); // shares the lists, like the parser
            same.takenAt = same.takenAt.addSecs(i);
            snapshots << same;
        }
    }
    QElapsedTimer wall;
    wall.start();
    const double cpu = cpuMs();
    const double gui = threadCpuMs();
    for (const AccountSnapshot& s : snapshots)
        store.record(s);
    const double guiMs = threadCpuMs() - gui;
    store.waitForWrites();
    std::printf("{\"case\":\"history-record-%s\",\"positions\":1000,\"polls\":%d,"
                "\"gui_thread_cpu_ms_per_poll\":%.3f,\"cpu_ms_per_poll\":%.3f,\"wall_ms_per_poll\":%.3f}\n",
                moving ? "changed" : "unchanged", polls, guiMs / polls, (cpuMs() - cpu) / polls,
                double(wall.nsecsElapsed()) / 1e6 / polls);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int polls = argc > 1 ? QByteArray(argv[1]).toInt() : 200;
    csvAppend(polls);
    historyRecord(polls, false);
    historyRecord(polls, true);
    return 0;
}
