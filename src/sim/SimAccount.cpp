#include "sim/SimAccount.h"

#include <QDateTime>

#include <algorithm>
#include <array>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

__extension__ typedef __int128 Wide;

constexpr qint64 kMaintenanceRateBp = 40; // 0.40 % maintenance margin rate
constexpr qint64 kFeeRateBp = 4;          // 0.04 % taker fee, for break-even prices

struct SymbolSpec
{
    const char* symbol;
    qint64 price; // fixed point
    int priceDecimals;
    int quantityDecimals;
    qint64 quantity; // typical size, fixed point
};

constexpr std::array<SymbolSpec, 8> kSymbols = {{
    {"BTCUSDT", 60000'00000000LL, 2, 3, 15000000},
    {"ETHUSDT", 3000'00000000LL, 2, 3, 250000000},
    {"BNBUSDT", 600'00000000LL, 2, 2, 500000000},
    {"SOLUSDT", 150'00000000LL, 3, 0, 2000000000},
    {"XRPUSDT", 60000000LL, 4, 1, 100000000000LL},
    {"DOGEUSDT", 15000000LL, 5, 0, 500000000000LL},
    {"ADAUSDT", 45000000LL, 4, 0, 300000000000LL},
    {"LINKUSDT", 18'00000000LL, 3, 2, 5000000000LL},
}};

qint64 pow10(int n)
{
    qint64 r = 1;
    while (n-- > 0)
        r *= 10;
    return r;
}

// Rounds a fixed-point value down to `decimals` places (toward zero), as exchange ticks do.
qint64 toTick(qint64 value, int decimals)
{
    const qint64 step = pow10(8 - decimals);
    return value / step * step;
}

QByteArray quoted(const QByteArray& text)
{
    return '"' + text + '"';
}

// Tiny ordered JSON writer: the simulator serves fields in the API's order (QJsonObject would sort).
class JsonObjectWriter
{
public:
    JsonObjectWriter& field(const char* name, const QByteArray& rawValue)
    {
        m_out += (m_first ? "{\"" : ",\"");
        m_out += name;
        m_out += "\":";
        m_out += rawValue;
        m_first = false;
        return *this;
    }
    JsonObjectWriter& money(const char* name, qint64 value, int decimals = 8)
    {
        return field(name, quoted(SimAccount::format(value, decimals)));
    }
    QByteArray finish() { return m_out + (m_first ? "{}" : "}"); }

private:
    QByteArray m_out;
    bool m_first = true;
};

QByteArray joinArray(const QList<QByteArray>& items)
{
    QByteArray out = "[";
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i)
            out += ',';
        out += items.at(i);
    }
    return out + ']';
}

} // namespace

struct SimAccount::Figures
{
    struct PerPosition
    {
        qint64 notional = 0;
        qint64 unrealized = 0;
        qint64 initialMargin = 0;
        qint64 maintMargin = 0;
        qint64 liquidation = 0;
        qint64 breakEven = 0;
    };
    struct PerAsset
    {
        qint64 unrealized = 0;
        qint64 initialMargin = 0;
        qint64 maintMargin = 0;
        qint64 marginBalance = 0;
        qint64 available = 0;
        qint64 maxWithdraw = 0;
    };
    QList<PerPosition> positions;
    QList<PerAsset> assets;
    // Totals as /fapi/v3/account reports them (USDT only, or USD across assets).
    qint64 wallet = 0, unrealized = 0, marginBalance = 0, initialMargin = 0, maintMargin = 0, available = 0,
           maxWithdraw = 0;
};

SimAccount::SimAccount(SimScenario scenario, int positions, quint32 seed)
    : m_scenario(scenario)
    , m_random(seed)
{
    if (scenario == SimScenario::Multi) {
        m_holdings = {{u"USDT"_s, 6000 * kOne, kOne},
                      {u"USDC"_s, 3000 * kOne, kOne},
                      {u"BTC"_s, 5000000, 60000 * kOne}}; // 0.05 BTC
    } else {
        m_holdings = {{u"USDT"_s, 10000 * kOne, kOne}, {u"USDC"_s, 2500 * kOne, kOne}};
    }
    const qint64 openedAt = QDateTime::currentMSecsSinceEpoch() - 3600'000;
    for (Holding& h : m_holdings)
        h.updateTime = openedAt;
    const int symbols = scenario == SimScenario::Hedge ? (positions + 1) / 2 : positions;
    for (int i = 0; i < symbols; ++i)
        openPosition(i);
    if (scenario == SimScenario::Hedge && m_positions.size() > positions)
        m_positions.resize(positions);
}

SimAccount::SimPosition SimAccount::makePosition(int index, const QString& side) const
{
    SimPosition p;
    const SymbolSpec& spec = kSymbols[static_cast<size_t>(index) % kSymbols.size()];
    const int round = index / static_cast<int>(kSymbols.size());
    p.symbol = round == 0 ? QString::fromLatin1(spec.symbol)
                          : QString::fromLatin1(spec.symbol).replace(u"USDT"_s, u"%1USDT"_s.arg(round));
    p.side = side;
    p.priceDecimals = spec.priceDecimals;
    p.quantityDecimals = spec.quantityDecimals;
    p.mark = toTick(spec.price, spec.priceDecimals);
    p.entry = p.mark;
    p.amount = toTick(spec.quantity, spec.quantityDecimals);
    p.leverage = 5 + (index % 4) * 5;
    return p;
}

void SimAccount::openPosition(int index)
{
    const bool shortFirst = (index % 3) == 1;
    if (m_scenario == SimScenario::Hedge) {
        SimPosition longSide = makePosition(index, u"LONG"_s);
        SimPosition shortSide = makePosition(index, u"SHORT"_s);
        shortSide.amount = -shortSide.amount / 2;
        shortSide.amount = toTick(shortSide.amount, shortSide.quantityDecimals);
        // Entries a little away from the mark, so PnL is not zero from the start.
        longSide.entry = toTick(longSide.mark - longSide.mark / 200, longSide.priceDecimals);
        shortSide.entry = toTick(shortSide.mark + shortSide.mark / 300, shortSide.priceDecimals);
        m_positions.append(longSide);
        m_positions.append(shortSide);
    } else {
        SimPosition p = makePosition(index, u"BOTH"_s);
        if (shortFirst)
            p.amount = -p.amount;
        p.entry = toTick(p.mark + (shortFirst ? p.mark / 250 : -p.mark / 250), p.priceDecimals);
        m_positions.append(p);
    }
    m_nextSymbol = std::max(m_nextSymbol, index + 1);
}

void SimAccount::tick(qint64 nowMs)
{
    for (SimPosition& p : m_positions) {
        // A step of up to +-0.2 %, on the symbol's tick; at least one tick so prices visibly live.
        const qint64 bp = static_cast<qint64>(m_random.bounded(41)) - 20;
        qint64 next = toTick(p.mark + p.mark / 10000 * bp, p.priceDecimals);
        if (next <= 0)
            next = p.mark;
        if (next != p.mark)
            p.updateTime = nowMs;
        p.mark = next;
    }
    // Now and then a position is closed, its PnL realised into the USDT wallet, and a new one opens.
    if (!m_positions.isEmpty() && m_random.bounded(50) == 0) {
        const qsizetype victim =
            static_cast<qsizetype>(m_random.bounded(static_cast<quint32>(m_positions.size())));
        const SimPosition& p = m_positions.at(victim);
        m_holdings[0].wallet += multiply(p.mark - p.entry, p.amount);
        m_holdings[0].updateTime = nowMs;
        const qsizetype count = m_positions.size();
        m_positions.removeAt(victim);
        if (m_scenario != SimScenario::Hedge) {
            openPosition(m_nextSymbol);
            m_positions.last().updateTime = nowMs;
        } else if (count > 1) {
            // Hedge mode keeps the other side; re-open this side at the mark.
            SimPosition reopened = makePosition(m_nextSymbol, victim % 2 == 0 ? u"LONG"_s : u"SHORT"_s);
            if (reopened.side == u"SHORT"_s)
                reopened.amount = -reopened.amount;
            reopened.updateTime = nowMs;
            m_positions.append(reopened);
            ++m_nextSymbol;
        }
    }
}

qint64 SimAccount::multiply(qint64 a, qint64 b)
{
    return static_cast<qint64>(static_cast<Wide>(a) * b / kOne);
}

QByteArray SimAccount::format(qint64 value, int decimals)
{
    const bool negative = value < 0;
    const Wide magnitude = negative ? -static_cast<Wide>(value) : static_cast<Wide>(value);
    const qint64 whole = static_cast<qint64>(magnitude / kOne);
    qint64 fraction = static_cast<qint64>(magnitude % kOne);
    QByteArray out = negative ? "-" : "";
    out += QByteArray::number(whole);
    if (decimals > 0) {
        fraction /= pow10(8 - decimals);
        QByteArray digits = QByteArray::number(fraction);
        out += '.' + QByteArray(decimals - digits.size(), '0') + digits;
    }
    return out;
}

SimAccount::Figures SimAccount::compute() const
{
    Figures f;
    f.assets.resize(m_holdings.size());
    Figures::PerAsset& usdt = f.assets[0];
    for (const SimPosition& p : m_positions) {
        Figures::PerPosition pp;
        pp.notional = multiply(p.mark, p.amount);
        pp.unrealized = multiply(p.mark - p.entry, p.amount);
        const qint64 absNotional = pp.notional < 0 ? -pp.notional : pp.notional;
        pp.initialMargin = absNotional / p.leverage;
        pp.maintMargin = absNotional / 10000 * kMaintenanceRateBp;
        // Liquidation as if each position had its initial margin only: plausible, and on the right side.
        const qint64 lev = p.leverage;
        if (p.amount > 0) {
            pp.liquidation =
                toTick(p.entry - p.entry / lev + p.entry / 10000 * kMaintenanceRateBp, p.priceDecimals);
            pp.breakEven = toTick(p.entry + p.entry / 10000 * kFeeRateBp, p.priceDecimals);
        } else {
            pp.liquidation =
                toTick(p.entry + p.entry / lev - p.entry / 10000 * kMaintenanceRateBp, p.priceDecimals);
            pp.breakEven = toTick(p.entry - p.entry / 10000 * kFeeRateBp, p.priceDecimals);
        }
        usdt.unrealized += pp.unrealized;
        usdt.initialMargin += pp.initialMargin;
        usdt.maintMargin += pp.maintMargin;
        f.positions.append(pp);
    }
    for (qsizetype i = 0; i < m_holdings.size(); ++i) {
        Figures::PerAsset& a = f.assets[i];
        a.marginBalance = m_holdings.at(i).wallet + a.unrealized;
        a.available = a.marginBalance - a.initialMargin;
        a.maxWithdraw = std::max<qint64>(0, std::min(a.available, m_holdings.at(i).wallet));
    }

    if (m_scenario == SimScenario::Multi) {
        // Multi-assets: USD values summed across every asset; margin is shared.
        for (qsizetype i = 0; i < m_holdings.size(); ++i)
            f.wallet += multiply(m_holdings.at(i).wallet, m_holdings.at(i).usdPrice);
        f.unrealized = usdt.unrealized;
        f.marginBalance = f.wallet + f.unrealized;
        f.initialMargin = usdt.initialMargin;
        f.maintMargin = usdt.maintMargin;
        f.available = f.marginBalance - f.initialMargin;
        f.maxWithdraw = std::max<qint64>(0, std::min(f.available, f.wallet));
        for (Figures::PerAsset& a : f.assets)
            a.available = f.available; // the docs' example: each asset shows the shared USD figure
    } else {
        // Single-asset: totals are the USDT asset only; USDC and others are listed but not summed.
        f.wallet = m_holdings.at(0).wallet;
        f.unrealized = usdt.unrealized;
        f.marginBalance = usdt.marginBalance;
        f.initialMargin = usdt.initialMargin;
        f.maintMargin = usdt.maintMargin;
        f.available = usdt.available;
        f.maxWithdraw = usdt.maxWithdraw;
    }
    return f;
}

QByteArray SimAccount::accountJson() const
{
    const Figures f = compute();
    QList<QByteArray> assets;
    for (qsizetype i = 0; i < m_holdings.size(); ++i) {
        const Holding& h = m_holdings.at(i);
        const Figures::PerAsset& a = f.assets.at(i);
        assets.append(JsonObjectWriter()
                          .field("asset", quoted(h.asset.toLatin1()))
                          .money("walletBalance", h.wallet)
                          .money("unrealizedProfit", a.unrealized)
                          .money("marginBalance", a.marginBalance)
                          .money("maintMargin", a.maintMargin)
                          .money("initialMargin", a.initialMargin)
                          .money("positionInitialMargin", a.initialMargin)
                          .money("openOrderInitialMargin", 0)
                          .money("crossWalletBalance", h.wallet)
                          .money("crossUnPnl", a.unrealized)
                          .money("availableBalance", a.available)
                          .money("maxWithdrawAmount", a.maxWithdraw)
                          .field("updateTime", QByteArray::number(h.updateTime))
                          .finish());
    }
    QList<QByteArray> positions;
    for (qsizetype i = 0; i < m_positions.size(); ++i) {
        const SimPosition& p = m_positions.at(i);
        const Figures::PerPosition& pp = f.positions.at(i);
        positions.append(JsonObjectWriter()
                             .field("symbol", quoted(p.symbol.toLatin1()))
                             .field("positionSide", quoted(p.side.toLatin1()))
                             .money("positionAmt", p.amount, p.quantityDecimals)
                             .money("unrealizedProfit", pp.unrealized)
                             .money("isolatedMargin", 0)
                             .money("notional", pp.notional)
                             .money("isolatedWallet", 0)
                             .money("initialMargin", pp.initialMargin)
                             .money("maintMargin", pp.maintMargin)
                             .field("updateTime", QByteArray::number(p.updateTime))
                             .finish());
    }
    return JsonObjectWriter()
        .money("totalInitialMargin", f.initialMargin)
        .money("totalMaintMargin", f.maintMargin)
        .money("totalWalletBalance", f.wallet)
        .money("totalUnrealizedProfit", f.unrealized)
        .money("totalMarginBalance", f.marginBalance)
        .money("totalPositionInitialMargin", f.initialMargin)
        .money("totalOpenOrderInitialMargin", 0)
        .money("totalCrossWalletBalance", f.wallet)
        .money("totalCrossUnPnl", f.unrealized)
        .money("availableBalance", f.available)
        .money("maxWithdrawAmount", f.maxWithdraw)
        .field("assets", joinArray(assets))
        .field("positions", joinArray(positions))
        .finish();
}

QByteArray SimAccount::positionRiskJson() const
{
    const Figures f = compute();
    QList<QByteArray> rows;
    for (qsizetype i = 0; i < m_positions.size(); ++i) {
        const SimPosition& p = m_positions.at(i);
        const Figures::PerPosition& pp = f.positions.at(i);
        rows.append(JsonObjectWriter()
                        .field("symbol", quoted(p.symbol.toLatin1()))
                        .field("positionSide", quoted(p.side.toLatin1()))
                        .money("positionAmt", p.amount, p.quantityDecimals)
                        .money("entryPrice", p.entry, p.priceDecimals)
                        .money("breakEvenPrice", pp.breakEven, p.priceDecimals)
                        .money("markPrice", p.mark, 8)
                        .money("unRealizedProfit", pp.unrealized)
                        .money("liquidationPrice", pp.liquidation, p.priceDecimals)
                        .money("isolatedMargin", 0)
                        .money("notional", pp.notional)
                        .field("marginAsset", "\"USDT\"")
                        .money("isolatedWallet", 0)
                        .money("initialMargin", pp.initialMargin)
                        .money("maintMargin", pp.maintMargin)
                        .money("positionInitialMargin", pp.initialMargin)
                        .money("openOrderInitialMargin", 0)
                        .field("adl", QByteArray::number(1 + i % 4))
                        .money("bidNotional", 0, 0)
                        .money("askNotional", 0, 0)
                        .field("updateTime", QByteArray::number(p.updateTime))
                        .finish());
    }
    return joinArray(rows);
}

QByteArray SimAccount::balanceJson() const
{
    const Figures f = compute();
    QList<QByteArray> rows;
    for (qsizetype i = 0; i < m_holdings.size(); ++i) {
        const Holding& h = m_holdings.at(i);
        const Figures::PerAsset& a = f.assets.at(i);
        rows.append(JsonObjectWriter()
                        .field("accountAlias", "\"SgsR\"")
                        .field("asset", quoted(h.asset.toLatin1()))
                        .money("balance", h.wallet)
                        .money("crossWalletBalance", h.wallet)
                        .money("crossUnPnl", a.unrealized)
                        .money("availableBalance", a.available)
                        .money("maxWithdrawAmount", a.maxWithdraw)
                        .field("marginAvailable", m_scenario == SimScenario::Multi ? "true" : "false")
                        .field("updateTime", QByteArray::number(h.updateTime))
                        .finish());
    }
    return joinArray(rows);
}

QByteArray SimAccount::accountConfigJson() const
{
    return JsonObjectWriter()
        .field("feeTier", "0")
        .field("canTrade", "true")
        .field("canDeposit", "true")
        .field("canWithdraw", "true")
        .field("dualSidePosition", m_scenario == SimScenario::Hedge ? "true" : "false")
        .field("updateTime", "0")
        .field("multiAssetsMargin", m_scenario == SimScenario::Multi ? "true" : "false")
        .field("tradeGroupId", "-1")
        .finish();
}

QByteArray SimAccount::symbolConfigJson() const
{
    QList<QByteArray> rows;
    QStringList seen;
    for (const SimPosition& p : m_positions) {
        if (seen.contains(p.symbol))
            continue;
        seen.append(p.symbol);
        rows.append(JsonObjectWriter()
                        .field("symbol", quoted(p.symbol.toLatin1()))
                        .field("marginType", "\"CROSSED\"")
                        .field("isAutoAddMargin", "\"false\"")
                        .field("leverage", QByteArray::number(p.leverage))
                        .field("maxNotionalValue", "\"20000000\"")
                        .finish());
    }
    return joinArray(rows);
}

} // namespace marginwatch
