// The per-host weight governor: its pacing, window and pause rules as a pure table, then many real
// pollers against one simulator whose limit is the budget itself, so that any overshoot is a 429.

#include "ApiTestSupport.h"
#include "api/AccountPoller.h"
#include "api/WeightGovernor.h"
#include "api/WeightGovernorPool.h"
#include "sim/SimulatorServer.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <map>
#include <memory>
#include <numeric>
#include <vector>

using namespace marginwatch;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

SimAccountOptions accountOptions(int i)
{
    SimAccountOptions options;
    options.positions = 2;
    options.seed = static_cast<quint32>(i + 1);
    return options;
}

} // namespace

class TestWeightGovernor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void budgetFromPercent_data();
    void budgetFromPercent();
    void consecutiveReservations_data();
    void consecutiveReservations();
    void headerIsGroundTruth_data();
    void headerIsGroundTruth();
    void tryStartRespectsWindowAndPause_data();
    void tryStartRespectsWindowAndPause();
    void cyclesInFlightCountInTheNextWindow_data();
    void cyclesInFlightCountInTheNextWindow();
    void pacedAccountsStayWithinBudget_data();
    void pacedAccountsStayWithinBudget();
    void poolSharesOneGovernorPerHost();
    void manyAccountsAgainstOneSimulator_data();
    void manyAccountsAgainstOneSimulator();
    void rateLimitOnOneAccountPausesTheHost();
};

void TestWeightGovernor::budgetFromPercent_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("percent");
    QTest::addColumn<int>("budget");
    QTest::newRow("default 60 % of 2400") << 2400 << 60 << 1440;
    QTest::newRow("all of it") << 2400 << 100 << 2400;
    QTest::newRow("over 100 % is capped") << 2400 << 150 << 2400;
    QTest::newRow("at least 1 %") << 2400 << 0 << 24;
    QTest::newRow("never below one") << 10 << 1 << 1;
}

void TestWeightGovernor::budgetFromPercent()
{
    QFETCH(int, limit);
    QFETCH(int, percent);
    QFETCH(int, budget);
    QCOMPARE(WeightGovernor::budgetFromPercent(limit, percent), budget);
}

void TestWeightGovernor::consecutiveReservations_data()
{
    QTest::addColumn<int>("budget");
    QTest::addColumn<int>("windowMs");
    QTest::addColumn<int>("cost");
    QTest::addColumn<QList<qint64>>("starts"); // four reservations asked for at local 0, server 0

    // 10 weight of 1 440/min is 416.7 ms: starts never coincide, whoever asks.
    QTest::newRow("default budget, one poll cycle")
        << 1440 << 60000 << 10 << QList<qint64>{0, 417, 834, 1251};
    QTest::newRow("whole limit") << 2400 << 60000 << 10 << QList<qint64>{0, 250, 500, 750};
    QTest::newRow("first cycle with time and config")
        << 1440 << 60000 << 21 << QList<qint64>{0, 875, 1750, 2625};
    QTest::newRow("short test window") << 300 << 2000 << 10 << QList<qint64>{0, 67, 134, 201};
}

void TestWeightGovernor::consecutiveReservations()
{
    QFETCH(int, budget);
    QFETCH(int, windowMs);
    QFETCH(int, cost);
    QFETCH(QList<qint64>, starts);
    WeightGovernor governor(budget, std::chrono::milliseconds(windowMs));
    QList<qint64> got;
    for (int i = 0; i < starts.size(); ++i)
        got << governor.reserve(0, 0, cost);
    QCOMPARE(got, starts);
}

void TestWeightGovernor::headerIsGroundTruth_data()
{
    QTest::addColumn<int>("usedWeight");  // the header, read at server time 30 000 (local 1 000 000)
    QTest::addColumn<qint64>("askAtMs");  // local time of the reservation (server = local - 970 000)
    QTest::addColumn<qint64>("expected"); // its start
    QTest::addColumn<qint64>("next");     // the reservation after it

    const qint64 windowEnd = 1000000 + 30000 + 250; // local end of the server's minute, plus the guard
    // Budget 1 440, cost 10. Little used: the budget's pace (417 ms).
    QTest::newRow("idle IP") << 0 << qint64(1000000) << qint64(1000000) << qint64(1000417);
    // 1 240 used by someone else with 30 s left: the rest (200) spread over the rest of the window.
    QTest::newRow("others used most of it")
        << 1240 << qint64(1000000) << qint64(1000000) << qint64(1000000 + 1500);
    // Only 5 left: nothing before the next window.
    QTest::newRow("window full") << 1435 << qint64(1000000) << windowEnd << windowEnd + 417;
    QTest::newRow("over the budget") << 2000 << qint64(1000000) << windowEnd << windowEnd + 417;
    // Asked for in the next window: the old header no longer counts.
    QTest::newRow("next window") << 1435 << qint64(1031000) << qint64(1031000) << qint64(1031417);
}

void TestWeightGovernor::headerIsGroundTruth()
{
    QFETCH(int, usedWeight);
    QFETCH(qint64, askAtMs);
    QFETCH(qint64, expected);
    QFETCH(qint64, next);
    constexpr qint64 kServerMinusLocal = 30000 - 1000000;
    WeightGovernor governor(1440);
    governor.observeUsedWeight(usedWeight, 30000);
    QCOMPARE(governor.reserve(askAtMs, askAtMs + kServerMinusLocal, 10), expected);
    QCOMPARE(governor.reserve(askAtMs, askAtMs + kServerMinusLocal, 10), next);
}

void TestWeightGovernor::tryStartRespectsWindowAndPause_data()
{
    QTest::addColumn<int>("headerUsed");    // observed at server 10 000 (-1: none)
    QTest::addColumn<qint64>("pauseUntil"); // local (0: none)
    QTest::addColumn<qint64>("atMs");       // local = server
    QTest::addColumn<bool>("started");
    QTest::addColumn<int>("usedAfter");

    QTest::newRow("room") << 50 << qint64(0) << qint64(20000) << true << 60;
    QTest::newRow("exactly the budget") << 90 << qint64(0) << qint64(20000) << true << 100;
    QTest::newRow("one over") << 91 << qint64(0) << qint64(20000) << false << 91;
    QTest::newRow("full window, next window") << 100 << qint64(0) << qint64(60000) << true << 10;
    QTest::newRow("paused") << -1 << qint64(30000) << qint64(20000) << false << 0;
    QTest::newRow("pause over") << -1 << qint64(30000) << qint64(30000) << true << 10;
    // A header within the guard after the window's start may still count the old window.
    QTest::newRow("header at the edge ignored") << 100 << qint64(0) << qint64(60100) << true << 10;
}

void TestWeightGovernor::tryStartRespectsWindowAndPause()
{
    QFETCH(int, headerUsed);
    QFETCH(qint64, pauseUntil);
    QFETCH(qint64, atMs);
    QFETCH(bool, started);
    QFETCH(int, usedAfter);
    WeightGovernor governor(100);
    if (headerUsed >= 0)
        governor.observeUsedWeight(
            headerUsed, QTest::currentDataTag() == QByteArray("header at the edge ignored") ? 60100 : 10000);
    if (pauseUntil > 0)
        governor.pause(pauseUntil, false);
    QCOMPARE(governor.tryStart(atMs, atMs, 10), started);
    QCOMPARE(governor.usedInWindow(atMs), usedAfter);
    if (!started) // the next slot is after what blocked this one
        QVERIFY(governor.reserve(atMs, atMs, 10) > atMs);
}

void TestWeightGovernor::cyclesInFlightCountInTheNextWindow_data()
{
    QTest::addColumn<int>("started"); // 10-weight cycles started late in window 0
    QTest::addColumn<int>("ended");   // of which ended before window 1
    QTest::addColumn<int>("usedInNext");
    QTest::newRow("none running") << 3 << 3 << 0;
    QTest::newRow("one still running") << 3 << 2 << 10;
    QTest::newRow("all running") << 3 << 0 << 30;
}

// A cycle's requests can land after the window it started in: the next window begins with them.
void TestWeightGovernor::cyclesInFlightCountInTheNextWindow()
{
    QFETCH(int, started);
    QFETCH(int, ended);
    QFETCH(int, usedInNext);
    WeightGovernor governor(100);
    for (int i = 0; i < started; ++i)
        QVERIFY(governor.tryStart(59900, 59900, 10));
    for (int i = 0; i < ended; ++i)
        governor.endCycle(10);
    QVERIFY(governor.tryStart(60500, 60500, 10));
    QCOMPARE(governor.usedInWindow(60500), usedInNext + 10);
}

void TestWeightGovernor::pacedAccountsStayWithinBudget_data()
{
    QTest::addColumn<int>("accounts");
    QTest::addColumn<int>("intervalMs");
    QTest::addColumn<int>("budget");
    QTest::addColumn<bool>("stretched"); // whether the budget must lengthen the intervals

    // 10 weight per cycle: 20 accounts at 5 s want 2 400/min, more than the default 1 440.
    QTest::newRow("20 accounts at 5 s, default budget") << 20 << 5000 << 1440 << true;
    QTest::newRow("5 accounts at 5 s fit") << 5 << 5000 << 1440 << false;
    QTest::newRow("50 accounts at 5 s") << 50 << 5000 << 1440 << true;
    QTest::newRow("3 accounts at 1 s, small budget") << 3 << 1000 << 600 << true;
}

// A discrete-event run of the pure rules: each account asks for a slot when its interval has passed
// since its last start (a 10-weight cycle), waits for the slot, and starts if tryStart agrees.
void TestWeightGovernor::pacedAccountsStayWithinBudget()
{
    QFETCH(int, accounts);
    QFETCH(int, intervalMs);
    QFETCH(int, budget);
    QFETCH(bool, stretched);
    constexpr int kCost = 10;
    constexpr qint64 kRunMs = 5 * 60000;
    WeightGovernor governor(budget);
    std::multimap<qint64, int> due; // local time -> account
    std::vector<bool> reserved(accounts, false);
    std::vector<int> polls(accounts, 0);
    std::map<qint64, int> weightPerMinute;
    qint64 lastStart = -1;
    int simultaneous = 0;
    for (int a = 0; a < accounts; ++a)
        due.emplace(0, a);
    while (!due.empty() && due.begin()->first < kRunMs) {
        const auto [now, a] = *due.begin();
        due.erase(due.begin());
        if (!reserved[a]) {
            const qint64 start = governor.reserve(now, now, kCost);
            if (start > now) {
                reserved[a] = true;
                due.emplace(start, a);
                continue;
            }
        }
        reserved[a] = false;
        if (!governor.tryStart(now, now, kCost)) {
            due.emplace(now, a); // reserves again
            continue;
        }
        governor.endCycle(kCost); // the model's cycles take no time
        simultaneous += now == lastStart ? 1 : 0;
        lastStart = now;
        ++polls[a];
        weightPerMinute[now / 60000] += kCost;
        due.emplace(now + intervalMs, a);
    }
    for (const auto& [minute, weight] : weightPerMinute)
        QVERIFY2(weight <= budget, qPrintable(u"minute %1: %2 > %3"_s.arg(minute).arg(weight).arg(budget)));
    QCOMPARE(simultaneous, 0); // never two starts at once
    const auto [fewest, most] = std::minmax_element(polls.begin(), polls.end());
    QVERIFY(*fewest > 0);
    QVERIFY2(*most - *fewest <= 1, "the budget is shared fairly");
    const int unstretched = static_cast<int>(kRunMs / intervalMs);
    if (stretched) {
        QVERIFY(*most < unstretched);
        // ... but the budget is used, not wasted: at least 90 % of it over the run.
        const int total = std::accumulate(polls.begin(), polls.end(), 0) * kCost;
        QVERIFY2(total * 10 >= budget * 5 * 9, qPrintable(QString::number(total)));
    } else {
        QVERIFY(*fewest >= unstretched - 1);
    }
    qInfo("%d accounts at %d ms: %d..%d polls in 5 min (unstretched %d), %d weight/min", accounts, intervalMs,
          *fewest, *most, unstretched, std::accumulate(polls.begin(), polls.end(), 0) * kCost / 5);
}

void TestWeightGovernor::poolSharesOneGovernorPerHost()
{
    WeightGovernorPool pool(1440);
    const auto a = pool.forHost(QUrl(u"https://fapi.binance.com"_s));
    const auto b = pool.forHost(QUrl(u"https://FAPI.binance.com:443/"_s));
    const auto c = pool.forHost(QUrl(u"https://demo-fapi.binance.com"_s));
    const auto d = pool.forHost(QUrl(u"http://127.0.0.1:8080"_s));
    const auto e = pool.forHost(QUrl(u"http://127.0.0.1:8081"_s));
    QCOMPARE(a, b);
    QVERIFY(a != c);
    QVERIFY(d != e);
    QCOMPARE(pool.governors().size(), 4);
    QCOMPARE(a->budget(), 1440);
}

void TestWeightGovernor::manyAccountsAgainstOneSimulator_data()
{
    QTest::addColumn<bool>("governed");
    QTest::newRow("governed") << true;
    // The same set-up without the governor draws 429s: proof that the budget binds in this test.
    QTest::newRow("ungoverned") << false;
}

// 20 accounts polling every 50 ms against one simulator that counts weight in 2-second windows and
// refuses anything over 300 per window: the governor, with the same window and budget, must keep
// every window at or below 300 (no 429) and still let every account through.
void TestWeightGovernor::manyAccountsAgainstOneSimulator()
{
    QFETCH(bool, governed);
    constexpr int kAccounts = 20;
    constexpr int kBudget = 300;
    constexpr auto kWindow = 2000ms;
    SimOptions options;
    options.tickIntervalMs = 0;
    options.weightLimit = kBudget;
    options.weightWindowMs = kWindow.count();
    options.banAfterRejections = 1000;
    SimulatorServer sim(options);
    QVERIFY(sim.listen(0));
    WeightGovernorPool pool(kBudget, kWindow);

    std::vector<std::unique_ptr<AccountPoller>> pollers;
    std::vector<int> snapshots(kAccounts, 0);
    int rateLimited = 0;
    int maxWindowWeight = 0;
    for (int i = 0; i < kAccounts; ++i) {
        const int id = i == 0 ? 0 : sim.addAccount(accountOptions(i));
        const DemoCredentials demo = sim.generateDemoCredentials(id);
        ClientConfig config;
        config.baseUrl = sim.baseUrl();
        config.pollInterval = 50ms;
        config.transferTimeout = 3000ms;
        config.credentials.apiKey = demo.apiKey;
        config.credentials.secret = SecretBytes(demo.secret);
        auto poller = std::make_unique<AccountPoller>(std::move(config), apitest::fastTuning());
        if (governed)
            poller->setWeightGovernor(pool.forHost(sim.baseUrl()));
        connect(poller.get(), &AccountPoller::snapshotReady, this, [&snapshots, i] { ++snapshots[i]; });
        connect(poller.get(), &AccountPoller::requestFinished, this, [&](const QString&, int status) {
            rateLimited += status == 429 || status == 418 ? 1 : 0;
            maxWindowWeight = std::max(maxWindowWeight, sim.usedWeight());
        });
        pollers.push_back(std::move(poller));
    }
    QElapsedTimer elapsed;
    elapsed.start();
    for (auto& poller : pollers)
        poller->start();
    const auto everyAccountTwice = [&] {
        return std::all_of(snapshots.begin(), snapshots.end(), [](int n) { return n >= 2; });
    };
    if (governed) {
        QTRY_VERIFY_WITH_TIMEOUT(everyAccountTwice(), 60000);
        QCOMPARE(rateLimited, 0);
        QVERIFY2(maxWindowWeight <= kBudget, qPrintable(QString::number(maxWindowWeight)));
        QCOMPARE(pool.forHost(sim.baseUrl())->accounts(), kAccounts);
        qInfo("%d accounts, 2 polls each: %lld ms, at most %d weight per %lld ms window (budget %d)",
              kAccounts, elapsed.elapsed(), maxWindowWeight, static_cast<long long>(kWindow.count()),
              kBudget);
    } else {
        QTRY_VERIFY_WITH_TIMEOUT(rateLimited > 0, 10000);
    }
    for (auto& poller : pollers)
        poller->stop();
}

// A 429 on one account (the simulator's fault on its 3rd signed request) stops every account on the
// host until its Retry-After (1 s) has passed, not only the one that drew it.
void TestWeightGovernor::rateLimitOnOneAccountPausesTheHost()
{
    SimOptions options;
    options.tickIntervalMs = 0;
    options.faults = u"429:1@3"_s;
    SimulatorServer sim(options);
    QVERIFY(sim.listen(0));
    WeightGovernorPool pool(2400);
    std::vector<std::unique_ptr<AccountPoller>> pollers;
    QList<qint64> startsAfter429;
    qint64 pausedUntil = 0;
    for (int i = 0; i < 4; ++i) {
        const int id = i == 0 ? 0 : sim.addAccount(accountOptions(i));
        const DemoCredentials demo = sim.generateDemoCredentials(id);
        ClientConfig config;
        config.baseUrl = sim.baseUrl();
        config.pollInterval = 20ms;
        config.credentials.apiKey = demo.apiKey;
        config.credentials.secret = SecretBytes(demo.secret);
        auto poller = std::make_unique<AccountPoller>(std::move(config), apitest::fastTuning());
        poller->setWeightGovernor(pool.forHost(sim.baseUrl()));
        AccountPoller* raw = poller.get();
        connect(raw, &AccountPoller::failed, this, [&, raw](const ApiFailure& failure) {
            if (failure.kind == ApiFailure::Kind::RateLimited && failure.retryAt && pausedUntil == 0) {
                pausedUntil = failure.retryAt->toMSecsSinceEpoch();
                QVERIFY(raw->state() == AccountPoller::State::RateLimited);
            }
        });
        connect(raw, &AccountPoller::requestStarted, this, [&] {
            if (pausedUntil > 0)
                startsAfter429 << QDateTime::currentMSecsSinceEpoch();
        });
        pollers.push_back(std::move(poller));
    }
    for (auto& poller : pollers)
        poller->start();
    QTRY_VERIFY_WITH_TIMEOUT(pausedUntil > 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(startsAfter429.size() >= 8, 10000);
    for (const qint64 start : std::as_const(startsAfter429))
        QVERIFY2(start >= pausedUntil,
                 qPrintable(u"a request %1 ms before the pause ended"_s.arg(pausedUntil - start)));
    for (auto& poller : pollers)
        poller->stop();
}

QTEST_GUILESS_MAIN(TestWeightGovernor)
#include "tst_weightgovernor.moc"
