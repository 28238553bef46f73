#include "io/InterruptedSnapshotRepair.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr std::size_t kTotals = 0;

QString displayPath(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

Expected<QByteArray> readFrom(const QString& path, qint64 offset, qint64 maxBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset))
        return failure(u"cannot read %1: %2"_s.arg(displayPath(path), file.errorString()));
    return file.read(maxBytes);
}

// snapshot_time_utc is every row's first field and is never quoted.
QString firstField(QByteArrayView row)
{
    const qsizetype end = row.indexOf(',');
    return QString::fromUtf8(row.first(end < 0 ? std::min<qsizetype>(row.size(), 32) : end)).trimmed();
}

} // namespace

bool SnapshotRepairPlan::isNeeded() const
{
    return std::any_of(rowsRemoved.begin(), rowsRemoved.end(), [](int n) { return n > 0; })
           || std::any_of(incompleteRow.begin(), incompleteRow.end(), [](bool b) { return b; });
}

CsvRowCount countCsvRows(QByteArrayView bytes)
{
    CsvRowCount count;
    bool quoted = false;
    qsizetype rowStart = 0;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c == '"') {
            quoted = !quoted; // a doubled quote toggles twice
        } else if (c == '\n' && !quoted) {
            ++count.complete;
            rowStart = i + 1;
        }
    }
    count.incompleteTail = rowStart < bytes.size();
    return count;
}

Expected<SnapshotRepairPlan> planSnapshotRepair(const std::array<QString, 3>& paths,
                                                const CsvFileSizes& journalSizes)
{
    SnapshotRepairPlan plan;
    CsvFileSizes sizes{};
    for (std::size_t i = 0; i < paths.size(); ++i) {
        const QFileInfo info(paths[i]);
        sizes[i] = info.exists() ? info.size() : 0;
        if (sizes[i] < journalSizes[i]) {
            return failure(u"%1 is shorter than when marginwatch last wrote it (something else changed "
                           "it); not appending to it"_s.arg(displayPath(paths[i])));
        }
    }

    // One totals row is far shorter than this; more cannot be an interrupted append.
    constexpr qint64 kTotalsTailLimit = 64 * 1024;
    const Expected<QByteArray> totalsTail = readFrom(paths[kTotals], journalSizes[kTotals], kTotalsTailLimit);
    if (!totalsTail)
        return failure(totalsTail.error());
    // Totals rows hold no server text (modes and decimals only): one line is one row.
    const qsizetype lines = totalsTail->count('\n');
    const bool committed = lines == 1 && totalsTail->endsWith('\n');
    if (lines > 1 || (lines == 1 && !committed) || totalsTail->size() == kTotalsTailLimit) {
        return failure(u"%1 has more rows than marginwatch wrote to it last (something else changed "
                       "it); not appending to it"_s.arg(displayPath(paths[kTotals])));
    }
    plan.newSizes = committed ? sizes : journalSizes;

    for (std::size_t i = 0; i < paths.size(); ++i) {
        if (plan.newSizes[i] == sizes[i])
            continue;
        const Expected<QByteArray> tail = readFrom(paths[i], plan.newSizes[i], sizes[i] - plan.newSizes[i]);
        if (!tail)
            return failure(tail.error());
        const CsvRowCount rows = countCsvRows(*tail);
        plan.rowsRemoved[i] = rows.complete;
        plan.incompleteRow[i] = rows.incompleteTail;
        if (plan.snapshotTime.isEmpty())
            plan.snapshotTime = firstField(*tail);
    }
    return plan;
}

Expected<void> applySnapshotRepair(const std::array<QString, 3>& paths, const SnapshotRepairPlan& plan)
{
    for (std::size_t i = 0; i < paths.size(); ++i) {
        QFile file(paths[i]);
        if (!file.exists() || file.size() == plan.newSizes[i])
            continue;
        if (!file.resize(plan.newSizes[i]))
            return failure(u"cannot repair %1: %2"_s.arg(displayPath(paths[i]), file.errorString()));
    }
    return {};
}

QString describeSnapshotRepair(const QString& stem, const SnapshotRepairPlan& plan)
{
    static const std::array<QString, 3> kTables{u"totals"_s, u"assets"_s, u"positions"_s};
    QStringList cut;
    for (std::size_t i = 0; i < kTables.size(); ++i) {
        QStringList what;
        if (plan.rowsRemoved[i] > 0)
            what << u"%1 row(s)"_s.arg(plan.rowsRemoved[i]);
        if (plan.incompleteRow[i])
            what << u"an incomplete row"_s;
        if (!what.isEmpty())
            cut << u"%1 from %2"_s.arg(what.join(u" and "_s), kTables[i]);
    }
    const QString snapshot = plan.snapshotTime.isEmpty()
                                 ? u"an unfinished snapshot"_s
                                 : u"the unfinished snapshot at %1"_s.arg(plan.snapshotTime);
    return u"repaired %1-*.csv after an interrupted write: removed %2, which had not reached all three "
           "files (%3)"_s.arg(displayPath(stem), snapshot, cut.join(u", "_s));
}

} // namespace marginwatch
