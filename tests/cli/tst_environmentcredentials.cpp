#include "api/ApiKey.h"
#include "cli/EnvironmentCredentials.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace marginwatch {

class TestEnvironmentCredentials : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void missing_data();
    void missing();
    void hmac_fromSecret();
    void privateKeyFile_detectsType_data();
    void privateKeyFile_detectsType();
    void privateKeyFile_unusable_data();
    void privateKeyFile_unusable();
    void privateKeyFile_notARegularFile_data();
    void privateKeyFile_notARegularFile();
    void apiKey_injection_data();
    void apiKey_injection();
    void processEnvironment_secretIsScrubbedAndCoreDumpsOff();

private:
    QString writeFile(const QString& name, const QByteArray& bytes);
    QTemporaryDir m_dir;
};

namespace {

// A fresh key per run: no private key material lives in the repository.
QByteArray generatePem(const char* algorithm, bool encrypted = false)
{
    EVP_PKEY* key = std::strcmp(algorithm, "RSA") == 0
                        ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048))
                        : EVP_PKEY_Q_keygen(nullptr, nullptr, algorithm);
    if (!key)
        return {};
    BIO* bio = BIO_new(BIO_s_mem());
    static char password[] = "pw";
    const int ok =
        encrypted ? PEM_write_bio_PKCS8PrivateKey(bio, key, EVP_aes_256_cbc(), password, 2, nullptr, nullptr)
                  : PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    QByteArray pem;
    if (ok == 1) {
        char* data = nullptr;
        const long size = BIO_get_mem_data(bio, &data);
        pem = QByteArray(data, size);
    }
    BIO_free(bio);
    EVP_PKEY_free(key);
    return pem;
}

QByteArray publicPem(const char* algorithm)
{
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, algorithm);
    if (!key)
        return {};
    BIO* bio = BIO_new(BIO_s_mem());
    QByteArray pem;
    if (PEM_write_bio_PUBKEY(bio, key) == 1) {
        char* data = nullptr;
        const long size = BIO_get_mem_data(bio, &data);
        pem = QByteArray(data, size);
    }
    BIO_free(bio);
    EVP_PKEY_free(key);
    return pem;
}

QProcessEnvironment environment(const QList<std::pair<QString, QString>>& variables)
{
    QProcessEnvironment env;
    for (const auto& [name, value] : variables)
        env.insert(name, value);
    return env;
}

} // namespace

void TestEnvironmentCredentials::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

QString TestEnvironmentCredentials::writeFile(const QString& name, const QByteArray& bytes)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

void TestEnvironmentCredentials::missing_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("keyFile");
    QTest::addColumn<QString>("errorContains");
    QTest::newRow("nothing") << QString() << QString() << QString() << u"no credentials"_s;
    QTest::newRow("secret without key") << QString() << u"s3cr3t"_s << QString() << u"no credentials"_s;
    QTest::newRow("key only") << u"k"_s << QString() << QString() << u"neither"_s;
    QTest::newRow("both secret and file") << u"k"_s << u"s3cr3t"_s << u"/x.pem"_s << u"not both"_s;
    QTest::newRow("file missing") << u"k"_s << QString() << u"/nonexistent/key.pem"_s
                                  << u"/nonexistent/key.pem"_s;
}

void TestEnvironmentCredentials::missing()
{
    QFETCH(QString, key);
    QFETCH(QString, secret);
    QFETCH(QString, keyFile);
    QFETCH(QString, errorContains);
    QList<std::pair<QString, QString>> vars;
    if (!key.isEmpty())
        vars.append({u"BINANCE_API_KEY"_s, key});
    if (!secret.isEmpty())
        vars.append({u"BINANCE_API_SECRET"_s, secret});
    if (!keyFile.isEmpty())
        vars.append({u"BINANCE_PRIVATE_KEY_FILE"_s, keyFile});
    const Expected<Credentials> result = credentialsFromEnvironment(environment(vars));
    QVERIFY(!result);
    QVERIFY2(result.error().contains(errorContains), qPrintable(result.error()));
    QVERIFY(!result.error().contains(u"s3cr3t"_s)); // never echo a secret
    QVERIFY(!result.error().contains(u'\n'));
}

void TestEnvironmentCredentials::hmac_fromSecret()
{
    const Expected<Credentials> result = credentialsFromEnvironment(
        environment({{u"BINANCE_API_KEY"_s, u" my-key\n"_s}, {u"BINANCE_API_SECRET"_s, u"abc123\n"_s}}));
    QVERIFY2(result, qPrintable(result ? QString() : result.error()));
    QCOMPARE(result->apiKey, u"my-key"_s);
    QCOMPARE(result->keyType, KeyType::Hmac);
    QCOMPARE(result->secret.exposeSecret(), QByteArray("abc123"));
}

void TestEnvironmentCredentials::privateKeyFile_detectsType_data()
{
    QTest::addColumn<QString>("algorithm");
    QTest::addColumn<int>("expected");
    QTest::newRow("ed25519") << u"ED25519"_s << int(KeyType::Ed25519);
    QTest::newRow("rsa") << u"RSA"_s << int(KeyType::Rsa);
}

void TestEnvironmentCredentials::privateKeyFile_detectsType()
{
    QFETCH(QString, algorithm);
    QFETCH(int, expected);
    const QByteArray pem = generatePem(algorithm.toLatin1().constData());
    QVERIFY(!pem.isEmpty());
    const QString path = writeFile(algorithm + u".pem"_s, pem);
    QVERIFY(!path.isEmpty());
    const Expected<Credentials> result = credentialsFromEnvironment(
        environment({{u"BINANCE_API_KEY"_s, u"k"_s}, {u"BINANCE_PRIVATE_KEY_FILE"_s, path}}));
    QVERIFY2(result, qPrintable(result ? QString() : result.error()));
    QCOMPARE(int(result->keyType), expected);
    QCOMPARE(result->secret.exposeSecret(), pem);
}

void TestEnvironmentCredentials::privateKeyFile_unusable_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("errorContains");
    QTest::newRow("garbage") << QByteArray("not a key") << u"not in PEM format"_s;
    QTest::newRow("empty") << QByteArray() << u"empty"_s;
    // The precise reasons survive (they once collapsed into "not an unencrypted PEM ... key").
    QTest::newRow("encrypted") << generatePem("ED25519", true) << u"encrypted with a passphrase"_s;
    QTest::newRow("public key") << publicPem("ED25519") << u"this is a public key"_s;
    QTest::newRow("x25519 key") << generatePem("X25519") << u"unsupported key type"_s;
    QTest::newRow("too large") << QByteArray(64 * 1024 + 1, 'A') << u"too large"_s;
}

void TestEnvironmentCredentials::privateKeyFile_unusable()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, errorContains);
    const QString path = writeFile(u"bad.pem"_s, content);
    const Expected<Credentials> result = credentialsFromEnvironment(
        environment({{u"BINANCE_API_KEY"_s, u"k"_s}, {u"BINANCE_PRIVATE_KEY_FILE"_s, path}}));
    QVERIFY(!result);
    QVERIFY2(result.error().contains(path), qPrintable(result.error()));
    QVERIFY2(result.error().contains(errorContains), qPrintable(result.error()));
    // Never an echo of the file's content.
    QVERIFY(content.isEmpty() || !result.error().contains(QString::fromLatin1(content.left(40))));
}

void TestEnvironmentCredentials::privateKeyFile_notARegularFile_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("fifo") << u"fifo"_s;
    QTest::newRow("character device") << u"/dev/zero"_s;
    QTest::newRow("directory") << u"dir"_s;
}

void TestEnvironmentCredentials::privateKeyFile_notARegularFile()
{
    QFETCH(QString, kind);
    QString path = kind;
    std::thread unblock;
    std::atomic<bool> done = false;
    if (kind == u"fifo"_s) {
        path = m_dir.filePath(u"key.fifo"_s);
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        // Opening a FIFO for reading waits for a writer: if the check ever regresses, a writer turns
        // up after a while, so the test fails instead of hanging.
        unblock = std::thread([path, &done] {
            for (int i = 0; i < 50 && !done; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            if (!done) {
                const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_NONBLOCK);
                if (fd >= 0)
                    ::close(fd);
            }
        });
    } else if (kind == u"dir"_s) {
        path = m_dir.path();
    }
    QElapsedTimer timer;
    timer.start();
    const Expected<Credentials> result = credentialsFromEnvironment(
        environment({{u"BINANCE_API_KEY"_s, u"k"_s}, {u"BINANCE_PRIVATE_KEY_FILE"_s, path}}));
    const qint64 elapsed = timer.elapsed();
    done = true;
    if (unblock.joinable())
        unblock.join();
    QVERIFY(!result);
    QVERIFY2(result.error().contains(u"not a regular file"_s), qPrintable(result.error()));
    QVERIFY2(elapsed < 4000, "waited for a writer");
}

void TestEnvironmentCredentials::apiKey_injection_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("errorContains");
    QTest::newRow("CR/LF header injection") << u"key\r\nX-Injected: yes"_s << u"line breaks"_s;
    QTest::newRow("inner space") << u"my key"_s << u"spaces"_s;
    QTest::newRow("tab") << u"my\tkey"_s << u"spaces"_s;
    QTest::newRow("control character") << u"key\x01"_s << u"cannot be part of"_s;
    QTest::newRow("not ascii") << u"kéy"_s << u"cannot be part of"_s;
}

void TestEnvironmentCredentials::apiKey_injection()
{
    QFETCH(QString, key);
    QFETCH(QString, errorContains);
    const Expected<Credentials> result = credentialsFromEnvironment(
        environment({{u"BINANCE_API_KEY"_s, key}, {u"BINANCE_API_SECRET"_s, u"s3cr3t"_s}}));
    QVERIFY(!result);
    QVERIFY2(result.error().startsWith(u"BINANCE_API_KEY: "_s), qPrintable(result.error()));
    QVERIFY2(result.error().contains(errorContains), qPrintable(result.error()));
    // The very same validator as a saved profile's key.
    QCOMPARE(result.error().mid(17), validateApiKey(key).error());
}

void TestEnvironmentCredentials::processEnvironment_secretIsScrubbedAndCoreDumpsOff()
{
    qputenv("BINANCE_API_KEY", "ProcessKey123");
    qputenv("BINANCE_API_SECRET", " process-s3cr3t\n");
    qunsetenv("BINANCE_PRIVATE_KEY_FILE");
    const Expected<Credentials> result = takeCredentialsFromProcessEnvironment();
    QVERIFY2(result, qPrintable(result ? QString() : result.error()));
    QCOMPARE(result->secret.exposeSecret(), QByteArray("process-s3cr3t"));
    QCOMPARE(result->apiKey, u"ProcessKey123"_s);
    // Gone from the environment, not just hidden: no entry names it or holds its value.
    QVERIFY(!qEnvironmentVariableIsSet("BINANCE_API_SECRET"));
    for (char** entry = environ; *entry; ++entry) {
        QVERIFY2(std::strstr(*entry, "process-s3cr3t") == nullptr, *entry);
        QVERIFY2(std::strncmp(*entry, "BINANCE_API_SECRET=", 19) != 0, *entry);
    }
    QCOMPARE(::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
    struct rlimit core = {};
    QCOMPARE(::getrlimit(RLIMIT_CORE, &core), 0);
    QCOMPARE(core.rlim_cur, rlim_t(0));
    qunsetenv("BINANCE_API_KEY");
}

} // namespace marginwatch

QTEST_GUILESS_MAIN(marginwatch::TestEnvironmentCredentials)
#include "tst_environmentcredentials.moc"
