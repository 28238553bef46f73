#pragma once

#include "api/Credentials.h"
#include "util/Expected.h"

#include <QList>
#include <QString>
#include <QUrl>

namespace marginwatch {

// One section of the INI file of `--headless --accounts FILE`:
//   [main]
//   name = main                      (default: the section's name; letters, digits, '.', '-', '_')
//   base_url = https://fapi.binance.com   (default: production)
//   api_key = ...
//   secret_file = main.secret        (the HMAC secret) or private_key_file = main.pem (RSA / Ed25519)
// Relative paths are relative to FILE's directory.
struct AccountsFileEntry
{
    QString name;
    QUrl baseUrl;
    QString apiKey;
    QString secretFile;     // absolute; empty when privateKeyFile is set
    QString privateKeyFile; // absolute; empty when secretFile is set
};

// The accounts in file order. The error is one line naming the file and the section.
Expected<QList<AccountsFileEntry>> readAccountsFile(const QString& path);

// Reads the entry's secret or private key file. A file that group or others can read is refused (the
// secret may already have leaked; it is not used), as is anything but a small regular file; the error
// names the file and never holds its content.
Expected<Credentials> loadAccountCredentials(const AccountsFileEntry& entry);

// Whether a secret file's mode lets group or others read it (pure, for the table tests).
bool secretModeTooOpen(unsigned mode);

} // namespace marginwatch
