// marginwatch --headless --accounts FILE --record STEM, end to end: the built executable against one
// simulator in this process serving several accounts, with real INI and secret files (and their
// permissions) in a temporary directory.

#include "../api/ApiTestSupport.h"
#include "sim/SimAccountsFile.h"
#include "sim/SimulatorServer.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

struct RunResult
{
    int exitCode = -1;
    QByteArray err;
};

QString binaryPath()
{
    return QStringLiteral(MARGINWATCH_BINARY_DIR "/bin/marginwatch");
}

// RFC 4180 as the files are specified, read independently of the code that wrote them.
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

QList<QHash<QString, QString>> records(const QString& path)
{
    QFile file(path);
    const QList<QStringList> rows = parseCsv(file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray());
    QList<QHash<QString, QString>> result;
    for (qsizetype r = 1; r < rows.size(); ++r) {
        QHash<QString, QString> record;
        for (qsizetype c = 0; c < rows.at(0).size() && c < rows.at(r).size(); ++c)
            record.insert(rows.at(0).at(c), rows.at(r).at(c));
        result << record;
    }
    return result;
}

QStringList headerOf(const QString& path)
{
    QFile file(path);
    const QList<QStringList> rows = parseCsv(file.open(QIODevice::ReadOnly) ? file.readLine() : QByteArray());
    return rows.isEmpty() ? QStringList() : rows.constFirst();
}

bool writeFile(const QString& path, const QByteArray& bytes, QFile::Permissions permissions)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        return false;
    file.close();
    return QFile::setPermissions(path, permissions);
}

constexpr auto kOwnerOnly = QFile::ReadOwner | QFile::WriteOwner;

// Odd accounts in multi-assets mode, and each with its own number of positions.
SimAccountOptions accountOptions(int i)
{
    SimAccountOptions options;
    options.scenario = i % 2 ? SimScenario::Multi : SimScenario::Single;
    options.positions = 1 + i;
    options.seed = static_cast<quint32>(10 + i);
    return options;
}

} // namespace

class TestCliAccounts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void threeAccounts_overviewAndPerAccountFiles();
    void privateKeyFile_ed25519();
    void secretReadableByOthers_refused_data();
    void secretReadableByOthers_refused();
    void oneAccountFailsAuth_othersGoOn();
    void everyAccountFailsAuth_exit3();
    void badAccountsFile_exit2_data();
    void badAccountsFile_exit2();

private:
    RunResult run(const QStringList& arguments, int timeoutMs = 60000);
    // Registers `count` accounts in the simulator and writes them with SimAccountsFile (0600 files).
    QString writeSimAccounts(int count, QStringList* names);

    std::unique_ptr<SimulatorServer> m_sim;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliAccounts::initTestCase()
{
    QVERIFY2(QFile::exists(binaryPath()),
             qPrintable(u"build the marginwatch target first: "_s + binaryPath()));
}

void TestCliAccounts::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    SimOptions options;
    options.tickIntervalMs = 200;
    options.positions = 2;
    m_sim = std::make_unique<SimulatorServer>(options);
    QVERIFY(m_sim->listen(0));
}

void TestCliAccounts::cleanup()
{
    m_sim.reset();
    m_dir.reset();
}

RunResult TestCliAccounts::run(const QStringList& arguments, int timeoutMs)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& name : env.keys()) {
        if (name.startsWith(u"BINANCE_"_s))
            env.remove(name);
    }
    env.remove(u"DISPLAY"_s);
    env.insert(u"QT_QPA_PLATFORM"_s, u"no-such-platform"_s);
    QProcess process;
    process.setProcessEnvironment(env);
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
    result.err = process.readAllStandardError();
    return result;
}

QString TestCliAccounts::writeSimAccounts(int count, QStringList* names)
{
    QList<SimAccountsFile::Entry> entries;
    for (int i = 0; i < count; ++i) {
        const int id = i == 0 ? 0 : m_sim->addAccount(accountOptions(i));
        const DemoCredentials demo = m_sim->generateDemoCredentials(id);
        entries << SimAccountsFile::Entry{u"acct%1"_s.arg(i), m_sim->baseUrl().toString(), demo.apiKey,
                                          demo.secret};
        *names << entries.last().name;
    }
    const QString path = m_dir->filePath(u"accounts.ini"_s);
    QString error;
    if (!SimAccountsFile::write(path, entries, &error))
        qWarning("%s", qPrintable(error));
    return path;
}

void TestCliAccounts::threeAccounts_overviewAndPerAccountFiles()
{
    QStringList names;
    const QString file = writeSimAccounts(3, &names);
    const QString stem = m_dir->filePath(u"rec"_s);
    const RunResult result = run({u"--headless"_s, u"--accounts"_s, file, u"--record"_s, stem,
                                  u"--interval"_s, u"1"_s, u"--count"_s, u"2"_s});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY2(result.err.isEmpty(), result.err.constData());

    QCOMPARE(headerOf(stem + u"-overview.csv"_s),
             (QStringList{u"snapshot_time_utc"_s, u"account"_s, u"account_mode"_s, u"totalWalletBalance"_s,
                          u"totalMarginBalance"_s, u"totalMaintMargin"_s, u"totalUnrealizedProfit"_s,
                          u"marginRatio"_s, u"positions"_s, u"state"_s}));
    const auto overview = records(stem + u"-overview.csv"_s);
    QCOMPARE(overview.size(), 2 * 3); // --count 2 overview updates, one row per account each
    for (int update = 0; update < 2; ++update) {
        for (int i = 0; i < 3; ++i) {
            const auto& row = overview.at(update * 3 + i);
            QCOMPARE(row.value(u"account"_s), names.at(i));
            QCOMPARE(row.value(u"state"_s), u"ok"_s);
            QVERIFY(row.value(u"snapshot_time_utc"_s).endsWith(u'Z'));
        }
    }
    QCOMPARE(overview.at(0).value(u"account_mode"_s), u"single-asset"_s);
    QCOMPARE(overview.at(1).value(u"account_mode"_s), u"multi-assets"_s);
    for (int i = 0; i < 3; ++i) {
        const QString accountStem = stem + u'-' + names.at(i);
        const auto totals = records(accountStem + u"-totals.csv"_s);
        QVERIFY(totals.size() >= 2);
        QVERIFY(QFile::exists(accountStem + u"-assets.csv"_s));
        const auto positions = records(accountStem + u"-positions.csv"_s);
        // The overview row is that account's snapshot: the same time, the same exact decimals.
        const auto& row = overview.at(3 + i);
        const auto same = std::find_if(totals.begin(), totals.end(), [&](const auto& t) {
            return t.value(u"snapshot_time_utc"_s) == row.value(u"snapshot_time_utc"_s);
        });
        QVERIFY(same != totals.end());
        for (const QString& column : {u"totalWalletBalance"_s, u"totalMarginBalance"_s, u"totalMaintMargin"_s,
                                      u"totalUnrealizedProfit"_s, u"marginRatio"_s})
            QCOMPARE(row.value(column), same->value(column));
        const auto positionsThen = std::count_if(positions.begin(), positions.end(), [&](const auto& p) {
            return p.value(u"snapshot_time_utc"_s) == row.value(u"snapshot_time_utc"_s);
        });
        QCOMPARE(row.value(u"positions"_s), QString::number(positionsThen));
    }
}

void TestCliAccounts::privateKeyFile_ed25519()
{
    const apitest::KeyPair pair = apitest::generateKeyPair(KeyType::Ed25519);
    m_sim->addPublicKey(u"edKeyOfTheTest"_s, pair.publicPem);
    QVERIFY(writeFile(m_dir->filePath(u"ed.pem"_s), pair.privatePem, kOwnerOnly));
    // Relative to the accounts file's directory; base_url given, name from the section.
    const QByteArray ini =
        "; one account with an Ed25519 key\n[ed]\nbase_url = " + m_sim->baseUrl().toEncoded()
        + "\napi_key = edKeyOfTheTest\nprivate_key_file = ed.pem\n";
    const QString file = m_dir->filePath(u"accounts.ini"_s);
    QVERIFY(writeFile(file, ini, kOwnerOnly));
    const QString stem = m_dir->filePath(u"rec"_s);
    const RunResult result =
        run({u"--headless"_s, u"--accounts"_s, file, u"--record"_s, stem, u"--count"_s, u"1"_s});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const auto overview = records(stem + u"-overview.csv"_s);
    QCOMPARE(overview.size(), 1);
    QCOMPARE(overview.at(0).value(u"account"_s), u"ed"_s);
    QCOMPARE(overview.at(0).value(u"state"_s), u"ok"_s);
    QCOMPARE(records(stem + u"-ed-totals.csv"_s).size(), 1);
}

void TestCliAccounts::secretReadableByOthers_refused_data()
{
    QTest::addColumn<bool>("privateKey");
    QTest::addColumn<int>("mode");
    QTest::newRow("secret 0640") << false << 0640;
    QTest::newRow("secret 0604") << false << 0604;
    QTest::newRow("secret 0644") << false << 0644;
    QTest::newRow("private key 0640") << true << 0640;
    QTest::newRow("private key 0444") << true << 0444;
}

void TestCliAccounts::secretReadableByOthers_refused()
{
    QFETCH(bool, privateKey);
    QFETCH(int, mode);
    QStringList names;
    const QString file = writeSimAccounts(2, &names);
    QString exposed = SimAccountsFile::secretPath(file, names.at(1));
    if (privateKey) {
        const apitest::KeyPair pair = apitest::generateKeyPair(KeyType::Ed25519);
        m_sim->addPublicKey(u"edKeyOfTheTest"_s, pair.publicPem);
        exposed = m_dir->filePath(u"ed.pem"_s);
        QVERIFY(writeFile(exposed, pair.privatePem, kOwnerOnly));
        QFile ini(file);
        QVERIFY(ini.open(QIODevice::Append));
        ini.write("\n[ed]\nbase_url = " + m_sim->baseUrl().toEncoded()
                  + "\napi_key = edKeyOfTheTest\nprivate_key_file = " + exposed.toUtf8() + "\n");
    }
    QCOMPARE(::chmod(QFile::encodeName(exposed).constData(), static_cast<mode_t>(mode)), 0);
    const QString stem = m_dir->filePath(u"rec"_s);
    const RunResult result =
        run({u"--headless"_s, u"--accounts"_s, file, u"--record"_s, stem, u"--count"_s, u"1"_s});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(QDir::toNativeSeparators(exposed).toUtf8()), result.err.constData());
    QVERIFY2(result.err.contains("readable by group or others"), result.err.constData());
    QCOMPARE(result.err.count('\n'), 1);
    QVERIFY(!QFile::exists(stem + u"-overview.csv"_s)); // refused before anything was written or sent
    QCOMPARE(m_sim->signedRequestCount(), 0);
}

void TestCliAccounts::oneAccountFailsAuth_othersGoOn()
{
    QStringList names;
    const QString file = writeSimAccounts(2, &names);
    QVERIFY(writeFile(m_dir->filePath(u"wrong.secret"_s), "not-the-secret\n", kOwnerOnly));
    QFile ini(file);
    QVERIFY(ini.open(QIODevice::Append));
    ini.write("\n[wrong]\nbase_url = " + m_sim->baseUrl().toEncoded()
              + "\napi_key = UnknownKey0123456789\nsecret_file = wrong.secret\n");
    ini.close();
    const QString stem = m_dir->filePath(u"rec"_s);
    const RunResult result = run({u"--headless"_s, u"--accounts"_s, file, u"--record"_s, stem,
                                  u"--interval"_s, u"1"_s, u"--count"_s, u"2"_s});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY2(result.err.startsWith("account wrong: "), result.err.constData());
    QVERIFY2(result.err.contains("-2015"), result.err.constData());
    const auto overview = records(stem + u"-overview.csv"_s);
    QCOMPARE(overview.size(), 2 * 3);
    for (const auto& row : overview) {
        if (row.value(u"account"_s) == u"wrong"_s) {
            QVERIFY2(row.value(u"state"_s).startsWith(u"authentication failed: "_s),
                     qPrintable(row.value(u"state"_s)));
            QVERIFY(row.value(u"totalMarginBalance"_s).isEmpty());
        } else {
            QCOMPARE(row.value(u"state"_s), u"ok"_s);
            QVERIFY(!row.value(u"totalMarginBalance"_s).isEmpty());
        }
    }
}

void TestCliAccounts::everyAccountFailsAuth_exit3()
{
    QVERIFY(writeFile(m_dir->filePath(u"a.secret"_s), "nope", kOwnerOnly));
    const QByteArray url = m_sim->baseUrl().toEncoded();
    const QByteArray ini = "[a]\nbase_url = " + url
                           + "\napi_key = UnknownKeyA\nsecret_file = a.secret\n[b]\nbase_url = " + url
                           + "\napi_key = UnknownKeyB\nsecret_file = a.secret\n";
    const QString file = m_dir->filePath(u"accounts.ini"_s);
    QVERIFY(writeFile(file, ini, kOwnerOnly));
    const RunResult result = run({u"--headless"_s, u"--accounts"_s, file, u"--record"_s,
                                  m_dir->filePath(u"rec"_s), u"--count"_s, u"1"_s});
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(result.err.contains("account a: ") && result.err.contains("account b: "),
             result.err.constData());
    QVERIFY2(result.err.contains("every account failed authentication"), result.err.constData());
}

void TestCliAccounts::badAccountsFile_exit2_data()
{
    QTest::addColumn<QByteArray>("ini");
    QTest::addColumn<QByteArray>("message");
    const QByteArray ok = "api_key = SomeKey\nsecret_file = s.secret\n";
    QTest::newRow("no sections") << QByteArray("; nothing\n") << QByteArray("no accounts");
    QTest::newRow("key outside a section")
        << QByteArray("api_key = x\n") << QByteArray("outside any [section]");
    QTest::newRow("missing api_key") << QByteArray("[a]\nsecret_file = s.secret\n")
                                     << QByteArray("api_key is missing");
    QTest::newRow("neither secret nor key")
        << QByteArray("[a]\napi_key = SomeKey\n") << QByteArray("exactly one of");
    QTest::newRow("both secret and key")
        << QByteArray("[a]\n" + ok + "private_key_file = k.pem\n") << QByteArray("exactly one of");
    QTest::newRow("misspelt key") << QByteArray("[a]\napi_key = SomeKey\nsecret_flie = s.secret\n")
                                  << QByteArray("unknown key 'secret_flie'");
    QTest::newRow("name names a directory") << QByteArray("[a]\nname = ../x\n" + ok) << QByteArray("'../x'");
    QTest::newRow("same name twice") << QByteArray("[a]\n" + ok + "[b]\nname = A\n" + ok)
                                     << QByteArray("used twice");
    QTest::newRow("bad base_url") << QByteArray("[a]\nbase_url = ftp://example.com\n" + ok)
                                  << QByteArray("base_url");
    QTest::newRow("missing secret file")
        << QByteArray("[a]\napi_key = SomeKey\nsecret_file = none.secret\n") << QByteArray("none.secret");
}

void TestCliAccounts::badAccountsFile_exit2()
{
    QFETCH(QByteArray, ini);
    QFETCH(QByteArray, message);
    QVERIFY(writeFile(m_dir->filePath(u"s.secret"_s), "secret", kOwnerOnly));
    const QString file = m_dir->filePath(u"accounts.ini"_s);
    QVERIFY(writeFile(file, ini, kOwnerOnly));
    const RunResult result = run({u"--headless"_s, u"--accounts"_s, file, u"--record"_s,
                                  m_dir->filePath(u"rec"_s), u"--count"_s, u"1"_s});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(message), result.err.constData());
    QCOMPARE(result.err.count('\n'), 1);
    QCOMPARE(m_sim->signedRequestCount(), 0);
}

} // namespace marginwatch

QTEST_GUILESS_MAIN(marginwatch::TestCliAccounts)
#include "tst_cli_accounts.moc"
