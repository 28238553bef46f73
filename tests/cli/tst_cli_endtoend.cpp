// The marginwatch executable end to end against the simulator in this process: the command-line and
// CSV contracts of design.md as a script would see them (exit status, one stderr line, files).

#include "../api/LoopbackHttpServer.h"
#include "model/Decimal.h"
#include "sim/SimulatorServer.h"

#include <QCryptographicHash>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

const QString kApiKey = u"E2eTestKey0123456789"_s; // Binance keys are alphanumeric (else -2014)
const QByteArray kSecret = "e2e-test-secret-0123456789abcdef";

struct RunResult
{
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QByteArray out;
    QByteArray err;
};

QString binaryPath()
{
    return QStringLiteral(MARGINWATCH_BINARY_DIR "/bin/marginwatch");
}

// A minimal RFC 4180 reader (the files are checked independently of the code that wrote them).
QList<QStringList> parseCsv(const QByteArray& bytes)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    const QString text = QString::fromUtf8(bytes);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row << std::exchange(field, QString());
        } else if (c == u'\n') {
            row << std::exchange(field, QString());
            rows << std::exchange(row, QStringList());
        } else {
            field += c;
        }
    }
    return rows;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Rows as maps column -> value, keyed by the header.
QList<QHash<QString, QString>> records(const QString& path)
{
    const QList<QStringList> rows = parseCsv(readAll(path));
    QList<QHash<QString, QString>> result;
    for (qsizetype r = 1; r < rows.size(); ++r) {
        QHash<QString, QString> record;
        for (qsizetype c = 0; c < rows.at(0).size() && c < rows.at(r).size(); ++c)
            record.insert(rows.at(0).at(c), rows.at(r).at(c));
        result << record;
    }
    return result;
}

QString jsonText(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    if (value.isDouble())
        return QString::number(value.toInteger());
    return {};
}

} // namespace

class TestCliEndToEnd : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void once_writesThreeFilesMatchingServedData();
    void headless_count3_threeRows();
    void sigterm_duringCountZero_wholeRowsAndExit0();
    void exitStatus_data();
    void exitStatus();
    void help_and_version();
    void demo_once_needsNoCredentials();
    void headless_foreignHeader_refused();
    void once_endlessAnswer_exit4TooLarge();
    void once_stress_writesStressFile();
    void keyThatCanWithdraw_oneWarningLine_data();
    void keyThatCanWithdraw_oneWarningLine();

private:
    bool startSimulator(const QString& faults = QString());
    RunResult run(const QStringList& arguments, const QProcessEnvironment& environment,
                  int timeoutMs = 60000);
    QProcessEnvironment environment(const QByteArray& secret = kSecret) const;
    QJsonDocument fetchSigned(const QString& path);

    std::unique_ptr<SimulatorServer> m_sim;
    std::unique_ptr<QTemporaryDir> m_dir;
    QNetworkAccessManager m_network;
};

void TestCliEndToEnd::initTestCase()
{
    QVERIFY2(QFile::exists(binaryPath()),
             qPrintable(u"build the marginwatch target first: "_s + binaryPath()));
}

void TestCliEndToEnd::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCliEndToEnd::cleanup()
{
    m_sim.reset();
    m_dir.reset();
}

bool TestCliEndToEnd::startSimulator(const QString& faults)
{
    SimOptions options;
    options.scenario = SimScenario::Hedge; // two rows per symbol: the (symbol, side) key matters
    options.positions = 3;
    options.seed = 7;
    options.tickIntervalMs = 0; // the account only moves on tick(): served data stays comparable
    options.faults = faults;
    options.slowDelayMs = 500;
    m_sim = std::make_unique<SimulatorServer>(options);
    if (!m_sim->listen(0))
        return false;
    m_sim->addHmacKey(kApiKey, kSecret);
    return true;
}

QProcessEnvironment TestCliEndToEnd::environment(const QByteArray& secret) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& name : env.keys()) {
        if (name.startsWith(u"BINANCE_"_s))
            env.remove(name);
    }
    // No display and no usable platform plugin: the headless path must not touch widgets.
    env.remove(u"DISPLAY"_s);
    env.remove(u"WAYLAND_DISPLAY"_s);
    env.insert(u"QT_QPA_PLATFORM"_s, u"no-such-platform"_s);
    if (!secret.isEmpty()) {
        env.insert(u"BINANCE_API_KEY"_s, kApiKey);
        env.insert(u"BINANCE_API_SECRET"_s, QString::fromLatin1(secret));
    }
    return env;
}

RunResult TestCliEndToEnd::run(const QStringList& arguments, const QProcessEnvironment& environment,
                               int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(binaryPath(), arguments);
    RunResult result;
    // Waiting through the event loop: the simulator in this process must keep answering.
    if (!process.waitForStarted(10000) || !finished.wait(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        result.err = process.readAllStandardError();
        return result;
    }
    result.exitCode = process.exitCode();
    result.exitStatus = process.exitStatus();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QJsonDocument TestCliEndToEnd::fetchSigned(const QString& path)
{
    QUrlQuery query;
    query.addQueryItem(u"recvWindow"_s, u"60000"_s);
    query.addQueryItem(u"timestamp"_s, QString::number(QDateTime::currentMSecsSinceEpoch()));
    const QByteArray total = query.toString(QUrl::FullyEncoded).toLatin1();
    const QByteArray signature =
        QMessageAuthenticationCode::hash(total, kSecret, QCryptographicHash::Sha256).toHex();
    QUrl url = m_sim->baseUrl();
    url.setPath(path);
    url.setQuery(QString::fromLatin1(total + "&signature=" + signature), QUrl::StrictMode);
    QNetworkRequest request(url);
    request.setRawHeader("X-MBX-APIKEY", kApiKey.toLatin1());
    std::unique_ptr<QNetworkReply> reply(m_network.get(request));
    QSignalSpy done(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !done.wait(10000))
        return {};
    return QJsonDocument::fromJson(reply->readAll());
}

void TestCliEndToEnd::once_writesThreeFilesMatchingServedData()
{
    QVERIFY(startSimulator());
    const QString stem = m_dir->filePath(u"snap"_s);
    const RunResult result =
        run({u"--once"_s, u"--export"_s, stem, u"--base-url"_s, m_sim->baseUrl().toString()}, environment());
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(result.exitStatus, QProcess::NormalExit);
    QVERIFY2(result.err.isEmpty(), result.err.constData());

    // The same, unchanged account fetched independently.
    const QJsonObject account = fetchSigned(u"/fapi/v3/account"_s).object();
    const QJsonArray risk = fetchSigned(u"/fapi/v3/positionRisk"_s).array();
    const QJsonObject config = fetchSigned(u"/fapi/v1/accountConfig"_s).object();
    const QJsonArray symbols = fetchSigned(u"/fapi/v1/symbolConfig"_s).array();
    QVERIFY(!account.isEmpty());

    const auto totals = records(stem + u"-totals.csv"_s);
    QCOMPARE(totals.size(), 1);
    const QStringList totalFields{u"totalInitialMargin"_s,
                                  u"totalMaintMargin"_s,
                                  u"totalWalletBalance"_s,
                                  u"totalUnrealizedProfit"_s,
                                  u"totalMarginBalance"_s,
                                  u"totalPositionInitialMargin"_s,
                                  u"totalOpenOrderInitialMargin"_s,
                                  u"totalCrossWalletBalance"_s,
                                  u"totalCrossUnPnl"_s,
                                  u"availableBalance"_s,
                                  u"maxWithdrawAmount"_s};
    for (const QString& field : totalFields)
        QCOMPARE(totals.at(0).value(field), account.value(field).toString());
    QCOMPARE(totals.at(0).value(u"account_mode"_s),
             config.value(u"multiAssetsMargin"_s).toBool() ? u"multi-assets"_s : u"single-asset"_s);
    QCOMPARE(totals.at(0).value(u"position_mode"_s),
             config.value(u"dualSidePosition"_s).toBool() ? u"hedge"_s : u"one-way"_s);
    const QString time = totals.at(0).value(u"snapshot_time_utc"_s);
    QVERIFY2(
        QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"_s).match(time).hasMatch(),
        qPrintable(time));

    const auto assets = records(stem + u"-assets.csv"_s);
    const QJsonArray servedAssets = account.value(u"assets"_s).toArray();
    QCOMPARE(assets.size(), servedAssets.size());
    for (qsizetype i = 0; i < assets.size(); ++i) {
        const QJsonObject served = servedAssets.at(i).toObject();
        for (const QString& key : served.keys())
            QCOMPARE(assets.at(i).value(key), jsonText(served.value(key)));
        QCOMPARE(assets.at(i).value(u"snapshot_time_utc"_s), time);
    }

    const auto positions = records(stem + u"-positions.csv"_s);
    const QJsonArray servedPositions = account.value(u"positions"_s).toArray();
    QCOMPARE(positions.size(), servedPositions.size());
    QVERIFY(!positions.isEmpty());
    for (qsizetype i = 0; i < positions.size(); ++i) {
        const QJsonObject served = servedPositions.at(i).toObject();
        const auto& row = positions.at(i);
        for (const QString& key : served.keys())
            QCOMPARE(row.value(key), jsonText(served.value(key)));
        for (const QJsonValue& value : risk) {
            const QJsonObject r = value.toObject();
            if (r.value(u"symbol"_s) != served.value(u"symbol"_s)
                || r.value(u"positionSide"_s) != served.value(u"positionSide"_s))
                continue;
            for (const QString& key :
                 {u"entryPrice"_s, u"breakEvenPrice"_s, u"markPrice"_s, u"liquidationPrice"_s})
                QCOMPARE(row.value(key), r.value(key).toString());
        }
        for (const QJsonValue& value : symbols) {
            const QJsonObject s = value.toObject();
            if (s.value(u"symbol"_s) != served.value(u"symbol"_s))
                continue;
            QCOMPARE(row.value(u"leverage"_s), jsonText(s.value(u"leverage"_s)));
            QCOMPARE(row.value(u"marginType"_s), s.value(u"marginType"_s).toString());
        }
    }
}

void TestCliEndToEnd::headless_count3_threeRows()
{
    QVERIFY(startSimulator());
    const QString stem = m_dir->filePath(u"rec"_s);
    const RunResult result = run({u"--headless"_s, u"--interval"_s, u"1"_s, u"--count"_s, u"3"_s,
                                  u"--record"_s, stem, u"--base-url"_s, m_sim->baseUrl().toString()},
                                 environment());
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY2(result.err.isEmpty(), result.err.constData());
    const auto totals = records(stem + u"-totals.csv"_s);
    QCOMPARE(totals.size(), 3);
    QVERIFY(totals.at(0).value(u"snapshot_time_utc"_s) < totals.at(2).value(u"snapshot_time_utc"_s));
    const auto assets = records(stem + u"-assets.csv"_s);
    QVERIFY(!assets.isEmpty());
    QCOMPARE(assets.size() % 3, 0);
    QCOMPARE(readAll(stem + u"-totals.csv"_s).count("snapshot_time_utc"), 1);
}

void TestCliEndToEnd::sigterm_duringCountZero_wholeRowsAndExit0()
{
    QVERIFY(startSimulator());
    const QString stem = m_dir->filePath(u"rec"_s);
    QProcess process;
    process.setProcessEnvironment(environment());
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(binaryPath(), {u"--headless"_s, u"--interval"_s, u"1"_s, u"--count"_s, u"0"_s,
                                 u"--record"_s, stem, u"--base-url"_s, m_sim->baseUrl().toString()});
    QVERIFY(process.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(readAll(stem + u"-totals.csv"_s).count('\n') >= 3, 30000);
    // While it runs, the secret is in no environment another process (or a core dump) could read:
    // scrubbed from the block /proc shows, which only a privileged reader may open at all.
    QFile procEnviron(u"/proc/%1/environ"_s.arg(process.processId()));
    if (procEnviron.open(QIODevice::ReadOnly)) {
        const QByteArray block = procEnviron.readAll();
        QVERIFY(block.contains("BINANCE_API_KEY="));
        QVERIFY2(!block.contains(kSecret), "the API secret is still in /proc/<pid>/environ");
    }
    process.terminate(); // SIGTERM
    QVERIFY(finished.wait(15000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QVERIFY2(process.readAllStandardError().isEmpty(), "no error line after SIGTERM");
    for (const QString& table : {u"totals"_s, u"assets"_s, u"positions"_s}) {
        const QByteArray bytes = readAll(stem + u'-' + table + u".csv"_s);
        QVERIFY(bytes.endsWith('\n'));
        const QList<QStringList> rows = parseCsv(bytes);
        QVERIFY(rows.size() >= 2);
        for (const QStringList& row : rows)
            QCOMPARE(row.size(), rows.at(0).size());
    }
}

void TestCliEndToEnd::exitStatus_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("faults");    // "-" = no simulator
    QTest::addColumn<QByteArray>("secret"); // empty = no credentials in the environment
    QTest::addColumn<int>("expected");
    QTest::addColumn<QString>("stderrContains");

    QTest::newRow("2 usage: --export without --once")
        << QStringList{u"--export"_s, u"x"_s} << u"-"_s << kSecret << 2 << u"--export requires --once"_s;
    QTest::newRow("2 usage: unknown option")
        << QStringList{u"--once"_s, u"--export"_s, u"x"_s, u"--api-secret"_s, u"s"_s} << u"-"_s << kSecret
        << 2 << u"api-secret"_s;
    QTest::newRow("3 no credentials") << QStringList{u"--once"_s, u"--export"_s, u"@STEM"_s} << QString()
                                      << QByteArray() << 3 << u"BINANCE_API_KEY"_s;
    QTest::newRow("3 wrong secret -1022") << QStringList{u"--once"_s, u"--export"_s, u"@STEM"_s} << QString()
                                          << QByteArray("wrong-secret") << 3 << u"-1022"_s;
    QTest::newRow("4 500 on every request")
        << QStringList{u"--once"_s, u"--export"_s, u"@STEM"_s} << u"500"_s << kSecret << 4 << QString();
    QTest::newRow("5 badjson on every request")
        << QStringList{u"--once"_s, u"--export"_s, u"@STEM"_s} << u"badjson"_s << kSecret << 5 << QString();
    QTest::newRow("4 headless 500") << QStringList{u"--headless"_s, u"--interval"_s, u"1"_s,    u"--count"_s,
                                                   u"2"_s,          u"--record"_s,   u"@STEM"_s}
                                    << u"500"_s << kSecret << 4 << QString();
    QTest::newRow("3 headless wrong secret") << QStringList{u"--headless"_s, u"--record"_s, u"@STEM"_s}
                                             << QString() << QByteArray("wrong-secret") << 3 << u"-1022"_s;
}

void TestCliEndToEnd::exitStatus()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, faults);
    QFETCH(QByteArray, secret);
    QFETCH(int, expected);
    QFETCH(QString, stderrContains);

    const QString stem = m_dir->filePath(u"out"_s);
    arguments.replaceInStrings(u"@STEM"_s, stem);
    if (faults != u"-"_s) {
        QVERIFY(startSimulator(faults));
        arguments << u"--base-url"_s << m_sim->baseUrl().toString();
    }
    const RunResult result = run(arguments, environment(secret), 120000);
    QCOMPARE(result.exitStatus, QProcess::NormalExit);
    QVERIFY2(
        result.exitCode == expected,
        qPrintable(u"exit %1, stderr: %2"_s.arg(result.exitCode).arg(QString::fromLocal8Bit(result.err))));
    QCOMPARE(result.err.count('\n'), 1); // exactly one line
    QVERIFY2(QString::fromLocal8Bit(result.err).contains(stderrContains), result.err.constData());
    QVERIFY(!result.err.contains(kSecret));
    QVERIFY(!QFile::exists(stem + u"-totals.csv"_s) || arguments.contains(u"--headless"_s));
}

void TestCliEndToEnd::help_and_version()
{
    const RunResult help = run({u"--help"_s}, environment());
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("--once --export STEM"));
    QVERIFY(help.out.contains("--headless --interval SECONDS --count N --record STEM"));
    const RunResult version = run({u"--version"_s}, environment());
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.out, QByteArray("marginwatch " MARGINWATCH_VERSION "\n"));
}

void TestCliEndToEnd::demo_once_needsNoCredentials()
{
    const QString stem = m_dir->filePath(u"demo"_s);
    const RunResult result = run({u"--demo"_s, u"--once"_s, u"--export"_s, stem}, environment(QByteArray()));
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(records(stem + u"-totals.csv"_s).size(), 1);
    QVERIFY(!records(stem + u"-assets.csv"_s).isEmpty());
}

void TestCliEndToEnd::headless_foreignHeader_refused()
{
    const QString stem = m_dir->filePath(u"rec"_s);
    QFile foreign(stem + u"-positions.csv"_s);
    QVERIFY(foreign.open(QIODevice::WriteOnly));
    foreign.write("a,b,c\n1,2,3\n");
    foreign.close();
    QVERIFY(startSimulator());
    const RunResult result = run({u"--headless"_s, u"--count"_s, u"1"_s, u"--record"_s, stem, u"--base-url"_s,
                                  m_sim->baseUrl().toString()},
                                 environment());
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(result.err.count('\n'), 1);
    QVERIFY(result.err.contains("different header"));
    QCOMPARE(readAll(stem + u"-positions.csv"_s), QByteArray("a,b,c\n1,2,3\n"));
    QCOMPARE(m_sim->signedRequestCount(), 0); // refused before any request
}

void TestCliEndToEnd::once_endlessAnswer_exit4TooLarge()
{
    // Every attempt meets a 200 whose body never ends (80 MB, then silence, per connection).
    LoopbackHttpServer server;
    server.respond = [](QTcpSocket* socket) {
        LoopbackHttpServer::endlessChunkedBody(socket, 80 * 1024 * 1024);
    };
    const QString stem = m_dir->filePath(u"big"_s);
    const RunResult result = run({u"--once"_s, u"--export"_s, stem, u"--base-url"_s,
                                  u"http://127.0.0.1:%1"_s.arg(server.serverPort())},
                                 environment(), 120000);
    QCOMPARE(result.exitStatus, QProcess::NormalExit);
    QVERIFY2(result.exitCode == 4, result.err.constData());
    QCOMPARE(result.err.count('\n'), 1);
    QVERIFY2(result.err.contains("too large"), result.err.constData());
    QVERIFY(!QFile::exists(stem + u"-totals.csv"_s));
}

void TestCliEndToEnd::once_stress_writesStressFile()
{
    QVERIFY(startSimulator());
    const QString stem = m_dir->filePath(u"stress"_s);
    const RunResult result = run({u"--once"_s, u"--export"_s, stem, u"--stress=-20,-10,0,7.5"_s,
                                  u"--base-url"_s, m_sim->baseUrl().toString()},
                                 environment());
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY2(result.err.isEmpty(), result.err.constData());
    QCOMPARE(records(stem + u"-totals.csv"_s).size(), 1);

    const QList<QStringList> rows = parseCsv(readAll(stem + u"-stress.csv"_s));
    QCOMPARE(rows.size(), 1 + 4 + 2);
    QCOMPARE(rows.at(0), (QStringList{u"kind"_s, u"shock_percent"_s, u"totalMarginBalance"_s,
                                      u"totalMaintMargin"_s, u"marginRatio"_s, u"liquidated_positions"_s}));
    const QStringList kinds{u"grid"_s,          u"grid"_s, u"grid"_s, u"grid"_s, u"liquidation-down"_s,
                            u"liquidation-up"_s};
    const QStringList shocks{u"-20"_s, u"-10"_s, u"0"_s, u"7.5"_s};
    for (qsizetype i = 1; i < rows.size(); ++i) {
        QCOMPARE(rows.at(i).size(), 6);
        QCOMPARE(rows.at(i).at(0), kinds.at(i - 1));
        if (i <= shocks.size())
            QCOMPARE(rows.at(i).at(1), shocks.at(i - 1));
    }
    // At no shock the figures are the exchange's own.
    const QJsonObject account = fetchSigned(u"/fapi/v3/account"_s).object();
    const auto exact = [](const QString& text) {
        return Decimal::parse(text).value_or(Decimal::fromInteger(-1));
    };
    QCOMPARE(exact(rows.at(3).at(2)), exact(account.value(u"totalMarginBalance"_s).toString()));
    QCOMPARE(exact(rows.at(3).at(3)), exact(account.value(u"totalMaintMargin"_s).toString()));
    // A solved row either holds a shock within +-99 % and its figures, or nothing at all.
    for (qsizetype i = 5; i <= 6; ++i) {
        const QStringList& row = rows.at(i);
        if (row.at(1).isEmpty()) {
            QCOMPARE(row.mid(1), QStringList(5, QString()));
            continue;
        }
        const Decimal shock = exact(row.at(1));
        QVERIFY2(shock.abs() <= Decimal::fromInteger(99), qPrintable(row.at(1)));
        QVERIFY2(exact(row.at(4)) >= Decimal::fromInteger(1), qPrintable(row.join(u',')));
    }
}

void TestCliEndToEnd::keyThatCanWithdraw_oneWarningLine_data()
{
    QTest::addColumn<QString>("permissions");
    QTest::addColumn<bool>("warned");
    QTest::newRow("read-only") << QString() << false;
    QTest::newRow("can trade") << u"spotandmargin,futures,noiprestrict"_s << false;
    QTest::newRow("can withdraw") << u"withdrawals"_s << true;
}

void TestCliEndToEnd::keyThatCanWithdraw_oneWarningLine()
{
    QFETCH(QString, permissions);
    QFETCH(bool, warned);
    QVERIFY(startSimulator());
    m_sim->setKeyPermissions(kApiKey, *SimKeyPermissions::parse(permissions, SimKeyPermissions{}));
    const QString stem = m_dir->filePath(u"key"_s);
    const RunResult once =
        run({u"--once"_s, u"--export"_s, stem, u"--base-url"_s, m_sim->baseUrl().toString()}, environment());
    QCOMPARE(once.exitCode, 0);
    const QList<QByteArray> lines =
        once.err.trimmed().isEmpty() ? QList<QByteArray>() : once.err.trimmed().split('\n');
    QCOMPARE(lines.size(), warned ? 1 : 0);
    if (warned) {
        QVERIFY2(lines.first().startsWith("warning: "), once.err.constData());
        QVERIFY2(lines.first().contains("read-only key"), once.err.constData());
    }
    QCOMPARE(m_sim->requestCount(u"/sapi/v1/account/apiRestrictions"_s), 1);
    QCOMPARE(records(stem + u"-totals.csv"_s).size(), 1);

    // Recording: the same one line, once, and the exit status of a normal run.
    const RunResult recorded =
        run({u"--headless"_s, u"--interval"_s, u"1"_s, u"--count"_s, u"2"_s, u"--record"_s,
             m_dir->filePath(u"rec"_s), u"--base-url"_s, m_sim->baseUrl().toString()},
            environment());
    QCOMPARE(recorded.exitCode, 0);
    QCOMPARE(recorded.err.count("warning: "), warned ? 1 : 0);
}

} // namespace marginwatch

QTEST_GUILESS_MAIN(marginwatch::TestCliEndToEnd)
#include "tst_cli_endtoend.moc"
