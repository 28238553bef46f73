#include "model/ServerTimeParser.h"

#include <simdjson.h>

#include <charconv>
#include <limits>
#include <string>

namespace marginwatch {

namespace {

using namespace Qt::StringLiterals;
namespace od = simdjson::ondemand;

QString timeError(const QString& what)
{
    return u"time: "_s + what;
}

QString invalidJson(simdjson::error_code code)
{
    if (code == simdjson::INCOMPLETE_ARRAY_OR_OBJECT || code == simdjson::UNCLOSED_STRING)
        return u"invalid JSON (the answer ends before the document is complete)"_s;
    return u"invalid JSON ("_s + QString::fromLatin1(simdjson::error_message(code)) + u')';
}

// A JSON integer as the grammar writes it: an optional minus, then 0 or a digit 1-9 and more digits.
bool isJsonInteger(std::string_view token)
{
    if (!token.empty() && token.front() == '-')
        token.remove_prefix(1);
    if (token.empty() || (token.front() == '0' && token.size() > 1))
        return false;
    for (const char c : token) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

std::string_view withoutTrailingSpace(std::string_view token)
{
    while (!token.empty()
           && (token.back() == ' ' || token.back() == '\n' || token.back() == '\r' || token.back() == '\t'))
        token.remove_suffix(1);
    return token;
}

Expected<qint64> readServerTime(od::value value)
{
    od::json_type type;
    if (value.type().get(type) || type != od::json_type::number)
        return failure(timeError(u"serverTime: expected an integer"_s));
    const std::string_view token = withoutTrailingSpace(value.raw_json_token());
    if (!isJsonInteger(token))
        return failure(timeError(
            u"serverTime: not an integer (\""_s
            + QString::fromLatin1(token.data(), qsizetype(std::min<size_t>(token.size(), 24))) + u"\")"_s));
    if (token.front() == '-' || token == "0")
        return failure(timeError(u"serverTime: not a positive number of milliseconds"_s));
    qint64 ms = 0;
    const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), ms);
    if (ec != std::errc() || end != token.data() + token.size())
        return failure(timeError(u"serverTime: out of range"_s));
    return ms;
}

} // namespace

Expected<qint64> parseServerTime(QByteArrayView body)
{
    qsizetype first = 0;
    while (first < body.size()
           && (body[first] == ' ' || body[first] == '\n' || body[first] == '\r' || body[first] == '\t'))
        ++first;
    if (first == body.size())
        return failure(timeError(u"empty response body"_s));
    if (body[first] == '<')
        return failure(timeError(u"invalid JSON (an HTML page was received instead)"_s));

    // A small body fetched now and then: a padded copy and a parser of its own cost nothing here.
    const simdjson::padded_string padded(body.data(), static_cast<size_t>(body.size()));
    od::parser parser;
    od::document doc;
    od::object object;
    if (auto err = parser.iterate(padded).get(doc))
        return failure(timeError(invalidJson(err)));
    if (auto err = doc.get_object().get(object))
        return failure(
            timeError(err == simdjson::INCORRECT_TYPE ? u"expected a JSON object"_s : invalidJson(err)));
    std::optional<qint64> serverTime;
    for (auto fieldResult : object) {
        od::field field;
        std::string_view key;
        auto err = std::move(fieldResult).get(field);
        if (!err)
            err = field.unescaped_key().get(key);
        if (err)
            return failure(timeError(invalidJson(err)));
        if (key != "serverTime")
            continue;
        if (serverTime)
            return failure(timeError(u"serverTime: duplicate field"_s));
        const Expected<qint64> ms = readServerTime(field.value());
        if (!ms)
            return ms;
        serverTime = *ms;
    }
    // Everything up to the closing brace has been read; whatever structure follows is another
    // document (or garbage) that a strict reader must not ignore.
    const char* trailing = nullptr;
    if (doc.current_location().get(trailing) != simdjson::OUT_OF_BOUNDS)
        return failure(timeError(u"invalid JSON (more content follows the document)"_s));
    if (!serverTime)
        return failure(timeError(u"serverTime: missing field"_s));
    return *serverTime;
}

} // namespace marginwatch
