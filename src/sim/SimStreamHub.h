#pragma once

#include "sim/SimFaultPlan.h"
#include "sim/SimListenKeys.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

class QWebSocket;

namespace marginwatch {

class SimMarket;

// The exchange's WebSocket side, on the HTTP server's own port: user-data streams keyed by listen
// keys and mark-price streams, with the routes Binance serves since 2026:
//   /private/ws?listenKey=K[&events=A/B/C]  raw user-data events (only the listed types, if listed)
//   /private/ws/K                           the same, every type
//   /private/stream  + {"method":"SUBSCRIBE","params":["K"],"id":1}  combined {"stream":K,"data":…}
//   /market/stream?streams=a/b (+ SUBSCRIBE) combined {"stream":name,"data":…}
//   /market/ws/<stream> (/market/ws + SUBSCRIBE) raw
//   /ws/<K or stream>, /stream?streams=…   the retired routes: accepted and silent (see legacyonly)
// Streams: <symbol>@markPrice@1s, <symbol>@markPrice (3 s), !markPrice@arr@1s, !markPrice@arr.
// The server pings every pingIntervalMs and drops a client that has not answered for pongTimeoutMs;
// client pings are answered; a connection is cut after streamMaxLifetimeMs (24 h); a client sending
// more than 10 messages a second is disconnected. Unknown routes and unknown listen keys are closed
// with code 1008 (the simulator cannot refuse the upgrade itself: QtHttpServer accepts it first).
class SimStreamHub : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        qint64 listenKeyLifetimeMs = 3600000;
        qint64 streamMaxLifetimeMs = 86400000;
        int pingIntervalMs = 180000;
        int pongTimeoutMs = 600000;
        int markIntervalMs = 1000;
        int expireKeyDelayMs = 2000;
        int dropStreamDelayMs = 1000;
        bool quirks = true;
    };

    SimStreamHub(const Settings& settings, SimMarket& market, std::function<qint64()> clock,
                 QObject* parent = nullptr);
    ~SimStreamHub() override;

    void setFaults(const SimFaultPlan& plan);
    void adopt(std::unique_ptr<QWebSocket> socket);

    // The REST side of the listen keys (POST, PUT, DELETE /fapi/v1/listenKey).
    SimListenKeys::Issued openListenKey(int accountId);
    bool keepAliveListenKey(int accountId);
    void closeListenKey(int accountId);
    QString currentListenKey(int accountId) const;

    // A user-data event of this account, to every connection that listens to it.
    void deliver(int accountId, const QByteArray& type, const QByteArray& json);

    int openCount() const;
    int pongsReceived() const { return m_pongs; }
    int connectionsAccepted() const { return m_accepted; }

Q_SIGNALS:
    void eventSent(const QString& eventType);

private:
    struct Connection;
    void onMessage(Connection* connection, const QString& message);
    void send(Connection* connection, const QByteArray& stream, const QByteArray& payload);
    void remove(Connection* connection);
    void pushMarks();
    void pingAll();
    void expireKeys();
    void scheduleExpiry();
    bool isActive(const Connection* connection) const;

    Settings m_settings;
    SimMarket& m_market;
    std::function<qint64()> m_clock;
    SimFaultPlan m_faults;
    SimListenKeys m_keys;
    std::vector<std::unique_ptr<Connection>> m_connections;
    QTimer m_markTimer;
    QTimer m_pingTimer;
    QTimer m_expiryTimer;
    qint64 m_markTicks = 0;
    int m_accepted = 0;
    int m_pongs = 0;
};

} // namespace marginwatch
