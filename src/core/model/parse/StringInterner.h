#pragma once

#include <QString>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace marginwatch::parse {

// Every string the parser keeps is an identifier (asset, symbol, side, margin type) repeated poll
// after poll: the same QString is handed out again, so a poll allocates and frees none of them and
// the models' comparisons of equal strings are pointer-cheap.
class StringInterner
{
public:
    // A parse asks for the same strings in the same order as the one before (the API's order is
    // stable): checking the string asked for at the same step last time is a short memcmp, where the
    // table costs a hash; the table answers whatever differs.
    void beginParse() { m_step = 0; }
    QString get(std::string_view text);

private:
    struct TransparentHash
    {
        using is_transparent = void;
        size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };

    QString lookup(std::string_view text);

    static constexpr size_t kMaxEntries = 20000; // bounds memory if an endpoint sends changing strings
    std::unordered_map<std::string, QString, TransparentHash, std::equal_to<>> m_table;
    std::vector<std::pair<std::string, QString>> m_sequence;
    size_t m_step = 0;
};

} // namespace marginwatch::parse
