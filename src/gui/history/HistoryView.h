#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QTimer>
#include <QWidget>

#include <functional>

class QButtonGroup;
class QChart;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QPushButton;
class QValueAxis;

namespace marginwatch {

class HistoryStore;

// The History tab: margin balance, unrealized PnL (left axis, account currency) and margin ratio
// (right axis, %) over the last hour / day / week / everything kept, read from the HistoryStore.
// Hovering a line shows its value; "Export range…" writes the shown range in the CSV contract's
// three files. Redraws at most once a second while visible, however often polls arrive.
class HistoryView : public QWidget
{
    Q_OBJECT
public:
    enum class Range
    {
        LastHour,
        LastDay,
        LastWeek,
        All
    };
    Q_ENUM(Range)

    // Same shape as QFileDialog::getSaveFileName; tests replace it so that no dialog opens.
    using SaveFileDialog = std::function<QString(QWidget* parent, const QString& caption,
                                                 const QString& suggestedPath, const QString& filter)>;

    explicit HistoryView(HistoryStore* store, QWidget* parent = nullptr);
    ~HistoryView() override;

    void setSaveFileDialog(SaveFileDialog dialog);
    void setRange(Range range);
    Range range() const { return m_range; }

    // [from, to] of the current range at this moment (from invalid for All).
    std::pair<QDateTime, QDateTime> rangeBounds() const;
    // STEM from what the user picked: "x.csv" and "x-totals.csv" both give "x".
    static QString stemFromChosenPath(const QString& path);

    // Read access for tests and the main window.
    QChart* chart() const { return m_chart; }
    QLineSeries* marginBalanceSeries() const { return m_balance; }
    QLineSeries* unrealizedProfitSeries() const { return m_pnl; }
    QLineSeries* marginRatioSeries() const { return m_ratio; }
    QString readoutText() const;
    QString statusText() const;

public Q_SLOTS:
    void refresh();
    void exportRange();

Q_SIGNALS:
    void exported(const QString& stem);
    void exportFailed(const QString& message);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void scheduleRefresh();
    void showReadout(QLineSeries* series, const QPointF& point, bool entered);
    void updateStoreState();

    HistoryStore* m_store;
    Range m_range = Range::LastDay;
    SaveFileDialog m_saveFileDialog;
    QButtonGroup* m_rangeButtons;
    QPushButton* m_exportButton;
    QLabel* m_readout;
    QLabel* m_status;
    QChart* m_chart;
    QChartView* m_chartView;
    QDateTimeAxis* m_timeAxis;
    QValueAxis* m_moneyAxis;
    QValueAxis* m_ratioAxis;
    QLineSeries* m_balance;
    QLineSeries* m_pnl;
    QLineSeries* m_ratio;
    QTimer m_refreshTimer;
};

} // namespace marginwatch
