#pragma once

#include <QObject>
#include <QString>

class QLocalServer;

namespace marginwatch {

// One marginwatch per user session: a second launch asks the first to show its window and exits, so
// the same key is never polled twice. Through a local socket (QLocalServer), private to the user.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    // serverName: a socket name or an absolute path; the app uses defaultServerName().
    explicit SingleInstance(QString serverName, QObject* parent = nullptr);
    ~SingleInstance() override;

    // True when this process is the first: it now listens for later ones. False when another one
    // answered; it has been asked to show itself.
    bool claim();

    static QString defaultServerName();

Q_SIGNALS:
    void raiseRequested(); // a later launch wants the window

private:
    void acceptConnections();

    QString m_serverName;
    QLocalServer* m_server = nullptr;
};

} // namespace marginwatch
