#pragma once

#include "io/history/HistoryAccount.h"
#include "io/history/HistoryConnection.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>

#include <array>
#include <optional>

class QIODevice;

namespace marginwatch {

// One point of the History tab's charts. Doubles are fine here: charts only, never money on its way
// to a table or a file (those read the exact TEXT columns).
struct HistoryPoint
{
    QDateTime time;                    // UTC
    double marginBalance = 0;          // totalMarginBalance
    double unrealizedProfit = 0;       // totalUnrealizedProfit
    std::optional<double> marginRatio; // totalMaintMargin / totalMarginBalance, as a fraction
};

// An account that has history, for the History tab's chooser.
struct StoredHistoryAccount
{
    qint64 id = 0;
    HistoryAccount account;
    QDateTime first; // UTC
    QDateTime last;
};

// Everything read from the history database. Bounds are inclusive; an invalid QDateTime is an open
// end. Runs on whatever connection it is given (the store's reader, on the GUI thread).
class HistoryQueries
{
    Q_DECLARE_TR_FUNCTIONS(HistoryQueries)

public:
    static SqlResult<std::optional<qint64>> accountId(const HistoryConnection& db,
                                                      const HistoryAccount& account);
    // Accounts with at least one stored poll, the most recently recorded first.
    static SqlResult<QList<StoredHistoryAccount>> accounts(const HistoryConnection& db);

    // Oldest first, thinned evenly to at most maxPoints (the newest point is always kept).
    static SqlResult<QList<HistoryPoint>> series(const HistoryConnection& db, qint64 accountId,
                                                 const QDateTime& from, const QDateTime& to, int maxPoints);
    static SqlResult<int> snapshotCount(const HistoryConnection& db, qint64 accountId, const QDateTime& from,
                                        const QDateTime& to);
    static SqlResult<std::optional<QDateTime>> firstSnapshotTime(const HistoryConnection& db,
                                                                 qint64 accountId);
    static SqlResult<std::optional<QDateTime>> lastSnapshotTime(const HistoryConnection& db,
                                                                qint64 accountId);

    // The range in the CSV contract's three formats (devices in CsvTable order). totals: one row per
    // stored poll. assets and positions: the rows in effect at the first poll of the range (stamped
    // with that poll's time), then the rows of every later poll in the range where they changed.
    static SqlResult<void> exportRange(const HistoryConnection& db, qint64 accountId,
                                       const std::array<QIODevice*, 3>& devices, const QDateTime& from,
                                       const QDateTime& to);
};

} // namespace marginwatch
