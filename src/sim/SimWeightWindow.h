#pragma once

#include <QtGlobal>

namespace marginwatch {

// Binance counts request weight per IP per calendar minute and reports the running total in
// X-MBX-USED-WEIGHT-1M. Tests of budgets over many windows shorten the window (windowMs).
class SimWeightWindow
{
public:
    explicit SimWeightWindow(qint64 windowMs = 60000)
        : m_windowMs(windowMs > 0 ? windowMs : 60000)
    {}

    // Adds `weight` at server time `nowMs` and returns the minute's total including it.
    int add(int weight, qint64 nowMs);
    int used(qint64 nowMs) const;

private:
    qint64 m_windowMs;
    qint64 m_minute = -1;
    int m_used = 0;
};

} // namespace marginwatch
