#pragma once

#include "model/AccountSnapshot.h"
#include "model/Decimal.h"
#include "util/Expected.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUrl>

#include <optional>

namespace marginwatch {

// GET /papi/v1/account (weight 20): a Portfolio Margin account's unified figures. Its risk figure is
// uniMMR (equity / maintenance: liquidation comes as it falls towards 1), not the futures margin ratio.
struct PortfolioMarginAccount
{
    Decimal uniMMR;
    Decimal accountEquity;
    std::optional<Decimal> actualEquity;
    std::optional<Decimal> accountInitialMargin;
    Decimal accountMaintMargin;
    QString accountStatus; // NORMAL, MARGIN_CALL, SUPPLY_MARGIN, REDUCE_ONLY, ACTIVE_LIQUIDATION, ...
    std::optional<Decimal> virtualMaxWithdrawAmount;
    std::optional<Decimal> totalAvailableBalance; // the documentation's example sends "" for it
    qint64 updateTime = 0;
};

struct PortfolioMarginSnapshot
{
    QDateTime takenAt; // UTC
    PortfolioMarginAccount account;
    QList<Position> positions; // from /papi/v1/um/positionRisk: the USDⓈ-M positions

    bool isValid() const { return takenAt.isValid(); }
};

// Strict: uniMMR, accountEquity, accountMaintMargin (decimal strings) and accountStatus (A-Z and '_',
// at most 32) must be there; the others are decimal strings or "" (absent); errors say "papi account:
// field: ...". Bodies over 64 KB are refused.
Expected<PortfolioMarginAccount> parsePortfolioMarginAccount(QByteArrayView body);
// An array of positions (symbol, positionSide, positionAmt, entryPrice, markPrice, unRealizedProfit,
// liquidationPrice, notional, leverage); at most 10 000 rows.
Expected<QList<Position>> parsePortfolioMarginPositions(QByteArrayView body);

// Where /papi lives for a futures base URL: https://papi.binance.com for production, the same host for
// a custom one; none for Binance Demo Trading, which has no Portfolio Margin.
std::optional<QUrl> portfolioMarginBaseUrl(const QUrl& futuresBaseUrl);

} // namespace marginwatch

Q_DECLARE_METATYPE(marginwatch::PortfolioMarginSnapshot)
