#pragma once

#include <QTableView>

namespace marginwatch {

// A read-only, sortable table of one account model (through its proxy) with a column chooser on the
// header's context menu; its header state (order, widths, hidden columns, sort) is saved by the
// window under the view's objectName.
class AccountTableView : public QTableView
{
    Q_OBJECT
public:
    explicit AccountTableView(QWidget* parent = nullptr);

    QByteArray saveHeaderState() const;
    bool restoreHeaderState(const QByteArray& state);

    void showColumnChooser(const QPoint& globalPos); // the header's context menu
    void resetColumns();
};

} // namespace marginwatch
