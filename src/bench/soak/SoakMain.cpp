// Runs N poll cycles (default 10 000) of AccountPoller against the simulator on loopback, with no
// pause between cycles, and reports resident memory before and after and the cycle rate. A leak
// per cycle (a reply, a snapshot, a signer context) shows up as RSS growing with N.

#include "api/AccountPoller.h"
#include "sim/SimulatorServer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <limits>

using namespace marginwatch;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

qint64 residentKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int cycles = args.size() > 1 ? args.at(1).toInt() : 10000;
    const int warmup = 200;

    SimOptions options;
    options.tickIntervalMs = 0;
    options.positions = 5;
    options.weightLimit = 0; // the soak measures the client, not the exchange's per-IP limit
    SimulatorServer sim(options);
    if (!sim.listen(0)) {
        std::fprintf(stderr, "simulator: %s\n", qPrintable(sim.errorString()));
        return 1;
    }
    const DemoCredentials demo = sim.generateDemoCredentials();

    ClientConfig config;
    config.baseUrl = sim.baseUrl();
    config.credentials.apiKey = demo.apiKey;
    config.credentials.secret = SecretBytes(demo.secret);
    config.pollInterval = 0ms;
    ClientTuning tuning;
    tuning.minimumPollInterval = 0ms;
    // The simulator's IP limit is off above; the soak measures the client, not the stretching.
    tuning.weightLimit = std::numeric_limits<int>::max() / 16;

    AccountPoller poller(config, tuning);
    int done = 0;
    int failures = 0;
    qint64 rssAfterWarmup = 0;
    QElapsedTimer timer;
    QObject::connect(&poller, &AccountPoller::failed, &app, [&failures](const ApiFailure& failure) {
        ++failures;
        std::fprintf(stderr, "%s\n", qPrintable(failure.summaryLine()));
    });
    QObject::connect(&poller, &AccountPoller::snapshotReady, &app, [&](const AccountSnapshot&) {
        ++done;
        sim.tick(); // prices and PnL move, positions may open or close: the data changes every cycle
        if (done == warmup) {
            rssAfterWarmup = residentKiB();
            timer.start();
        }
        if (done == warmup + cycles) {
            poller.stop();
            app.quit();
        }
    });
    const qint64 rssStart = residentKiB();
    poller.start();
    app.exec();

    const double seconds = static_cast<double>(timer.elapsed()) / 1000.0;
    QTextStream out(stdout);
    out << "cycles:            " << cycles << " (after " << warmup << " warm-up cycles)\n"
        << "failures:          " << failures << '\n'
        << "requests served:   account " << sim.requestCount(u"/fapi/v3/account"_s) << ", positionRisk "
        << sim.requestCount(u"/fapi/v3/positionRisk"_s) << ", symbolConfig "
        << sim.requestCount(u"/fapi/v1/symbolConfig"_s) << ", time " << sim.requestCount(u"/fapi/v1/time"_s)
        << '\n'
        << "elapsed:           " << seconds << " s\n"
        << "cycles/s:          " << (seconds > 0 ? cycles / seconds : 0.0) << '\n'
        << "VmRSS start:       " << rssStart << " KiB\n"
        << "VmRSS after warmup:" << rssAfterWarmup << " KiB\n"
        << "VmRSS end:         " << residentKiB() << " KiB\n";
    return failures == 0 ? 0 : 1;
}
