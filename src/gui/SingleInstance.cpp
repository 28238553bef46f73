#include "gui/SingleInstance.h"

#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeoutMs = 1000;
const QByteArray kRaise = "raise\n";

} // namespace

SingleInstance::SingleInstance(QString serverName, QObject* parent)
    : QObject(parent)
    , m_serverName(std::move(serverName))
{}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::defaultServerName()
{
    // $XDG_RUNTIME_DIR is private to the user and to this login; without it, the temporary folder
    // with the user's name in the socket's.
    const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (!runtime.isEmpty())
        return QDir(runtime).filePath(u"marginwatch.socket"_s);
    return u"marginwatch-"_s + qEnvironmentVariable("USER", u"user"_s);
}

bool SingleInstance::claim()
{
    {
        QLocalSocket first;
        first.connectToServer(m_serverName);
        if (first.waitForConnected(kTimeoutMs)) {
            first.write(kRaise);
            first.waitForBytesWritten(kTimeoutMs);
            first.disconnectFromServer();
            return false;
        }
    }
    // Nobody answered: a socket file left by a crashed run would make listen() fail.
    QLocalServer::removeServer(m_serverName);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_serverName)) {
        // Still the only instance we know of; run without the guard rather than not at all.
        qWarning("marginwatch: cannot listen on %s: %s", qPrintable(m_serverName),
                 qPrintable(m_server->errorString()));
        return true;
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::acceptConnections);
    return true;
}

void SingleInstance::acceptConnections()
{
    while (QLocalSocket* socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        auto read = [this, socket] {
            // Only ever one short line; anything longer is not from marginwatch.
            if (socket->bytesAvailable() > 64) {
                socket->abort();
                return;
            }
            if (socket->canReadLine() && socket->readLine() == kRaise)
                Q_EMIT raiseRequested();
        };
        connect(socket, &QLocalSocket::readyRead, this, read);
        read(); // the line may have arrived with the connection
    }
}

} // namespace marginwatch
