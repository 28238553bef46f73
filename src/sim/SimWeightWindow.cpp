#include "sim/SimWeightWindow.h"

namespace marginwatch {

int SimWeightWindow::add(int weight, qint64 nowMs)
{
    const qint64 minute = nowMs / m_windowMs;
    if (minute != m_minute) {
        m_minute = minute;
        m_used = 0;
    }
    m_used += weight;
    return m_used;
}

int SimWeightWindow::used(qint64 nowMs) const
{
    return nowMs / m_windowMs == m_minute ? m_used : 0;
}

} // namespace marginwatch
