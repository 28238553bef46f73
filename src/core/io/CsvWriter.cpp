#include "io/CsvWriter.h"

#include <QIODevice>

using namespace Qt::StringLiterals;

namespace marginwatch {

CsvWriter::CsvWriter(QIODevice* device)
    : m_device(device)
{}

QByteArray CsvWriter::encodeField(QStringView field)
{
    const bool mustQuote =
        field.contains(u',') || field.contains(u'"') || field.contains(u'\r') || field.contains(u'\n');
    QByteArray utf8 = field.toUtf8();
    if (!mustQuote)
        return utf8;
    utf8.replace('"', "\"\"");
    utf8.prepend('"');
    utf8.append('"');
    return utf8;
}

QByteArray CsvWriter::encodeRow(const QStringList& fields)
{
    QByteArray line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line.append(',');
        line.append(encodeField(fields.at(i)));
    }
    line.append('\n');
    return line;
}

QByteArray CsvWriter::encodeRows(const QList<QStringList>& rows)
{
    QByteArray bytes;
    for (const QStringList& row : rows)
        bytes.append(encodeRow(row));
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
