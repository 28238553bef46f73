#include "api/RateLimitTiming.h"

#include <QDateTime>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace marginwatch {

std::optional<qint64> parseRetryAfterMs(const QByteArray& headerValue, qint64 nowMs)
{
    const QByteArray value = headerValue.trimmed();
    if (value.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = value.toLongLong(&ok);
    if (ok) {
        if (seconds < 0)
            return std::nullopt;
        // Clamped before the multiplication can overflow; the caller caps the wait itself.
        return std::min(seconds, kMaxRetryAfterSeconds) * 1000;
    }
    // HTTP-date ("Tue, 14 Nov 2023 22:13:50 GMT"): Qt's RFC 2822 parser wants a numeric zone.
    QString text = QString::fromLatin1(value);
    if (text.endsWith(u" GMT"_s))
        text = text.chopped(4) + u" +0000"_s;
    const QDateTime date = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!date.isValid())
        return std::nullopt;
    return std::clamp<qint64>(date.toMSecsSinceEpoch() - nowMs, 0, kMaxRetryAfterSeconds * 1000);
}

std::optional<qint64> parseBannedUntilMs(const QString& binanceMessage)
{
    static const QRegularExpression pattern(u"banned until (\\d{10,16})"_s,
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(binanceMessage);
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    qint64 value = match.captured(1).toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    // Ten digits are seconds; Binance sends ms, but be lenient with a seconds value.
    if (match.capturedLength(1) <= 10)
        value *= 1000;
    return value;
}

} // namespace marginwatch
