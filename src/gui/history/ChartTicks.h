#pragma once

#include <QString>

namespace marginwatch {

// Axis ticks a reader can take in at a glance: values on multiples of 1, 2, 2.5 or 5 × 10^n, times
// on round minutes, hours or days. Pure functions, so they are tested apart from any chart.

struct ValueTicks
{
    double min = 0;
    double max = 1;
    double step = 1;
    int tickCount = 2; // min, min + step, …, max
    int decimals = 0;  // enough to tell two ticks apart
};

// The smallest range on whole steps that covers [low, high] with at most maxTicks ticks. A flat
// series (low == high) gets a small range around its value.
ValueTicks niceValueTicks(double low, double high, int maxTicks = 6);

struct TimeTicks
{
    qint64 fromMs = 0; // the first tick, on a round local time
    qint64 toMs = 0;   // the last tick
    qint64 stepMs = 60 * 1000;
    int tickCount = 2;
    QString format; // QDateTime format for the labels
};

// Ticks every 1, 2, 5, 10, 15 or 30 minutes, 1, 2, 3, 6 or 12 hours, or 1, 2 or 7 days (the
// smallest step with at most maxTicks ticks), aligned in local time given its offset from UTC.
TimeTicks roundTimeTicks(qint64 fromMs, qint64 toMs, int utcOffsetSeconds, int maxTicks = 7);

} // namespace marginwatch
