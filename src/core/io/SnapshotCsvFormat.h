#pragma once
// The CSV contract of design.md in one place: the header of each of the three files and how one
// snapshot becomes rows. The snapshot exporter, the headless recorder and the history store's range
// export all go through these functions, so the three can never drift apart.

#include "model/AccountSemantics.h"
#include "model/AccountSnapshot.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace marginwatch {

enum class CsvTable
{
    Totals,
    Assets,
    Positions
};

// "totals", "assets", "positions": the file name suffix is "-<name>.csv".
QString csvTableName(CsvTable table);
// STEM-totals.csv etc.
QString csvFilePath(const QString& stem, CsvTable table);

QStringList csvHeader(CsvTable table);

// A text field that came from the server (asset, symbol, side, margin type): one beginning with '=',
// '+', '-', '@', tab or CR gets a leading single quote, so that a spreadsheet opening the file shows
// it as text instead of running it as a formula. Decimals never go through here: they stay exact.
QString csvServerText(const QString& text);

// ISO 8601 in UTC with milliseconds and 'Z': 2026-11-25T03:30:25.123Z (empty when invalid).
QString csvTimestamp(const QDateTime& time);
QString csvAccountMode(AccountMode mode);   // single-asset / multi-assets / empty
QString csvPositionMode(PositionMode mode); // one-way / hedge / empty

// The one float-derived column: totalMaintMargin / totalMarginBalance as a fraction (Binance
// liquidates at 1), written with exactly kMarginRatioDigits fraction digits ("0.012345"); empty
// when totalMarginBalance is not positive. Nothing else in the files passes through double.
inline constexpr int kMarginRatioDigits = 6;
QString csvMarginRatio(const AccountTotals& totals);

QStringList totalsCsvRow(const AccountSnapshot& snapshot);
// `timestamp`: csvTimestamp() of the snapshot's time, formatted once for all its rows.
QStringList assetCsvRow(const QString& timestamp, const AssetBalance& asset);
QStringList positionCsvRow(const QString& timestamp, const Position& position);

// All rows of one table for one snapshot (totals: exactly one row).
QList<QStringList> csvRows(CsvTable table, const AccountSnapshot& snapshot);

} // namespace marginwatch
