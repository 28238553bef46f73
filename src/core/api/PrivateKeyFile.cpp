#include "api/PrivateKeyFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace marginwatch {

namespace {

// Never prompts: a null passphrase callback makes encrypted keys fail with a recognisable error.
int refusePassphrase(char*, int, int, void*)
{
    return 0;
}

} // namespace

void PrivateKeyDeleter::operator()(evp_pkey_st* key) const
{
    // OpenSSL clears private key components when the last reference is freed.
    EVP_PKEY_free(key);
}

Expected<PrivateKeyHandle> parsePrivateKeyPem(QByteArrayView pem)
{
    if (pem.isEmpty())
        return failure(QCoreApplication::translate("PrivateKeyFile", "the private key file is empty"));
    if (!pem.contains("-----BEGIN"))
        return failure(QCoreApplication::translate(
            "PrivateKeyFile",
            "the key is not in PEM format (expected a '-----BEGIN PRIVATE KEY-----' block)"));
    if (pem.contains("ENCRYPTED"))
        return failure(QCoreApplication::translate(
            "PrivateKeyFile",
            "the private key is encrypted with a passphrase; export it unencrypted (PKCS#8) "
            "for marginwatch and protect the file's permissions instead"));
    if (pem.contains("BEGIN PUBLIC KEY") && !pem.contains("PRIVATE KEY"))
        return failure(QCoreApplication::translate(
            "PrivateKeyFile",
            "this is a public key; marginwatch needs the private key (the public one is what "
            "you register with Binance)"));
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    if (!bio)
        return failure(
            QCoreApplication::translate("PrivateKeyFile", "out of memory while reading the private key"));
    PrivateKeyHandle key(PEM_read_bio_PrivateKey(bio, nullptr, refusePassphrase, nullptr));
    BIO_free(bio);
    // The OpenSSL error queue may describe the key; drop it rather than let it surface in a log.
    ERR_clear_error();
    if (!key)
        return failure(QCoreApplication::translate(
            "PrivateKeyFile",
            "the private key could not be read: the PEM block is damaged or not a supported "
            "private key"));
    return key;
}

Expected<KeyType> keyTypeOf(const evp_pkey_st* key)
{
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
        return KeyType::Rsa;
    case EVP_PKEY_ED25519:
        return KeyType::Ed25519;
    default:
        return failure(QCoreApplication::translate(
            "PrivateKeyFile",
            "unsupported key type: Binance accepts HMAC secrets, RSA and Ed25519 private keys"));
    }
}

Expected<KeyType> detectKeyType(QByteArrayView pem)
{
    return parsePrivateKeyPem(pem).and_then([](const PrivateKeyHandle& key) { return keyTypeOf(key.get()); });
}

Expected<PrivateKeyPem> readPrivateKeyFile(const QString& path)
{
    const QString shown = QDir::toNativeSeparators(path);
    auto fail = [&shown](const QString& why) {
        return failure(QCoreApplication::translate("PrivateKeyFile", "%1: %2").arg(shown, why));
    };
    // O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting for one.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return fail(QCoreApplication::translate("PrivateKeyFile", "cannot open the private key file (%1)")
                        .arg(QString::fromLocal8Bit(std::strerror(errno))));
    struct stat info = {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return fail(QCoreApplication::translate(
            "PrivateKeyFile", "not a regular file; a private key must be a plain file (not a pipe, device or "
                              "directory)"));
    }
    if (info.st_size > kMaxPrivateKeyFileBytes) {
        ::close(fd);
        return fail(QCoreApplication::translate("PrivateKeyFile",
                                                "too large to be a private key (a PEM key is a few KB)"));
    }
    // Read one byte more than allowed, so a file that grew after fstat is still refused.
    QByteArray bytes(kMaxPrivateKeyFileBytes + 1, Qt::Uninitialized);
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
    if (total > kMaxPrivateKeyFileBytes) {
        SecretBytes discard(std::move(bytes));
        return fail(QCoreApplication::translate("PrivateKeyFile",
                                                "too large to be a private key (a PEM key is a few KB)"));
    }
    bytes.truncate(total); // shrinks in place: the bytes beyond are never filled
    SecretBytes pem(std::move(bytes));
    const Expected<KeyType> type = detectKeyType(pem.exposeSecret());
    if (!type)
        return fail(type.error());
    return PrivateKeyPem{*type, std::move(pem)};
}

} // namespace marginwatch
