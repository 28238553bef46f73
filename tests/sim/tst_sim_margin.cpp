// The simulator's margin arithmetic, checked over loopback HTTP against the formulas recomputed here
// with the test's own exact integers: maintenance margin from the served brackets, Binance's
// liquidation price (cross one-way, hedge, isolated, multi-assets), and exchangeInfo's tick and step.
#include "SimTestClient.h"

using namespace Qt::StringLiterals;
using namespace marginwatch;
using namespace simtest;

namespace {

const QString kKey = u"MarginTestKey0123456789"_s;
const QByteArray kSecret = "margin-test-secret";

struct Tier
{
    Big floor, cap, ratio, cum;
};

QHash<QString, QList<Tier>> parseBrackets(const QJsonArray& all)
{
    QHash<QString, QList<Tier>> out;
    for (const QJsonValue& entry : all) {
        QList<Tier> tiers;
        for (const QJsonValue& b : entry[u"brackets"_s].toArray())
            tiers.append({exact(b[u"notionalFloor"_s]), exact(b[u"notionalCap"_s]),
                          exact(b[u"maintMarginRatio"_s]), exact(b[u"cum"_s])});
        out.insert(entry[u"symbol"_s].toString(), tiers);
    }
    return out;
}

int tierIndex(const QList<Tier>& tiers, Big notional)
{
    for (qsizetype i = 0; i < tiers.size(); ++i) {
        if (notional < tiers.at(i).cap)
            return int(i);
    }
    return int(tiers.size() - 1);
}

struct Leg
{
    int side;
    Big quantity, entry;
    const QList<Tier>* tiers;
};

// Binance's liquidation price, written here from the published formula: for the legs of one symbol
// sharing a wallet, LP = (W + sum(cum) - sum(side*Q*EP)) / (sum(Q*MMR) - sum(side*Q)), with each leg's
// bracket the one its notional is in at LP; truncated to eight decimals; "0" when nothing > 0 solves it.
QString liquidationPrice(Big walletAndOthers, const QList<Leg>& legs, Big mark)
{
    std::optional<Big> best;
    const int second = legs.size() > 1 ? int(legs.at(1).tiers->size()) : 1;
    for (int a = 0; a < legs.at(0).tiers->size(); ++a) {
        for (int b = 0; b < second; ++b) {
            const int chosen[2] = {a, b};
            Big numerator = walletAndOthers * kScale; // units of 1e-16
            Big denominator = 0;
            for (qsizetype i = 0; i < legs.size(); ++i) {
                const Tier& t = legs.at(i).tiers->at(chosen[i]);
                numerator += t.cum * kScale - legs.at(i).side * legs.at(i).quantity * legs.at(i).entry;
                denominator += legs.at(i).quantity * t.ratio - legs.at(i).side * legs.at(i).quantity * kScale;
            }
            if (denominator == 0)
                continue;
            const Big lp = numerator * kScale / denominator;
            if (lp <= 0)
                continue;
            bool consistent = true;
            for (qsizetype i = 0; i < legs.size(); ++i)
                consistent =
                    consistent && tierIndex(*legs.at(i).tiers, mul(legs.at(i).quantity, lp)) == chosen[i];
            const auto distance = [mark](Big v) {
                return v > mark ? v - mark : mark - v;
            };
            if (consistent && (!best || distance(lp) < distance(*best)))
                best = lp;
        }
    }
    return best ? text(*best) : u"0.00000000"_s;
}

} // namespace

class TestSimMargin : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exchangeInfo_ticksStepsAndPositions();
    void leverageBracket_shapeWeightAndErrors();
    void maintenanceMargin_comesFromBrackets_data();
    void maintenanceMargin_comesFromBrackets();
    void liquidationPrice_followsPublishedFormula_data();
    void liquidationPrice_followsPublishedFormula();
    void isolatedPosition_hasItsOwnWallet();
    void notionalCoef_isPerAccount();
    void trade_averagesEntryAndRealises();
    void longRun_marketStaysBounded();

private:
    struct Snapshot
    {
        QJsonObject account;
        QJsonArray risk;
        QHash<QString, QList<Tier>> brackets;
    };
    Snapshot snapshot(Client& client, const QString& key = kKey, const QByteArray& secret = kSecret)
    {
        Snapshot s;
        const Response account = client.signedGet(u"/fapi/v3/account"_s, key, secret);
        const Response risk = client.signedGet(u"/fapi/v3/positionRisk"_s, key, secret);
        const Response brackets = client.signedGet(u"/fapi/v1/leverageBracket"_s, key, secret);
        if (account.status != 200 || risk.status != 200 || brackets.status != 200)
            qFatal("snapshot failed: %s", risk.body.constData());
        s.account = account.object();
        s.risk = risk.array();
        s.brackets = parseBrackets(brackets.array());
        return s;
    }
};

void TestSimMargin::exchangeInfo_ticksStepsAndPositions()
{
    SimOptions options;
    options.positions = 8;
    auto sim = startSim(options);
    sim->addHmacKey(kKey, kSecret);
    Client client(sim->baseUrl());
    const Response info = client.publicGet(u"/fapi/v1/exchangeInfo"_s);
    QCOMPARE(info.status, 200);
    QCOMPARE(info.weight, 1);
    QHash<QString, std::pair<QString, QString>> filters; // symbol -> (tickSize, stepSize)
    QHash<QString, int> quantityPrecision;
    for (const QJsonValue& s : info.object()[u"symbols"_s].toArray()) {
        QString tick, step;
        for (const QJsonValue& f : s[u"filters"_s].toArray()) {
            if (f[u"filterType"_s] == u"PRICE_FILTER"_s)
                tick = f[u"tickSize"_s].toString();
            if (f[u"filterType"_s] == u"LOT_SIZE"_s)
                step = f[u"stepSize"_s].toString();
        }
        filters.insert(s[u"symbol"_s].toString(), {tick, step});
        quantityPrecision.insert(s[u"symbol"_s].toString(), s[u"quantityPrecision"_s].toInt());
        QVERIFY(s[u"pricePrecision"_s].isDouble());
    }
    QCOMPARE(filters.value(u"BTCUSDT"_s), std::make_pair(u"0.10"_s, u"0.001"_s));
    QCOMPARE(filters.value(u"ETHUSDT"_s).first, u"0.01"_s);
    QCOMPARE(filters.value(u"DOGEUSDT"_s), std::make_pair(u"0.00001"_s, u"1"_s));
    QVERIFY(filters.contains(u"BTCUSDT_261225"_s)); // a delivery contract is listed as well

    // Every position's size is on its step and its entry on its tick.
    const QJsonArray risk = client.signedGet(u"/fapi/v3/positionRisk"_s, kKey, kSecret).array();
    QCOMPARE(risk.size(), 8);
    for (const QJsonValue& p : risk) {
        const auto [tick, step] = filters.value(p[u"symbol"_s].toString());
        QVERIFY2(!tick.isEmpty(), qPrintable(p[u"symbol"_s].toString()));
        QCOMPARE(exact(p[u"entryPrice"_s]) % exact(tick), Big(0));
        QCOMPARE(exact(p[u"positionAmt"_s]) % exact(step), Big(0));
        // Sizes are written with the step's decimals, as the exchange writes them.
        const QString amount = p[u"positionAmt"_s].toString();
        const int decimals = amount.contains(u'.') ? int(amount.size() - amount.indexOf(u'.') - 1) : 0;
        QCOMPARE(decimals, quantityPrecision.value(p[u"symbol"_s].toString()));
    }
}

void TestSimMargin::leverageBracket_shapeWeightAndErrors()
{
    auto sim = startSim();
    sim->addHmacKey(kKey, kSecret);
    Client client(sim->baseUrl());
    const int before = client.publicGet(u"/fapi/v1/time"_s).weight;
    const Response all = client.signedGet(u"/fapi/v1/leverageBracket"_s, kKey, kSecret);
    QCOMPARE(all.status, 200);
    QCOMPARE(all.weight, before + 1);
    QVERIFY(all.array().size() >= 3);
    const QJsonObject btc = all.array().at(0).toObject();
    QCOMPARE(btc.keys(), (QStringList{u"brackets"_s, u"notionalCoef"_s, u"symbol"_s}));
    const QJsonObject first = btc[u"brackets"_s].toArray().at(0).toObject();
    QCOMPARE(first.keys(), (QStringList{u"bracket"_s, u"cum"_s, u"initialLeverage"_s, u"maintMarginRatio"_s,
                                        u"notionalCap"_s, u"notionalFloor"_s}));
    QVERIFY(first[u"maintMarginRatio"_s].isDouble()); // numbers, not strings, in this endpoint

    const Response one = client.signedGet(u"/fapi/v1/leverageBracket"_s, kKey, kSecret, "symbol=ETHUSDT");
    QCOMPARE(one.status, 200);
    QCOMPARE(one.object()[u"symbol"_s].toString(), u"ETHUSDT"_s); // one object when a symbol is given
    const Response unknown = client.signedGet(u"/fapi/v1/leverageBracket"_s, kKey, kSecret, "symbol=FOOUSDT");
    QCOMPARE(unknown.status, 400);
    QCOMPARE(unknown.code(), -1121);
    const Response unsigned_ = client.send("GET", u"/fapi/v1/leverageBracket"_s, {}, kKey.toLatin1());
    QCOMPARE(unsigned_.code(), -1102);
}

void TestSimMargin::maintenanceMargin_comesFromBrackets_data()
{
    QTest::addColumn<int>("scenario");
    QTest::newRow("single") << int(SimScenario::Single);
    QTest::newRow("multi") << int(SimScenario::Multi);
    QTest::newRow("hedge") << int(SimScenario::Hedge);
}

void TestSimMargin::maintenanceMargin_comesFromBrackets()
{
    QFETCH(int, scenario);
    SimOptions options;
    options.scenario = SimScenario(scenario);
    options.positions = 8;
    auto sim = startSim(options);
    sim->addHmacKey(kKey, kSecret);
    sim->shiftMarks(130); // away from the entries
    Client client(sim->baseUrl());
    const Snapshot s = snapshot(client);
    Big total = 0;
    bool sawCum = false;
    for (const QJsonValue& p : s.risk) {
        const QList<Tier>& tiers = s.brackets[p[u"symbol"_s].toString()];
        Big notional = exact(p[u"notional"_s]);
        notional = notional < 0 ? -notional : notional;
        const Tier& t = tiers.at(tierIndex(tiers, notional));
        sawCum = sawCum || t.cum != 0;
        QCOMPARE(p[u"maintMargin"_s].toString(), text(mul(notional, t.ratio) - t.cum));
        total += exact(p[u"maintMargin"_s]);
    }
    QVERIFY2(sawCum, "no position beyond its first bracket: the scenario does not exercise cum");
    QCOMPARE(s.account[u"totalMaintMargin"_s].toString(), text(total));
}

void TestSimMargin::liquidationPrice_followsPublishedFormula_data()
{
    QTest::addColumn<int>("scenario");
    QTest::addColumn<int>("shiftBasisPoints");
    QTest::newRow("single, cross and isolated") << int(SimScenario::Single) << 0;
    QTest::newRow("single, marks -7 %") << int(SimScenario::Single) << -700;
    QTest::newRow("single, marks +9 %") << int(SimScenario::Single) << 900;
    QTest::newRow("hedge") << int(SimScenario::Hedge) << 0;
    QTest::newRow("hedge, marks -5 %") << int(SimScenario::Hedge) << -500;
    QTest::newRow("multi-assets") << int(SimScenario::Multi) << 250;
}

void TestSimMargin::liquidationPrice_followsPublishedFormula()
{
    QFETCH(int, scenario);
    QFETCH(int, shiftBasisPoints);
    SimOptions options;
    options.scenario = SimScenario(scenario);
    options.positions = 6;
    auto sim = startSim(options);
    sim->addHmacKey(kKey, kSecret);
    if (shiftBasisPoints != 0)
        sim->shiftMarks(shiftBasisPoints);
    Client client(sim->baseUrl());
    const Snapshot s = snapshot(client);
    QHash<QString, QList<Tier>> brackets = s.brackets;

    QHash<QString, bool> isolated;
    for (const QJsonValue& c : client.signedGet(u"/fapi/v1/symbolConfig"_s, kKey, kSecret).array())
        isolated.insert(c[u"symbol"_s].toString(), c[u"marginType"_s] == u"ISOLATED"_s);
    // The cross wallet: USDT's in single-asset mode, the USD total in multi-assets mode.
    Big crossWallet = exact(s.account[u"totalCrossWalletBalance"_s]);
    if (SimScenario(scenario) != SimScenario::Multi) {
        QCOMPARE(s.account[u"assets"_s][0][u"asset"_s].toString(), u"USDT"_s);
        crossWallet = exact(s.account[u"assets"_s][0][u"crossWalletBalance"_s]);
    }
    int checkedCross = 0;
    int checkedIsolated = 0;
    int checkedHedged = 0;
    for (const QJsonValue& p : s.risk) {
        const QString symbol = p[u"symbol"_s].toString();
        const Big amount = exact(p[u"positionAmt"_s]);
        Big walletAndOthers = 0;
        QList<Leg> legs;
        if (isolated.value(symbol)) {
            walletAndOthers = exact(p[u"isolatedWallet"_s]);
            legs.append({amount > 0 ? 1 : -1, amount > 0 ? amount : -amount, exact(p[u"entryPrice"_s]),
                         &brackets[symbol]});
            ++checkedIsolated;
        } else {
            walletAndOthers = crossWallet;
            for (const QJsonValue& q : s.risk) {
                if (isolated.value(q[u"symbol"_s].toString()))
                    continue;
                if (q[u"symbol"_s].toString() != symbol) {
                    walletAndOthers += exact(q[u"unRealizedProfit"_s]) - exact(q[u"maintMargin"_s]);
                    continue;
                }
                const Big a = exact(q[u"positionAmt"_s]);
                legs.append({a > 0 ? 1 : -1, a > 0 ? a : -a, exact(q[u"entryPrice"_s]), &brackets[symbol]});
            }
            ++checkedCross;
            checkedHedged += legs.size() > 1 ? 1 : 0;
        }
        QCOMPARE(p[u"liquidationPrice"_s].toString(),
                 liquidationPrice(walletAndOthers, legs, exact(p[u"markPrice"_s])));
    }
    QVERIFY(checkedCross > 0);
    if (SimScenario(scenario) != SimScenario::Multi)
        QVERIFY(checkedIsolated > 0);
    if (SimScenario(scenario) == SimScenario::Hedge)
        QVERIFY(checkedHedged > 0);
    // Healthy long positions liquidate below the mark, shorts above (when there is a price at all).
    for (const QJsonValue& p : s.risk) {
        if (shiftBasisPoints != 0)
            break; // a moved market may have put a position past its liquidation price
        const Big lp = exact(p[u"liquidationPrice"_s]);
        if (lp == 0 || p[u"positionSide"_s] != u"BOTH"_s)
            continue;
        QVERIFY((exact(p[u"positionAmt"_s]) > 0) == (lp < exact(p[u"markPrice"_s])));
    }
}

void TestSimMargin::isolatedPosition_hasItsOwnWallet()
{
    SimOptions options;
    options.positions = 3; // the third symbol is isolated
    auto sim = startSim(options);
    sim->addHmacKey(kKey, kSecret);
    sim->shiftMarks(-150);
    Client client(sim->baseUrl());
    const Snapshot s = snapshot(client);
    const QJsonObject usdt = s.account[u"assets"_s][0].toObject();
    Big isolatedWallets = 0;
    Big crossPnl = 0;
    Big crossInitial = 0;
    int isolatedCount = 0;
    const QJsonArray config = client.signedGet(u"/fapi/v1/symbolConfig"_s, kKey, kSecret).array();
    for (qsizetype i = 0; i < s.risk.size(); ++i) {
        const QJsonObject p = s.risk.at(i).toObject();
        const bool isolated = config.at(i)[u"marginType"_s] == u"ISOLATED"_s;
        QCOMPARE(config.at(i)[u"symbol"_s], p[u"symbol"_s]);
        if (isolated) {
            ++isolatedCount;
            QVERIFY(exact(p[u"isolatedWallet"_s]) > 0);
            QCOMPARE(exact(p[u"isolatedMargin"_s]),
                     exact(p[u"isolatedWallet"_s]) + exact(p[u"unRealizedProfit"_s]));
            isolatedWallets += exact(p[u"isolatedWallet"_s]);
        } else {
            QCOMPARE(p[u"isolatedWallet"_s].toString(), u"0.00000000"_s);
            QCOMPARE(p[u"isolatedMargin"_s].toString(), u"0.00000000"_s);
            crossPnl += exact(p[u"unRealizedProfit"_s]);
            crossInitial += exact(p[u"initialMargin"_s]);
        }
    }
    QCOMPARE(isolatedCount, 1);
    QCOMPARE(exact(usdt[u"crossWalletBalance"_s]), exact(usdt[u"walletBalance"_s]) - isolatedWallets);
    QCOMPARE(exact(usdt[u"crossUnPnl"_s]), crossPnl);
    QCOMPARE(exact(usdt[u"availableBalance"_s]),
             exact(usdt[u"crossWalletBalance"_s]) + crossPnl - crossInitial);
    QCOMPARE(exact(s.account[u"totalCrossWalletBalance"_s]), exact(usdt[u"crossWalletBalance"_s]));
    QCOMPARE(exact(s.account[u"totalMarginBalance"_s]),
             exact(s.account[u"totalWalletBalance"_s]) + exact(s.account[u"totalUnrealizedProfit"_s]));
}

void TestSimMargin::notionalCoef_isPerAccount()
{
    auto sim = startSim();
    sim->addHmacKey(kKey, kSecret);
    SimAccountOptions adjusted;
    adjusted.notionalCoefPercent = 150;
    const int other = sim->addAccount(adjusted);
    sim->addHmacKey(u"AdjustedKey"_s, "adjusted-secret", other);
    Client client(sim->baseUrl());
    const QJsonObject normal =
        client.signedGet(u"/fapi/v1/leverageBracket"_s, kKey, kSecret, "symbol=BTCUSDT").object();
    const QJsonObject scaled =
        client.signedGet(u"/fapi/v1/leverageBracket"_s, u"AdjustedKey"_s, "adjusted-secret", "symbol=BTCUSDT")
            .object();
    QCOMPARE(exact(normal[u"notionalCoef"_s]), kScale);
    QCOMPARE(exact(scaled[u"notionalCoef"_s]), kScale * 3 / 2);
    QCOMPARE(exact(normal[u"brackets"_s][0][u"notionalCap"_s]), 50000 * kScale);
    QCOMPARE(exact(scaled[u"brackets"_s][0][u"notionalCap"_s]), 75000 * kScale);
    QCOMPARE(exact(scaled[u"brackets"_s][1][u"cum"_s]), 75 * kScale);
}

void TestSimMargin::trade_averagesEntryAndRealises()
{
    auto sim = startSim();
    sim->addHmacKey(kKey, kSecret);
    Client client(sim->baseUrl());
    QVERIFY(sim->setMarkPrice(u"BTCUSDT"_s, u"60000"_s));
    const QJsonObject before = client.signedGet(u"/fapi/v3/account"_s, kKey, kSecret).object();
    const QJsonObject btcBefore =
        client.signedGet(u"/fapi/v3/positionRisk"_s, kKey, kSecret).array().at(0).toObject();
    QCOMPARE(btcBefore[u"symbol"_s].toString(), u"BTCUSDT"_s);
    const Big entryBefore = exact(btcBefore[u"entryPrice"_s]);
    const Big amountBefore = exact(btcBefore[u"positionAmt"_s]);

    QVERIFY(sim->trade(0, u"BTCUSDT"_s, u"BOTH"_s, u"0.050"_s)); // add at 60000.0
    const QJsonObject added =
        client.signedGet(u"/fapi/v3/positionRisk"_s, kKey, kSecret).array().at(0).toObject();
    const Big amount = amountBefore + exact(u"0.050"_s);
    QCOMPARE(exact(added[u"positionAmt"_s]), amount);
    QCOMPARE(exact(added[u"entryPrice"_s]),
             (amountBefore * entryBefore + exact(u"0.050"_s) * 60000 * kScale) / amount);

    QVERIFY(!sim->trade(0, u"BTCUSDT"_s, u"BOTH"_s, u"0.0005"_s)); // off the lot step
    QVERIFY(!sim->trade(0, u"BTCUSDT"_s, u"LONG"_s, u"0.001"_s));  // no hedge sides in one-way mode

    QVERIFY(sim->setMarkPrice(u"BTCUSDT"_s, u"61000.05"_s)); // fills on the tick: 61000.0
    QVERIFY(sim->trade(0, u"BTCUSDT"_s, u"BOTH"_s, text(-amount, 3)));
    const QJsonObject after = client.signedGet(u"/fapi/v3/account"_s, kKey, kSecret).object();
    // The position is gone and its PnL, less the taker fees of both fills, is in the wallet.
    for (const QJsonValue& p : after[u"positions"_s].toArray())
        QVERIFY(p[u"symbol"_s] != u"BTCUSDT"_s);
    const Big entry = exact(added[u"entryPrice"_s]);
    const Big realized = mul(61000 * kScale - entry, amount);
    const Big fees =
        mul(mul(exact(u"0.050"_s), 60000 * kScale), 50000) + mul(mul(amount, 61000 * kScale), 50000);
    QCOMPARE(exact(after[u"totalWalletBalance"_s]), exact(before[u"totalWalletBalance"_s]) + realized - fees);
}

void TestSimMargin::longRun_marketStaysBounded()
{
    auto sim = startSim();
    sim->addHmacKey(kKey, kSecret);
    Client client(sim->baseUrl());
    // Weeks of Demo mode close and open positions thousands of times; symbols come round again.
    for (int i = 0; i < 20000; ++i)
        sim->tick();
    const QJsonArray symbols = client.publicGet(u"/fapi/v1/exchangeInfo"_s).object()[u"symbols"_s].toArray();
    QVERIFY2(symbols.size() <= 64 + 1, qPrintable(QString::number(symbols.size())));
    const Snapshot s = snapshot(client);
    QCOMPARE(s.risk.size(), 3);
    Big total = 0;
    for (const QJsonValue& p : s.risk)
        total += exact(p[u"maintMargin"_s]);
    QCOMPARE(s.account[u"totalMaintMargin"_s].toString(), text(total));
}

QTEST_GUILESS_MAIN(TestSimMargin)
#include "tst_sim_margin.moc"
