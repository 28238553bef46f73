#pragma once

#include "io/history/HistoryConnection.h"

#include <QCoreApplication>

namespace marginwatch {

// Removes history older than a cutoff, a bounded number of rows at a time so that recording is never
// held up behind one large DELETE. The asset and position sets still in effect at the cutoff are
// kept (they describe the polls after it), for every account.
class HistoryPruner
{
    Q_DECLARE_TR_FUNCTIONS(HistoryPruner)

public:
    static constexpr int kBatchRows = 500;

    // One batch: rows with taken_at_ms < cutoffMs, at most maxRows per table. Returns the rows
    // removed; 0 means the prune is complete.
    static SqlResult<int> pruneBatch(const HistoryConnection& db, qint64 cutoffMs, int maxRows = kBatchRows);
};

} // namespace marginwatch
