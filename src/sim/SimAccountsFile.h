#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace marginwatch {

// Writes the simulator's accounts as the INI file `marginwatch --headless --accounts FILE` reads: one
// section per account with name, base_url, api_key and secret_file; every HMAC secret in its own file
// next to FILE ("FILE-<name>.secret"). The secrets and the INI are created owner-only (0600), as the
// client insists for secret files.
class SimAccountsFile
{
public:
    struct Entry
    {
        QString name; // also the section name; letters, digits, '-' and '_' only
        QString baseUrl;
        QString apiKey;
        QByteArray secret;
    };

    static QString secretPath(const QString& accountsFile, const QString& name);
    // False (and *error) when a file cannot be written.
    static bool write(const QString& path, const QList<Entry>& entries, QString* error);
};

} // namespace marginwatch
