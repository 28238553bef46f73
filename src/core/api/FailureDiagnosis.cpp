#include "api/FailureDiagnosis.h"

#include "api/FailureText.h"
#include "api/RateLimitTiming.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>

// Which failure a finished request is, and its typed facts (kind, codes, when to try again). The
// sentences that explain it are FailureText's.

namespace marginwatch {

namespace {

// The server's own words are shown on screen and written to terminals: control characters (escape
// sequences, line breaks) and invisible format characters (bidirectional overrides that reorder what
// is read) become spaces.
QString printable(QString text)
{
    for (QChar& c : text) {
        const QChar::Category category = c.category();
        if (category == QChar::Other_Control || category == QChar::Other_Format)
            c = u' ';
    }
    return text;
}

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
    return BinanceError{value, printable(object.value(u"msg").toString().left(300))};
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

ApiFailure base(const ResponseFacts& facts, ApiFailure::Kind kind)
{
    ApiFailure failure;
    failure.kind = kind;
    failure.endpoint = facts.endpoint;
    failure.httpStatus = facts.httpStatus;
    failure.occurredAt = utc(facts.localNowMs);
    return failure;
}

ApiFailure withBinanceError(ApiFailure failure, const std::optional<BinanceError>& error)
{
    if (error) {
        failure.binanceCode = error->code;
        failure.binanceMessage = error->message;
    }
    return failure;
}

ApiFailure banned(const ResponseFacts& facts, const QString& message)
{
    ApiFailure failure = base(facts, ApiFailure::Kind::Banned);
    // Prefer the exchange's own end time (server clock, converted to ours), then Retry-After, then
    // Binance's shortest ban. An end that has already passed says nothing: a 418 means banned now.
    qint64 untilLocal = facts.localNowMs + facts.defaultBan.count();
    const std::optional<qint64> serverUntil = parseBannedUntilMs(message);
    if (serverUntil && *serverUntil - facts.clockOffsetMs > facts.localNowMs)
        untilLocal = *serverUntil - facts.clockOffsetMs;
    else if (facts.retryAfterMs)
        untilLocal = facts.localNowMs + *facts.retryAfterMs;
    untilLocal = std::max(untilLocal, facts.localNowMs + facts.minimumWait.count());
    std::optional<qint64> capped;
    if (untilLocal - facts.localNowMs > facts.maxBan.count()) {
        untilLocal = facts.localNowMs + facts.maxBan.count();
        capped = facts.maxBan.count();
    }
    failure.retryAt = utc(untilLocal);
    failure.explanation = FailureText::banned(untilLocal, facts.host, capped);
    return failure;
}

ApiFailure rateLimited(const ResponseFacts& facts)
{
    ApiFailure failure = base(facts, ApiFailure::Kind::RateLimited);
    const qint64 asked = facts.retryAfterMs.value_or(facts.defaultRetryAfter.count());
    const qint64 wait =
        std::min<qint64>(std::max<qint64>(asked, facts.minimumWait.count()), facts.maxRetryAfter.count());
    failure.retryAt = utc(facts.localNowMs + wait);
    failure.explanation =
        FailureText::rateLimited(wait, facts.retryAfterMs ? std::optional<qint64>(asked) : std::nullopt);
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
        failure.explanation = FailureText::network(truncated ? QNetworkReply::RemoteHostClosedError
                                                             : QNetworkReply::ProtocolFailure,
                                                   facts.transferTimeout);
        return failure;
    }
    ApiFailure failure = base(facts, networkErrorKind(facts.networkError));
    // With a 2xx status, Qt's content errors come from decoding the body, not from a refusal.
    const int error = facts.networkError;
    const bool decoding =
        error >= QNetworkReply::ContentAccessDenied && error <= QNetworkReply::UnknownContentError;
    failure.explanation = decoding ? FailureText::undecodableBody()
                                   : FailureText::network(facts.networkError, facts.transferTimeout);
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

std::optional<ApiFailure> diagnose(const ResponseFacts& facts)
{
    // Order as in Zeal: transport first, then the HTTP status and Binance's error body, then the
    // shape of a successful body.
    if (facts.localAbort == LocalAbort::BodyTooLarge) {
        ApiFailure failure = base(facts, ApiFailure::Kind::Network);
        failure.explanation = FailureText::bodyTooLarge(facts.maxBodyBytes);
        return failure;
    }
    if (facts.localAbort == LocalAbort::Deadline) {
        ApiFailure failure = base(facts, ApiFailure::Kind::Timeout);
        failure.explanation = FailureText::deadline(facts.requestDeadline);
        return failure;
    }
    if (facts.httpStatus == 0) {
        const QNetworkReply::NetworkError error = facts.networkError == QNetworkReply::NoError
                                                      ? QNetworkReply::UnknownNetworkError
                                                      : facts.networkError;
        ApiFailure failure = base(facts, networkErrorKind(error));
        failure.explanation = FailureText::network(error, facts.transferTimeout);
        return failure;
    }

    const std::optional<BinanceError> error = binanceErrorIn(facts);
    if (facts.httpStatus == 418 || (error && parseBannedUntilMs(error->message)))
        return withBinanceError(banned(facts, error ? error->message : QString()), error);
    if (facts.httpStatus == 429)
        return withBinanceError(rateLimited(facts), error);
    if (error) {
        ApiFailure failure = withBinanceError(base(facts, ApiFailure::Kind::BinanceCode), error);
        failure.explanation =
            FailureText::binanceCode(error->code, error->message, facts.clockOffsetMs, facts.recvWindowMs);
        return failure;
    }
    if (facts.httpStatus < 200 || facts.httpStatus >= 300) {
        ApiFailure failure = base(facts, ApiFailure::Kind::Http);
        failure.explanation = FailureText::httpStatus(facts.httpStatus, looksLikeHtml(facts));
        return failure;
    }
    if (std::optional<ApiFailure> failed = transferFailedAfterStatus(facts))
        return failed;

    ApiFailure failure = base(facts, ApiFailure::Kind::BadResponse);
    if (facts.body.trimmed().isEmpty()) {
        failure.explanation = FailureText::emptyBody();
        return failure;
    }
    if (looksLikeHtml(facts)) {
        failure.explanation = FailureText::htmlBody();
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
    failure.explanation = FailureText::badResponse(parserError);
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
