#include "sim/SimAccount.h"

#include "sim/SimFixed.h"
#include "sim/SimJson.h"
#include "sim/SimLiquidation.h"

#include <algorithm>

namespace marginwatch {

namespace {

constexpr qint64 kOne = SimFixed::kOne;
constexpr qint64 kTakerFee = 50000; // 0.05 % of the notional per fill (break-even prices include it)

QByteArray key(const QByteArray& symbol, const QByteArray& side)
{
    return symbol + '|' + side;
}

int sideSign(const SimAccount::Position& p)
{
    return p.amount >= 0 ? 1 : -1;
}

int tickDecimals(const SimSymbolCatalog::Spec& spec)
{
    const qsizetype dot = spec.tickText.indexOf('.');
    return dot < 0 ? 0 : static_cast<int>(spec.tickText.size() - dot - 1);
}

} // namespace

struct SimAccount::Figures
{
    struct PerPosition
    {
        qint64 mark = 0;
        qint64 notional = 0;
        qint64 unrealized = 0;
        qint64 initialMargin = 0;
        qint64 maintMargin = 0;
        qint64 isolatedMargin = 0;
        qint64 breakEven = 0;
        qint64 liquidation = 0;
    };
    struct PerAsset
    {
        qint64 unrealized = 0;
        qint64 crossUnPnl = 0;
        qint64 initialMargin = 0;
        qint64 crossInitialMargin = 0;
        qint64 maintMargin = 0;
        qint64 marginBalance = 0;
        qint64 crossWallet = 0;
        qint64 available = 0;
        qint64 maxWithdraw = 0;
    };
    QList<PerPosition> positions;
    QList<PerAsset> assets;
    // Totals as /fapi/v3/account reports them (USDT only, or USD across assets).
    qint64 wallet = 0, crossWallet = 0, unrealized = 0, crossUnPnl = 0, marginBalance = 0, initialMargin = 0,
           maintMargin = 0, available = 0, maxWithdraw = 0;
};

SimAccount::SimAccount(SimMarket& market, const SimAccountOptions& options, const Behaviour& behaviour,
                       qint64 nowMs)
    : m_market(market)
    , m_options(options)
    , m_behaviour(behaviour)
    , m_random(options.seed)
    , m_hedge(options.scenario == SimScenario::Hedge)
    , m_multiAssets(options.scenario == SimScenario::Multi)
{
    const qint64 openedAt = nowMs - 3600'000;
    switch (options.scenario) {
    case SimScenario::Multi:
        m_holdings = {{"USDT", 6000 * kOne, kOne, kOne, openedAt},
                      {"USDC", 3000 * kOne, kOne, kOne, openedAt},
                      {"BTC", 5000000, 60000 * kOne, 95000000, openedAt}}; // 0.05 BTC
        break;
    case SimScenario::PortfolioMargin:
        m_holdings = {
            {"USDT", 15000 * kOne, kOne, kOne, openedAt},
            {"USDC", 2000 * kOne, kOne, 99000000, openedAt},
            {"BTC", 10000000, 60000 * kOne, 95000000, openedAt}}; // 0.1 BTC at a 95 % collateral rate
        break;
    default:
        m_holdings = {{"USDT", 10000 * kOne, kOne, kOne, openedAt},
                      {"USDC", 2500 * kOne, kOne, kOne, openedAt}};
        break;
    }
    m_configUpdateTime = openedAt;
    createInitialPositions(options.positions, openedAt);
}

void SimAccount::createInitialPositions(int count, qint64 nowMs)
{
    // Cross everywhere, except every third symbol in single-asset accounts (one-way and hedge), which
    // is isolated: multi-assets and Portfolio Margin accounts cannot hold isolated positions.
    const bool isolatedAllowed =
        m_options.scenario == SimScenario::Single || m_options.scenario == SimScenario::Hedge;
    const int symbols = m_hedge ? (count + 1) / 2 : count;
    for (int i = 0; i < symbols; ++i) {
        const SimSymbolCatalog::Spec spec = SimSymbolCatalog::specAt(i);
        const SimMarket::Quote& quote = m_market.quote(spec.symbol);
        m_leverage.insert(spec.symbol, 5 + (i % 4) * 5);
        const bool isolated = isolatedAllowed && i % 3 == 2;
        if (isolated)
            m_isolated.insert(spec.symbol);
        const qint64 mark = quote.mark;
        auto add = [&](const QByteArray& side, qint64 amount, qint64 entry) {
            Position p;
            p.symbol = spec.symbol;
            p.side = side;
            p.amount = amount;
            p.entry = SimFixed::toStep(entry, spec.tick);
            p.updateTime = nowMs;
            if (isolated) {
                // Opened with exactly the initial margin at entry.
                p.isolatedWallet =
                    SimFixed::multiply(SimFixed::abs(p.amount), p.entry) / leverageOf(spec.symbol);
            }
            m_positions.append(p);
        };
        if (m_hedge) {
            add("LONG", spec.quantity, mark - mark / 200);
            if (m_positions.size() < count)
                add("SHORT", -SimFixed::toStep(spec.quantity / 2, spec.step), mark + mark / 300);
        } else {
            const bool shortFirst = i % 3 == 1;
            add("BOTH", shortFirst ? -spec.quantity : spec.quantity,
                mark + (shortFirst ? mark / 250 : -mark / 250));
        }
    }
    m_nextSymbol = symbols;
}

const SimLeverageBrackets& SimAccount::brackets(const QByteArray& symbol)
{
    auto it = m_brackets.find(symbol);
    if (it == m_brackets.end()) {
        const SimSymbolCatalog::Spec spec = m_market.quote(symbol).spec;
        it = m_brackets.insert(symbol,
                               SimSymbolCatalog::brackets(
                                   spec, static_cast<qint64>(m_options.notionalCoefPercent) * kOne / 100));
    }
    return *it;
}

qsizetype SimAccount::indexOf(const QByteArray& symbol, const QByteArray& side) const
{
    for (qsizetype i = 0; i < m_positions.size(); ++i) {
        if (m_positions.at(i).symbol == symbol && m_positions.at(i).side == side)
            return i;
    }
    return -1;
}

qint64 SimAccount::multiply(qint64 a, qint64 b)
{
    return SimFixed::multiply(a, b);
}

QByteArray SimAccount::format(qint64 value, int decimals)
{
    return SimFixed::format(value, decimals);
}

SimAccount::Figures SimAccount::compute()
{
    Figures f;
    f.assets.resize(m_holdings.size());
    Figures::PerAsset& usdt = f.assets[0]; // every simulated symbol is USDT-margined
    qint64 isolatedWallets = 0;
    for (const Position& p : std::as_const(m_positions)) {
        Figures::PerPosition pp;
        pp.mark = m_market.quote(p.symbol).mark;
        pp.notional = SimFixed::multiply(pp.mark, p.amount);
        pp.unrealized = SimFixed::multiply(pp.mark - p.entry, p.amount);
        const qint64 absNotional = SimFixed::abs(pp.notional);
        pp.initialMargin = absNotional / leverageOf(p.symbol);
        pp.maintMargin = brackets(p.symbol).maintenanceMargin(absNotional);
        pp.breakEven = p.entry + SimFixed::multiply(p.entry, kTakerFee) * sideSign(p);
        const bool isolated = isIsolated(p.symbol);
        if (isolated) {
            pp.isolatedMargin = p.isolatedWallet + pp.unrealized;
            isolatedWallets += p.isolatedWallet;
        } else {
            usdt.crossUnPnl += pp.unrealized;
            usdt.crossInitialMargin += pp.initialMargin;
        }
        usdt.unrealized += pp.unrealized;
        usdt.initialMargin += pp.initialMargin;
        usdt.maintMargin += pp.maintMargin;
        f.positions.append(pp);
    }
    for (qsizetype i = 0; i < m_holdings.size(); ++i) {
        Figures::PerAsset& a = f.assets[i];
        a.crossWallet = m_holdings.at(i).wallet - (i == 0 ? isolatedWallets : 0);
        a.marginBalance = m_holdings.at(i).wallet + a.unrealized;
        a.available = a.crossWallet + a.crossUnPnl - a.crossInitialMargin;
        a.maxWithdraw = std::max<qint64>(0, std::min(a.available, a.crossWallet));
    }

    if (m_multiAssets) {
        // Multi-assets: USD values summed across every asset; margin is shared.
        for (const Holding& h : std::as_const(m_holdings))
            f.wallet += SimFixed::multiply(h.wallet, h.usdPrice);
        f.crossWallet = f.wallet - isolatedWallets;
        f.unrealized = usdt.unrealized;
        f.crossUnPnl = usdt.crossUnPnl;
        f.marginBalance = f.wallet + f.unrealized;
        f.initialMargin = usdt.initialMargin;
        f.maintMargin = usdt.maintMargin;
        f.available = f.crossWallet + f.crossUnPnl - usdt.crossInitialMargin;
        f.maxWithdraw = std::max<qint64>(0, std::min(f.available, f.crossWallet));
        for (Figures::PerAsset& a : f.assets)
            a.available = f.available; // the docs' example: each asset shows the shared USD figure
    } else {
        // Single-asset: totals are the USDT asset only; USDC and others are listed but not summed.
        f.wallet = m_holdings.at(0).wallet;
        f.crossWallet = usdt.crossWallet;
        f.unrealized = usdt.unrealized;
        f.crossUnPnl = usdt.crossUnPnl;
        f.marginBalance = usdt.marginBalance;
        f.initialMargin = usdt.initialMargin;
        f.maintMargin = usdt.maintMargin;
        f.available = usdt.available;
        f.maxWithdraw = usdt.maxWithdraw;
    }

    // Liquidation prices, from the figures as served (so a client can redo the sum from REST alone).
    qint64 crossOthers = 0; // sum of (uPnL - MM) over every cross position
    for (qsizetype i = 0; i < m_positions.size(); ++i) {
        if (!isIsolated(m_positions.at(i).symbol))
            crossOthers += f.positions.at(i).unrealized - f.positions.at(i).maintMargin;
    }
    const qint64 crossWallet = m_multiAssets ? f.crossWallet : usdt.crossWallet;
    for (qsizetype i = 0; i < m_positions.size(); ++i) {
        const Position& p = m_positions.at(i);
        QList<SimLiquidation::Leg> legs;
        qint64 walletAndOthers = 0;
        if (isIsolated(p.symbol)) {
            walletAndOthers = p.isolatedWallet;
            legs.append({sideSign(p), SimFixed::abs(p.amount), p.entry, &brackets(p.symbol)});
        } else {
            walletAndOthers = crossWallet + crossOthers;
            for (qsizetype j = 0; j < m_positions.size(); ++j) {
                const Position& q = m_positions.at(j);
                if (q.symbol != p.symbol)
                    continue;
                walletAndOthers -= f.positions.at(j).unrealized - f.positions.at(j).maintMargin;
                legs.append({sideSign(q), SimFixed::abs(q.amount), q.entry, &brackets(q.symbol)});
            }
        }
        f.positions[i].liquidation = SimLiquidation::price(walletAndOthers, legs, f.positions.at(i).mark);
    }
    return f;
}

// ---------------------------------------------------------------------------------------------------
// Changes to the book

bool SimAccount::trade(const QByteArray& symbol, const QByteArray& positionSide, qint64 quantity,
                       qint64 nowMs)
{
    if (quantity == 0 || isPortfolioMargin())
        return false;
    if (m_hedge ? (positionSide != "LONG" && positionSide != "SHORT") : positionSide != "BOTH")
        return false;
    const SimMarket::Quote& quote = m_market.quote(symbol);
    const SimSymbolCatalog::Spec spec = quote.spec;
    if (SimFixed::toStep(quantity, spec.step) != quantity)
        return false;
    if (!m_leverage.contains(symbol))
        m_leverage.insert(symbol, 10);
    const qint64 price = SimFixed::toStep(quote.mark, spec.tick); // a market fill, on the tick
    qsizetype index = indexOf(symbol, positionSide);
    const qint64 before = index >= 0 ? m_positions.at(index).amount : 0;
    // Hedge sides keep their sign: LONG >= 0, SHORT <= 0.
    if (positionSide == "LONG" && before + quantity < 0)
        return false;
    if (positionSide == "SHORT" && before + quantity > 0)
        return false;

    const bool isolated = isIsolated(symbol);
    qint64 realized = 0;
    qint64 after = before + quantity;
    Position p = index >= 0 ? m_positions.at(index) : Position{symbol, positionSide, 0, 0, 0, nowMs};
    const bool sameDirection = before == 0 || (before > 0) == (quantity > 0);
    if (sameDirection) {
        // Adding: the entry becomes the quantity-weighted average (not on the tick any more).
        const SimFixed::Wide cost = static_cast<SimFixed::Wide>(SimFixed::abs(before)) * p.entry
                                    + static_cast<SimFixed::Wide>(SimFixed::abs(quantity)) * price;
        p.entry = static_cast<qint64>(cost / SimFixed::abs(after));
        if (isolated)
            p.isolatedWallet += SimFixed::multiply(SimFixed::abs(quantity), price) / leverageOf(symbol);
    } else {
        const qint64 closed = std::min(SimFixed::abs(quantity), SimFixed::abs(before));
        realized = SimFixed::multiply(price - p.entry, before > 0 ? closed : -closed);
        if (isolated) {
            const qint64 released = static_cast<qint64>(static_cast<SimFixed::Wide>(p.isolatedWallet) * closed
                                                        / SimFixed::abs(before));
            p.isolatedWallet -= released; // the released margin and the PnL go to the cross wallet
        }
        if (SimFixed::abs(quantity) > SimFixed::abs(before)) {
            // Reversed through zero: the rest opens at the fill price.
            p.entry = price;
            p.isolatedWallet =
                isolated ? SimFixed::multiply(SimFixed::abs(after), price) / leverageOf(symbol) : 0;
        }
    }
    const qint64 commission =
        SimFixed::multiply(SimFixed::multiply(SimFixed::abs(quantity), price), kTakerFee);
    m_holdings[0].wallet += realized - commission;
    m_holdings[0].updateTime = nowMs;
    m_realized[key(symbol, positionSide)] += realized;
    p.amount = after;
    p.updateTime = nowMs;
    if (after == 0) {
        p.entry = 0;
        p.isolatedWallet = 0; // what is left returns to the cross wallet
    }
    if (index >= 0 && after == 0)
        m_positions.removeAt(index);
    else if (index >= 0)
        m_positions[index] = p;
    else
        m_positions.append(p);

    // The events of a market fill: the order accepted, the trade, the balances and position, filled.
    const qint64 orderId = m_nextOrderId++;
    const qint64 tradeId = m_nextTradeId++;
    const QByteArray clientId = "sim" + QByteArray::number(orderId, 36);
    const QByteArray orderSide = quantity > 0 ? "BUY" : "SELL";
    const int qtyDecimals = spec.stepDecimals;
    const int priceDecimals = tickDecimals(spec);
    const bool reduceOnly = !sameDirection && SimFixed::abs(quantity) <= SimFixed::abs(before);
    auto order = [&](bool filled) {
        SimJsonObject o;
        o.string("s", symbol)
            .string("c", clientId)
            .string("S", orderSide)
            .string("o", "MARKET")
            .string("f", "GTC")
            .money("q", SimFixed::abs(quantity), qtyDecimals)
            .string("p", "0")
            .money("ap", filled ? price : 0, filled ? priceDecimals : 0)
            .string("sp", "0")
            .string("x", filled ? "TRADE" : "NEW")
            .string("X", filled ? "FILLED" : "NEW")
            .integer("i", orderId)
            .money("l", filled ? SimFixed::abs(quantity) : 0, qtyDecimals)
            .money("z", filled ? SimFixed::abs(quantity) : 0, qtyDecimals)
            .money("L", filled ? price : 0, filled ? priceDecimals : 0);
        if (filled)
            o.string("N", "USDT").money("n", commission);
        o.integer("T", nowMs)
            .integer("t", filled ? tradeId : 0)
            .string("b", "0")
            .string("a", "0")
            .boolean("m", false)
            .boolean("R", reduceOnly)
            .string("wt", "CONTRACT_PRICE")
            .string("ot", "MARKET")
            .string("ps", positionSide)
            .boolean("cp", false)
            .money("rp", filled ? realized : 0)
            .boolean("pP", false)
            .integer("si", 0)
            .integer("ss", 0)
            .string("V", "EXPIRE_TAKER")
            .string("pm", "NONE")
            .integer("gtd", 0);
        return SimJsonObject()
            .string("e", "ORDER_TRADE_UPDATE")
            .raw("E", eventTime(nowMs))
            .integer("T", nowMs)
            .raw("o", o.finish())
            .finish();
    };
    emitEvent("ORDER_TRADE_UPDATE", order(false));
    emitEvent("TRADE_LITE", SimJsonObject()
                                .string("e", "TRADE_LITE")
                                .raw("E", eventTime(nowMs))
                                .integer("T", nowMs)
                                .string("s", symbol)
                                .money("q", SimFixed::abs(quantity), qtyDecimals)
                                .string("p", "0.00")
                                .boolean("m", false)
                                .string("c", clientId)
                                .string("S", orderSide)
                                .money("L", price, priceDecimals)
                                .money("l", SimFixed::abs(quantity), qtyDecimals)
                                .integer("t", tradeId)
                                .integer("i", orderId)
                                .finish());
    const Figures f = compute();
    emitEvent("ACCOUNT_UPDATE", accountUpdate("ORDER", {usdtBalanceUpdate(f, 0)},
                                              {positionUpdate(f, symbol, positionSide)}, nowMs));
    emitEvent("ORDER_TRADE_UPDATE", order(true));
    return true;
}

void SimAccount::applyFunding(qint64 nowMs)
{
    if (m_positions.isEmpty() || isPortfolioMargin())
        return;
    qint64 total = 0;
    QList<std::pair<QByteArray, QByteArray>> isolatedChanged;
    for (Position& p : m_positions) {
        const SimMarket::Quote& quote = m_market.quote(p.symbol);
        // Longs pay a positive rate, shorts receive it: fee = -notional x rate.
        const qint64 fee = -SimFixed::multiply(SimFixed::multiply(quote.mark, p.amount), quote.fundingRate);
        total += fee;
        if (isIsolated(p.symbol)) {
            p.isolatedWallet += fee;
            p.updateTime = nowMs;
            isolatedChanged.append({p.symbol, p.side});
        }
    }
    m_holdings[0].wallet += total;
    m_holdings[0].updateTime = nowMs;
    const Figures f = compute();
    // A cross funding fee sends the balance only; an isolated one also sends its position.
    QList<QByteArray> positions;
    for (const auto& [symbol, side] : std::as_const(isolatedChanged))
        positions.append(positionUpdate(f, symbol, side));
    emitEvent("ACCOUNT_UPDATE",
              accountUpdate("FUNDING_FEE", {usdtBalanceUpdate(f, total)}, positions, nowMs));
}

bool SimAccount::setLeverage(const QByteArray& symbol, int leverage, qint64 nowMs)
{
    if (leverage < 1 || leverage > 125 || isPortfolioMargin())
        return false;
    // The exchange refuses a leverage above what the position's bracket allows.
    qint64 notional = 0;
    for (const Position& p : std::as_const(m_positions)) {
        if (p.symbol == symbol)
            notional =
                std::max(notional, SimFixed::abs(SimFixed::multiply(m_market.quote(symbol).mark, p.amount)));
    }
    if (leverage > brackets(symbol).tierFor(notional).initialLeverage)
        return false;
    m_leverage[symbol] = leverage;
    m_configUpdateTime = nowMs;
    emitEvent("ACCOUNT_CONFIG_UPDATE",
              SimJsonObject()
                  .string("e", "ACCOUNT_CONFIG_UPDATE")
                  .raw("E", eventTime(nowMs))
                  .integer("T", nowMs)
                  .raw("ac", SimJsonObject().string("s", symbol).integer("l", leverage).finish())
                  .finish());
    return true;
}

bool SimAccount::setMultiAssets(bool enabled, qint64 nowMs)
{
    if (isPortfolioMargin() || (enabled && !m_isolated.isEmpty()))
        return false; // multi-assets mode allows no isolated symbols
    m_multiAssets = enabled;
    m_configUpdateTime = nowMs;
    emitEvent("ACCOUNT_CONFIG_UPDATE", SimJsonObject()
                                           .string("e", "ACCOUNT_CONFIG_UPDATE")
                                           .raw("E", eventTime(nowMs))
                                           .integer("T", nowMs)
                                           .raw("ai", SimJsonObject().boolean("j", enabled).finish())
                                           .finish());
    return true;
}

void SimAccount::checkMarginCall(qint64 nowMs)
{
    if (isPortfolioMargin() || m_positions.isEmpty())
        return;
    const Figures f = compute();
    const int threshold = m_behaviour.marginCallPercent;
    // ratio >= threshold  <=>  MM * 100 >= balance * threshold (no division, no rounding).
    const SimFixed::Wide mm100 = static_cast<SimFixed::Wide>(f.maintMargin) * 100;
    const bool high =
        f.marginBalance <= 0 || mm100 >= static_cast<SimFixed::Wide>(f.marginBalance) * threshold;
    // Re-armed once the ratio is back below 90 % of the threshold, so a ratio hovering at it does not
    // send a call every tick.
    const bool clear =
        f.marginBalance > 0 && mm100 * 10 < static_cast<SimFixed::Wide>(f.marginBalance) * threshold * 9;
    if (clear)
        m_marginCallArmed = true;
    if (!high || !m_marginCallArmed)
        return;
    m_marginCallArmed = false;
    QList<QByteArray> positions;
    for (qsizetype i = 0; i < m_positions.size(); ++i) {
        const Position& p = m_positions.at(i);
        const Figures::PerPosition& pp = f.positions.at(i);
        const SimSymbolCatalog::Spec spec = m_market.quote(p.symbol).spec;
        const bool isolated = isIsolated(p.symbol);
        positions.append(SimJsonObject()
                             .string("s", p.symbol)
                             .string("ps", p.side)
                             .money("pa", p.amount, spec.stepDecimals)
                             .string("mt", isolated ? "ISOLATED" : "CROSSED")
                             .money("iw", p.isolatedWallet)
                             .money("mp", pp.mark)
                             .money("up", pp.unrealized)
                             .money("mm", pp.maintMargin)
                             .finish());
    }
    emitEvent("MARGIN_CALL", SimJsonObject()
                                 .string("e", "MARGIN_CALL")
                                 .raw("E", eventTime(nowMs))
                                 .money("cw", f.assets.at(0).crossWallet)
                                 .raw("p", simJsonArray(positions))
                                 .finish());
}

void SimAccount::openNext(const QByteArray& side, qint64 nowMs)
{
    // Symbols come round again after a while, so the market stays bounded however long the simulator
    // runs (exchangeInfo, !markPrice@arr); a symbol still held on either side is skipped.
    const int cycle = std::max(64, m_options.positions + 16);
    int index = m_nextSymbol % cycle;
    for (int tries = 0; tries < cycle; ++tries, index = (index + 1) % cycle) {
        const QByteArray candidate = SimSymbolCatalog::specAt(index).symbol;
        if (std::none_of(m_positions.cbegin(), m_positions.cend(),
                         [&candidate](const Position& p) { return p.symbol == candidate; }))
            break;
    }
    m_nextSymbol = (index + 1) % cycle;
    const SimSymbolCatalog::Spec spec = SimSymbolCatalog::specAt(index);
    m_leverage.insert(spec.symbol, 5 + (index % 4) * 5);
    if ((m_options.scenario == SimScenario::Single || m_options.scenario == SimScenario::Hedge)
        && index % 3 == 2)
        m_isolated.insert(spec.symbol);
    else
        m_isolated.remove(spec.symbol);
    qint64 quantity = spec.quantity;
    if (side == "SHORT")
        quantity = -SimFixed::toStep(quantity / 2, spec.step);
    else if (side == "BOTH" && index % 3 == 1)
        quantity = -quantity;
    trade(spec.symbol, side, quantity, nowMs);
}

void SimAccount::tick(qint64 nowMs)
{
    ++m_ticks;
    if (isPortfolioMargin())
        return;
    if (!m_positions.isEmpty() && m_random.bounded(50) == 0) {
        // A position is closed (its PnL realised into the wallet) and another opens.
        const qsizetype victim =
            static_cast<qsizetype>(m_random.bounded(static_cast<quint32>(m_positions.size())));
        const Position p = m_positions.at(victim);
        trade(p.symbol, p.side, -p.amount, nowMs);
        openNext(p.side, nowMs);
    } else if (!m_positions.isEmpty() && m_random.bounded(40) == 0) {
        // Part of a position is added or taken off.
        const qsizetype which =
            static_cast<qsizetype>(m_random.bounded(static_cast<quint32>(m_positions.size())));
        const Position p = m_positions.at(which);
        const SimSymbolCatalog::Spec spec = m_market.quote(p.symbol).spec;
        qint64 part = SimFixed::toStep(SimFixed::abs(p.amount) / 4, spec.step);
        if (part == 0)
            part = spec.step;
        const bool add = m_random.bounded(2) == 0 || part >= SimFixed::abs(p.amount);
        trade(p.symbol, p.side, (add ? 1 : -1) * (p.amount >= 0 ? part : -part), nowMs);
    }
    if (m_behaviour.fundingEveryTicks > 0 && m_ticks % m_behaviour.fundingEveryTicks == 0)
        applyFunding(nowMs);
    if (!m_positions.isEmpty() && m_random.bounded(300) == 0) {
        const QByteArray symbol =
            m_positions.at(static_cast<qsizetype>(m_random.bounded(static_cast<quint32>(m_positions.size()))))
                .symbol;
        setLeverage(symbol, 5 + static_cast<int>(m_random.bounded(4)) * 5, nowMs);
    }
    checkMarginCall(nowMs);
}

// ---------------------------------------------------------------------------------------------------
// Events

QByteArray SimAccount::eventTime(qint64 nowMs)
{
    ++m_eventCount;
    // The exchange has sent E both as a number and as a string.
    if (m_behaviour.streamQuirks && m_eventCount % 3 == 0)
        return SimJsonObject::quoted(QByteArray::number(nowMs));
    return QByteArray::number(nowMs);
}

void SimAccount::emitEvent(const QByteArray& type, QByteArray json)
{
    m_events.append({type, std::move(json)});
}

QList<SimAccount::Event> SimAccount::takeEvents()
{
    return std::exchange(m_events, {});
}

QByteArray SimAccount::usdtBalanceUpdate(const Figures& f, qint64 balanceChange) const
{
    return SimJsonObject()
        .string("a", m_holdings.at(0).asset)
        .money("wb", m_holdings.at(0).wallet)
        .money("cw", f.assets.at(0).crossWallet)
        .money("bc", balanceChange)
        .finish();
}

QByteArray SimAccount::positionUpdate(const Figures& f, const QByteArray& symbol, const QByteArray& side)
{
    const SimSymbolCatalog::Spec spec = m_market.quote(symbol).spec;
    const qsizetype index = indexOf(symbol, side);
    const Position p = index >= 0 ? m_positions.at(index) : Position{symbol, side, 0, 0, 0, 0};
    const Figures::PerPosition pp = index >= 0 ? f.positions.at(index) : Figures::PerPosition{};
    SimJsonObject o;
    o.string("s", symbol)
        .money("pa", p.amount, spec.stepDecimals)
        .string("ep", SimFixed::formatTrimmed(p.entry))
        .string("bep", SimFixed::formatTrimmed(pp.breakEven))
        .money("cr", m_realized.value(key(symbol, side)))
        .money("up", pp.unrealized)
        .string("mt", isIsolated(symbol) ? "isolated" : "cross")
        .money("iw", p.isolatedWallet)
        .string("ps", side);
    if (m_behaviour.streamQuirks && m_accountUpdates % 2 == 1)
        o.string("ma", "USDT");
    return o.finish();
}

QByteArray SimAccount::accountUpdate(const QByteArray& reason, const QList<QByteArray>& balances,
                                     const QList<QByteArray>& positions, qint64 nowMs)
{
    const QByteArray e = eventTime(nowMs);
    ++m_accountUpdates;
    SimJsonObject a;
    a.string("m", reason).raw("B", simJsonArray(balances)).raw("P", simJsonArray(positions));
    if (m_behaviour.streamQuirks && m_accountUpdates % 3 == 0)
        a.raw("S", "[]"); // an undocumented field of unknown meaning, seen in newer payloads
    return SimJsonObject()
        .string("e", "ACCOUNT_UPDATE")
        .raw("E", e)
        .integer("T", nowMs)
        .raw("a", a.finish())
        .finish();
}

// ---------------------------------------------------------------------------------------------------
// REST bodies

QByteArray SimAccount::accountJson()
{
    const Figures f = compute();
    QList<QByteArray> assets;
    for (qsizetype i = 0; i < m_holdings.size(); ++i) {
        const Holding& h = m_holdings.at(i);
        const Figures::PerAsset& a = f.assets.at(i);
        assets.append(SimJsonObject()
                          .string("asset", h.asset)
                          .money("walletBalance", h.wallet)
                          .money("unrealizedProfit", a.unrealized)
                          .money("marginBalance", a.marginBalance)
                          .money("maintMargin", a.maintMargin)
                          .money("initialMargin", a.initialMargin)
                          .money("positionInitialMargin", a.initialMargin)
                          .money("openOrderInitialMargin", 0)
                          .money("crossWalletBalance", a.crossWallet)
                          .money("crossUnPnl", a.crossUnPnl)
                          .money("availableBalance", a.available)
                          .money("maxWithdrawAmount", a.maxWithdraw)
                          .integer("updateTime", h.updateTime)
                          .finish());
    }
    QList<QByteArray> positions;
    for (qsizetype i = 0; i < m_positions.size(); ++i) {
        const Position& p = m_positions.at(i);
        const Figures::PerPosition& pp = f.positions.at(i);
        positions.append(SimJsonObject()
                             .string("symbol", p.symbol)
                             .string("positionSide", p.side)
                             .money("positionAmt", p.amount, m_market.quote(p.symbol).spec.stepDecimals)
                             .money("unrealizedProfit", pp.unrealized)
                             .money("isolatedMargin", pp.isolatedMargin)
                             .money("notional", pp.notional)
                             .money("isolatedWallet", p.isolatedWallet)
                             .money("initialMargin", pp.initialMargin)
                             .money("maintMargin", pp.maintMargin)
                             .integer("updateTime", p.updateTime)
                             .finish());
    }
    return SimJsonObject()
        .money("totalInitialMargin", f.initialMargin)
        .money("totalMaintMargin", f.maintMargin)
        .money("totalWalletBalance", f.wallet)
        .money("totalUnrealizedProfit", f.unrealized)
        .money("totalMarginBalance", f.marginBalance)
        .money("totalPositionInitialMargin", f.initialMargin)
        .money("totalOpenOrderInitialMargin", 0)
        .money("totalCrossWalletBalance", f.crossWallet)
        .money("totalCrossUnPnl", f.crossUnPnl)
        .money("availableBalance", f.available)
        .money("maxWithdrawAmount", f.maxWithdraw)
        .raw("assets", simJsonArray(assets))
        .raw("positions", simJsonArray(positions))
        .finish();
}

QByteArray SimAccount::positionRiskJson()
{
    const Figures f = compute();
    QList<QByteArray> rows;
    for (qsizetype i = 0; i < m_positions.size(); ++i) {
        const Position& p = m_positions.at(i);
        const Figures::PerPosition& pp = f.positions.at(i);
        rows.append(SimJsonObject()
                        .string("symbol", p.symbol)
                        .string("positionSide", p.side)
                        .money("positionAmt", p.amount, m_market.quote(p.symbol).spec.stepDecimals)
                        .string("entryPrice", SimFixed::formatTrimmed(p.entry))
                        .string("breakEvenPrice", SimFixed::formatTrimmed(pp.breakEven))
                        .money("markPrice", pp.mark)
                        .money("unRealizedProfit", pp.unrealized)
                        .money("liquidationPrice", pp.liquidation)
                        .money("isolatedMargin", pp.isolatedMargin)
                        .money("notional", pp.notional)
                        .string("marginAsset", "USDT")
                        .money("isolatedWallet", p.isolatedWallet)
                        .money("initialMargin", pp.initialMargin)
                        .money("maintMargin", pp.maintMargin)
                        .money("positionInitialMargin", pp.initialMargin)
                        .money("openOrderInitialMargin", 0)
                        .integer("adl", 1 + i % 4)
                        .money("bidNotional", 0, 0)
                        .money("askNotional", 0, 0)
                        .integer("updateTime", p.updateTime)
                        .finish());
    }
    return simJsonArray(rows);
}

QByteArray SimAccount::balanceJson()
{
    const Figures f = compute();
    QList<QByteArray> rows;
    for (qsizetype i = 0; i < m_holdings.size(); ++i) {
        const Holding& h = m_holdings.at(i);
        const Figures::PerAsset& a = f.assets.at(i);
        rows.append(SimJsonObject()
                        .string("accountAlias", "SgsR")
                        .string("asset", h.asset)
                        .money("balance", h.wallet)
                        .money("crossWalletBalance", a.crossWallet)
                        .money("crossUnPnl", a.crossUnPnl)
                        .money("availableBalance", a.available)
                        .money("maxWithdrawAmount", a.maxWithdraw)
                        .boolean("marginAvailable", m_multiAssets)
                        .integer("updateTime", h.updateTime)
                        .finish());
    }
    return simJsonArray(rows);
}

QByteArray SimAccount::accountConfigJson() const
{
    return SimJsonObject()
        .integer("feeTier", 0)
        .boolean("canTrade", true)
        .boolean("canDeposit", true)
        .boolean("canWithdraw", true)
        .boolean("dualSidePosition", m_hedge)
        .integer("updateTime", 0)
        .boolean("multiAssetsMargin", m_multiAssets)
        .integer("tradeGroupId", -1)
        .finish();
}

QByteArray SimAccount::symbolConfigJson()
{
    QList<QByteArray> rows;
    QSet<QByteArray> seen;
    for (const Position& p : std::as_const(m_positions)) {
        if (seen.contains(p.symbol))
            continue;
        seen.insert(p.symbol);
        // The largest notional the current leverage allows: the cap of the last bracket that grants it.
        const int leverage = leverageOf(p.symbol);
        qint64 maxNotional = 0;
        for (const SimLeverageBrackets::Tier& tier : brackets(p.symbol).tiers()) {
            if (tier.initialLeverage >= leverage)
                maxNotional = tier.notionalCap;
        }
        rows.append(SimJsonObject()
                        .string("symbol", p.symbol)
                        .string("marginType", isIsolated(p.symbol) ? "ISOLATED" : "CROSSED")
                        .string("isAutoAddMargin", "false")
                        .integer("leverage", leverage)
                        .string("maxNotionalValue", SimFixed::formatTrimmed(maxNotional))
                        .finish());
    }
    return simJsonArray(rows);
}

QByteArray SimAccount::leverageBracketJson(const QByteArray& symbol)
{
    if (!symbol.isEmpty())
        return m_market.find(symbol) || SimSymbolCatalog::findBase(symbol) ? brackets(symbol).json(symbol)
                                                                           : QByteArray();
    QList<QByteArray> rows;
    for (const QByteArray& s : m_market.symbols())
        rows.append(brackets(s).json(s));
    return simJsonArray(rows);
}

SimAccount::Summary SimAccount::summary()
{
    const Figures f = compute();
    Summary s;
    s.initialMargin = f.initialMargin;
    s.maintMargin = f.maintMargin;
    s.marginBalance = f.marginBalance;
    s.positionInitialMargin = f.initialMargin;
    s.unrealized = f.unrealized;
    s.wallet = f.wallet;
    return s;
}

QByteArray SimAccount::papiAccountJson()
{
    const Figures f = compute();
    qint64 actual = f.unrealized;
    qint64 equity = f.unrealized;
    for (const Holding& h : std::as_const(m_holdings)) {
        const qint64 usd = SimFixed::multiply(h.wallet, h.usdPrice);
        actual += usd;
        equity += SimFixed::multiply(usd, h.collateralRate);
    }
    // uniMMR = equity / maintenance; the exchange's statuses by its level.
    const qint64 uniMmr = f.maintMargin > 0 ? SimFixed::divide(equity, f.maintMargin) : 0;
    QByteArray status = "NORMAL";
    if (f.maintMargin > 0) {
        if (uniMmr <= 105000000)
            status = "FORCE_LIQUIDATION";
        else if (uniMmr <= 120000000)
            status = "REDUCE_ONLY";
        else if (uniMmr <= 150000000)
            status = "MARGIN_CALL";
    }
    const qint64 available = equity - f.initialMargin;
    qint64 lastUpdate = 0; // the latest change to a balance or a position
    for (const Holding& h : std::as_const(m_holdings))
        lastUpdate = std::max(lastUpdate, h.updateTime);
    for (const Position& p : std::as_const(m_positions))
        lastUpdate = std::max(lastUpdate, p.updateTime);
    return SimJsonObject()
        .money("uniMMR", uniMmr)
        .money("accountEquity", equity)
        .money("actualEquity", actual)
        .money("accountInitialMargin", f.initialMargin)
        .money("accountMaintMargin", f.maintMargin)
        .string("accountStatus", status)
        .money("virtualMaxWithdrawAmount", std::max<qint64>(0, std::min(available, m_holdings.at(0).wallet)))
        .money("totalAvailableBalance", available)
        .money("totalMarginOpenLoss", 0)
        .integer("updateTime", lastUpdate)
        .finish();
}

QByteArray SimAccount::papiPositionRiskJson()
{
    const Figures f = compute();
    QList<QByteArray> rows;
    for (qsizetype i = 0; i < m_positions.size(); ++i) {
        const Position& p = m_positions.at(i);
        const Figures::PerPosition& pp = f.positions.at(i);
        qint64 maxNotional = 0;
        for (const SimLeverageBrackets::Tier& tier : brackets(p.symbol).tiers()) {
            if (tier.initialLeverage >= leverageOf(p.symbol))
                maxNotional = tier.notionalCap;
        }
        rows.append(SimJsonObject()
                        .string("entryPrice", SimFixed::formatTrimmed(p.entry))
                        .string("leverage", QByteArray::number(leverageOf(p.symbol)))
                        .money("markPrice", pp.mark)
                        .string("maxNotionalValue", SimFixed::formatTrimmed(maxNotional))
                        .money("positionAmt", p.amount, m_market.quote(p.symbol).spec.stepDecimals)
                        .money("notional", pp.notional)
                        .string("symbol", p.symbol)
                        .money("unRealizedProfit", pp.unrealized)
                        .money("liquidationPrice", pp.liquidation)
                        .string("positionSide", p.side)
                        .integer("updateTime", p.updateTime)
                        .finish());
    }
    return simJsonArray(rows);
}

} // namespace marginwatch
