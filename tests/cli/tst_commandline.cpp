#include "api/BaseUrl.h"
#include "cli/CommandLine.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace marginwatch {

class TestCommandLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_valid_data();
    void parse_valid();
    void parse_usageError_data();
    void parse_usageError();
    void wantsCoreApplication_data();
    void wantsCoreApplication();
    void baseUrl_data();
    void baseUrl();
    void helpText_mentionsEveryContractOption();
    void parse_minimized();
    void parse_stress_data();
    void parse_stress();
};

namespace {

QStringList args(const QString& line)
{
    QStringList list{u"marginwatch"_s};
    if (!line.isEmpty())
        list << line.split(u' ');
    return list;
}

} // namespace

void TestCommandLine::parse_valid_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("demo");
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<QString>("stem");
    QTest::addColumn<int>("interval");
    QTest::addColumn<int>("count");

    const int gui = int(RunMode::Gui), once = int(RunMode::Once), headless = int(RunMode::Headless);
    QTest::newRow("gui") << QString() << gui << false << QString() << QString() << 5 << 0;
    QTest::newRow("demo") << u"--demo"_s << gui << true << QString() << QString() << 5 << 0;
    QTest::newRow("base url") << u"--base-url https://demo-fapi.binance.com"_s << gui << false
                              << u"https://demo-fapi.binance.com"_s << QString() << 5 << 0;
    QTest::newRow("base url =") << u"--base-url=http://127.0.0.1:8080"_s << gui << false
                                << u"http://127.0.0.1:8080"_s << QString() << 5 << 0;
    QTest::newRow("once") << u"--once --export /tmp/snap"_s << once << false << QString() << u"/tmp/snap"_s
                          << 5 << 0;
    QTest::newRow("once any order") << u"--export out/x --base-url https://h.example --once"_s << once
                                    << false << u"https://h.example"_s << u"out/x"_s << 5 << 0;
    QTest::newRow("once demo") << u"--once --demo --export s"_s << once << true << QString() << u"s"_s << 5
                               << 0;
    QTest::newRow("headless full")
        << u"--headless --interval 2 --count 3 --record rec --base-url http://localhost:9"_s << headless
        << false << u"http://localhost:9"_s << u"rec"_s << 2 << 3;
    QTest::newRow("headless count 0") << u"--headless --interval 1 --count 0 --record r"_s << headless
                                      << false << QString() << u"r"_s << 1 << 0;
    QTest::newRow("headless defaults")
        << u"--headless --record r"_s << headless << false << QString() << u"r"_s << 5 << 0;
    QTest::newRow("headless live defaults")
        << u"--headless --live --record r"_s << headless << false << QString() << u"r"_s << 1 << 0;
    QTest::newRow("headless live full")
        << u"--headless --live --interval 3 --count 7 --record r --stream-url wss://fstream.binance.com"_s
        << headless << false << QString() << u"r"_s << 3 << 7;
    QTest::newRow("help") << u"--help"_s << int(RunMode::Help) << false << QString() << QString() << 5 << 0;
    QTest::newRow("-h") << u"-h"_s << int(RunMode::Help) << false << QString() << QString() << 5 << 0;
    QTest::newRow("help wins over errors")
        << u"--export x --help"_s << int(RunMode::Help) << false << QString() << QString() << 5 << 0;
    QTest::newRow("version") << u"--version"_s << int(RunMode::Version) << false << QString() << QString()
                             << 5 << 0;
}

void TestCommandLine::parse_valid()
{
    QFETCH(QString, line);
    QFETCH(int, mode);
    QFETCH(bool, demo);
    QFETCH(QString, baseUrl);
    QFETCH(QString, stem);
    QFETCH(int, interval);
    QFETCH(int, count);

    const Expected<CommandLineOptions> result = parseCommandLine(args(line));
    QVERIFY2(result, qPrintable(result ? QString() : result.error()));
    const CommandLineOptions& options = *result;
    QCOMPARE(int(options.mode), mode);
    QCOMPARE(options.demo, demo);
    QCOMPARE(options.baseUrl, baseUrl.isEmpty() ? QUrl() : QUrl(baseUrl));
    QCOMPARE(options.mode == RunMode::Headless ? options.recordStem : options.exportStem, stem);
    QCOMPARE(options.intervalSeconds, interval);
    QCOMPARE(options.count, count);
    QCOMPARE(options.needsWidgets(), mode == int(RunMode::Gui));
}

void TestCommandLine::parse_usageError_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("errorContains");
    QTest::newRow("export without once") << u"--export x"_s << u"--export requires --once"_s;
    QTest::newRow("minimized headless") << u"--minimized --headless --record r"_s << u"--minimized is for"_s;
    QTest::newRow("once without export") << u"--once"_s << u"--once requires --export"_s;
    QTest::newRow("export missing value") << u"--once --export"_s << u"export"_s;
    QTest::newRow("once and headless")
        << u"--once --headless --export x --record y"_s << u"cannot be combined"_s;
    QTest::newRow("record without headless") << u"--record r"_s << u"--record requires --headless"_s;
    QTest::newRow("interval without headless") << u"--interval 5"_s << u"--interval requires"_s;
    QTest::newRow("count without headless") << u"--once --export x --count 2"_s << u"--count requires"_s;
    QTest::newRow("headless without record") << u"--headless --interval 1"_s << u"--record"_s;
    QTest::newRow("interval zero") << u"--headless --interval 0 --record r"_s << u"--interval"_s;
    QTest::newRow("interval text") << u"--headless --interval 1.5 --record r"_s << u"--interval"_s;
    QTest::newRow("count negative") << u"--headless --count -1 --record r"_s << u"--count"_s;
    QTest::newRow("count text") << u"--headless --count many --record r"_s << u"--count"_s;
    QTest::newRow("live without headless") << u"--live"_s << u"--live requires --headless"_s;
    QTest::newRow("stream url with polling") << u"--headless --record r --stream-url wss://x.example"_s
                                             << u"--stream-url requires --headless --live"_s;
    QTest::newRow("stream url with the desktop app")
        << u"--stream-url wss://x.example"_s << u"--stream-url requires --headless --live"_s;
    QTest::newRow("stream url with once") << u"--once --export x --stream-url wss://x.example"_s
                                          << u"--stream-url requires --headless --live"_s;
    QTest::newRow("stream url plain ws remote")
        << u"--headless --live --record r --stream-url ws://x.example"_s << u"--stream-url"_s;
    QTest::newRow("stream url ftp") << u"--headless --live --record r --stream-url ftp://x.example"_s
                                    << u"--stream-url"_s;
    QTest::newRow("unknown option") << u"--bogus"_s << u"bogus"_s;
    QTest::newRow("positional") << u"extra"_s << u"unexpected argument 'extra'"_s;
    QTest::newRow("secret on command line") << u"--api-secret abc"_s << u"api-secret"_s;
    QTest::newRow("demo and base url") << u"--demo --base-url https://x.example"_s << u"cannot be combined"_s;
    QTest::newRow("base url ftp") << u"--base-url ftp://x.example"_s << u"--base-url"_s;
    QTest::newRow("stress without once") << u"--stress=-10,10"_s << u"--stress requires --once"_s;
    QTest::newRow("stress empty") << u"--once --export x --stress="_s << u"--stress needs a list"_s;
    QTest::newRow("stress beyond 99")
        << u"--once --export x --stress=-100"_s << u"'-100' is not a percentage"_s;
    QTest::newRow("stress text") << u"--once --export x --stress=-5,ten"_s << u"'ten' is not a percentage"_s;
    QTest::newRow("stress empty item")
        << u"--once --export x --stress=-5,,5"_s << u"'' is not a percentage"_s;
    QTest::newRow("stress too fine") << u"--once --export x --stress=0.000000001"_s
                                     << u"at most 8 decimals"_s;
    QTest::newRow("base url http remote") << u"--base-url http://fapi.binance.com"_s << u"this computer"_s;
    QTest::newRow("base url user info")
        << u"--base-url http://user:pw@127.0.0.1:8080"_s << u"must not contain a user name or password"_s;
    QTest::newRow("export stem is a directory") << u"--once --export out/"_s << u"not a directory"_s;
    QTest::newRow("record stem is a directory") << u"--headless --record /tmp/"_s << u"not a directory"_s;
    QTest::newRow("export stem with a line break") << u"--once --export a\nb"_s << u"line break"_s;
    QTest::newRow("record stem with a carriage return") << u"--headless --record a\rb"_s << u"line break"_s;
    QTest::newRow("base url garbage") << u"--base-url not-a-url"_s << u"--base-url"_s;
}

void TestCommandLine::parse_usageError()
{
    QFETCH(QString, line);
    QFETCH(QString, errorContains);
    const Expected<CommandLineOptions> result = parseCommandLine(args(line));
    QVERIFY(!result);
    QVERIFY2(result.error().contains(errorContains), qPrintable(result.error()));
    QVERIFY(!result.error().contains(u'\n'));
}

void TestCommandLine::wantsCoreApplication_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<bool>("core");
    QTest::newRow("gui") << QString() << false;
    QTest::newRow("demo") << u"--demo"_s << false;
    QTest::newRow("qt option") << u"-platform offscreen"_s << false;
    QTest::newRow("once") << u"--once --export x"_s << true;
    QTest::newRow("export alone (usage error, no display)") << u"--export x"_s << true;
    QTest::newRow("headless") << u"--headless --record r"_s << true;
    QTest::newRow("count=") << u"--count=3"_s << true;
    QTest::newRow("live") << u"--live"_s << true;
    QTest::newRow("stream url (usage error, no display)") << u"--stream-url=wss://x.example"_s << true;
    QTest::newRow("help") << u"--help"_s << true;
    QTest::newRow("version") << u"--version"_s << true;
}

void TestCommandLine::wantsCoreApplication()
{
    QFETCH(QString, line);
    QFETCH(bool, core);
    QCOMPARE(marginwatch::wantsCoreApplication(args(line)), core);
}

void TestCommandLine::baseUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("acceptable");
    QTest::newRow("production") << u"https://fapi.binance.com"_s << true;
    QTest::newRow("https port") << u"https://example.invalid:8443/prefix"_s << true;
    QTest::newRow("loopback v4") << u"http://127.0.0.1:1234"_s << true;
    QTest::newRow("loopback v6") << u"http://[::1]:1234"_s << true;
    QTest::newRow("localhost") << u"http://localhost:1"_s << true;
    QTest::newRow("http remote") << u"http://192.168.1.2"_s << false;
    QTest::newRow("no host") << u"https://"_s << false;
    QTest::newRow("userinfo") << u"https://u:p@example.invalid"_s << false;
    QTest::newRow("userinfo on loopback") << u"http://u:p@127.0.0.1:1"_s << false;
    QTest::newRow("ws") << u"wss://example.invalid"_s << false;
}

void TestCommandLine::baseUrl()
{
    QFETCH(QString, url);
    QFETCH(bool, acceptable);
    const Expected<void> usable = validateBaseUrl(QUrl(url));
    QCOMPARE(bool(usable), acceptable);
    QCOMPARE(BinanceUrls::futures(), QUrl(u"https://fapi.binance.com"_s));
}

void TestCommandLine::helpText_mentionsEveryContractOption()
{
    const QString help = commandLineHelpText(u"marginwatch"_s);
    for (const QString& needle :
         {u"--demo"_s, u"--base-url URL"_s, u"--once --export STEM"_s,
          u"--headless --interval SECONDS --count N --record STEM"_s, u"BINANCE_API_KEY"_s,
          u"BINANCE_API_SECRET"_s, u"BINANCE_PRIVATE_KEY_FILE"_s, u"https://fapi.binance.com"_s,
          u"--once --export STEM --stress=LIST"_s, u"STEM-stress.csv"_s}) {
        QVERIFY2(help.contains(needle), qPrintable(needle));
    }
}

void TestCommandLine::parse_minimized()
{
    const Expected<CommandLineOptions> plain = parseCommandLine({u"marginwatch"_s});
    QVERIFY(plain && !plain->minimized);
    const Expected<CommandLineOptions> minimized = parseCommandLine({u"marginwatch"_s, u"--minimized"_s});
    QVERIFY(minimized);
    QCOMPARE(minimized->mode, RunMode::Gui);
    QVERIFY(minimized->minimized);
}

void TestCommandLine::parse_stress_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("shocks");
    QTest::newRow("with =") << QStringList{u"--once"_s, u"--export"_s, u"s"_s,
                                           u"--stress=-20,-10,-5,5,10,20"_s}
                            << QStringList{u"-20"_s, u"-10"_s, u"-5"_s, u"5"_s, u"10"_s, u"20"_s};
    QTest::newRow("separate value") << QStringList{u"--once"_s, u"--export"_s, u"s"_s, u"--stress"_s,
                                                   u"7.5, -99"_s}
                                    << QStringList{u"7.5"_s, u"-99"_s};
    QTest::newRow("limits") << QStringList{u"--once"_s, u"--export"_s, u"s"_s, u"--stress=99,-99,0"_s}
                            << QStringList{u"99"_s, u"-99"_s, u"0"_s};
}

void TestCommandLine::parse_stress()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, shocks);
    const Expected<CommandLineOptions> options = parseCommandLine(QStringList{u"marginwatch"_s} + arguments);
    QVERIFY2(options, qPrintable(options ? QString() : options.error()));
    QVERIFY(options->stress);
    QCOMPARE(options->stressShocks.size(), shocks.size());
    for (qsizetype i = 0; i < shocks.size(); ++i)
        QCOMPARE(options->stressShocks.at(i), *Decimal::parse(shocks.at(i)));
    const Expected<CommandLineOptions> plain =
        parseCommandLine({u"marginwatch"_s, u"--once"_s, u"--export"_s, u"s"_s});
    QVERIFY(plain && !plain->stress);
}

} // namespace marginwatch

QTEST_GUILESS_MAIN(marginwatch::TestCommandLine)
#include "tst_commandline.moc"
