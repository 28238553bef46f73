#include "io/SnapshotCsvFormat.h"

#include "model/AccountFields.h"

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

// A record's fields under their API names, in their table's order (model/AccountFields.h, which is
// the API's): decimals exactly as received, server text neutralised, what the body did not say empty.
template <typename Record>
void appendHeader(QStringList& header)
{
    for (const Field<Record>& f : fieldsOf<Record>())
        header << QString::fromLatin1(f.apiName.data(), qsizetype(f.apiName.size()));
}

template <typename Record>
void appendFields(QStringList& row, const Record& record)
{
    forEachField<Record>([&](auto i) {
        constexpr const Field<Record>& f = fieldsOf<Record>()[i];
        if constexpr (f.kind == FieldKind::Text) {
            row << csvServerText(record.*f.textMember);
        } else if constexpr (f.kind == FieldKind::Decimal) {
            row << (record.*f.decimalMember).toString();
        } else if constexpr (f.kind == FieldKind::OptionalDecimal) {
            const std::optional<Decimal>& value = record.*f.optionalDecimalMember;
            row << (value ? value->toString() : QString());
        } else if constexpr (f.kind == FieldKind::Time) {
            row << QString::number(record.*f.timeMember);
        } else {
            const std::optional<int>& value = record.*f.optionalIntegerMember;
            row << (value ? QString::number(*value) : QString());
        }
    });
}

} // namespace

QString csvTableName(CsvTable table)
{
    switch (table) {
    case CsvTable::Totals:
        return u"totals"_s;
    case CsvTable::Assets:
        return u"assets"_s;
    case CsvTable::Positions:
        return u"positions"_s;
    }
    return {};
}

QString csvFilePath(const QString& stem, CsvTable table)
{
    return stem + u'-' + csvTableName(table) + u".csv"_s;
}

QStringList csvHeader(CsvTable table)
{
    QStringList header{u"snapshot_time_utc"_s};
    switch (table) {
    case CsvTable::Totals:
        header << u"account_mode"_s << u"position_mode"_s;
        appendHeader<AccountTotals>(header);
        header << u"marginRatio"_s;
        break;
    case CsvTable::Assets:
        appendHeader<AssetBalance>(header);
        break;
    case CsvTable::Positions:
        appendHeader<Position>(header);
        break;
    }
    return header;
}

QString csvServerText(const QString& text)
{
    // OWASP's advice for CSV injection: a leading quote makes a spreadsheet read the cell as text.
    if (!text.isEmpty()) {
        switch (text.front().unicode()) {
        case u'=':
        case u'+':
        case u'-':
        case u'@':
        case u'\t':
        case u'\r':
            return u'\'' + text;
        default:
            break;
        }
    }
    return text;
}

QString csvTimestamp(const QDateTime& time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QString csvAccountMode(AccountMode mode)
{
    switch (mode) {
    case AccountMode::SingleAsset:
        return u"single-asset"_s;
    case AccountMode::MultiAssets:
        return u"multi-assets"_s;
    case AccountMode::Unknown:
        break;
    }
    return {};
}

QString csvPositionMode(PositionMode mode)
{
    switch (mode) {
    case PositionMode::OneWay:
        return u"one-way"_s;
    case PositionMode::Hedge:
        return u"hedge"_s;
    case PositionMode::Unknown:
        break;
    }
    return {};
}

QString csvMarginRatio(const AccountTotals& totals)
{
    const std::optional<double> ratio = marginRatio(totals);
    return ratio ? QString::number(*ratio, 'f', kMarginRatioDigits) : QString();
}

QStringList totalsCsvRow(const AccountSnapshot& snapshot)
{
    QStringList row{csvTimestamp(snapshot.takenAt), csvAccountMode(snapshot.accountMode),
                    csvPositionMode(snapshot.positionMode)};
    row.reserve(qsizetype(kTotalsFields.size()) + 4);
    appendFields(row, snapshot.totals);
    row << csvMarginRatio(snapshot.totals);
    return row;
}

QStringList assetCsvRow(const QString& timestamp, const AssetBalance& asset)
{
    QStringList row;
    row.reserve(qsizetype(kAssetFields.size()) + 1);
    row << timestamp;
    appendFields(row, asset);
    return row;
}

QStringList positionCsvRow(const QString& timestamp, const Position& position)
{
    QStringList row;
    row.reserve(qsizetype(kPositionFields.size()) + 1);
    row << timestamp;
    appendFields(row, position);
    return row;
}

QList<QStringList> csvRows(CsvTable table, const AccountSnapshot& snapshot)
{
    QList<QStringList> rows;
    // Formatted once per snapshot: QDateTime::toString costs more than the rest of a row.
    const QString timestamp = table == CsvTable::Totals ? QString() : csvTimestamp(snapshot.takenAt);
    switch (table) {
    case CsvTable::Totals:
        rows << totalsCsvRow(snapshot);
        break;
    case CsvTable::Assets:
        rows.reserve(snapshot.assets.size());
        for (const AssetBalance& asset : snapshot.assets)
            rows << assetCsvRow(timestamp, asset);
        break;
    case CsvTable::Positions:
        rows.reserve(snapshot.positions.size());
        for (const Position& position : snapshot.positions)
            rows << positionCsvRow(timestamp, position);
        break;
    }
    return rows;
}

} // namespace marginwatch
