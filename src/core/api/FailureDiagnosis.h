#pragma once

#include "api/ApiFailure.h"

#include <QByteArray>
#include <QNetworkReply>
#include <QString>

#include <chrono>
#include <optional>

namespace marginwatch {

// Why the client itself ended a request before the server did.
enum class LocalAbort
{
    None,
    BodyTooLarge, // the answer grew past ClientTuning::maxBodyBytes
    Deadline,     // no complete answer within ClientTuning::requestDeadline
};

// Everything known about one finished request, taken from the QNetworkReply by the client so that
// diagnosis is a pure function (table-tested without a network).
struct ResponseFacts
{
    QString endpoint; // path only
    QString host;     // for "no request is sent to <host>"
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    LocalAbort localAbort = LocalAbort::None;
    int httpStatus = 0; // 0: no HTTP response arrived
    QByteArray contentType;
    QByteArray body;
    // Content-Length of an uncompressed answer; Qt 6.4 reports a connection closed before any of the
    // body as a success, so a shorter body is the only sign of it.
    std::optional<qint64> announcedLength;
    bool headersMissing = false;        // a status line without a single header: the header was unreadable
    std::optional<qint64> retryAfterMs; // parsed Retry-After, relative to localNowMs
    qint64 localNowMs = 0;
    qint64 clockOffsetMs = 0; // serverTime - localTime as currently known
    int recvWindowMs = 5000;
    std::chrono::milliseconds transferTimeout{10000};
    std::chrono::milliseconds requestDeadline{30000};
    qint64 maxBodyBytes = 64LL * 1024 * 1024;
    std::chrono::milliseconds defaultRetryAfter{60000}; // 429 without Retry-After
    std::chrono::milliseconds defaultBan{120000};       // 418 without any end time (Binance's minimum)
    std::chrono::milliseconds maxRetryAfter{24LL * 3600 * 1000};
    std::chrono::milliseconds maxBan{3LL * 24 * 3600 * 1000};
    // Shortest wait after a 429 or 418, whatever the server asks: "Retry-After: 0" (or a ban end that
    // has passed) must not turn a refusal into a burst of requests.
    std::chrono::milliseconds minimumWait{0};
};

// nullopt: a complete 2xx answer that is neither empty nor a web page (its JSON is the parser's to
// check, in the pass that reads it). Otherwise the typed failure with its explanation; for 429
// and 418 retryAt is when the server allows the next request (local clock).
std::optional<ApiFailure> diagnose(const ResponseFacts& facts);

ApiFailure::Kind networkErrorKind(QNetworkReply::NetworkError error);

// The parser accepted no snapshot (or server time) from a 2xx body: invalid JSON, a missing or
// malformed field, an implausible value.
ApiFailure badResponseFailure(const QString& endpoint, const QString& parserError, qint64 localNowMs);
// Settings that cannot work; nothing was sent.
ApiFailure configurationFailure(const QString& explanation, qint64 localNowMs);

} // namespace marginwatch
