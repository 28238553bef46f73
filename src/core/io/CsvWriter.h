#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

class QIODevice;

namespace marginwatch {

// RFC 4180 CSV, UTF-8, "\n" line ends (the CSV contract in design.md).
//
// Rows are encoded to bytes first and written with one call, so a file never holds half a row
// because of how this class writes (appenders rely on this, see SnapshotCsvAppender).
class CsvWriter
{
public:
    explicit CsvWriter(QIODevice* device);

    // A field is quoted only when it must be: it contains ',', '"', CR or LF. Quotes are doubled.
    static QByteArray encodeField(QStringView field);
    // The fields joined with ',' and terminated by "\n".
    static QByteArray encodeRow(const QStringList& fields);
    static QByteArray encodeRows(const QList<QStringList>& rows);
    // The same, appended to `out`.
    static void appendField(QByteArray& out, QStringView field);
    static void appendRow(QByteArray& out, const QStringList& fields);

    // False (and errorString()) when the device refused the bytes or took only part of them.
    bool writeRow(const QStringList& fields);
    bool writeRows(const QList<QStringList>& rows);
    bool writeBytes(const QByteArray& bytes);

    QString errorString() const { return m_error; }

private:
    QIODevice* m_device;
    QString m_error;
};

} // namespace marginwatch
