#pragma once

#include "alerts/MarginAlertTracker.h"
#include "api/PortfolioMargin.h"
#include "model/AccountSnapshot.h"

#include <QFrame>
#include <QHash>

class QLabel;
class QProgressBar;

namespace marginwatch {

class HighlightClock;

// The totals a trader reads first, large and exact, plus the margin-ratio gauge with its warning and
// danger zones. A total that changed flashes green or red and fades on the window's shared
// HighlightClock; stale data is greyed but stays.
class TotalsPanel : public QFrame
{
    Q_OBJECT
public:
    explicit TotalsPanel(HighlightClock* clock, QWidget* parent = nullptr);

    void showSnapshot(const AccountSnapshot& snapshot, const AccountSnapshot* previous);
    void clear();
    void setThresholds(const MarginThresholds& thresholds);
    void setStale(bool stale);
    // A Portfolio Margin account: its unified figures (uniMMR, accountEquity, accountMaintMargin,
    // accountStatus) under their own captions; the futures totals show none.
    void showPortfolioMargin(const PortfolioMarginSnapshot& snapshot);
    QString portfolioMarginText(const QString& apiName) const;

    QString totalText(const QString& apiName) const;
    QString totalChange(const QString& apiName) const;   // "up" / "down" while the highlight shows, else ""
    double totalHighlight(const QString& apiName) const; // 1 → 0 as it fades
    QString marginRatioText() const;
    QColor gaugeColour() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Entry
    {
        QLabel* label = nullptr;
        int direction = 0;
        qint64 changedAtMs = 0;
        int sign = 0; // PnL colouring
        bool isPnl = false;
    };
    void repaintEntry(Entry& entry);
    void repaintHighlights();

    HighlightClock* m_clock;
    QHash<QString, Entry> m_entries;
    QLabel* m_ratioText = nullptr;
    QProgressBar* m_gauge = nullptr;
    QWidget* m_portfolioBox = nullptr;
    QHash<QString, QLabel*> m_portfolio;
    MarginThresholds m_thresholds;
    std::optional<double> m_ratioPercent;
    bool m_stale = false;
};

} // namespace marginwatch
