// marginwatch --headless --live, in process against the real simulator: row sets on change (at most
// one per --interval), --count counting them, one stderr line when it falls back to polling and one
// when live again; and the time from a simulator event to its row in the CSV file (printed).
#include "cli/HeadlessRunner.h"
#include "sim/SimulatorServer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace marginwatch;
using namespace std::chrono_literals;

namespace {

struct Run
{
    std::unique_ptr<SimulatorServer> sim;
    std::unique_ptr<HeadlessRunner> runner;
    QString stem;
};

Run liveRun(const QTemporaryDir& dir, int count, const QString& faults = {}, int intervalSeconds = 1)
{
    SimOptions options;
    options.scenario = SimScenario::Multi;
    options.tickIntervalMs = 0;
    options.markIntervalMs = 100;
    options.faults = faults;
    Run run;
    run.sim = std::make_unique<SimulatorServer>(options);
    if (!run.sim->listen(0))
        qFatal("simulator does not listen");
    const DemoCredentials demo = run.sim->generateDemoCredentials();
    CommandLineOptions cli;
    cli.mode = RunMode::Headless;
    cli.live = true;
    cli.count = count;
    cli.intervalSeconds = intervalSeconds;
    run.stem = dir.filePath(u"live"_s);
    cli.recordStem = run.stem;
    cli.baseUrl = run.sim->baseUrl();
    Credentials credentials;
    credentials.apiKey = demo.apiKey;
    credentials.secret = SecretBytes(demo.secret);
    ClientConfig config = headlessClientConfig(cli, std::move(credentials));
    config.proxy.mode = ProxySettings::Mode::None;
    run.runner = std::make_unique<HeadlessRunner>(cli, std::move(config));
    return run;
}

int dataLines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    return static_cast<int>(file.readAll().count('\n')) - 1; // less the header
}

} // namespace

class TestHeadlessLive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowSetsOnChangeAtMostOnePerInterval()
    {
        QTemporaryDir dir;
        Run run = liveRun(dir, 3);
        QSignalSpy finished(run.runner.get(), &HeadlessRunner::finished);
        QSignalSpy warnings(run.runner.get(), &HeadlessRunner::warning);
        run.runner->start();
        // Marks move every 100 ms after each shift; rows come at most once a second.
        QElapsedTimer elapsed;
        elapsed.start();
        for (int i = 0; i < 100 && finished.isEmpty(); ++i) {
            run.sim->shiftMarks(i % 2 ? -20 : 20);
            finished.wait(100);
        }
        QVERIFY(finished.wait(10000) || !finished.isEmpty());
        QCOMPARE(finished.at(0).at(0).toInt(), int(ExitSuccess));
        QVERIFY2(warnings.isEmpty(),
                 qPrintable(warnings.isEmpty() ? QString() : warnings.at(0).at(0).toString()));
        QCOMPARE(dataLines(run.stem + u"-totals.csv"_s), 3);
        // Three row sets, the first at once and then one a second at most.
        QVERIFY(elapsed.elapsed() >= 2000);
    }

    void eventToRecordLatency()
    {
        QTemporaryDir dir;
        Run run = liveRun(dir, 0, {}, 1);
        run.runner->start();
        QTRY_VERIFY_WITH_TIMEOUT(dataLines(run.stem + u"-totals.csv"_s) >= 1, 10000);
        // Quiet for longer than --interval, so the next change is written at once.
        for (int stable = dataLines(run.stem + u"-totals.csv"_s);;) {
            QTest::qWait(1200);
            const int now = dataLines(run.stem + u"-totals.csv"_s);
            if (now == stable)
                break;
            stable = now;
        }
        const int positionsBefore = dataLines(run.stem + u"-positions.csv"_s);
        QElapsedTimer latency;
        latency.start();
        QVERIFY(run.sim->trade(0, u"DOGEUSDT"_s, u"BOTH"_s, u"100"_s));
        QTRY_VERIFY_WITH_TIMEOUT(dataLines(run.stem + u"-positions.csv"_s) > positionsBefore, 5000);
        qInfo("simulator event -> --record row: %lld ms (loopback, file polled every 50 ms)",
              static_cast<long long>(latency.elapsed()));
        QFile positions(run.stem + u"-positions.csv"_s);
        QVERIFY(positions.open(QIODevice::ReadOnly));
        QVERIFY(positions.readAll().contains("DOGEUSDT"));
    }

    void fallbackAndBackAreOneLineEach()
    {
        QTemporaryDir dir;
        // Both private routes stay silent on the first attempt (10 s each to find out).
        Run run = liveRun(dir, 0, u"silentstream@1,silentstream@2"_s);
        QSignalSpy warnings(run.runner.get(), &HeadlessRunner::warning);
        run.runner->start();
        QTRY_VERIFY_WITH_TIMEOUT(warnings.size() >= 2, 40000);
        QVERIFY2(
            warnings.at(0).at(0).toString().startsWith(u"warning: live stream unavailable, polling every"_s),
            qPrintable(warnings.at(0).at(0).toString()));
        QCOMPARE(warnings.at(1).at(0).toString(), u"live again: streaming user data and mark prices"_s);
        QTest::qWait(500);
        QCOMPARE(warnings.size(), 2);
        QVERIFY(dataLines(run.stem + u"-totals.csv"_s) >= 1); // polled meanwhile
    }
};

QTEST_GUILESS_MAIN(TestHeadlessLive)
#include "tst_headlesslive.moc"
