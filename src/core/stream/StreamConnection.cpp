#include "stream/StreamConnection.h"

#include "stream/StreamEvents.h"

#include <QDateTime>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace marginwatch {

StreamConnection::StreamConnection(const QNetworkProxy& proxy, Limits limits, Clock clock, QObject* parent)
    : QObject(parent)
    , m_proxy(proxy)
    , m_limits(limits)
    , m_clock(clock ? std::move(clock) : [] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_probeTimer.setSingleShot(true);
    connect(&m_probeTimer, &QTimer::timeout, this, [this] {
        end(isOpen() ? tr("the stream accepted the connection but sent nothing")
                     : tr("the stream did not connect in time"));
    });
}

StreamConnection::~StreamConnection()
{
    close();
}

bool StreamConnection::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void StreamConnection::close()
{
    m_probeTimer.stop();
    m_flowing = false;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        // Deleted later: close() may run inside one of the socket's own signals.
        m_socket.release()->deleteLater();
    }
}

void StreamConnection::open(const QUrl& url, const QByteArray& probe)
{
    close();
    m_probe = probe;
    m_rateSecond = -1;
    m_rateCount = 0;
    m_socket = std::make_unique<QWebSocket>(QString(), QWebSocketProtocol::VersionLatest);
    m_socket->setProxy(m_proxy);
    m_socket->setMaxAllowedIncomingMessageSize(static_cast<quint64>(m_limits.maxMessageBytes));
    m_socket->setMaxAllowedIncomingFrameSize(static_cast<quint64>(m_limits.maxMessageBytes));
    m_socket->setReadBufferSize(m_limits.maxMessageBytes);
    QWebSocket* socket = m_socket.get();
    connect(socket, &QWebSocket::connected, this, [this] {
        if (!m_probe.isEmpty())
            m_socket->sendTextMessage(QString::fromUtf8(m_probe));
    });
    connect(socket, &QWebSocket::textMessageReceived, this, &StreamConnection::onText);
    connect(socket, &QWebSocket::binaryMessageReceived, this,
            [this] { end(tr("the stream sent a binary frame, which Binance streams never do")); });
    connect(socket, &QWebSocket::disconnected, this, [this] {
        const QString reason = m_socket->closeReason().left(200);
        end(reason.isEmpty() ? tr("the stream closed the connection (code %1)").arg(m_socket->closeCode())
                             : tr("the stream closed the connection: %1").arg(reason));
    });
    connect(socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) { end(m_socket->errorString()); });
    m_probeTimer.start(m_limits.probeTimeout);
    socket->open(url);
}

bool StreamConnection::sendText(const QByteArray& json)
{
    if (!isOpen())
        return false;
    return m_socket->sendTextMessage(QString::fromUtf8(json)) > 0;
}

void StreamConnection::onText(const QString& text)
{
    const qint64 now = m_clock();
    if (now / 1000 != m_rateSecond) {
        m_rateSecond = now / 1000;
        m_rateCount = 0;
    }
    if (++m_rateCount > m_limits.maxFramesPerSecond) {
        end(tr("the stream sent more than %1 frames in a second").arg(m_limits.maxFramesPerSecond));
        return;
    }
    const Expected<StreamFrame> frame = parseStreamFrame(text.toUtf8());
    if (!frame) {
        end(frame.error());
        return;
    }
    m_lastFrameAtMs = now;
    if (frame->answerId && !frame->answerError.isEmpty()) {
        Q_EMIT answered(*frame->answerId, frame->answerError); // a refusal does not prove data flows
        return;
    }
    if (!m_flowing) {
        m_flowing = true;
        m_probeTimer.stop();
        Q_EMIT flowing();
    }
    if (frame->answerId) {
        Q_EMIT answered(*frame->answerId, frame->answerError);
        return;
    }
    Q_EMIT payload(frame->payload, now);
}

void StreamConnection::end(const QString& reason)
{
    if (!m_socket)
        return;
    close();
    Q_EMIT ended(reason);
}

} // namespace marginwatch
