#pragma once
// Roles shared by the table models (core) and the views and delegates (gui).

#include <QDateTime>
#include <QMetaType>
#include <Qt>

namespace marginwatch {

enum ModelRole : int
{
    // The underlying value for sorting and exports: a Decimal for money/quantities (QVariant holding
    // marginwatch::Decimal), qint64 for times, QString for names, double only for derived ratios.
    RawValueRole = Qt::UserRole + 1,
    // A CellChange: did this cell's value go up or down in the last applied snapshot, and when.
    ChangeRole,
    // bool: the row holds nothing worth showing (an asset with all-zero balances, a closed position);
    // used by the "hide zero" filters.
    RowIsEmptyRole,
};

struct CellChange
{
    int direction = 0;      // +1 up, -1 down, 0 unchanged / text-only change
    qint64 changedAtMs = 0; // QDateTime::currentMSecsSinceEpoch() when applied; 0 = never changed

    bool isValid() const { return changedAtMs != 0; }
};

} // namespace marginwatch

Q_DECLARE_METATYPE(marginwatch::CellChange)
