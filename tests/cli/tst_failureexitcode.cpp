#include "cli/CommandLine.h"
#include "cli/FailureExitCode.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace marginwatch {

class TestFailureExitCode : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exitCode_data();
    void exitCode();
};

void TestFailureExitCode::exitCode_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("binanceCode");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<int>("expected");

    using K = ApiFailure::Kind;
    QTest::newRow("-1022 bad signature") << int(K::BinanceCode) << -1022 << 400 << 3;
    QTest::newRow("-2014 key format") << int(K::BinanceCode) << -2014 << 401 << 3;
    QTest::newRow("-2015 key/ip/permissions") << int(K::BinanceCode) << -2015 << 401 << 3;
    QTest::newRow("-2015 with 400") << int(K::BinanceCode) << -2015 << 400 << 3;
    QTest::newRow("http 401 without code") << int(K::Http) << 0 << 401 << 3;
    QTest::newRow("-1021 clock skew") << int(K::BinanceCode) << -1021 << 400 << 4;
    QTest::newRow("-1003 too many requests") << int(K::BinanceCode) << -1003 << 429 << 4;
    QTest::newRow("429") << int(K::RateLimited) << 0 << 429 << 4;
    QTest::newRow("418 ban") << int(K::Banned) << 0 << 418 << 4;
    QTest::newRow("500") << int(K::Http) << 0 << 500 << 4;
    QTest::newRow("502 html") << int(K::Http) << 0 << 502 << 4;
    QTest::newRow("403 waf") << int(K::Http) << 0 << 403 << 4;
    QTest::newRow("network") << int(K::Network) << 0 << 0 << 4;
    QTest::newRow("timeout") << int(K::Timeout) << 0 << 0 << 4;
    QTest::newRow("bad json") << int(K::BadResponse) << 0 << 200 << 5;
    QTest::newRow("truncated") << int(K::BadResponse) << 0 << 0 << 5;
    QTest::newRow("configuration (nothing sent)") << int(K::Configuration) << 0 << 0 << 2;
}

void TestFailureExitCode::exitCode()
{
    QFETCH(int, kind);
    QFETCH(int, binanceCode);
    QFETCH(int, httpStatus);
    QFETCH(int, expected);

    ApiFailure failure;
    failure.kind = ApiFailure::Kind(kind);
    failure.binanceCode = binanceCode;
    failure.httpStatus = httpStatus;
    failure.endpoint = u"/fapi/v3/account"_s;
    QCOMPARE(exitCodeFor(failure), expected);
    QVERIFY(expected == ExitUsage || expected == ExitCredentials || expected == ExitNetwork
            || expected == ExitBadResponse);
}

} // namespace marginwatch

QTEST_GUILESS_MAIN(marginwatch::TestFailureExitCode)
#include "tst_failureexitcode.moc"
