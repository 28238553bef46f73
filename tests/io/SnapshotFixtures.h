#pragma once
// Hand-built snapshots and a small RFC 4180 reader for the io tests.

#include "model/AccountSnapshot.h"
#include "model/Decimal.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <string_view>

namespace marginwatch::testing {

using namespace Qt::StringLiterals;

inline Decimal dec(std::string_view text)
{
    const std::optional<Decimal> value = Decimal::parse(text);
    Q_ASSERT_X(value.has_value(), "dec", "not a decimal in a fixture");
    return value.value_or(Decimal());
}

inline QDateTime utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

// 2026-11-25T03:30:25.123Z
inline constexpr qint64 kSampleTimeMs = 1795577425123;

inline AssetBalance sampleAsset(const QString& name, std::string_view wallet)
{
    AssetBalance a;
    a.asset = name;
    a.walletBalance = dec(wallet);
    a.unrealizedProfit = dec("-0.00000000");
    a.marginBalance = dec(wallet);
    a.maintMargin = dec("2.8E-4");
    a.initialMargin = dec("0");
    a.positionInitialMargin = dec("0.00000000");
    a.openOrderInitialMargin = dec("0.00000000");
    a.crossWalletBalance = dec(wallet);
    a.crossUnPnl = dec("0.00000000");
    a.availableBalance = dec("126.72469206");
    a.maxWithdrawAmount = dec(wallet);
    a.updateTime = 1625474304765;
    return a;
}

inline Position samplePosition(const QString& symbol, const QString& side, bool enriched)
{
    Position p;
    p.symbol = symbol;
    p.positionSide = side;
    p.positionAmt = dec("-1.000");
    p.unrealizedProfit = dec("12.34500000");
    p.isolatedMargin = dec("0.00000000");
    p.notional = dec("-43210.5");
    p.isolatedWallet = dec("0");
    p.initialMargin = dec("2160.525");
    p.maintMargin = dec("172.842");
    p.updateTime = 1625474304766;
    if (enriched) {
        p.entryPrice = dec("43222.85");
        p.breakEvenPrice = dec("43240.1394");
        p.markPrice = dec("43210.50000000");
        p.liquidationPrice = dec("0");
        p.leverage = 20;
        p.marginType = u"CROSSED"_s;
    }
    return p;
}

inline AccountSnapshot sampleSnapshot(qint64 takenAtMs = kSampleTimeMs)
{
    AccountSnapshot s;
    s.takenAt = utc(takenAtMs);
    s.accountMode = AccountMode::SingleAsset;
    s.positionMode = PositionMode::OneWay;
    AccountTotals& t = s.totals;
    t.totalInitialMargin = dec("2160.525");
    t.totalMaintMargin = dec("172.842");
    t.totalWalletBalance = dec("103.12345678");
    t.totalUnrealizedProfit = dec("-0.00000000");
    t.totalMarginBalance = dec("10000.00");
    t.totalPositionInitialMargin = dec("2.8E-4");
    t.totalOpenOrderInitialMargin = dec("0");
    t.totalCrossWalletBalance = dec("103.12345678");
    t.totalCrossUnPnl = dec("0.00000000");
    t.availableBalance = dec("103.12345678");
    t.maxWithdrawAmount = dec("103.12345678");
    s.assets = {sampleAsset(u"USDT"_s, "23.72469206"), sampleAsset(u"ODD,\"NAME\"\nX"_s, "103.12345678")};
    s.positions = {samplePosition(u"BTCUSDT"_s, u"BOTH"_s, true),
                   samplePosition(u"ETHUSDT"_s, u"BOTH"_s, false)};
    return s;
}

// RFC 4180 reader: enough to check that what was written parses back to the same fields.
inline QList<QStringList> parseCsv(const QByteArray& bytes)
{
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool rowHasContent = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == u'"') {
            quoted = true;
            rowHasContent = true;
        } else if (c == u',') {
            row << field;
            field.clear();
            rowHasContent = true;
        } else if (c == u'\n') {
            row << field;
            rows << row;
            row.clear();
            field.clear();
            rowHasContent = false;
        } else {
            field += c;
            rowHasContent = true;
        }
    }
    if (rowHasContent) { // no final "\n": the writer never does this; keep it visible
        row << field;
        rows << row;
    }
    return rows;
}

} // namespace marginwatch::testing
