#pragma once

#include "model/Decimal.h"
#include "util/Expected.h"

#include <QByteArrayView>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>
#include <variant>

namespace marginwatch {

// The user-data and mark-price events marginwatch applies, as the exchange sends them (short
// names spelled out). Money stays exact; fields the application does not use are not kept.

struct BalanceUpdate // ACCOUNT_UPDATE a.B[]
{
    QString asset;         // a
    Decimal walletBalance; // wb
    Decimal crossWallet;   // cw
    Decimal balanceChange; // bc (except PnL and commission)
    friend bool operator==(const BalanceUpdate&, const BalanceUpdate&) = default;
};

struct PositionUpdate // ACCOUNT_UPDATE a.P[]
{
    QString symbol;         // s
    Decimal positionAmt;    // pa
    Decimal entryPrice;     // ep
    Decimal breakEvenPrice; // bep
    Decimal unrealizedPnl;  // up (at the exchange's mark of the moment)
    QString marginType;     // mt: "cross" / "isolated"
    Decimal isolatedWallet; // iw
    QString positionSide;   // ps: BOTH, LONG, SHORT
    friend bool operator==(const PositionUpdate&, const PositionUpdate&) = default;
};

struct AccountUpdate
{
    qint64 eventTime = 0;
    qint64 transactionTime = 0;
    QString reason; // a.m: ORDER, FUNDING_FEE, DEPOSIT, ...
    QList<BalanceUpdate> balances;
    QList<PositionUpdate> positions; // only the changed ones
};

struct AccountConfigUpdate
{
    qint64 eventTime = 0;
    QString symbol;                  // ac.s ("" when the event is not about leverage)
    std::optional<int> leverage;     // ac.l
    std::optional<bool> multiAssets; // ai.j
};

struct MarginCallPosition
{
    QString symbol;       // s
    QString positionSide; // ps
    Decimal positionAmt;  // pa
    Decimal markPrice;    // mp
    Decimal maintMargin;  // mm
};

struct MarginCall
{
    qint64 eventTime = 0;
    Decimal crossWallet; // cw (absent for isolated-only calls: zero)
    QList<MarginCallPosition> positions;
};

struct OrderTradeUpdate
{
    qint64 eventTime = 0;
    QString symbol;        // o.s
    QString executionType; // o.x: NEW, TRADE, CANCELED, ...
    QString status;        // o.X
    bool isFill() const { return executionType == u"TRADE"; }
};

struct ListenKeyExpired
{
    qint64 eventTime = 0;
    QString listenKey;
};

// An event type marginwatch does not apply (TRADE_LITE, STRATEGY_UPDATE, ...): accepted, ignored.
struct OtherEvent
{
    QString type;
    qint64 eventTime = 0;
};

using UserDataEvent = std::variant<AccountUpdate, AccountConfigUpdate, MarginCall, OrderTradeUpdate,
                                   ListenKeyExpired, OtherEvent>;

struct MarkPriceUpdate
{
    qint64 eventTime = 0;
    QString symbol;
    Decimal markPrice;
};

// Bounds on what one event may hold; a frame beyond them is refused as a whole.
inline constexpr int kMaxEventBalances = 512;
inline constexpr int kMaxEventPositions = 4096;
inline constexpr int kMaxMarkPricesPerFrame = 4096;
inline constexpr int kMaxStreamTextLength = 64; // symbols, assets, enum values, listen keys

// A stream frame: the payload of a raw route as it is, of a combined route ({"stream":…,"data":…})
// the data; a method answer ({"result":…,"id":N}) gives its id instead (and its error, if any).
struct StreamFrame
{
    QJsonValue payload; // undefined for a method answer
    std::optional<qint64> answerId;
    QString answerError;
};
Expected<StreamFrame> parseStreamFrame(QByteArrayView json);

// One user-data event. E may be a number or a string of digits; extra fields are ignored; missing
// required fields, wrong types and out-of-range values are errors (in plain language).
Expected<UserDataEvent> parseUserDataEvent(const QJsonValue& payload);

// A markPriceUpdate object or an array of them (!markPrice@arr); entries with st other than 1 (not
// USD-M) are left out.
Expected<QList<MarkPriceUpdate>> parseMarkPrices(const QJsonValue& payload);

} // namespace marginwatch
