#include "cli/AccountsFile.h"

#include "api/ApiKey.h"
#include "api/BaseUrl.h"
#include "api/PrivateKeyFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr qint64 kMaxAccountsFileBytes = 1024 * 1024;
constexpr int kMaxAccounts = 1000;
constexpr qint64 kMaxSecretFileBytes = 4096;

const QStringList& knownKeys()
{
    static const QStringList keys{u"name"_s, u"base_url"_s, u"api_key"_s, u"secret_file"_s,
                                  u"private_key_file"_s};
    return keys;
}

QString shown(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

QString unquoted(QString value)
{
    if (value.size() >= 2 && value.startsWith(u'"') && value.endsWith(u'"'))
        return value.mid(1, value.size() - 2);
    return value;
}

struct Section
{
    QString title;
    int line = 0;
    QHash<QString, QString> values;
};

// The INI is read here rather than with QSettings: QSettings sorts the sections (the accounts would
// lose the user's order), turns a value with a comma into a list and unescapes backslashes, and says
// nothing about a misspelt key; a key file path or an API key must arrive exactly as written.
Expected<QList<Section>> parseSections(const QString& path, const QByteArray& bytes)
{
    QList<Section> sections;
    const QStringList lines = QString::fromUtf8(bytes).split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        const int number = static_cast<int>(i) + 1;
        auto fail = [&](const QString& why) {
            return failure(u"%1:%2: %3"_s.arg(shown(path)).arg(number).arg(why));
        };
        if (line.isEmpty() || line.startsWith(u';') || line.startsWith(u'#'))
            continue;
        if (line.startsWith(u'[')) {
            if (!line.endsWith(u']') || line.size() < 3)
                return fail(u"a section header is written [name]"_s);
            if (sections.size() >= kMaxAccounts)
                return fail(u"more than %1 accounts"_s.arg(kMaxAccounts));
            sections.append(Section{line.mid(1, line.size() - 2).trimmed(), number, {}});
            continue;
        }
        const qsizetype equals = line.indexOf(u'=');
        if (equals <= 0)
            return fail(u"expected key = value or [section]"_s);
        const QString key = line.left(equals).trimmed();
        const QString value = unquoted(line.mid(equals + 1).trimmed());
        if (sections.isEmpty())
            return fail(u"'%1' is outside any [section]; each account is one section"_s.arg(key));
        if (!knownKeys().contains(key))
            return fail(u"unknown key '%1' (known: %2)"_s.arg(key, knownKeys().join(u", "_s)));
        if (sections.last().values.contains(key))
            return fail(u"'%1' is given twice in [%2]"_s.arg(key, sections.last().title));
        sections.last().values.insert(key, value);
    }
    return sections;
}

QString absoluteTo(const QDir& base, const QString& file)
{
    if (file.isEmpty())
        return {};
    return QDir::cleanPath(base.absoluteFilePath(file));
}

Expected<void> checkNotOpen(const QString& path, const struct stat& info)
{
    if (!S_ISREG(info.st_mode))
        return failure(u"%1: not a regular file"_s.arg(shown(path)));
    if (secretModeTooOpen(info.st_mode))
        return failure(
            u"%1 is readable by group or others (mode %2); a secret must be the owner's alone: chmod 600 %1"_s
                .arg(shown(path))
                .arg(info.st_mode & 07777, 4, 8, QLatin1Char('0')));
    return {};
}

Expected<SecretBytes> readSecretFile(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return failure(u"%1: cannot open the secret file (%2)"_s.arg(
            shown(path), QString::fromLocal8Bit(std::strerror(errno))));
    struct stat info = {};
    if (::fstat(fd, &info) != 0) {
        ::close(fd);
        return failure(u"%1: cannot read the secret file"_s.arg(shown(path)));
    }
    // Checked on the opened file: a swap after the check cannot pass an open file off as private.
    if (const Expected<void> closed = checkNotOpen(path, info); !closed) {
        ::close(fd);
        return tl::unexpected(closed.error());
    }
    QByteArray bytes(kMaxSecretFileBytes + 1, Qt::Uninitialized);
    qint64 total = 0;
    while (total < bytes.size()) {
        const ssize_t n = ::read(fd, bytes.data() + total, static_cast<size_t>(bytes.size() - total));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        total += n;
    }
    ::close(fd);
    bytes.truncate(total);
    SecretBytes secret(std::move(bytes));
    if (total > kMaxSecretFileBytes)
        return failure(u"%1: too large to be an API secret"_s.arg(shown(path)));
    // An editor's final newline is not part of the secret.
    QByteArrayView view = secret.exposeSecret();
    while (!view.isEmpty()
           && (view.back() == '\n' || view.back() == '\r' || view.back() == ' ' || view.back() == '\t'))
        view.chop(1);
    if (view.isEmpty())
        return failure(u"%1: the secret file is empty"_s.arg(shown(path)));
    return SecretBytes(QByteArray(view.data(), view.size()));
}

} // namespace

bool secretModeTooOpen(unsigned mode)
{
    return (mode & (S_IRGRP | S_IROTH)) != 0;
}

Expected<QList<AccountsFileEntry>> readAccountsFile(const QString& path)
{
    QFile file(path);
    const QFileInfo info(path);
    if (!info.exists())
        return failure(u"%1: no such accounts file"_s.arg(shown(path)));
    if (!info.isFile())
        return failure(u"%1: the accounts file must be a regular file"_s.arg(shown(path)));
    if (info.size() > kMaxAccountsFileBytes)
        return failure(u"%1: too large for an accounts file"_s.arg(shown(path)));
    if (!file.open(QIODevice::ReadOnly))
        return failure(u"%1: cannot read the accounts file (%2)"_s.arg(shown(path), file.errorString()));
    const Expected<QList<Section>> sections = parseSections(path, file.read(kMaxAccountsFileBytes + 1));
    if (!sections)
        return tl::unexpected(sections.error());
    if (sections->isEmpty())
        return failure(u"%1: no accounts (one [section] per account)"_s.arg(shown(path)));

    static const QRegularExpression namePattern(u"^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$"_s);
    const QDir base = info.absoluteDir();
    QList<AccountsFileEntry> entries;
    QSet<QString> names;
    for (const Section& section : *sections) {
        auto fail = [&](const QString& why) {
            return failure(u"%1:%2: [%3]: %4"_s.arg(shown(path)).arg(section.line).arg(section.title, why));
        };
        AccountsFileEntry entry;
        entry.name = section.values.value(u"name"_s, section.title);
        if (!namePattern.match(entry.name).hasMatch())
            return fail(
                u"the name '%1' must be 1 to 64 letters, digits, '.', '-' or '_' (it names files)"_s.arg(
                    entry.name));
        if (names.contains(entry.name.toLower()))
            return fail(u"the name '%1' is used twice (names must differ, also in case)"_s.arg(entry.name));
        names.insert(entry.name.toLower());

        const QString url = section.values.value(u"base_url"_s);
        entry.baseUrl = url.isEmpty() ? BinanceUrls::futures() : QUrl(url, QUrl::StrictMode);
        if (const Expected<void> usable = validateBaseUrl(entry.baseUrl); !usable)
            return fail(u"base_url: "_s + usable.error());

        entry.apiKey = section.values.value(u"api_key"_s);
        if (entry.apiKey.isEmpty())
            return fail(u"api_key is missing"_s);
        if (const Expected<void> key = validateApiKey(entry.apiKey); !key)
            return fail(u"api_key: "_s + key.error());

        entry.secretFile = absoluteTo(base, section.values.value(u"secret_file"_s));
        entry.privateKeyFile = absoluteTo(base, section.values.value(u"private_key_file"_s));
        if (entry.secretFile.isEmpty() == entry.privateKeyFile.isEmpty())
            return fail(
                u"give exactly one of secret_file (HMAC) and private_key_file (RSA or Ed25519 PEM)"_s);
        entries << entry;
    }
    return entries;
}

Expected<Credentials> loadAccountCredentials(const AccountsFileEntry& entry)
{
    Credentials credentials;
    credentials.apiKey = entry.apiKey;
    if (!entry.secretFile.isEmpty()) {
        Expected<SecretBytes> secret = readSecretFile(entry.secretFile);
        if (!secret)
            return tl::unexpected(secret.error());
        credentials.keyType = KeyType::Hmac;
        credentials.secret = std::move(*secret);
        return credentials;
    }
    struct stat info = {};
    if (::stat(QFile::encodeName(entry.privateKeyFile).constData(), &info) != 0)
        return failure(u"%1: cannot open the private key file (%2)"_s.arg(
            shown(entry.privateKeyFile), QString::fromLocal8Bit(std::strerror(errno))));
    if (const Expected<void> closed = checkNotOpen(entry.privateKeyFile, info); !closed)
        return tl::unexpected(closed.error());
    Expected<PrivateKeyPem> pem = readPrivateKeyFile(entry.privateKeyFile);
    if (!pem)
        return tl::unexpected(pem.error());
    credentials.keyType = pem->type;
    credentials.secret = std::move(pem->pem);
    return credentials;
}

} // namespace marginwatch
