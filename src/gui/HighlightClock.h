#pragma once

#include <QObject>
#include <QTimer>

#include <functional>

namespace marginwatch {

// The one timer behind every fading highlight of a window, cells and totals alike: it ticks only
// while some highlight is still fading, so an idle window costs nothing, and every repaint of a poll
// happens on the same tick instead of one timer per cell.
class HighlightClock : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kFadeMs = 2000;
    static constexpr int kTickMs = 50; // 20 steps a second: smooth enough, cheap enough

    explicit HighlightClock(QObject* parent = nullptr);

    qint64 now() const { return m_now(); }
    void setClock(std::function<qint64()> now) { m_now = std::move(now); } // tests

    // A highlight began at changedAtMs: keep ticking until it has faded.
    void kick(qint64 changedAtMs);
    // 1.0 when the change has just happened, falling linearly to 0.0 after kFadeMs.
    double intensity(qint64 changedAtMs) const;
    bool isRunning() const { return m_timer.isActive(); }

Q_SIGNALS:
    void tick();

private:
    std::function<qint64()> m_now;
    QTimer m_timer;
    qint64 m_until = 0;
};

} // namespace marginwatch
