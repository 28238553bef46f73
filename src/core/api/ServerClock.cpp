#include "api/ServerClock.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QtNumeric>

#include <cstdlib>
#include <utility>

using namespace Qt::StringLiterals;

namespace marginwatch {

ServerClock::ServerClock(LocalClock clock, std::chrono::milliseconds refreshPeriod)
    : m_clock(clock ? std::move(clock) : systemClock())
    , m_refreshPeriod(refreshPeriod)
{}

Expected<qint64> ServerClock::applySample(qint64 localSentMs, qint64 serverTimeMs, qint64 localReceivedMs)
{
    // The server read its clock somewhere in the round trip; the midpoint halves the worst-case error.
    const qint64 midpoint = localSentMs + (localReceivedMs - localSentMs) / 2;
    // Both are real epoch times in ms: far from overflowing, but a hostile serverTime need not be.
    qint64 offset = 0;
    if (serverTimeMs <= 0 || qSubOverflow(serverTimeMs, midpoint, &offset)
        || std::llabs(offset) > kMaxPlausibleOffsetMs) {
        const QDateTime server = QDateTime::fromMSecsSinceEpoch(serverTimeMs, Qt::UTC);
        const QString shown = server.isValid() && server.date().year() > 0 && server.date().year() < 10000
                                  ? server.toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s)
                                  : QString::number(serverTimeMs);
        return failure(
            QCoreApplication::translate(
                "ServerClock",
                "time: the server's time (%1) is more than a day away from this computer's clock (%2); either "
                "this computer's date is wrong (turn on automatic time synchronisation) or the base URL is not a "
                "Binance API")
                .arg(shown, QDateTime::fromMSecsSinceEpoch(midpoint, Qt::UTC)
                                .toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s)));
    }
    m_offsetMs = offset;
    m_lastSyncLocalMs = localReceivedMs;
    m_synced = true;
    return m_offsetMs;
}

bool ServerClock::needsSync() const
{
    if (!m_synced)
        return true;
    const qint64 age = m_clock() - m_lastSyncLocalMs;
    // A clock stepped backwards (age < 0) is as suspicious as an old sample.
    return age < 0 || age >= m_refreshPeriod.count();
}

QString ServerClock::describeOffset(qint64 offsetMs)
{
    // Within 50 ms the clocks agree for any purpose the API has.
    if (std::llabs(offsetMs) < 50)
        return QCoreApplication::translate("ServerClock", "local clock agrees with the server");
    const QString seconds = QString::number(static_cast<double>(std::llabs(offsetMs)) / 1000.0, 'f', 1);
    // offset = server - local: positive means the local clock shows an earlier time.
    return offsetMs > 0
               ? QCoreApplication::translate("ServerClock", "local clock is %1 s behind the server")
                     .arg(seconds)
               : QCoreApplication::translate("ServerClock", "local clock is %1 s ahead of the server")
                     .arg(seconds);
}

} // namespace marginwatch
