#pragma once

#include "util/Expected.h"

#include <QStringView>

namespace marginwatch {

// Whether `apiKey` can be sent as the X-MBX-APIKEY header, in plain language when not. Binance keys
// are printable ASCII without spaces; a line break would end the header and start another one, so
// every key (typed in the settings, or from BINANCE_API_KEY) passes this one check before use.
Expected<void> validateApiKey(QStringView apiKey);

} // namespace marginwatch
