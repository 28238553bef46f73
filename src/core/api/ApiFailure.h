#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <chrono>
#include <optional>

namespace marginwatch {

// Every failure of a request or a poll cycle, typed, with a plain-language explanation of what to
// do. Never carries a secret, a signature or a signed query string.
struct ApiFailure
{
    enum class Kind
    {
        Network,     // DNS, refused, reset, TLS, proxy
        Timeout,     // transfer timeout elapsed
        Http,        // HTTP error without a Binance error body (403 WAF, 5xx HTML page, ...)
        BinanceCode, // {"code": -xxxx, "msg": "..."}
        BadResponse, // malformed JSON, missing field, truncated, empty body
        Banned,      // HTTP 418 / -1003 with "banned until"
        RateLimited, // HTTP 429
        // The settings cannot work (recvWindow > 60000, http:// to a non-loopback host, an unreadable
        // private key). Nothing was sent; retrying cannot help, the settings must change.
        Configuration,
    };

    Kind kind = Kind::Network;
    int binanceCode = 0; // 0 when the response carried none
    QString binanceMessage;
    int httpStatus = 0;  // 0 when no HTTP response arrived
    QString endpoint;    // path only, e.g. "/fapi/v3/account" (never the signed query)
    QString explanation; // plain language: what happened and what to do
    QDateTime occurredAt;
    std::optional<QDateTime> retryAt; // when the poller will (or may) try again

    // -2014, -2015, -1022, HTTP 401 (and 403 with a Binance code): polling stops, no retry loop.
    bool isAuthentication() const;
    // Worth retrying with backoff: network, timeout, 5xx, bad response, 429 with a short wait (<= 10 s),
    // -1021 (after a time re-sync). Never: authentication, bans, configuration.
    bool isTransient() const;
    // A rate limit (429) this short is waited out and retried; a longer one is reported.
    static constexpr std::chrono::milliseconds kShortRateLimit{10000};
    // One line for stderr and logs, e.g. "error -1021: local clock is 2.3 s behind the server; ...".
    QString summaryLine() const;
};

QString toString(ApiFailure::Kind kind);

} // namespace marginwatch

Q_DECLARE_METATYPE(marginwatch::ApiFailure)
