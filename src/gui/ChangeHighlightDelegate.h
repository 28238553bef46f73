#pragma once

#include <QSet>
#include <QStyledItemDelegate>

namespace marginwatch {

class HighlightClock;

// Paints a cell whose value changed in the last poll green (up) or red (down), fading over
// HighlightClock::kFadeMs, from the model's ChangeRole. Signed columns (PnL) get green/red text.
// When the data is stale every cell is drawn greyed, yet the view stays scrollable and sortable.
class ChangeHighlightDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    ChangeHighlightDelegate(HighlightClock* clock, QObject* parent = nullptr);

    void setSignedColumns(QSet<int> columns) { m_signedColumns = std::move(columns); }
    void setStale(bool stale) { m_stale = stale; }
    bool isStale() const { return m_stale; }

    // The highlight a cell has right now: +1 / -1 with its intensity, or 0 when none (tests, a11y).
    static int direction(const QModelIndex& index);
    double intensity(const QModelIndex& index) const;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    HighlightClock* m_clock;
    QSet<int> m_signedColumns;
    bool m_stale = false;
};

} // namespace marginwatch
