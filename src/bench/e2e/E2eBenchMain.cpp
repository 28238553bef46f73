// marginwatch-bench-e2e: the real path of one poll, end to end. A BinanceHttpClient and a
// SnapshotCycle (the code AccountPoller runs) poll the simulator serving 1 000 positions over
// loopback, back to back; every snapshot is applied to the asset, position and totals models and,
// in the "-csv" case, appended to the three CSV files as --headless --record does.
//
// The simulator runs in the same process on a thread of its own, and the account moves (a tick) on
// that thread before every poll. CPU per poll is the process's CPU time minus the simulator thread's
// (both from the kernel's per-thread clocks), so it holds the client thread and Qt's HTTP thread:
// HTTP, signing, parsing, applying and writing. Figures are printed as JSON lines, never asserted.
#include "api/BinanceHttpClient.h"
#include "api/SnapshotCycle.h"
#include "io/SnapshotCsvAppender.h"
#include "model/AccountTableModels.h"
#include "sim/SimulatorServer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <limits>
#include <memory>
#include <pthread.h>
#include <vector>

using namespace marginwatch;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr int kPositions = 1000;
constexpr int kWarmup = 20;
int g_polls = 200; // a second argument changes it (a short run under callgrind)
const QString kApiKey = u"BenchKey0123456789"_s;
const QByteArray kSecret = "bench-secret-0123456789";

qint64 cpuNs(clockid_t clock)
{
    timespec now = {};
    clock_gettime(clock, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

// The simulator on its own thread: created, listening and ticked there.
class SimulatorThread
{
public:
    SimulatorThread()
    {
        m_thread.setObjectName(u"simulator"_s); // its CPU is told apart by thread, in perf too
        m_thread.start();
        QMetaObject::invokeMethod(
            m_context.get(),
            [this] {
                SimOptions options;
                options.scenario = SimScenario::Multi;
                options.positions = kPositions;
                options.tickIntervalMs = 0; // moved by tick() before each poll
                options.seed = 11;
                options.weightLimit = 0; // the bench polls back to back, far faster than Binance allows
                m_sim = std::make_unique<SimulatorServer>(options);
                if (m_sim->listen(0))
                    m_sim->addHmacKey(kApiKey, kSecret);
                m_baseUrl = m_sim->baseUrl();
                pthread_getcpuclockid(pthread_self(), &m_clock);
            },
            Qt::BlockingQueuedConnection);
    }

    ~SimulatorThread()
    {
        QMetaObject::invokeMethod(
            m_context.get(), [this] { m_sim.reset(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    QUrl baseUrl() const { return m_baseUrl; }
    void tick()
    {
        QMetaObject::invokeMethod(
            m_context.get(), [this] { m_sim->tick(); }, Qt::BlockingQueuedConnection);
    }
    qint64 cpuNs() const { return ::cpuNs(m_clock); }

private:
    QThread m_thread;
    std::unique_ptr<QObject> m_context = [this] {
        auto context = std::make_unique<QObject>();
        context->moveToThread(&m_thread);
        return context;
    }();
    std::unique_ptr<SimulatorServer> m_sim;
    QUrl m_baseUrl;
    clockid_t m_clock = CLOCK_THREAD_CPUTIME_ID;
};

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

struct Figures
{
    double cpuMsPerPoll = 0; // process minus simulator, averaged over the measured polls
    double medianWallMs = 0; // one poll, as a user waits for it (includes the simulator's work)
};

Figures runCase(SimulatorThread& sim, bool recordCsv)
{
    ClientConfig config;
    config.baseUrl = sim.baseUrl();
    config.credentials.apiKey = kApiKey;
    config.credentials.secret = SecretBytes(kSecret);
    ClientTuning tuning;
    tuning.weightLimit =
        std::numeric_limits<int>::max() / 16; // the bench polls far faster than Binance allows
    BinanceHttpClient client(std::move(config), tuning);
    SnapshotCycle cycle(&client, tuning.configRefreshPeriod);
    AssetTableModel assets;
    PositionTableModel positions;
    TotalsModel totals;
    QTemporaryDir dir;
    std::unique_ptr<SnapshotCsvAppender> appender;
    if (recordCsv) {
        appender = std::make_unique<SnapshotCsvAppender>(dir.filePath(u"bench"_s));
        if (const Expected<void> opened = appender->open(); !opened) {
            std::fprintf(stderr, "csv: %s\n", qPrintable(opened.error()));
            std::exit(1);
        }
    }
    Figures figures;
    std::vector<double> wall;
    qint64 cpuStart = 0;
    qint64 simStart = 0;
    QElapsedTimer pollTimer;
    int poll = -kWarmup;
    QEventLoop loop;

    auto next = [&] {
        if (poll == 0) {
            cpuStart = cpuNs(CLOCK_PROCESS_CPUTIME_ID);
            simStart = sim.cpuNs();
        }
        if (poll == g_polls) {
            const double cpu = double(cpuNs(CLOCK_PROCESS_CPUTIME_ID) - cpuStart - (sim.cpuNs() - simStart));
            figures.cpuMsPerPoll = cpu / 1e6 / g_polls;
            loop.quit();
            return;
        }
        sim.tick(); // on the simulator's thread: its CPU is not the client's
        pollTimer.start();
        cycle.run();
    };
    QObject::connect(&cycle, &SnapshotCycle::finished, &loop, [&](const AccountSnapshot& snapshot) {
        assets.apply(snapshot);
        positions.apply(snapshot);
        totals.apply(snapshot);
        if (appender) {
            if (const Expected<void> appended = appender->append(snapshot); !appended) {
                std::fprintf(stderr, "csv: %s\n", qPrintable(appended.error()));
                std::exit(1);
            }
        }
        if (poll >= 0)
            wall.push_back(double(pollTimer.nsecsElapsed()) / 1e6);
        ++poll;
        QMetaObject::invokeMethod(&loop, next, Qt::QueuedConnection);
    });
    QObject::connect(&cycle, &SnapshotCycle::failed, &loop, [&](const ApiFailure& failure) {
        // A figure over failed polls would measure something else.
        std::fprintf(stderr, "poll failed: %s\n", qPrintable(failure.summaryLine()));
        std::exit(1);
    });
    QMetaObject::invokeMethod(&loop, next, Qt::QueuedConnection);
    loop.exec();
    figures.medianWallMs = median(wall);
    return figures;
}

void print(const char* name, const Figures& figures)
{
    std::printf("{\"case\":\"%s\",\"cpu_ms_per_poll\":%.3f,\"wall_ms_median\":%.3f,\"polls\":%d}\n", name,
                figures.cpuMsPerPoll, figures.medianWallMs, g_polls);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    SimulatorThread sim;
    if (sim.baseUrl().isEmpty()) {
        std::fprintf(stderr, "the simulator does not listen\n");
        return 1;
    }
    // A case name as the argument runs that case alone (for a profiler), a number after it sets the
    // number of measured polls.
    const QString only = app.arguments().value(1);
    if (const int polls = app.arguments().value(2).toInt(); polls > 0)
        g_polls = polls;
    if (only.isEmpty() || only == u"e2e-1000"_s)
        print("e2e-1000", runCase(sim, false));
    if (only.isEmpty() || only == u"e2e-1000-csv"_s)
        print("e2e-1000-csv", runCase(sim, true));
    return 0;
}
