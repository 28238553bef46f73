#include "sim/SimKeyPermissions.h"

#include "sim/SimJson.h"

#include <QStringList>

namespace marginwatch {

using namespace Qt::StringLiterals;

std::optional<SimKeyPermissions> SimKeyPermissions::parse(const QString& text, const SimKeyPermissions& base,
                                                          QString* error)
{
    SimKeyPermissions p = base;
    const QList<std::pair<QString, bool SimKeyPermissions::*>> flags = {
        {u"iprestrict"_s, &SimKeyPermissions::ipRestrict},
        {u"reading"_s, &SimKeyPermissions::enableReading},
        {u"withdrawals"_s, &SimKeyPermissions::enableWithdrawals},
        {u"internaltransfer"_s, &SimKeyPermissions::enableInternalTransfer},
        {u"margin"_s, &SimKeyPermissions::enableMargin},
        {u"futures"_s, &SimKeyPermissions::enableFutures},
        {u"universaltransfer"_s, &SimKeyPermissions::permitsUniversalTransfer},
        {u"options"_s, &SimKeyPermissions::enableVanillaOptions},
        {u"fixtrade"_s, &SimKeyPermissions::enableFixApiTrade},
        {u"fixread"_s, &SimKeyPermissions::enableFixReadOnly},
        {u"spotandmargin"_s, &SimKeyPermissions::enableSpotAndMarginTrading},
        {u"portfoliomargin"_s, &SimKeyPermissions::enablePortfolioMarginTrading},
    };
    const QStringList items = text.split(u',', Qt::SkipEmptyParts);
    for (QString item : items) {
        item = item.trimmed().toLower();
        if (item.startsWith(u"tradingexpiry="_s)) {
            bool ok = false;
            p.tradingAuthorityExpirationTime = item.mid(14).toLongLong(&ok);
            if (!ok || p.tradingAuthorityExpirationTime < 0) {
                if (error)
                    *error = u"permission '%1': tradingexpiry needs a time in ms"_s.arg(item);
                return std::nullopt;
            }
            continue;
        }
        const bool on = !item.startsWith(u"no"_s);
        const QString name = on ? item : item.mid(2);
        bool found = false;
        for (const auto& [flagName, member] : flags) {
            if (flagName == name) {
                p.*member = on;
                found = true;
            }
        }
        if (!found) {
            if (error)
                *error =
                    u"unknown permission '%1' (known: iprestrict, reading, withdrawals, internaltransfer, "
                    "margin, futures, universaltransfer, options, fixtrade, fixread, spotandmargin, "
                    "portfoliomargin, tradingexpiry=<ms>; 'no' before a name turns it off)"_s.arg(name);
            return std::nullopt;
        }
    }
    return p;
}

QByteArray SimKeyPermissions::json(qint64 createTimeMs, bool portfolioMargin) const
{
    SimJsonObject o;
    o.boolean("ipRestrict", ipRestrict)
        .integer("createTime", createTimeMs)
        .boolean("enableReading", enableReading)
        .boolean("enableWithdrawals", enableWithdrawals)
        .boolean("enableInternalTransfer", enableInternalTransfer)
        .boolean("enableMargin", enableMargin)
        .boolean("enableFutures", enableFutures)
        .boolean("permitsUniversalTransfer", permitsUniversalTransfer)
        .boolean("enableVanillaOptions", enableVanillaOptions)
        .boolean("enableFixApiTrade", enableFixApiTrade)
        .boolean("enableFixReadOnly", enableFixReadOnly)
        .boolean("enableSpotAndMarginTrading", enableSpotAndMarginTrading)
        .boolean("enablePortfolioMarginTrading", enablePortfolioMarginTrading || portfolioMargin);
    if (tradingAuthorityExpirationTime > 0)
        o.integer("tradingAuthorityExpirationTime", tradingAuthorityExpirationTime);
    return o.finish();
}

} // namespace marginwatch
