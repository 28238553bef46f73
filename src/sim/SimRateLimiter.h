#pragma once

#include "sim/SimWeightWindow.h"

#include <QHash>
#include <QString>

namespace marginwatch {

// One request-weight budget of the exchange (the /fapi IP limit, the /sapi IP limit, …), kept per
// client IP as Binance does: every key behind one address draws from the same window. Over the limit
// a request is refused with 429 and Retry-After (the seconds until the minute ends); an address that
// goes on sending after that many refusals is banned (418) for banSeconds, doubling for every repeat
// up to three days, the exchange's published range.
class SimRateLimiter
{
public:
    struct Limits
    {
        int weightLimit = 2400;      // per minute; 0 = unlimited
        int banAfterRejections = 20; // 429s in one window before the 418
        int banSeconds = 120;        // first ban
        qint64 windowMs = 60000;     // the counting window (a minute on the exchange)
    };
    struct Verdict
    {
        int used = 0;     // the window's weight after this request (the header value)
        int status = 200; // 200, 429 or 418
        int retryAfterSeconds = -1;
        qint64 bannedUntilMs = 0;
    };

    explicit SimRateLimiter(Limits limits);

    // Counts `weight` for the address and decides whether the request may be served.
    Verdict admit(const QString& address, int weight, qint64 nowMs);
    // A ban imposed from outside (the "418" fault).
    void ban(const QString& address, int seconds, qint64 nowMs);
    void clearBans();
    int used(const QString& address, qint64 nowMs) const;
    const Limits& limits() const { return m_limits; }

private:
    struct PerAddress
    {
        SimWeightWindow window;
        qint64 rejectionMinute = -1;
        int rejections = 0;
        int bans = 0;
        qint64 bannedUntilMs = 0;
    };
    Limits m_limits;
    QHash<QString, PerAddress> m_addresses;
};

} // namespace marginwatch
