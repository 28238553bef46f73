#pragma once

#include "util/Expected.h"

#include <QString>
#include <QStringList>
#include <QUrl>

namespace marginwatch {

// Where the streams of an account live, and the routes Binance serves since 2026-04-23:
// user data under /private, mark prices under /market (the retired /ws/<listenKey> accepts a
// connection and then sends nothing).
namespace StreamEndpoints {

QUrl production(); // wss://fstream.binance.com
QUrl demo();       // wss://demo-fstream.binance.com (Binance Demo Trading)

// The stream base for a REST base URL, or the override when one is given: the exchange's own hosts
// map to their stream hosts; any other http(s)://host:port to ws(s)://host:port (the simulator and
// compatible endpoints serve both on one port). An override may be written ws(s):// or http(s)://.
// Plain ws:// only to this computer, as for REST.
Expected<QUrl> baseFor(const QUrl& restBaseUrl, const QString& overrideUrl = {});

// The events marginwatch asks for on /private/ws.
QStringList userDataEvents();

QUrl privateWs(const QUrl& base, const QString& listenKey); // /private/ws?listenKey=K&events=…
QUrl privateStream(const QUrl& base);                       // /private/stream (+ SUBSCRIBE)
QUrl marketStream(const QUrl& base);                        // /market/stream (+ SUBSCRIBE)
QString markPriceStreamName(const QString& symbol);         // btcusdt@markPrice@1s

// A URL fit for a log line: the listen key (a bearer token for the account's events) elided.
QString redacted(const QUrl& url);

} // namespace StreamEndpoints

} // namespace marginwatch
