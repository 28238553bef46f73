#pragma once

#include "api/ApiFailure.h"
#include "api/ClientConfig.h"
#include "api/ClientTuning.h"
#include "api/KeyPermissions.h"

#include <QObject>

#include <memory>

namespace marginwatch {

class BinanceHttpClient;

// One look at what the key may do (Test connection and each start): GET /sapi/v1/account/apiRestrictions
// (signed, weight 1) on the /sapi host of the futures base URL (keyPermissionsBaseUrl), after a time
// sync with that host. Its own client, so the futures poller's one-request-at-a-time and weight
// tracking stay with the futures host; every request has the client's deadline.
class KeyPermissionCheck : public QObject
{
    Q_OBJECT
public:
    // `futuresConfig` is the account's configuration (base URL of the futures host, credentials).
    explicit KeyPermissionCheck(ClientConfig futuresConfig, ClientTuning tuning = {},
                                QObject* parent = nullptr);
    ~KeyPermissionCheck() override;

    void start();  // exactly one of the signals follows, from the event loop
    void cancel(); // no signal follows
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void finished(const marginwatch::KeyPermissions& permissions);
    void failed(const marginwatch::ApiFailure& failure);
    void notAvailable(const QString& note); // Binance Demo Trading: nothing to ask

private:
    void requestPermissions();

    ClientConfig m_config;
    ClientTuning m_tuning;
    std::unique_ptr<BinanceHttpClient> m_client;
    bool m_running = false;
    quint64 m_generation = 0;
};

} // namespace marginwatch
