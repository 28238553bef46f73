#pragma once

#include <QSortFilterProxyModel>

namespace marginwatch {

// Sorts on the exact underlying value (RawValueRole): decimals numerically and exactly ("-0.5" sorts
// below "0.1", not as text), names with a locale-aware compare; optionally hides empty rows (zero
// balances, closed positions).
class AccountSortFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit AccountSortFilterProxy(QObject* parent = nullptr);

    void setHideEmptyRows(bool hide);
    bool hideEmptyRows() const { return m_hideEmpty; }

protected:
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    bool m_hideEmpty = false;
};

} // namespace marginwatch
