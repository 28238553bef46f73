#pragma once

#include "api/ApiFailure.h"
#include "api/ClientConfig.h"
#include "api/ClientTuning.h"
#include "api/FailureDiagnosis.h"
#include "api/HttpResult.h"
#include "api/ServerClock.h"
#include "api/SignedRequestBuilder.h"
#include "api/WeightTracker.h"
#include "util/Expected.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class QNetworkReply;

namespace marginwatch {

class BinanceNetworkAccessManager;
class RequestSigner;
class WeightGovernor;

// One account's connection to one host: signs, sends, diagnoses. At most one request in flight
// (a second get() is refused), the server-time offset and used weight live here, and after a 418
// no request leaves for the host until the ban ends.
class BinanceHttpClient : public QObject
{
    Q_OBJECT
public:
    enum class Security
    {
        Public,
        ApiKey, // the X-MBX-APIKEY header without timestamp or signature (listenKey)
        Signed
    };
    enum class Method
    {
        Get,
        Post,
        Put,
        Delete
    };
    using Callback = std::function<void(const HttpResult&)>;

    BinanceHttpClient(const ClientConfig& config, const ClientTuning& tuning, QObject* parent = nullptr);
    ~BinanceHttpClient() override;

    // Whether requests can be made with `config` at all (nothing is sent otherwise), in plain language.
    static Expected<void> configurationError(const ClientConfig& config);
    // Why the client cannot sign (unreadable key, ...); empty when it can.
    QString setupError() const { return m_setupError; }

    // False (and no callback) when a request is already in flight or the client cannot sign.
    // During a ban the callback receives the Banned failure without anything being sent.
    bool get(const QString& path, Security security, const QueryParams& params, Callback callback);
    // The same for any method; parameters go in the query string, the body stays empty.
    bool send(Method method, const QString& path, Security security, const QueryParams& params,
              Callback callback);
    void cancel(); // aborts the request in flight; its callback is not called
    bool isBusy() const { return !m_reply.isNull() || m_pendingLocal; }

    ServerClock& clock() { return m_clock; }
    const ServerClock& clock() const { return m_clock; }
    const WeightTracker& weight() const { return m_weight; }
    std::optional<qint64> bannedUntilLocalMs() const;
    std::chrono::milliseconds lastLatency() const { return m_lastLatency; }
    void releaseKeyMaterial(); // drops the signer (and so the key); signed requests fail afterwards
    // While the host's governor is paused (a 429/418 on any account of this IP), requests are answered
    // locally like this client's own ban: nothing leaves.
    void setWeightGovernor(std::shared_ptr<WeightGovernor> governor) { m_governor = std::move(governor); }

Q_SIGNALS:
    void requestStarted(const QString& endpoint);
    void requestFinished(const QString& endpoint, int httpStatus);
    // A response's X-MBX-USED-WEIGHT-1M (only when it carried one): the host's weight governor reads it.
    void weightReported(int usedWeight);

private:
    void onFinished(QNetworkReply* reply, const QString& endpoint, qint64 sentAt, const Callback& callback);
    void abortReply(QNetworkReply* reply, LocalAbort reason);

    ClientConfig m_config;
    ClientTuning m_tuning;
    ServerClock m_clock;
    WeightTracker m_weight;
    std::unique_ptr<RequestSigner> m_signer;
    QString m_setupError;
    BinanceNetworkAccessManager* m_network = nullptr;
    QPointer<QNetworkReply> m_reply;
    QTimer m_deadline; // the wall-clock limit of the request in flight
    LocalAbort m_localAbort = LocalAbort::None;
    bool m_pendingLocal = false; // a locally produced answer (ban) is queued
    qint64 m_bannedUntilLocalMs = 0;
    std::shared_ptr<WeightGovernor> m_governor;
    std::chrono::milliseconds m_lastLatency{0};
};

} // namespace marginwatch
