#include "gui/HighlightClock.h"

#include <algorithm>

namespace marginwatch {

HighlightClock::HighlightClock(QObject* parent)
    : QObject(parent)
    , m_now(systemClock())
{
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        Q_EMIT tick();
        if (now() >= m_until)
            m_timer.stop(); // the tick above painted the last, fully faded frame
    });
}

void HighlightClock::arm(qint64 changedAtMs)
{
    if (changedAtMs <= 0)
        return;
    m_until = std::max(m_until, changedAtMs + kFadeMs);
    if (!m_timer.isActive() && now() < m_until)
        m_timer.start();
}

double HighlightClock::intensity(qint64 changedAtMs) const
{
    if (changedAtMs <= 0)
        return 0.0;
    const qint64 age = now() - changedAtMs;
    if (age < 0)
        return 1.0;
    if (age >= kFadeMs)
        return 0.0;
    return 1.0 - static_cast<double>(age) / static_cast<double>(kFadeMs);
}

} // namespace marginwatch
