#include "sim/SimListenKeys.h"

#include <QRandomGenerator>

namespace marginwatch {

namespace {

QString newKey()
{
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString out;
    for (int i = 0; i < 64; ++i)
        out += QLatin1Char(
            kAlphabet[QRandomGenerator::system()->bounded(static_cast<int>(sizeof(kAlphabet) - 1))]);
    return out;
}

} // namespace

SimListenKeys::Issued SimListenKeys::open(int accountId, qint64 nowMs, qint64 lifetimeMs)
{
    const QString live = current(accountId, nowMs);
    if (!live.isEmpty()) {
        Entry& entry = m_keys[live];
        if (!entry.forced)
            entry.expiresAt = nowMs + lifetimeMs;
        return {live, false, m_created};
    }
    close(accountId); // an expired key not yet collected
    const QString key = newKey();
    m_keys.insert(key, Entry{accountId, nowMs + lifetimeMs, false});
    m_byAccount.insert(accountId, key);
    return {key, true, ++m_created};
}

bool SimListenKeys::keepAlive(int accountId, qint64 nowMs, qint64 lifetimeMs)
{
    const QString live = current(accountId, nowMs);
    if (live.isEmpty())
        return false;
    Entry& entry = m_keys[live];
    if (!entry.forced)
        entry.expiresAt = nowMs + lifetimeMs;
    return true;
}

QString SimListenKeys::close(int accountId)
{
    const QString key = m_byAccount.take(accountId);
    m_keys.remove(key);
    return key;
}

void SimListenKeys::forceExpiry(const QString& key, qint64 atMs)
{
    const auto it = m_keys.find(key);
    if (it != m_keys.end()) {
        it->expiresAt = atMs;
        it->forced = true;
    }
}

std::optional<int> SimListenKeys::accountOf(const QString& key, qint64 nowMs) const
{
    const auto it = m_keys.constFind(key);
    if (it == m_keys.cend() || it->expiresAt <= nowMs)
        return std::nullopt;
    return it->accountId;
}

QString SimListenKeys::current(int accountId, qint64 nowMs) const
{
    const QString key = m_byAccount.value(accountId);
    return accountOf(key, nowMs) ? key : QString();
}

QList<std::pair<QString, int>> SimListenKeys::takeExpired(qint64 nowMs)
{
    QList<std::pair<QString, int>> expired;
    for (auto it = m_keys.begin(); it != m_keys.end();) {
        if (it->expiresAt <= nowMs) {
            expired.append({it.key(), it->accountId});
            if (m_byAccount.value(it->accountId) == it.key())
                m_byAccount.remove(it->accountId);
            it = m_keys.erase(it);
        } else {
            ++it;
        }
    }
    return expired;
}

qint64 SimListenKeys::nextExpiry() const
{
    qint64 next = std::numeric_limits<qint64>::max();
    for (const Entry& entry : m_keys)
        next = std::min(next, entry.expiresAt);
    return next;
}

} // namespace marginwatch
