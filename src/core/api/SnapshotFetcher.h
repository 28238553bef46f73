#pragma once

#include "api/ApiFailure.h"
#include "api/ClientConfig.h"
#include "api/ClientTuning.h"
#include "model/AccountSnapshot.h"

#include <QObject>

#include <memory>

namespace marginwatch {

// One signed snapshot (the --once path and the settings dialog's "Test connection"): up to
// `maxAttempts` attempts for transient failures, none during a 418 ban.
class SnapshotFetcher : public QObject
{
    Q_OBJECT
public:
    explicit SnapshotFetcher(ClientConfig config, int maxAttempts = 3, QObject* parent = nullptr);
    SnapshotFetcher(ClientConfig config, int maxAttempts, ClientTuning tuning, QObject* parent = nullptr);
    ~SnapshotFetcher() override;
    void start();
    void cancel(); // no signal follows
    bool isRunning() const;
    int attemptsMade() const;
    qint64 clockOffsetMs() const;
    int usedWeight() const;

Q_SIGNALS:
    void finished(const marginwatch::AccountSnapshot& snapshot);
    void failed(const marginwatch::ApiFailure& failure);
    void requestStarted(const QString& endpoint);
    void requestFinished(const QString& endpoint, int httpStatus);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace marginwatch
