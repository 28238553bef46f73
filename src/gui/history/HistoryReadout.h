#pragma once

#include "io/history/HistoryQueries.h"

#include <QList>
#include <QLocale>
#include <QString>

namespace marginwatch {

// The poll nearest to a time among points sorted by time (binary search); -1 when there is none.
qsizetype nearestHistoryPoint(const QList<HistoryPoint>& points, qint64 ms);

// What the History tab shows for the poll under the cursor, e.g.
// "25 Nov 2026 04:30:25 — Margin balance 10,000.00 · Unrealized PnL −12.50 · Margin ratio 1.73 %".
QString historyReadoutText(const HistoryPoint& point, const QLocale& locale);

} // namespace marginwatch
