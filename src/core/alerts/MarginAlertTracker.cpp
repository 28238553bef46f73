#include "alerts/MarginAlertTracker.h"

namespace marginwatch {

MarginAlertTracker::MarginAlertTracker(MarginThresholds thresholds)
    : m_thresholds(thresholds)
{}

void MarginAlertTracker::setThresholds(MarginThresholds thresholds)
{
    m_thresholds = thresholds;
}

MarginLevel MarginAlertTracker::levelOf(double ratioPercent, const MarginThresholds& thresholds)
{
    if (ratioPercent >= thresholds.dangerPercent)
        return MarginLevel::Danger;
    if (ratioPercent >= thresholds.warningPercent)
        return MarginLevel::Warning;
    return MarginLevel::Normal;
}

std::optional<MarginAlert> MarginAlertTracker::update(std::optional<double> ratioPercent)
{
    // An undefined ratio (no margin balance, nothing at risk) is the safest state there is.
    const double ratio = ratioPercent.value_or(0.0);
    const MarginLevel raw = levelOf(ratio, m_thresholds);
    MarginLevel next = raw;
    if (m_level != MarginLevel::Unknown && raw < m_level) {
        // Falling: step down only past the lower edge of the hysteresis band of each level left.
        next = m_level;
        if (next == MarginLevel::Danger
            && ratio < m_thresholds.dangerPercent - m_thresholds.hysteresisPercent)
            next = MarginLevel::Warning;
        if (next == MarginLevel::Warning
            && ratio < m_thresholds.warningPercent - m_thresholds.hysteresisPercent)
            next = MarginLevel::Normal;
    }
    const MarginLevel previous = m_level;
    m_level = next;
    if (next == previous)
        return std::nullopt;
    if (previous == MarginLevel::Unknown && next == MarginLevel::Normal)
        return std::nullopt; // starting up healthy is not news
    return MarginAlert{previous, next, ratio};
}

} // namespace marginwatch
