#include "io/SnapshotCsvFormat.h"

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

// API names in API order (GET /fapi/v3/account). Decimals go out through Decimal::toString(),
// which reproduces the received text byte for byte.
template <typename Row>
using DecimalColumn = std::pair<QLatin1StringView, Decimal Row::*>;

const std::array<DecimalColumn<AccountTotals>, 11> kTotalsColumns{{
    {"totalInitialMargin"_L1, &AccountTotals::totalInitialMargin},
    {"totalMaintMargin"_L1, &AccountTotals::totalMaintMargin},
    {"totalWalletBalance"_L1, &AccountTotals::totalWalletBalance},
    {"totalUnrealizedProfit"_L1, &AccountTotals::totalUnrealizedProfit},
    {"totalMarginBalance"_L1, &AccountTotals::totalMarginBalance},
    {"totalPositionInitialMargin"_L1, &AccountTotals::totalPositionInitialMargin},
    {"totalOpenOrderInitialMargin"_L1, &AccountTotals::totalOpenOrderInitialMargin},
    {"totalCrossWalletBalance"_L1, &AccountTotals::totalCrossWalletBalance},
    {"totalCrossUnPnl"_L1, &AccountTotals::totalCrossUnPnl},
    {"availableBalance"_L1, &AccountTotals::availableBalance},
    {"maxWithdrawAmount"_L1, &AccountTotals::maxWithdrawAmount},
}};

// Between "asset" (first) and "updateTime" (last).
const std::array<DecimalColumn<AssetBalance>, 11> kAssetDecimalColumns{{
    {"walletBalance"_L1, &AssetBalance::walletBalance},
    {"unrealizedProfit"_L1, &AssetBalance::unrealizedProfit},
    {"marginBalance"_L1, &AssetBalance::marginBalance},
    {"maintMargin"_L1, &AssetBalance::maintMargin},
    {"initialMargin"_L1, &AssetBalance::initialMargin},
    {"positionInitialMargin"_L1, &AssetBalance::positionInitialMargin},
    {"openOrderInitialMargin"_L1, &AssetBalance::openOrderInitialMargin},
    {"crossWalletBalance"_L1, &AssetBalance::crossWalletBalance},
    {"crossUnPnl"_L1, &AssetBalance::crossUnPnl},
    {"availableBalance"_L1, &AssetBalance::availableBalance},
    {"maxWithdrawAmount"_L1, &AssetBalance::maxWithdrawAmount},
}};

// Between "symbol", "positionSide" (first) and "updateTime" (last).
const std::array<DecimalColumn<Position>, 7> kPositionDecimalColumns{{
    {"positionAmt"_L1, &Position::positionAmt},
    {"unrealizedProfit"_L1, &Position::unrealizedProfit},
    {"isolatedMargin"_L1, &Position::isolatedMargin},
    {"notional"_L1, &Position::notional},
    {"isolatedWallet"_L1, &Position::isolatedWallet},
    {"initialMargin"_L1, &Position::initialMargin},
    {"maintMargin"_L1, &Position::maintMargin},
}};

// Enrichment from positionRisk / symbolConfig, after the account fields.
using OptionalDecimalColumn = std::pair<QLatin1StringView, std::optional<Decimal> Position::*>;
const std::array<OptionalDecimalColumn, 4> kPositionPriceColumns{{
    {"entryPrice"_L1, &Position::entryPrice},
    {"breakEvenPrice"_L1, &Position::breakEvenPrice},
    {"markPrice"_L1, &Position::markPrice},
    {"liquidationPrice"_L1, &Position::liquidationPrice},
}};

QString optionalText(const std::optional<Decimal>& value)
{
    return value ? value->toString() : QString();
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
        for (const auto& column : kTotalsColumns)
            header << QString(column.first);
        header << u"marginRatio"_s;
        break;
    case CsvTable::Assets:
        header << u"asset"_s;
        for (const auto& column : kAssetDecimalColumns)
            header << QString(column.first);
        header << u"updateTime"_s;
        break;
    case CsvTable::Positions:
        header << u"symbol"_s << u"positionSide"_s;
        for (const auto& column : kPositionDecimalColumns)
            header << QString(column.first);
        header << u"updateTime"_s;
        for (const auto& column : kPositionPriceColumns)
            header << QString(column.first);
        header << u"leverage"_s << u"marginType"_s;
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
    for (const auto& column : kTotalsColumns)
        row << (snapshot.totals.*column.second).toString();
    row << csvMarginRatio(snapshot.totals);
    return row;
}

QStringList assetCsvRow(const QString& timestamp, const AssetBalance& asset)
{
    QStringList row;
    row.reserve(2 + qsizetype(kAssetDecimalColumns.size()) + 1);
    row << timestamp << csvServerText(asset.asset);
    for (const auto& column : kAssetDecimalColumns)
        row << (asset.*column.second).toString();
    row << QString::number(asset.updateTime);
    return row;
}

QStringList positionCsvRow(const QString& timestamp, const Position& position)
{
    QStringList row;
    row.reserve(3 + qsizetype(kPositionDecimalColumns.size() + kPositionPriceColumns.size()) + 3);
    row << timestamp << csvServerText(position.symbol) << csvServerText(position.positionSide);
    for (const auto& column : kPositionDecimalColumns)
        row << (position.*column.second).toString();
    row << QString::number(position.updateTime);
    for (const auto& column : kPositionPriceColumns)
        row << optionalText(position.*column.second);
    row << (position.leverage ? QString::number(*position.leverage) : QString());
    row << csvServerText(position.marginType);
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
