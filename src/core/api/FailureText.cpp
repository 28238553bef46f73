#include "api/FailureText.h"

#include "api/BaseUrl.h"
#include "api/ServerClock.h"

#include <QCoreApplication>
#include <QDateTime>

#include <cstdlib>

using namespace Qt::StringLiterals;

// Every sentence goes through QCoreApplication::translate() with the literal context "FailureText",
// the form lupdate extracts, so that the context it records is the one looked up at run time.

namespace marginwatch {

namespace {

QString seconds(std::chrono::milliseconds ms)
{
    return QString::number(static_cast<double>(ms.count()) / 1000.0, 'g', 3);
}

} // namespace

QString FailureText::duration(qint64 ms)
{
    const qint64 seconds = (std::max<qint64>(ms, 0) + 999) / 1000;
    if (seconds < 120)
        return QCoreApplication::translate("FailureText", "%1 s").arg(seconds);
    if (seconds < 2 * 3600)
        return QCoreApplication::translate("FailureText", "%1 min").arg((seconds + 59) / 60);
    return QCoreApplication::translate("FailureText", "%1 h")
        .arg(QString::number(static_cast<double>(seconds) / 3600.0, 'f', 1));
}

QString FailureText::utcClock(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s);
}

QString FailureText::banned(qint64 untilLocalMs, const QString& host, std::optional<qint64> longestBanMs)
{
    // The end as a time of day, not a duration: the text stays true while it is on screen, and the
    // window counts down to retryAt in one place.
    QString text =
        QCoreApplication::translate(
            "FailureText",
            "this IP is banned by Binance until %1 after repeated rate-limit errors; no request is sent to %2 "
            "until then. Use a longer polling interval and fewer programs polling from this IP")
            .arg(utcClock(untilLocalMs), host);
    if (longestBanMs)
        text += QCoreApplication::translate(
                    "FailureText",
                    " (the server named a later end, beyond Binance's longest ban of %1; marginwatch "
                    "tries again after that)")
                    .arg(duration(*longestBanMs));
    return text;
}

QString FailureText::rateLimited(qint64 waitMs, std::optional<qint64> askedMs)
{
    const QString why =
        !askedMs ? QString()
        : waitMs < *askedMs
            ? QCoreApplication::translate(
                  "FailureText",
                  " (the server asked for %1, longer than marginwatch believes; this is its limit)")
                  .arg(duration(*askedMs))
        : waitMs > *askedMs
            ? QCoreApplication::translate("FailureText", " (the server asked for %1, too short to slow down)")
                  .arg(duration(*askedMs))
            : QCoreApplication::translate("FailureText", " as the server asked");
    return QCoreApplication::translate(
               "FailureText",
               "rate limit hit (HTTP 429): too many requests from this IP (all programs on it share "
               "the limit); waiting %1 before the next request%2. Use a longer polling interval")
        .arg(duration(waitMs), why);
}

QString FailureText::binanceCode(int code, const QString& message, qint64 clockOffsetMs, int recvWindowMs)
{
    switch (code) {
    case -1021: {
        const QString clock = ServerClock::describeOffset(clockOffsetMs);
        if (std::llabs(clockOffsetMs) < 50)
            return QCoreApplication::translate(
                       "FailureText",
                       "%1, but the request reached the server outside recvWindow (%2 ms): the connection is slow or "
                       "the clock just jumped; marginwatch re-synchronises and retries. On a slow connection raise "
                       "recvWindow (at most 60000 ms)")
                .arg(clock)
                .arg(recvWindowMs);
        return QCoreApplication::translate(
                   "FailureText",
                   "%1; the request's timestamp fell outside recvWindow (%2 ms). marginwatch corrects for the offset "
                   "and retries; turn on automatic time synchronisation (NTP) on this computer")
            .arg(clock)
            .arg(recvWindowMs);
    }
    case -1022:
        return QCoreApplication::translate(
            "FailureText",
            "the signature was rejected: the secret or key type is wrong. Check that the secret (or private "
            "key) belongs to this API key and that the key type (HMAC, RSA, Ed25519) matches");
    case -2014:
        return QCoreApplication::translate(
            "FailureText",
            "the API key's format is invalid: it was probably pasted incompletely or with extra characters. "
            "Copy the key again from Binance API Management");
    case -2015:
        return QCoreApplication::translate(
            "FailureText",
            "Binance refused the API key: usually the API key's IP whitelist (this computer's public IP is not "
            "on it) or a missing 'Enable Futures' permission; also check the key is not deleted and belongs to "
            "this server (production or Binance Demo Trading)");
    case -1003:
        return QCoreApplication::translate(
            "FailureText",
            "too many requests from this IP (all programs on it share the limit of 2400 weight per minute); "
            "use a longer polling interval");
    case -1131:
        return QCoreApplication::translate("FailureText",
                                           "recvWindow is too large: set it to 60000 ms or less");
    case -1102:
    case -1100:
    case -1101:
    case -1104:
        return QCoreApplication::translate(
                   "FailureText",
                   "the server rejected the request's parameters (%1); the base URL may not be a Binance USD-M "
                   "Futures endpoint")
            .arg(message);
    case -1000:
    case -1001:
    case -1007:
    case -1008:
        return QCoreApplication::translate(
                   "FailureText",
                   "the exchange is having trouble (%1); retrying with backoff. If it lasts, check Binance's status "
                   "page")
            .arg(message);
    default:
        return QCoreApplication::translate("FailureText", "Binance rejected the request: %1")
            .arg(message.isEmpty() ? QCoreApplication::translate("FailureText", "no message") : message);
    }
}

QString FailureText::httpStatus(int status, bool html)
{
    if (status == 401)
        return QCoreApplication::translate(
            "FailureText", "the server refused the credentials (HTTP 401): check the API key and its secret");
    if (status == 403)
        return QCoreApplication::translate(
            "FailureText",
            "the request was refused by Binance's web application firewall (HTTP 403): often a "
            "region block or a VPN/proxy exit that Binance refuses; try another network or set a "
            "proxy in the settings");
    if (status >= 500 && html)
        return QCoreApplication::translate(
                   "FailureText",
                   "the server answered with a web page (HTTP %1) instead of JSON: the exchange or a "
                   "proxy in between is having trouble; retrying with backoff")
            .arg(status);
    if (status >= 500)
        return QCoreApplication::translate(
                   "FailureText",
                   "the exchange is having trouble (HTTP %1); retrying with backoff. If it lasts, check "
                   "Binance's status page")
            .arg(status);
    if (status == 404)
        return QCoreApplication::translate(
                   "FailureText", "the endpoint was not found (HTTP 404): check the base URL (%1 or %2)")
            .arg(BinanceUrls::futures().toString(), BinanceUrls::demoFutures().toString());
    if (html)
        return QCoreApplication::translate(
                   "FailureText",
                   "the server answered with a web page (HTTP %1) instead of JSON: the base URL may point "
                   "to a website, or a captive portal or proxy answered in its place")
            .arg(status);
    return QCoreApplication::translate(
               "FailureText",
               "the server refused the request (HTTP %1) without a Binance error code: check the "
               "base URL and proxy settings")
        .arg(status);
}

QString FailureText::network(QNetworkReply::NetworkError error, std::chrono::milliseconds transferTimeout)
{
    const QString timeout = seconds(transferTimeout);
    switch (error) {
    case QNetworkReply::NoError:
        return QCoreApplication::translate("FailureText", "no error");
    case QNetworkReply::ConnectionRefusedError:
        return QCoreApplication::translate(
            "FailureText",
            "connection refused: nothing is listening at the base URL; check the URL and port");
    case QNetworkReply::RemoteHostClosedError:
        return QCoreApplication::translate(
            "FailureText", "the server closed the connection before answering; usually temporary");
    case QNetworkReply::HostNotFoundError:
        return QCoreApplication::translate(
            "FailureText",
            "host not found: check the base URL and this computer's network/DNS; where Binance is blocked, "
            "set a proxy in the settings");
    case QNetworkReply::TimeoutError:
        return QCoreApplication::translate(
            "FailureText", "the connection to the server timed out; check the network or the proxy");
    case QNetworkReply::OperationCanceledError:
        return QCoreApplication::translate(
                   "FailureText",
                   "no complete answer within %1 s (transfer timeout): the network or the exchange is slow")
            .arg(timeout);
    case QNetworkReply::SslHandshakeFailedError:
        return QCoreApplication::translate(
            "FailureText",
            "the secure connection (TLS) failed: the server's certificate could not be verified (a proxy or "
            "antivirus intercepting HTTPS, or a wrong system date); marginwatch never disables this check");
    case QNetworkReply::TemporaryNetworkFailureError:
        return QCoreApplication::translate("FailureText",
                                           "the network is temporarily unavailable; usually temporary");
    case QNetworkReply::NetworkSessionFailedError:
        return QCoreApplication::translate(
            "FailureText", "the network connection was lost; check that this computer is online");
    case QNetworkReply::BackgroundRequestNotAllowedError:
        return QCoreApplication::translate("FailureText",
                                           "the system does not allow network access in the background");
    case QNetworkReply::TooManyRedirectsError:
        return QCoreApplication::translate(
            "FailureText", "too many redirects: the base URL does not point at the Binance API");
    case QNetworkReply::InsecureRedirectError:
        return QCoreApplication::translate(
            "FailureText",
            "the server redirected from HTTPS to plain HTTP; refused for safety. Check the base URL");
    case QNetworkReply::UnknownNetworkError:
        return QCoreApplication::translate("FailureText",
                                           "unknown network error; check the network connection");
    case QNetworkReply::ProxyConnectionRefusedError:
        return QCoreApplication::translate(
            "FailureText", "the proxy refused the connection: check the proxy host and port in the settings");
    case QNetworkReply::ProxyConnectionClosedError:
        return QCoreApplication::translate("FailureText",
                                           "the proxy closed the connection unexpectedly; check the proxy");
    case QNetworkReply::ProxyNotFoundError:
        return QCoreApplication::translate(
            "FailureText", "the proxy host was not found: check the proxy host name in the settings");
    case QNetworkReply::ProxyTimeoutError:
        return QCoreApplication::translate("FailureText",
                                           "the proxy did not answer in time; check the proxy");
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return QCoreApplication::translate(
            "FailureText",
            "the proxy requires a user name and password, or refused the ones given; check them in the "
            "settings");
    case QNetworkReply::UnknownProxyError:
        return QCoreApplication::translate("FailureText", "unknown proxy error; check the proxy settings");
    case QNetworkReply::ContentAccessDenied:
        return QCoreApplication::translate("FailureText", "access denied by the server");
    case QNetworkReply::ContentOperationNotPermittedError:
        return QCoreApplication::translate("FailureText", "the server does not permit this operation");
    case QNetworkReply::ContentNotFoundError:
        return QCoreApplication::translate("FailureText", "the endpoint was not found: check the base URL");
    case QNetworkReply::AuthenticationRequiredError:
        return QCoreApplication::translate(
            "FailureText", "the server requires authentication: check the API key and secret");
    case QNetworkReply::ContentReSendError:
        return QCoreApplication::translate("FailureText",
                                           "the request could not be sent again; usually temporary");
    case QNetworkReply::ContentConflictError:
        return QCoreApplication::translate("FailureText", "the server reported a conflict");
    case QNetworkReply::ContentGoneError:
        return QCoreApplication::translate("FailureText",
                                           "the endpoint no longer exists on the server: check the base URL");
    case QNetworkReply::UnknownContentError:
        return QCoreApplication::translate("FailureText", "the server refused the request");
    case QNetworkReply::ProtocolUnknownError:
        return QCoreApplication::translate("FailureText",
                                           "the base URL's scheme is not supported (use https://)");
    case QNetworkReply::ProtocolInvalidOperationError:
        return QCoreApplication::translate("FailureText", "the server rejected the request as invalid");
    case QNetworkReply::ProtocolFailure:
        return QCoreApplication::translate(
            "FailureText",
            "the server's answer broke the HTTP protocol (a proxy or firewall in between?); usually temporary");
    case QNetworkReply::InternalServerError:
        return QCoreApplication::translate("FailureText",
                                           "the exchange reported an internal error; usually temporary");
    case QNetworkReply::OperationNotImplementedError:
        return QCoreApplication::translate("FailureText",
                                           "the server does not implement this request: check the base URL");
    case QNetworkReply::ServiceUnavailableError:
        return QCoreApplication::translate("FailureText",
                                           "the exchange is unavailable right now; usually temporary");
    case QNetworkReply::UnknownServerError:
        return QCoreApplication::translate("FailureText",
                                           "the server reported an unknown error; usually temporary");
    }
    return QCoreApplication::translate("FailureText", "network error %1; check the network connection")
        .arg(static_cast<int>(error));
}

QString FailureText::undecodableBody()
{
    return QCoreApplication::translate(
        "FailureText",
        "the server's answer could not be decoded (its compression is broken, or it expands far beyond any "
        "real answer): a proxy in between or the server is misbehaving; usually temporary");
}

QString FailureText::bodyTooLarge(qint64 maxBytes)
{
    return QCoreApplication::translate(
               "FailureText",
               "the server's answer is too large (more than %1 MB, far beyond any account) and was cut off: the "
               "base URL may not point at the Binance API, or a proxy in between is misbehaving")
        .arg(maxBytes / (1024 * 1024));
}

QString FailureText::deadline(std::chrono::milliseconds deadline)
{
    return QCoreApplication::translate(
               "FailureText",
               "no complete answer within %1 s: the server kept sending too slowly to finish (the network or "
               "the exchange is overloaded, or something in between is stalling the answer); usually temporary")
        .arg(seconds(deadline));
}

QString FailureText::emptyBody()
{
    return QCoreApplication::translate("FailureText", "the server sent an empty answer; usually temporary");
}

QString FailureText::htmlBody()
{
    return QCoreApplication::translate(
        "FailureText", "the server answered with a web page instead of JSON: a captive portal, a proxy or a "
                       "wrong base URL answered in the exchange's place");
}

QString FailureText::badResponse(const QString& parserError)
{
    return QCoreApplication::translate(
               "FailureText",
               "the server's answer cannot be used (%1); usually temporary (a truncated or corrupted "
               "answer), otherwise the API changed")
        .arg(parserError);
}

} // namespace marginwatch
