#pragma once

#include "sim/SimFixed.h"

#include <QByteArray>
#include <QList>

namespace marginwatch {

// A tiny ordered JSON writer: the simulator serves fields in the API's order (QJsonObject would sort
// them) and writes numbers exactly as Binance does (decimal strings, bare integers, bare decimals).
// Every text it writes comes from the simulator's own tables and identifiers, never from a request,
// so it needs no escaping beyond what quoted() does for safety.
class SimJsonObject
{
public:
    SimJsonObject& raw(const char* name, const QByteArray& rawValue)
    {
        m_out += (m_first ? "{\"" : ",\"");
        m_out += name;
        m_out += "\":";
        m_out += rawValue;
        m_first = false;
        return *this;
    }
    SimJsonObject& string(const char* name, const QByteArray& text) { return raw(name, quoted(text)); }
    SimJsonObject& money(const char* name, qint64 value, int decimals = SimFixed::kDecimals)
    {
        return raw(name, quoted(SimFixed::format(value, decimals)));
    }
    SimJsonObject& integer(const char* name, qint64 value) { return raw(name, QByteArray::number(value)); }
    SimJsonObject& boolean(const char* name, bool value) { return raw(name, value ? "true" : "false"); }
    QByteArray finish() const { return m_first ? QByteArray("{}") : m_out + '}'; }

    static QByteArray quoted(const QByteArray& text)
    {
        QByteArray out = "\"";
        for (char c : text) {
            if (c == '"' || c == '\\')
                out += '\\';
            if (static_cast<unsigned char>(c) >= 0x20)
                out += c;
        }
        return out + '"';
    }

private:
    QByteArray m_out;
    bool m_first = true;
};

inline QByteArray simJsonArray(const QList<QByteArray>& items)
{
    QByteArray out = "[";
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i)
            out += ',';
        out += items.at(i);
    }
    return out + ']';
}

} // namespace marginwatch
