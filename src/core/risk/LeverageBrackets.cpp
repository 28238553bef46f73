#include "risk/LeverageBrackets.h"

#include <QSet>

#include <simdjson.h>

#include <algorithm>

namespace marginwatch {

namespace {

using namespace Qt::StringLiterals;
namespace od = simdjson::ondemand;

const Decimal kOneDecimal = Decimal::fromInteger(1);
const Decimal kHundred = Decimal::fromInteger(100);

QString invalidJson(simdjson::error_code code)
{
    if (code == simdjson::INCOMPLETE_ARRAY_OR_OBJECT || code == simdjson::UNCLOSED_STRING)
        return u"invalid JSON (the answer ends before the document is complete)"_s;
    return u"invalid JSON ("_s + QString::fromLatin1(simdjson::error_message(code)) + u')';
}

std::string_view trimmed(std::string_view token)
{
    while (!token.empty()
           && (token.back() == ' ' || token.back() == '\n' || token.back() == '\r' || token.back() == '\t'))
        token.remove_suffix(1);
    return token;
}

QString shortText(std::string_view token)
{
    return QString::fromUtf8(token.data(), qsizetype(std::min<size_t>(token.size(), 24)));
}

// Reads one body; the first error wins and names where it is.
class Reader
{
public:
    QString error;

    bool fail(const QString& at, const QString& what)
    {
        if (error.isEmpty())
            error = u"leverageBracket: "_s + at + u": "_s + what;
        return false;
    }
    bool failJson(const QString& at, simdjson::error_code code) { return fail(at, invalidJson(code)); }

    // Binance sends these as JSON numbers; a decimal string is taken as well (some proxies and
    // libraries quote them). Read from the token's text, never through double.
    std::optional<Decimal> decimal(const QString& at, od::value value)
    {
        od::json_type type;
        if (auto err = value.type().get(type))
            return failJson(at, err), std::nullopt;
        std::string_view text;
        if (type == od::json_type::number) {
            text = trimmed(value.raw_json_token());
        } else if (type == od::json_type::string) {
            if (auto err = value.get_string().get(text))
                return failJson(at, err), std::nullopt;
        } else {
            return fail(at, u"expected a number"_s), std::nullopt;
        }
        std::optional<Decimal> d = Decimal::parse(text);
        if (!d)
            fail(at, u"not a decimal number (\""_s + shortText(text) + u"\")"_s);
        return d;
    }

    std::optional<int> integer(const QString& at, od::value value, int min, int max)
    {
        int64_t n = 0;
        if (auto err = value.get_int64().get(n)) {
            if (err == simdjson::INCORRECT_TYPE || err == simdjson::NUMBER_ERROR)
                return fail(at, u"expected an integer"_s), std::nullopt;
            return failJson(at, err), std::nullopt;
        }
        if (n < min || n > max)
            return fail(at, u"out of range (%1 not in %2..%3)"_s.arg(n).arg(min).arg(max)), std::nullopt;
        return static_cast<int>(n);
    }

    bool bracket(const QString& at, od::object object, LeverageBracket& out)
    {
        QSet<QString> seen;
        for (auto fieldResult : object) {
            od::field field;
            std::string_view key;
            auto err = std::move(fieldResult).get(field);
            if (!err)
                err = field.unescaped_key().get(key);
            if (err)
                return failJson(at, err);
            const QString name = QString::fromUtf8(key.data(), qsizetype(key.size()));
            const QString here = at + u'.' + name;
            const bool known = key == "bracket" || key == "initialLeverage" || key == "notionalCap"
                               || key == "notionalFloor" || key == "maintMarginRatio" || key == "cum";
            if (!known)
                continue;
            if (seen.contains(name))
                return fail(here, u"duplicate field"_s);
            seen.insert(name);
            if (key == "bracket" || key == "initialLeverage") {
                const std::optional<int> n =
                    integer(here, field.value(), 1,
                            key == "bracket" ? int(LeverageBrackets::kMaxBracketsPerSymbol)
                                             : LeverageBrackets::kMaxLeverage);
                if (!n)
                    return false;
                (key == "bracket" ? out.bracket : out.initialLeverage) = *n;
                continue;
            }
            const std::optional<Decimal> d = decimal(here, field.value());
            if (!d)
                return false;
            if (key == "notionalCap")
                out.notionalCap = *d;
            else if (key == "notionalFloor")
                out.notionalFloor = *d;
            else if (key == "maintMarginRatio")
                out.maintMarginRatio = *d;
            else
                out.cum = *d;
        }
        for (const QString& name : {u"bracket"_s, u"initialLeverage"_s, u"notionalCap"_s, u"notionalFloor"_s,
                                    u"maintMarginRatio"_s, u"cum"_s}) {
            if (!seen.contains(name))
                return fail(at + u'.' + name, u"missing field"_s);
        }
        if (out.maintMarginRatio.signum() < 0 || out.maintMarginRatio >= kOneDecimal)
            return fail(at + u".maintMarginRatio"_s, u"out of range (expected at least 0 and below 1)"_s);
        if (out.cum.signum() < 0)
            return fail(at + u".cum"_s, u"negative"_s);
        if (out.notionalFloor.signum() < 0)
            return fail(at + u".notionalFloor"_s, u"negative"_s);
        if (out.notionalCap <= out.notionalFloor)
            return fail(at + u".notionalCap"_s, u"not above notionalFloor"_s);
        return true;
    }

    bool symbol(const QString& at, od::object object, SymbolBrackets& out)
    {
        bool haveSymbol = false, haveCoef = false, haveBrackets = false;
        for (auto fieldResult : object) {
            od::field field;
            std::string_view key;
            auto err = std::move(fieldResult).get(field);
            if (!err)
                err = field.unescaped_key().get(key);
            if (err)
                return failJson(at, err);
            if (key == "symbol") {
                if (haveSymbol)
                    return fail(at + u".symbol"_s, u"duplicate field"_s);
                haveSymbol = true;
                std::string_view text;
                if (auto e = field.value().get_string().get(text))
                    return e == simdjson::INCORRECT_TYPE ? fail(at + u".symbol"_s, u"expected a string"_s)
                                                         : failJson(at + u".symbol"_s, e);
                const bool plausible =
                    !text.empty() && text.size() <= 32 && std::all_of(text.begin(), text.end(), [](char c) {
                        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
                    });
                if (!plausible)
                    return fail(at + u".symbol"_s, u"not a symbol name (\""_s + shortText(text) + u"\")"_s);
                out.symbol = QString::fromLatin1(text.data(), qsizetype(text.size()));
            } else if (key == "notionalCoef") {
                if (haveCoef)
                    return fail(at + u".notionalCoef"_s, u"duplicate field"_s);
                haveCoef = true;
                const std::optional<Decimal> coef = decimal(at + u".notionalCoef"_s, field.value());
                if (!coef)
                    return false;
                if (coef->signum() <= 0 || *coef > kHundred)
                    return fail(at + u".notionalCoef"_s, u"out of range (expected above 0, at most 100)"_s);
                out.notionalCoef = *coef;
            } else if (key == "brackets") {
                if (haveBrackets)
                    return fail(at + u".brackets"_s, u"duplicate field"_s);
                haveBrackets = true;
                if (!brackets(at + u".brackets"_s, field.value(), out.brackets))
                    return false;
            }
        }
        if (!haveSymbol)
            return fail(at + u".symbol"_s, u"missing field"_s);
        if (!haveBrackets)
            return fail(at + u".brackets"_s, u"missing field"_s);
        if (!haveCoef)
            out.notionalCoef = kOneDecimal; // older answers and sub-accounts without adjustment omit it
        return true;
    }

    bool brackets(const QString& at, od::value value, QList<LeverageBracket>& out)
    {
        od::array array;
        if (auto err = value.get_array().get(array))
            return err == simdjson::INCORRECT_TYPE ? fail(at, u"expected an array"_s) : failJson(at, err);
        for (auto elementResult : array) {
            const QString here = at + u'[' + QString::number(out.size()) + u']';
            if (out.size() >= LeverageBrackets::kMaxBracketsPerSymbol)
                return fail(at, u"more than %1 brackets"_s.arg(LeverageBrackets::kMaxBracketsPerSymbol));
            od::object object;
            if (auto err = elementResult.get_object().get(object))
                return err == simdjson::INCORRECT_TYPE ? fail(here, u"expected an object"_s)
                                                       : failJson(here, err);
            LeverageBracket b;
            if (!bracket(here, object, b))
                return false;
            // One continuous staircase: the maintenance margin jumps nowhere only if the brackets
            // follow each other without gap or overlap.
            if (b.bracket != out.size() + 1)
                return fail(here + u".bracket"_s, u"expected bracket %1"_s.arg(out.size() + 1));
            if (out.isEmpty() ? !b.notionalFloor.isZero() : b.notionalFloor != out.constLast().notionalCap)
                return fail(here + u".notionalFloor"_s, out.isEmpty() ? u"the first bracket must start at 0"_s
                                                                      : u"not the previous bracket's cap"_s);
            if (!out.isEmpty() && b.maintMarginRatio < out.constLast().maintMarginRatio)
                return fail(here + u".maintMarginRatio"_s, u"lower than the previous bracket's"_s);
            out.append(b);
        }
        if (out.isEmpty())
            return fail(at, u"no brackets"_s);
        return true;
    }
};

} // namespace

const LeverageBracket& SymbolBrackets::bracketFor(const Decimal& notional) const
{
    Q_ASSERT(!brackets.isEmpty());
    const Decimal n = notional.abs();
    for (const LeverageBracket& b : brackets) {
        if (n < b.notionalCap)
            return b;
    }
    return brackets.constLast();
}

std::optional<Decimal> SymbolBrackets::maintenanceMargin(const Decimal& notional) const
{
    if (notional.isZero() || brackets.isEmpty())
        return Decimal();
    const LeverageBracket& b = bracketFor(notional);
    const std::optional<Decimal> product = notional.abs().times(b.maintMarginRatio);
    if (!product)
        return std::nullopt;
    return product->rounded(8, Decimal::Rounding::TowardZero).minus(b.cum);
}

Expected<LeverageBrackets> LeverageBrackets::parse(QByteArrayView body)
{
    qsizetype first = 0;
    while (first < body.size()
           && (body[first] == ' ' || body[first] == '\n' || body[first] == '\r' || body[first] == '\t'))
        ++first;
    if (first == body.size())
        return failure(u"leverageBracket: empty response body"_s);
    if (body[first] == '<')
        return failure(u"leverageBracket: invalid JSON (an HTML page was received instead)"_s);
    if (body.size() > kMaxBodyBytes)
        return failure(
            u"leverageBracket: the answer is larger than %1 MB"_s.arg(kMaxBodyBytes / (1024 * 1024)));

    // Fetched rarely (per account, on start and then hourly): its own padded copy and parser.
    const simdjson::padded_string padded(body.data(), static_cast<size_t>(body.size()));
    od::parser parser;
    od::document doc;
    if (auto err = parser.iterate(padded).get(doc))
        return failure(u"leverageBracket: "_s + invalidJson(err));
    Reader reader;
    LeverageBrackets result;
    auto add = [&](const QString& at, od::object object) {
        SymbolBrackets s;
        if (!reader.symbol(at, object, s))
            return false;
        if (result.m_symbols.contains(s.symbol))
            return reader.fail(at + u".symbol"_s, u"listed twice (\""_s + s.symbol + u"\")"_s);
        result.m_symbols.insert(s.symbol, std::move(s));
        return true;
    };
    od::json_type type;
    if (auto err = doc.type().get(type))
        return failure(u"leverageBracket: "_s + invalidJson(err));
    if (type == od::json_type::object) {
        od::object object;
        if (auto err = doc.get_object().get(object))
            return failure(u"leverageBracket: "_s + invalidJson(err));
        if (!add(u"(object)"_s, object))
            return failure(reader.error);
    } else if (type == od::json_type::array) {
        od::array array;
        if (auto err = doc.get_array().get(array))
            return failure(u"leverageBracket: "_s + invalidJson(err));
        qsizetype index = 0;
        for (auto elementResult : array) {
            const QString at = u'[' + QString::number(index++) + u']';
            if (index > kMaxSymbols)
                return failure(u"leverageBracket: more than %1 symbols"_s.arg(kMaxSymbols));
            od::object object;
            if (auto err = elementResult.get_object().get(object)) {
                reader.fail(at, err == simdjson::INCORRECT_TYPE ? u"expected an object"_s : invalidJson(err));
                return failure(reader.error);
            }
            if (!add(at, object))
                return failure(reader.error);
        }
    } else {
        return failure(u"leverageBracket: expected a JSON array or object"_s);
    }
    const char* trailing = nullptr;
    if (doc.current_location().get(trailing) != simdjson::OUT_OF_BOUNDS)
        return failure(u"leverageBracket: invalid JSON (more content follows the document)"_s);
    return result;
}

const SymbolBrackets* LeverageBrackets::find(const QString& symbol) const
{
    const auto it = m_symbols.constFind(symbol);
    return it == m_symbols.constEnd() ? nullptr : &*it;
}

} // namespace marginwatch
