#pragma once

#include <QtGlobal>

#include <chrono>

namespace marginwatch {

// One host's request-weight budget, shared by every account polling that host. Binance counts the
// weight of all keys behind one IP in one window (X-MBX-USED-WEIGHT-1M, 2 400 per server-time
// minute), so N accounts polling on their own would draw N times the weight. The governor keeps the
// host's total at or below its budget by pacing cycle starts: every start reserves the next free slot,
// spaced by the cycle's share of the budget, so accounts queue in turn (each one's interval stretches
// by the same amount) and never start together. The weight header is the ground truth: it also counts
// other programs on the IP. A 429 or 418 on any account pauses all of them until it ends.
//
// Pure logic: the caller passes the local time (for timers) and the server time (whose windows the
// exchange counts in); nothing here reads a clock.
class WeightGovernor
{
public:
    static constexpr int kDefaultBudgetPercent = 60;

    explicit WeightGovernor(int budgetPerWindow, std::chrono::milliseconds window = std::chrono::minutes(1));

    // The budget as a share of the exchange's limit, e.g. 60 % of 2 400 = 1 440 (at least 1).
    static int budgetFromPercent(int limit, int percent);

    // Reserves the first slot at or after nowMs (local) for a cycle of `cost` weight and returns its
    // local start time. The slot after it is `cost` weight's share of the window later.
    qint64 reserve(qint64 nowMs, qint64 serverNowMs, int cost);
    // At the reserved time: whether the cycle may start now (no pause; the window, by the header and the
    // weight started since, has room for `cost`). True counts `cost` against the window; false means
    // reserve again (the next slots are after the pause or the window's end).
    bool tryStart(qint64 nowMs, qint64 serverNowMs, int cost);
    // A started cycle ended (snapshot, failure or cancel). Until then its weight may still land in the
    // next window, so a new window starts with the weight of the cycles still running.
    void endCycle(int cost);

    // X-MBX-USED-WEIGHT-1M of any account's response: the IP's weight in the current window.
    void observeUsedWeight(int usedWeight, qint64 serverNowMs);
    // 429 (Retry-After) or 418 (ban end): no account of this host starts until untilMs (local).
    void pause(qint64 untilMs, bool banned);

    bool isPaused(qint64 nowMs) const { return nowMs < m_pausedUntilMs; }
    qint64 pausedUntil() const { return m_pausedUntilMs; }
    bool pauseIsBan() const { return m_pauseIsBan; }

    int budget() const { return m_budget; }
    std::chrono::milliseconds window() const { return m_window; }
    // The weight counted in the current window (header or started cycles, whichever is more).
    int usedInWindow(qint64 serverNowMs) const;
    // How far apart two starts of `cost` weight are at the budget's pace.
    qint64 spacingMs(int cost) const;

    // Accounts sharing this host (the status line's "N accounts").
    void addAccount() { ++m_accounts; }
    void removeAccount() { m_accounts = qMax(0, m_accounts - 1); }
    int accounts() const { return m_accounts; }

private:
    void enterWindow(qint64 serverNowMs);
    qint64 windowEndLocal(qint64 nowMs, qint64 serverNowMs) const;

    int m_budget;
    std::chrono::milliseconds m_window;
    qint64 m_nextFreeMs = 0;    // local: the earliest start of the next reservation
    qint64 m_pausedUntilMs = 0; // local
    bool m_pauseIsBan = false;
    qint64 m_windowIndex = -1; // serverNow / window of the counts below
    int m_used = 0;            // max(header, weight started) in that window
    int m_inFlight = 0;        // weight of the cycles started and not yet ended
    int m_accounts = 0;
};

} // namespace marginwatch
