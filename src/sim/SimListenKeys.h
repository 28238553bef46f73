#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <limits>
#include <optional>

namespace marginwatch {

// The user-data stream keys of every account, as POST/PUT/DELETE /fapi/v1/listenKey manage them: one
// live key per account; POST returns the live key (extending it) or makes a new one; PUT extends the
// live key; a key nobody extends expires after its lifetime. Time is passed in, so the rules are
// tested without waiting.
class SimListenKeys
{
public:
    struct Issued
    {
        QString key;
        bool created = false; // a new key (false: the live one, extended)
        int number = 0;       // how many keys were created so far, this one included (fault "@N")
    };

    Issued open(int accountId, qint64 nowMs, qint64 lifetimeMs);
    // False when the account has no live key (the exchange's -1125).
    bool keepAlive(int accountId, qint64 nowMs, qint64 lifetimeMs);
    // The removed key ("" when there was none).
    QString close(int accountId);
    // Makes the key expire at `atMs` whatever keep-alives follow (the "expirekey" fault).
    void forceExpiry(const QString& key, qint64 atMs);

    std::optional<int> accountOf(const QString& key, qint64 nowMs) const;
    QString current(int accountId, qint64 nowMs) const;
    // Keys whose time has come, removed, with their accounts.
    QList<std::pair<QString, int>> takeExpired(qint64 nowMs);
    qint64 nextExpiry() const; // max() when there is no key

private:
    struct Entry
    {
        int accountId = 0;
        qint64 expiresAt = 0;
        bool forced = false;
    };
    QHash<QString, Entry> m_keys;
    QHash<int, QString> m_byAccount;
    int m_created = 0;
};

} // namespace marginwatch
