#include "model/parse/StringInterner.h"

namespace marginwatch::parse {

QString StringInterner::get(std::string_view text)
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

QString StringInterner::lookup(std::string_view text)
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

} // namespace marginwatch::parse
