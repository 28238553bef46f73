#pragma once

#include <QChartView>

class QGraphicsLineItem;
class QLineSeries;

namespace marginwatch {

// The History tab's chart view: follows the mouse over the plot area, says which time is under
// it, and draws a vertical line there.
class HistoryChartView : public QChartView
{
    Q_OBJECT
public:
    // `timeSeries`: any series on the time axis, used to turn positions into times and back.
    HistoryChartView(QChart* chart, QLineSeries* timeSeries, QWidget* parent = nullptr);

    // Puts the cursor line at a time (ms since the epoch), or hides it.
    void showCursorAt(qint64 ms);
    void hideCursor();

Q_SIGNALS:
    void cursorMoved(qint64 ms); // over the plot area
    void cursorLeft();

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    QLineSeries* m_timeSeries;
    QGraphicsLineItem* m_cursor;
};

} // namespace marginwatch
