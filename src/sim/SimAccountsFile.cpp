#include "sim/SimAccountsFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// Created owner-only from the first byte (never readable by others, not even briefly), then written.
bool writeOwnerOnly(const QString& path, const QByteArray& content, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate, kOwnerOnly) || !file.setPermissions(kOwnerOnly)
        || file.write(content) != content.size() || !file.flush()) {
        if (error)
            *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

QString SimAccountsFile::secretPath(const QString& accountsFile, const QString& name)
{
    return QFileInfo(accountsFile).absoluteFilePath() + u'-' + name + u".secret"_s;
}

bool SimAccountsFile::write(const QString& path, const QList<Entry>& entries, QString* error)
{
    QByteArray ini = "# marginwatch-sim accounts (simulator keys: they protect nothing real)\n";
    for (const Entry& e : entries) {
        const QString secretFile = secretPath(path, e.name);
        if (!writeOwnerOnly(secretFile, e.secret, error))
            return false;
        ini += "\n[" + e.name.toUtf8() + "]\n";
        ini += "name = " + e.name.toUtf8() + '\n';
        ini += "base_url = " + e.baseUrl.toUtf8() + '\n';
        ini += "api_key = " + e.apiKey.toUtf8() + '\n';
        ini += "secret_file = " + secretFile.toUtf8() + '\n';
    }
    return writeOwnerOnly(path, ini, error);
}

} // namespace marginwatch
