#include "api/ApiKey.h"

#include <QCoreApplication>

namespace marginwatch {

Expected<void> validateApiKey(QStringView apiKey)
{
    if (apiKey.isEmpty())
        return failure(QCoreApplication::translate("ApiKey", "Enter the API key."));
    bool whitespace = false;
    bool unprintable = false;
    for (const QChar c : apiKey) {
        if (c.isSpace())
            whitespace = true;
        else if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            unprintable = true;
    }
    if (whitespace)
        return failure(QCoreApplication::translate(
            "ApiKey", "The API key contains spaces or line breaks; copy it again without them."));
    if (unprintable)
        return failure(QCoreApplication::translate(
            "ApiKey", "The API key contains characters that cannot be part of a Binance API key."));
    return {};
}

} // namespace marginwatch
