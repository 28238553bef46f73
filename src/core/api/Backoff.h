#pragma once

#include <QRandomGenerator>

#include <chrono>

namespace marginwatch {

// Exponential backoff with full jitter: the n-th retry waits a uniformly random time in
// [0, min(cap, base * 2^n)]. Jitter spreads many clients that failed together (an exchange outage)
// instead of having them return in lockstep. Seeded for reproducible tests.
class Backoff
{
public:
    explicit Backoff(std::chrono::milliseconds base = std::chrono::seconds(1),
                     std::chrono::milliseconds cap = std::chrono::seconds(60), quint32 seed = 0);

    // The upper bound for the given retry number (0 = first retry).
    static std::chrono::milliseconds ceiling(int attempt, std::chrono::milliseconds base,
                                             std::chrono::milliseconds cap);

    std::chrono::milliseconds nextDelay(); // uses and advances attempt()
    int attempt() const { return m_attempt; }
    void reset() { m_attempt = 0; }

private:
    std::chrono::milliseconds m_base;
    std::chrono::milliseconds m_cap;
    QRandomGenerator m_rng;
    int m_attempt = 0;
};

} // namespace marginwatch
