#pragma once
// Reading JSON fields strictly with simdjson's On-Demand API, for the endpoint readers only: nothing
// outside src/core/model/parse and the parser sees a simdjson type.
//
// On-Demand rather than QJsonDocument: a poll of a 1 000-position account is about 800 KB, which
// QJsonDocument takes ~4 ms to read, and the parse budget is under 1 ms.

#include "model/Decimal.h"

#include <QByteArray>
#include <QString>

#include <simdjson.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <optional>
#include <string>
#include <string_view>

namespace marginwatch::parse {

namespace od = simdjson::ondemand;

class StringInterner;

// Where in which body we are, made into text only when an error has to name it:
// "account: assets[2].walletBalance".
struct Location
{
    explicit Location(const char* bodyName, const char* arrayName = nullptr, qsizetype at = -1)
        : body(bodyName)
        , array(arrayName)
        , index(at)
    {}

    const char* body;
    const char* array; // e.g. "assets"; "" for the elements of a body that is an array
    qsizetype index;
    std::string_view field;

    QString path() const;
};

// A field of an object at a Location: two words, passed for every value read, made into a full
// Location (and text) only when there is an error to report.
struct FieldAt
{
    const Location* object;
    std::string_view name;

    Location location() const
    {
        Location l = *object;
        l.field = name;
        return l;
    }
};

// The first error of a parse, as "body: path: what". Never echoes a whole body.
class ParseErrors
{
public:
    bool fail(const Location& at, const QString& what);
    bool failJson(const Location& at, simdjson::error_code code);
    bool fail(FieldAt at, const QString& what) { return fail(at.location(), what); }
    bool failJson(FieldAt at, simdjson::error_code code) { return failJson(at.location(), code); }
    const QString& message() const { return m_message; }

private:
    QString m_message;
};

// simdjson's parser and the padded copy of a body it reads (simdjson reads SIMDJSON_PADDING bytes past
// the end), kept from one body and one poll to the next so that a poll allocates nothing here.
class JsonDocumentReader
{
public:
    // Says plainly what a body is when it is not JSON: empty, an HTML page (a proxy's, a firewall's
    // or a 5xx error page: the most common non-JSON body).
    bool open(const QByteArray& body, const Location& root, ParseErrors& errors, od::document& doc);

private:
    od::parser m_parser;
    std::string m_buffer;
};

// The document's root as an object or an array.
bool rootObject(od::document& doc, const Location& root, ParseErrors& errors, od::object& object);
bool rootArray(od::document& doc, const Location& root, ParseErrors& errors, od::array& array);
// Everything up to the closing bracket has been read; whatever follows is another document (or
// garbage) that a strict reader must not ignore.
bool requireEnd(od::document& doc, const Location& root, ParseErrors& errors);

// A JSON string or a JSON number; the decimal keeps the exact text either way.
bool readDecimal(od::value value, Decimal& out, FieldAt at, ParseErrors& errors);
bool readOptionalDecimal(od::value value, std::optional<Decimal>& out, FieldAt at, ParseErrors& errors);
// A JSON integer, or a string holding one (the API sends some integers as strings), within
// [minimum, maximum]: outside is an error, never clamped or wrapped.
bool readInteger(od::value value, qint64& out, qint64 minimum, qint64 maximum, FieldAt at,
                 ParseErrors& errors);
bool readString(od::value value, QString& out, StringInterner& interner, FieldAt at, ParseErrors& errors);
bool readBool(od::value value, bool& out, FieldAt at, ParseErrors& errors);

// The JSON number grammar, which is stricter than a decimal's: no "01", "1.", ".5", "+1" or "1e".
bool isJsonNumber(std::string_view token, bool integerOnly = false);

// Which fields of an object have been read, by bit: a repeated one is named, a missing one too.
class Seen
{
public:
    bool has(int bit) const { return (m_bits >> bit) & 1U; }
    // False when the bit was already set: the object names that field twice.
    bool markOnce(int bit)
    {
        const quint64 mask = quint64(1) << bit;
        const bool first = (m_bits & mask) == 0;
        m_bits |= mask;
        return first;
    }

private:
    quint64 m_bits = 0;
};

// Marks a field as read; a second occurrence in the same object is an error naming it (JSON leaves
// duplicate keys undefined, and "the last one wins" would let a body say two things at once).
inline bool readOnce(Seen& seen, int bit, FieldAt at, ParseErrors& errors)
{
    return seen.markOnce(bit) || errors.fail(at, QStringLiteral("duplicate field"));
}

// A key read in place when it holds no escape (Binance's never do): unescaping each one into
// simdjson's string buffer was the most frequent operation of a parse. A key with a backslash, or
// longer than any of Binance's, takes the exact route. The scan for the closing quote reads 16 bytes
// at a time and at most kMaxKeyScan bytes, which stay inside simdjson's padding.
inline bool readKey(od::field& field, std::string_view& key)
{
    constexpr size_t kMaxKeyScan = 64;
    static_assert(kMaxKeyScan <= simdjson::SIMDJSON_PADDING);
    const char* raw = field.key().raw();
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    for (size_t offset = 0; offset < kMaxKeyScan; offset += 16) {
        const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(raw + offset));
        const auto hits = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash))));
        if (hits != 0) {
            const size_t length = offset + static_cast<size_t>(__builtin_ctz(hits));
            if (raw[length] == '"') {
                key = std::string_view(raw, length);
                return true;
            }
            break;
        }
    }
#else
    size_t length = 0;
    while (length < kMaxKeyScan && raw[length] != '"' && raw[length] != '\\')
        ++length;
    if (length < kMaxKeyScan && raw[length] == '"') {
        key = std::string_view(raw, length);
        return true;
    }
#endif
    return field.unescaped_key().get(key) == simdjson::SUCCESS;
}

// Calls onField(key, value) for each field of an object until it returns false. Fields it leaves
// unread are skipped by the iteration.
template <typename Fn>
bool forEachField(od::object object, const Location& at, ParseErrors& errors, Fn&& onField)
{
    for (auto fieldResult : object) {
        od::field field;
        if (auto err = std::move(fieldResult).get(field))
            return errors.failJson(at, err);
        std::string_view key;
        if (!readKey(field, key))
            return errors.failJson(at, simdjson::STRING_ERROR);
        if (!onField(key, field.value()))
            return false;
    }
    return true;
}

// An account lists a few hundred symbols at most (symbolConfig sends every symbol once); beyond this
// the body is hostile, and each element would still cost a row in every model and file.
inline constexpr qsizetype kMaxArrayElements = 10000;

// Calls onElement(value, index) for each element of an array until it returns false.
template <typename Fn>
bool forEachElement(od::array array, Location at, ParseErrors& errors, Fn&& onElement)
{
    qsizetype index = 0;
    for (auto elementResult : array) {
        if (index == kMaxArrayElements)
            return errors.fail(at, QStringLiteral("more than 10000 entries"));
        od::value element;
        if (auto err = std::move(elementResult).get(element)) {
            at.index = index;
            return errors.failJson(at, err);
        }
        if (!onElement(element, index))
            return false;
        ++index;
    }
    return true;
}

} // namespace marginwatch::parse
