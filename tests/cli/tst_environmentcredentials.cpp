#include "cli/EnvironmentCredentials.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstring>

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
    const EnvironmentCredentials result = credentialsFromEnvironment(environment(vars));
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(errorContains), qPrintable(result.error));
    QVERIFY(!result.error.contains(u"s3cr3t"_s)); // never echo a secret
}

void TestEnvironmentCredentials::hmac_fromSecret()
{
    const EnvironmentCredentials result = credentialsFromEnvironment(
        environment({{u"BINANCE_API_KEY"_s, u"my-key"_s}, {u"BINANCE_API_SECRET"_s, u"abc123"_s}}));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.credentials->apiKey, u"my-key"_s);
    QCOMPARE(result.credentials->keyType, KeyType::Hmac);
    QCOMPARE(result.credentials->secret.exposeSecret(), QByteArray("abc123"));
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
    const EnvironmentCredentials result = credentialsFromEnvironment(
        environment({{u"BINANCE_API_KEY"_s, u"k"_s}, {u"BINANCE_PRIVATE_KEY_FILE"_s, path}}));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(int(result.credentials->keyType), expected);
    QCOMPARE(result.credentials->secret.exposeSecret(), pem);
}

void TestEnvironmentCredentials::privateKeyFile_unusable_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("garbage") << QByteArray("not a key");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("encrypted") << generatePem("ED25519", true);
    QTest::newRow("ec key") << generatePem("X25519");
}

void TestEnvironmentCredentials::privateKeyFile_unusable()
{
    QFETCH(QByteArray, content);
    const QString path = writeFile(u"bad.pem"_s, content);
    const EnvironmentCredentials result = credentialsFromEnvironment(
        environment({{u"BINANCE_API_KEY"_s, u"k"_s}, {u"BINANCE_PRIVATE_KEY_FILE"_s, path}}));
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(path), qPrintable(result.error));
    QVERIFY(!result.error.contains(u"PRIVATE KEY-----"_s));
}

} // namespace marginwatch

QTEST_GUILESS_MAIN(marginwatch::TestEnvironmentCredentials)
#include "tst_environmentcredentials.moc"
