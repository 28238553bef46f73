#include "api/FailureDiagnosis.h"

#include "api/BaseUrl.h"
#include "api/RateLimitTiming.h"
#include "api/ServerClock.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLocale>

#include <cmath>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

struct BinanceError
{
    int code = 0;
    QString message;
};

// Only error statuses carry Binance's {"code":-1234,"msg":"..."}; a 2xx body is parsed once, by
// the snapshot parser.
std::optional<BinanceError> binanceErrorIn(const ResponseFacts& facts)
{
    // Binance's error bodies are a few hundred bytes; anything long is someone else's page.
    constexpr qsizetype kMaxErrorBodyBytes = 64 * 1024;
    const QByteArray& body = facts.body;
    if ((facts.httpStatus >= 200 && facts.httpStatus < 300) || body.size() > kMaxErrorBodyBytes)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    const QJsonValue code = object.value(u"code");
    if (!code.isDouble())
        return std::nullopt;
    const int value = code.toInt();
    // Some endpoints answer {"code":200,"msg":"success"}: only negative codes are errors.
    if (value >= 0)
        return std::nullopt;
    // Messages are short on Binance; a long one is not Binance's and is not echoed in full.
    return BinanceError{value, object.value(u"msg").toString().left(300)};
}

bool looksLikeHtml(const ResponseFacts& facts)
{
    if (facts.contentType.contains("html"))
        return true;
    const QByteArray head = facts.body.left(64).trimmed().toLower();
    return head.startsWith("<!doctype") || head.startsWith("<html") || head.startsWith('<');
}

QDateTime utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

QString utcClock(qint64 ms)
{
    return utc(ms).toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s);
}

QString duration(qint64 ms)
{
    const qint64 seconds = (std::max<qint64>(ms, 0) + 999) / 1000;
    if (seconds < 120)
        return u"%1 s"_s.arg(seconds);
    if (seconds < 2 * 3600)
        return u"%1 min"_s.arg((seconds + 59) / 60);
    return u"%1 h"_s.arg(QString::number(static_cast<double>(seconds) / 3600.0, 'f', 1));
}

ApiFailure base(const ResponseFacts& facts, ApiFailure::Kind kind)
{
    ApiFailure failure;
    failure.kind = kind;
    failure.endpoint = facts.endpoint;
    failure.httpStatus = facts.httpStatus;
    failure.occurredAt = utc(facts.localNowMs);
    return failure;
}

ApiFailure banned(const ResponseFacts& facts, const QString& message)
{
    ApiFailure failure = base(facts, ApiFailure::Kind::Banned);
    // Prefer the exchange's own end time (server clock, converted to ours), then Retry-After.
    qint64 untilLocal = facts.localNowMs + facts.defaultBan.count();
    if (const auto serverUntil = parseBannedUntilMs(message))
        untilLocal = *serverUntil - facts.clockOffsetMs;
    else if (facts.retryAfterMs)
        untilLocal = facts.localNowMs + *facts.retryAfterMs;
    const bool capped = untilLocal - facts.localNowMs > facts.maxBan.count();
    if (capped)
        untilLocal = facts.localNowMs + facts.maxBan.count();
    failure.retryAt = utc(untilLocal);
    // The end as a time of day, not a duration: the text stays true while it is on screen, and the
    // window counts down to retryAt in one place.
    failure.explanation =
        u"this IP is banned by Binance until %1 after repeated rate-limit errors; no request is sent to %2 "
        "until then. Use a longer polling interval and fewer programs polling from this IP"_s.arg(
            utcClock(untilLocal), facts.host);
    if (capped)
        failure.explanation +=
            u" (the server named a later end, beyond Binance's longest ban of %1; marginwatch "
            "tries again after that)"_s.arg(duration(facts.maxBan.count()));
    return failure;
}

ApiFailure rateLimited(const ResponseFacts& facts)
{
    ApiFailure failure = base(facts, ApiFailure::Kind::RateLimited);
    const qint64 asked = facts.retryAfterMs.value_or(facts.defaultRetryAfter.count());
    const qint64 wait = std::min<qint64>(asked, facts.maxRetryAfter.count());
    failure.retryAt = utc(facts.localNowMs + wait);
    const QString why =
        !facts.retryAfterMs ? QString()
        : wait < asked
            ? u" (the server asked for %1, longer than marginwatch believes; this is its limit)"_s.arg(
                duration(asked))
            : u" as the server asked"_s;
    failure.explanation =
        u"rate limit hit (HTTP 429): too many requests from this IP (all programs on it share "
        "the limit); waiting %1 before the next request%2. Use a longer polling interval"_s.arg(
            duration(wait), why);
    return failure;
}

QString binanceExplanation(const ResponseFacts& facts, const BinanceError& error)
{
    switch (error.code) {
    case -1021: {
        const QString clock = ServerClock::describeOffset(facts.clockOffsetMs);
        if (std::llabs(facts.clockOffsetMs) < 50)
            return u"%1, but the request reached the server outside recvWindow (%2 ms): the connection is slow or "
                   "the clock just jumped; marginwatch re-synchronises and retries. On a slow connection raise "
                   "recvWindow (at most 60000 ms)"_s.arg(clock)
                       .arg(facts.recvWindowMs);
        return u"%1; the request's timestamp fell outside recvWindow (%2 ms). marginwatch corrects for the offset "
               "and retries; turn on automatic time synchronisation (NTP) on this computer"_s.arg(clock)
                   .arg(facts.recvWindowMs);
    }
    case -1022:
        return u"the signature was rejected: the secret or key type is wrong. Check that the secret (or private "
               "key) belongs to this API key and that the key type (HMAC, RSA, Ed25519) matches"_s;
    case -2014:
        return u"the API key's format is invalid: it was probably pasted incompletely or with extra characters. "
               "Copy the key again from Binance API Management"_s;
    case -2015:
        return u"Binance refused the API key: usually the API key's IP whitelist (this computer's public IP is not "
               "on it) or a missing 'Enable Futures' permission; also check the key is not deleted and belongs to "
               "this server (production or Binance Demo Trading)"_s;
    case -1003:
        return u"too many requests from this IP (all programs on it share the limit of 2400 weight per minute); "
               "use a longer polling interval"_s;
    case -1131:
        return u"recvWindow is too large: set it to 60000 ms or less"_s;
    case -1102:
    case -1100:
    case -1101:
    case -1104:
        return u"the server rejected the request's parameters (%1); the base URL may not be a Binance USD-M "
               "Futures endpoint"_s.arg(error.message);
    case -1000:
    case -1001:
    case -1007:
    case -1008:
        return u"the exchange is having trouble (%1); retrying with backoff. If it lasts, check Binance's status "
               "page"_s.arg(error.message);
    default:
        return u"Binance rejected the request: %1"_s.arg(error.message.isEmpty() ? u"no message"_s
                                                                                 : error.message);
    }
}

ApiFailure httpFailure(const ResponseFacts& facts)
{
    ApiFailure failure = base(facts, ApiFailure::Kind::Http);
    const int status = facts.httpStatus;
    const bool html = looksLikeHtml(facts);
    if (status == 401)
        failure.explanation =
            u"the server refused the credentials (HTTP 401): check the API key and its secret"_s;
    else if (status == 403)
        failure.explanation =
            u"the request was refused by Binance's web application firewall (HTTP 403): often a "
            "region block or a VPN/proxy exit that Binance refuses; try another network or set a "
            "proxy in the settings"_s;
    else if (status >= 500 && html)
        failure.explanation =
            u"the server answered with a web page (HTTP %1) instead of JSON: the exchange or a "
            "proxy in between is having trouble; retrying with backoff"_s.arg(status);
    else if (status >= 500)
        failure.explanation =
            u"the exchange is having trouble (HTTP %1); retrying with backoff. If it lasts, check "
            "Binance's status page"_s.arg(status);
    else if (status == 404)
        failure.explanation = u"the endpoint was not found (HTTP 404): check the base URL (%1 or %2)"_s.arg(
            BinanceUrls::futures().toString(), BinanceUrls::demoFutures().toString());
    else if (html)
        failure.explanation =
            u"the server answered with a web page (HTTP %1) instead of JSON: the base URL may point "
            "to a website, or a captive portal or proxy answered in its place"_s.arg(status);
    else
        failure.explanation =
            u"the server refused the request (HTTP %1) without a Binance error code: check the "
            "base URL and proxy settings"_s.arg(status);
    return failure;
}

// A 2xx status, then the transfer failed (connection reset, a header Qt could not read, a body that
// Qt's decompression guard stopped): the body is incomplete, so its shape says nothing.
std::optional<ApiFailure> transferFailedAfterStatus(const ResponseFacts& facts)
{
    const bool truncated = facts.announcedLength && facts.body.size() < *facts.announcedLength;
    if (facts.networkError == QNetworkReply::NoError && !truncated && !facts.headersMissing)
        return std::nullopt;
    if (facts.networkError == QNetworkReply::NoError) {
        ApiFailure failure = base(facts, ApiFailure::Kind::Network);
        failure.explanation = networkErrorText(truncated ? QNetworkReply::RemoteHostClosedError
                                                         : QNetworkReply::ProtocolFailure,
                                               facts.transferTimeout);
        return failure;
    }
    ApiFailure failure = base(facts, networkErrorKind(facts.networkError));
    // With a 2xx status, Qt's content errors come from decoding the body, not from a refusal.
    const int error = facts.networkError;
    failure.explanation =
        error >= QNetworkReply::ContentAccessDenied && error <= QNetworkReply::UnknownContentError
            ? u"the server's answer could not be decoded (its compression is broken, or it expands far beyond any "
              "real answer): a proxy in between or the server is misbehaving; usually temporary"_s
            : networkErrorText(facts.networkError, facts.transferTimeout);
    return failure;
}

} // namespace

ApiFailure::Kind networkErrorKind(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // Qt 6.4 reports an elapsed transfer timeout this way
    case QNetworkReply::ProxyTimeoutError:
        return ApiFailure::Kind::Timeout;
    default:
        return ApiFailure::Kind::Network;
    }
}

QString networkErrorText(QNetworkReply::NetworkError error, std::chrono::milliseconds transferTimeout)
{
    const QString timeout = QString::number(static_cast<double>(transferTimeout.count()) / 1000.0, 'g', 3);
    switch (error) {
    case QNetworkReply::NoError:
        return u"no error"_s;
    case QNetworkReply::ConnectionRefusedError:
        return u"connection refused: nothing is listening at the base URL; check the URL and port"_s;
    case QNetworkReply::RemoteHostClosedError:
        return u"the server closed the connection before answering; usually temporary"_s;
    case QNetworkReply::HostNotFoundError:
        return u"host not found: check the base URL and this computer's network/DNS; where Binance is blocked, "
               "set a proxy in the settings"_s;
    case QNetworkReply::TimeoutError:
        return u"the connection to the server timed out; check the network or the proxy"_s;
    case QNetworkReply::OperationCanceledError:
        return u"no complete answer within %1 s (transfer timeout): the network or the exchange is slow"_s
            .arg(timeout);
    case QNetworkReply::SslHandshakeFailedError:
        return u"the secure connection (TLS) failed: the server's certificate could not be verified (a proxy or "
               "antivirus intercepting HTTPS, or a wrong system date); marginwatch never disables this check"_s;
    case QNetworkReply::TemporaryNetworkFailureError:
        return u"the network is temporarily unavailable; usually temporary"_s;
    case QNetworkReply::NetworkSessionFailedError:
        return u"the network connection was lost; check that this computer is online"_s;
    case QNetworkReply::BackgroundRequestNotAllowedError:
        return u"the system does not allow network access in the background"_s;
    case QNetworkReply::TooManyRedirectsError:
        return u"too many redirects: the base URL does not point at the Binance API"_s;
    case QNetworkReply::InsecureRedirectError:
        return u"the server redirected from HTTPS to plain HTTP; refused for safety. Check the base URL"_s;
    case QNetworkReply::UnknownNetworkError:
        return u"unknown network error; check the network connection"_s;
    case QNetworkReply::ProxyConnectionRefusedError:
        return u"the proxy refused the connection: check the proxy host and port in the settings"_s;
    case QNetworkReply::ProxyConnectionClosedError:
        return u"the proxy closed the connection unexpectedly; check the proxy"_s;
    case QNetworkReply::ProxyNotFoundError:
        return u"the proxy host was not found: check the proxy host name in the settings"_s;
    case QNetworkReply::ProxyTimeoutError:
        return u"the proxy did not answer in time; check the proxy"_s;
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return u"the proxy requires a user name and password, or refused the ones given; check them in the "
               "settings"_s;
    case QNetworkReply::UnknownProxyError:
        return u"unknown proxy error; check the proxy settings"_s;
    case QNetworkReply::ContentAccessDenied:
        return u"access denied by the server"_s;
    case QNetworkReply::ContentOperationNotPermittedError:
        return u"the server does not permit this operation"_s;
    case QNetworkReply::ContentNotFoundError:
        return u"the endpoint was not found: check the base URL"_s;
    case QNetworkReply::AuthenticationRequiredError:
        return u"the server requires authentication: check the API key and secret"_s;
    case QNetworkReply::ContentReSendError:
        return u"the request could not be sent again; usually temporary"_s;
    case QNetworkReply::ContentConflictError:
        return u"the server reported a conflict"_s;
    case QNetworkReply::ContentGoneError:
        return u"the endpoint no longer exists on the server: check the base URL"_s;
    case QNetworkReply::UnknownContentError:
        return u"the server refused the request"_s;
    case QNetworkReply::ProtocolUnknownError:
        return u"the base URL's scheme is not supported (use https://)"_s;
    case QNetworkReply::ProtocolInvalidOperationError:
        return u"the server rejected the request as invalid"_s;
    case QNetworkReply::ProtocolFailure:
        return u"the server's answer broke the HTTP protocol (a proxy or firewall in between?); usually temporary"_s;
    case QNetworkReply::InternalServerError:
        return u"the exchange reported an internal error; usually temporary"_s;
    case QNetworkReply::OperationNotImplementedError:
        return u"the server does not implement this request: check the base URL"_s;
    case QNetworkReply::ServiceUnavailableError:
        return u"the exchange is unavailable right now; usually temporary"_s;
    case QNetworkReply::UnknownServerError:
        return u"the server reported an unknown error; usually temporary"_s;
    }
    return u"network error %1; check the network connection"_s.arg(static_cast<int>(error));
}

std::optional<ApiFailure> diagnose(const ResponseFacts& facts)
{
    // Order as in Zeal: transport first, then the HTTP status and Binance's error body, then the
    // shape of a successful body.
    if (facts.localAbort == LocalAbort::BodyTooLarge) {
        ApiFailure failure = base(facts, ApiFailure::Kind::Network);
        failure.explanation =
            u"the server's answer is too large (more than %1 MB, far beyond any account) and was cut off: the "
            "base URL may not point at the Binance API, or a proxy in between is misbehaving"_s.arg(
                facts.maxBodyBytes / (1024 * 1024));
        return failure;
    }
    if (facts.localAbort == LocalAbort::Deadline) {
        ApiFailure failure = base(facts, ApiFailure::Kind::Timeout);
        failure.explanation =
            u"no complete answer within %1 s: the server kept sending too slowly to finish (the network or "
            "the exchange is overloaded, or something in between is stalling the answer); usually temporary"_s
                .arg(QString::number(static_cast<double>(facts.requestDeadline.count()) / 1000.0, 'g', 3));
        return failure;
    }
    if (facts.httpStatus == 0) {
        const QNetworkReply::NetworkError error = facts.networkError == QNetworkReply::NoError
                                                      ? QNetworkReply::UnknownNetworkError
                                                      : facts.networkError;
        ApiFailure failure = base(facts, networkErrorKind(error));
        failure.explanation = networkErrorText(error, facts.transferTimeout);
        return failure;
    }

    const std::optional<BinanceError> error = binanceErrorIn(facts);
    if (facts.httpStatus == 418 || (error && parseBannedUntilMs(error->message))) {
        ApiFailure failure = banned(facts, error ? error->message : QString());
        if (error) {
            failure.binanceCode = error->code;
            failure.binanceMessage = error->message;
        }
        return failure;
    }
    if (facts.httpStatus == 429) {
        ApiFailure failure = rateLimited(facts);
        if (error) {
            failure.binanceCode = error->code;
            failure.binanceMessage = error->message;
        }
        return failure;
    }
    if (error) {
        ApiFailure failure = base(facts, ApiFailure::Kind::BinanceCode);
        failure.binanceCode = error->code;
        failure.binanceMessage = error->message;
        failure.explanation = binanceExplanation(facts, *error);
        return failure;
    }
    if (facts.httpStatus < 200 || facts.httpStatus >= 300)
        return httpFailure(facts);
    if (std::optional<ApiFailure> failed = transferFailedAfterStatus(facts))
        return failed;

    ApiFailure failure = base(facts, ApiFailure::Kind::BadResponse);
    if (facts.body.trimmed().isEmpty()) {
        failure.explanation = u"the server sent an empty answer; usually temporary"_s;
        return failure;
    }
    if (looksLikeHtml(facts)) {
        failure.explanation =
            u"the server answered with a web page instead of JSON: a captive portal, a proxy or a "
            "wrong base URL answered in the exchange's place"_s;
        return failure;
    }
    // Whether the rest is valid JSON of the expected shape is the parser's to say, in the same pass
    // that reads it.
    return std::nullopt;
}

ApiFailure badResponseFailure(const QString& endpoint, const QString& parserError, qint64 localNowMs)
{
    ApiFailure failure;
    failure.kind = ApiFailure::Kind::BadResponse;
    failure.endpoint = endpoint;
    failure.httpStatus = 200;
    failure.occurredAt = utc(localNowMs);
    failure.explanation =
        u"the server's answer cannot be used (%1); usually temporary (a truncated or corrupted "
        "answer), otherwise the API changed"_s.arg(parserError);
    return failure;
}

ApiFailure configurationFailure(const QString& explanation, qint64 localNowMs)
{
    ApiFailure failure;
    failure.kind = ApiFailure::Kind::Configuration;
    failure.occurredAt = utc(localNowMs);
    failure.explanation = explanation;
    return failure;
}

} // namespace marginwatch
