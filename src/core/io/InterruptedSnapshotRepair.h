#pragma once

#include "io/CsvRecordingJournal.h"
#include "util/Expected.h"

#include <QString>

#include <array>

namespace marginwatch {

// What to cut off the three files of a recording (totals, assets, positions) after a run that did
// not finish, given the sizes its journal last recorded (the end of the last complete snapshot).
//
// The totals row is written last and is the snapshot's commit mark: one whole totals row past the
// journal means the snapshot completed (only the journal update was missed) and everything stays;
// otherwise every file goes back to the journal's size.
struct SnapshotRepairPlan
{
    CsvFileSizes newSizes{};
    std::array<int, 3> rowsRemoved{};    // whole rows cut off each file
    std::array<bool, 3> incompleteRow{}; // a row cut short was cut off too
    QString snapshotTime;                // snapshot_time_utc of what was cut, when readable

    bool isNeeded() const;
};

// Refuses (error naming the file) when the files do not look like an interrupted append: a file
// shorter than the journal says, or more than one row past it in the totals file.
Expected<SnapshotRepairPlan> planSnapshotRepair(const std::array<QString, 3>& paths,
                                                const CsvFileSizes& journalSizes);
Expected<void> applySnapshotRepair(const std::array<QString, 3>& paths, const SnapshotRepairPlan& plan);
// One line, e.g. "repaired rec-*.csv after an interrupted write: removed the snapshot at … (…)".
QString describeSnapshotRepair(const QString& stem, const SnapshotRepairPlan& plan);

// RFC 4180 rows in bytes that start at a row boundary: whole rows, and whether an incomplete one
// follows them.
struct CsvRowCount
{
    int complete = 0;
    bool incompleteTail = false;
};
CsvRowCount countCsvRows(QByteArrayView bytes);

} // namespace marginwatch
