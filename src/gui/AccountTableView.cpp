#include "gui/AccountTableView.h"

#include <QHeaderView>
#include <QMenu>

namespace marginwatch {

AccountTableView::AccountTableView(QWidget* parent)
    : QTableView(parent)
{
    setSortingEnabled(true);
    setAlternatingRowColors(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setWordWrap(false);
    setCornerButtonEnabled(false);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // Row height from the font, not a pixel constant: stays right at any DPI and font size.
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSortIndicatorShown(true);
    horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(horizontalHeader(), &QWidget::customContextMenuRequested, this,
            [this](const QPoint& pos) { showColumnChooser(horizontalHeader()->mapToGlobal(pos)); });
}

QByteArray AccountTableView::saveHeaderState() const
{
    return horizontalHeader()->saveState();
}

bool AccountTableView::restoreHeaderState(const QByteArray& state)
{
    if (state.isEmpty() || !horizontalHeader()->restoreState(state))
        return false;
    // A state saved with every column hidden would leave an empty, unrecoverable table.
    if (horizontalHeader()->hiddenSectionCount() >= horizontalHeader()->count())
        resetColumns();
    return true;
}

void AccountTableView::showColumnChooser(const QPoint& globalPos)
{
    if (!model())
        return;
    QMenu menu(this);
    QHeaderView* header = horizontalHeader();
    const int visible = header->count() - header->hiddenSectionCount();
    for (int column = 0; column < model()->columnCount(); ++column) {
        QAction* action = menu.addAction(model()->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        action->setToolTip(model()->headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString());
        // The last visible column cannot be hidden, or the chooser would have nothing to click.
        action->setEnabled(header->isSectionHidden(column) || visible > 1);
        connect(action, &QAction::toggled, this,
                [header, column](bool on) { header->setSectionHidden(column, !on); });
    }
    menu.addSeparator();
    menu.addAction(tr("Reset columns"), this, &AccountTableView::resetColumns);
    menu.exec(globalPos);
}

void AccountTableView::resetColumns()
{
    QHeaderView* header = horizontalHeader();
    for (int column = 0; column < header->count(); ++column) {
        header->setSectionHidden(column, false);
        header->moveSection(header->visualIndex(column), column);
    }
    resizeColumnsToContents();
}

} // namespace marginwatch
