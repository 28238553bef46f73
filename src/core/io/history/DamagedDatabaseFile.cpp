#include "io/history/DamagedDatabaseFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;

namespace marginwatch {

Expected<QString> moveDamagedDatabaseAside(const QString& path, const QDateTime& now)
{
    const QString base = path + u".damaged-"_s + now.toString(u"yyyyMMdd-HHmmss"_s);
    QString target = base;
    for (int n = 2; QFile::exists(target) || QFile::exists(target + u"-wal"_s); ++n)
        target = base + u'-' + QString::number(n);
    QFile file(path);
    if (!file.rename(target)) {
        return failure(
            QCoreApplication::translate("HistoryStore", "cannot move %1 to %2: %3")
                .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(target), file.errorString()));
    }
    // A new database must not start next to the old one's log: SQLite would try to replay it.
    for (const QString& suffix : {u"-wal"_s, u"-shm"_s}) {
        QFile companion(path + suffix);
        if (companion.exists() && !companion.rename(target + suffix)) {
            return failure(QCoreApplication::translate("HistoryStore", "cannot move %1 to %2: %3")
                               .arg(QDir::toNativeSeparators(path + suffix),
                                    QDir::toNativeSeparators(target + suffix), companion.errorString()));
        }
    }
    return target;
}

bool isNotSqliteDatabase(const QString& path)
{
    QFile file(path);
    if (!file.exists() || file.size() == 0 || !file.open(QIODevice::ReadOnly))
        return false;                                    // new, or unreadable: SQLite's own error says more
    static constexpr char kHeader[] = "SQLite format 3"; // and its terminating NUL: 16 bytes
    return file.read(sizeof kHeader) != QByteArray(kHeader, sizeof kHeader);
}

} // namespace marginwatch
