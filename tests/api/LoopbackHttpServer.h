#pragma once
// A raw HTTP/1.1 server on 127.0.0.1 for the tests that must see the exact bytes on the wire (the
// request line as sent, header spelling) or need answers the simulator does not give. One canned
// answer per connection, then the connection closes.

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>
#include <memory>

class LoopbackHttpServer : public QTcpServer
{
public:
    struct Request
    {
        QByteArray requestLine;
        QList<QByteArray> headerLines;
        QByteArray header(QByteArrayView name) const
        {
            for (const QByteArray& line : headerLines) {
                const qsizetype colon = line.indexOf(':');
                if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                    return line.mid(colon + 1).trimmed();
            }
            return {};
        }
    };

    QByteArray response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
    bool silent = false; // accept and read, never answer (transfer timeouts)
    // When set, answers instead of `response` (bodies that never end, answers that trickle): it owns
    // the socket's writing from here on and may keep it open.
    std::function<void(QTcpSocket*)> respond;
    QList<Request> requests;
    int connections = 0;

    LoopbackHttpServer()
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = nextPendingConnection()) {
                ++connections;
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { onData(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    static QByteArray reply(int status, const QByteArray& reason, const QList<QByteArray>& headers,
                            const QByteArray& body)
    {
        QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
        for (const QByteArray& header : headers)
            out += header + "\r\n";
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
        return out;
    }

    // For `respond`: writes `head`, then what `more` returns every `intervalMs` until the client goes
    // away (answers that never end, or trickle). The timer belongs to the socket and dies with it.
    static void stream(QTcpSocket* socket, const QByteArray& head, int intervalMs,
                       std::function<QByteArray()> more)
    {
        socket->write(head);
        auto* timer = new QTimer(socket);
        QObject::connect(timer, &QTimer::timeout, socket, [socket, more] {
            if (socket->state() != QAbstractSocket::ConnectedState)
                return;
            if (socket->bytesToWrite() < 1024 * 1024) // a client that stops reading is not flooded
                socket->write(more());
        });
        timer->start(intervalMs);
    }

    // An endless chunked 200 for `respond`, stalling after `limit` bytes per connection so that a
    // client without a size cap ends in its transfer timeout instead of exhausting memory.
    static void endlessChunkedBody(QTcpSocket* socket, qint64 limit, qint64* sent = nullptr)
    {
        auto total = std::make_shared<qint64>(0);
        stream(socket,
               "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
               "1\r\n[\r\n",
               0, [total, limit, sent]() -> QByteArray {
                   if (*total >= limit)
                       return {};
                   const QByteArray chunk(64 * 1024, ' ');
                   *total += chunk.size();
                   if (sent)
                       *sent = *total;
                   return QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
               });
    }

private:
    void onData(QTcpSocket* socket)
    {
        if (socket->property("answered").toBool()) {
            socket->readAll();
            return;
        }
        QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
        socket->setProperty("buffer", buffer);
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        Request request;
        request.requestLine = lines.value(0).trimmed();
        for (qsizetype i = 1; i < lines.size(); ++i)
            request.headerLines << lines.at(i).trimmed();
        requests << request;
        if (silent)
            return;
        if (respond) {
            socket->setProperty("answered", true);
            respond(socket);
            return;
        }
        socket->write(response);
        socket->disconnectFromHost();
    }
};
