#pragma once
// CONTRACT HEADER (written first so client, GUI and CLI can use the simulator in parallel). The
// simulator issue implements it; members may be added, this interface must keep working.

#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace marginwatch {

enum class SimScenario
{
    Single,
    Multi,
    Hedge
};

struct SimOptions
{
    SimScenario scenario = SimScenario::Single;
    int positions = 3;
    quint32 seed = 1;          // deterministic random walk for tests
    int tickIntervalMs = 1000; // mark prices move this often (0 = only on tick())
    // Fault plan like "429@3,slow@5,badjson": a kind on the N-th signed request, or on every one.
    // Kinds: 429, 418, 500, 502 (HTML body), 503, slow, truncated, badjson, missingfield, empty,
    // skew=<ms> (server clock offset).
    QString faults;
    int slowDelayMs = 15000; // how long "slow" holds a response
};

struct DemoCredentials
{
    QString apiKey;
    QByteArray secret; // HMAC secret (freshly random per run)
};

// The exchange on loopback: GET /fapi/v1/time, /fapi/v3/account, /fapi/v3/positionRisk,
// /fapi/v3/balance, /fapi/v1/accountConfig, /fapi/v1/symbolConfig, authenticated exactly as Binance
// does (HMAC, RSA, Ed25519), with weight accounting and fault injection.
class SimulatorServer : public QObject
{
    Q_OBJECT
public:
    explicit SimulatorServer(SimOptions options = {}, QObject* parent = nullptr);
    ~SimulatorServer() override;

    // Loopback only. port 0 picks a free port. Returns false (and sets errorString) on failure.
    bool listen(quint16 port = 0);
    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:PORT
    QString errorString() const;

    void addHmacKey(const QString& apiKey, const QByteArray& secret);
    void addPublicKey(const QString& apiKey, const QByteArray& publicKeyPem); // RSA or Ed25519
    DemoCredentials generateDemoCredentials(); // registers and returns a fresh random HMAC key

    bool setFaults(const QString& faultPlanText, QString* error = nullptr);
    void setClockSkewMs(qint64 skewMs);
    void tick();                    // advance the account one step (prices, PnL, maybe open/close)
    int signedRequestCount() const; // signed requests received so far (for fault @N and tests)
    int requestCount(const QString& path) const;

Q_SIGNALS:
    void requestServed(const QString& path, int httpStatus);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace marginwatch
