#include "io/OverviewCsv.h"

#include "io/CsvWriter.h"
#include "io/SnapshotCsvFormat.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace marginwatch {

QString overviewCsvPath(const QString& stem)
{
    return stem + u"-overview.csv"_s;
}

QStringList overviewCsvHeader()
{
    return {u"snapshot_time_utc"_s,
            u"account"_s,
            u"account_mode"_s,
            u"totalWalletBalance"_s,
            u"totalMarginBalance"_s,
            u"totalMaintMargin"_s,
            u"totalUnrealizedProfit"_s,
            u"marginRatio"_s,
            u"positions"_s,
            u"state"_s};
}

QStringList overviewCsvRow(const QString& account, const std::optional<AccountSnapshot>& snapshot,
                           const QString& state, const QDateTime& time)
{
    // The state may quote a server's message: neutralised like every server-supplied text.
    if (!snapshot)
        return {csvTimestamp(time), csvServerText(account), {}, {}, {}, {}, {}, {}, {}, csvServerText(state)};
    const AccountTotals& totals = snapshot->totals;
    return {csvTimestamp(snapshot->takenAt),
            csvServerText(account),
            csvAccountMode(snapshot->accountMode),
            totals.totalWalletBalance.toString(),
            totals.totalMarginBalance.toString(),
            totals.totalMaintMargin.toString(),
            totals.totalUnrealizedProfit.toString(),
            csvMarginRatio(totals),
            QString::number(snapshot->positions.size()),
            csvServerText(state)};
}

OverviewCsvAppender::OverviewCsvAppender(QString stem)
    : m_path(overviewCsvPath(stem))
{}

Expected<void> OverviewCsvAppender::open()
{
    const QString shown = QDir::toNativeSeparators(m_path);
    const QByteArray header = CsvWriter::encodeRow(overviewCsvHeader());
    auto file = std::make_unique<QFile>(m_path);
    if (!file->open(QIODevice::ReadWrite | QIODevice::Append))
        return failure(u"cannot open %1: %2"_s.arg(shown, file->errorString()));
    if (file->isSequential() || file->size() == 0) {
        if (file->write(header) != header.size())
            return failure(u"cannot write %1: %2"_s.arg(shown, file->errorString()));
    } else {
        QFile existing(m_path);
        if (!existing.open(QIODevice::ReadOnly) || existing.readLine(header.size() + 1) != header)
            return failure(
                u"%1 already exists with a different header; not appending to it (choose another STEM)"_s.arg(
                    shown));
    }
    m_file = std::move(file);
    return {};
}

Expected<void> OverviewCsvAppender::append(const QList<QStringList>& rows)
{
    if (!m_file)
        return failure(u"the overview file is not open"_s);
    CsvWriter writer(m_file.get());
    if (!writer.writeRows(rows) || !m_file->flush())
        return failure(
            u"cannot append to %1: %2"_s.arg(QDir::toNativeSeparators(m_path), writer.errorString()));
    return {};
}

void OverviewCsvAppender::close()
{
    m_file.reset();
}

} // namespace marginwatch
