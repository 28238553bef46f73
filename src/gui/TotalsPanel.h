#pragma once

#include "alerts/MarginAlertTracker.h"
#include "api/PortfolioMargin.h"

#include <QFrame>
#include <QHash>
#include <QList>

#include <optional>

class QLabel;
class QProgressBar;

namespace marginwatch {

class HighlightClock;
class TotalsModel;

// The totals a trader reads first, large and exact, plus the margin-ratio gauge with its warning and
// danger zones. It shows the window's TotalsModel: the totals of kTotalsFields that have a panel
// slot, in slot order. A total that changed flashes green or red (the model's ChangeRole) and fades
// on the window's shared HighlightClock; stale data is greyed but stays.
class TotalsPanel : public QFrame
{
    Q_OBJECT
public:
    TotalsPanel(TotalsModel* model, HighlightClock* clock, QWidget* parent = nullptr);

    void setThresholds(const MarginThresholds& thresholds);
    void setStale(bool stale);
    // A Portfolio Margin account: its unified figures (uniMMR, accountEquity, accountMaintMargin,
    // accountStatus) under their own captions; the futures totals show none.
    void showPortfolioMargin(const PortfolioMarginSnapshot& snapshot);
    void hidePortfolioMargin();
    QString portfolioMarginText(const QString& apiName) const;

    // "up" / "down" while a total's highlight shows, else "".
    QString totalChange(const QString& apiName) const;
    QColor gaugeColour() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Entry
    {
        int column = 0; // of the model
        QString apiName;
        QString caption;
        QString explanation;
        QLabel* label = nullptr;
        bool isSigned = false;
        bool tinted = false; // a highlight shows: the next clock ticks repaint it until it has faded
    };
    void showColumns(int first, int last);
    void showRatio();
    void clear();
    void repaintEntry(Entry& entry);
    void repaintHighlights();
    double highlightOf(const Entry& entry, int* direction = nullptr) const;

    TotalsModel* m_model;
    HighlightClock* m_clock;
    QList<Entry> m_entries;
    QLabel* m_ratioText = nullptr;
    QProgressBar* m_gauge = nullptr;
    QWidget* m_portfolioBox = nullptr;
    QHash<QString, QLabel*> m_portfolio;
    MarginThresholds m_thresholds;
    std::optional<double> m_ratioPercent;
    bool m_stale = false;
};

} // namespace marginwatch
