#pragma once

#include "api/ServerClock.h"

#include <chrono>

namespace marginwatch {

// Timings of the client that production leaves at their defaults and tests shorten, so the whole
// suite runs in seconds against the simulator. Every field has the production value.
struct ClientTuning
{
    std::chrono::milliseconds minimumPollInterval{1000}; // shorter configured intervals are raised to this
    std::chrono::milliseconds backoffBase{1000};
    std::chrono::milliseconds backoffCap{60000};
    std::chrono::milliseconds defaultRetryAfter{60000}; // 429 without Retry-After
    std::chrono::milliseconds defaultBan{120000};       // 418 without an end time: Binance's shortest ban
    // Longest waits believed; a server asking for more gets this (and the explanation says so).
    std::chrono::milliseconds maxRetryAfter{24LL * 3600 * 1000}; // 429
    std::chrono::milliseconds maxBan{3LL * 24 * 3600 * 1000};    // 418: Binance's longest ban is 3 days
    std::chrono::milliseconds timeResyncPeriod{600000};          // server-time offset refresh
    std::chrono::milliseconds configRefreshPeriod{300000};       // accountConfig + symbolConfig refresh
    // GET /fapi/v1/leverageBracket refresh (brackets change rarely); 0 = not fetched. Whoever needs
    // maintenance margins (stress figures) sets it.
    std::chrono::milliseconds leverageBracketRefreshPeriod{0};
    // Wall-clock limit of one request from send to the last byte. The transfer timeout only fires on
    // silence, so a server that trickles a byte now and then would otherwise hold a poll forever.
    std::chrono::milliseconds requestDeadline{30000};
    // Largest answer accepted (decompressed). A 1 000-position account is under 1 MB; the cap is far
    // above any real account and stops a body that never ends before it exhausts memory.
    qint64 maxBodyBytes = 64LL * 1024 * 1024;
    int weightLimit = 2400;
    quint32 jitterSeed = 0; // 0: random; otherwise a reproducible jitter sequence
    LocalClock clock;       // empty: the system clock
};

} // namespace marginwatch
