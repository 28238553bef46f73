#include "io/CsvWriter.h"

#include <QIODevice>

using namespace Qt::StringLiterals;

namespace marginwatch {

CsvWriter::CsvWriter(QIODevice* device)
    : m_device(device)
{}

QByteArray CsvWriter::encodeField(QStringView field)
{
    QByteArray bytes;
    appendField(bytes, field);
    return bytes;
}

void CsvWriter::appendField(QByteArray& out, QStringView field)
{
    // Nearly every field (decimals, times, symbols) is plain ASCII that needs no quotes: copy it
    // straight in, without a UTF-8 conversion or a temporary per field.
    const char16_t* text = field.utf16();
    const qsizetype size = field.size();
    qsizetype plain = 0;
    while (plain < size) {
        const char16_t c = text[plain];
        if (c >= 0x80 || c == u',' || c == u'"' || c == u'\r' || c == u'\n')
            break;
        ++plain;
    }
    if (plain == size) {
        const qsizetype at = out.size();
        out.resize(at + size);
        char* to = out.data() + at;
        for (qsizetype i = 0; i < size; ++i)
            to[i] = char(text[i]);
        return;
    }
    const bool mustQuote =
        field.contains(u',') || field.contains(u'"') || field.contains(u'\r') || field.contains(u'\n');
    QByteArray utf8 = field.toUtf8();
    if (!mustQuote) {
        out.append(utf8);
        return;
    }
    utf8.replace('"', "\"\"");
    out.append('"');
    out.append(utf8);
    out.append('"');
}

void CsvWriter::appendRow(QByteArray& out, const QStringList& fields)
{
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out.append(',');
        appendField(out, fields.at(i));
    }
    out.append('\n');
}

QByteArray CsvWriter::encodeRow(const QStringList& fields)
{
    QByteArray line;
    appendRow(line, fields);
    return line;
}

QByteArray CsvWriter::encodeRows(const QList<QStringList>& rows)
{
    QByteArray bytes;
    if (!rows.isEmpty())
        bytes.reserve(rows.size() * rows.constFirst().size() * 12); // a typical field and its comma
    for (const QStringList& row : rows)
        appendRow(bytes, row);
    return bytes;
}

bool CsvWriter::writeRow(const QStringList& fields)
{
    return writeBytes(encodeRow(fields));
}

bool CsvWriter::writeRows(const QList<QStringList>& rows)
{
    return writeBytes(encodeRows(rows));
}

bool CsvWriter::writeBytes(const QByteArray& bytes)
{
    if (!m_device || !m_device->isWritable()) {
        m_error = u"the output is not open for writing"_s;
        return false;
    }
    if (bytes.isEmpty())
        return true;
    const qint64 written = m_device->write(bytes);
    if (written != bytes.size()) {
        m_error = m_device->errorString();
        if (m_error.isEmpty() || m_error == u"Unknown error"_s)
            m_error = u"short write (%1 of %2 bytes)"_s.arg(written).arg(bytes.size());
        return false;
    }
    return true;
}

} // namespace marginwatch
