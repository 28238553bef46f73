#include "api/PortfolioMargin.h"

#include "api/BaseUrl.h"

#include <QSet>

#include <simdjson.h>

#include <algorithm>

namespace marginwatch {

namespace {

using namespace Qt::StringLiterals;
namespace od = simdjson::ondemand;

constexpr qsizetype kMaxAccountBytes = 64 * 1024;
constexpr qsizetype kMaxPositionsBytes = 16 * 1024 * 1024;
constexpr qsizetype kMaxPositions = 10000;

QString invalidJson(simdjson::error_code code)
{
    if (code == simdjson::INCOMPLETE_ARRAY_OR_OBJECT || code == simdjson::UNCLOSED_STRING)
        return u"invalid JSON (the answer ends before the document is complete)"_s;
    return u"invalid JSON ("_s + QString::fromLatin1(simdjson::error_message(code)) + u')';
}

std::optional<QString> bodyProblem(QByteArrayView body, qsizetype limit)
{
    qsizetype first = 0;
    while (first < body.size()
           && (body[first] == ' ' || body[first] == '\n' || body[first] == '\r' || body[first] == '\t'))
        ++first;
    if (first == body.size())
        return u"empty response body"_s;
    if (body[first] == '<')
        return u"invalid JSON (an HTML page was received instead)"_s;
    if (body.size() > limit)
        return u"the answer is larger than %1 KB"_s.arg(limit / 1024);
    return std::nullopt;
}

QString shortText(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(std::min<size_t>(text.size(), 24)));
}

// A decimal string ("" = absent when allowed), or the text of a JSON number.
Expected<std::optional<Decimal>> readDecimal(od::value value, bool emptyAllowed)
{
    od::json_type type;
    if (auto err = value.type().get(type))
        return failure(invalidJson(err));
    std::string_view text;
    if (type == od::json_type::string) {
        if (auto err = value.get_string().get(text))
            return failure(invalidJson(err));
        if (text.empty() && emptyAllowed)
            return std::optional<Decimal>();
    } else if (type == od::json_type::number) {
        text = value.raw_json_token();
        while (!text.empty()
               && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' || text.back() == '\t'))
            text.remove_suffix(1);
    } else {
        return failure(u"expected a decimal string"_s);
    }
    const std::optional<Decimal> d = Decimal::parse(text);
    if (!d)
        return failure(u"not a decimal number (\""_s + shortText(text) + u"\")"_s);
    return std::optional<Decimal>(*d);
}

bool plausibleName(std::string_view text, qsizetype maxLength)
{
    return !text.empty() && qsizetype(text.size()) <= maxLength
           && std::all_of(text.begin(), text.end(), [](char c) {
                  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
              });
}

bool trailingContent(od::document& doc)
{
    const char* trailing = nullptr;
    return doc.current_location().get(trailing) != simdjson::OUT_OF_BOUNDS;
}

} // namespace

Expected<PortfolioMarginAccount> parsePortfolioMarginAccount(QByteArrayView body)
{
    const QString where = u"papi account: "_s;
    if (const std::optional<QString> problem = bodyProblem(body, kMaxAccountBytes))
        return failure(where + *problem);
    const simdjson::padded_string padded(body.data(), static_cast<size_t>(body.size()));
    od::parser parser;
    od::document doc;
    od::object object;
    if (auto err = parser.iterate(padded).get(doc))
        return failure(where + invalidJson(err));
    if (auto err = doc.get_object().get(object))
        return failure(where
                       + (err == simdjson::INCORRECT_TYPE ? u"expected a JSON object"_s : invalidJson(err)));
    PortfolioMarginAccount a;
    QSet<QString> seen;
    for (auto fieldResult : object) {
        od::field field;
        std::string_view key;
        auto err = std::move(fieldResult).get(field);
        if (!err)
            err = field.unescaped_key().get(key);
        if (err)
            return failure(where + invalidJson(err));
        const QString name = QString::fromUtf8(key.data(), qsizetype(key.size()));
        static const QSet<QString> known = {u"uniMMR"_s,
                                            u"accountEquity"_s,
                                            u"actualEquity"_s,
                                            u"accountInitialMargin"_s,
                                            u"accountMaintMargin"_s,
                                            u"accountStatus"_s,
                                            u"virtualMaxWithdrawAmount"_s,
                                            u"totalAvailableBalance"_s,
                                            u"updateTime"_s};
        if (!known.contains(name))
            continue;
        if (seen.contains(name))
            return failure(where + name + u": duplicate field"_s);
        seen.insert(name);
        if (name == u"accountStatus"_s) {
            std::string_view text;
            if (field.value().get_string().get(text) || !plausibleName(text, 32))
                return failure(where + u"accountStatus: not a status name"_s);
            a.accountStatus = QString::fromLatin1(text.data(), qsizetype(text.size()));
            continue;
        }
        if (name == u"updateTime"_s) {
            int64_t ms = 0;
            if (field.value().get_int64().get(ms) || ms < 0)
                return failure(where + u"updateTime: expected a time in ms"_s);
            a.updateTime = ms;
            continue;
        }
        const bool required =
            name == u"uniMMR"_s || name == u"accountEquity"_s || name == u"accountMaintMargin"_s;
        const Expected<std::optional<Decimal>> d = readDecimal(field.value(), !required);
        if (!d)
            return failure(where + name + u": "_s + d.error());
        if (name == u"uniMMR"_s)
            a.uniMMR = **d;
        else if (name == u"accountEquity"_s)
            a.accountEquity = **d;
        else if (name == u"accountMaintMargin"_s)
            a.accountMaintMargin = **d;
        else if (name == u"actualEquity"_s)
            a.actualEquity = *d;
        else if (name == u"accountInitialMargin"_s)
            a.accountInitialMargin = *d;
        else if (name == u"virtualMaxWithdrawAmount"_s)
            a.virtualMaxWithdrawAmount = *d;
        else
            a.totalAvailableBalance = *d;
    }
    if (trailingContent(doc))
        return failure(where + u"invalid JSON (more content follows the document)"_s);
    for (const QString& required :
         {u"uniMMR"_s, u"accountEquity"_s, u"accountMaintMargin"_s, u"accountStatus"_s}) {
        if (!seen.contains(required))
            return failure(where + required + u": missing field"_s);
    }
    if (a.uniMMR.signum() < 0 || a.accountMaintMargin.signum() < 0)
        return failure(where + u"uniMMR and accountMaintMargin cannot be negative"_s);
    return a;
}

Expected<QList<Position>> parsePortfolioMarginPositions(QByteArrayView body)
{
    const QString where = u"papi positionRisk: "_s;
    if (const std::optional<QString> problem = bodyProblem(body, kMaxPositionsBytes))
        return failure(where + *problem);
    const simdjson::padded_string padded(body.data(), static_cast<size_t>(body.size()));
    od::parser parser;
    od::document doc;
    od::array array;
    if (auto err = parser.iterate(padded).get(doc))
        return failure(where + invalidJson(err));
    if (auto err = doc.get_array().get(array))
        return failure(where
                       + (err == simdjson::INCORRECT_TYPE ? u"expected a JSON array"_s : invalidJson(err)));
    QList<Position> positions;
    QSet<QString> keys;
    for (auto elementResult : array) {
        const QString at = where + u'[' + QString::number(positions.size()) + u"]."_s;
        if (positions.size() >= kMaxPositions)
            return failure(where + u"more than %1 positions"_s.arg(kMaxPositions));
        od::object object;
        if (auto err = elementResult.get_object().get(object))
            return failure(at + invalidJson(err));
        Position p;
        QSet<QString> seen;
        for (auto fieldResult : object) {
            od::field field;
            std::string_view key;
            auto err = std::move(fieldResult).get(field);
            if (!err)
                err = field.unescaped_key().get(key);
            if (err)
                return failure(at + invalidJson(err));
            const QString name = QString::fromUtf8(key.data(), qsizetype(key.size()));
            static const QSet<QString> known = {
                u"symbol"_s,    u"positionSide"_s,     u"positionAmt"_s,      u"entryPrice"_s,
                u"markPrice"_s, u"unRealizedProfit"_s, u"liquidationPrice"_s, u"notional"_s,
                u"leverage"_s,  u"updateTime"_s};
            if (!known.contains(name))
                continue;
            if (seen.contains(name))
                return failure(at + name + u": duplicate field"_s);
            seen.insert(name);
            if (name == u"symbol"_s || name == u"positionSide"_s) {
                std::string_view text;
                if (field.value().get_string().get(text) || !plausibleName(text, 32))
                    return failure(at + name + u": not a name"_s);
                (name == u"symbol"_s ? p.symbol : p.positionSide) =
                    QString::fromLatin1(text.data(), qsizetype(text.size()));
                continue;
            }
            if (name == u"updateTime"_s) {
                int64_t ms = 0;
                if (field.value().get_int64().get(ms) || ms < 0)
                    return failure(at + u"updateTime: expected a time in ms"_s);
                p.updateTime = ms;
                continue;
            }
            const Expected<std::optional<Decimal>> d = readDecimal(field.value(), true);
            if (!d)
                return failure(at + name + u": "_s + d.error());
            if (name == u"leverage"_s) {
                if (*d) {
                    bool ok = false;
                    const int leverage = (*d)->toCanonicalString().toInt(&ok);
                    if (!ok || leverage < 1 || leverage > 500)
                        return failure(at + u"leverage: out of range"_s);
                    p.leverage = leverage;
                }
            } else if (name == u"positionAmt"_s) {
                p.positionAmt = d->value_or(Decimal());
            } else if (name == u"unRealizedProfit"_s) {
                p.unrealizedProfit = d->value_or(Decimal());
            } else if (name == u"notional"_s) {
                p.notional = d->value_or(Decimal());
            } else if (name == u"entryPrice"_s) {
                p.entryPrice = *d;
            } else if (name == u"markPrice"_s) {
                p.markPrice = *d;
            } else {
                p.liquidationPrice = *d;
            }
        }
        for (const QString& required : {u"symbol"_s, u"positionSide"_s, u"positionAmt"_s}) {
            if (!seen.contains(required))
                return failure(at + required + u": missing field"_s);
        }
        const QString key = p.symbol + u'/' + p.positionSide;
        if (keys.contains(key))
            return failure(at + u"the position "_s + key + u" is listed twice"_s);
        keys.insert(key);
        p.marginType = u"CROSSED"_s; // Portfolio Margin has no isolated positions
        positions.append(p);
    }
    if (trailingContent(doc))
        return failure(where + u"invalid JSON (more content follows the document)"_s);
    return positions;
}

std::optional<QUrl> portfolioMarginBaseUrl(const QUrl& futuresBaseUrl)
{
    if (BinanceUrls::isProductionFutures(futuresBaseUrl))
        return QUrl(u"https://papi.binance.com"_s);
    const QString host = futuresBaseUrl.host().toLower();
    if (host == BinanceUrls::demoFutures().host() || host == u"testnet.binancefuture.com"_s)
        return std::nullopt;
    QUrl url;
    url.setScheme(futuresBaseUrl.scheme());
    url.setHost(futuresBaseUrl.host());
    url.setPort(futuresBaseUrl.port());
    return url;
}

} // namespace marginwatch
