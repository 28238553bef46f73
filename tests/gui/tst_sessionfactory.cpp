// Every way a session is made goes through SessionFactory; each is checked against a real simulator.
#include "gui/SessionFactory.h"
#include "settings/MemorySecretStore.h"
#include "sim/SimulatorServer.h"

#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr auto kKey = "FactoryKey";
constexpr auto kSecret = "factory-secret";

Profile customProfile(const SimulatorServer& simulator)
{
    Profile profile;
    profile.id = Profile::newId();
    profile.name = u"Factory test"_s;
    profile.server = ServerKind::Custom;
    profile.customUrl = simulator.baseUrl();
    profile.apiKey = QString::fromLatin1(kKey);
    return profile;
}

// The error of a result for a failure message (QVERIFY2 evaluates it even when the check passes).
template <typename T>
QString errorOf(const Expected<T>& result)
{
    return result ? QString() : result.error();
}

template <typename T>
QString errorOf(const Expected<T, SessionError>& result)
{
    return result ? QString() : result.error().message;
}

// True once the session's poller delivered a snapshot.
bool delivers(Session& session)
{
    QSignalSpy ready(session.poller.get(), &AccountPoller::snapshotReady);
    session.poller->start();
    return ready.wait(10000);
}

} // namespace

class TestSessionFactory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        SimOptions options;
        options.tickIntervalMs = 0;
        m_simulator = std::make_unique<SimulatorServer>(options);
        QVERIFY(m_simulator->listen());
        m_simulator->addHmacKey(QString::fromLatin1(kKey), QByteArray(kSecret));
    }

    void simulator_isLabelledAndDelivers()
    {
        Expected<std::unique_ptr<Session>> session = SessionFactory::simulator();
        QVERIFY2(session, qPrintable(errorOf(session)));
        QCOMPARE((*session)->endpoint.kind, ServerKind::Simulator);
        QVERIFY((*session)->profileId.isEmpty());
        QVERIFY(delivers(**session));
    }

    void fromEnvironment_usesTheVariables()
    {
        QProcessEnvironment environment;
        environment.insert(u"BINANCE_API_KEY"_s, QString::fromLatin1(kKey));
        environment.insert(u"BINANCE_API_SECRET"_s, QString::fromLatin1(kSecret));
        Expected<std::unique_ptr<Session>> session =
            SessionFactory::fromEnvironment(environment, m_simulator->baseUrl());
        QVERIFY2(session, qPrintable(errorOf(session)));
        QCOMPARE((*session)->endpoint.kind, ServerKind::Custom);
        QVERIFY(delivers(**session));

        environment.remove(u"BINANCE_API_SECRET"_s);
        Expected<std::unique_ptr<Session>> incomplete =
            SessionFactory::fromEnvironment(environment, m_simulator->baseUrl());
        QVERIFY(!incomplete);
        QVERIFY2(incomplete.error().contains(u"BINANCE_"_s), qPrintable(incomplete.error()));
    }

    void open_readsTheStoredSecret()
    {
        MemorySecretStore secrets;
        const Profile profile = customProfile(*m_simulator);
        secrets.write(profile.id, SecretBytes(QByteArray(kSecret)), {});
        std::optional<Expected<std::unique_ptr<Session>, SessionError>> opened;
        SessionFactory::open(
            profile, &secrets, this,
            [&opened](Expected<std::unique_ptr<Session>, SessionError> s) { opened = std::move(s); });
        QTRY_VERIFY(opened);
        QVERIFY2(*opened, qPrintable(errorOf(*opened)));
        QCOMPARE((**opened)->profileId, profile.id);
        QVERIFY(delivers(***opened));
    }

    void open_withoutStoredSecret_saysSo()
    {
        MemorySecretStore secrets;
        const Profile profile = customProfile(*m_simulator);
        std::optional<Expected<std::unique_ptr<Session>, SessionError>> opened;
        SessionFactory::open(
            profile, &secrets, this,
            [&opened](Expected<std::unique_ptr<Session>, SessionError> s) { opened = std::move(s); });
        QTRY_VERIFY(opened);
        QVERIFY(!*opened);
        QVERIFY2(opened->error().message.contains(u"Enter it"_s), qPrintable(errorOf(*opened)));
        QVERIFY(opened->error().secretNeeded); // the window asks for it
    }

    void connect_prefersTheTypedSecret()
    {
        MemorySecretStore secrets;
        const Profile profile = customProfile(*m_simulator);
        secrets.write(profile.id, SecretBytes(QByteArray("stored-but-wrong")), {});
        TypedSecrets typed;
        typed.apiSecret = SecretBytes(QByteArray(kSecret));
        std::optional<Expected<Connection, SessionError>> connected;
        SessionFactory::connect(
            profile, &secrets, typed, this,
            [&connected](Expected<Connection, SessionError> c) { connected = std::move(c); });
        QTRY_VERIFY(connected);
        QVERIFY2(*connected, qPrintable(errorOf(*connected)));
        QCOMPARE((*connected)->config.credentials.secret.exposeSecret(), QByteArray(kSecret));
    }

    void endpoint_namesEachServer_data()
    {
        QTest::addColumn<QUrl>("url");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("badge");
        QTest::newRow("production") << QUrl(u"https://fapi.binance.com"_s) << int(ServerKind::Production)
                                    << u"PRODUCTION"_s;
        QTest::newRow("demo trading") << QUrl(u"https://demo-fapi.binance.com"_s)
                                      << int(ServerKind::DemoTrading) << u"BINANCE DEMO TRADING"_s;
        QTest::newRow("custom") << QUrl(u"https://testnet.binancefuture.com"_s) << int(ServerKind::Custom)
                                << u"https://testnet.binancefuture.com"_s;
        QTest::newRow("loopback") << QUrl(u"http://127.0.0.1:8123"_s) << int(ServerKind::Custom)
                                  << u"http://127.0.0.1:8123"_s;
    }

    void endpoint_namesEachServer()
    {
        QFETCH(QUrl, url);
        QFETCH(int, kind);
        QFETCH(QString, badge);
        const Endpoint endpoint = Endpoint::forUrl(url);
        QCOMPARE(int(endpoint.kind), kind);
        QCOMPARE(endpoint.badgeText(), badge);
    }

    void demoTradingProfile_goesToBinanceDemoTrading()
    {
        Profile profile = customProfile(*m_simulator);
        profile.server = ServerKind::DemoTrading;
        MemorySecretStore secrets;
        secrets.write(profile.id, SecretBytes(QByteArray(kSecret)), {});
        std::optional<Expected<Connection, SessionError>> connected;
        SessionFactory::connect(
            profile, &secrets, {}, this,
            [&connected](Expected<Connection, SessionError> c) { connected = std::move(c); });
        QTRY_VERIFY(connected);
        QVERIFY2(*connected, qPrintable(errorOf(*connected)));
        QCOMPARE((*connected)->config.baseUrl, QUrl(u"https://demo-fapi.binance.com"_s));
        QVERIFY(!(*connected)->simulator);
    }

private:
    std::unique_ptr<SimulatorServer> m_simulator;
};

} // namespace marginwatch

QTEST_MAIN(marginwatch::TestSessionFactory)
#include "tst_sessionfactory.moc"
