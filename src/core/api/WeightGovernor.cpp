#include "api/WeightGovernor.h"

#include <algorithm>

namespace marginwatch {

namespace {

// Local and server clocks agree only to within the offset's error: a start is put this far after the
// window's computed end, and a header read this close after a window's start may still count the old
// window, so it is not taken as the new window's total.
qint64 edgeGuardMs(std::chrono::milliseconds window)
{
    return std::min<qint64>(250, window.count() / 20);
}

qint64 ceilDiv(qint64 a, qint64 b)
{
    return (a + b - 1) / b;
}

} // namespace

WeightGovernor::WeightGovernor(int budgetPerWindow, std::chrono::milliseconds window)
    : m_budget(std::max(1, budgetPerWindow))
    , m_window(std::max(window, std::chrono::milliseconds(1000)))
{}

int WeightGovernor::budgetFromPercent(int limit, int percent)
{
    return std::max(
        1, static_cast<int>(static_cast<qint64>(std::max(0, limit)) * std::clamp(percent, 1, 100) / 100));
}

qint64 WeightGovernor::spacingMs(int cost) const
{
    return ceilDiv(static_cast<qint64>(std::max(1, cost)) * m_window.count(), m_budget);
}

void WeightGovernor::enterWindow(qint64 serverNowMs)
{
    const qint64 index = serverNowMs / m_window.count();
    if (index > m_windowIndex) {
        m_windowIndex = index;
        m_used = m_inFlight;
    }
}

qint64 WeightGovernor::windowEndLocal(qint64 nowMs, qint64 serverNowMs) const
{
    const qint64 intoWindow = serverNowMs % m_window.count();
    return nowMs + (m_window.count() - intoWindow) + edgeGuardMs(m_window);
}

int WeightGovernor::usedInWindow(qint64 serverNowMs) const
{
    return serverNowMs / m_window.count() == m_windowIndex ? m_used : 0;
}

qint64 WeightGovernor::reserve(qint64 nowMs, qint64 serverNowMs, int cost)
{
    enterWindow(serverNowMs);
    cost = std::max(1, cost);
    qint64 start = std::max({nowMs, m_nextFreeMs, m_pausedUntilMs});
    qint64 spacing = spacingMs(cost);
    const qint64 windowEnd = windowEndLocal(nowMs, serverNowMs);
    if (start < windowEnd) {
        const int remaining = m_budget - m_used;
        if (remaining < cost) {
            start = windowEnd;
        } else {
            // What is left of this window spread evenly over its rest: other programs on the IP (seen
            // only in the header) slow every account down instead of running the window dry early.
            const qint64 msLeft = windowEnd - edgeGuardMs(m_window) - start;
            spacing = std::max(spacing,
                               ceilDiv(static_cast<qint64>(cost) * std::max<qint64>(0, msLeft), remaining));
        }
    }
    m_nextFreeMs = start + spacing;
    return start;
}

bool WeightGovernor::tryStart(qint64 nowMs, qint64 serverNowMs, int cost)
{
    enterWindow(serverNowMs);
    cost = std::max(1, cost);
    if (isPaused(nowMs)) {
        m_nextFreeMs = std::max(m_nextFreeMs, m_pausedUntilMs);
        return false;
    }
    if (m_used + cost > m_budget) {
        m_nextFreeMs = std::max(m_nextFreeMs, windowEndLocal(nowMs, serverNowMs));
        return false;
    }
    m_used += cost;
    m_inFlight += cost;
    return true;
}

void WeightGovernor::endCycle(int cost)
{
    m_inFlight = std::max(0, m_inFlight - std::max(1, cost));
}

void WeightGovernor::observeUsedWeight(int usedWeight, qint64 serverNowMs)
{
    if (usedWeight < 0)
        return;
    const qint64 index = serverNowMs / m_window.count();
    if (index < m_windowIndex)
        return;
    if (index > m_windowIndex) {
        m_windowIndex = index;
        m_used = m_inFlight;
    }
    if (serverNowMs % m_window.count() < edgeGuardMs(m_window))
        return;
    m_used = std::max(m_used, usedWeight);
}

void WeightGovernor::pause(qint64 untilMs, bool banned)
{
    if (untilMs <= m_pausedUntilMs) {
        m_pauseIsBan = m_pauseIsBan || banned;
        return;
    }
    m_pausedUntilMs = untilMs;
    m_pauseIsBan = banned;
    m_nextFreeMs = std::max(m_nextFreeMs, untilMs);
}

} // namespace marginwatch
