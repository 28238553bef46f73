#pragma once

#include "util/Expected.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace marginwatch {

// GET /sapi/v1/account/apiRestrictions: what the API key may do.
struct KeyPermissions
{
    bool ipRestrict = false;
    bool enableReading = false;
    bool enableWithdrawals = false;
    bool enableInternalTransfer = false;
    bool enableMargin = false;
    bool enableFutures = false;
    bool permitsUniversalTransfer = false;
    bool enableVanillaOptions = false;
    bool enableFixApiTrade = false;
    bool enableFixReadOnly = false;
    bool enableSpotAndMarginTrading = false;
    bool enablePortfolioMarginTrading = false;
    qint64 createTime = 0;
    std::optional<qint64> tradingAuthorityExpirationTime;

    friend bool operator==(const KeyPermissions&, const KeyPermissions&) = default;
};

// Strict: ipRestrict, enableReading, enableWithdrawals, enableFutures and enableSpotAndMarginTrading
// must be JSON booleans (a key that may not say whether it can withdraw is not judged safe); the
// other flags are booleans when present; times are positive integers; unknown fields are ignored;
// duplicates, trailing documents and bodies over 64 KB are errors ("apiRestrictions: ...").
Expected<KeyPermissions> parseKeyPermissions(QByteArrayView body);

// Where /sapi lives for a futures base URL: api.binance.com for production; for a custom (or
// loopback) base URL the same host. nullopt for Binance Demo Trading, which documents only the /api
// routes on demo-api.binance.com and no key-permission endpoint.
std::optional<QUrl> keyPermissionsBaseUrl(const QUrl& futuresBaseUrl);

// Red, amber or green, with what to change in Binance's API management.
struct KeyAssessment
{
    enum class Level
    {
        Safe,    // green: read-only, limited to trusted IPs
        Caution, // amber: can trade or move funds between own accounts, or usable from any IP
        Danger,  // red: can withdraw
    };
    Level level = Level::Safe;
    QString headline;   // one sentence
    QStringList advice; // what to change, one sentence each (empty when green)
};

class KeyPermissionAdvice
{
    Q_DECLARE_TR_FUNCTIONS(KeyPermissionAdvice)
public:
    static KeyAssessment assess(const KeyPermissions& permissions);
    // The one stderr line of a headless run for a key that can withdraw (empty otherwise).
    static QString headlessWarning(const KeyPermissions& permissions);
    // Why nothing was checked on Binance Demo Trading.
    static QString demoTradingNote();
    // What -2015 means when the key reports enablePortfolioMarginTrading.
    static QString portfolioMarginExplanation();
};

} // namespace marginwatch

Q_DECLARE_METATYPE(marginwatch::KeyPermissions)
