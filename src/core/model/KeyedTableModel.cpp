#include "model/KeyedTableModel.h"

#include "model/AccountSemantics.h"

#include <QDateTime>
#include <QLocale>
#include <QSet>

#include <algorithm>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

constexpr int kMaxDisplayDigits = 12;

int directionOf(const CellValue& before, const CellValue& after)
{
    if (const auto* a = std::get_if<Decimal>(&after)) {
        if (const auto* b = std::get_if<Decimal>(&before))
            return *a > *b ? 1 : (*a < *b ? -1 : 0);
    }
    if (const auto* a = std::get_if<double>(&after)) {
        if (const auto* b = std::get_if<double>(&before))
            return *a > *b ? 1 : (*a < *b ? -1 : 0);
    }
    if (const auto* a = std::get_if<qint64>(&after)) {
        if (const auto* b = std::get_if<qint64>(&before))
            return *a > *b ? 1 : (*a < *b ? -1 : 0);
    }
    return 0;
}

bool sameValue(const CellValue& a, const CellValue& b)
{
    if (a.index() != b.index())
        return false;
    // Decimals compare by text, which implies the value: "1.0" after "1.00" is a different export.
    if (const auto* x = std::get_if<Decimal>(&a))
        return x->isSameText(std::get<Decimal>(b));
    return a == b;
}

QVariant toVariant(const CellValue& value)
{
    return std::visit(
        [](const auto& v) -> QVariant {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>)
                return {};
            else
                return QVariant::fromValue(v);
        },
        value);
}

} // namespace

KeyedTableModel::KeyedTableModel(QList<ColumnSpec> columns, QObject* parent)
    : QAbstractTableModel(parent)
    , m_columns(std::move(columns))
    , m_clock(systemClock())
{
    qRegisterMetaType<Decimal>();
    qRegisterMetaType<CellChange>();
}

int KeyedTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int KeyedTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

// Formatted when shown, not when applied: most of a poll's rows are never painted.
QString KeyedTableModel::display(const CellValue& value, const ColumnSpec& column) const
{
    switch (column.format) {
    case ColumnFormat::Text:
        if (const auto* text = std::get_if<QString>(&value))
            return *text;
        break;
    case ColumnFormat::Decimal:
        if (const auto* d = std::get_if<Decimal>(&value))
            return d->toDisplayString(std::clamp<int>(std::max<int>(column.minFractionDigits, d->scale()), 0,
                                                      std::max(kMaxDisplayDigits, column.minFractionDigits)));
        break;
    case ColumnFormat::Percent:
        // The C locale, like the decimals beside it.
        if (const auto* percent = std::get_if<double>(&value))
            return percentText(*percent, QLocale::c());
        break;
    case ColumnFormat::Integer:
        if (const auto* integer = std::get_if<qint64>(&value))
            return QString::number(*integer);
        break;
    case ColumnFormat::Time:
        if (const auto* ms = std::get_if<qint64>(&value))
            return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC).toString(u"yyyy-MM-dd HH:mm:ss"_s);
        break;
    }
    return {};
}

QSet<int> KeyedTableModel::signedColumns() const
{
    QSet<int> columns;
    for (int c = 0; c < m_columns.size(); ++c) {
        if (m_columns.at(c).signedValue)
            columns.insert(c);
    }
    return columns;
}

QVariant KeyedTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StoredRow& stored = m_rows.at(index.row());
    const CellValue& value = stored.row.cells.at(index.column());
    const ColumnSpec& column = m_columns.at(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(value, column);
    case Qt::ToolTipRole:
        if (const auto* d = std::get_if<Decimal>(&value))
            return d->toString(); // exactly as the exchange sent it
        return {};
    case Qt::TextAlignmentRole:
        return column.isNumeric() ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                  : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case RawValueRole:
        return toVariant(value);
    case ChangeRole:
        return QVariant::fromValue(stored.changes.at(index.column()));
    case RowIsEmptyRole:
        return stored.row.isEmpty;
    default:
        return {};
    }
}

QVariant KeyedTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_columns.size())
        return {};
    if (role == Qt::DisplayRole)
        return m_columns.at(section).title;
    if (role == Qt::ToolTipRole)
        return m_columns.at(section).toolTip;
    if (role == Qt::TextAlignmentRole)
        return m_columns.at(section).isNumeric() ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    return {};
}

void KeyedTableModel::reset()
{
    beginResetModel();
    m_rows.clear();
    m_index.clear();
    forgetApplied();
    endResetModel();
}

void KeyedTableModel::rebuildIndex()
{
    m_index.clear();
    m_index.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(m_rows.at(i).row.key, i);
}

bool KeyedTableModel::sameKeysInOrder(const QList<TableRow>& rows) const
{
    if (rows.size() != m_rows.size())
        return false;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (rows.at(i).key != m_rows.at(i).row.key)
            return false;
    }
    return true;
}

void KeyedTableModel::ChangedRange::add(int row, int firstCol, int lastCol)
{
    firstRow = firstRow < 0 ? row : std::min(firstRow, row);
    lastRow = std::max(lastRow, row);
    firstColumn = firstColumn < 0 ? firstCol : std::min(firstColumn, firstCol);
    lastColumn = std::max(lastColumn, lastCol);
}

// Stores the row at `at` if it differs and adds its changed columns to `range`.
void KeyedTableModel::applyChanges(int at, TableRow& row, qint64 now, ChangedRange& range)
{
    if (row.unchanged)
        return;
    StoredRow& stored = m_rows[at];
    int firstChanged = -1;
    int lastChanged = -1;
    for (int c = 0; c < row.cells.size(); ++c) {
        if (sameValue(stored.row.cells.at(c), row.cells.at(c)))
            continue;
        stored.changes[c] = CellChange{directionOf(stored.row.cells.at(c), row.cells.at(c)), now};
        if (firstChanged < 0)
            firstChanged = c;
        lastChanged = c;
    }
    const bool emptinessChanged = stored.row.isEmpty != row.isEmpty;
    if (firstChanged < 0 && !emptinessChanged)
        return;
    stored.row = std::move(row);
    if (firstChanged < 0) {
        range.add(at, 0, 0); // only the row's emptiness changed (filters must re-run)
        return;
    }
    range.add(at, firstChanged, lastChanged);
    range.valuesChanged = true;
}

void KeyedTableModel::emitDataChanged(const ChangedRange& range)
{
    if (range.firstRow >= 0)
        Q_EMIT dataChanged(index(range.firstRow, range.firstColumn), index(range.lastRow, range.lastColumn));
}

void KeyedTableModel::applyRows(QList<TableRow> rows)
{
    const qint64 now = m_clock();
    ChangedRange changed;

    // The usual poll: the same rows in the same order, so no row is inserted or removed and no key
    // needs hashing.
    if (sameKeysInOrder(rows)) {
        for (int i = 0; i < rows.size(); ++i)
            applyChanges(i, rows[i], now, changed);
        emitDataChanged(changed);
        if (changed.valuesChanged)
            Q_EMIT changesApplied(now);
        return;
    }

    QSet<QString> incoming;
    incoming.reserve(rows.size());
    for (const TableRow& row : rows)
        incoming.insert(row.key);

    // 1. Removals, from the end, one signal per contiguous block.
    for (int last = static_cast<int>(m_rows.size()) - 1; last >= 0;) {
        if (incoming.contains(m_rows.at(last).row.key)) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !incoming.contains(m_rows.at(first - 1).row.key))
            --first;
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        last = first - 1;
    }
    if (m_rows.size() != m_index.size())
        rebuildIndex();

    // 2. Changes in place.
    QList<TableRow> added;
    for (TableRow& row : rows) {
        const auto found = m_index.constFind(row.key);
        if (found != m_index.cend()) {
            applyChanges(*found, row, now, changed);
            continue;
        }
        // An unchanged row is one this model holds; not finding it is a subclass's bug, and a row
        // without cells cannot be shown.
        Q_ASSERT(!row.unchanged);
        if (!row.unchanged)
            added.append(std::move(row));
    }

    // Before the insertions, which leave the changed rows' places alone.
    emitDataChanged(changed);

    // 3. Insertions, appended as one block (views sort through the proxy).
    if (!added.isEmpty()) {
        const int first = static_cast<int>(m_rows.size());
        beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
        for (TableRow& row : added) {
            StoredRow stored;
            stored.changes.resize(row.cells.size());
            stored.row = std::move(row);
            m_index.insert(stored.row.key, static_cast<int>(m_rows.size()));
            m_rows.append(std::move(stored));
        }
        endInsertRows();
    }
    if (changed.valuesChanged)
        Q_EMIT changesApplied(now);
}

} // namespace marginwatch
