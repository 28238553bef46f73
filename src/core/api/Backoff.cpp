#include "api/Backoff.h"

#include <algorithm>

namespace marginwatch {

Backoff::Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, quint32 seed)
    : m_base(base)
    , m_cap(cap)
    , m_rng(seed != 0 ? seed : QRandomGenerator::global()->generate())
{}

std::chrono::milliseconds Backoff::ceiling(int attempt, std::chrono::milliseconds base,
                                           std::chrono::milliseconds cap)
{
    if (attempt < 0)
        attempt = 0;
    // Doubling stops once the cap is reached, so large attempt numbers cannot overflow.
    qint64 value = base.count();
    for (int i = 0; i < attempt && value < cap.count(); ++i)
        value *= 2;
    return std::chrono::milliseconds(std::min<qint64>(value, cap.count()));
}

std::chrono::milliseconds Backoff::nextDelay()
{
    const qint64 bound = ceiling(m_attempt, m_base, m_cap).count();
    if (m_attempt < 1000)
        ++m_attempt;
    if (bound <= 0)
        return std::chrono::milliseconds(0);
    return std::chrono::milliseconds(static_cast<qint64>(m_rng.bounded(static_cast<quint64>(bound) + 1)));
}

} // namespace marginwatch
