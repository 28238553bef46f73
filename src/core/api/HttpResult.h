#pragma once

#include "api/ApiFailure.h"
#include "util/Expected.h"

#include <QByteArray>
#include <QString>

namespace marginwatch {

// A 2xx answer as received.
struct HttpResponse
{
    QString endpoint;
    int httpStatus = 0;
    QByteArray body;
    qint64 sentAtLocalMs = 0;
    qint64 receivedAtLocalMs = 0;
};

// Every request ends in one of these: the answer, or the typed failure diagnosed from it (an error
// body is never passed on).
using HttpResult = Expected<HttpResponse, ApiFailure>;

} // namespace marginwatch
