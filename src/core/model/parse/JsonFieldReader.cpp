#include "model/parse/JsonFieldReader.h"

#include "model/parse/StringInterner.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace marginwatch::parse {

using namespace Qt::StringLiterals;

namespace {

// A short, printable excerpt of an offending value: enough to recognise it, never a whole body.
QString excerpt(std::string_view raw)
{
    constexpr size_t kMax = 24;
    QString text = QString::fromUtf8(raw.data(), static_cast<qsizetype>(std::min(raw.size(), kMax)));
    if (raw.size() > kMax)
        text += u"…"_s;
    return text;
}

// A scalar's raw token runs up to the next structural character; what follows the value goes.
std::string_view trimmed(std::string_view token)
{
    while (!token.empty()
           && (token.back() == ' ' || token.back() == '\n' || token.back() == '\r' || token.back() == '\t'
               || token.back() == ',' || token.back() == '}' || token.back() == ']'))
        token.remove_suffix(1);
    return token;
}

// The content of a JSON string token read in place, when it holds no escape (Binance's strings never
// do): most of a poll's values are decimal strings, and unescaping each into simdjson's string buffer
// was the largest cost of a parse. nullopt sends the caller to simdjson's exact route.
std::optional<std::string_view> plainString(std::string_view token)
{
    if (token.size() < 2 || token.front() != '"' || token.back() != '"')
        return std::nullopt;
    const std::string_view inner = token.substr(1, token.size() - 2);
    if (inner.find('\\') != std::string_view::npos)
        return std::nullopt;
    return inner;
}

bool isNumberStart(char c)
{
    return c == '-' || (c >= '0' && c <= '9');
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

} // namespace

QString Location::path() const
{
    QString p;
    if (array) {
        p = QString::fromLatin1(array);
        if (index >= 0)
            p += u'[' + QString::number(index) + u']';
    }
    if (!field.empty()) {
        if (!p.isEmpty())
            p += u'.';
        p += QString::fromUtf8(field.data(), static_cast<qsizetype>(field.size()));
    }
    return p;
}

bool ParseErrors::fail(const Location& at, const QString& what)
{
    if (m_message.isEmpty()) {
        const QString path = at.path();
        m_message =
            QString::fromLatin1(at.body) + u": "_s + (path.isEmpty() ? QString() : path + u": "_s) + what;
    }
    return false;
}

bool ParseErrors::failJson(const Location& at, simdjson::error_code code)
{
    switch (code) {
    case simdjson::EMPTY:
        return fail(at, u"empty response body"_s);
    case simdjson::UNCLOSED_STRING:
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
        // A cut-short body is recognised as such once the parse has failed (the parser's endsEarly()).
        return fail(at, u"invalid JSON (brackets or quotes do not match, or content follows the document)"_s);
    default:
        return fail(at, u"invalid JSON ("_s + QString::fromLatin1(simdjson::error_message(code)) + u')');
    }
}

bool JsonDocumentReader::open(const QByteArray& body, const Location& root, ParseErrors& errors,
                              od::document& doc)
{
    qsizetype first = 0;
    while (first < body.size()
           && (body.at(first) == ' ' || body.at(first) == '\n' || body.at(first) == '\r'
               || body.at(first) == '\t'))
        ++first;
    if (first == body.size())
        return errors.fail(root, u"empty response body"_s);
    if (body.at(first) == '<')
        return errors.fail(root, u"invalid JSON (an HTML page was received instead)"_s);
    const size_t length = static_cast<size_t>(body.size());
    m_buffer.resize(length + simdjson::SIMDJSON_PADDING);
    std::memcpy(m_buffer.data(), body.constData(), length);
    // The buffer is reused: without this, the padding would hold the tail of an earlier, longer body,
    // and how simdjson reports a malformed document (an unclosed string runs into the padding) would
    // depend on what this parser read before. simdjson's own padded_string zero-fills it too.
    std::memset(m_buffer.data() + length, 0, simdjson::SIMDJSON_PADDING);
    if (auto err = m_parser.iterate(m_buffer.data(), length, m_buffer.size()).get(doc))
        return errors.failJson(root, err);
    return true;
}

bool rootObject(od::document& doc, const Location& root, ParseErrors& errors, od::object& object)
{
    if (auto err = doc.get_object().get(object))
        return err == simdjson::INCORRECT_TYPE ? errors.fail(root, u"expected a JSON object"_s)
                                               : errors.failJson(root, err);
    return true;
}

bool rootArray(od::document& doc, const Location& root, ParseErrors& errors, od::array& array)
{
    if (auto err = doc.get_array().get(array))
        return err == simdjson::INCORRECT_TYPE ? errors.fail(root, u"expected a JSON array"_s)
                                               : errors.failJson(root, err);
    return true;
}

bool requireEnd(od::document& doc, const Location& root, ParseErrors& errors)
{
    const char* trailing = nullptr;
    if (doc.current_location().get(trailing) == simdjson::OUT_OF_BOUNDS)
        return true;
    return errors.fail(root, u"invalid JSON (more content follows the document)"_s);
}

bool isJsonNumber(std::string_view token, bool integerOnly)
{
    size_t i = 0;
    const auto digits = [&] {
        const size_t start = i;
        while (i < token.size() && isDigit(token[i]))
            ++i;
        return i > start;
    };
    if (i < token.size() && token[i] == '-')
        ++i;
    if (i < token.size() && token[i] == '0')
        ++i;
    else if (!digits())
        return false;
    if (integerOnly)
        return i == token.size();
    if (i < token.size() && token[i] == '.') {
        ++i;
        if (!digits())
            return false;
    }
    if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
        ++i;
        if (i < token.size() && (token[i] == '+' || token[i] == '-'))
            ++i;
        if (!digits())
            return false;
    }
    return i == token.size();
}

bool readDecimal(od::value value, Decimal& out, FieldAt at, ParseErrors& errors)
{
    // raw_json_token() only peeks; a value left unread is skipped by the enclosing iteration.
    const std::string_view token = trimmed(value.raw_json_token());
    std::string_view text;
    if (!token.empty() && isNumberStart(token.front())) {
        if (!isJsonNumber(token))
            return errors.fail(at, u"not a JSON number (\""_s + excerpt(token) + u"\")"_s);
        text = token;
    } else if (const std::optional<std::string_view> inner = plainString(token)) {
        text = *inner;
    } else {
        od::json_type type;
        if (auto err = value.type().get(type))
            return errors.failJson(at, err);
        if (type != od::json_type::string)
            return errors.fail(at, u"expected a decimal number, found "_s
                                       + (type == od::json_type::null ? u"null"_s : u"another JSON type"_s));
        if (auto err = value.get_string().get(text))
            return errors.failJson(at, err);
    }
    const std::optional<Decimal> d = Decimal::parse(text);
    if (!d)
        return errors.fail(at, u"not a decimal number (\""_s + excerpt(text) + u"\")"_s);
    out = std::move(*d);
    return true;
}

bool readOptionalDecimal(od::value value, std::optional<Decimal>& out, FieldAt at, ParseErrors& errors)
{
    Decimal d;
    if (!readDecimal(value, d, at, errors))
        return false;
    out = std::move(d);
    return true;
}

bool readInteger(od::value value, qint64& out, qint64 minimum, qint64 maximum, FieldAt at,
                 ParseErrors& errors)
{
    od::json_type type;
    if (auto err = value.type().get(type))
        return errors.failJson(at, err);
    std::string_view text;
    if (type == od::json_type::string) {
        if (auto err = value.get_string().get(text))
            return errors.failJson(at, err);
    } else if (type == od::json_type::number) {
        text = trimmed(value.raw_json_token());
    } else {
        return errors.fail(at, u"expected an integer"_s);
    }
    if (!isJsonNumber(text, true))
        return errors.fail(at, u"not an integer (\""_s + excerpt(text) + u"\")"_s);
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (ec != std::errc() || end != text.data() + text.size() || out < minimum || out > maximum)
        return errors.fail(at, u"out of range (\""_s + excerpt(text) + u"\"; expected "_s
                                   + QString::number(minimum) + u" to "_s + QString::number(maximum) + u')');
    return true;
}

bool readString(od::value value, QString& out, StringInterner& interner, FieldAt at, ParseErrors& errors)
{
    std::string_view text;
    if (const std::optional<std::string_view> inner = plainString(trimmed(value.raw_json_token())))
        text = *inner;
    else if (value.get_string().get(text))
        return errors.fail(at, u"expected a string"_s);
    // The text fields are names (symbol, asset, side, margin type): the longest Binance lists is
    // about 20 bytes. A longer one, or one with control characters (NUL, escape sequences), would
    // reach tables, terminals and CSV files unchanged.
    constexpr size_t kMaxTextBytes = 64;
    if (text.size() > kMaxTextBytes)
        return errors.fail(at, u"longer than 64 bytes"_s);
    for (const char c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            return errors.fail(at, u"contains a control character"_s);
    }
    out = interner.get(text);
    return true;
}

bool readBool(od::value value, bool& out, FieldAt at, ParseErrors& errors)
{
    if (value.get_bool().get(out))
        return errors.fail(at, u"expected true or false"_s);
    return true;
}

} // namespace marginwatch::parse
