#pragma once

#include "sim/SimKeyPermissions.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace marginwatch {

enum class SimScenario
{
    Single,
    Multi,
    Hedge,
    // /fapi private endpoints answer -2015; /papi/v1/account and /papi/v1/um/positionRisk serve it.
    PortfolioMargin
};

// One simulated account (several can live in one simulator, each behind its own keys).
struct SimAccountOptions
{
    SimScenario scenario = SimScenario::Single;
    int positions = 3;
    quint32 seed = 1;
    QString email; // its e-mail in a master's sub-account summary ("" = account<N>@sim.invalid)
    int notionalCoefPercent = 100; // leverage brackets scaled as for an adjusted account (150 = 1.5)
};

struct SimOptions
{
    SimScenario scenario = SimScenario::Single;
    int positions = 3;
    quint32 seed = 1;          // deterministic random walk for tests
    int tickIntervalMs = 1000; // mark prices move this often (0 = only on tick())
    // Fault plan like "429@3,slow@5,badjson": a kind on the N-th signed request, or on every one.
    // Kinds: 429, 418, 500, 502 (HTML body), 503, slow, truncated, badjson, missingfield, empty,
    // skew=<ms> (server clock offset); stream kinds: dropstream, silentstream, expirekey, legacyonly,
    // silentws, needevents (see SimFaultPlan.h).
    QString faults;
    int slowDelayMs = 15000; // how long "slow" holds a response

    // Account 0 (the one keys map to unless told otherwise).
    QString email;
    int notionalCoefPercent = 100;

    // Request weight per client IP and minute, as Binance counts it. 0 = unlimited.
    int weightLimit = 2400;        // /fapi (and /fapi/v1/listenKey, exchangeInfo)
    int sapiWeightLimit = 12000;   // /sapi, reported in X-SAPI-USED-IP-WEIGHT-1M
    int papiWeightLimit = 6000;    // /papi
    int banAfterRejections = 20;   // 429s within a minute before the address is banned (418)
    int banSeconds = 120;          // first ban; doubles per repeat, at most three days
    qint64 weightWindowMs = 60000; // the weight-counting window; tests of budgets shorten it

    // The user-data and market streams (WebSockets on the same port as HTTP).
    qint64 listenKeyLifetimeMs = 60 * 60 * 1000LL;      // extended by POST/PUT
    qint64 streamMaxLifetimeMs = 24 * 60 * 60 * 1000LL; // the exchange cuts a connection at 24 h
    int pingIntervalMs = 3 * 60 * 1000;                 // the server pings every 3 min …
    int pongTimeoutMs = 10 * 60 * 1000;                 // … and drops a client silent for 10 min
    int markIntervalMs = 1000;                          // "@1s" mark-price pushes
    int expireKeyDelayMs = 2000;                        // "expirekey": how long a key lives
    int dropStreamDelayMs = 1000;                       // "dropstream": how long a socket lives
    bool streamQuirks = true;   // E sometimes a string, undocumented "ma" and a.S now and then
    int fundingEveryTicks = 60; // tick() applies a funding fee this often (0 = never)
    int marginCallPercent = 80; // MARGIN_CALL when maintenance / margin balance reaches this

    // Keys registered without explicit permissions get these (read-only, IP-restricted: a safe key).
    SimKeyPermissions defaultPermissions;
    // Whether /fapi private endpoints refuse (-2015) a key without enableFutures. Users report it,
    // Binance does not document it; off by default.
    bool futuresNeedEnableFutures = false;
};

struct DemoCredentials
{
    QString apiKey;
    QByteArray secret; // HMAC secret (freshly random per run)
};

// The exchange on loopback: GET /fapi/v1/time, /fapi/v1/exchangeInfo, /fapi/v3/account,
// /fapi/v3/positionRisk, /fapi/v3/balance, /fapi/v1/accountConfig, /fapi/v1/symbolConfig,
// /fapi/v1/leverageBracket, POST|PUT|DELETE /fapi/v1/listenKey, /sapi/v1/account/apiRestrictions,
// /sapi/v2/sub-account/futures/accountSummary, /papi/v1/account, /papi/v1/um/positionRisk, and the
// WebSocket routes /private/ws, /private/stream, /market/stream, /market/ws/<stream> (and the retired
// /ws/<listenKey>) on the same port. Authenticated exactly as Binance does (HMAC, RSA, Ed25519), with
// per-IP weight accounting, 429/418, and fault injection.
class SimulatorServer : public QObject
{
    Q_OBJECT
public:
    explicit SimulatorServer(SimOptions options = {}, QObject* parent = nullptr);
    ~SimulatorServer() override;

    // Loopback only. port 0 picks a free port. Returns false (and sets errorString) on failure.
    bool listen(quint16 port = 0);
    quint16 port() const;
    QUrl baseUrl() const;       // http://127.0.0.1:PORT
    QUrl streamBaseUrl() const; // ws://127.0.0.1:PORT (the same port: custom http base -> ws base)
    QString errorString() const;

    // Accounts: 0 exists from the start (SimOptions' scenario); addAccount returns the new id.
    int addAccount(const SimAccountOptions& options);
    int accountCount() const;
    QString accountEmail(int accountId) const;
    // The master's sub-account summary lists these accounts.
    void setSubAccounts(int masterAccountId, const QList<int>& subAccountIds);

    void addHmacKey(const QString& apiKey, const QByteArray& secret, int accountId = 0);
    void addPublicKey(const QString& apiKey, const QByteArray& publicKeyPem,
                      int accountId = 0); // RSA or Ed25519
    DemoCredentials
    generateDemoCredentials(int accountId = 0); // registers and returns a fresh random HMAC key
    void setKeyPermissions(const QString& apiKey, const SimKeyPermissions& permissions);

    bool setFaults(const QString& faultPlanText, QString* error = nullptr);
    void setClockSkewMs(qint64 skewMs);
    void tick();                    // advance the market and every account one step
    int signedRequestCount() const; // signed requests received so far (for fault @N and tests)
    int requestCount(const QString& path) const;
    int usedWeight() const; // this minute's /fapi weight of 127.0.0.1

    // Scripted changes to an account's book (each is pushed on its user-data stream, as on the
    // exchange). quantity is a signed decimal ("0.010", "-5"); positionSide BOTH, LONG or SHORT.
    bool trade(int accountId, const QString& symbol, const QString& positionSide, const QString& quantity);
    void applyFunding(int accountId);
    bool setLeverage(int accountId, const QString& symbol, int leverage);
    bool setMultiAssetsMode(int accountId, bool enabled);
    bool setMarkPrice(const QString& symbol, const QString& price); // decimal text
    void shiftMarks(int basisPoints);                               // every symbol, e.g. -700 = -7 %

    // Streams, for tests and tools.
    int openStreamCount() const;
    int streamConnectionsAccepted() const;
    QString currentListenKey(int accountId) const; // "" when the account has no live key
    int pongsReceived() const;                     // pongs the server got for its pings

Q_SIGNALS:
    void requestServed(const QString& path, int httpStatus);
    void streamEventSent(const QString& eventType); // a user-data event went out on at least one socket

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace marginwatch
