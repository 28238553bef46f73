#pragma once

#include <QObject>

#include <memory>

class QSocketNotifier;

namespace marginwatch {

// Turns SIGINT and SIGTERM into a Qt signal (the self-pipe pattern): the async-signal handler only
// writes one byte to a socket pair; a QSocketNotifier picks it up in the event loop, so whatever the
// loop was doing (a CSV append) finishes first. One instance at a time; the previous dispositions
// are restored on destruction.
class TerminationSignals : public QObject
{
    Q_OBJECT
public:
    explicit TerminationSignals(QObject* parent = nullptr);
    ~TerminationSignals() override;

    bool isInstalled() const { return m_installed; }

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    void readSignal();

    bool m_installed = false;
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace marginwatch
