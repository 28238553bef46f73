#pragma once
// GET /fapi/v1/exchangeInfo (about 1-2 MB in production) to the few facts the screen needs.

#include "model/SymbolPrecision.h"
#include "util/Expected.h"

#include <QByteArray>

namespace marginwatch {

// Limits far above the real list (about 700 contracts, each with 7 filters) that stop an answer
// that is not exchangeInfo from taking memory or time.
inline constexpr qint64 kMaxExchangeInfoBytes = 16LL * 1024 * 1024;
inline constexpr int kMaxExchangeInfoSymbols = 10000;
inline constexpr int kMaxSymbolFilters = 64;
inline constexpr int kMaxSymbolBytes = 40;
inline constexpr int kMaxPrecision = 18;

// Reads symbols[].{symbol, pricePrecision, quantityPrecision, marginAsset} and the tickSize of the
// PRICE_FILTER and the stepSize of the LOT_SIZE filter; everything else is skipped unread. Strict:
// a wrong type, an out-of-range number, a duplicate symbol or any answer beyond the limits above is
// an error (in plain English, naming the place), never a partial table. `fetchedAtMs` is stored in
// the table as is.
Expected<SymbolPrecisionTable> parseExchangeInfo(const QByteArray& body, qint64 fetchedAtMs);

// Checks shared with the disk cache, which holds the same facts.
bool isPlausibleSymbol(QStringView symbol);
bool isPlausibleAsset(QStringView asset);
bool isPlausibleIncrement(const Decimal& increment); // a tick or step size: > 0, < 1e9, <= 18 decimals

} // namespace marginwatch
