// The live account against the real simulator over loopback: it goes live, applies the simulator's
// events and mark ticks, matches the exchange's margin ratio at every reconciliation, and recovers
// from every stream fault (or polls, when the private routes stay silent).
#include "../api/ApiTestSupport.h"
#include "stream/LiveAccount.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace marginwatch;
using namespace std::chrono_literals;

namespace {

LiveTuning fastLive()
{
    LiveTuning live;
    live.backoffBase = 20ms;
    live.backoffCap = 200ms;
    live.markWatchdog = 1500ms;
    live.limits.probeTimeout = 1000ms;
    live.jitterSeed = 3;
    live.weightBudget = 100000; // these tests are about the stream; the budget has its own test
    return live;
}

struct Rig
{
    std::unique_ptr<SimulatorServer> sim;
    std::unique_ptr<LiveAccount> account;
};

Rig rig(const QString& faults = {}, SimScenario scenario = SimScenario::Multi, LiveTuning live = fastLive())
{
    SimOptions options;
    options.scenario = scenario;
    options.positions = 4;
    options.tickIntervalMs = 0; // marks move only when the test moves them
    options.markIntervalMs = 100;
    options.faults = faults;
    options.dropStreamDelayMs = 500;
    options.expireKeyDelayMs = 500;
    Rig r;
    r.sim = std::make_unique<SimulatorServer>(options);
    if (!r.sim->listen(0))
        qFatal("simulator does not listen");
    const DemoCredentials demo = r.sim->generateDemoCredentials();
    ClientConfig config;
    config.baseUrl = r.sim->baseUrl();
    config.pollInterval = 200ms;
    config.transferTimeout = 3000ms;
    config.credentials.apiKey = demo.apiKey;
    config.credentials.secret = SecretBytes(demo.secret);
    config.proxy.mode = ProxySettings::Mode::None;
    r.account =
        std::make_unique<LiveAccount>(std::move(config), r.sim->streamBaseUrl(), live, apitest::fastTuning());
    return r;
}

bool waitLive(LiveAccount& account, int timeoutMs = 10000)
{
    QElapsedTimer t;
    t.start();
    while (account.mode() != LiveAccount::Mode::Live && t.elapsed() < timeoutMs)
        QTest::qWait(10);
    return account.mode() == LiveAccount::Mode::Live;
}

std::optional<Position> positionOf(const AccountSnapshot& s, const QString& symbol)
{
    for (const Position& p : s.positions) {
        if (p.symbol == symbol)
            return p;
    }
    return std::nullopt;
}

// An HTTP proxy on loopback that understands CONNECT only (how an HTTP proxy carries wss:// and
// ws://), records each target and pipes the bytes both ways.
class ConnectProxy : public QTcpServer
{
public:
    QStringList targets;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto* client = new QTcpSocket(this);
        client->setSocketDescriptor(descriptor);
        auto header = std::make_shared<QByteArray>();
        connect(client, &QTcpSocket::readyRead, this, [this, client, header] {
            if (client->property("tunnel").toBool())
                return;
            header->append(client->readAll());
            const qsizetype end = header->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> request = header->left(header->indexOf("\r\n")).split(' ');
            if (request.size() < 2 || request.at(0) != "CONNECT") {
                client->write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n");
                client->disconnectFromHost();
                return;
            }
            const QString target = QString::fromLatin1(request.at(1));
            targets << target;
            client->setProperty("tunnel", true);
            auto* upstream = new QTcpSocket(client);
            const QByteArray early = header->mid(end + 4);
            connect(upstream, &QTcpSocket::connected, client, [client, upstream, early] {
                client->write("HTTP/1.1 200 Connection established\r\n\r\n");
                if (!early.isEmpty())
                    upstream->write(early);
                connect(client, &QTcpSocket::readyRead, upstream,
                        [client, upstream] { upstream->write(client->readAll()); });
                connect(upstream, &QTcpSocket::readyRead, client,
                        [client, upstream] { client->write(upstream->readAll()); });
                if (client->bytesAvailable() > 0)
                    upstream->write(client->readAll());
            });
            connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
            connect(client, &QTcpSocket::disconnected, upstream, &QTcpSocket::disconnectFromHost);
            connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
            const qsizetype colon = target.lastIndexOf(u':');
            upstream->connectToHost(target.left(colon), target.mid(colon + 1).toUShort());
        });
    }
};

} // namespace

class TestLiveAccount : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void goesLiveAndAppliesATrade()
    {
        Rig r = rig();
        r.account->start();
        QVERIFY(waitLive(*r.account));
        QVERIFY(r.account->lastSnapshot());
        const int restCalls = r.sim->requestCount(u"/fapi/v3/account"_s);

        QSignalSpy snapshots(r.account.get(), &LiveAccount::snapshotReady);
        QElapsedTimer latency;
        latency.start();
        qint64 seenAfterNs = -1;
        connect(r.account.get(), &LiveAccount::snapshotReady, this,
                [&latency, &seenAfterNs](const AccountSnapshot& s) {
                    const auto p = positionOf(s, u"DOGEUSDT"_s);
                    if (seenAfterNs < 0 && p && p->positionAmt == *Decimal::parse("100"))
                        seenAfterNs = latency.nsecsElapsed();
                });
        QVERIFY(r.sim->trade(0, u"DOGEUSDT"_s, u"BOTH"_s, u"100"_s));
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(snapshots.cbegin(), snapshots.cend(),
                                             [](const QList<QVariant>& s) {
                                                 const auto p = positionOf(s.at(0).value<AccountSnapshot>(),
                                                                           u"DOGEUSDT"_s);
                                                 return p && p->positionAmt == *Decimal::parse("100");
                                             }),
                                 5000);
        // Measured, not asserted: from the simulator's event to the account's snapshot.
        qInfo("simulator event -> account snapshot: %.2f ms (loopback, debug build)", seenAfterNs / 1e6);
        // The position came from the stream (a reconciliation may follow the fill; it agrees).
        QVERIFY(r.account->mode() == LiveAccount::Mode::Live);
        QVERIFY(r.sim->requestCount(u"/fapi/v3/account"_s) <= restCalls + 2);
    }

    void marginRatioWithinAHundredthOfAPointAtEveryReconcile_data()
    {
        QTest::addColumn<int>("scenario");
        QTest::newRow("multi") << int(SimScenario::Multi);
        QTest::newRow("hedge") << int(SimScenario::Hedge);
    }
    void marginRatioWithinAHundredthOfAPointAtEveryReconcile()
    {
        QFETCH(int, scenario);
        Rig r = rig({}, SimScenario(scenario));
        QSignalSpy reconciled(r.account.get(), &LiveAccount::reconciled);
        r.account->start();
        QVERIFY(waitLive(*r.account));
        const AccountSnapshot start = *r.account->lastSnapshot();
        QVERIFY(!start.positions.isEmpty());
        const Decimal tolerance = *Decimal::parse("0.01");

        const int rounds = 6;
        for (int round = 0; round < rounds; ++round) {
            // Move every held symbol's mark (up and down), wait until the live figures carry it.
            const int basisPoints = (round % 2 ? -1 : 1) * (150 + 40 * round);
            QHash<QString, std::optional<Decimal>> marks;
            const AccountSnapshot before = *r.account->lastSnapshot(); // a copy: the loop needs it alive
            for (const Position& p : before.positions)
                marks.insert(p.symbol, p.markPrice);
            r.sim->shiftMarks(basisPoints);
            const int reconciledBefore = reconciled.size();
            // Every held symbol moved: wait until the live figures carry every new mark.
            const auto allMoved = [&r, &marks] {
                const AccountSnapshot now = *r.account->lastSnapshot();
                for (const Position& p : now.positions) {
                    if (marks.value(p.symbol) == p.markPrice)
                        return false;
                }
                return true;
            };
            QTRY_VERIFY_WITH_TIMEOUT(allMoved(), 5000);
            r.account->refreshNow();
            QTRY_VERIFY_WITH_TIMEOUT(reconciled.size() > reconciledBefore, 5000);
            const Decimal local = reconciled.constLast().at(0).value<Decimal>();
            const Decimal exchange = reconciled.constLast().at(1).value<Decimal>();
            const Decimal difference = local.minus(exchange)->abs();
            qInfo("round %d: local %s %%, exchange %s %%", round, qPrintable(local.toString()),
                  qPrintable(exchange.toString()));
            QVERIFY2(difference <= tolerance,
                     qPrintable(u"local %1 vs exchange %2"_s.arg(local.toString(), exchange.toString())));
        }
        QVERIFY(r.account->reconciliations() >= rounds);
        QVERIFY(*r.account->largestRatioDifference() <= tolerance);
    }

    // Every stream fault ends live again (legacyonly: polling, with fresh snapshots all along).
    void faultsRecover_data()
    {
        QTest::addColumn<QString>("faults");
        QTest::addColumn<bool>("leavesLive"); // the fault takes a live stream down first
        QTest::newRow("dropstream") << u"dropstream@1"_s << true;
        QTest::newRow("silentstream") << u"silentstream@1"_s << false;
        QTest::newRow("expirekey") << u"expirekey@1"_s << true;
        QTest::newRow("silentws") << u"silentws"_s << false;
        QTest::newRow("silent market stream, reconnected") << u"silentstream@2"_s << false;
        // No mark tick for longer than the watchdog allows: stale, polling, then live again.
        QTest::newRow("no mark ticks")
            << u"silentstream@2,silentstream@3,silentstream@4,silentstream@5,silentstream@6,silentstream@7"_s
            << true;
    }
    void faultsRecover()
    {
        QFETCH(QString, faults);
        QFETCH(bool, leavesLive);
        Rig r = rig(faults);
        QSignalSpy modes(r.account.get(), &LiveAccount::modeChanged);
        r.account->start();
        QVERIFY(waitLive(*r.account));
        if (leavesLive) {
            QTRY_VERIFY_WITH_TIMEOUT(std::any_of(modes.cbegin(), modes.cend(),
                                                 [](const QList<QVariant>& m) {
                                                     return m.at(0).value<LiveAccount::Mode>()
                                                            == LiveAccount::Mode::Polling;
                                                 }),
                                     10000);
            qInfo("fell back: %s",
                  qPrintable(r.account->pollingReason().isEmpty() ? modes.constLast().at(1).toString()
                                                                  : r.account->pollingReason()));
            QVERIFY(waitLive(*r.account));
        }
        // Live and flowing: a change reaches the account.
        QSignalSpy snapshots(r.account.get(), &LiveAccount::snapshotReady);
        r.sim->applyFunding(0);
        QVERIFY(snapshots.wait(5000));
        QCOMPARE(r.account->mode(), LiveAccount::Mode::Live);
    }

    void expiredKeyIsReplaced()
    {
        Rig r = rig(u"expirekey@1"_s);
        r.account->start();
        QVERIFY(waitLive(*r.account));
        const QString first = r.sim->currentListenKey(0);
        QTRY_VERIFY_WITH_TIMEOUT(!r.sim->currentListenKey(0).isEmpty() && r.sim->currentListenKey(0) != first,
                                 10000);
        QVERIFY(waitLive(*r.account));
    }

    void legacyOnlyPolls()
    {
        Rig r = rig(u"legacyonly"_s);
        QSignalSpy modes(r.account.get(), &LiveAccount::modeChanged);
        QSignalSpy snapshots(r.account.get(), &LiveAccount::snapshotReady);
        r.account->start();
        QTRY_VERIFY_WITH_TIMEOUT(!modes.isEmpty(), 10000);
        QCOMPARE(r.account->mode(), LiveAccount::Mode::Polling);
        QVERIFY2(r.account->pollingReason().contains(u"sends nothing"_s),
                 qPrintable(r.account->pollingReason()));
        // Polling goes on, and live is tried again (new connections), forever.
        const int accepted = r.sim->streamConnectionsAccepted();
        QTRY_VERIFY_WITH_TIMEOUT(snapshots.size() >= 3, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(r.sim->streamConnectionsAccepted() > accepted, 10000);
        QCOMPARE(r.account->mode(), LiveAccount::Mode::Polling);
    }

    void keepAliveKeepsTheKey()
    {
        LiveTuning live = fastLive();
        live.keepAliveInterval = 300ms;
        Rig r = rig({}, SimScenario::Multi, live);
        r.account->start();
        QVERIFY(waitLive(*r.account));
        const int before = r.sim->requestCount(u"/fapi/v1/listenKey"_s);
        const QString key = r.sim->currentListenKey(0);
        QTRY_VERIFY_WITH_TIMEOUT(r.sim->requestCount(u"/fapi/v1/listenKey"_s) >= before + 2, 5000);
        QCOMPARE(r.sim->currentListenKey(0), key);
        QCOMPARE(r.account->mode(), LiveAccount::Mode::Live);
    }

    // The profile's proxy carries the WebSockets too: with REST direct (the session's poller) and
    // the streams through an HTTP proxy, the account goes live only through the proxy's tunnels.
    void streamsGoThroughTheProfilesProxy()
    {
        Rig r = rig();
        ConnectProxy proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost, 0));
        ProxySettings viaProxy;
        viaProxy.mode = ProxySettings::Mode::Http;
        viaProxy.host = u"127.0.0.1"_s;
        viaProxy.port = proxy.serverPort();
        ClientConfig config;
        config.baseUrl = r.sim->baseUrl();
        config.pollInterval = 200ms;
        config.transferTimeout = 3000ms;
        const DemoCredentials demo = r.sim->generateDemoCredentials();
        config.credentials.apiKey = demo.apiKey;
        config.credentials.secret = SecretBytes(demo.secret);
        config.proxy.mode = ProxySettings::Mode::None;
        AccountPoller poller(std::move(config), apitest::fastTuning());
        LiveAccount account(poller, viaProxy, r.sim->streamBaseUrl(), fastLive(), apitest::fastTuning());
        account.start();
        QVERIFY(waitLive(account));
        const QString simulator = u"127.0.0.1:%1"_s.arg(r.sim->port());
        // The user-data stream and the market stream, both tunnelled.
        QTRY_VERIFY_WITH_TIMEOUT(proxy.targets.count(simulator) >= 2, 5000);
        QVERIFY2(proxy.targets.count(simulator) == proxy.targets.size(),
                 qPrintable(proxy.targets.join(u", "_s)));
        QSignalSpy snapshots(&account, &LiveAccount::snapshotReady);
        r.sim->applyFunding(0);
        QVERIFY(snapshots.wait(5000));
        QCOMPARE(account.mode(), LiveAccount::Mode::Live);
    }

    // The simulator trades (fills every few seconds, positions closing and new symbols opening,
    // funding) while the account is live: its own weight counter never exceeds the budget in any
    // window. Time runs MARGINWATCH_LIVE_WEIGHT_SCALE times faster (default 10: a "minute" is 6 s);
    // 1 measures at production timings.
    void weightStaysWithinTheBudgetWhileTrading_data()
    {
        QTest::addColumn<int>("scenario");
        QTest::newRow("single (isolated positions, new symbols)") << int(SimScenario::Single);
        QTest::newRow("hedge") << int(SimScenario::Hedge);
    }
    void weightStaysWithinTheBudgetWhileTrading()
    {
        QFETCH(int, scenario);
        const int scale = std::max(1, qEnvironmentVariableIntValue("MARGINWATCH_LIVE_WEIGHT_SCALE") > 0
                                          ? qEnvironmentVariableIntValue("MARGINWATCH_LIVE_WEIGHT_SCALE")
                                          : 10);
        const int windows = std::max(3, qEnvironmentVariableIntValue("MARGINWATCH_LIVE_WEIGHT_WINDOWS"));
        const auto scaled = [scale](std::chrono::milliseconds production) {
            return production / scale;
        };

        SimOptions options;
        options.scenario = SimScenario(scenario);
        options.positions = 4;
        options.seed = 11;
        options.tickIntervalMs = 1000 / scale; // the book trades on ticks: fills come scale times faster
        options.markIntervalMs = 1000 / scale;
        options.weightWindowMs = 60000 / scale;
        SimulatorServer sim(options);
        QVERIFY(sim.listen(0));
        const DemoCredentials demo = sim.generateDemoCredentials();
        ClientConfig config;
        config.baseUrl = sim.baseUrl();
        config.pollInterval = 5000ms;
        config.credentials.apiKey = demo.apiKey;
        config.credentials.secret = SecretBytes(demo.secret);
        config.proxy.mode = ProxySettings::Mode::None;
        LiveTuning live; // production values, scaled
        live.reconcileInterval = scaled(live.reconcileInterval);
        live.minReconcileGap = scaled(live.minReconcileGap);
        live.weightWindow = scaled(live.weightWindow);
        live.markWatchdog = scaled(live.markWatchdog);
        live.bracketRefresh = scaled(live.bracketRefresh);
        live.backoffBase = scaled(live.backoffBase);
        live.backoffCap = scaled(live.backoffCap);
        // Kept alive every half "minute" instead of every 30: the small requests press harder.
        live.keepAliveInterval = live.weightWindow / 2;
        ClientTuning tuning = apitest::fastTuning();
        tuning.timeResyncPeriod = scaled(tuning.timeResyncPeriod);
        tuning.configRefreshPeriod = scaled(tuning.configRefreshPeriod);
        LiveAccount account(std::move(config), sim.streamBaseUrl(), live, tuning);

        int largest = 0;
        int total = 0;
        bool measuring = false;
        QHash<QString, int> requests;
        connect(&account.poller(), &AccountPoller::requestFinished, this, [&](const QString& endpoint, int) {
            if (!measuring)
                return;
            // The simulator's count for this window, this request included.
            largest = std::max(largest, sim.usedWeight());
            total += RequestWeightMeter::weightOf(endpoint);
            ++requests[endpoint];
        });
        QSignalSpy modes(&account, &LiveAccount::modeChanged);
        account.start();
        QVERIFY(waitLive(account));
        // Going live costs what polling did (the first snapshot, configuration, brackets): a
        // window later the account is in its steady state.
        QTest::qWait(int(live.weightWindow.count()));
        const int reconciliationsBefore = account.reconciliations();
        const int modeChangesBefore = int(modes.size());
        measuring = true;
        QElapsedTimer span;
        span.start();
        QTest::qWait(int(live.weightWindow.count()) * windows);
        measuring = false;
        const double minutes = double(span.elapsed()) / double(live.weightWindow.count());
        qInfo("weight per account while trading: %.1f per minute on average, at most %d in one minute "
              "(budget %d); %d reconciliations in %.1f minutes (time scaled x%d); requests: %s",
              total / minutes, largest, live.weightBudget, account.reconciliations() - reconciliationsBefore,
              minutes, scale, qPrintable([&requests] {
                  QStringList parts;
                  for (auto it = requests.cbegin(); it != requests.cend(); ++it)
                      parts << u"%1 x%2"_s.arg(it.key()).arg(it.value());
                  parts.sort();
                  return parts.join(u", "_s);
              }()));
        QCOMPARE(int(modes.size()), modeChangesBefore); // live throughout: polling has its own figures
        QVERIFY(account.reconciliations() > reconciliationsBefore);
        QVERIFY2(largest <= live.weightBudget, qPrintable(u"%1 in one window"_s.arg(largest)));
    }
};

QTEST_GUILESS_MAIN(TestLiveAccount)
#include "tst_liveaccount.moc"
