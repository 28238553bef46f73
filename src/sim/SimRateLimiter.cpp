#include "sim/SimRateLimiter.h"

#include <algorithm>

namespace marginwatch {

SimRateLimiter::SimRateLimiter(Limits limits)
    : m_limits(limits)
{}

SimRateLimiter::Verdict SimRateLimiter::admit(const QString& address, int weight, qint64 nowMs)
{
    auto it = m_addresses.find(address);
    if (it == m_addresses.end())
        it = m_addresses.insert(address, PerAddress{SimWeightWindow(m_limits.windowMs)});
    PerAddress& a = *it;
    Verdict v;
    v.used = a.window.add(weight, nowMs);
    if (a.bannedUntilMs > nowMs) {
        v.status = 418;
        v.bannedUntilMs = a.bannedUntilMs;
        v.retryAfterSeconds = static_cast<int>((a.bannedUntilMs - nowMs + 999) / 1000);
        return v;
    }
    if (m_limits.weightLimit <= 0 || v.used <= m_limits.weightLimit)
        return v;

    const qint64 minute = nowMs / m_limits.windowMs;
    if (a.rejectionMinute != minute) {
        a.rejectionMinute = minute;
        a.rejections = 0;
    }
    if (++a.rejections > m_limits.banAfterRejections) {
        constexpr qint64 kThreeDaysMs = 3 * 24 * 3600 * 1000LL;
        const qint64 length = std::min<qint64>(
            static_cast<qint64>(m_limits.banSeconds) * 1000LL << std::min(a.bans, 20), kThreeDaysMs);
        ++a.bans;
        a.rejections = 0;
        a.bannedUntilMs = nowMs + length;
        v.status = 418;
        v.bannedUntilMs = a.bannedUntilMs;
        v.retryAfterSeconds = static_cast<int>((length + 999) / 1000);
        return v;
    }
    v.status = 429;
    v.retryAfterSeconds = static_cast<int>(((minute + 1) * m_limits.windowMs - nowMs + 999) / 1000);
    return v;
}

void SimRateLimiter::ban(const QString& address, int seconds, qint64 nowMs)
{
    auto it = m_addresses.find(address);
    if (it == m_addresses.end())
        it = m_addresses.insert(address, PerAddress{SimWeightWindow(m_limits.windowMs)});
    it->bannedUntilMs = nowMs + seconds * 1000LL;
}

void SimRateLimiter::clearBans()
{
    for (PerAddress& a : m_addresses)
        a.bannedUntilMs = 0;
}

int SimRateLimiter::used(const QString& address, qint64 nowMs) const
{
    const auto it = m_addresses.constFind(address);
    return it == m_addresses.cend() ? 0 : it->window.used(nowMs);
}

} // namespace marginwatch
