#pragma once

#include "stream/StreamConnection.h"
#include "stream/StreamEvents.h"

#include <QObject>
#include <QSet>
#include <QString>
#include <QUrl>

namespace marginwatch {

// Mark prices every second for the symbols the account holds, on /market/stream: one connection,
// SUBSCRIBE <symbol>@markPrice@1s for each symbol (UNSUBSCRIBE when a position closes). Entries of
// other markets (st != 1) are left out. It does not reconnect by itself: the owner decides when.
class MarkPriceStream : public QObject
{
    Q_OBJECT
public:
    MarkPriceStream(const QNetworkProxy& proxy, StreamConnection::Limits limits,
                    StreamConnection::Clock clock = {}, QObject* parent = nullptr);

    void setBase(const QUrl& base);
    // Opens, subscribes or unsubscribes as needed; with no symbol the connection is closed.
    void setSymbols(const QSet<QString>& symbols);
    void restart(); // a new connection for the same symbols
    void stop();    // no signal follows
    bool isFlowing() const { return m_connection.isFlowing(); }
    bool isOpen() const { return m_connection.isOpen(); }
    QSet<QString> symbols() const { return m_symbols; }

Q_SIGNALS:
    void flowing();
    void marks(const QList<marginwatch::MarkPriceUpdate>& updates, qint64 receivedAtMs);
    void ended(const QString& reason);

private:
    QByteArray request(const char* method, const QSet<QString>& symbols);

    StreamConnection m_connection;
    QUrl m_base;
    QSet<QString> m_symbols;    // wanted
    QSet<QString> m_subscribed; // asked for on the open connection
    qint64 m_nextId = 1;
};

} // namespace marginwatch
