#pragma once

#include <QtGlobal>

#include <optional>

namespace marginwatch {

enum class MarginLevel
{
    Unknown,
    Normal,
    Warning,
    Danger
};

struct MarginThresholds
{
    double warningPercent = 50.0;
    double dangerPercent = 80.0;
    // A level is left only once the ratio is this far back below its threshold, so a ratio wobbling
    // around 50 % notifies once, not on every poll.
    double hysteresisPercent = 2.0;
};

struct MarginAlert
{
    MarginLevel from = MarginLevel::Unknown;
    MarginLevel to = MarginLevel::Unknown;
    double ratioPercent = 0.0;

    bool isEscalation() const { return to > from; }
};

// Turns the margin ratio of each good snapshot into the level crossings worth a notification: one
// alert per crossing, none while the ratio stays in (or wobbles around the edge of) a level.
class MarginAlertTracker
{
public:
    explicit MarginAlertTracker(MarginThresholds thresholds = {});

    void setThresholds(MarginThresholds thresholds); // keeps the current level; the next update re-evaluates
    MarginThresholds thresholds() const { return m_thresholds; }

    // ratioPercent: nullopt when the ratio is undefined (no margin balance). Returns the crossing, if
    // any. The first known level after Unknown alerts only when it is Warning or Danger.
    std::optional<MarginAlert> update(std::optional<double> ratioPercent);
    MarginLevel level() const { return m_level; }
    void reset() { m_level = MarginLevel::Unknown; } // another account

    // The level a ratio is in on its own, without hysteresis (gauge colours).
    static MarginLevel levelOf(double ratioPercent, const MarginThresholds& thresholds);

private:
    MarginThresholds m_thresholds;
    MarginLevel m_level = MarginLevel::Unknown;
};

} // namespace marginwatch
