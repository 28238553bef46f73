#include "io/SnapshotCsvAppender.h"

#include "io/CsvWriter.h"

#include <QDir>

#include <utility>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr std::array kTables{CsvTable::Totals, CsvTable::Assets, CsvTable::Positions};

QString displayPath(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

SnapshotCsvAppender::SnapshotCsvAppender(QString stem)
    : m_stem(std::move(stem))
{}

SnapshotCsvAppender::~SnapshotCsvAppender() = default;

bool SnapshotCsvAppender::open()
{
    close();
    // Check all three first: a refused file must not leave the others half set up.
    std::array<bool, kTables.size()> needsHeader{};
    for (std::size_t i = 0; i < kTables.size(); ++i) {
        const std::optional<bool> fresh = checkExisting(kTables[i]);
        if (!fresh)
            return false;
        needsHeader[i] = *fresh;
    }
    for (std::size_t i = 0; i < kTables.size(); ++i) {
        if (!openTable(i, kTables[i], needsHeader[i])) {
            close();
            return false;
        }
    }
    m_error.clear();
    return true;
}

std::optional<bool> SnapshotCsvAppender::checkExisting(CsvTable table)
{
    const QString path = csvFilePath(m_stem, table);
    QFile existing(path);
    if (!existing.exists() || existing.size() == 0)
        return true;
    if (!existing.open(QIODevice::ReadOnly)) {
        m_error = u"cannot read %1: %2"_s.arg(displayPath(path), existing.errorString());
        return std::nullopt;
    }
    const QByteArray header = CsvWriter::encodeRow(csvHeader(table));
    if (existing.readLine(header.size() + 1) != header) {
        m_error = u"%1 already exists with a different header; not appending to it "
                  "(choose another --record STEM or move the file away)"_s.arg(displayPath(path));
        return std::nullopt;
    }
    // A row cut short (disk full, power loss) would glue itself to the next row.
    if (!existing.seek(existing.size() - 1) || existing.read(1) != "\n") {
        m_error = u"%1 ends in an incomplete row; not appending to it"_s.arg(displayPath(path));
        return std::nullopt;
    }
    return false;
}

bool SnapshotCsvAppender::openTable(std::size_t index, CsvTable table, bool writeHeader)
{
    const QString path = csvFilePath(m_stem, table);
    // Unbuffered: every write() below reaches the file at once, one call per poll and file.
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        m_error = u"cannot open %1 for appending: %2"_s.arg(displayPath(path), file->errorString());
        return false;
    }
    if (writeHeader) {
        CsvWriter writer(file.get());
        if (!writer.writeBytes(CsvWriter::encodeRow(csvHeader(table))) || !file->flush()) {
            m_error = u"cannot write %1: %2"_s.arg(displayPath(path), writer.errorString());
            return false;
        }
    }
    m_files[index] = std::move(file);
    return true;
}

bool SnapshotCsvAppender::isOpen() const
{
    return m_files[0] != nullptr;
}

bool SnapshotCsvAppender::append(const AccountSnapshot& snapshot)
{
    if (!isOpen()) {
        m_error = u"the CSV files are not open"_s;
        return false;
    }
    for (std::size_t i = 0; i < kTables.size(); ++i) {
        QFile* file = m_files[i].get();
        CsvWriter writer(file);
        if (!writer.writeBytes(CsvWriter::encodeRows(csvRows(kTables[i], snapshot))) || !file->flush()) {
            m_error = u"cannot append to %1: %2"_s.arg(displayPath(file->fileName()), writer.errorString());
            return false;
        }
    }
    ++m_snapshots;
    return true;
}

void SnapshotCsvAppender::close()
{
    for (auto& file : m_files)
        file.reset();
}

} // namespace marginwatch
