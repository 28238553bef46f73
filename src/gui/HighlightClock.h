#pragma once

#include "util/LocalClock.h"

#include <QObject>
#include <QTimer>

namespace marginwatch {

// The one timer behind every fading highlight of a window, cells and totals alike: it ticks only
// while some highlight is still fading, so an idle window costs nothing, and every repaint of the
// fade happens on the same tick instead of one timer per cell. Arming it paints nothing: the
// dataChanged that brought the change already repaints the first, brightest frame.
class HighlightClock : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kFadeMs = 2000;
    static constexpr int kTickMs = 50; // 20 steps a second: smooth enough, cheap enough

    explicit HighlightClock(QObject* parent = nullptr);

    qint64 now() const { return m_now(); }
    // The window's clock, which its models share (KeyedTableModel::setClock).
    void setClock(LocalClock now) { m_now = std::move(now); }

    // A highlight began at changedAtMs: tick until it has faded (KeyedTableModel::changesApplied).
    void arm(qint64 changedAtMs);
    // 1.0 when the change has just happened, falling linearly to 0.0 after kFadeMs.
    double intensity(qint64 changedAtMs) const;
    bool isRunning() const { return m_timer.isActive(); }

Q_SIGNALS:
    void tick();

private:
    LocalClock m_now;
    QTimer m_timer;
    qint64 m_until = 0;
};

} // namespace marginwatch
