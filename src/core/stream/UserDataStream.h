#pragma once

#include "stream/StreamConnection.h"
#include "stream/StreamEvents.h"

#include <QObject>
#include <QString>
#include <QUrl>

namespace marginwatch {

// The account's user-data events on the 2026 private routes: first
// /private/ws?listenKey=K&events=…, probed with LIST_SUBSCRIPTIONS; when that route stays silent,
// /private/stream with SUBSCRIBE [K]. When both stay silent it says so (unavailable) and the owner
// falls back to polling. It neither reconnects nor renews keys: the owner does.
class UserDataStream : public QObject
{
    Q_OBJECT
public:
    enum class Route
    {
        PrivateWs,
        PrivateStream
    };
    Q_ENUM(Route)

    UserDataStream(const QNetworkProxy& proxy, StreamConnection::Limits limits,
                   StreamConnection::Clock clock = {}, QObject* parent = nullptr);

    void start(const QUrl& base, const QString& listenKey);
    void stop(); // no signal follows
    bool isFlowing() const { return m_connection.isFlowing(); }
    Route route() const { return m_route; }
    QString listenKey() const { return m_listenKey; }

Q_SIGNALS:
    void flowing(marginwatch::UserDataStream::Route route);
    void eventReceived(const marginwatch::UserDataEvent& event, qint64 receivedAtMs);
    void unavailable(const QString& reason); // every route stayed silent or refused
    void ended(const QString& reason);       // a flowing stream ended, or an event could not be read

private:
    void openRoute(Route route);
    void onEnded(const QString& reason);

    StreamConnection m_connection;
    QUrl m_base;
    QString m_listenKey;
    Route m_route = Route::PrivateWs;
    bool m_wasFlowing = false;
    qint64 m_nextId = 1;
};

} // namespace marginwatch

Q_DECLARE_METATYPE(marginwatch::UserDataEvent)
