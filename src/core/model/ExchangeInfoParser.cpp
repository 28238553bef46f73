#include "model/ExchangeInfoParser.h"

#include <simdjson.h>

#include <charconv>
#include <string>

// simdjson's On-Demand API, as the snapshot parser uses: of a 1-2 MB answer only a few fields per
// contract are read, and everything else is skipped without being materialised (QJsonDocument
// would build the whole tree first).

namespace marginwatch {

namespace {

using namespace Qt::StringLiterals;
namespace od = simdjson::ondemand;

// Where in the answer a value is, made into text only when there is an error to report.
struct Where
{
    qsizetype symbol = -1; // index in symbols[], -1 for the top level
    std::string_view field = {};
    qsizetype filter = -1; // index in filters[]
    std::string_view filterField = {};

    QString text() const
    {
        if (symbol < 0)
            return QString::fromUtf8(field.data(), static_cast<qsizetype>(field.size()));
        QString path = u"symbols["_s + QString::number(symbol) + u']';
        if (!field.empty())
            path += u'.' + QString::fromUtf8(field.data(), static_cast<qsizetype>(field.size()));
        if (filter >= 0)
            path += u'[' + QString::number(filter) + u']';
        if (!filterField.empty())
            path += u'.' + QString::fromUtf8(filterField.data(), static_cast<qsizetype>(filterField.size()));
        return path;
    }
};

tl::unexpected<QString> fail(const Where& where, const QString& what)
{
    const QString path = where.text();
    return failure(QString(u"exchangeInfo: "_s + (path.isEmpty() ? QString() : path + u": "_s) + what));
}

Where at(qsizetype index, std::string_view field = {})
{
    return Where{index, field};
}

Expected<std::string_view> readString(od::value value, const Where& where)
{
    std::string_view text;
    if (value.get_string().get(text))
        return fail(where, u"expected a string"_s);
    return text;
}

Expected<int> readPrecision(od::value value, const Where& where)
{
    int64_t number = 0;
    if (value.get_int64().get(number))
        return fail(where, u"expected an integer"_s);
    if (number < 0 || number > kMaxPrecision)
        return fail(where, u"out of range ("_s + QString::number(number) + u"; expected 0 to "_s
                               + QString::number(kMaxPrecision) + u')');
    return static_cast<int>(number);
}

Expected<Decimal> readIncrement(od::value value, const Where& where)
{
    const Expected<std::string_view> text = readString(value, where);
    if (!text)
        return tl::unexpected(text.error());
    const std::optional<Decimal> increment = Decimal::parse(*text);
    if (!increment || !isPlausibleIncrement(*increment))
        return fail(where, u"not a positive decimal below 1e9 with at most 18 decimals ("_s
                               + QString::fromUtf8(text->data(), std::min<qsizetype>(text->size(), 24))
                               + u')');
    return *increment;
}

// One filters[] element: only PRICE_FILTER.tickSize and LOT_SIZE.stepSize matter.
Expected<void> readFilter(od::value value, const Where& where, SymbolPrecision& out)
{
    od::object object;
    if (value.get_object().get(object))
        return fail(where, u"expected an object"_s);
    std::string_view type;
    std::optional<Decimal> tick;
    std::optional<Decimal> step;
    for (auto fieldResult : object) {
        od::field field;
        std::string_view key;
        if (std::move(fieldResult).get(field) || field.unescaped_key().get(key))
            return fail(where, u"invalid JSON"_s);
        if (key == "filterType") {
            Where typeAt = where;
            typeAt.filterField = key;
            Expected<std::string_view> text = readString(field.value(), typeAt);
            if (!text)
                return tl::unexpected(text.error());
            type = *text; // a view into the parser's string buffer, valid for the whole document
        } else if (key == "tickSize" || key == "stepSize") {
            Where incrementAt = where;
            incrementAt.filterField = key;
            Expected<Decimal> increment = readIncrement(field.value(), incrementAt);
            if (!increment)
                return tl::unexpected(increment.error());
            (key == "tickSize" ? tick : step) = *increment;
        }
    }
    if (type == "PRICE_FILTER") {
        if (!tick)
            return fail(where, u"PRICE_FILTER without tickSize"_s);
        out.tickSize = *tick;
    } else if (type == "LOT_SIZE") {
        if (!step)
            return fail(where, u"LOT_SIZE without stepSize"_s);
        out.stepSize = *step;
    }
    return {};
}

Expected<std::pair<QString, SymbolPrecision>> readSymbol(od::value value, qsizetype index)
{
    od::object object;
    if (value.get_object().get(object))
        return fail(at(index), u"expected an object"_s);
    QString symbol;
    SymbolPrecision precision;
    bool seenFilters = false;
    for (auto fieldResult : object) {
        od::field field;
        std::string_view key;
        if (std::move(fieldResult).get(field) || field.unescaped_key().get(key))
            return fail(at(index), u"invalid JSON"_s);
        if (key == "symbol") {
            const Expected<std::string_view> text = readString(field.value(), at(index, key));
            if (!text)
                return tl::unexpected(text.error());
            if (!symbol.isEmpty())
                return fail(at(index, key), u"sent twice"_s);
            symbol = QString::fromUtf8(text->data(), static_cast<qsizetype>(text->size()));
            if (text->size() > size_t(kMaxSymbolBytes) || !isPlausibleSymbol(symbol))
                return fail(at(index, key), u"not a contract name"_s);
        } else if (key == "pricePrecision" || key == "quantityPrecision") {
            const Expected<int> digits = readPrecision(field.value(), at(index, key));
            if (!digits)
                return tl::unexpected(digits.error());
            (key == "pricePrecision" ? precision.pricePrecision : precision.quantityPrecision) = *digits;
        } else if (key == "marginAsset") {
            const Expected<std::string_view> text = readString(field.value(), at(index, key));
            if (!text)
                return tl::unexpected(text.error());
            precision.marginAsset = QString::fromUtf8(text->data(), static_cast<qsizetype>(text->size()));
            if (!isPlausibleAsset(precision.marginAsset))
                return fail(at(index, key), u"not an asset name"_s);
        } else if (key == "filters") {
            if (seenFilters)
                return fail(at(index, key), u"sent twice"_s);
            seenFilters = true;
            od::array filters;
            if (field.value().get_array().get(filters))
                return fail(at(index, key), u"expected an array"_s);
            qsizetype filterIndex = 0;
            for (auto element : filters) {
                od::value filter;
                const Where where{index, key, filterIndex};
                if (std::move(element).get(filter))
                    return fail(where, u"invalid JSON"_s);
                if (++filterIndex > kMaxSymbolFilters)
                    return fail(at(index, key),
                                u"more than "_s + QString::number(kMaxSymbolFilters) + u" filters"_s);
                if (const Expected<void> read = readFilter(filter, where, precision); !read)
                    return tl::unexpected(read.error());
            }
        }
    }
    if (symbol.isEmpty())
        return fail(at(index), u"no symbol"_s);
    return std::pair{symbol, precision};
}

} // namespace

bool isPlausibleSymbol(QStringView symbol)
{
    // Contract names are upper-case letters and digits, delivery contracts add "_YYMMDD"; a few
    // listings use other letters (CJK), so any printable character is accepted, but nothing that
    // could break a line of the cache file or a table cell.
    if (symbol.isEmpty() || symbol.size() > kMaxSymbolBytes)
        return false;
    for (QChar c : symbol) {
        if (c.isSpace() || !c.isPrint())
            return false;
    }
    return true;
}

bool isPlausibleAsset(QStringView asset)
{
    if (asset.isEmpty() || asset.size() > 16)
        return false;
    for (QChar c : asset) {
        if (!(c.isDigit() || (c >= u'A' && c <= u'Z')))
            return false;
    }
    return true;
}

bool isPlausibleIncrement(const Decimal& increment)
{
    static const Decimal limit = *Decimal::parse("1000000000");
    return increment.signum() > 0 && increment.scale() <= kMaxPrecision && increment < limit;
}

Expected<SymbolPrecisionTable> parseExchangeInfo(const QByteArray& body, qint64 fetchedAtMs)
{
    if (body.size() > kMaxExchangeInfoBytes)
        return fail(Where{}, u"the answer is larger than "_s + QString::number(kMaxExchangeInfoBytes >> 20)
                                 + u" MB"_s);
    if (body.trimmed().isEmpty())
        return fail(Where{}, u"empty response body"_s);
    if (body.trimmed().startsWith('<'))
        return fail(Where{}, u"invalid JSON (an HTML page was received instead)"_s);

    const simdjson::padded_string padded(body.constData(), static_cast<size_t>(body.size()));
    od::parser parser;
    od::document doc;
    if (auto err = parser.iterate(padded).get(doc))
        return fail(Where{}, u"invalid JSON ("_s + QString::fromLatin1(simdjson::error_message(err)) + u')');
    od::object root;
    if (doc.get_object().get(root))
        return fail(Where{}, u"expected an object"_s);

    QHash<QString, SymbolPrecision> symbols;
    bool seenSymbols = false;
    for (auto fieldResult : root) {
        od::field field;
        std::string_view key;
        if (std::move(fieldResult).get(field) || field.unescaped_key().get(key))
            return fail(Where{}, u"invalid JSON"_s);
        if (key != "symbols")
            continue;
        if (seenSymbols)
            return fail(Where{-1, "symbols"}, u"sent twice"_s);
        seenSymbols = true;
        od::array array;
        if (field.value().get_array().get(array))
            return fail(Where{-1, "symbols"}, u"expected an array"_s);
        qsizetype index = 0;
        for (auto element : array) {
            od::value value;
            if (std::move(element).get(value))
                return fail(at(index), u"invalid JSON"_s);
            if (index >= kMaxExchangeInfoSymbols)
                return fail(Where{-1, "symbols"},
                            u"more than "_s + QString::number(kMaxExchangeInfoSymbols) + u" contracts"_s);
            Expected<std::pair<QString, SymbolPrecision>> entry = readSymbol(value, index);
            if (!entry)
                return tl::unexpected(entry.error());
            if (symbols.contains(entry->first))
                return fail(at(index, "symbol"), u"listed twice ("_s + entry->first + u')');
            symbols.insert(entry->first, entry->second);
            ++index;
        }
    }
    // Whatever follows the closing brace is another document (or garbage), not part of this one.
    const char* trailing = nullptr;
    if (doc.current_location().get(trailing) != simdjson::OUT_OF_BOUNDS)
        return fail(Where{}, u"invalid JSON (more content follows the document)"_s);
    if (!seenSymbols)
        return fail(Where{}, u"no symbols list"_s);
    return SymbolPrecisionTable(std::move(symbols), fetchedAtMs);
}

} // namespace marginwatch
