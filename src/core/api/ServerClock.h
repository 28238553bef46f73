#pragma once

#include "util/Expected.h"
#include "util/LocalClock.h"

#include <QString>
#include <QtGlobal>

#include <chrono>
#include <functional>

namespace marginwatch {

// The server-time offset from GET /fapi/v1/time: offset = serverTime - midpoint(send, receive).
// Signed requests carry local time + offset, so a local clock several seconds off still works.
class ServerClock
{
public:
    explicit ServerClock(LocalClock clock = systemClock(),
                         std::chrono::milliseconds refreshPeriod = std::chrono::minutes(10));

    qint64 localNowMs() const { return m_clock(); }
    qint64 serverNowMs() const { return m_clock() + m_offsetMs; }
    qint64 offsetMs() const { return m_offsetMs; }
    bool isSynced() const { return m_synced; }

    // Beyond this the server's time is not believed: Binance keeps its clock right, and a local clock
    // that is a day off breaks more than marginwatch (TLS certificates).
    static constexpr qint64 kMaxPlausibleOffsetMs = 24LL * 3600 * 1000;

    // Records one round trip and returns the new offset; refuses (keeping the old offset) a server
    // time more than kMaxPlausibleOffsetMs away from the local clock, saying why in plain language.
    Expected<qint64> applySample(qint64 localSentMs, qint64 serverTimeMs, qint64 localReceivedMs);
    // True before the first sample, after invalidate() and once the refresh period has passed.
    bool needsSync() const;
    void invalidate() { m_synced = false; } // after -1021: measure again before the retry

    // "local clock is 2.3 s behind the server" / "... ahead of ..." / "local clock agrees with the server".
    static QString describeOffset(qint64 offsetMs);

private:
    LocalClock m_clock;
    std::chrono::milliseconds m_refreshPeriod;
    qint64 m_offsetMs = 0;
    qint64 m_lastSyncLocalMs = 0;
    bool m_synced = false;
};

} // namespace marginwatch
