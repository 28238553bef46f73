// marginwatch-bench-accounts: the window watching many accounts at once, against a marginwatch-sim
// started separately (so its CPU and memory are not counted here):
//
//   marginwatch-sim --accounts 20 --accounts-file /tmp/acc.ini --port 8765 &
//   marginwatch-bench-accounts /tmp/acc.ini [SECONDS=150] [INTERVAL_MS=5000]
//
// Every account of the file becomes a polling profile, all open in the accounts overview of a real
// AccountWindow (offscreen unless QT_QPA_PLATFORM says otherwise). Figures, printed as JSON lines and
// never asserted:
// - weight per minute as the simulator counts it: its X-MBX-USED-WEIGHT-1M header, read every 2 s
//   with GET /fapi/v1/time (weight 1, subtracted), the highest reading of each whole server minute;
// - the longest event-loop stall: the largest lateness of a 5 ms precise timer on the GUI thread
//   (a frame cannot be painted while the loop is stalled), and how many stalls exceeded 50 ms;
// - peak and final RSS of this process (the simulator is another process).
#include "cli/AccountsFile.h"
#include "gui/AccountWindow.h"
#include "gui/AccountsWatch.h"
#include "model/AccountsOverviewModel.h"
#include "settings/MemorySecretStore.h"
#include "settings/SettingKeys.h"
#include "settings/SettingsStore.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <map>

using namespace marginwatch;
using namespace Qt::StringLiterals;

namespace {

qint64 statusKiB(const QByteArray& field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(field.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: marginwatch-bench-accounts ACCOUNTS_FILE [SECONDS] [INTERVAL_MS]\n");
        return 2;
    }
    const int seconds = args.value(2, u"150"_s).toInt();
    const int intervalMs = args.value(3, u"5000"_s).toInt();
    const Expected<QList<AccountsFileEntry>> entries = readAccountsFile(args.at(1));
    if (!entries) {
        std::fprintf(stderr, "%s\n", qPrintable(entries.error()));
        return 2;
    }

    QTemporaryDir dir;
    QSettings qsettings(dir.filePath(u"marginwatch.conf"_s), QSettings::IniFormat);
    SettingsStore settings(qsettings);
    MemorySecretStore secrets;
    QList<Profile> profiles;
    QStringList ids;
    for (const AccountsFileEntry& entry : *entries) {
        const Expected<Credentials> credentials = loadAccountCredentials(entry);
        if (!credentials) {
            std::fprintf(stderr, "%s\n", qPrintable(credentials.error()));
            return 2;
        }
        Profile profile;
        profile.id = Profile::newId();
        profile.name = entry.name;
        profile.server = ServerKind::Custom;
        profile.customUrl = entry.baseUrl;
        profile.apiKey = credentials->apiKey;
        profile.pollIntervalMs = intervalMs;
        profile.live = false;
        secrets.write(profile.id, credentials->secret, {});
        profiles << profile;
        ids << profile.id;
    }
    const QUrl baseUrl = entries->constFirst().baseUrl;
    settings.saveProfiles(profiles);
    settings.setValue(SettingKey::OpenAccountIds, ids.join(u','));

    // The event-loop stall probe starts before the window so the first polls are measured too.
    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = 0;
    qint64 longestStallMs = 0;
    int stallsOver50 = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        const qint64 stall = lastTick > 0 ? now - lastTick - 5 : 0;
        lastTick = now;
        // The first seconds (window creation, the first fill of every table) are not a poll.
        if (now < 3000)
            return;
        longestStallMs = std::max(longestStallMs, stall);
        if (stall > 50)
            ++stallsOver50;
    });
    probe.start();

    AccountWindow window(nullptr, nullptr, false);
    window.setStores(&settings, &secrets); // opens every account in the overview
    window.resize(1400, 900);
    window.show();
    AccountsWatch* watch = window.findChild<AccountsWatch*>();

    // The simulator's own count of this IP's weight, per server minute.
    QNetworkAccessManager network;
    std::map<qint64, int> weightByMinute; // server minute -> highest header reading
    std::map<qint64, int> samplesByMinute;
    QTimer sampler;
    sampler.setInterval(2000);
    QObject::connect(&sampler, &QTimer::timeout, [&] {
        QUrl url = baseUrl;
        url.setPath(u"/fapi/v1/time"_s);
        QNetworkReply* reply = network.get(QNetworkRequest(url));
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply] {
            reply->deleteLater();
            const QByteArray body = reply->readAll();
            const int at = body.indexOf("\"serverTime\":");
            const qint64 serverTime = at < 0 ? 0 : body.mid(at + 13).split('}').value(0).toLongLong();
            const int used = reply->rawHeader("X-MBX-USED-WEIGHT-1M").toInt();
            const qint64 minute = serverTime / 60000;
            weightByMinute[minute] = std::max(weightByMinute[minute], used);
            ++samplesByMinute[minute];
        });
    });
    sampler.start();

    qint64 peakRssKiB = 0;
    QTimer rss;
    rss.setInterval(500);
    QObject::connect(&rss, &QTimer::timeout, [&] { peakRssKiB = std::max(peakRssKiB, statusKiB("VmRSS:")); });
    rss.start();

    QTimer::singleShot(seconds * 1000, &app, &QApplication::quit);
    app.exec();

    const AccountsOverviewModel* model = watch->model();
    int ok = 0;
    int positions = 0;
    QStringList others;
    for (int row = 0; row < model->accountCount(); ++row) {
        const QString state = model->data(model->index(row, AccountsOverviewModel::StateColumn)).toString();
        if (state.startsWith(u"ok"_s))
            ++ok;
        else if (others.size() < 3)
            others << state;
        if (const auto snapshot = model->snapshotAt(row))
            positions += static_cast<int>(snapshot->positions.size());
    }
    std::printf("{\"accounts\":%lld,\"ok\":%d,\"positions\":%d,\"interval_ms\":%d,\"seconds\":%d,"
                "\"status\":\"%s\",\"other_states\":\"%s\"}\n",
                static_cast<long long>(profiles.size()), ok, positions, intervalMs, seconds,
                qPrintable(watch->statusText()), qPrintable(others.join(u" | "_s)));
    // Whole minutes only: the first and the last reading are partial.
    if (weightByMinute.size() > 2) {
        auto it = std::next(weightByMinute.begin());
        const auto end = std::prev(weightByMinute.end());
        for (; it != end; ++it)
            std::printf("{\"server_minute\":%lld,\"weight\":%d,\"of_which_samples\":%d}\n",
                        static_cast<long long>(it->first), it->second - samplesByMinute[it->first],
                        samplesByMinute[it->first]);
    }
    std::printf(
        "{\"longest_stall_ms\":%lld,\"stalls_over_50ms\":%d,\"peak_rss_mib\":%.1f,\"rss_mib\":%.1f}\n",
        static_cast<long long>(longestStallMs), stallsOver50, peakRssKiB / 1024.0,
        statusKiB("VmRSS:") / 1024.0);
    return 0;
}
