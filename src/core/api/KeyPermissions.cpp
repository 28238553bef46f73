#include "api/KeyPermissions.h"

#include "api/BaseUrl.h"

#include <QHash>
#include <QSet>

#include <simdjson.h>

namespace marginwatch {

namespace {

using namespace Qt::StringLiterals;
namespace od = simdjson::ondemand;

constexpr qsizetype kMaxBodyBytes = 64 * 1024;

QString permissionError(const QString& what)
{
    return u"apiRestrictions: "_s + what;
}

QString invalidJson(simdjson::error_code code)
{
    if (code == simdjson::INCOMPLETE_ARRAY_OR_OBJECT || code == simdjson::UNCLOSED_STRING)
        return u"invalid JSON (the answer ends before the document is complete)"_s;
    return u"invalid JSON ("_s + QString::fromLatin1(simdjson::error_message(code)) + u')';
}

} // namespace

Expected<KeyPermissions> parseKeyPermissions(QByteArrayView body)
{
    qsizetype first = 0;
    while (first < body.size()
           && (body[first] == ' ' || body[first] == '\n' || body[first] == '\r' || body[first] == '\t'))
        ++first;
    if (first == body.size())
        return failure(permissionError(u"empty response body"_s));
    if (body[first] == '<')
        return failure(permissionError(u"invalid JSON (an HTML page was received instead)"_s));
    if (body.size() > kMaxBodyBytes)
        return failure(permissionError(u"the answer is larger than 64 KB"_s));

    const simdjson::padded_string padded(body.data(), static_cast<size_t>(body.size()));
    od::parser parser;
    od::document doc;
    od::object object;
    if (auto err = parser.iterate(padded).get(doc))
        return failure(permissionError(invalidJson(err)));
    if (auto err = doc.get_object().get(object))
        return failure(permissionError(err == simdjson::INCORRECT_TYPE ? u"expected a JSON object"_s
                                                                       : invalidJson(err)));

    KeyPermissions p;
    const QHash<QString, bool KeyPermissions::*> flags = {
        {u"ipRestrict"_s, &KeyPermissions::ipRestrict},
        {u"enableReading"_s, &KeyPermissions::enableReading},
        {u"enableWithdrawals"_s, &KeyPermissions::enableWithdrawals},
        {u"enableInternalTransfer"_s, &KeyPermissions::enableInternalTransfer},
        {u"enableMargin"_s, &KeyPermissions::enableMargin},
        {u"enableFutures"_s, &KeyPermissions::enableFutures},
        {u"permitsUniversalTransfer"_s, &KeyPermissions::permitsUniversalTransfer},
        {u"enableVanillaOptions"_s, &KeyPermissions::enableVanillaOptions},
        {u"enableFixApiTrade"_s, &KeyPermissions::enableFixApiTrade},
        {u"enableFixReadOnly"_s, &KeyPermissions::enableFixReadOnly},
        {u"enableSpotAndMarginTrading"_s, &KeyPermissions::enableSpotAndMarginTrading},
        {u"enablePortfolioMarginTrading"_s, &KeyPermissions::enablePortfolioMarginTrading},
    };
    QSet<QString> seen;
    for (auto fieldResult : object) {
        od::field field;
        std::string_view key;
        auto err = std::move(fieldResult).get(field);
        if (!err)
            err = field.unescaped_key().get(key);
        if (err)
            return failure(permissionError(invalidJson(err)));
        const QString name = QString::fromUtf8(key.data(), qsizetype(key.size()));
        const auto flag = flags.constFind(name);
        const bool isTime = name == u"createTime"_s || name == u"tradingAuthorityExpirationTime"_s;
        if (flag == flags.constEnd() && !isTime)
            continue;
        if (seen.contains(name))
            return failure(permissionError(name + u": duplicate field"_s));
        seen.insert(name);
        if (isTime) {
            int64_t ms = 0;
            if (field.value().get_int64().get(ms) || ms <= 0)
                return failure(permissionError(name + u": expected a positive integer (ms)"_s));
            if (name == u"createTime"_s)
                p.createTime = ms;
            else
                p.tradingAuthorityExpirationTime = ms;
            continue;
        }
        bool value = false;
        if (auto e = field.value().get_bool().get(value))
            return failure(permissionError(name
                                           + (e == simdjson::INCORRECT_TYPE ? u": expected true or false"_s
                                                                            : u": "_s + invalidJson(e))));
        p.*(*flag) = value;
    }
    const char* trailing = nullptr;
    if (doc.current_location().get(trailing) != simdjson::OUT_OF_BOUNDS)
        return failure(permissionError(u"invalid JSON (more content follows the document)"_s));
    for (const QString& required : {u"ipRestrict"_s, u"enableReading"_s, u"enableWithdrawals"_s,
                                    u"enableFutures"_s, u"enableSpotAndMarginTrading"_s}) {
        if (!seen.contains(required))
            return failure(permissionError(required + u": missing field"_s));
    }
    return p;
}

std::optional<QUrl> keyPermissionsBaseUrl(const QUrl& futuresBaseUrl)
{
    if (BinanceUrls::isProductionFutures(futuresBaseUrl))
        return BinanceUrls::spot();
    const QString host = futuresBaseUrl.host().toLower();
    if (host == BinanceUrls::demoFutures().host() || host == u"testnet.binancefuture.com"_s)
        return std::nullopt;
    QUrl url;
    url.setScheme(futuresBaseUrl.scheme());
    url.setHost(futuresBaseUrl.host());
    url.setPort(futuresBaseUrl.port());
    return url;
}

KeyAssessment KeyPermissionAdvice::assess(const KeyPermissions& p)
{
    KeyAssessment a;
    if (p.enableWithdrawals) {
        a.level = KeyAssessment::Level::Danger;
        a.headline = tr("This key can move your money out — create a read-only key.");
        a.advice << tr("In Binance's API Management, delete this key and create a new one with only "
                       "\"Enable Reading\" ticked, or edit this key and untick \"Enable Withdrawals\".");
    }
    QStringList trading;
    if (p.enableSpotAndMarginTrading)
        trading << tr("\"Enable Spot & Margin Trading\"");
    if (p.enableMargin)
        trading << tr("\"Enable Margin Loan, Repay & Transfer\"");
    if (p.enableVanillaOptions)
        trading << tr("\"Enable European Options\"");
    if (p.enableFixApiTrade)
        trading << tr("\"Enable FIX API trading\"");
    if (p.enableInternalTransfer)
        trading << tr("\"Permits Internal Transfer\"");
    if (p.permitsUniversalTransfer)
        trading << tr("\"Permits Universal Transfer\"");
    if (p.enablePortfolioMarginTrading)
        trading << tr("\"Enable Portfolio Margin Trading\"");
    if (!trading.isEmpty())
        a.advice << tr("A monitor needs none of these: untick %1.").arg(trading.join(u", "_s));
    if (p.enableFutures)
        a.advice << tr(
            "This key can place futures orders. Binance's documentation says a new key can read "
            "with \"Enable Reading\" alone; some users report that USDⓈ-M account reads need "
            "\"Enable Futures\". Untick it, press Test connection, and tick it again only if reading "
            "then fails.");
    if (!p.ipRestrict)
        a.advice << tr("Anyone who has this key can use it from any computer: choose \"Restrict access to "
                       "trusted IPs only\" and enter this computer's public IP address.");
    if (!p.enableReading)
        a.advice << tr("\"Enable Reading\" is off: marginwatch cannot read the account with this key.");
    if (a.level == KeyAssessment::Level::Danger)
        return a;
    if (!a.advice.isEmpty()) {
        a.level = KeyAssessment::Level::Caution;
        if (!trading.isEmpty() || p.enableFutures)
            a.headline = tr("This key can do more than read: a monitor should have a read-only key.");
        else if (!p.ipRestrict)
            a.headline = tr("This key is not limited to trusted IP addresses.");
        else
            a.headline = tr("This key cannot read the account.");
        return a;
    }
    a.level = KeyAssessment::Level::Safe;
    a.headline = tr("Read-only and limited to trusted IP addresses: a safe key for a monitor.");
    return a;
}

QString KeyPermissionAdvice::headlessWarning(const KeyPermissions& permissions)
{
    if (!permissions.enableWithdrawals)
        return {};
    return tr("warning: this API key can withdraw (enableWithdrawals): it can move your money out — create a "
              "read-only key in Binance's API Management");
}

QString KeyPermissionAdvice::demoTradingNote()
{
    return tr("Binance Demo Trading has no key-permission endpoint: check the key in Demo Trading's API "
              "Management (its keys cannot reach real funds).");
}

QString KeyPermissionAdvice::portfolioMarginExplanation()
{
    return tr(
        "This is a Portfolio Margin account: Binance answers its USDⓈ-M Futures endpoints (/fapi) with "
        "-2015 whatever the key may do. Its risk figure is the unified maintenance margin ratio (uniMMR) "
        "of /papi/v1/account, not the futures margin ratio.");
}

} // namespace marginwatch
