#pragma once

#include "util/Expected.h"

#include <QString>
#include <QUrl>

namespace marginwatch {

// The exchange's own base URLs, named once.
namespace BinanceUrls {
QUrl futures();     // https://fapi.binance.com: USD-M Futures, production
QUrl demoFutures(); // https://demo-fapi.binance.com: Binance Demo Trading
QUrl spot();        // https://api.binance.com: /sapi (key permissions, sub-accounts)
bool isProductionFutures(const QUrl& url);
} // namespace BinanceUrls

bool isLoopbackHost(const QString& host);

// Whether requests may be sent to `url`, in plain language when not: https with a host, or plain
// http only to this computer (signed requests carry the API key); never a user name or password,
// which would end up in the settings file and in every request's URL.
Expected<void> validateBaseUrl(const QUrl& url);

} // namespace marginwatch
