#pragma once
// STEM-overview.csv of `--headless --accounts`: one row per account per overview update, in the
// CSV contract of design.md (decimals exactly as the API sent them).

#include "model/AccountSnapshot.h"
#include "util/Expected.h"

#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace marginwatch {

QString overviewCsvPath(const QString& stem); // STEM-overview.csv
QStringList overviewCsvHeader();

// One account's row. Without a snapshot (none arrived yet) only the time, the account and the state
// are filled; `time` is the snapshot's time, or when the state was recorded.
QStringList overviewCsvRow(const QString& account, const std::optional<AccountSnapshot>& snapshot,
                           const QString& state, const QDateTime& time);

// Appends whole updates (all accounts' rows in one write). The header is written to a new or empty
// file; an existing file with another header is never appended to.
class OverviewCsvAppender
{
public:
    explicit OverviewCsvAppender(QString stem);
    Expected<void> open();
    Expected<void> append(const QList<QStringList>& rows);
    void close();

private:
    QString m_path;
    std::unique_ptr<QFile> m_file;
};

} // namespace marginwatch
