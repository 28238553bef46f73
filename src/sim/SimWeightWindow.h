#pragma once

#include <QtGlobal>

namespace marginwatch {

// Binance counts request weight per IP per calendar minute and reports the running total in
// X-MBX-USED-WEIGHT-1M. The simulator serves one "IP" (loopback), so one window is enough.
class SimWeightWindow
{
public:
    // Adds `weight` at server time `nowMs` and returns the minute's total including it.
    int add(int weight, qint64 nowMs);
    int used(qint64 nowMs) const;

private:
    qint64 m_minute = -1;
    int m_used = 0;
};

} // namespace marginwatch
