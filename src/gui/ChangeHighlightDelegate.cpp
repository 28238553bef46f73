#include "gui/ChangeHighlightDelegate.h"

#include "gui/HighlightClock.h"
#include "gui/Theme.h"
#include "model/Decimal.h"
#include "model/ModelRoles.h"

#include <QPainter>

namespace marginwatch {

ChangeHighlightDelegate::ChangeHighlightDelegate(HighlightClock* clock, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_clock(clock)
{}

int ChangeHighlightDelegate::direction(const QModelIndex& index)
{
    return index.data(ChangeRole).value<CellChange>().direction;
}

double ChangeHighlightDelegate::intensity(const QModelIndex& index) const
{
    const CellChange change = index.data(ChangeRole).value<CellChange>();
    if (change.direction == 0)
        return 0.0;
    return m_clock->intensity(change.changedAtMs);
}

void ChangeHighlightDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (m_stale) {
        option->state &= ~QStyle::State_Enabled;
        return;
    }
    if (m_signedColumns.contains(index.column())) {
        const QVariant raw = index.data(RawValueRole);
        if (raw.metaType() == QMetaType::fromType<Decimal>()) {
            const int sign = raw.value<Decimal>().signum();
            if (sign != 0)
                option->palette.setColor(QPalette::Text, sign > 0 ? Theme::gainColor() : Theme::lossColor());
        }
    }
}

void ChangeHighlightDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                    const QModelIndex& index) const
{
    const double strength = m_stale ? 0.0 : intensity(index);
    if (strength > 0.0) {
        QColor colour = direction(index) > 0 ? Theme::gainColor() : Theme::lossColor();
        colour.setAlphaF(static_cast<float>(0.45 * strength));
        painter->fillRect(option.rect, colour);
    }
    QStyledItemDelegate::paint(painter, option, index);
}

} // namespace marginwatch
