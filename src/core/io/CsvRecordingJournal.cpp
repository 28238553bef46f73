#include "io/CsvRecordingJournal.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <utility>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr QByteArrayView kMagic = "marginwatch-recording";
constexpr int kDigits = 19; // any qint64 file size

QString displayPath(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

CsvRecordingJournal::CsvRecordingJournal(QString path)
    : m_path(std::move(path))
{}

CsvRecordingJournal::~CsvRecordingJournal()
{
    abandon();
}

QString CsvRecordingJournal::pathForStem(const QString& stem)
{
    return stem + u".recording"_s;
}

QByteArray CsvRecordingJournal::encode(const CsvFileSizes& sizes)
{
    QByteArray line = kMagic.toByteArray();
    for (const qint64 size : sizes)
        line += ' ' + QByteArray::number(size).rightJustified(kDigits, '0');
    line += '\n';
    return line;
}

std::optional<CsvFileSizes> CsvRecordingJournal::decode(const QByteArray& line)
{
    const QList<QByteArray> parts = line.chopped(line.endsWith('\n') ? 1 : 0).split(' ');
    if (!line.endsWith('\n') || parts.size() != 4 || parts.at(0) != kMagic)
        return std::nullopt;
    CsvFileSizes sizes{};
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        const QByteArray& digits = parts.at(qsizetype(i) + 1);
        bool ok = false;
        sizes[i] = digits.toLongLong(&ok);
        if (!ok || digits.size() != kDigits || sizes[i] < 0)
            return std::nullopt;
    }
    return sizes;
}

Expected<std::optional<CsvFileSizes>> CsvRecordingJournal::acquire()
{
    abandon();
    const int fd = ::open(QFile::encodeName(m_path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0)
        return failure(u"cannot open %1: %2"_s.arg(displayPath(m_path), qt_error_string(errno)));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        ::close(fd);
        if (error == EWOULDBLOCK) {
            return failure(u"%1 is locked: another marginwatch is recording to the same STEM"_s.arg(
                displayPath(m_path)));
        }
        return failure(u"cannot lock %1: %2"_s.arg(displayPath(m_path), qt_error_string(error)));
    }
    m_fd = fd;

    const qsizetype expected = encode({}).size();
    QByteArray content(expected + 1, '\0');
    const ssize_t got = ::pread(m_fd, content.data(), std::size_t(content.size()), 0);
    if (got < 0) {
        const QString reason = qt_error_string(errno);
        abandon();
        return failure(u"cannot read %1: %2"_s.arg(displayPath(m_path), reason));
    }
    if (got == 0)
        return std::optional<CsvFileSizes>(); // new: the last run, if any, ended cleanly
    content.truncate(got);
    std::optional<CsvFileSizes> sizes = decode(content);
    if (!sizes) {
        abandon(); // someone else's file: left as it is
        return failure(u"%1 is not a marginwatch recording journal; not touching the CSV files "
                       "(move it away if it is yours)"_s.arg(displayPath(m_path)));
    }
    return sizes;
}

Expected<void> CsvRecordingJournal::write(const CsvFileSizes& sizes)
{
    if (m_fd < 0)
        return failure(u"%1 is not open"_s.arg(displayPath(m_path)));
    const QByteArray line = encode(sizes);
    const ssize_t written = ::pwrite(m_fd, line.constData(), std::size_t(line.size()), 0);
    if (written != line.size()) {
        return failure(u"cannot write %1: %2"_s.arg(displayPath(m_path),
                                                    written < 0 ? qt_error_string(errno) : u"short write"_s));
    }
    return {};
}

void CsvRecordingJournal::release()
{
    if (m_fd < 0)
        return;
    // Removed while still locked: a recorder starting now either fails to lock the old inode or
    // creates a new file.
    ::unlink(QFile::encodeName(m_path).constData());
    abandon();
}

void CsvRecordingJournal::abandon()
{
    if (m_fd < 0)
        return;
    ::close(m_fd);
    m_fd = -1;
}

} // namespace marginwatch
