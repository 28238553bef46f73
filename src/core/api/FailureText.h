#pragma once

#include <QNetworkReply>
#include <QString>

#include <chrono>
#include <optional>

// The user-facing sentences of API failures, apart from deciding which failure happened (that is
// FailureDiagnosis): what happened and what to do, in plain language. Translatable under the context
// "FailureText" (the shape of qBittorrent's DownloadHandlerImpl errorCodeToString); English is the
// source language.
namespace marginwatch::FailureText {

QString duration(qint64 ms); // "45 s", "3 min", "2.5 h"
QString utcClock(qint64 ms); // "2023-11-14 22:18:20 UTC"

// 418: until when (local clock); longestBanMs is set when the server's end was beyond it.
QString banned(qint64 untilLocalMs, const QString& host, std::optional<qint64> longestBanMs);
// 429: the wait marginwatch keeps, and what Retry-After asked for (when it did).
QString rateLimited(qint64 waitMs, std::optional<qint64> askedMs);
QString binanceCode(int code, const QString& message, qint64 clockOffsetMs, int recvWindowMs);
QString httpStatus(int status, bool html);
// A transport-level error: no HTTP status to go by.
QString network(QNetworkReply::NetworkError error, std::chrono::milliseconds transferTimeout);
QString undecodableBody();
QString bodyTooLarge(qint64 maxBytes);
QString deadline(std::chrono::milliseconds deadline);
QString emptyBody();
QString htmlBody();
QString badResponse(const QString& parserError);

} // namespace marginwatch::FailureText
