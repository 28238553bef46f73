#include "io/history/HistoryAccount.h"

#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr auto kUnassigned = "unassigned"_L1;

} // namespace

HistoryAccount HistoryAccount::forCredentials(const QString& profileId, const QString& name,
                                              const QUrl& baseUrl, const QString& apiKey)
{
    // Domain-separated, so the digest is of no use anywhere else; SHA-256 of a 64-character random
    // key cannot be turned back into it. 128 bits tell accounts apart without a collision in sight.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData("marginwatch history account v1\n");
    QUrl endpoint = baseUrl.adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
    if (endpoint.path() == u"/"_s)
        endpoint.setPath(QString()); // "https://host/" and "https://host" are one endpoint
    hash.addData(endpoint.toString(QUrl::FullyEncoded).toUtf8());
    hash.addData("\n");
    hash.addData(apiKey.toUtf8());
    HistoryAccount account;
    account.profileId = profileId;
    account.fingerprint = QString::fromLatin1(hash.result().left(16).toHex());
    account.name = name;
    return account;
}

HistoryAccount HistoryAccount::unassigned()
{
    HistoryAccount account;
    account.fingerprint = kUnassigned;
    return account;
}

bool HistoryAccount::isUnassigned() const
{
    return profileId.isEmpty() && fingerprint == kUnassigned;
}

} // namespace marginwatch
