#include "model/AccountSortFilterProxy.h"

#include "model/Decimal.h"
#include "model/ModelRoles.h"

namespace marginwatch {

AccountSortFilterProxy::AccountSortFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(RawValueRole);
    setDynamicSortFilter(true);
}

void AccountSortFilterProxy::setHideEmptyRows(bool hide)
{
    if (m_hideEmpty == hide)
        return;
    m_hideEmpty = hide;
    invalidateFilter();
}

bool AccountSortFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const QVariant a = left.data(RawValueRole);
    const QVariant b = right.data(RawValueRole);
    // Unknown values (no positionRisk yet) sort first, consistently.
    if (!a.isValid() || !b.isValid())
        return !a.isValid() && b.isValid();
    if (a.metaType() == QMetaType::fromType<Decimal>() && b.metaType() == QMetaType::fromType<Decimal>())
        return a.value<Decimal>() < b.value<Decimal>();
    if (a.metaType() == QMetaType::fromType<QString>() && b.metaType() == QMetaType::fromType<QString>())
        return a.toString().localeAwareCompare(b.toString()) < 0;
    return QVariant::compare(a, b) == QPartialOrdering::Less;
}

bool AccountSortFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_hideEmpty && sourceModel()->index(sourceRow, 0, sourceParent).data(RowIsEmptyRole).toBool())
        return false;
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

} // namespace marginwatch
