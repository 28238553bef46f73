#pragma once

#include <QString>
#include <QUrl>

namespace marginwatch {

// Whose history a stored poll is: the profile it was recorded under, and a fingerprint of the API key
// and base URL it used, so that a profile whose key or endpoint changes starts a series of its own.
// The fingerprint is a one-way hash: the key itself is never stored.
struct HistoryAccount
{
    QString profileId;   // empty for credentials from the environment
    QString fingerprint; // 32 hex digits; "unassigned" for polls recorded before accounts existed
    QString name;        // the profile's name when it last recorded (for the account chooser)

    static HistoryAccount forCredentials(const QString& profileId, const QString& name, const QUrl& baseUrl,
                                         const QString& apiKey);
    // The rows of a database from before history was kept per account.
    static HistoryAccount unassigned();

    bool isValid() const { return !fingerprint.isEmpty(); }
    bool isUnassigned() const;
    // Identity: the profile and the fingerprint (the name is only a label).
    bool sameAccount(const HistoryAccount& other) const
    {
        return profileId == other.profileId && fingerprint == other.fingerprint;
    }
};

} // namespace marginwatch
