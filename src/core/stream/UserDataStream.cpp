#include "stream/UserDataStream.h"

#include "stream/StreamEndpoints.h"

#include <QCoreApplication>

#include <utility>

using namespace Qt::StringLiterals;

namespace marginwatch {

UserDataStream::UserDataStream(const QNetworkProxy& proxy, StreamConnection::Limits limits,
                               StreamConnection::Clock clock, QObject* parent)
    : QObject(parent)
    , m_connection(proxy, limits, std::move(clock))
{
    qRegisterMetaType<UserDataEvent>();
    connect(&m_connection, &StreamConnection::flowing, this, [this] {
        m_wasFlowing = true;
        Q_EMIT flowing(m_route);
    });
    connect(&m_connection, &StreamConnection::ended, this, &UserDataStream::onEnded);
    connect(&m_connection, &StreamConnection::answered, this, [this](qint64, const QString& error) {
        if (!error.isEmpty()) {
            m_connection.close();
            m_wasFlowing = false;
            onEnded(QCoreApplication::translate("UserDataStream", "the stream refused the listen key: %1")
                        .arg(error));
        }
    });
    connect(&m_connection, &StreamConnection::payload, this,
            [this](const QJsonValue& payload, qint64 receivedAtMs) {
                Expected<UserDataEvent> parsed = parseUserDataEvent(payload);
                if (!parsed) {
                    // An event that cannot be read may have changed the account: the owner resyncs.
                    m_connection.close();
                    m_wasFlowing = false;
                    Q_EMIT ended(parsed.error());
                    return;
                }
                Q_EMIT eventReceived(*parsed, receivedAtMs);
            });
}

void UserDataStream::start(const QUrl& base, const QString& listenKey)
{
    m_base = base;
    m_listenKey = listenKey;
    openRoute(Route::PrivateWs);
}

void UserDataStream::stop()
{
    m_wasFlowing = false;
    m_connection.close();
}

void UserDataStream::openRoute(Route route)
{
    m_wasFlowing = false;
    m_route = route;
    const QByteArray id = QByteArray::number(m_nextId++);
    if (route == Route::PrivateWs) {
        m_connection.open(StreamEndpoints::privateWs(m_base, m_listenKey),
                          "{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + id + '}');
    } else {
        m_connection.open(StreamEndpoints::privateStream(m_base), "{\"method\":\"SUBSCRIBE\",\"params\":[\""
                                                                      + m_listenKey.toLatin1()
                                                                      + "\"],\"id\":" + id + '}');
    }
}

void UserDataStream::onEnded(const QString& reason)
{
    if (std::exchange(m_wasFlowing, false)) {
        Q_EMIT ended(reason);
        return;
    }
    if (m_route == Route::PrivateWs) {
        openRoute(Route::PrivateStream);
        return;
    }
    Q_EMIT unavailable(reason);
}

} // namespace marginwatch
