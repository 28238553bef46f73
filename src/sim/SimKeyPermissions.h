#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace marginwatch {

// What an API key may do, as GET /sapi/v1/account/apiRestrictions reports it. The defaults are the
// key a monitor should use: read-only and restricted to trusted IPs.
struct SimKeyPermissions
{
    bool ipRestrict = true;
    bool enableReading = true;
    bool enableWithdrawals = false;
    bool enableInternalTransfer = false;
    bool enableMargin = false;
    bool enableFutures = false;
    bool permitsUniversalTransfer = false;
    bool enableVanillaOptions = false;
    bool enableFixApiTrade = false;
    bool enableFixReadOnly = false;
    bool enableSpotAndMarginTrading = false;
    bool enablePortfolioMarginTrading = false; // also forced on for a Portfolio Margin account's keys
    qint64 tradingAuthorityExpirationTime = 0; // 0 = the field is absent

    // Comma-separated changes to `base`: a flag name turns it on, "no" before it turns it off.
    // Names: iprestrict, reading, withdrawals, internaltransfer, margin, futures, universaltransfer,
    // options, fixtrade, fixread, spotandmargin, portfoliomargin; "tradingexpiry=<ms>".
    // Example: "withdrawals,futures,noiprestrict". nullopt (and *error) on an unknown name.
    static std::optional<SimKeyPermissions> parse(const QString& text, const SimKeyPermissions& base,
                                                  QString* error = nullptr);

    QByteArray json(qint64 createTimeMs, bool portfolioMargin) const;
};

} // namespace marginwatch
