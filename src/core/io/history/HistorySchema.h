#pragma once

#include "io/SnapshotCsvFormat.h"
#include "io/history/HistoryConnection.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace marginwatch {

// The history database's tables, in one place. Decimals are TEXT exactly as the API sent them, under
// the CSV contract's column names; the only REAL is the chart copy of the margin ratio.
//
//   accounts      (id, profile_id, fingerprint, name)           one row per HistoryAccount
//   totals        (account_id, taken_at_ms, <totals columns>, margin_ratio_real)   one per poll
//   asset_sets    (account_id, taken_at_ms)       one per stored set; a set may hold no rows
//   assets        (account_id, taken_at_ms, ord, <asset columns>)
//   position_sets, positions                       likewise
//
// Version 1 had no accounts: upgrading moves its rows to the "unassigned" account.
class HistorySchema
{
    Q_DECLARE_TR_FUNCTIONS(HistorySchema)

public:
    static constexpr int kVersion = 2;

    // The asset or position tables: the set marks and the rows.
    struct SetTables
    {
        QString sets;
        QString rows;
        CsvTable table;
    };
    static const SetTables& setTables(CsvTable table); // Assets or Positions

    // The CSV columns after snapshot_time_utc (the time is stored as integer milliseconds).
    static QStringList storedColumns(CsvTable table);
    static QString quoted(const QStringList& columns); // "a", "b"
    static QString placeholders(qsizetype count);      // ?, ?

    // Creates the tables, upgrades an older version, and adds the columns of fields the CSV
    // contract gained since the file was written. Refuses a file from a newer version.
    static SqlResult<void> ensure(const HistoryConnection& db);

private:
    static SqlResult<void> create(const HistoryConnection& db);
    static SqlResult<void> upgradeFromVersion1(const HistoryConnection& db);
    static SqlResult<void> addMissingColumns(const HistoryConnection& db);
};

} // namespace marginwatch
