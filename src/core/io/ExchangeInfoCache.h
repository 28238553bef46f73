#pragma once
// The contracts' precision on disk, so that a start does not ask the exchange again and the screen
// has its precision before the first answer. One small text file per server.

#include "model/SymbolPrecision.h"
#include "util/Expected.h"

#include <QString>
#include <QUrl>

namespace marginwatch {

// <cacheDirectory>/exchangeInfo-<host>[-<port>].tsv
QString exchangeInfoCachePath(const QString& cacheDirectory, const QUrl& baseUrl);

// The table as written by saveExchangeInfoCache. Any damage (a wrong header, a malformed line, a
// bound exceeded) is an error: the caller then asks the exchange, as without a cache.
Expected<SymbolPrecisionTable> loadExchangeInfoCache(const QString& path);
// Atomically replaces the file (QSaveFile); creates the directory.
Expected<void> saveExchangeInfoCache(const QString& path, const SymbolPrecisionTable& table);

} // namespace marginwatch
