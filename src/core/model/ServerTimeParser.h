#pragma once

#include "util/Expected.h"

#include <QByteArrayView>

namespace marginwatch {

// GET /fapi/v1/time: {"serverTime":1499827319559}. serverTime must be a plain positive JSON integer
// that fits 64 bits, given once; a float, an exponent, a string, a negative number, a duplicate key
// or anything after the object is an error ("time: serverTime: ..."). Whether the time is plausible
// against the local clock is the caller's decision.
Expected<qint64> parseServerTime(QByteArrayView body);

} // namespace marginwatch
