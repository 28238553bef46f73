#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QNetworkProxy>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>

class QWebSocket;

namespace marginwatch {

// One WebSocket to a Binance stream route. Connecting is not enough: right after the upgrade it sends
// one method request (SUBSCRIBE, LIST_SUBSCRIPTIONS) and counts the connection as flowing only when an
// answer or a data frame arrives within the probe time, because a retired or broken route accepts the
// connection and then sends nothing. Every frame is bounded in size and in rate; the server's pings
// are answered by QWebSocket itself. It does not reconnect: its owner decides how and when.
class StreamConnection : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        qint64 maxMessageBytes = 4 * 1024 * 1024; // !markPrice@arr of the whole market is ~150 KB
        int maxFramesPerSecond = 100;
        std::chrono::milliseconds probeTimeout{10000}; // connect + the first answer
    };
    using Clock = std::function<qint64()>; // local milliseconds

    StreamConnection(const QNetworkProxy& proxy, Limits limits, Clock clock = {}, QObject* parent = nullptr);
    ~StreamConnection() override;

    // Opens `url`; `probe` is the method request sent once connected (its "id" is what the answer
    // carries). Ends any previous connection without a signal.
    void open(const QUrl& url, const QByteArray& probe);
    bool sendText(const QByteArray& json); // false when not connected
    void close();                          // no signal follows
    bool isOpen() const;
    bool isFlowing() const { return m_flowing; }
    qint64 lastFrameAtMs() const { return m_lastFrameAtMs; }

Q_SIGNALS:
    void flowing();
    void payload(const QJsonValue& payload, qint64 receivedAtMs);
    void answered(qint64 id, const QString& error); // error empty: accepted
    // The connection is over (closed by the server, network error, a frame out of bounds or not
    // JSON, or the probe unanswered); `reason` is plain language.
    void ended(const QString& reason);

private:
    void onText(const QString& text);
    void end(const QString& reason);

    QNetworkProxy m_proxy;
    Limits m_limits;
    Clock m_clock;
    std::unique_ptr<QWebSocket> m_socket;
    QByteArray m_probe;
    QTimer m_probeTimer;
    bool m_flowing = false;
    qint64 m_lastFrameAtMs = 0;
    qint64 m_rateSecond = -1;
    int m_rateCount = 0;
};

} // namespace marginwatch
