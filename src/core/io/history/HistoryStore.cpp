#include "io/history/HistoryStore.h"

#include "io/CsvFileSetCommit.h"
#include "io/history/DamagedDatabaseFile.h"
#include "io/history/HistorySchema.h"
#include "io/history/HistoryWriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QThread>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

// Reads run on the GUI thread: a database locked by another process must not freeze it.
constexpr int kReaderBusyTimeoutMs = 250;
constexpr int kPruneIntervalMs = 60 * 60 * 1000;
constexpr int kPruneFirstDelayMs = 30 * 1000;

} // namespace

HistoryStore::HistoryStore(QObject* parent)
    : QObject(parent)
{
    m_pruneTimer.setInterval(kPruneIntervalMs);
    connect(&m_pruneTimer, &QTimer::timeout, this, &HistoryStore::pruneNow);
}

HistoryStore::~HistoryStore()
{
    close();
}

QString HistoryStore::defaultDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/history.sqlite"_s;
}

bool HistoryStore::open(const QString& databasePath)
{
    close();
    m_path = databasePath.isEmpty() ? defaultDatabasePath() : databasePath;
    m_error.clear();
    m_notice.clear();
    m_replacedThisSession = false;
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath())) {
        fail(tr("History is off: cannot create the folder %1.")
                 .arg(QDir::toNativeSeparators(info.absolutePath())));
        return false;
    }
    if (isNotSqliteDatabase(m_path)) {
        const SqlFailure damage{tr("The history database %1 is damaged (it is not a database).")
                                    .arg(QDir::toNativeSeparators(m_path)),
                                true};
        if (!replaceDamaged(damage))
            return false;
    }
    SqlResult<void> opened = openReader();
    if (!opened && opened.error().damaged && !m_replacedThisSession) {
        if (!replaceDamaged(opened.error()))
            return false;
        opened = openReader();
    }
    if (!opened) {
        fail(tr("History is off: %1").arg(opened.error().message));
        return false;
    }
    m_enabled = true;
    startWriter();
    Q_EMIT enabledChanged(true);
    m_pruneTimer.start();
    QTimer::singleShot(kPruneFirstDelayMs, this, [this] {
        if (m_enabled)
            pruneNow();
    });
    return true;
}

SqlResult<void> HistoryStore::openReader()
{
    m_reader.reset();
    SqlResult<std::unique_ptr<HistoryConnection>> reader =
        HistoryConnection::open(m_path, kReaderBusyTimeoutMs);
    if (!reader)
        return failure(reader.error());
    // The schema is settled here, once, before the writer opens its own connection.
    if (SqlResult<void> schema = HistorySchema::ensure(**reader); !schema)
        return schema;
    m_reader = std::move(*reader);
    return {};
}

bool HistoryStore::replaceDamaged(const SqlFailure& damage)
{
    stopWriter();
    m_reader.reset();
    const Expected<QString> moved = moveDamagedDatabaseAside(m_path, QDateTime::currentDateTime());
    if (!moved) {
        fail(tr("History is off: %1 It could not be moved aside: %2").arg(damage.message, moved.error()));
        return false;
    }
    m_replacedThisSession = true; // a new file that is damaged at once is not moved again and again
    m_notice = tr("The history database was damaged. It was moved to %1 and a new one was started.")
                   .arg(QDir::toNativeSeparators(*moved));
    Q_EMIT databaseReplaced(m_notice);
    return true;
}

void HistoryStore::startWriter()
{
    m_writerThread = new QThread(this);
    m_writerThread->setObjectName(u"marginwatch-history-writer"_s);
    m_writer = new HistoryWriter(m_path);
    m_writer->moveToThread(m_writerThread);
    // Queued: the writer's signals arrive on this thread. A generation number keeps a stopped
    // writer's late reports from reaching its successor.
    const int generation = ++m_writerGeneration;
    connect(m_writer, &HistoryWriter::recorded, this, &HistoryStore::recorded);
    connect(m_writer, &HistoryWriter::pruneFinished, this, &HistoryStore::pruneFinished);
    connect(m_writer, &HistoryWriter::failed, this, [this, generation](const QString& message, bool damaged) {
        if (generation == m_writerGeneration)
            onWriterFailed(message, damaged);
    });
    m_writerThread->start();
    HistoryWriter* writer = m_writer;
    QMetaObject::invokeMethod(
        writer, [writer] { writer->open(); }, Qt::QueuedConnection);
}

void HistoryStore::stopWriter()
{
    if (!m_writer)
        return;
    ++m_writerGeneration;
    HistoryWriter* writer = m_writer;
    // Runs after every job queued before it: nothing recorded so far is lost.
    QMetaObject::invokeMethod(
        writer, [writer] { writer->close(); }, Qt::BlockingQueuedConnection);
    m_writerThread->quit();
    m_writerThread->wait();
    delete m_writer;
    m_writer = nullptr;
    delete m_writerThread;
    m_writerThread = nullptr;
}

void HistoryStore::close()
{
    m_pruneTimer.stop();
    stopWriter();
    m_reader.reset();
    const bool wasEnabled = m_enabled;
    m_enabled = false;
    if (wasEnabled)
        Q_EMIT enabledChanged(false);
}

void HistoryStore::fail(const QString& message)
{
    m_error = message;
    m_pruneTimer.stop();
    stopWriter();
    m_reader.reset();
    const bool wasEnabled = m_enabled;
    m_enabled = false;
    Q_EMIT errorOccurred(message);
    if (wasEnabled)
        Q_EMIT enabledChanged(false);
}

void HistoryStore::onWriterFailed(const QString& message, bool damaged)
{
    if (damaged && !m_replacedThisSession) {
        if (!replaceDamaged(SqlFailure{message, true}))
            return;
        if (SqlResult<void> reopened = openReader(); !reopened) {
            fail(tr("History is off: %1").arg(reopened.error().message));
            return;
        }
        startWriter();
        return;
    }
    fail(tr("History is off: %1").arg(message));
}

template <typename T>
std::optional<T> HistoryStore::read(SqlResult<T> result)
{
    if (result)
        return std::move(*result);
    if (result.error().damaged && !m_replacedThisSession) {
        onWriterFailed(result.error().message, true); // same recovery as for a write
        return std::nullopt;
    }
    fail(tr("History is off: %1").arg(result.error().message));
    return std::nullopt;
}

void HistoryStore::setAccount(const HistoryAccount& account)
{
    if (account.sameAccount(m_account) && account.name == m_account.name)
        return;
    m_account = account;
    Q_EMIT accountChanged(m_account);
}

void HistoryStore::setRetentionDays(int days)
{
    m_retentionDays = qMax(0, days);
    if (m_enabled)
        QTimer::singleShot(0, this, &HistoryStore::pruneNow);
}

void HistoryStore::record(const AccountSnapshot& snapshot)
{
    recordFor(m_account, snapshot);
}

void HistoryStore::recordFor(const HistoryAccount& account, const AccountSnapshot& snapshot)
{
    if (!m_enabled || !m_writer || !account.isValid() || !snapshot.isValid())
        return;
    HistoryWriter* writer = m_writer;
    // Copies are cheap: the snapshot's lists are implicitly shared, not copied.
    QMetaObject::invokeMethod(
        writer, [writer, account, snapshot] { writer->record(account, snapshot); }, Qt::QueuedConnection);
}

void HistoryStore::pruneNow()
{
    if (!m_enabled || !m_writer || m_retentionDays <= 0)
        return;
    const qint64 cutoffMs = QDateTime::currentDateTimeUtc().addDays(-m_retentionDays).toMSecsSinceEpoch();
    HistoryWriter* writer = m_writer;
    QMetaObject::invokeMethod(
        writer, [writer, cutoffMs] { writer->prune(cutoffMs); }, Qt::QueuedConnection);
}

void HistoryStore::waitForWrites()
{
    if (m_writer)
        QMetaObject::invokeMethod(
            m_writer, [] {}, Qt::BlockingQueuedConnection);
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

std::optional<qint64> HistoryStore::accountId(const HistoryAccount& account)
{
    if (!m_enabled || !m_reader)
        return std::nullopt;
    return read(HistoryQueries::accountId(*m_reader, account)).value_or(std::nullopt);
}

QList<StoredHistoryAccount> HistoryStore::accounts()
{
    if (!m_enabled || !m_reader)
        return {};
    return read(HistoryQueries::accounts(*m_reader)).value_or(QList<StoredHistoryAccount>());
}

QList<HistoryPoint> HistoryStore::series(qint64 accountId, const QDateTime& from, const QDateTime& to,
                                         int maxPoints)
{
    if (!m_enabled || !m_reader)
        return {};
    return read(HistoryQueries::series(*m_reader, accountId, from, to, maxPoints))
        .value_or(QList<HistoryPoint>());
}

int HistoryStore::snapshotCount(qint64 accountId, const QDateTime& from, const QDateTime& to)
{
    if (!m_enabled || !m_reader)
        return 0;
    return read(HistoryQueries::snapshotCount(*m_reader, accountId, from, to)).value_or(0);
}

std::optional<QDateTime> HistoryStore::firstSnapshotTime(qint64 accountId)
{
    if (!m_enabled || !m_reader)
        return std::nullopt;
    return read(HistoryQueries::firstSnapshotTime(*m_reader, accountId)).value_or(std::nullopt);
}

std::optional<QDateTime> HistoryStore::lastSnapshotTime(qint64 accountId)
{
    if (!m_enabled || !m_reader)
        return std::nullopt;
    return read(HistoryQueries::lastSnapshotTime(*m_reader, accountId)).value_or(std::nullopt);
}

Expected<void> HistoryStore::exportRange(qint64 accountId, QIODevice* totals, QIODevice* assets,
                                         QIODevice* positions, const QDateTime& from, const QDateTime& to)
{
    if (!m_enabled || !m_reader)
        return failure(m_error.isEmpty() ? tr("History is off.") : m_error);
    // A file that cannot be written is not a database problem: the store stays on.
    const SqlResult<void> exported =
        HistoryQueries::exportRange(*m_reader, accountId, {totals, assets, positions}, from, to);
    if (!exported)
        return failure(exported.error().message);
    return {};
}

Expected<void> HistoryStore::exportRange(qint64 accountId, const QString& stem, const QDateTime& from,
                                         const QDateTime& to)
{
    return commitCsvFileSet(stem, [&](const std::array<QIODevice*, 3>& devices) -> Expected<void> {
        const Expected<void> exported = exportRange(accountId, devices[0], devices[1], devices[2], from, to);
        if (!exported) {
            return failure(
                tr("cannot export to %1: %2").arg(QDir::toNativeSeparators(stem), exported.error()));
        }
        return {};
    });
}

} // namespace marginwatch
