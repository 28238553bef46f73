#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace marginwatch {

// What the simulator does wrong, and when. Grammar (comma-separated rules):
//   rule  := kind [":" param] ["@" N]
//   kind  := 429 | 418 | 500 | 502 | 503 | slow | truncated | badjson | missingfield | empty | skew
//          | dropstream | silentstream | expirekey | legacyonly | silentws | needevents
// REST kinds: "@N" fires on the N-th signed request only (counting from 1); without it, on every
// signed request. param: 429 -> Retry-After seconds (default 2); 418 -> ban seconds (default 5);
// slow -> delay ms (default: the simulator's slowDelayMs). skew is written "skew=<ms>" (or
// "skew:<ms>") and shifts the server clock for the whole run instead of firing per request.
// Stream kinds ("@N" counts WebSocket connections, or listen keys for expirekey):
//   dropstream[:ms]  the server closes the connection ms after it opened (default dropStreamDelayMs)
//   silentstream     the connection is accepted and nothing is ever sent on it (pings neither)
//   expirekey[:ms]   the listen key expires ms after it was issued (default expireKeyDelayMs):
//                    its sockets get listenKeyExpired, keep-alive (PUT) answers -1125
// Run-wide stream kinds (no param, no @N):
//   legacyonly   the exchange before the 2026 route change: user data flows only on the retired
//                /ws/<listenKey>; every /private/... route accepts the connection and stays silent
//                (a client that knows only the new routes must fall back to polling)
//   silentws     /private/ws accepts and stays silent while /private/stream + SUBSCRIBE works
//                (the client's first fallback)
//   needevents   /private/ws without events= stays silent (reported of production, unconfirmed)
struct SimFault
{
    enum class Kind
    {
        RateLimit,
        Ban,
        ServerError,
        BadGateway,
        Unavailable,
        Slow,
        Truncated,
        BadJson,
        MissingField,
        Empty,
        DropStream,
        SilentStream,
        ExpireKey
    };
    Kind kind = Kind::ServerError;
    int param = -1;    // -1 = the kind's default
    int onRequest = 0; // 0 = every signed request (every connection, every listen key)
};

class SimFaultPlan
{
public:
    // nullopt (and *error set) when the text does not follow the grammar.
    static std::optional<SimFaultPlan> parse(const QString& text, QString* error = nullptr);

    // The fault for the n-th signed request (1-based), if any. The first matching rule wins.
    std::optional<SimFault> faultFor(int signedRequestNumber) const;
    // The dropstream/silentstream fault for the n-th WebSocket connection (1-based), if any.
    std::optional<SimFault> streamFaultFor(int connectionNumber) const;
    // The expirekey fault for the n-th listen key issued (1-based), if any.
    std::optional<SimFault> expiryFor(int listenKeyNumber) const;
    qint64 clockSkewMs() const { return m_skewMs; }
    bool legacyOnly() const { return m_legacyOnly; }
    bool silentWs() const { return m_silentWs; }
    bool needEvents() const { return m_needEvents; }
    bool isEmpty() const
    {
        return m_faults.isEmpty() && m_skewMs == 0 && !m_legacyOnly && !m_silentWs && !m_needEvents;
    }

private:
    std::optional<SimFault> first(int number, bool (*wanted)(SimFault::Kind)) const;

    QList<SimFault> m_faults;
    qint64 m_skewMs = 0;
    bool m_legacyOnly = false;
    bool m_silentWs = false;
    bool m_needEvents = false;
};

} // namespace marginwatch
