#include "sim/SimSymbolCatalog.h"

#include "sim/SimFixed.h"
#include "sim/SimJson.h"

#include <array>

namespace marginwatch {

namespace {

struct BaseSpec
{
    const char* symbol;
    const char* baseAsset;
    const char* price;
    const char* tickSize;
    int pricePrecision;
    const char* stepSize;
    int quantityPrecision;
    const char* quantity;
    int bracketTable;
};

// Prices and sizes are chosen so that the default positions fall in different brackets (some with a
// non-zero cum) and every tick/step size the client must format appears.
constexpr std::array<BaseSpec, 8> kBase = {{
    {"BTCUSDT", "BTC", "60000", "0.10", 2, "0.001", 3, "0.150", 0},
    {"ETHUSDT", "ETH", "3000", "0.01", 2, "0.001", 3, "4.000", 1},
    {"BNBUSDT", "BNB", "600", "0.010", 3, "0.01", 2, "5.00", 2},
    {"SOLUSDT", "SOL", "150", "0.0100", 4, "1", 0, "50", 2},
    {"XRPUSDT", "XRP", "0.6", "0.0001", 4, "0.1", 1, "1000.0", 2},
    {"DOGEUSDT", "DOGE", "0.15", "0.00001", 5, "1", 0, "50000", 3},
    {"ADAUSDT", "ADA", "0.45", "0.00010", 5, "1", 0, "3000", 2},
    {"LINKUSDT", "LINK", "18", "0.001", 3, "0.01", 2, "50.00", 2},
}};

// {cap in USDT, maintenance ratio in millionths, max initial leverage}; cum is derived.
const QList<SimLeverageBrackets::Row>& bracketRows(int table)
{
    static const QList<SimLeverageBrackets::Row> btc = {
        {50000, 4000, 125},     {600000, 5000, 100},    {3000000, 6500, 75},     {12000000, 10000, 50},
        {70000000, 20000, 25},  {100000000, 25000, 20}, {230000000, 50000, 10},  {480000000, 100000, 5},
        {600000000, 125000, 4}, {800000000, 150000, 3}, {1200000000, 250000, 2}, {1800000000, 500000, 1}};
    static const QList<SimLeverageBrackets::Row> eth = {
        {10000, 5000, 125},    {100000, 6500, 100},   {500000, 10000, 75},   {1000000, 20000, 50},
        {2000000, 25000, 25},  {5000000, 50000, 10},  {10000000, 100000, 5}, {20000000, 125000, 4},
        {50000000, 250000, 2}, {100000000, 500000, 1}};
    static const QList<SimLeverageBrackets::Row> alt = {
        {5000, 10000, 50},    {25000, 15000, 25},    {100000, 20000, 20},
        {250000, 25000, 10},  {1000000, 50000, 5},   {2000000, 100000, 4},
        {5000000, 125000, 3}, {10000000, 250000, 2}, {20000000, 500000, 1}};
    static const QList<SimLeverageBrackets::Row> meme = {
        {5000, 10000, 50},    {50000, 20000, 25},    {200000, 25000, 20},   {1000000, 50000, 10},
        {5000000, 100000, 5}, {10000000, 125000, 4}, {30000000, 250000, 2}, {50000000, 500000, 1}};
    switch (table) {
    case 0:
        return btc;
    case 1:
        return eth;
    case 3:
        return meme;
    default:
        return alt;
    }
}

qint64 fixed(const char* text)
{
    return SimFixed::parse(QByteArray(text)).value_or(0);
}

int decimalsOf(const QByteArray& text)
{
    const qsizetype dot = text.indexOf('.');
    return dot < 0 ? 0 : static_cast<int>(text.size() - dot - 1);
}

} // namespace

int SimSymbolCatalog::baseCount()
{
    return static_cast<int>(kBase.size());
}

SimSymbolCatalog::Spec SimSymbolCatalog::specAt(int index)
{
    const BaseSpec& base = kBase[static_cast<size_t>(index) % kBase.size()];
    const int round = index / baseCount();
    Spec spec;
    spec.baseAsset = QByteArray(base.baseAsset);
    if (round > 0)
        spec.baseAsset += QByteArray::number(round);
    spec.symbol = spec.baseAsset + "USDT";
    spec.price = fixed(base.price);
    spec.tickText = base.tickSize;
    spec.stepText = base.stepSize;
    spec.tick = fixed(base.tickSize);
    spec.step = fixed(base.stepSize);
    spec.quantity = fixed(base.quantity);
    spec.pricePrecision = base.pricePrecision;
    spec.quantityPrecision = base.quantityPrecision;
    spec.stepDecimals = decimalsOf(spec.stepText);
    spec.bracketTable = base.bracketTable;
    return spec;
}

std::optional<SimSymbolCatalog::Spec> SimSymbolCatalog::find(const QByteArray& symbol)
{
    if (!symbol.endsWith("USDT"))
        return std::nullopt;
    const QByteArray base = symbol.left(symbol.size() - 4);
    for (int i = 0; i < baseCount(); ++i) {
        const QByteArray name(kBase[static_cast<size_t>(i)].baseAsset);
        if (base == name)
            return specAt(i);
        if (base.startsWith(name) && base.size() > name.size()) {
            bool ok = false;
            const int round = base.mid(name.size()).toInt(&ok);
            if (ok && round > 0 && round < 100000 && QByteArray::number(round) == base.mid(name.size()))
                return specAt(round * baseCount() + i);
        }
    }
    return std::nullopt;
}

std::optional<SimSymbolCatalog::Spec> SimSymbolCatalog::findBase(const QByteArray& symbol)
{
    for (int i = 0; i < baseCount(); ++i) {
        if (symbol == kBase[static_cast<size_t>(i)].symbol)
            return specAt(i);
    }
    return std::nullopt;
}

SimLeverageBrackets SimSymbolCatalog::brackets(const Spec& spec, qint64 notionalCoef)
{
    return SimLeverageBrackets::fromRows(bracketRows(spec.bracketTable), notionalCoef);
}

QByteArray SimSymbolCatalog::exchangeInfoSymbolJson(const Spec& spec)
{
    const qint64 maxQty =
        SimFixed::toStep(SimFixed::multiply(spec.quantity, 1000 * SimFixed::kOne), spec.step);
    const QList<QByteArray> filters = {
        SimJsonObject()
            .string("minPrice", SimFixed::format(spec.tick, decimalsOf(spec.tickText)))
            .string("maxPrice", SimFixed::formatTrimmed(SimFixed::multiply(spec.price, 100 * SimFixed::kOne)))
            .string("filterType", "PRICE_FILTER")
            .string("tickSize", spec.tickText)
            .finish(),
        SimJsonObject()
            .string("stepSize", spec.stepText)
            .string("filterType", "LOT_SIZE")
            .string("maxQty", SimFixed::formatTrimmed(maxQty))
            .string("minQty", spec.stepText)
            .finish(),
        SimJsonObject()
            .string("stepSize", spec.stepText)
            .string("filterType", "MARKET_LOT_SIZE")
            .string("maxQty", SimFixed::formatTrimmed(maxQty / 10))
            .string("minQty", spec.stepText)
            .finish(),
        SimJsonObject().integer("limit", 200).string("filterType", "MAX_NUM_ORDERS").finish(),
        SimJsonObject().string("filterType", "MIN_NOTIONAL").string("notional", "5").finish(),
    };
    return SimJsonObject()
        .string("symbol", spec.symbol)
        .string("pair", spec.symbol)
        .string("contractType", "PERPETUAL")
        .integer("deliveryDate", 4133404800000LL)
        .integer("onboardDate", 1569398400000LL)
        .string("status", "TRADING")
        .string("maintMarginPercent", "2.5000")
        .string("requiredMarginPercent", "5.0000")
        .string("baseAsset", spec.baseAsset)
        .string("quoteAsset", "USDT")
        .string("marginAsset", "USDT")
        .integer("pricePrecision", spec.pricePrecision)
        .integer("quantityPrecision", spec.quantityPrecision)
        .integer("baseAssetPrecision", 8)
        .integer("quotePrecision", 8)
        .string("underlyingType", "COIN")
        .raw("underlyingSubType", "[]")
        .integer("settlePlan", 0)
        .string("triggerProtect", "0.0500")
        .string("liquidationFee", "0.012500")
        .string("marketTakeBound", "0.05")
        .integer("maxMoveOrderLimit", 10000)
        .raw("filters", simJsonArray(filters))
        .raw("orderTypes", "[\"LIMIT\",\"MARKET\",\"STOP\",\"STOP_MARKET\",\"TAKE_PROFIT\","
                           "\"TAKE_PROFIT_MARKET\",\"TRAILING_STOP_MARKET\"]")
        .raw("timeInForce", "[\"GTC\",\"IOC\",\"FOK\",\"GTX\",\"GTD\"]")
        .finish();
}

QByteArray SimSymbolCatalog::exchangeInfoJson(const QList<Spec>& specs, qint64 serverTimeMs, int weightLimit)
{
    QList<QByteArray> symbols;
    for (const Spec& spec : specs)
        symbols.append(exchangeInfoSymbolJson(spec));
    // A delivery contract, as the real list has: it carries its own tick and is never a position here.
    Spec quarterly = specAt(0);
    quarterly.symbol = "BTCUSDT_261225";
    QByteArray quarterlyJson = exchangeInfoSymbolJson(quarterly);
    quarterlyJson.replace("\"contractType\":\"PERPETUAL\"", "\"contractType\":\"CURRENT_QUARTER\"");
    quarterlyJson.replace("\"pair\":\"BTCUSDT_261225\"", "\"pair\":\"BTCUSDT\"");
    symbols.append(quarterlyJson);

    const QList<QByteArray> rateLimits = {
        SimJsonObject()
            .string("rateLimitType", "REQUEST_WEIGHT")
            .string("interval", "MINUTE")
            .integer("intervalNum", 1)
            .integer("limit", weightLimit)
            .finish(),
        SimJsonObject()
            .string("rateLimitType", "ORDERS")
            .string("interval", "MINUTE")
            .integer("intervalNum", 1)
            .integer("limit", 1200)
            .finish(),
    };
    const QList<QByteArray> assets = {
        SimJsonObject()
            .string("asset", "USDT")
            .boolean("marginAvailable", true)
            .string("autoAssetExchange", "-10000")
            .finish(),
        SimJsonObject()
            .string("asset", "USDC")
            .boolean("marginAvailable", true)
            .string("autoAssetExchange", "-10000")
            .finish(),
        SimJsonObject()
            .string("asset", "BTC")
            .boolean("marginAvailable", true)
            .string("autoAssetExchange", "-0.10000000")
            .finish(),
    };
    return SimJsonObject()
        .string("timezone", "UTC")
        .integer("serverTime", serverTimeMs)
        .string("futuresType", "U_MARGINED")
        .raw("rateLimits", simJsonArray(rateLimits))
        .raw("exchangeFilters", "[]")
        .raw("assets", simJsonArray(assets))
        .raw("symbols", simJsonArray(symbols))
        .finish();
}

} // namespace marginwatch
