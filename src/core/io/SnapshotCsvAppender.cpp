#include "io/SnapshotCsvAppender.h"

#include "io/CsvWriter.h"
#include "io/InterruptedSnapshotRepair.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#include <utility>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr std::array kTables{CsvTable::Totals, CsvTable::Assets, CsvTable::Positions};
// Indexes into kTables: the totals row last, as the mark that the snapshot is complete.
constexpr std::array<std::size_t, 3> kWriteOrder{1, 2, 0};

QString displayPath(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

bool isRegularFile(const QString& path)
{
    const QFileInfo info(path);
    return info.exists() && info.isFile();
}

bool isStream(const QString& path)
{
    const QFileInfo info(path);
    return info.exists() && !info.isFile();
}

std::array<QString, 3> filePaths(const QString& stem)
{
    std::array<QString, 3> paths;
    for (std::size_t i = 0; i < kTables.size(); ++i)
        paths[i] = csvFilePath(stem, kTables[i]);
    return paths;
}

// Without a journal there is nothing to repair from: a row cut short is left alone and refused.
Expected<void> checkEndsWithWholeRow(const QString& path)
{
    QFile file(path);
    if (!file.exists() || file.size() == 0)
        return {};
    if (!file.open(QIODevice::ReadOnly) || !file.seek(file.size() - 1))
        return failure(u"cannot read %1: %2"_s.arg(displayPath(path), file.errorString()));
    if (file.read(1) != "\n")
        return failure(u"%1 ends in an incomplete row; not appending to it"_s.arg(displayPath(path)));
    return {};
}

// true: new or empty (needs the header); false: our header, append.
Expected<bool> checkExisting(const QString& path, CsvTable table)
{
    const QFileInfo info(path);
    if (!info.exists() || !info.isFile())
        return true; // a pipe or a device is a stream: it gets the header, nothing is read from it
    if (info.size() == 0)
        return true;
    QFile existing(path);
    if (!existing.open(QIODevice::ReadOnly))
        return failure(u"cannot read %1: %2"_s.arg(displayPath(path), existing.errorString()));
    const QByteArray header = CsvWriter::encodeRow(csvHeader(table));
    if (existing.readLine(header.size() + 1) != header) {
        return failure(u"%1 already exists with a different header; not appending to it "
                       "(choose another --record STEM or move the file away)"_s.arg(displayPath(path)));
    }
    return false;
}

// QFile's own Append mode seeks to the end, which a character device refuses with a warning on
// stderr; O_APPEND asks the kernel to put every write at the end instead, on any kind of file.
Expected<std::unique_ptr<QFile>> openForAppending(const QString& path)
{
    const int fd =
        ::open(QFile::encodeName(path).constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) {
        return failure(u"cannot open %1 for appending: %2"_s.arg(displayPath(path), qt_error_string(errno)));
    }
    auto file = std::make_unique<QFile>(path);
    // Unbuffered: every write() reaches the kernel at once, one call per snapshot and file.
    if (!file->open(fd, QIODevice::WriteOnly | QIODevice::Unbuffered, QFileDevice::AutoCloseHandle)) {
        const QString reason = file->errorString();
        ::close(fd);
        return failure(u"cannot open %1 for appending: %2"_s.arg(displayPath(path), reason));
    }
    return file;
}

// One table's rows of one snapshot, encoded row by row into `out` (no list of rows in between).
void appendRows(QByteArray& out, CsvTable table, const AccountSnapshot& snapshot)
{
    switch (table) {
    case CsvTable::Totals:
        CsvWriter::appendRow(out, totalsCsvRow(snapshot));
        return;
    case CsvTable::Assets: {
        const QString timestamp = csvTimestamp(snapshot.takenAt);
        for (const AssetBalance& asset : snapshot.assets)
            CsvWriter::appendRow(out, assetCsvRow(timestamp, asset));
        return;
    }
    case CsvTable::Positions: {
        const QString timestamp = csvTimestamp(snapshot.takenAt);
        for (const Position& position : snapshot.positions)
            CsvWriter::appendRow(out, positionCsvRow(timestamp, position));
        return;
    }
    }
}

} // namespace

SnapshotCsvAppender::SnapshotCsvAppender(QString stem)
    : m_stem(std::move(stem))
{}

SnapshotCsvAppender::~SnapshotCsvAppender()
{
    close();
}

Expected<void> SnapshotCsvAppender::open()
{
    close();
    m_repairNotice.clear();
    // Check all three first: a refused file must not leave the others half set up.
    std::array<bool, kTables.size()> needsHeader{};
    for (std::size_t i = 0; i < kTables.size(); ++i) {
        const Expected<bool> fresh = checkExisting(csvFilePath(m_stem, kTables[i]), kTables[i]);
        if (!fresh)
            return failure(fresh.error());
        needsHeader[i] = *fresh;
    }
    if (Expected<void> journal = openJournal(); !journal) {
        close();
        return journal;
    }
    for (std::size_t i = 0; i < kTables.size(); ++i) {
        if (Expected<void> opened = openTable(i, kTables[i], needsHeader[i]); !opened) {
            close();
            return opened;
        }
    }
    if (m_journal) {
        if (Expected<void> written = m_journal->write(committedSizes()); !written) {
            close();
            return written;
        }
    }
    return {};
}

Expected<void> SnapshotCsvAppender::openJournal()
{
    const std::array<QString, 3> paths = filePaths(m_stem);
    if (std::any_of(paths.begin(), paths.end(), isStream))
        return {};
    m_journal = std::make_unique<CsvRecordingJournal>(CsvRecordingJournal::pathForStem(m_stem));
    const Expected<std::optional<CsvFileSizes>> left = m_journal->acquire();
    if (!left)
        return failure(left.error());
    if (!*left) {
        for (const QString& path : paths) {
            if (Expected<void> whole = checkEndsWithWholeRow(path); !whole)
                return whole;
        }
        return {};
    }
    const Expected<SnapshotRepairPlan> plan = planSnapshotRepair(paths, **left);
    Expected<void> applied = plan ? applySnapshotRepair(paths, *plan) : failure(plan.error());
    if (!applied) {
        m_journal->abandon(); // what it says is still needed to repair the files
        return applied;
    }
    if (plan->isNeeded())
        m_repairNotice = describeSnapshotRepair(m_stem, *plan);
    return {};
}

CsvFileSizes SnapshotCsvAppender::committedSizes() const
{
    CsvFileSizes sizes{};
    for (std::size_t i = 0; i < sizes.size(); ++i)
        sizes[i] = m_files[i].committedSize;
    return sizes;
}

Expected<void> SnapshotCsvAppender::openTable(std::size_t index, CsvTable table, bool writeHeader)
{
    const QString path = csvFilePath(m_stem, table);
    Expected<std::unique_ptr<QFile>> file = openForAppending(path);
    if (!file)
        return failure(file.error());
    if (writeHeader) {
        CsvWriter writer(file->get());
        if (!writer.writeBytes(CsvWriter::encodeRow(csvHeader(table))))
            return failure(u"cannot write %1: %2"_s.arg(displayPath(path), writer.errorString()));
    }
    m_files[index].committedSize = isRegularFile(path) ? (*file)->size() : -1;
    m_files[index].file = std::move(*file);
    m_files[index].path = path;
    return {};
}

bool SnapshotCsvAppender::isOpen() const
{
    return m_files[0].file != nullptr;
}

Expected<void> SnapshotCsvAppender::append(const AccountSnapshot& snapshot)
{
    if (!isOpen())
        return failure(u"the CSV files are not open"_s);
    std::array<qint64, kTables.size()> written{};
    for (const std::size_t i : kWriteOrder) {
        // One buffer for every poll: its capacity stays, so a large account costs no fresh pages.
        QByteArray& bytes = m_buffer;
        bytes.resize(0);
        appendRows(bytes, kTables[i], snapshot);
        CsvWriter writer(m_files[i].file.get());
        if (!writer.writeBytes(bytes)) {
            const QString error =
                u"cannot append to %1: %2"_s.arg(displayPath(m_files[i].path), writer.errorString());
            m_whole = rollBack();
            return failure(error);
        }
        written[i] = bytes.size();
    }
    for (std::size_t i = 0; i < kTables.size(); ++i) {
        if (m_files[i].committedSize >= 0)
            m_files[i].committedSize += written[i];
    }
    ++m_snapshots;
    if (m_journal) {
        if (Expected<void> journal = m_journal->write(committedSizes()); !journal)
            return journal; // the snapshot is whole; the next one will not be written
    }
    return {};
}

bool SnapshotCsvAppender::rollBack()
{
    bool whole = true;
    for (OpenFile& open : m_files) {
        if (open.file && open.committedSize >= 0 && open.file->size() != open.committedSize)
            whole = open.file->resize(open.committedSize) && whole;
    }
    return whole;
}

void SnapshotCsvAppender::close()
{
    for (OpenFile& open : m_files) {
        open.file.reset();
        open.committedSize = -1;
    }
    // If the files could not be cut back after a failed write, the journal stays for the next run.
    if (m_journal && m_whole)
        m_journal->release();
    m_journal.reset();
    m_whole = true;
}

} // namespace marginwatch
