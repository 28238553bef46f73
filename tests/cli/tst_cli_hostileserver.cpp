// The marginwatch executable against a hostile or broken exchange on loopback: every other endpoint
// answers like Binance (the model fixtures), one answers the attack. Whatever it sends, the process
// ends by itself with the contract's exit status, exactly one plain line on stderr, no snapshot files
// and no secret anywhere; --headless --record (the GUI's AccountPoller path) ends the same way.

#include "../api/LoopbackHttpServer.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString kApiKey = u"HostileTestKey0123456789"_s;
const QByteArray kSecret = "hostile-test-secret-0123456789abcdef";

QByteArray fixture(const char* name)
{
    QFile file(QStringLiteral(MARGINWATCH_TEST_DATA_DIR "/model/") + QString::fromLatin1(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray jsonReply(const QByteArray& body, const QList<QByteArray>& headers = {})
{
    return LoopbackHttpServer::reply(200, "OK", QList<QByteArray>{"Content-Type: application/json"} + headers,
                                     body);
}

QByteArray replaced(QByteArray text, const QByteArray& from, const QByteArray& to)
{
    return text.replace(from, to);
}

} // namespace

// One attack: what the attacked path answers (written to the socket, which it may keep open).
using Attack = std::function<void(QTcpSocket*)>;
Q_DECLARE_METATYPE(Attack)

namespace {

Attack answer(const QByteArray& bytes)
{
    return [bytes](QTcpSocket* socket) {
        socket->write(bytes);
        socket->disconnectFromHost();
    };
}

// Binance's five endpoints of a poll, answered from the fixtures; `attackPath` answers `attack`.
class HostileExchange
{
public:
    HostileExchange(const QString& attackPath, Attack attack)
    {
        m_server.respond = [this, attackPath, attack](QTcpSocket* socket) {
            const QByteArray line = m_server.requests.last().requestLine;
            const QString path =
                QString::fromLatin1(line.mid(4, line.indexOf(' ', 4) - 4)).section(u'?', 0, 0);
            ++m_requests[path];
            if (path == attackPath) {
                attack(socket);
                return;
            }
            socket->write(jsonReply(bodyFor(path)));
            socket->disconnectFromHost();
        };
    }

    QString baseUrl() const { return u"http://127.0.0.1:%1"_s.arg(m_server.serverPort()); }
    int requests(const QString& path) const { return m_requests.value(path); }

private:
    static QByteArray bodyFor(const QString& path)
    {
        if (path == u"/fapi/v1/time"_s)
            return "{\"serverTime\":" + QByteArray::number(QDateTime::currentMSecsSinceEpoch()) + '}';
        if (path == u"/fapi/v1/accountConfig"_s)
            return fixture("accountConfig-hedge.json");
        if (path == u"/fapi/v1/symbolConfig"_s)
            return fixture("symbolConfig.json");
        if (path == u"/fapi/v3/positionRisk"_s)
            return fixture("positionRisk-hedge.json");
        if (path == u"/fapi/v3/account"_s)
            return fixture("account-hedge.json");
        return "{\"code\":-1,\"msg\":\"unknown path\"}";
    }

    LoopbackHttpServer m_server;
    QHash<QString, int> m_requests;
};

struct RunResult
{
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestCliHostileServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void attack_data()
    {
        QTest::addColumn<bool>("headless");
        QTest::addColumn<QString>("path");
        QTest::addColumn<Attack>("attack");
        QTest::addColumn<int>("expectedExit");
        QTest::addColumn<QString>("stderrContains");
        QTest::addColumn<int>("maxAttackedRequests"); // 0: any number

        const QString account = u"/fapi/v3/account"_s;
        const QString time = u"/fapi/v1/time"_s;
        const QByteArray tooMany = "{\"code\":-1003,\"msg\":\"Too many requests.\"}";

        QTest::newRow("502 web page")
            << false << account
            << answer(LoopbackHttpServer::reply(502, "Bad Gateway", {"Content-Type: text/html"},
                                                "<html><body><h1>502 Bad Gateway</h1></body></html>"))
            << 4 << u"web page (HTTP 502)"_s << 3;
        QTest::newRow("truncated JSON")
            << false << account << answer(jsonReply(fixture("account-hedge.json").left(300))) << 5
            << u"ends before the document is complete"_s << 3;
        // A 2xx body is read once, by the parser: a Binance error code in it is not a refusal of the key.
        QTest::newRow("-2015 with status 200")
            << false << account
            << answer(
                   jsonReply("{\"code\":-2015,\"msg\":\"Invalid API-key, IP, or permissions for action.\"}"))
            << 5 << u"account: totalInitialMargin: missing field"_s << 3;
        QTest::newRow("serverTime 1e300")
            << false << time << answer(jsonReply("{\"serverTime\":1e300}")) << 5 << u"not an integer"_s << 3;
        QTest::newRow("serverTime in the year 2100")
            << false << time << answer(jsonReply("{\"serverTime\":4102444800000}")) << 5
            << u"more than a day away"_s << 3;
        QTest::newRow("serverTime 1") << false << time << answer(jsonReply("{\"serverTime\":1}")) << 5
                                      << u"more than a day away"_s << 3;
        // Refusals that last: one request, no retry.
        QTest::newRow("429 Retry-After beyond any int")
            << false << account
            << answer(LoopbackHttpServer::reply(
                   429, "Too Many Requests",
                   {"Content-Type: application/json", "Retry-After: 9223372036854775807"}, tooMany))
            << 4 << u"waiting 24.0 h"_s << 1;
        QTest::newRow("429 Retry-After not a number")
            << false << account
            << answer(LoopbackHttpServer::reply(429, "Too Many Requests",
                                                {"Content-Type: application/json", "Retry-After: soon"},
                                                tooMany))
            << 4 << u"waiting 60 s"_s << 1;
        QTest::newRow("418 banned until far in the future")
            << false << account
            << answer(LoopbackHttpServer::reply(
                   418, "I'm a teapot", {"Content-Type: application/json"},
                   "{\"code\":-1003,\"msg\":\"Way too much request weight used; IP banned until 99999999999999.\"}"))
            << 4 << u"beyond Binance's longest ban of 72.0 h"_s << 1;
        QTest::newRow("418 banned until a time that has passed")
            << false << account
            << answer(
                   LoopbackHttpServer::reply(418, "I'm a teapot", {"Content-Type: application/json"},
                                             "{\"code\":-1003,\"msg\":\"IP banned until 1000000000000.\"}"))
            << 4
            << u"banned by Binance until %1-"_s.arg(
                   QDateTime::currentDateTimeUtc().addSecs(120).date().year())
            << 1;
        // Qt's decompression guard stops it; a transport failure after a 200, not an "empty answer".
        const QByteArray bomb = qCompress(QByteArray(32 * 1024 * 1024, '\0'), 9).mid(4);
        QTest::newRow("deflate bomb")
            << false << account
            << answer(LoopbackHttpServer::reply(
                   200, "OK", {"Content-Type: application/json", "Content-Encoding: deflate"}, bomb))
            << 4 << u"could not be decoded"_s << 3;
        QTest::newRow("invalid UTF-8 in a symbol")
            << false << account
            << answer(
                   jsonReply(replaced(fixture("account-hedge.json"), "\"BTCUSDT\"", "\"BTC\xff\xfeUSDT\"")))
            << 5 << u"not valid UTF-8"_s << 3;
        QTest::newRow("raw NUL in a symbol")
            << false << account
            << answer(jsonReply(
                   replaced(fixture("account-hedge.json"), "\"BTCUSDT\"", QByteArray("\"BTC\0USDT\"", 10))))
            << 5 << u"invalid JSON"_s << 3;
        QTest::newRow("NUL bytes after the document")
            << false << account << answer(jsonReply(fixture("account-hedge.json") + QByteArray(16, '\0')))
            << 5 << u"account: invalid JSON"_s << 3;
        QTest::newRow("nested 100 000 deep")
            << false << account << answer(jsonReply(QByteArray(100000, '[') + QByteArray(100000, ']'))) << 5
            << u"account:"_s << 3;
        QTest::newRow("duplicate positions array")
            << false << account
            << answer(jsonReply(replaced(fixture("account-hedge.json"), "{\"totalInitialMargin\"",
                                         "{\"positions\":[],\"totalInitialMargin\"")))
            << 5 << u"positions: duplicate field"_s << 3;
        QTest::newRow("leverage that wraps to 1")
            << false << u"/fapi/v1/symbolConfig"_s
            << answer(jsonReply(
                   replaced(fixture("symbolConfig.json"), "\"leverage\":10", "\"leverage\":4294967297")))
            << 5 << u"leverage: out of range"_s << 0;
        // Terminal escape sequences in the server's words never reach the terminal.
        QTest::newRow("escape sequences in the error message")
            << false << account
            << answer(LoopbackHttpServer::reply(
                   400, "Bad Request", {"Content-Type: application/json"},
                   "{\"code\":-1102,\"msg\":\"\\u001b[2J\\u001b[31mPWNED\\r\\nforged second line\"}"))
            << 4 << u"PWNED  forged second line"_s << 1;
        QTest::newRow("escape sequences in a decimal")
            << false << account
            << answer(jsonReply(replaced(fixture("account-hedge.json"), "\"1000.00000000\"",
                                         "\"\\u001b[2J\\u001b[31m1\"")))
            << 5 << u"not a decimal number"_s << 3;

        // The poller's path (the window's, too).
        QTest::newRow("headless: 502 web page")
            << true << account
            << answer(LoopbackHttpServer::reply(502, "Bad Gateway", {"Content-Type: text/html"},
                                                "<html><body>502</body></html>"))
            << 4 << u"web page (HTTP 502)"_s << 3;
        QTest::newRow("headless: truncated JSON")
            << true << account << answer(jsonReply(fixture("account-hedge.json").left(300))) << 5
            << u"ends before the document is complete"_s << 3;
        QTest::newRow("headless: 418 banned until far in the future")
            << true << account
            << answer(
                   LoopbackHttpServer::reply(418, "I'm a teapot", {"Content-Type: application/json"},
                                             "{\"code\":-1003,\"msg\":\"IP banned until 99999999999999.\"}"))
            << 4 << u"beyond Binance's longest ban"_s << 1;
        QTest::newRow("headless: escape sequences in the error message")
            << true << account
            << answer(
                   LoopbackHttpServer::reply(400, "Bad Request", {"Content-Type: application/json"},
                                             "{\"code\":-1102,\"msg\":\"\\u001b]0;title\\u0007\\u001b[2J\"}"))
            << 4 << u"error -1102"_s << 1;
        QTest::newRow("headless: a body that never ends")
            << true << account << Attack([](QTcpSocket* socket) {
                   LoopbackHttpServer::endlessChunkedBody(socket, 80 * 1024 * 1024);
               })
            << 4 << u"too large"_s << 3;
    }

    void attack()
    {
        QFETCH(bool, headless);
        QFETCH(QString, path);
        QFETCH(Attack, attack);
        QFETCH(int, expectedExit);
        QFETCH(QString, stderrContains);
        QFETCH(int, maxAttackedRequests);

        HostileExchange exchange(path, attack);
        const QString stem = m_dir->filePath(u"out"_s);
        const QStringList arguments =
            headless ? QStringList{u"--headless"_s,
                                   u"--interval"_s,
                                   u"1"_s,
                                   u"--count"_s,
                                   u"2"_s,
                                   u"--record"_s,
                                   stem,
                                   u"--base-url"_s,
                                   exchange.baseUrl()}
                     : QStringList{u"--once"_s, u"--export"_s, stem, u"--base-url"_s, exchange.baseUrl()};
        const RunResult result = run(arguments);

        QCOMPARE(result.exitStatus, QProcess::NormalExit);
        QVERIFY2(result.exitCode == expectedExit,
                 qPrintable(u"exit %1: %2"_s.arg(result.exitCode).arg(QString::fromLocal8Bit(result.err))));
        QVERIFY2(result.err.endsWith('\n') && result.err.count('\n') == 1, result.err.constData());
        for (const char c : result.err.chopped(1))
            QVERIFY2(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f,
                     result.err.toPercentEncoding().constData());
        QVERIFY2(QString::fromLocal8Bit(result.err).contains(stderrContains), result.err.constData());
        QVERIFY(!result.err.contains(kSecret) && !result.out.contains(kSecret));
        if (maxAttackedRequests > 0)
            QVERIFY2(exchange.requests(path) <= maxAttackedRequests,
                     qPrintable(QString::number(exchange.requests(path))));
        if (headless) {
            // Recorded tables hold no row from an answer that was refused.
            for (const QString& table : {u"totals"_s, u"assets"_s, u"positions"_s}) {
                QFile file(stem + u'-' + table + u".csv"_s);
                QVERIFY(file.open(QIODevice::ReadOnly));
                QCOMPARE(file.readAll().count('\n'), 1);
            }
        } else {
            QVERIFY(QDir(m_dir->path()).entryList(QDir::Files).isEmpty());
        }
    }

    void redirectToAnotherHost_isNotFollowed()
    {
        // The key and the signed query must not travel to a host the user did not name.
        LoopbackHttpServer elsewhere;
        const QByteArray location =
            "Location: http://127.0.0.1:" + QByteArray::number(elsewhere.serverPort()) + "/fapi/v3/account";
        HostileExchange exchange(u"/fapi/v3/account"_s, answer(LoopbackHttpServer::reply(
                                                            307, "Temporary Redirect", {location}, {})));
        const RunResult result =
            run({u"--once"_s, u"--export"_s, m_dir->filePath(u"out"_s), u"--base-url"_s, exchange.baseUrl()});
        QCOMPARE(result.exitCode, 4);
        QVERIFY2(result.err.contains("HTTP 307"), result.err.constData());
        QCOMPARE(elsewhere.connections, 0);
        QCOMPARE(exchange.requests(u"/fapi/v3/account"_s), 1);
    }

private:
    RunResult run(const QStringList& arguments)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString& name : env.keys()) {
            if (name.startsWith(u"BINANCE_"_s))
                env.remove(name);
        }
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.insert(u"BINANCE_API_KEY"_s, kApiKey);
        env.insert(u"BINANCE_API_SECRET"_s, QString::fromLatin1(kSecret));
        QProcess process;
        process.setProcessEnvironment(env);
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(QStringLiteral(MARGINWATCH_BINARY_DIR "/bin/marginwatch"), arguments);
        RunResult result;
        // Through the event loop: the hostile server in this process must keep answering. A run that
        // does not end within two minutes hangs (the longest case waits out three backoffs).
        if (!process.waitForStarted(10000) || !finished.wait(120000)) {
            process.kill();
            process.waitForFinished(5000);
            result.err = "did not end: " + process.readAllStandardError();
            return result;
        }
        result.exitCode = process.exitCode();
        result.exitStatus = process.exitStatus();
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestCliHostileServer)
#include "tst_cli_hostileserver.moc"
