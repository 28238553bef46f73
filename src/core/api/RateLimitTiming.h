#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace marginwatch {

// Longer waits are read as this (ten years): far beyond any cap a caller applies, far below overflow.
inline constexpr qint64 kMaxRetryAfterSeconds = 10LL * 365 * 24 * 3600;

// Retry-After: delta-seconds (what Binance sends) or an HTTP-date. Returns the wait in ms from
// nowMs (never negative, at most kMaxRetryAfterSeconds); empty when absent or unreadable.
std::optional<qint64> parseRetryAfterMs(const QByteArray& headerValue, qint64 nowMs);

// "... IP(1.2.3.4) banned until 1600000000000. ..." -> 1600000000000 (server time, ms since epoch).
std::optional<qint64> parseBannedUntilMs(const QString& binanceMessage);

} // namespace marginwatch
