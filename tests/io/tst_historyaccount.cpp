#include "io/history/HistoryAccount.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace marginwatch {

class TestHistoryAccount : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fingerprint_sameOrDifferent_data();
    void fingerprint_sameOrDifferent();
    void fingerprint_isAHashNotTheKey();
    void unassigned();
};

void TestHistoryAccount::fingerprint_sameOrDifferent_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("same");
    QTest::newRow("same key and URL") << u"https://fapi.binance.com"_s << u"KEY1"_s << true;
    QTest::newRow("trailing slash") << u"https://fapi.binance.com/"_s << u"KEY1"_s << true;
    QTest::newRow("another key") << u"https://fapi.binance.com"_s << u"KEY2"_s << false;
    QTest::newRow("another endpoint") << u"https://demo-fapi.binance.com"_s << u"KEY1"_s << false;
    QTest::newRow("key is case-sensitive") << u"https://fapi.binance.com"_s << u"key1"_s << false;
}

void TestHistoryAccount::fingerprint_sameOrDifferent()
{
    QFETCH(QString, url);
    QFETCH(QString, key);
    QFETCH(bool, same);
    const HistoryAccount reference =
        HistoryAccount::forCredentials(u"p1"_s, u"Main"_s, QUrl(u"https://fapi.binance.com"_s), u"KEY1"_s);
    const HistoryAccount other = HistoryAccount::forCredentials(u"p1"_s, u"Renamed"_s, QUrl(url), key);
    QCOMPARE(other.fingerprint == reference.fingerprint, same);
    QCOMPARE(other.sameAccount(reference), same); // the name is a label, not the identity
}

void TestHistoryAccount::fingerprint_isAHashNotTheKey()
{
    const QString key = u"vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"_s;
    const HistoryAccount account =
        HistoryAccount::forCredentials(u"p1"_s, u"Main"_s, QUrl(u"https://fapi.binance.com"_s), key);
    QCOMPARE(account.fingerprint.size(), 32);
    QVERIFY(QByteArray::fromHex(account.fingerprint.toLatin1()).toHex() == account.fingerprint.toLatin1());
    QVERIFY(!account.fingerprint.contains(key.left(8), Qt::CaseInsensitive));
    QVERIFY(!account.fingerprint.contains(QString::fromLatin1(key.toLatin1().toHex().left(8))));
    // Another profile with the same key is another account (same fingerprint, other profile).
    const HistoryAccount copy =
        HistoryAccount::forCredentials(u"p2"_s, u"Main"_s, QUrl(u"https://fapi.binance.com"_s), key);
    QCOMPARE(copy.fingerprint, account.fingerprint);
    QVERIFY(!copy.sameAccount(account));
}

void TestHistoryAccount::unassigned()
{
    QVERIFY(HistoryAccount::unassigned().isValid());
    QVERIFY(HistoryAccount::unassigned().isUnassigned());
    QVERIFY(!HistoryAccount().isValid());
    QVERIFY(
        !HistoryAccount::forCredentials(QString(), u"env"_s, QUrl(u"https://x"_s), u"k"_s).isUnassigned());
}

} // namespace marginwatch

QTEST_GUILESS_MAIN(marginwatch::TestHistoryAccount)
#include "tst_historyaccount.moc"
