#pragma once

#include "io/history/HistoryQueries.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <optional>

class QButtonGroup;
class QChart;
class QComboBox;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QPushButton;
class QValueAxis;

namespace marginwatch {

class HistoryChartView;
class HistoryStore;

// The History tab: one account's margin balance (left axis), unrealized PnL (its own right axis:
// on the balance's scale it would read as flat) and margin ratio (right, %) over the last 15
// minutes / hour / day / week / everything kept. Shows the current account; a chooser appears when
// the database holds more than one. Moving the mouse over the chart reads out the poll under the
// cursor; "Export range…" writes the shown account and range in the CSV contract's three files.
// Axes tick on round numbers and round times. Redraws at most once a second while visible.
class HistoryView : public QWidget
{
    Q_OBJECT
public:
    enum class Range
    {
        Last15Minutes,
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

    // The account shown (its database id), if any.
    std::optional<qint64> shownAccount() const { return m_shownAccount; }
    // Shows the account with this database id (as the chooser does).
    void showAccount(qint64 accountId);

    // Read access for tests.
    QChart* chart() const { return m_chart; }
    HistoryChartView* chartView() const { return m_chartView; }
    QLineSeries* marginBalanceSeries() const { return m_balance; }
    QLineSeries* unrealizedProfitSeries() const { return m_pnl; }
    QLineSeries* marginRatioSeries() const { return m_ratio; }
    QValueAxis* marginBalanceAxis() const { return m_balanceAxis; }
    QValueAxis* unrealizedProfitAxis() const { return m_pnlAxis; }
    QValueAxis* marginRatioAxis() const { return m_ratioAxis; }
    QDateTimeAxis* timeAxis() const { return m_timeAxis; }
    QString readoutText() const;
    QString statusText() const;

public Q_SLOTS:
    void refresh();
    void exportRange();
    // The readout for the poll nearest to a time (ms since the epoch), as the mouse does.
    void showReadoutAt(qint64 ms);
    void clearReadout();

Q_SIGNALS:
    void exported(const QString& stem);
    void exportFailed(const QString& message);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void scheduleRefresh();
    void reloadAccounts();
    void updateAxes(const QDateTime& from, const QDateTime& to);
    QString emptyRangeText() const;
    void setStatus(const QString& text);

    HistoryStore* m_store;
    Range m_range = Range::LastDay;
    SaveFileDialog m_saveFileDialog;
    std::optional<qint64> m_shownAccount;
    bool m_followCurrentAccount = true; // until the user picks another one
    QList<HistoryPoint> m_points;       // what the chart shows, for the readout
    QButtonGroup* m_rangeButtons;
    QComboBox* m_accountBox;
    QPushButton* m_exportButton;
    QLabel* m_readout;
    QLabel* m_status;
    QChart* m_chart;
    QLineSeries* m_balance;
    QLineSeries* m_pnl;
    QLineSeries* m_ratio;
    HistoryChartView* m_chartView;
    QDateTimeAxis* m_timeAxis;
    QValueAxis* m_balanceAxis;
    QValueAxis* m_pnlAxis;
    QValueAxis* m_ratioAxis;
    QTimer m_refreshTimer;
};

} // namespace marginwatch
