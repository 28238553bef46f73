#pragma once

#include "util/Expected.h"

#include <QDateTime>
#include <QString>

namespace marginwatch {

// Moves a damaged database out of the way without deleting anything: PATH becomes
// PATH.damaged-<yyyyMMdd-HHmmss> (with -2, -3… if taken), and its -wal / -shm files follow it under
// the same new name, so SQLite tools can still open what is left. Returns the new path.
Expected<QString> moveDamagedDatabaseAside(const QString& path, const QDateTime& now);

// A file that exists, is not empty and does not start with SQLite's header. Checked before SQLite
// opens it: SQLite would otherwise remove a -wal file next to it when the connection closes.
bool isNotSqliteDatabase(const QString& path);

} // namespace marginwatch
