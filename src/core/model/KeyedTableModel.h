#pragma once

#include "model/Decimal.h"
#include "model/ModelRoles.h"
#include "util/LocalClock.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <functional>
#include <variant>

namespace marginwatch {

// One cell's value as received: exact decimals stay Decimal (never double) until display.
using CellValue = std::variant<std::monostate, Decimal, QString, qint64, double>;

// How a column's cells are shown; numbers are right-aligned.
enum class ColumnFormat
{
    Text,    // QString
    Decimal, // Decimal, exactly, with at least minFractionDigits
    Percent, // double, a derived ratio already in percent: "12.34 %"
    Integer, // qint64
    Time,    // qint64 milliseconds since the epoch, shown as UTC date and time
};

struct ColumnSpec
{
    QString title;
    QString toolTip; // one sentence, from the endpoint documentation
    ColumnFormat format = ColumnFormat::Text;
    int minFractionDigits = 0; // decimals: display precision floor; a value with more shows them all
    bool signedValue = false;  // shown green or red by its sign (profit and loss)

    bool isNumeric() const { return format != ColumnFormat::Text && format != ColumnFormat::Time; }
};

struct TableRow
{
    QString key; // asset, or symbol + position side
    QList<CellValue> cells;
    bool isEmpty = false;
    // Only the key: the row is exactly as last applied, so the model keeps what it has. Building 17
    // cells for each of a thousand rows that did not move was most of a poll's cost.
    bool unchanged = false;

    static TableRow unchangedRow(const QString& key) { return TableRow{key, {}, false, true}; }
};

// The incremental machinery shared by the asset, position and totals models: a snapshot becomes
// rows keyed by identity; applying it emits removals, one dataChanged over the rows and columns that
// changed, insertions, then changesApplied (an identical snapshot emits nothing), and records the
// direction and time of each change for the highlight delegate. One signal for a poll that moved a
// thousand rows, not a thousand (qBittorrent's TransferListModel coalesces the same way): a view
// repaints its viewport once either way, but a proxy and every listener ran once per signal.
class KeyedTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit KeyedTableModel(QList<ColumnSpec> columns, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // When changes happen, as ChangeRole reports them; the system clock unless set.
    void setClock(LocalClock clock) { m_clock = std::move(clock); }
    // The columns whose values are shown green or red by their sign.
    QSet<int> signedColumns() const;
    void reset(); // a different account: forget rows and change history
    QString keyAt(int row) const { return m_rows.value(row).row.key; }
    int rowOf(const QString& key) const { return m_index.value(key, -1); }

Q_SIGNALS:
    // Once per apply that changed a value, after its dataChanged: atMs is when, as ChangeRole reports
    // it for those cells. Highlights start fading from here.
    void changesApplied(qint64 atMs);

protected:
    // Rows marked unchanged must carry a key applied before, with no reset() since.
    void applyRows(QList<TableRow> rows);
    virtual void forgetApplied() {} // reset(): whatever a subclass remembers of the last apply

private:
    struct StoredRow
    {
        TableRow row;
        QList<CellChange> changes;
    };
    QString display(const CellValue& value, const ColumnSpec& column) const;
    void rebuildIndex();
    bool sameKeysInOrder(const QList<TableRow>& rows) const;
    // The cells one apply changed, as the one rectangle dataChanged reports.
    struct ChangedRange
    {
        int firstRow = -1;
        int lastRow = -1;
        int firstColumn = -1;
        int lastColumn = -1;
        bool valuesChanged = false; // else only some rows' emptiness changed

        void add(int row, int firstCol, int lastCol);
    };
    void applyChanges(int at, TableRow& row, qint64 now, ChangedRange& range);
    void emitDataChanged(const ChangedRange& range);

    QList<ColumnSpec> m_columns;
    QList<StoredRow> m_rows;
    QHash<QString, int> m_index;
    LocalClock m_clock;
};

} // namespace marginwatch
