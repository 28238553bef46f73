#include "gui/history/HistoryChartView.h"

#include <QGraphicsLineItem>
#include <QLineSeries>
#include <QMouseEvent>
#include <QPen>

namespace marginwatch {

HistoryChartView::HistoryChartView(QChart* chart, QLineSeries* timeSeries, QWidget* parent)
    : QChartView(chart, parent)
    , m_timeSeries(timeSeries)
    , m_cursor(new QGraphicsLineItem(chart))
{
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
    QPen pen(palette().color(QPalette::WindowText));
    pen.setStyle(Qt::DashLine);
    pen.setCosmetic(true);
    m_cursor->setPen(pen);
    m_cursor->setZValue(1000);
    m_cursor->hide();
}

void HistoryChartView::mouseMoveEvent(QMouseEvent* event)
{
    QChartView::mouseMoveEvent(event);
    const QPointF inChart = chart()->mapFromScene(mapToScene(event->position().toPoint()));
    if (!chart()->plotArea().contains(inChart)) {
        hideCursor();
        Q_EMIT cursorLeft();
        return;
    }
    Q_EMIT cursorMoved(qint64(chart()->mapToValue(inChart, m_timeSeries).x()));
}

void HistoryChartView::leaveEvent(QEvent* event)
{
    QChartView::leaveEvent(event);
    hideCursor();
    Q_EMIT cursorLeft();
}

void HistoryChartView::showCursorAt(qint64 ms)
{
    const QRectF area = chart()->plotArea();
    const qreal x = chart()->mapToPosition(QPointF(double(ms), 0.0), m_timeSeries).x();
    if (x < area.left() || x > area.right()) {
        hideCursor();
        return;
    }
    m_cursor->setLine(x, area.top(), x, area.bottom());
    m_cursor->show();
}

void HistoryChartView::hideCursor()
{
    m_cursor->hide();
}

} // namespace marginwatch
