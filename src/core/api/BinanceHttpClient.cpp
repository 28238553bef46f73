#include "api/BinanceHttpClient.h"

#include "api/ApiKey.h"
#include "api/BaseUrl.h"
#include "api/BinanceNetworkAccessManager.h"
#include "api/FailureDiagnosis.h"
#include "api/RateLimitTiming.h"
#include "api/RequestSigner.h"
#include "api/WeightGovernor.h"

#include <QCoreApplication>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr int kMaxRecvWindowMs = 60000;

// The system proxy (environment / desktop settings), but never for loopback: the simulator and a
// local test endpoint must not be sent through a corporate proxy.
class SystemProxyFactory final : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery& query) override
    {
        if (isLoopbackHost(query.peerHostName()))
            return {QNetworkProxy(QNetworkProxy::NoProxy)};
        return systemProxyForQuery(query);
    }
};

void applyProxy(QNetworkAccessManager& network, const ProxySettings& proxy)
{
    switch (proxy.mode) {
    case ProxySettings::Mode::System:
        network.setProxyFactory(new SystemProxyFactory); // the manager takes ownership
        return;
    case ProxySettings::Mode::None:
        network.setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
        return;
    case ProxySettings::Mode::Http:
    case ProxySettings::Mode::Socks5: {
        const auto type =
            proxy.mode == ProxySettings::Mode::Http ? QNetworkProxy::HttpProxy : QNetworkProxy::Socks5Proxy;
        // QNetworkProxy only takes a QString password: this copy lives as long as the manager.
        network.setProxy(QNetworkProxy(type, proxy.host, proxy.port, proxy.user,
                                       QString::fromUtf8(proxy.password.exposeSecret())));
        return;
    }
    }
}

QByteArray headerValue(const QList<QNetworkReply::RawHeaderPair>& headers, QByteArrayView name)
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace

Expected<void> BinanceHttpClient::configurationError(const ClientConfig& config)
{
    if (const Expected<void> url = validateBaseUrl(config.baseUrl); !url)
        return url;
    if (config.recvWindowMs <= 0 || config.recvWindowMs > kMaxRecvWindowMs)
        return failure(
            QCoreApplication::translate(
                "BinanceHttpClient",
                "recvWindow must be between 1 and 60000 ms (Binance rejects larger values with error "
                "-1131); it is %1 ms")
                .arg(config.recvWindowMs));
    if (config.credentials.apiKey.isEmpty())
        return failure(QCoreApplication::translate("BinanceHttpClient", "no API key is configured"));
    // Whatever path the key came by: it becomes a header, where a line break would start another one.
    if (const Expected<void> key = validateApiKey(config.credentials.apiKey); !key)
        return key;
    if (config.credentials.secret.isEmpty())
        return failure(
            config.credentials.keyType == KeyType::Hmac
                ? QCoreApplication::translate("BinanceHttpClient", "no API secret is configured")
                : QCoreApplication::translate("BinanceHttpClient", "no private key is configured"));
    if (config.transferTimeout.count() <= 0)
        return failure(
            QCoreApplication::translate("BinanceHttpClient", "the request timeout must be positive"));
    if ((config.proxy.mode == ProxySettings::Mode::Http || config.proxy.mode == ProxySettings::Mode::Socks5)
        && (config.proxy.host.trimmed().isEmpty() || config.proxy.port == 0))
        return failure(QCoreApplication::translate("BinanceHttpClient", "the proxy needs a host and a port"));
    return {};
}

BinanceHttpClient::BinanceHttpClient(const ClientConfig& config, const ClientTuning& tuning, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_tuning(tuning)
    , m_clock(tuning.clock, tuning.timeResyncPeriod)
    , m_weight(tuning.weightLimit)
{
    Expected<std::unique_ptr<RequestSigner>> signer =
        makeSigner(m_config.credentials.keyType, m_config.credentials.secret);
    if (signer)
        m_signer = std::move(*signer);
    else
        m_setupError = signer.error();
    // The signer holds its own copy (HMAC) or the parsed key; the PEM/secret is not needed here.
    m_config.credentials.secret.wipe();
    // Checked by configurationError() (printable ASCII) whenever the key came from a user.
    m_network = new BinanceNetworkAccessManager(m_config.credentials.apiKey.toLatin1(), this);
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    applyProxy(*m_network, m_config.proxy);
    // The proxy now holds the password (as QNetworkProxy needs it); this copy is not needed.
    m_config.proxy.password.wipe();
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this,
            [this] { abortReply(m_reply.data(), LocalAbort::Deadline); });
}

BinanceHttpClient::~BinanceHttpClient()
{
    cancel();
}

void BinanceHttpClient::releaseKeyMaterial()
{
    cancel();
    m_signer.reset();
}

std::optional<qint64> BinanceHttpClient::bannedUntilLocalMs() const
{
    if (m_bannedUntilLocalMs > m_clock.localNowMs())
        return m_bannedUntilLocalMs;
    return std::nullopt;
}

void BinanceHttpClient::cancel()
{
    m_pendingLocal = false;
    m_deadline.stop();
    m_localAbort = LocalAbort::None;
    if (QNetworkReply* reply = m_reply.data()) {
        m_reply.clear();
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

bool BinanceHttpClient::get(const QString& path, Security security, const QueryParams& params,
                            Callback callback)
{
    return send(Method::Get, path, security, params, std::move(callback));
}

bool BinanceHttpClient::send(Method method, const QString& path, Security security, const QueryParams& params,
                             Callback callback)
{
    if (isBusy())
        return false;

    std::optional<qint64> until = bannedUntilLocalMs();
    int blockedStatus = 418;
    if (!until && m_governor && m_governor->isPaused(m_clock.localNowMs())) {
        until = m_governor->pausedUntil();
        blockedStatus = m_governor->pauseIsBan() ? 418 : 429;
    }
    if (until) {
        // No request leaves during a ban; answer asynchronously like a real reply would.
        ResponseFacts facts;
        facts.endpoint = path;
        facts.host = m_config.baseUrl.host();
        facts.httpStatus = blockedStatus;
        facts.localNowMs = m_clock.localNowMs();
        facts.retryAfterMs = *until - facts.localNowMs;
        facts.maxBan = m_tuning.maxBan;
        facts.maxRetryAfter = m_tuning.maxRetryAfter;
        ApiFailure banned = *diagnose(facts);
        banned.httpStatus = 0; // nothing was sent
        m_pendingLocal = true;
        QTimer::singleShot(0, this, [this, banned, callback] {
            if (!m_pendingLocal)
                return;
            m_pendingLocal = false;
            callback(failure(banned));
        });
        return true;
    }

    QByteArray query;
    if (security == Security::Signed) {
        if (!m_signer)
            return false;
        const Expected<SignedQuery> signedQuery =
            buildSignedQuery(params, m_clock.serverNowMs(), m_config.recvWindowMs, *m_signer);
        if (!signedQuery)
            return false;
        query = signedQuery->query;
    } else {
        query = buildQuery(params);
    }

    QNetworkRequest request(requestUrl(m_config.baseUrl, path, query));
    request.setTransferTimeout(static_cast<int>(m_config.transferTimeout.count()));
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(BinanceNetworkAccessManager::kApiKeyAttribute, security != Security::Public);
    const qint64 sentAt = m_clock.localNowMs();
    QNetworkReply* reply = nullptr;
    switch (method) {
    case Method::Get:
        reply = m_network->get(request);
        break;
    case Method::Post:
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArray("application/x-www-form-urlencoded"));
        reply = m_network->post(request, QByteArray());
        break;
    case Method::Put:
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArray("application/x-www-form-urlencoded"));
        reply = m_network->put(request, QByteArray());
        break;
    case Method::Delete:
        reply = m_network->deleteResource(request);
        break;
    }
    m_reply = reply;
    m_localAbort = LocalAbort::None;
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, path, sentAt, callback] { onFinished(reply, path, sentAt, callback); });
    // Qt buffers the whole answer: stop one that is announced as, or grows, too large. The buffered
    // byte count is after decompression, which the announced size is not.
    connect(reply, &QNetworkReply::downloadProgress, this, [this, reply](qint64, qint64 total) {
        if (total > m_tuning.maxBodyBytes)
            abortReply(reply, LocalAbort::BodyTooLarge);
    });
    connect(reply, &QNetworkReply::readyRead, this, [this, reply] {
        if (reply->bytesAvailable() > m_tuning.maxBodyBytes)
            abortReply(reply, LocalAbort::BodyTooLarge);
    });
    m_deadline.start(m_tuning.requestDeadline);
    Q_EMIT requestStarted(path);
    return true;
}

void BinanceHttpClient::abortReply(QNetworkReply* reply, LocalAbort reason)
{
    if (!reply || m_reply != reply || m_localAbort != LocalAbort::None)
        return;
    m_localAbort = reason;
    reply->abort(); // finished() follows synchronously and reports the reason
}

void BinanceHttpClient::onFinished(QNetworkReply* reply, const QString& endpoint, qint64 sentAt,
                                   const Callback& callback)
{
    if (m_reply != reply)
        return; // cancelled
    m_reply.clear();
    m_deadline.stop();
    reply->deleteLater();

    const qint64 receivedAt = m_clock.localNowMs();
    m_lastLatency = std::chrono::milliseconds(std::max<qint64>(0, receivedAt - sentAt));
    const QList<QNetworkReply::RawHeaderPair> headers = reply->rawHeaderPairs();
    const int usedWeight = WeightTracker::parseUsedWeight(headers);
    m_weight.record(usedWeight);

    ResponseFacts facts;
    facts.endpoint = endpoint;
    facts.host = m_config.baseUrl.host();
    facts.networkError = reply->error();
    facts.localAbort = std::exchange(m_localAbort, LocalAbort::None);
    facts.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    facts.contentType = headerValue(headers, "Content-Type");
    if (reply->isOpen() && facts.localAbort == LocalAbort::None) // an aborted (timed out) reply is closed
        facts.body = reply->readAll();
    // Qt 6.4 drops a header block it cannot parse (a megabyte of header) without an error.
    facts.headersMissing = facts.httpStatus != 0 && headers.isEmpty();
    const QByteArray encoding = headerValue(headers, "Content-Encoding");
    if (const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        length.isValid() && (encoding.isEmpty() || encoding.compare("identity", Qt::CaseInsensitive) == 0))
        facts.announcedLength = length.toLongLong();
    facts.retryAfterMs = parseRetryAfterMs(headerValue(headers, "Retry-After"), receivedAt);
    facts.localNowMs = receivedAt;
    facts.clockOffsetMs = m_clock.offsetMs();
    facts.recvWindowMs = m_config.recvWindowMs;
    facts.transferTimeout = m_config.transferTimeout;
    facts.requestDeadline = m_tuning.requestDeadline;
    facts.maxBodyBytes = m_tuning.maxBodyBytes;
    facts.defaultRetryAfter = m_tuning.defaultRetryAfter;
    facts.defaultBan = m_tuning.defaultBan;
    facts.maxRetryAfter = m_tuning.maxRetryAfter;
    facts.maxBan = m_tuning.maxBan;
    // Never sooner than a poll would ask again; capped so that it never turns a short rate limit
    // (retried) into a long one (reported).
    facts.minimumWait =
        std::min(std::max(m_config.pollInterval, m_tuning.minimumPollInterval), ApiFailure::kShortRateLimit);

    std::optional<ApiFailure> failed = diagnose(facts);
    if (failed && failed->kind == ApiFailure::Kind::Banned && failed->retryAt)
        m_bannedUntilLocalMs = failed->retryAt->toMSecsSinceEpoch();
    const HttpResult result =
        failed
            ? HttpResult(failure(std::move(*failed)))
            : HttpResult(HttpResponse{endpoint, facts.httpStatus, std::move(facts.body), sentAt, receivedAt});

    if (usedWeight >= 0)
        Q_EMIT weightReported(usedWeight);
    Q_EMIT requestFinished(endpoint, facts.httpStatus);
    callback(result);
}

} // namespace marginwatch
