#pragma once
// Every field marginwatch reads from the exchange, once: its API name, where it lives in the record,
// how it is stored, the body that sends it, and the title and explanation users see. The parser, the
// CSV files, the table models and the totals panel all loop over these tables, so a new field is one
// line here (and its member in AccountSnapshot.h). The simulator keeps its own list on purpose: it is
// the independent side the tests check this one against.

#include "model/AccountSnapshot.h"

#include <QtGlobal>

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

namespace marginwatch {

enum class FieldKind
{
    Text,            // QString
    Decimal,         // Decimal, exactly as received
    OptionalDecimal, // std::optional<Decimal>: unset when the body did not say
    Time,            // qint64 milliseconds since the epoch, 0 = never
    OptionalInteger, // std::optional<int>
};

// The body that sends a field. Position fields from positionRisk (joined on symbol and side) and
// symbolConfig (joined on symbol) enrich the account's positions.
enum class FieldSource
{
    Account,
    PositionRisk,
    SymbolConfig,
};

enum FieldFlag : unsigned
{
    NoFlags = 0,
    RowKey = 1U << 0,       // part of the row's identity: asset; symbol and side
    SymbolKey = 1U << 1,    // the symbol, which symbolConfig entries are joined on
    Optional = 1U << 2,     // an Account field the body may leave out
    Signed = 1U << 3,       // shown green or red by its sign (profit and loss)
    DecidesEmpty = 1U << 4, // a row whose fields with this flag are all zero is empty (hidden by filters)
};

// What users see: a column title or caption, and one sentence from the endpoint documentation. Both
// marked with QT_TRANSLATE_NOOP under kFieldContext, the context they are translated in.
struct FieldText
{
    const char* title;
    const char* toolTip;
};
inline constexpr char kFieldContext[] = "AccountFields";

struct FieldOptions
{
    FieldSource source = FieldSource::Account;
    unsigned flags = NoFlags;
    int displayDigits = 2; // fraction digits shown at least; a value with more shows them all
    int panelSlot = 0;     // totals: place on the totals panel in reading order from 1; 0 = not shown
    qint64 minimum = 0;    // integers and times: the accepted range (anything outside is an error)
    qint64 maximum = 4102444800000; // times: up to 2100-01-01
};

template <typename Record>
struct Field
{
    std::string_view apiName;
    FieldKind kind;
    FieldText text;
    FieldOptions options;
    QString Record::*textMember = nullptr;
    Decimal Record::*decimalMember = nullptr;
    std::optional<Decimal> Record::*optionalDecimalMember = nullptr;
    qint64 Record::*timeMember = nullptr;
    std::optional<int> Record::*optionalIntegerMember = nullptr;

    constexpr bool has(FieldFlag flag) const { return (options.flags & flag) != 0; }
    constexpr FieldSource source() const { return options.source; }
};

// One builder per stored type, so that a table line names the member and the kind follows from it.
template <typename Record>
constexpr Field<Record> field(std::string_view apiName, QString Record::*member, FieldText text,
                              FieldOptions options = {})
{
    Field<Record> f{apiName, FieldKind::Text, text, options};
    f.textMember = member;
    return f;
}

template <typename Record>
constexpr Field<Record> field(std::string_view apiName, Decimal Record::*member, FieldText text,
                              FieldOptions options = {})
{
    Field<Record> f{apiName, FieldKind::Decimal, text, options};
    f.decimalMember = member;
    return f;
}

template <typename Record>
constexpr Field<Record> field(std::string_view apiName, std::optional<Decimal> Record::*member,
                              FieldText text, FieldOptions options = {})
{
    Field<Record> f{apiName, FieldKind::OptionalDecimal, text, options};
    f.optionalDecimalMember = member;
    return f;
}

template <typename Record>
constexpr Field<Record> field(std::string_view apiName, qint64 Record::*member, FieldText text,
                              FieldOptions options = {})
{
    Field<Record> f{apiName, FieldKind::Time, text, options};
    f.timeMember = member;
    return f;
}

template <typename Record>
constexpr Field<Record> field(std::string_view apiName, std::optional<int> Record::*member, FieldText text,
                              FieldOptions options = {})
{
    Field<Record> f{apiName, FieldKind::OptionalInteger, text, options};
    f.optionalIntegerMember = member;
    return f;
}

// The 11 top-level fields of GET /fapi/v3/account, in the API's order (the CSV contract's too).
inline constexpr std::array kTotalsFields{
    field("totalInitialMargin", &AccountTotals::totalInitialMargin,
          {QT_TRANSLATE_NOOP("AccountFields", "Initial margin"),
           QT_TRANSLATE_NOOP("AccountFields",
                             "Margin held for positions and open orders at the current mark price.")},
          {.panelSlot = 5}),
    field("totalMaintMargin", &AccountTotals::totalMaintMargin,
          {QT_TRANSLATE_NOOP("AccountFields", "Maintenance margin"),
           QT_TRANSLATE_NOOP("AccountFields", "The margin needed to keep the positions open.")},
          {.panelSlot = 4}),
    field("totalWalletBalance", &AccountTotals::totalWalletBalance,
          {QT_TRANSLATE_NOOP("AccountFields", "Wallet balance"),
           QT_TRANSLATE_NOOP("AccountFields",
                             "Deposits, transfers and realized PnL, without open positions' PnL.")},
          {.panelSlot = 1}),
    field("totalUnrealizedProfit", &AccountTotals::totalUnrealizedProfit,
          {QT_TRANSLATE_NOOP("AccountFields", "Unrealized PnL"),
           QT_TRANSLATE_NOOP("AccountFields", "Profit or loss of the open positions at the mark price.")},
          {.flags = Signed, .panelSlot = 2}),
    field("totalMarginBalance", &AccountTotals::totalMarginBalance,
          {QT_TRANSLATE_NOOP("AccountFields", "Margin balance"),
           QT_TRANSLATE_NOOP("AccountFields",
                             "Wallet balance plus unrealized PnL: what backs your positions.")},
          {.panelSlot = 3}),
    field("totalPositionInitialMargin", &AccountTotals::totalPositionInitialMargin,
          {QT_TRANSLATE_NOOP("AccountFields", "Position initial margin"),
           QT_TRANSLATE_NOOP("AccountFields",
                             "Initial margin required for positions with the current mark price.")}),
    field("totalOpenOrderInitialMargin", &AccountTotals::totalOpenOrderInitialMargin,
          {QT_TRANSLATE_NOOP("AccountFields", "Open order initial margin"),
           QT_TRANSLATE_NOOP("AccountFields",
                             "Initial margin required for open orders with the current mark price.")}),
    field("totalCrossWalletBalance", &AccountTotals::totalCrossWalletBalance,
          {QT_TRANSLATE_NOOP("AccountFields", "Cross wallet balance"),
           QT_TRANSLATE_NOOP("AccountFields", "Crossed wallet balance.")}),
    field("totalCrossUnPnl", &AccountTotals::totalCrossUnPnl,
          {QT_TRANSLATE_NOOP("AccountFields", "Cross unrealized PnL"),
           QT_TRANSLATE_NOOP("AccountFields", "Unrealized profit of crossed positions.")},
          {.flags = Signed}),
    field("availableBalance", &AccountTotals::availableBalance,
          {QT_TRANSLATE_NOOP("AccountFields", "Available balance"),
           QT_TRANSLATE_NOOP("AccountFields", "What is free for new positions.")},
          {.panelSlot = 6}),
    field("maxWithdrawAmount", &AccountTotals::maxWithdrawAmount,
          {QT_TRANSLATE_NOOP("AccountFields", "Max withdraw"),
           QT_TRANSLATE_NOOP("AccountFields", "The most that can be transferred out now.")},
          {.panelSlot = 7}),
};

// One element of assets[], in the API's order.
inline constexpr std::array kAssetFields{
    field("asset", &AssetBalance::asset,
          {QT_TRANSLATE_NOOP("AccountFields", "Asset"),
           QT_TRANSLATE_NOOP("AccountFields", "The margin asset.")},
          {.flags = RowKey}),
    field("walletBalance", &AssetBalance::walletBalance,
          {QT_TRANSLATE_NOOP("AccountFields", "Wallet balance"),
           QT_TRANSLATE_NOOP("AccountFields", "Wallet balance of this asset.")},
          {.flags = DecidesEmpty}),
    field("unrealizedProfit", &AssetBalance::unrealizedProfit,
          {QT_TRANSLATE_NOOP("AccountFields", "Unrealized PnL"),
           QT_TRANSLATE_NOOP("AccountFields", "Unrealized profit of this asset's positions.")},
          {.flags = Signed | DecidesEmpty}),
    field("marginBalance", &AssetBalance::marginBalance,
          {QT_TRANSLATE_NOOP("AccountFields", "Margin balance"),
           QT_TRANSLATE_NOOP("AccountFields", "Wallet balance plus unrealized profit.")},
          {.flags = DecidesEmpty}),
    field("maintMargin", &AssetBalance::maintMargin,
          {QT_TRANSLATE_NOOP("AccountFields", "Maint. margin"),
           QT_TRANSLATE_NOOP("AccountFields", "Maintenance margin required.")}),
    field("initialMargin", &AssetBalance::initialMargin,
          {QT_TRANSLATE_NOOP("AccountFields", "Initial margin"),
           QT_TRANSLATE_NOOP("AccountFields", "Total initial margin required with the current mark price.")}),
    field("positionInitialMargin", &AssetBalance::positionInitialMargin,
          {QT_TRANSLATE_NOOP("AccountFields", "Position IM"),
           QT_TRANSLATE_NOOP("AccountFields",
                             "Initial margin required for positions with the current mark price.")}),
    field("openOrderInitialMargin", &AssetBalance::openOrderInitialMargin,
          {QT_TRANSLATE_NOOP("AccountFields", "Open order IM"),
           QT_TRANSLATE_NOOP("AccountFields",
                             "Initial margin required for open orders with the current mark price.")}),
    field("crossWalletBalance", &AssetBalance::crossWalletBalance,
          {QT_TRANSLATE_NOOP("AccountFields", "Cross wallet"),
           QT_TRANSLATE_NOOP("AccountFields", "Crossed wallet balance.")}),
    field("crossUnPnl", &AssetBalance::crossUnPnl,
          {QT_TRANSLATE_NOOP("AccountFields", "Cross unPnL"),
           QT_TRANSLATE_NOOP("AccountFields", "Unrealized profit of crossed positions.")},
          {.flags = Signed}),
    field("availableBalance", &AssetBalance::availableBalance,
          {QT_TRANSLATE_NOOP("AccountFields", "Available"),
           QT_TRANSLATE_NOOP("AccountFields", "Available balance.")},
          {.flags = DecidesEmpty}),
    field("maxWithdrawAmount", &AssetBalance::maxWithdrawAmount,
          {QT_TRANSLATE_NOOP("AccountFields", "Max withdraw"),
           QT_TRANSLATE_NOOP("AccountFields", "Maximum amount for transfer out.")}),
    field("updateTime", &AssetBalance::updateTime,
          {QT_TRANSLATE_NOOP("AccountFields", "Updated (UTC)"),
           QT_TRANSLATE_NOOP("AccountFields", "Last update time reported by the exchange.")},
          {.flags = Optional}),
};

// One element of positions[] in the API's order, then what positionRisk and symbolConfig add.
inline constexpr std::array kPositionFields{
    field("symbol", &Position::symbol,
          {QT_TRANSLATE_NOOP("AccountFields", "Symbol"), QT_TRANSLATE_NOOP("AccountFields", "The contract.")},
          {.flags = RowKey | SymbolKey}),
    field("positionSide", &Position::positionSide,
          {QT_TRANSLATE_NOOP("AccountFields", "Side"),
           QT_TRANSLATE_NOOP("AccountFields", "BOTH in one-way mode; LONG or SHORT in hedge mode.")},
          {.flags = RowKey}),
    field("positionAmt", &Position::positionAmt,
          {QT_TRANSLATE_NOOP("AccountFields", "Size"),
           QT_TRANSLATE_NOOP("AccountFields",
                             "Position amount; negative for a short position in one-way mode.")},
          {.flags = Signed | DecidesEmpty, .displayDigits = 0}),
    field("unrealizedProfit", &Position::unrealizedProfit,
          {QT_TRANSLATE_NOOP("AccountFields", "Unrealized PnL"),
           QT_TRANSLATE_NOOP("AccountFields", "Unrealized profit with the current mark price.")},
          {.flags = Signed}),
    field("isolatedMargin", &Position::isolatedMargin,
          {QT_TRANSLATE_NOOP("AccountFields", "Isolated margin"),
           QT_TRANSLATE_NOOP("AccountFields", "Margin of an isolated position.")}),
    field("notional", &Position::notional,
          {QT_TRANSLATE_NOOP("AccountFields", "Notional"),
           QT_TRANSLATE_NOOP("AccountFields", "Position value at the mark price.")}),
    field("isolatedWallet", &Position::isolatedWallet,
          {QT_TRANSLATE_NOOP("AccountFields", "Isolated wallet"),
           QT_TRANSLATE_NOOP("AccountFields", "Wallet balance of an isolated position.")}),
    field("initialMargin", &Position::initialMargin,
          {QT_TRANSLATE_NOOP("AccountFields", "Initial margin"),
           QT_TRANSLATE_NOOP("AccountFields", "Initial margin required with the current mark price.")}),
    field("maintMargin", &Position::maintMargin,
          {QT_TRANSLATE_NOOP("AccountFields", "Maint. margin"),
           QT_TRANSLATE_NOOP("AccountFields", "Maintenance margin required.")}),
    field("updateTime", &Position::updateTime,
          {QT_TRANSLATE_NOOP("AccountFields", "Updated (UTC)"),
           QT_TRANSLATE_NOOP("AccountFields", "Last update time reported by the exchange.")},
          {.flags = Optional}),
    field("entryPrice", &Position::entryPrice,
          {QT_TRANSLATE_NOOP("AccountFields", "Entry"),
           QT_TRANSLATE_NOOP("AccountFields", "Average entry price (positionRisk).")},
          {.source = FieldSource::PositionRisk}),
    field("breakEvenPrice", &Position::breakEvenPrice,
          {QT_TRANSLATE_NOOP("AccountFields", "Break-even"),
           QT_TRANSLATE_NOOP("AccountFields",
                             "Price at which the position breaks even after fees (positionRisk).")},
          {.source = FieldSource::PositionRisk}),
    field("markPrice", &Position::markPrice,
          {QT_TRANSLATE_NOOP("AccountFields", "Mark"),
           QT_TRANSLATE_NOOP("AccountFields", "Mark price used for PnL and liquidation (positionRisk).")},
          {.source = FieldSource::PositionRisk}),
    field("liquidationPrice", &Position::liquidationPrice,
          {QT_TRANSLATE_NOOP("AccountFields", "Liquidation"),
           QT_TRANSLATE_NOOP("AccountFields", "Estimated liquidation price (positionRisk); 0 means none.")},
          {.source = FieldSource::PositionRisk}),
    // Twice the highest leverage Binance offers (125x): a new tier does not break the app, garbage does.
    field("leverage", &Position::leverage,
          {QT_TRANSLATE_NOOP("AccountFields", "Leverage"),
           QT_TRANSLATE_NOOP("AccountFields", "Leverage set for this symbol (symbolConfig).")},
          {.source = FieldSource::SymbolConfig, .displayDigits = 0, .minimum = 1, .maximum = 250}),
    field("marginType", &Position::marginType,
          {QT_TRANSLATE_NOOP("AccountFields", "Margin type"),
           QT_TRANSLATE_NOOP("AccountFields", "CROSSED or ISOLATED (symbolConfig).")},
          {.source = FieldSource::SymbolConfig}),
};

// The table of a record type, for code written once for all three.
template <typename Record>
constexpr const auto& fieldsOf()
{
    if constexpr (std::is_same_v<Record, AccountTotals>)
        return kTotalsFields;
    else if constexpr (std::is_same_v<Record, AssetBalance>)
        return kAssetFields;
    else
        return kPositionFields;
}

// The index of a field in its table, or -1.
template <typename Record>
constexpr int fieldIndex(std::string_view apiName)
{
    const auto& fields = fieldsOf<Record>();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].apiName == apiName)
            return static_cast<int>(i);
    }
    return -1;
}

namespace detail {

template <typename Fn, std::size_t... I>
constexpr void forEachIndex(Fn& fn, std::index_sequence<I...>)
{
    (fn(std::integral_constant<std::size_t, I>{}), ...);
}

template <typename Fn, std::size_t... I>
constexpr bool allIndices(Fn& fn, std::index_sequence<I...>)
{
    return (fn(std::integral_constant<std::size_t, I>{}) && ...);
}

} // namespace detail

// Calls fn(std::integral_constant<std::size_t, I>) for each field index I of Record's table: the body
// can read `constexpr const auto& f = fieldsOf<Record>()[i];` and branch on f.kind with
// `if constexpr`, which unrolls every loop over the fields at compile time.
template <typename Record, typename Fn>
constexpr void forEachField(Fn&& fn)
{
    detail::forEachIndex(fn, std::make_index_sequence<fieldsOf<Record>().size()>{});
}

// Like forEachField, stopping at the first call that returns false; true when none did.
template <typename Record, typename Fn>
constexpr bool allFields(Fn&& fn)
{
    return detail::allIndices(fn, std::make_index_sequence<fieldsOf<Record>().size()>{});
}

// The same field of two records holds the same value written the same way (decimals down to their
// text: "1.0" after "1.00" is a different export).
template <typename Record, std::size_t I>
bool sameFieldText(const Record& a, const Record& b)
{
    constexpr const Field<Record>& f = fieldsOf<Record>()[I];
    if constexpr (f.kind == FieldKind::Text)
        return a.*f.textMember == b.*f.textMember;
    else if constexpr (f.kind == FieldKind::Decimal)
        return (a.*f.decimalMember).isSameText(b.*f.decimalMember);
    else if constexpr (f.kind == FieldKind::OptionalDecimal)
        return (a.*f.optionalDecimalMember).has_value() == (b.*f.optionalDecimalMember).has_value()
               && (!(a.*f.optionalDecimalMember)
                   || (a.*f.optionalDecimalMember)->isSameText(*(b.*f.optionalDecimalMember)));
    else if constexpr (f.kind == FieldKind::Time)
        return a.*f.timeMember == b.*f.timeMember;
    else
        return a.*f.optionalIntegerMember == b.*f.optionalIntegerMember;
}

// Every field of two records is the same, as sameFieldText() says.
template <typename Record>
bool sameRecordText(const Record& a, const Record& b)
{
    return allFields<Record>([&](auto i) { return sameFieldText<Record, i>(a, b); });
}

} // namespace marginwatch
