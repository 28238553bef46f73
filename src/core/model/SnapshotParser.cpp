#include "model/SnapshotParser.h"

#include <QHash>
#include <QSet>
#include <QtAlgorithms>

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

// simdjson's On-Demand API is used because the budget (<= 1 ms for ~800 KB per poll) rules
// out QJsonDocument (~4 ms for the same bodies). It stays behind parseSnapshot(); nothing else in the
// project sees a simdjson type.

namespace marginwatch {

namespace {

using namespace Qt::StringLiterals;
namespace od = simdjson::ondemand;

// Where in which body we are, built into text only when an error has to name it.
struct Location
{
    explicit Location(const char* bodyName, const char* arrayName = nullptr, qsizetype at = -1)
        : body(bodyName)
        , array(arrayName)
        , index(at)
    {}

    const char* body;
    const char* array; // e.g. "assets"
    qsizetype index;
    std::string_view field;

    QString path() const
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

QString endsEarlyMessage()
{
    return u"invalid JSON (the answer ends before the document is complete)"_s;
}

class Errors
{
public:
    bool fail(const Location& at, const QString& what)
    {
        if (m_message.isEmpty()) {
            const QString path = at.path();
            m_message =
                QString::fromLatin1(at.body) + u": "_s + (path.isEmpty() ? QString() : path + u": "_s) + what;
        }
        return false;
    }
    bool failJson(const Location& at, simdjson::error_code code)
    {
        switch (code) {
        case simdjson::EMPTY:
            return fail(at, u"empty response body"_s);
        case simdjson::UNCLOSED_STRING:
        case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
            // A cut-short body is recognised as such once the parse has failed (see endsEarly()).
            return fail(at,
                        u"invalid JSON (brackets or quotes do not match, or content follows the document)"_s);
        default:
            return fail(at, u"invalid JSON ("_s + QString::fromLatin1(simdjson::error_message(code)) + u')');
        }
    }
    bool fail(FieldAt at, const QString& what) { return fail(at.location(), what); }
    bool failJson(FieldAt at, simdjson::error_code code) { return failJson(at.location(), code); }
    const QString& message() const { return m_message; }

private:
    QString m_message;
};

// A short, printable excerpt of an offending value: enough to recognise it, never a whole body.
QString excerpt(std::string_view raw)
{
    constexpr size_t kMax = 24;
    QString text = QString::fromUtf8(raw.data(), static_cast<qsizetype>(std::min(raw.size(), kMax)));
    if (raw.size() > kMax)
        text += u"…"_s;
    return text;
}

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

// The JSON number grammar, which is stricter than a decimal's: no "01", "1.", ".5", "+1" or "1e".
bool isJsonNumber(std::string_view token, bool integerOnly = false)
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

// Accepts a JSON string or a JSON number; the decimal keeps the exact text either way.
bool readDecimal(od::value value, Decimal& out, FieldAt at, Errors& errors)
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

bool readOptionalDecimal(od::value value, std::optional<Decimal>& out, FieldAt at, Errors& errors)
{
    Decimal d;
    if (!readDecimal(value, d, at, errors))
        return false;
    out = std::move(d);
    return true;
}

// The range an integer field must lie in: a value outside it is an error, never clamped or wrapped.
struct IntegerRange
{
    qint64 min;
    qint64 max;
};

// Milliseconds since the epoch up to 2100-01-01; 0 is what the API sends for "never updated".
constexpr IntegerRange kUpdateTimeRange{0, 4102444800000};
// Twice the highest leverage Binance offers (125x): a new tier does not break the app, garbage does.
constexpr IntegerRange kLeverageRange{1, 250};

// A JSON integer, or a string holding one (the API sends some integers as strings).
bool readInteger(od::value value, qint64& out, IntegerRange range, FieldAt at, Errors& errors)
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
    if (ec != std::errc() || end != text.data() + text.size() || out < range.min || out > range.max)
        return errors.fail(at, u"out of range (\""_s + excerpt(text) + u"\"; expected "_s
                                   + QString::number(range.min) + u" to "_s + QString::number(range.max)
                                   + u')');
    return true;
}

// Every string the parser keeps is an identifier (asset, symbol, side, margin type) repeated poll
// after poll: the same QString is handed out again, so a poll allocates and frees none of them and
// the models' comparisons of equal strings are pointer-cheap.
class Interner
{
public:
    // A parse asks for the same strings in the same order as the one before (the API's order is
    // stable): checking the string asked for at the same step last time is a short memcmp, where
    // the table costs a hash; the table answers whatever differs.
    void beginParse() { m_step = 0; }

    QString get(std::string_view text)
    {
        if (m_step < m_sequence.size() && m_sequence[m_step].first == text)
            return m_sequence[m_step++].second;
        QString value = lookup(text);
        if (m_step < m_sequence.size())
            m_sequence[m_step] = {std::string(text), value};
        else if (m_sequence.size() < kMaxEntries)
            m_sequence.emplace_back(std::string(text), value);
        ++m_step;
        return value;
    }

private:
    struct TransparentHash
    {
        using is_transparent = void;
        size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };

    QString lookup(std::string_view text)
    {
        const auto found = m_table.find(text);
        if (found != m_table.end())
            return found->second;
        if (m_table.size() >= kMaxEntries)
            m_table.clear();
        QString value = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
        m_table.emplace(std::string(text), value);
        return value;
    }

    static constexpr size_t kMaxEntries = 20000; // bounds memory if an endpoint sends changing strings
    std::unordered_map<std::string, QString, TransparentHash, std::equal_to<>> m_table;
    std::vector<std::pair<std::string, QString>> m_sequence;
    size_t m_step = 0;
};

Interner& interner()
{
    thread_local Interner instance;
    return instance;
}

bool readString(od::value value, QString& out, FieldAt at, Errors& errors)
{
    std::string_view text;
    if (const std::optional<std::string_view> inner = plainString(trimmed(value.raw_json_token())))
        text = *inner;
    else if (value.get_string().get(text))
        return errors.fail(at, u"expected a string"_s);
    out = interner().get(text);
    return true;
}

bool readBool(od::value value, bool& out, FieldAt at, Errors& errors)
{
    if (value.get_bool().get(out))
        return errors.fail(at, u"expected true or false"_s);
    return true;
}

// A field table: the API name, and where a decimal of that name goes. Order is the API's.
template <typename Row>
struct DecimalSlot
{
    std::string_view name;
    Decimal Row::*member;
};

constexpr DecimalSlot<AccountTotals> kTotalsSlots[] = {
    {"totalInitialMargin", &AccountTotals::totalInitialMargin},
    {"totalMaintMargin", &AccountTotals::totalMaintMargin},
    {"totalWalletBalance", &AccountTotals::totalWalletBalance},
    {"totalUnrealizedProfit", &AccountTotals::totalUnrealizedProfit},
    {"totalMarginBalance", &AccountTotals::totalMarginBalance},
    {"totalPositionInitialMargin", &AccountTotals::totalPositionInitialMargin},
    {"totalOpenOrderInitialMargin", &AccountTotals::totalOpenOrderInitialMargin},
    {"totalCrossWalletBalance", &AccountTotals::totalCrossWalletBalance},
    {"totalCrossUnPnl", &AccountTotals::totalCrossUnPnl},
    {"availableBalance", &AccountTotals::availableBalance},
    {"maxWithdrawAmount", &AccountTotals::maxWithdrawAmount},
};

constexpr DecimalSlot<AssetBalance> kAssetSlots[] = {
    {"walletBalance", &AssetBalance::walletBalance},
    {"unrealizedProfit", &AssetBalance::unrealizedProfit},
    {"marginBalance", &AssetBalance::marginBalance},
    {"maintMargin", &AssetBalance::maintMargin},
    {"initialMargin", &AssetBalance::initialMargin},
    {"positionInitialMargin", &AssetBalance::positionInitialMargin},
    {"openOrderInitialMargin", &AssetBalance::openOrderInitialMargin},
    {"crossWalletBalance", &AssetBalance::crossWalletBalance},
    {"crossUnPnl", &AssetBalance::crossUnPnl},
    {"availableBalance", &AssetBalance::availableBalance},
    {"maxWithdrawAmount", &AssetBalance::maxWithdrawAmount},
};

constexpr DecimalSlot<Position> kPositionSlots[] = {
    {"positionAmt", &Position::positionAmt},       {"unrealizedProfit", &Position::unrealizedProfit},
    {"isolatedMargin", &Position::isolatedMargin}, {"notional", &Position::notional},
    {"isolatedWallet", &Position::isolatedWallet}, {"initialMargin", &Position::initialMargin},
    {"maintMargin", &Position::maintMargin},
};

// Tracks which required fields an object had, so a missing one is named, not defaulted to zero.
class Seen
{
public:
    void mark(int bit) { m_bits |= (quint64(1) << bit); }
    // False when the bit was already set: the object names that field twice.
    bool markOnce(int bit)
    {
        const quint64 mask = quint64(1) << bit;
        const bool first = (m_bits & mask) == 0;
        m_bits |= mask;
        return first;
    }
    bool has(int bit) const { return (m_bits >> bit) & 1U; }
    int count() const { return qPopulationCount(m_bits); }

private:
    quint64 m_bits = 0;
};

// Marks a field as read; a second occurrence in the same object is an error naming it (JSON leaves
// duplicate keys undefined, and "the last one wins" would let a body say two things at once).
bool once(Seen& seen, int bit, FieldAt at, Errors& errors)
{
    return seen.markOnce(bit) || errors.fail(at, u"duplicate field"_s);
}

template <typename Row, size_t N>
int slotIndex(const DecimalSlot<Row> (&slots)[N], std::string_view key)
{
    for (size_t i = 0; i < N; ++i) {
        if (slots[i].name == key)
            return static_cast<int>(i);
    }
    return -1;
}

template <typename Row, size_t N>
bool requireSlots(const DecimalSlot<Row> (&slots)[N], const Seen& seen, Location at, Errors& errors)
{
    for (size_t i = 0; i < N; ++i) {
        if (!seen.has(static_cast<int>(i))) {
            at.field = slots[i].name;
            return errors.fail(at, u"missing field"_s);
        }
    }
    return true;
}

// Keeps the raw bodies in one padded buffer per thread (simdjson needs SIMDJSON_PADDING readable
// bytes past the end) and one parser per thread, so a poll allocates nothing here once warmed up.
struct ThreadParser
{
    od::parser parser;
    std::string buffer;

    simdjson::simdjson_result<od::document> iterate(const QByteArray& body)
    {
        const size_t length = static_cast<size_t>(body.size());
        buffer.resize(length + simdjson::SIMDJSON_PADDING);
        std::memcpy(buffer.data(), body.constData(), length);
        return parser.iterate(buffer.data(), length, buffer.size());
    }
};

ThreadParser& threadParser()
{
    thread_local ThreadParser instance;
    return instance;
}

// Opens a body as JSON, saying plainly what it is when it is not: empty, an HTML page (a proxy's,
// a firewall's or a 5xx error page: the most common non-JSON body), or cut short.
bool openDocument(const QByteArray& body, const Location& root, Errors& errors, od::document& doc)
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
    if (auto err = threadParser().iterate(body).get(doc))
        return errors.failJson(root, err);
    return true;
}

// Everything up to the closing bracket has been read; whatever structure follows is another document
// (or garbage) that a strict reader must not ignore.
bool requireEnd(od::document& doc, const Location& root, Errors& errors)
{
    const char* trailing = nullptr;
    if (doc.current_location().get(trailing) == simdjson::OUT_OF_BOUNDS)
        return true;
    return errors.fail(root, u"invalid JSON (more content follows the document)"_s);
}

// Longer keys than this are not Binance's; they go through the unescaping path.
constexpr size_t kMaxKeyScan = 64;

struct NeverDone
{
    bool operator()() const { return false; }
};

// Calls onField(key, value) for each field until it fails or `done()` says the caller has all it
// needs; the fields left unread are skipped by the enclosing iteration, without being looked at.
template <typename Fn, typename Done = NeverDone>
bool forEachField(od::object object, const Location& at, Errors& errors, Fn&& onField, Done done = {})
{
    for (auto fieldResult : object) {
        od::field field;
        if (auto err = std::move(fieldResult).get(field))
            return errors.failJson(at, err);
        // Binance keys never hold escapes: read them in place instead of unescaping each one into the
        // parser's string buffer (the most frequent operation of a parse). A key with a backslash
        // still takes the exact route. The scan stays inside simdjson's padding.
        std::string_view key;
        const char* raw = field.key().raw();
        size_t length = 0;
        while (length < kMaxKeyScan && raw[length] != '"' && raw[length] != '\\')
            ++length;
        if (length < kMaxKeyScan && raw[length] == '"') {
            key = std::string_view(raw, length);
        } else if (auto err = field.unescaped_key().get(key)) {
            return errors.failJson(at, err);
        }
        if (!onField(key, field.value()))
            return false;
        if (done())
            break;
    }
    return true;
}

bool parseAsset(od::value value, qsizetype index, AssetBalance& asset, Errors& errors)
{
    Location at{"account", "assets", index};
    od::object object;
    if (value.get_object().get(object))
        return errors.fail(at, u"expected an object"_s);
    Seen seen;
    constexpr int kAssetBit = 60;
    constexpr int kUpdateBit = 61;
    const bool ok = forEachField(object, at, errors, [&](std::string_view key, od::value v) {
        const FieldAt here{&at, key};
        if (key == "asset")
            return once(seen, kAssetBit, here, errors) && readString(v, asset.asset, here, errors);
        if (key == "updateTime")
            return once(seen, kUpdateBit, here, errors)
                   && readInteger(v, asset.updateTime, kUpdateTimeRange, here, errors);
        const int i = slotIndex(kAssetSlots, key);
        if (i < 0)
            return true; // unknown fields are ignored: real responses carry more than the docs list
        return once(seen, i, here, errors) && readDecimal(v, asset.*kAssetSlots[i].member, here, errors);
    });
    if (!ok)
        return false;
    if (!seen.has(kAssetBit)) {
        at.field = "asset";
        return errors.fail(at, u"missing field"_s);
    }
    return requireSlots(kAssetSlots, seen, at, errors);
}

bool parsePosition(od::value value, qsizetype index, Position& position, Errors& errors)
{
    Location at{"account", "positions", index};
    od::object object;
    if (value.get_object().get(object))
        return errors.fail(at, u"expected an object"_s);
    Seen seen;
    constexpr int kSymbolBit = 60;
    constexpr int kSideBit = 61;
    constexpr int kUpdateBit = 62;
    const bool ok = forEachField(object, at, errors, [&](std::string_view key, od::value v) {
        const FieldAt here{&at, key};
        if (key == "symbol")
            return once(seen, kSymbolBit, here, errors) && readString(v, position.symbol, here, errors);
        if (key == "positionSide")
            return once(seen, kSideBit, here, errors) && readString(v, position.positionSide, here, errors);
        if (key == "updateTime")
            return once(seen, kUpdateBit, here, errors)
                   && readInteger(v, position.updateTime, kUpdateTimeRange, here, errors);
        const int i = slotIndex(kPositionSlots, key);
        if (i < 0)
            return true;
        return once(seen, i, here, errors)
               && readDecimal(v, position.*kPositionSlots[i].member, here, errors);
    });
    if (!ok)
        return false;
    for (auto [bit, name] : {std::pair{kSymbolBit, "symbol"}, std::pair{kSideBit, "positionSide"}}) {
        if (!seen.has(bit)) {
            at.field = name;
            return errors.fail(at, u"missing field"_s);
        }
    }
    return requireSlots(kPositionSlots, seen, at, errors);
}

template <typename Fn>
bool forEachElement(od::value value, Location at, Errors& errors, Fn&& onElement)
{
    od::array array;
    if (value.get_array().get(array))
        return errors.fail(at, u"expected an array"_s);
    qsizetype index = 0;
    for (auto elementResult : array) {
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

bool parseAccount(const QByteArray& body, AccountSnapshot& snapshot, Errors& errors)
{
    const Location root{"account"};
    od::document doc;
    if (!openDocument(body, root, errors, doc))
        return false;
    od::object object;
    if (auto err = doc.get_object().get(object))
        return err == simdjson::INCORRECT_TYPE ? errors.fail(root, u"expected a JSON object"_s)
                                               : errors.failJson(root, err);
    Seen seen;
    constexpr int kAssetsBit = 40;
    constexpr int kPositionsBit = 41;
    const bool ok = forEachField(object, root, errors, [&](std::string_view key, od::value v) {
        const FieldAt here{&root, key};
        if (key == "assets") {
            return once(seen, kAssetsBit, here, errors)
                   && forEachElement(v, Location{"account", "assets"}, errors, [&](od::value e, qsizetype i) {
                          snapshot.assets.emplace_back();
                          return parseAsset(e, i, snapshot.assets.back(), errors);
                      });
        }
        if (key == "positions") {
            return once(seen, kPositionsBit, here, errors)
                   && forEachElement(v, Location{"account", "positions"}, errors,
                                     [&](od::value e, qsizetype i) {
                                         snapshot.positions.emplace_back();
                                         return parsePosition(e, i, snapshot.positions.back(), errors);
                                     });
        }
        const int i = slotIndex(kTotalsSlots, key);
        if (i < 0)
            return true;
        return once(seen, i, here, errors)
               && readDecimal(v, snapshot.totals.*kTotalsSlots[i].member, here, errors);
    });
    if (!ok || !requireEnd(doc, root, errors))
        return false;
    if (!requireSlots(kTotalsSlots, seen, root, errors))
        return false;
    for (auto [bit, name] : {std::pair{kAssetsBit, "assets"}, std::pair{kPositionsBit, "positions"}}) {
        if (!seen.has(bit)) {
            Location at = root;
            at.field = name;
            return errors.fail(at, u"missing field"_s);
        }
    }
    return true;
}

struct RiskEntry
{
    QString symbol; // interned, like the account's: comparing equal ones is cheap
    QString positionSide;
    std::optional<Decimal> entryPrice;
    std::optional<Decimal> breakEvenPrice;
    std::optional<Decimal> markPrice;
    std::optional<Decimal> liquidationPrice;
};

bool parsePositionRisk(const QByteArray& body, std::vector<RiskEntry>& out, Errors& errors)
{
    const Location root{"positionRisk"};
    od::document doc;
    if (!openDocument(body, root, errors, doc))
        return false;
    od::array array;
    if (auto err = doc.get_array().get(array))
        return err == simdjson::INCORRECT_TYPE ? errors.fail(root, u"expected a JSON array"_s)
                                               : errors.failJson(root, err);
    qsizetype index = 0;
    for (auto elementResult : array) {
        Location at{"positionRisk", "", index};
        od::value element;
        if (auto err = std::move(elementResult).get(element))
            return errors.failJson(at, err);
        od::object object;
        if (element.get_object().get(object))
            return errors.fail(at, u"expected an object"_s);
        RiskEntry entry;
        Seen seen;
        const bool ok = forEachField(object, at, errors, [&](std::string_view key, od::value v) {
            const FieldAt here{&at, key};
            if (key == "symbol")
                return once(seen, 0, here, errors) && readString(v, entry.symbol, here, errors);
            if (key == "positionSide")
                return once(seen, 1, here, errors) && readString(v, entry.positionSide, here, errors);
            if (key == "entryPrice")
                return once(seen, 2, here, errors) && readOptionalDecimal(v, entry.entryPrice, here, errors);
            if (key == "breakEvenPrice")
                return once(seen, 3, here, errors)
                       && readOptionalDecimal(v, entry.breakEvenPrice, here, errors);
            if (key == "markPrice")
                return once(seen, 4, here, errors) && readOptionalDecimal(v, entry.markPrice, here, errors);
            if (key == "liquidationPrice")
                return once(seen, 5, here, errors)
                       && readOptionalDecimal(v, entry.liquidationPrice, here, errors);
            return true;
        });
        if (!ok)
            return false;
        if (entry.symbol.isEmpty() || entry.positionSide.isEmpty()) {
            at.field = entry.symbol.isEmpty() ? "symbol" : "positionSide";
            return errors.fail(at, u"missing field"_s);
        }
        out.push_back(std::move(entry));
        ++index;
    }
    return requireEnd(doc, root, errors);
}

bool parseAccountConfig(const QByteArray& body, AccountSnapshot& snapshot, Errors& errors)
{
    const Location root{"accountConfig"};
    od::document doc;
    if (!openDocument(body, root, errors, doc))
        return false;
    od::object object;
    if (auto err = doc.get_object().get(object))
        return err == simdjson::INCORRECT_TYPE ? errors.fail(root, u"expected a JSON object"_s)
                                               : errors.failJson(root, err);
    std::optional<bool> multi;
    std::optional<bool> dual;
    const bool ok = forEachField(object, root, errors, [&](std::string_view key, od::value v) {
        const FieldAt here{&root, key};
        std::optional<bool>* target = key == "multiAssetsMargin"  ? &multi
                                      : key == "dualSidePosition" ? &dual
                                                                  : nullptr;
        if (!target)
            return true;
        if (target->has_value())
            return errors.fail(here, u"duplicate field"_s);
        bool flag = false;
        if (!readBool(v, flag, here, errors))
            return false;
        *target = flag;
        return true;
    });
    if (!ok || !requireEnd(doc, root, errors))
        return false;
    if (!multi || !dual) {
        Location at = root;
        at.field = multi ? "dualSidePosition" : "multiAssetsMargin";
        return errors.fail(at, u"missing field"_s);
    }
    snapshot.accountMode = *multi ? AccountMode::MultiAssets : AccountMode::SingleAsset;
    snapshot.positionMode = *dual ? PositionMode::Hedge : PositionMode::OneWay;
    return true;
}

struct SymbolSettings
{
    QString symbol;
    int leverage = 0;
    QString marginType;
};

bool parseSymbolConfig(const QByteArray& body, QList<SymbolSettings>& out, Errors& errors)
{
    const Location root{"symbolConfig"};
    od::document doc;
    if (!openDocument(body, root, errors, doc))
        return false;
    od::array array;
    if (auto err = doc.get_array().get(array))
        return err == simdjson::INCORRECT_TYPE ? errors.fail(root, u"expected a JSON array"_s)
                                               : errors.failJson(root, err);
    qsizetype index = 0;
    for (auto elementResult : array) {
        Location at{"symbolConfig", "", index};
        od::value element;
        if (auto err = std::move(elementResult).get(element))
            return errors.failJson(at, err);
        od::object object;
        if (element.get_object().get(object))
            return errors.fail(at, u"expected an object"_s);
        SymbolSettings settings;
        Seen seen;
        const bool ok = forEachField(object, at, errors, [&](std::string_view key, od::value v) {
            const FieldAt here{&at, key};
            if (key == "symbol")
                return once(seen, 0, here, errors) && readString(v, settings.symbol, here, errors);
            if (key == "marginType")
                return once(seen, 1, here, errors) && readString(v, settings.marginType, here, errors);
            if (key == "leverage") {
                qint64 leverage = 0;
                if (!once(seen, 2, here, errors) || !readInteger(v, leverage, kLeverageRange, here, errors))
                    return false;
                settings.leverage = static_cast<int>(leverage); // within kLeverageRange
            }
            return true;
        });
        if (!ok)
            return false;
        if (settings.symbol.isEmpty()) {
            at.field = "symbol";
            return errors.fail(at, u"missing field"_s);
        }
        out.push_back(std::move(settings));
        ++index;
    }
    return requireEnd(doc, root, errors);
}

} // namespace

namespace {

bool sameSide(const Position& position, const RiskEntry& entry)
{
    return position.symbol == entry.symbol && position.positionSide == entry.positionSide;
}

QString sideText(const QString& symbol, const QString& side)
{
    return u"("_s + symbol + u' ' + side + u')';
}

// A row listed twice would show twice and be exported twice; which copy is right cannot be known.
bool requireUniqueAssets(const QList<AssetBalance>& assets, Errors& errors)
{
    QSet<QString> names;
    names.reserve(assets.size());
    for (qsizetype i = 0; i < assets.size(); ++i) {
        const QString& name = assets.at(i).asset;
        if (names.contains(name))
            return errors.fail(Location{"account", "assets", i}, u"asset listed twice ("_s + name + u')');
        names.insert(name);
    }
    return true;
}

bool requireUniquePositions(const QList<Position>& positions, Errors& errors)
{
    QSet<std::pair<QString, QString>> keys;
    keys.reserve(positions.size());
    for (qsizetype i = 0; i < positions.size(); ++i) {
        const Position& p = positions.at(i);
        std::pair<QString, QString> key{p.symbol, p.positionSide};
        if (keys.contains(key))
            return errors.fail(Location{"account", "positions", i},
                               u"position listed twice "_s + sideText(p.symbol, p.positionSide));
        keys.insert(std::move(key));
    }
    return true;
}

// The same (symbol, side) sequence as the last good parse, which was checked to hold no repeat.
bool samePositionKeys(const QList<Position>& a, const QList<Position>& b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a.at(i).symbol != b.at(i).symbol || a.at(i).positionSide != b.at(i).positionSide)
            return false;
    }
    return true;
}

// positionRisk usually lists the positions in the account's order, so a cursor finds nearly every
// entry at once; a hash over (symbol, side) is built only when the orders disagree, or when entries
// are left over, which is also when it has to look for an entry listed twice.
bool joinPositionRisk(QList<Position>& positions, const std::vector<RiskEntry>& risk, Errors& errors)
{
    QHash<std::pair<QString, QString>, size_t> byKey;
    const auto index = [&] {
        byKey.reserve(static_cast<qsizetype>(risk.size()));
        for (size_t i = 0; i < risk.size(); ++i) {
            const qsizetype before = byKey.size();
            byKey.insert({risk[i].symbol, risk[i].positionSide}, i);
            if (byKey.size() == before)
                return errors.fail(Location{"positionRisk", "", qsizetype(i)},
                                   u"position listed twice "_s
                                       + sideText(risk[i].symbol, risk[i].positionSide));
        }
        return true;
    };
    size_t cursor = 0;
    bool indexed = false;
    for (Position& position : positions) {
        size_t at = risk.size();
        if (cursor < risk.size() && sameSide(position, risk[cursor])) {
            at = cursor++;
        } else {
            if (!indexed) {
                indexed = true;
                if (!index())
                    return false;
            }
            const auto found = byKey.constFind({position.symbol, position.positionSide});
            if (found == byKey.cend())
                continue;
            at = *found;
            cursor = at + 1;
        }
        const RiskEntry& entry = risk[at];
        position.entryPrice = entry.entryPrice;
        position.breakEvenPrice = entry.breakEvenPrice;
        position.markPrice = entry.markPrice;
        position.liquidationPrice = entry.liquidationPrice;
    }
    // Without the index every position was matched in order; if that used up every entry, none can
    // repeat (positions do not), otherwise the leftovers must be checked.
    return indexed || cursor == risk.size() || index();
}

// Whether a body stops inside a string or before its last object or array is closed. Only asked once
// a body failed to parse, so that a cut-short answer is named as such whatever simdjson tripped on.
bool endsEarly(const QByteArray& body)
{
    const QByteArray start = body.left(16).trimmed();
    if (!start.startsWith('{') && !start.startsWith('['))
        return false; // not JSON at all: the first check's message says what it is
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const char c = body.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return inString || depth > 0;
}

// `last` is the last good parse, whose rows were checked not to repeat.
SnapshotParseResult parseUncached(const SnapshotInputs& inputs, const AccountSnapshot* last)
{
    SnapshotParseResult result;
    Errors errors;
    AccountSnapshot snapshot;
    snapshot.takenAt = inputs.takenAt;
    interner().beginParse();

    const auto failed = [&](SnapshotBody body) {
        static constexpr const char* kNames[] = {"account", "positionRisk", "accountConfig", "symbolConfig"};
        const QByteArray& text = body == SnapshotBody::Account         ? inputs.account
                                 : body == SnapshotBody::PositionRisk  ? *inputs.positionRisk
                                 : body == SnapshotBody::AccountConfig ? *inputs.accountConfig
                                                                       : *inputs.symbolConfig;
        result.error = endsEarly(text) ? QString::fromLatin1(kNames[int(body)]) + u": "_s + endsEarlyMessage()
                                       : errors.message();
        result.failedBody = body;
        return result;
    };
    if (!parseAccount(inputs.account, snapshot, errors) || !requireUniqueAssets(snapshot.assets, errors))
        return failed(SnapshotBody::Account);
    // The usual poll lists the same positions as the last one: comparing in order is cheaper than hashing.
    if (!(last && samePositionKeys(snapshot.positions, last->positions))
        && !requireUniquePositions(snapshot.positions, errors))
        return failed(SnapshotBody::Account);

    if (inputs.accountConfig && !parseAccountConfig(*inputs.accountConfig, snapshot, errors))
        return failed(SnapshotBody::AccountConfig);
    if (snapshot.positionMode == PositionMode::Unknown && !snapshot.positions.isEmpty()) {
        // Without accountConfig the rows still tell: hedge mode lists LONG/SHORT, one-way lists BOTH.
        const bool hedge = std::any_of(snapshot.positions.cbegin(), snapshot.positions.cend(),
                                       [](const Position& p) { return p.positionSide != u"BOTH"_s; });
        snapshot.positionMode = hedge ? PositionMode::Hedge : PositionMode::OneWay;
    }

    if (inputs.positionRisk) {
        std::vector<RiskEntry> risk;
        if (!parsePositionRisk(*inputs.positionRisk, risk, errors)
            || !joinPositionRisk(snapshot.positions, risk, errors))
            return failed(SnapshotBody::PositionRisk);
    }

    if (inputs.symbolConfig) {
        QList<SymbolSettings> symbols;
        if (!parseSymbolConfig(*inputs.symbolConfig, symbols, errors))
            return failed(SnapshotBody::SymbolConfig);
        QHash<QString, qsizetype> bySymbol;
        bySymbol.reserve(symbols.size());
        for (qsizetype i = 0; i < symbols.size(); ++i) {
            if (bySymbol.contains(symbols.at(i).symbol)) {
                errors.fail(Location{"symbolConfig", "", i},
                            u"symbol listed twice ("_s + symbols.at(i).symbol + u')');
                return failed(SnapshotBody::SymbolConfig);
            }
            bySymbol.insert(symbols.at(i).symbol, i);
        }
        for (Position& position : snapshot.positions) {
            const auto it = bySymbol.constFind(position.symbol);
            if (it == bySymbol.cend())
                continue;
            const SymbolSettings& s = symbols.at(*it);
            if (s.leverage > 0)
                position.leverage = s.leverage;
            position.marginType = s.marginType;
        }
    }

    result.snapshot = std::move(snapshot);
    return result;
}

// The last good parse of this thread. An idle account answers every poll with the same bytes; those
// give the same snapshot, so comparing bodies (a memcmp) replaces parsing them, and the snapshot's
// lists stay shared with the previous one, which lets the models skip them too.
struct LastParse
{
    SnapshotInputs inputs;
    AccountSnapshot snapshot;
    bool valid = false;
};

bool sameBodies(const SnapshotInputs& a, const SnapshotInputs& b)
{
    return a.account == b.account && a.positionRisk == b.positionRisk && a.accountConfig == b.accountConfig
           && a.symbolConfig == b.symbolConfig;
}

} // namespace

SnapshotParseResult parseSnapshot(const SnapshotInputs& inputs)
{
    thread_local LastParse last;
    if (last.valid && sameBodies(last.inputs, inputs)) {
        SnapshotParseResult result;
        result.snapshot = last.snapshot;
        result.snapshot->takenAt = inputs.takenAt;
        return result;
    }
    SnapshotParseResult result = parseUncached(inputs, last.valid ? &last.snapshot : nullptr);
    last.valid = result.ok();
    if (last.valid) {
        last.inputs = inputs; // implicitly shared: no copy of the bodies
        last.snapshot = *result.snapshot;
    } else {
        last = LastParse{};
    }
    return result;
}

} // namespace marginwatch
