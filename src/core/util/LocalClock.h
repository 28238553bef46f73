#pragma once

#include <QDateTime>
#include <QtGlobal>

#include <functional>

namespace marginwatch {

// Local wall clock in ms since the epoch. One is injected into everything that asks what time it is
// (the client, the models, the highlight fade, the status bar), so that tests can set the time for
// all of them at once, and skew the client as well as the server.
using LocalClock = std::function<qint64()>;

inline LocalClock systemClock()
{
    return [] {
        return QDateTime::currentMSecsSinceEpoch();
    };
}

} // namespace marginwatch
