#include "settings/KeychainSecretStore.h"
#include "settings/MemorySecretStore.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

// Keychain jobs go over D-Bus / the OS; a locked keychain can take a while to answer.
constexpr int kKeychainTimeoutMs = 10000;

// Collects the one result a SecretStore call must deliver and counts extra deliveries.
struct Outcome
{
    std::optional<SecretResult> result;
    int calls = 0;

    SecretStore::Callback callback()
    {
        return [this](const SecretResult& r) {
            ++calls;
            result = r;
        };
    }
};

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void memory_writeReadRemove();
    void memory_callbacksAreAsynchronous();
    void memory_rejectsEmptySecretOrId_data();
    void memory_rejectsEmptySecretOrId();
    void memory_keysAreIndependent();
    void memory_emptyCallbackIsAllowed();

    void keychain_writeReadRemove();

private:
    std::unique_ptr<KeychainSecretStore> m_keychain;
    QString m_keychainKey;
};

void TestSecretStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestSecretStore::cleanup()
{
    // Leave a developer's real keychain clean even when a check above failed half-way.
    if (m_keychain && !m_keychainKey.isEmpty()) {
        bool done = false;
        m_keychain->remove(m_keychainKey, [&done](const SecretResult&) { done = true; });
        if (!QTest::qWaitFor([&done] { return done; }, kKeychainTimeoutMs))
            qWarning("the keychain did not answer the clean-up delete within 10 s");
    }
    m_keychain.reset();
    m_keychainKey.clear();
}

void TestSecretStore::memory_writeReadRemove()
{
    MemorySecretStore store;
    QVERIFY(!store.persists());
    QVERIFY(store.backendName().contains(u"session"_s));
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QByteArray secret("s3cr3t\0binary\xff", 14);

    Outcome before;
    store.read(id, before.callback());
    QTRY_VERIFY(before.result);
    QVERIFY(!before.result->ok);
    QVERIFY(before.result->notFound);
    QVERIFY(before.result->secret.isEmpty());

    Outcome written;
    store.write(id, SecretBytes(secret), written.callback());
    QTRY_VERIFY(written.result);
    QVERIFY2(written.result->ok, qPrintable(written.result->error));
    QVERIFY(store.contains(id));

    Outcome read;
    store.read(id, read.callback());
    QTRY_VERIFY(read.result);
    QVERIFY(read.result->ok);
    QCOMPARE(read.result->secret.exposeSecret(), secret);

    Outcome overwritten;
    store.write(id, SecretBytes(QByteArray("second")), overwritten.callback());
    Outcome readAgain;
    store.read(id, readAgain.callback());
    QTRY_VERIFY(readAgain.result);
    QVERIFY(overwritten.result && overwritten.result->ok); // callbacks arrive in call order
    QCOMPARE(readAgain.result->secret.exposeSecret(), QByteArray("second"));

    Outcome removed;
    store.remove(id, removed.callback());
    QTRY_VERIFY(removed.result);
    QVERIFY(removed.result->ok);
    QVERIFY(!store.contains(id));

    Outcome after;
    store.read(id, after.callback());
    QTRY_VERIFY(after.result);
    QVERIFY(!after.result->ok);
    QVERIFY(after.result->notFound);

    Outcome removedTwice;
    store.remove(id, removedTwice.callback());
    QTRY_VERIFY(removedTwice.result);
    QVERIFY(removedTwice.result->ok);

    QTest::qWait(20);
    for (const Outcome* o :
         {&before, &written, &read, &overwritten, &readAgain, &removed, &after, &removedTwice})
        QCOMPARE(o->calls, 1);
}

void TestSecretStore::memory_callbacksAreAsynchronous()
{
    MemorySecretStore store;
    Outcome written;
    Outcome read;
    Outcome removed;
    store.write(u"id"_s, SecretBytes(QByteArray("x")), written.callback());
    store.read(u"id"_s, read.callback());
    store.remove(u"id"_s, removed.callback());
    QCOMPARE(written.calls + read.calls + removed.calls, 0);
    QTRY_COMPARE(removed.calls, 1);
    QCOMPARE(written.calls, 1);
    QCOMPARE(read.calls, 1);
    QVERIFY(read.result->ok);
}

void TestSecretStore::memory_rejectsEmptySecretOrId_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QByteArray>("secret");
    QTest::newRow("empty secret") << u"id"_s << QByteArray();
    QTest::newRow("empty id") << QString() << QByteArray("secret");
}

void TestSecretStore::memory_rejectsEmptySecretOrId()
{
    QFETCH(QString, id);
    QFETCH(QByteArray, secret);
    MemorySecretStore store;
    Outcome written;
    store.write(id, SecretBytes(secret), written.callback());
    QTRY_VERIFY(written.result);
    QVERIFY(!written.result->ok);
    QVERIFY(!written.result->error.isEmpty());
    QVERIFY(!store.contains(id));
}

void TestSecretStore::memory_keysAreIndependent()
{
    MemorySecretStore store;
    Outcome a;
    Outcome b;
    store.write(u"a"_s, SecretBytes(QByteArray("alpha")), {});
    store.write(u"a:proxy"_s, SecretBytes(QByteArray("proxy")), {});
    store.remove(u"a:proxy"_s, {});
    store.read(u"a"_s, a.callback());
    store.read(u"a:proxy"_s, b.callback());
    QTRY_VERIFY(a.result && b.result);
    QCOMPARE(a.result->secret.exposeSecret(), QByteArray("alpha"));
    QVERIFY(b.result->notFound);
}

void TestSecretStore::memory_emptyCallbackIsAllowed()
{
    auto store = std::make_unique<MemorySecretStore>();
    store->write(u"a"_s, SecretBytes(QByteArray("alpha")), {});
    store->read(u"a"_s, {});
    store->remove(u"a"_s, {});
    Outcome pending;
    store->read(u"a"_s, pending.callback());
    // Destroyed with a callback queued: it must not run against a dead store.
    store.reset();
    QTest::qWait(20);
    QCOMPARE(pending.calls, 0);
}

void TestSecretStore::keychain_writeReadRemove()
{
    const QString service = u"marginwatch-test-"_s + QUuid::createUuid().toString(QUuid::Id128);
    m_keychain = std::make_unique<KeychainSecretStore>(service);
    KeychainSecretStore& store = *m_keychain;
    QCOMPARE(store.serviceName(), service);
    QVERIFY(store.persists());
    QCOMPARE(store.backendName(), u"OS keychain"_s);
    QSignalSpy unavailable(&store, &SecretStore::backendUnavailable);

    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QByteArray secret("kc-s3cr3t-\x01\x02\xfe-value", 19);
    m_keychainKey = id;

    Outcome written;
    Outcome readRight;
    store.write(id, SecretBytes(secret), written.callback());
    // Queued behind the write: must see the secret whichever backend ends up holding it.
    store.read(id, readRight.callback());
    QTRY_VERIFY2_WITH_TIMEOUT(written.result, "the keychain did not answer a write within 10 s",
                              kKeychainTimeoutMs);
    QVERIFY2(written.result->ok, qPrintable(written.result->error));
    QTRY_VERIFY2_WITH_TIMEOUT(readRight.result, "the keychain did not answer a read within 10 s",
                              kKeychainTimeoutMs);
    QVERIFY2(readRight.result->ok, qPrintable(readRight.result->error));
    QCOMPARE(readRight.result->secret.exposeSecret(), secret);

    const bool realKeychain = store.persists();
    if (realKeychain) {
        qInfo("A keychain is available: checked the real read-back");
        QCOMPARE(unavailable.count(), 0);
        QCOMPARE(store.backendName(), u"OS keychain"_s);
    } else {
        qInfo("No keychain available: checked the session fallback");
        QCOMPARE(unavailable.count(), 1);
        const QString why = unavailable.first().first().toString();
        QVERIFY(!why.isEmpty());
        QVERIFY(!why.toUtf8().contains(secret));
        QVERIFY(store.backendName().contains(u"session"_s));
    }

    Outcome read;
    store.read(id, read.callback());
    QTRY_VERIFY2_WITH_TIMEOUT(read.result, "the keychain did not answer a read within 10 s",
                              kKeychainTimeoutMs);
    QVERIFY2(read.result->ok, qPrintable(read.result->error));
    QCOMPARE(read.result->secret.exposeSecret(), secret);

    // A second write must not announce the fallback again, and must replace the value.
    Outcome rewritten;
    store.write(id, SecretBytes(QByteArray("replaced")), rewritten.callback());
    QTRY_VERIFY2_WITH_TIMEOUT(rewritten.result, "the keychain did not answer a write within 10 s",
                              kKeychainTimeoutMs);
    QVERIFY2(rewritten.result->ok, qPrintable(rewritten.result->error));
    QCOMPARE(unavailable.count(), realKeychain ? 0 : 1);
    QCOMPARE(store.persists(), realKeychain);
    Outcome reread;
    store.read(id, reread.callback());
    QTRY_VERIFY2_WITH_TIMEOUT(reread.result, "the keychain did not answer a read within 10 s",
                              kKeychainTimeoutMs);
    QCOMPARE(reread.result->secret.exposeSecret(), QByteArray("replaced"));

    Outcome removed;
    store.remove(id, removed.callback());
    QTRY_VERIFY2_WITH_TIMEOUT(removed.result, "the keychain did not answer a delete within 10 s",
                              kKeychainTimeoutMs);
    QVERIFY2(removed.result->ok, qPrintable(removed.result->error));

    Outcome gone;
    store.read(id, gone.callback());
    QTRY_VERIFY2_WITH_TIMEOUT(gone.result, "the keychain did not answer a read within 10 s",
                              kKeychainTimeoutMs);
    QVERIFY(!gone.result->ok);
    QVERIFY(gone.result->secret.isEmpty());
    QVERIFY(!gone.result->error.toUtf8().contains(secret));
    if (realKeychain)
        QVERIFY2(gone.result->notFound, qPrintable(gone.result->error));

    for (const Outcome* o : {&written, &readRight, &read, &rewritten, &reread, &removed, &gone})
        QCOMPARE(o->calls, 1);
}

} // namespace marginwatch

QTEST_GUILESS_MAIN(marginwatch::TestSecretStore)
#include "tst_secretstore.moc"
