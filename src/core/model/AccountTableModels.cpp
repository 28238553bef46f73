#include "model/AccountTableModels.h"

#include "model/AccountSemantics.h"

#include <QCoreApplication>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

QString fieldText(const char* text)
{
    return QCoreApplication::translate(kFieldContext, text);
}

template <typename Record>
ColumnSpec columnFor(const Field<Record>& f)
{
    ColumnSpec column{fieldText(f.text.title), fieldText(f.text.toolTip)};
    switch (f.kind) {
    case FieldKind::Text:
        column.format = ColumnFormat::Text;
        break;
    case FieldKind::Decimal:
    case FieldKind::OptionalDecimal:
        column.format = ColumnFormat::Decimal;
        column.minFractionDigits = f.options.displayDigits;
        break;
    case FieldKind::Time:
        column.format = ColumnFormat::Time;
        break;
    case FieldKind::OptionalInteger:
        column.format = ColumnFormat::Integer;
        break;
    }
    column.signedValue = f.has(Signed);
    return column;
}

// Appends the cell of field I of a record, constructed in place (a poll builds thousands): exact
// decimals stay Decimal; what the body did not say is an empty cell.
template <typename Record, std::size_t I>
void appendCell(QList<CellValue>& cells, const Record& record)
{
    constexpr const Field<Record>& f = fieldsOf<Record>()[I];
    if constexpr (f.kind == FieldKind::Text) {
        const QString& text = record.*f.textMember;
        if (text.isEmpty())
            cells.emplace_back(std::monostate{});
        else
            cells.emplace_back(text);
    } else if constexpr (f.kind == FieldKind::Decimal) {
        cells.emplace_back(record.*f.decimalMember);
    } else if constexpr (f.kind == FieldKind::OptionalDecimal) {
        const std::optional<Decimal>& value = record.*f.optionalDecimalMember;
        if (value)
            cells.emplace_back(*value);
        else
            cells.emplace_back(std::monostate{});
    } else if constexpr (f.kind == FieldKind::Time) {
        const qint64 ms = record.*f.timeMember;
        if (ms > 0)
            cells.emplace_back(ms);
        else
            cells.emplace_back(std::monostate{});
    } else {
        const std::optional<int>& value = record.*f.optionalIntegerMember;
        if (value)
            cells.emplace_back(qint64(*value));
        else
            cells.emplace_back(std::monostate{});
    }
}

// A row is empty (the "hide zero" filters drop it) when every DecidesEmpty field of it is zero.
template <typename Record>
bool isEmptyRecord(const Record& record)
{
    return allFields<Record>([&](auto i) {
        constexpr const Field<Record>& f = fieldsOf<Record>()[i];
        if constexpr (f.kind == FieldKind::Decimal && f.has(DecidesEmpty))
            return (record.*f.decimalMember).isZero();
        else
            return true;
    });
}

// One column per field, in the table's order.
template <typename Record>
QList<ColumnSpec> fieldColumns()
{
    QList<ColumnSpec> columns;
    for (const Field<Record>& f : fieldsOf<Record>())
        columns.append(columnFor(f));
    return columns;
}

template <typename Record>
QList<CellValue> fieldCells(const Record& record)
{
    QList<CellValue> cells;
    cells.reserve(qsizetype(fieldsOf<Record>().size()));
    forEachField<Record>([&](auto i) { appendCell<Record, i>(cells, record); });
    return cells;
}

ColumnSpec liquidationDistanceColumn()
{
    return ColumnSpec{QCoreApplication::translate("AccountTableModels", "To liq."),
                      QCoreApplication::translate(
                          "AccountTableModels",
                          "Distance from the mark price to the liquidation price, in percent of the mark."),
                      ColumnFormat::Percent};
}

// The positions table's columns follow kPositionColumnLayout: the index of each one's field (or -1
// for the derived distance to liquidation), known at compile time.
constexpr std::array<int, kPositionColumnLayout.size()> positionColumnFields()
{
    std::array<int, kPositionColumnLayout.size()> fields{};
    for (std::size_t c = 0; c < kPositionColumnLayout.size(); ++c)
        fields[c] = fieldIndex<Position>(kPositionColumnLayout[c]);
    return fields;
}

constexpr auto kPositionColumnFields = positionColumnFields();
static_assert(positionColumn(kLiquidationDistanceColumn) >= 0, "the derived column has a place");

QList<ColumnSpec> positionColumns()
{
    QList<ColumnSpec> columns;
    for (const int field : kPositionColumnFields)
        columns.append(field < 0 ? liquidationDistanceColumn()
                                 : columnFor(kPositionFields[std::size_t(field)]));
    return columns;
}

template <std::size_t Column>
void appendPositionCell(QList<CellValue>& cells, const Position& position)
{
    constexpr int field = kPositionColumnFields[Column];
    if constexpr (field >= 0) {
        appendCell<Position, std::size_t(field)>(cells, position);
    } else if (const std::optional<double> distance = liquidationDistancePercent(position)) {
        cells.emplace_back(*distance);
    } else {
        cells.emplace_back(std::monostate{});
    }
}

template <std::size_t... Column>
QList<CellValue> positionCells(const Position& position, std::index_sequence<Column...>)
{
    QList<CellValue> cells;
    cells.reserve(qsizetype(sizeof...(Column)));
    (appendPositionCell<Column>(cells, position), ...);
    return cells;
}

QList<CellValue> positionCells(const Position& position)
{
    return positionCells(position, std::make_index_sequence<kPositionColumnFields.size()>{});
}

bool sameIdentity(const AssetBalance& a, const AssetBalance& b)
{
    return a.asset == b.asset;
}

bool sameIdentity(const Position& a, const Position& b)
{
    return a.symbol == b.symbol && a.positionSide == b.positionSide;
}

// Rows for `items`, where an item equal to the one applied at the same index last time (the usual
// case: the API lists rows in a stable order) becomes a key-only unchanged row, and a changed item
// that is still the same row reuses its key. Every cell of a row derives from its item alone, which
// is what makes that sound. `fillRow(item, row)` sets the cells and emptiness; `keyOf(item)` makes a
// new key. `last` then holds `items` and their keys.
template <typename Item, typename KeyOf, typename FillRow>
QList<TableRow> rowsSinceApplied(const QList<Item>& items, AppliedItems<Item>& last, KeyOf keyOf,
                                 FillRow fillRow)
{
    const QList<Item>& applied = last.items;
    const QList<QString>& appliedKeys = last.keys;
    QList<TableRow> rows;
    rows.reserve(items.size());
    QList<QString> keys;
    keys.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        const Item& item = items.at(i);
        const bool sameRow = i < applied.size() && sameIdentity(item, applied.at(i));
        if (sameRow && sameRecordText(item, applied.at(i))) {
            rows.append(TableRow::unchangedRow(appliedKeys.at(i)));
        } else {
            TableRow row;
            row.key = sameRow ? appliedKeys.at(i) : keyOf(item);
            fillRow(item, row);
            rows.append(std::move(row));
        }
        keys.append(rows.constLast().key);
    }
    last.items = items;
    last.keys = std::move(keys);
    return rows;
}

} // namespace

AssetTableModel::AssetTableModel(QObject* parent)
    : KeyedTableModel(fieldColumns<AssetBalance>(), parent)
{}

void AssetTableModel::apply(const AccountSnapshot& snapshot)
{
    // The very same list (an unchanged poll, see SnapshotParser) cannot hold a change.
    if (rowCount() > 0 && snapshot.assets.isSharedWith(m_applied.items))
        return;
    QList<TableRow> rows = rowsSinceApplied(
        snapshot.assets, m_applied, [](const AssetBalance& a) { return a.asset; },
        [](const AssetBalance& a, TableRow& row) {
            row.cells = fieldCells(a);
            row.isEmpty = isEmptyRecord(a);
        });
    applyRows(std::move(rows));
}

void AssetTableModel::forgetApplied()
{
    m_applied = {};
}

PositionTableModel::PositionTableModel(QObject* parent)
    : KeyedTableModel(positionColumns(), parent)
{}

QString PositionTableModel::rowKey(const Position& position)
{
    return position.symbol + u'/' + position.positionSide;
}

void PositionTableModel::apply(const AccountSnapshot& snapshot)
{
    if (rowCount() > 0 && snapshot.positions.isSharedWith(m_applied.items))
        return;
    QList<TableRow> rows = rowsSinceApplied(snapshot.positions, m_applied, &PositionTableModel::rowKey,
                                            [](const Position& p, TableRow& row) {
                                                row.cells = positionCells(p);
                                                row.isEmpty = isEmptyRecord(p);
                                            });
    applyRows(std::move(rows));
}

void PositionTableModel::forgetApplied()
{
    m_applied = {};
}

namespace {

QList<ColumnSpec> totalsColumns()
{
    QList<ColumnSpec> columns = fieldColumns<AccountTotals>();
    columns.append(ColumnSpec{QCoreApplication::translate("AccountTableModels", "Margin ratio"),
                              QCoreApplication::translate("AccountTableModels",
                                                          "Maintenance margin ÷ margin balance. At 100 % the "
                                                          "account is liquidated."),
                              ColumnFormat::Percent});
    return columns;
}

} // namespace

TotalsModel::TotalsModel(QObject* parent)
    : KeyedTableModel(totalsColumns(), parent)
{}

void TotalsModel::apply(const AccountSnapshot& snapshot)
{
    TableRow row{u"totals"_s, fieldCells(snapshot.totals), false};
    const std::optional<double> ratio = marginRatioPercent(snapshot.totals);
    row.cells.append(ratio ? CellValue(*ratio) : CellValue(std::monostate{}));
    applyRows({std::move(row)});
    const QString scope = totalsScopeExplanation(snapshot);
    if (scope != m_scope) {
        m_scope = scope;
        Q_EMIT headerDataChanged(Qt::Vertical, 0, 0);
    }
}

QVariant TotalsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical && section == 0 && role == Qt::ToolTipRole && rowCount() > 0)
        return m_scope;
    return KeyedTableModel::headerData(section, orientation, role);
}

void TotalsModel::forgetApplied()
{
    m_scope.clear();
}

} // namespace marginwatch
