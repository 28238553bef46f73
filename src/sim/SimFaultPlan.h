#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace marginwatch {

// What the simulator does wrong, and when. Grammar (comma-separated rules):
//   rule  := kind [":" param] ["@" N]
//   kind  := 429 | 418 | 500 | 502 | 503 | slow | truncated | badjson | missingfield | empty | skew
// "@N" fires on the N-th signed request only (counting from 1); without it, on every signed request.
// param: 429 -> Retry-After seconds (default 2); 418 -> ban seconds (default 5); slow -> delay ms
// (default: the simulator's slowDelayMs). skew is written "skew=<ms>" (or "skew:<ms>") and shifts the
// server clock for the whole run instead of firing per request.
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
        Empty
    };
    Kind kind = Kind::ServerError;
    int param = -1;    // -1 = the kind's default
    int onRequest = 0; // 0 = every signed request
};

class SimFaultPlan
{
public:
    // nullopt (and *error set) when the text does not follow the grammar.
    static std::optional<SimFaultPlan> parse(const QString& text, QString* error = nullptr);

    // The fault for the n-th signed request (1-based), if any. The first matching rule wins.
    std::optional<SimFault> faultFor(int signedRequestNumber) const;
    qint64 clockSkewMs() const { return m_skewMs; }
    bool isEmpty() const { return m_faults.isEmpty() && m_skewMs == 0; }

private:
    QList<SimFault> m_faults;
    qint64 m_skewMs = 0;
};

} // namespace marginwatch
