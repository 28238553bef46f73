// Several accounts in one simulator: keys map to their own books while weight stays per IP; key
// permissions (/sapi/v1/account/apiRestrictions), sub-account summaries for a master key, and the
// Portfolio Margin account that /fapi refuses and /papi serves.
#include "SimTestClient.h"
#include "sim/SimAccountsFile.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

#include <openssl/pem.h>

using namespace Qt::StringLiterals;
using namespace marginwatch;
using namespace simtest;

namespace {

struct KeyPair
{
    EVP_PKEY* key = nullptr;
    explicit KeyPair(const char* type)
    {
        EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
        EVP_PKEY_keygen_init(ctx);
        if (QByteArray(type) == "RSA")
            EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, 2048);
        EVP_PKEY_generate(ctx, &key);
        EVP_PKEY_CTX_free(ctx);
    }
    ~KeyPair() { EVP_PKEY_free(key); }
    KeyPair(const KeyPair&) = delete;
    KeyPair& operator=(const KeyPair&) = delete;
    QByteArray publicPem() const
    {
        BIO* bio = BIO_new(BIO_s_mem());
        PEM_write_bio_PUBKEY(bio, key);
        char* data = nullptr;
        const long size = BIO_get_mem_data(bio, &data);
        QByteArray pem(data, int(size));
        BIO_free(bio);
        return pem;
    }
    QByteArray sign(const QByteArray& data) const
    {
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        const EVP_MD* md = EVP_PKEY_get_id(key) == EVP_PKEY_ED25519 ? nullptr : EVP_sha256();
        size_t length = 0;
        EVP_DigestSignInit(ctx, nullptr, md, nullptr, key);
        EVP_DigestSign(ctx, nullptr, &length, reinterpret_cast<const unsigned char*>(data.constData()),
                       size_t(data.size()));
        QByteArray signature(qsizetype(length), Qt::Uninitialized);
        EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &length,
                       reinterpret_cast<const unsigned char*>(data.constData()), size_t(data.size()));
        EVP_MD_CTX_free(ctx);
        signature.resize(qsizetype(length));
        return signature.toBase64().toPercentEncoding();
    }
};

Response asymmetricGet(Client& client, const QString& path, const QString& apiKey, const KeyPair& pair)
{
    const QByteArray query = "timestamp=" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
    return client.send("GET", path, query + "&signature=" + pair.sign(query), apiKey.toLatin1());
}

} // namespace

class TestSimAccounts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keysMapToTheirOwnAccounts();
    void weight_isSharedByEveryKeyOfOneIp();
    void weightLimit_answers429ThenBans418();
    void apiRestrictions_reportsTheKeysFlags();
    void apiRestrictions_needsAValidSignature();
    void permissions_areEnforced();
    void subAccountSummary_listsTheMastersSubAccounts();
    void subAccountSummary_refusesBadRequests();
    void portfolioMargin_fapiRefusesPapiServes();
    void accountsFile_ownerOnlyIniWithSecretFiles();
};

void TestSimAccounts::keysMapToTheirOwnAccounts()
{
    auto sim = startSim();
    SimAccountOptions hedge;
    hedge.scenario = SimScenario::Hedge;
    hedge.positions = 4;
    hedge.seed = 7;
    SimAccountOptions multi;
    multi.scenario = SimScenario::Multi;
    multi.positions = 5;
    const int hedgeId = sim->addAccount(hedge);
    const int multiId = sim->addAccount(multi);
    QCOMPARE(sim->accountCount(), 3);
    sim->addHmacKey(u"KeyForSingle"_s, "s1");
    const KeyPair rsa("RSA");
    const KeyPair ed("ED25519");
    sim->addPublicKey(u"KeyForHedge"_s, rsa.publicPem(), hedgeId);
    sim->addPublicKey(u"KeyForMulti"_s, ed.publicPem(), multiId);
    sim->addHmacKey(u"SecondKeyForHedge"_s, "s2", hedgeId);
    QVERIFY2(sim->errorString().isEmpty(), qPrintable(sim->errorString()));

    Client client(sim->baseUrl());
    const QJsonObject single =
        client.signedGet(u"/fapi/v1/accountConfig"_s, u"KeyForSingle"_s, "s1").object();
    const QJsonObject hedged =
        asymmetricGet(client, u"/fapi/v1/accountConfig"_s, u"KeyForHedge"_s, rsa).object();
    const QJsonObject multiAssets =
        asymmetricGet(client, u"/fapi/v1/accountConfig"_s, u"KeyForMulti"_s, ed).object();
    QCOMPARE(single[u"dualSidePosition"_s].toBool(), false);
    QCOMPARE(hedged[u"dualSidePosition"_s].toBool(), true);
    QCOMPARE(multiAssets[u"multiAssetsMargin"_s].toBool(), true);
    QCOMPARE(client.signedGet(u"/fapi/v3/positionRisk"_s, u"KeyForSingle"_s, "s1").array().size(), 3);
    QCOMPARE(asymmetricGet(client, u"/fapi/v3/positionRisk"_s, u"KeyForMulti"_s, ed).array().size(), 5);
    // Two keys of one account see one book.
    QCOMPARE(client.signedGet(u"/fapi/v3/account"_s, u"SecondKeyForHedge"_s, "s2").body,
             asymmetricGet(client, u"/fapi/v3/account"_s, u"KeyForHedge"_s, rsa).body);
    // A change in one account leaves the others alone.
    const QByteArray singleBefore = client.signedGet(u"/fapi/v3/account"_s, u"KeyForSingle"_s, "s1").body;
    QVERIFY(sim->trade(hedgeId, u"BTCUSDT"_s, u"LONG"_s, u"0.010"_s));
    QCOMPARE(client.signedGet(u"/fapi/v3/account"_s, u"KeyForSingle"_s, "s1").body, singleBefore);
    // The market is shared: one mark per symbol in every account.
    const QJsonArray a = client.signedGet(u"/fapi/v3/positionRisk"_s, u"KeyForSingle"_s, "s1").array();
    const QJsonArray b = asymmetricGet(client, u"/fapi/v3/positionRisk"_s, u"KeyForMulti"_s, ed).array();
    QCOMPARE(a.at(0)[u"symbol"_s], b.at(0)[u"symbol"_s]);
    QCOMPARE(a.at(0)[u"markPrice"_s], b.at(0)[u"markPrice"_s]);
}

void TestSimAccounts::weight_isSharedByEveryKeyOfOneIp()
{
    auto sim = startSim();
    const int other = sim->addAccount({});
    sim->addHmacKey(u"KeyA"_s, "a");
    sim->addHmacKey(u"KeyB"_s, "b", other);
    Client client(sim->baseUrl());
    waitForFreshMinute();
    const int start = client.signedGet(u"/fapi/v3/account"_s, u"KeyA"_s, "a").weight;
    QCOMPARE(client.signedGet(u"/fapi/v3/account"_s, u"KeyB"_s, "b").weight, start + 5);
    QCOMPARE(client.signedGet(u"/fapi/v3/positionRisk"_s, u"KeyA"_s, "a").weight, start + 10);
    QCOMPARE(client.signedGet(u"/fapi/v1/leverageBracket"_s, u"KeyB"_s, "b").weight, start + 11);
    QCOMPARE(sim->usedWeight(), start + 11);
}

void TestSimAccounts::weightLimit_answers429ThenBans418()
{
    SimOptions options;
    options.weightLimit = 20;
    options.banAfterRejections = 2;
    options.banSeconds = 3;
    auto sim = startSim(options);
    const int other = sim->addAccount({});
    sim->addHmacKey(u"KeyA"_s, "a");
    sim->addHmacKey(u"KeyB"_s, "b", other);
    Client client(sim->baseUrl());
    waitForFreshMinute();
    // Four requests of weight 5, from two keys, fill the IP's 20.
    for (int i = 0; i < 4; ++i)
        QCOMPARE(
            client.signedGet(u"/fapi/v3/account"_s, i % 2 ? u"KeyB"_s : u"KeyA"_s, i % 2 ? "b" : "a").status,
            200);
    const Response limited = client.signedGet(u"/fapi/v3/account"_s, u"KeyB"_s, "b");
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.code(), -1003);
    QCOMPARE(limited.weight, 25);
    const int retryAfter = limited.retryAfter.toInt();
    QVERIFY2(retryAfter >= 1 && retryAfter <= 60, limited.retryAfter.constData()); // the end of the minute
    QCOMPARE(client.publicGet(u"/fapi/v1/time"_s).status, 429); // the other key and public calls alike
    // Going on after the 429s: the address is banned.
    const Response banned = client.signedGet(u"/fapi/v3/account"_s, u"KeyA"_s, "a");
    QCOMPARE(banned.status, 418);
    QCOMPARE(banned.code(), -1003);
    QCOMPARE(banned.retryAfter, "3"_ba);
    QVERIFY(banned.object()[u"msg"_s].toString().contains(u"banned until"_s));
    QCOMPARE(client.publicGet(u"/fapi/v1/time"_s).status, 418);
    // /sapi has its own budget.
    QCOMPARE(client.signedGet(u"/sapi/v1/account/apiRestrictions"_s, u"KeyA"_s, "a").status, 200);
}

void TestSimAccounts::apiRestrictions_reportsTheKeysFlags()
{
    auto sim = startSim();
    sim->addHmacKey(u"SafeKey"_s, "safe");
    sim->addHmacKey(u"RiskyKey"_s, "risky");
    SimKeyPermissions risky;
    risky.ipRestrict = false;
    risky.enableWithdrawals = true;
    risky.enableFutures = true;
    risky.enableSpotAndMarginTrading = true;
    sim->setKeyPermissions(u"RiskyKey"_s, risky);
    Client client(sim->baseUrl());
    waitForFreshMinute();
    const int fapiBefore = client.publicGet(u"/fapi/v1/time"_s).weight;
    const Response safe = client.signedGet(u"/sapi/v1/account/apiRestrictions"_s, u"SafeKey"_s, "safe");
    QCOMPARE(safe.status, 200);
    QCOMPARE(safe.weight, -1); // /sapi reports its own header …
    QVERIFY(safe.sapiWeight >= 1);
    QCOMPARE(client.publicGet(u"/fapi/v1/time"_s).weight, fapiBefore + 1); // … and does not draw on /fapi's
    const QJsonObject s = safe.object();
    QCOMPARE(s.size(), 13);
    QCOMPARE(s[u"ipRestrict"_s].toBool(), true);
    QCOMPARE(s[u"enableReading"_s].toBool(), true);
    QCOMPARE(s[u"enableWithdrawals"_s].toBool(), false);
    QCOMPARE(s[u"enableFutures"_s].toBool(), false);
    QCOMPARE(s[u"enablePortfolioMarginTrading"_s].toBool(), false);
    QVERIFY(s[u"createTime"_s].toDouble() > 1.6e12);
    const Response riskyReply =
        client.signedGet(u"/sapi/v1/account/apiRestrictions"_s, u"RiskyKey"_s, "risky");
    QCOMPARE(riskyReply.sapiWeight, safe.sapiWeight + 1);
    const QJsonObject r = riskyReply.object();
    QCOMPARE(r[u"ipRestrict"_s].toBool(), false);
    QCOMPARE(r[u"enableWithdrawals"_s].toBool(), true);
    QCOMPARE(r[u"enableFutures"_s].toBool(), true);
    QCOMPARE(r[u"enableSpotAndMarginTrading"_s].toBool(), true);
}

void TestSimAccounts::apiRestrictions_needsAValidSignature()
{
    auto sim = startSim();
    sim->addHmacKey(u"SafeKey"_s, "safe");
    Client client(sim->baseUrl());
    const Response wrong = client.signedGet(u"/sapi/v1/account/apiRestrictions"_s, u"SafeKey"_s, "other");
    QCOMPARE(wrong.status, 400);
    QCOMPARE(wrong.code(), -1022);
    const Response unknown = client.signedGet(u"/sapi/v1/account/apiRestrictions"_s, u"NoSuchKey"_s, "x");
    QCOMPARE(unknown.status, 401);
    QCOMPARE(unknown.code(), -2015);
}

void TestSimAccounts::permissions_areEnforced()
{
    SimOptions options;
    options.futuresNeedEnableFutures = true;
    auto sim = startSim(options);
    sim->addHmacKey(u"ReadOnly"_s, "r");
    sim->addHmacKey(u"WithFutures"_s, "f");
    sim->addHmacKey(u"NoReading"_s, "n");
    SimKeyPermissions futures;
    futures.enableFutures = true;
    sim->setKeyPermissions(u"WithFutures"_s, futures);
    SimKeyPermissions none;
    none.enableReading = false;
    sim->setKeyPermissions(u"NoReading"_s, none);
    Client client(sim->baseUrl());
    const Response refused = client.signedGet(u"/fapi/v3/account"_s, u"ReadOnly"_s, "r");
    QCOMPARE(refused.status, 401);
    QCOMPARE(refused.code(), -2015);
    QCOMPARE(client.signedGet(u"/fapi/v3/account"_s, u"WithFutures"_s, "f").status, 200);
    QCOMPARE(client.signedGet(u"/sapi/v1/account/apiRestrictions"_s, u"ReadOnly"_s, "r").status, 200);
    QCOMPARE(client.signedGet(u"/sapi/v1/account/apiRestrictions"_s, u"NoReading"_s, "n").code(), -2015);
}

void TestSimAccounts::subAccountSummary_listsTheMastersSubAccounts()
{
    auto sim = startSim();
    QList<int> subs;
    for (int i = 0; i < 3; ++i) {
        SimAccountOptions sub;
        sub.scenario = i == 1 ? SimScenario::Hedge : SimScenario::Single;
        sub.positions = 2 + i;
        sub.seed = 10 + i;
        sub.email = u"trader%1@example.com"_s.arg(i);
        subs.append(sim->addAccount(sub));
        sim->addHmacKey(u"SubKey%1"_s.arg(i), "sub", subs.last());
    }
    sim->setSubAccounts(0, subs);
    sim->addHmacKey(u"MasterKey"_s, "master");
    sim->shiftMarks(80);
    Client client(sim->baseUrl());
    waitForFreshMinute();
    const Response page = client.signedGet(u"/sapi/v2/sub-account/futures/accountSummary"_s, u"MasterKey"_s,
                                           "master", "futuresType=1");
    QCOMPARE(page.status, 200);
    QCOMPARE(page.weight, -1);
    const Response again = client.signedGet(u"/sapi/v2/sub-account/futures/accountSummary"_s, u"MasterKey"_s,
                                            "master", "futuresType=1&page=1&limit=2");
    QCOMPARE(again.sapiWeight, page.sapiWeight + 10); // weight 10
    const QJsonObject summary = page.object()[u"futureAccountSummaryResp"_s].toObject();
    const QJsonArray list = summary[u"subAccountList"_s].toArray();
    QCOMPARE(list.size(), 3);
    const QList<std::pair<QString, QString>> fields = {
        {u"totalInitialMargin"_s, u"totalInitialMargin"_s},
        {u"totalMaintenanceMargin"_s, u"totalMaintMargin"_s},
        {u"totalMarginBalance"_s, u"totalMarginBalance"_s},
        {u"totalOpenOrderInitialMargin"_s, u"totalOpenOrderInitialMargin"_s},
        {u"totalPositionInitialMargin"_s, u"totalPositionInitialMargin"_s},
        {u"totalUnrealizedProfit"_s, u"totalUnrealizedProfit"_s},
        {u"totalWalletBalance"_s, u"totalWalletBalance"_s}};
    QHash<QString, Big> sums;
    for (int i = 0; i < 3; ++i) {
        const QJsonObject row = list.at(i).toObject();
        QCOMPARE(row[u"email"_s].toString(), u"trader%1@example.com"_s.arg(i));
        QCOMPARE(row[u"asset"_s].toString(), u"USD"_s);
        // Each row is that sub-account's own /fapi/v3/account totals.
        const QJsonObject own = client.signedGet(u"/fapi/v3/account"_s, u"SubKey%1"_s.arg(i), "sub").object();
        for (const auto& [summaryName, accountName] : fields) {
            QCOMPARE(row[summaryName].toString(), own[accountName].toString());
            sums[summaryName] += exact(row[summaryName]);
        }
    }
    for (const auto& [summaryName, accountName] : fields)
        QCOMPARE(summary[summaryName].toString(), text(sums[summaryName]));
    QCOMPARE(summary[u"asset"_s].toString(), u"USD"_s);

    // Pages of `limit` rows; the totals still cover every sub-account.
    const QJsonObject second = client
                                   .signedGet(u"/sapi/v2/sub-account/futures/accountSummary"_s,
                                              u"MasterKey"_s, "master", "futuresType=1&page=2&limit=2")
                                   .object()[u"futureAccountSummaryResp"_s]
                                   .toObject();
    QCOMPARE(again.object()[u"futureAccountSummaryResp"_s][u"subAccountList"_s].toArray().size(), 2);
    QCOMPARE(second[u"subAccountList"_s].toArray().size(), 1);
    QCOMPARE(second[u"subAccountList"_s][0][u"email"_s].toString(), u"trader2@example.com"_s);
    QCOMPARE(second[u"totalWalletBalance"_s], summary[u"totalWalletBalance"_s]);
    // COIN-M: the other wrapper, empty books.
    const QJsonObject coin = client
                                 .signedGet(u"/sapi/v2/sub-account/futures/accountSummary"_s, u"MasterKey"_s,
                                            "master", "futuresType=2")
                                 .object();
    QCOMPARE(coin[u"deliveryAccountSummaryResp"_s][u"subAccountList"_s].toArray().size(), 3);
}

void TestSimAccounts::subAccountSummary_refusesBadRequests()
{
    auto sim = startSim();
    const int sub = sim->addAccount({});
    sim->setSubAccounts(0, {sub});
    sim->addHmacKey(u"MasterKey"_s, "master");
    sim->addHmacKey(u"SubKey"_s, "sub", sub);
    Client client(sim->baseUrl());
    const QString path = u"/sapi/v2/sub-account/futures/accountSummary"_s;
    QCOMPARE(client.signedGet(path, u"MasterKey"_s, "master").code(), -1102); // futuresType is mandatory
    QCOMPARE(client.signedGet(path, u"MasterKey"_s, "master", "futuresType=3").code(), -1102);
    QCOMPARE(client.signedGet(path, u"MasterKey"_s, "master", "futuresType=1&limit=21").code(), -1130);
    const Response notMaster = client.signedGet(path, u"SubKey"_s, "sub", "futuresType=1");
    QCOMPARE(notMaster.status, 401);
    QCOMPARE(notMaster.code(), -1002);
}

void TestSimAccounts::portfolioMargin_fapiRefusesPapiServes()
{
    auto sim = startSim();
    SimAccountOptions pm;
    pm.scenario = SimScenario::PortfolioMargin;
    pm.positions = 3;
    const int pmId = sim->addAccount(pm);
    sim->addHmacKey(u"PmKey"_s, "pm", pmId);
    sim->addHmacKey(u"ClassicKey"_s, "classic");
    sim->shiftMarks(-200);
    Client client(sim->baseUrl());
    waitForFreshMinute();

    for (const QString& path : {u"/fapi/v3/account"_s, u"/fapi/v3/positionRisk"_s,
                                u"/fapi/v1/accountConfig"_s, u"/fapi/v1/leverageBracket"_s}) {
        const Response refused = client.signedGet(path, u"PmKey"_s, "pm");
        QCOMPARE(refused.status, 401);
        QCOMPARE(refused.code(), -2015);
        QCOMPARE(refused.object()[u"msg"_s].toString(), u"Invalid API-key, IP, or permissions for action."_s);
    }
    QCOMPARE(client.signedGet(u"/sapi/v1/account/apiRestrictions"_s, u"PmKey"_s, "pm")
                 .object()[u"enablePortfolioMarginTrading"_s]
                 .toBool(),
             true);
    QCOMPARE(client.signedGet(u"/papi/v1/account"_s, u"ClassicKey"_s, "classic").code(), -2015);

    const int before = client.publicGet(u"/fapi/v1/time"_s).weight;
    const Response account = client.signedGet(u"/papi/v1/account"_s, u"PmKey"_s, "pm");
    QCOMPARE(account.status, 200);
    QVERIFY(account.weight >= 20); // its own budget, weight 20
    QCOMPARE(client.publicGet(u"/fapi/v1/time"_s).weight, before + 1);
    const QJsonObject a = account.object();
    QCOMPARE(a.keys(), (QStringList{u"accountEquity"_s, u"accountInitialMargin"_s, u"accountMaintMargin"_s,
                                    u"accountStatus"_s, u"actualEquity"_s, u"totalAvailableBalance"_s,
                                    u"totalMarginOpenLoss"_s, u"uniMMR"_s, u"updateTime"_s,
                                    u"virtualMaxWithdrawAmount"_s}));
    const Big equity = exact(a[u"accountEquity"_s]);
    const Big maint = exact(a[u"accountMaintMargin"_s]);
    QVERIFY(maint > 0);
    QCOMPARE(a[u"uniMMR"_s].toString(), text(equity * kScale / maint)); // equity / maintenance, truncated
    QVERIFY(exact(a[u"actualEquity"_s]) > equity); // collateral rates below 100 % for BTC and USDC
    QCOMPARE(a[u"accountStatus"_s].toString(), u"NORMAL"_s);

    const Response risk = client.signedGet(u"/papi/v1/um/positionRisk"_s, u"PmKey"_s, "pm");
    QCOMPARE(risk.status, 200);
    QCOMPARE(risk.array().size(), 3);
    const QJsonObject p = risk.array().at(0).toObject();
    QCOMPARE(p.keys(), (QStringList{u"entryPrice"_s, u"leverage"_s, u"liquidationPrice"_s, u"markPrice"_s,
                                    u"maxNotionalValue"_s, u"notional"_s, u"positionAmt"_s, u"positionSide"_s,
                                    u"symbol"_s, u"unRealizedProfit"_s, u"updateTime"_s}));
    Big pnl = 0;
    for (const QJsonValue& row : risk.array())
        pnl += exact(row[u"unRealizedProfit"_s]);
    QVERIFY(pnl != 0);
    // A Portfolio Margin book is not traded through /fapi.
    QVERIFY(!sim->trade(pmId, u"BTCUSDT"_s, u"BOTH"_s, u"0.001"_s));
}

void TestSimAccounts::accountsFile_ownerOnlyIniWithSecretFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto sim = startSim();
    const int second = sim->addAccount({});
    const DemoCredentials first = sim->generateDemoCredentials(0);
    const DemoCredentials other = sim->generateDemoCredentials(second);
    const QString path = dir.filePath(u"accounts.ini"_s);
    QFile stale(SimAccountsFile::secretPath(path, u"sim2"_s)); // an existing, world-readable file
    QVERIFY(stale.open(QIODevice::WriteOnly));
    stale.write("old");
    stale.close();
    QVERIFY(stale.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
    QString error;
    QVERIFY2(SimAccountsFile::write(path,
                                    {{u"sim1"_s, sim->baseUrl().toString(), first.apiKey, first.secret},
                                     {u"sim2"_s, sim->baseUrl().toString(), other.apiKey, other.secret}},
                                    &error),
             qPrintable(error));
    const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    const QFileDevice::Permissions mask = ownerOnly | QFileDevice::ReadGroup | QFileDevice::WriteGroup
                                          | QFileDevice::ReadOther | QFileDevice::WriteOther;
    QCOMPARE(QFile::permissions(path) & mask, ownerOnly);
    QSettings ini(path, QSettings::IniFormat);
    QCOMPARE(ini.childGroups(), (QStringList{u"sim1"_s, u"sim2"_s}));
    Client client(sim->baseUrl());
    for (const QString& name : {u"sim1"_s, u"sim2"_s}) {
        ini.beginGroup(name);
        QCOMPARE(ini.value(u"name"_s).toString(), name);
        QCOMPARE(ini.value(u"base_url"_s).toString(), sim->baseUrl().toString());
        const QString secretFile = ini.value(u"secret_file"_s).toString();
        QCOMPARE(QFile::permissions(secretFile) & mask, ownerOnly);
        QFile secret(secretFile);
        QVERIFY(secret.open(QIODevice::ReadOnly));
        // The key and the secret as written reach the account (the secret exactly, no newline).
        const Response r =
            client.signedGet(u"/fapi/v3/account"_s, ini.value(u"api_key"_s).toString(), secret.readAll());
        QCOMPARE(r.status, 200);
        ini.endGroup();
    }
}

QTEST_GUILESS_MAIN(TestSimAccounts)
#include "tst_sim_accounts.moc"
