#pragma once
// How numbers are written on screen: rounded exactly for the eye (prices to the contract's tick,
// sizes to its step, money to its asset's usual decimals) and in one locale. The exact text stays
// in the models for tool tips, copying and the CSV files, which never pass through here.

#include "model/Decimal.h"
#include "model/SymbolPrecision.h"

#include <QLocale>
#include <QString>

namespace marginwatch {

// The separators of one locale, read once: formatting a cell then costs no QLocale lookup.
class NumberLocale
{
public:
    explicit NumberLocale(const QLocale& locale = QLocale::c());

    // Plain C-locale text ("-1234567.891", as Decimal writes it) in this locale: "-1.234.567,891".
    QString localize(QStringView plain) const;
    // A derived ratio already in percent, e.g. "12.34 %" / "12,34 %".
    QString percent(double value, int fractionDigits = 2) const;
    QLocale::Language language() const { return m_language; }

private:
    QLocale::Language m_language = QLocale::C;
    QString m_point;
    QString m_group;
    QString m_minus;
    char16_t m_zero = u'0';
    bool m_grouping = true;
};

// The fraction digits an increment ("0.10", "0.00001", "1") asks for: its decimals without
// trailing zeros ("0.10" -> 1, "0.0100" -> 2, "1" -> 0). -1 for zero or a negative increment.
int incrementDecimals(const Decimal& increment);
// `value` rounded to the nearest multiple of `increment` (half away from zero), in plain C-locale
// text with incrementDecimals(increment) decimals. Exact: never through double.
QString roundToIncrement(const Decimal& value, const Decimal& increment);
// Whether an asset is a dollar (stable coin or the USD of multi-assets mode totals): money is then
// shown with cents.
bool isUsdLike(QStringView asset);
// The decimals an amount of `asset` is usually read with: 2 for dollars, 8 for coins.
int assetDecimals(QStringView asset);

// Everything that decides how a number is shown: the locale, the contracts' precision (may be
// missing: then prices and sizes keep all their digits) and whether the user asked for exact values.
class NumberDisplay
{
public:
    NumberDisplay() = default;
    NumberDisplay(NumberLocale locale, SharedSymbolPrecision precision, bool exact = false)
        : m_locale(std::move(locale))
        , m_precision(std::move(precision))
        , m_exact(exact)
    {}

    // A price of `symbol` at its tick size; the API's digits when the tick is not known.
    QString price(const Decimal& value, const QString& symbol) const;
    // A quantity of `symbol` at its step size; the API's digits when the step is not known.
    QString quantity(const Decimal& value, const QString& symbol) const;
    // An amount of `asset` at its usual decimals (2 for dollars).
    QString money(const Decimal& value, QStringView asset) const;
    // All digits as received (never an exponent), in the locale.
    QString exact(const Decimal& value) const;
    QString percent(double value) const { return m_locale.percent(value); }

    const SymbolPrecision* precisionOf(const QString& symbol) const
    {
        return m_precision ? m_precision->find(symbol) : nullptr;
    }
    const NumberLocale& locale() const { return m_locale; }
    bool isExact() const { return m_exact; }

private:
    NumberLocale m_locale;
    SharedSymbolPrecision m_precision;
    bool m_exact = false;
};

} // namespace marginwatch
