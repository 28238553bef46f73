#include "model/NumberDisplay.h"

#include <algorithm>
#include <array>

namespace marginwatch {

using namespace Qt::StringLiterals;

NumberLocale::NumberLocale(const QLocale& locale)
    : m_language(locale.language())
    , m_point(locale.decimalPoint())
    , m_group(locale.groupSeparator())
    , m_minus(locale.negativeSign())
    , m_grouping(!(locale.numberOptions() & QLocale::OmitGroupSeparator))
{
    const QString zero = locale.zeroDigit();
    // Locales whose digits lie outside the BMP (a surrogate pair) keep ASCII digits.
    if (zero.size() == 1)
        m_zero = zero.at(0).unicode();
}

QString NumberLocale::localize(QStringView plain) const
{
    QString out;
    out.reserve(plain.size() + plain.size() / 3 + 2);
    qsizetype i = 0;
    if (!plain.isEmpty() && plain.front() == u'-') {
        out += m_minus;
        i = 1;
    }
    qsizetype point = plain.indexOf(u'.');
    if (point < 0)
        point = plain.size();
    const auto digit = [this](QChar c) {
        return c.isDigit() ? QChar(char16_t(m_zero + (c.unicode() - u'0'))) : c;
    };
    for (qsizetype j = i; j < point; ++j) {
        out += digit(plain.at(j));
        const qsizetype left = point - j - 1;
        if (m_grouping && left > 0 && left % 3 == 0)
            out += m_group;
    }
    if (point < plain.size()) {
        out += m_point;
        for (qsizetype j = point + 1; j < plain.size(); ++j)
            out += digit(plain.at(j));
    }
    return out;
}

QString NumberLocale::percent(double value, int fractionDigits) const
{
    // A derived ratio (floating point is fine here); "-0.00" reads as a change of sign that is not.
    QString plain = QString::number(value, 'f', fractionDigits);
    if (plain.startsWith(u'-') && plain.count(u'0') == plain.size() - 2)
        plain.remove(0, 1);
    return localize(plain) + u" %"_s;
}

int incrementDecimals(const Decimal& increment)
{
    if (increment.signum() <= 0)
        return -1;
    return std::max(0, increment.normalized().scale());
}

QString roundToIncrement(const Decimal& value, const Decimal& increment)
{
    const int decimals = incrementDecimals(increment);
    if (decimals < 0)
        return value.toCanonicalString();
    // A tick such as 0.5 or 0.025 is not a power of ten: the nearest multiple, then its digits.
    const std::optional<Decimal> rounded = value.roundedToMultiple(increment);
    return (rounded ? *rounded : value).toDisplayString(decimals, false);
}

bool isUsdLike(QStringView asset)
{
    static constexpr std::array<QStringView, 10> kDollars = {u"USDT",  u"USDC", u"USD",  u"BUSD", u"FDUSD",
                                                             u"BFUSD", u"TUSD", u"USDP", u"DAI",  u"USDE"};
    for (QStringView dollar : kDollars) {
        if (asset == dollar)
            return true;
    }
    return false;
}

int assetDecimals(QStringView asset)
{
    return isUsdLike(asset) ? 2 : 8;
}

QString NumberDisplay::price(const Decimal& value, const QString& symbol) const
{
    const SymbolPrecision* p = m_exact ? nullptr : precisionOf(symbol);
    if (!p)
        return exact(value);
    if (!p->tickSize.isZero())
        return m_locale.localize(roundToIncrement(value, p->tickSize));
    if (p->pricePrecision >= 0)
        return m_locale.localize(value.toDisplayString(p->pricePrecision, false));
    return exact(value);
}

QString NumberDisplay::quantity(const Decimal& value, const QString& symbol) const
{
    const SymbolPrecision* p = m_exact ? nullptr : precisionOf(symbol);
    if (!p)
        return exact(value);
    if (!p->stepSize.isZero())
        return m_locale.localize(roundToIncrement(value, p->stepSize));
    if (p->quantityPrecision >= 0)
        return m_locale.localize(value.toDisplayString(p->quantityPrecision, false));
    return exact(value);
}

QString NumberDisplay::money(const Decimal& value, QStringView asset) const
{
    if (m_exact)
        return exact(value);
    return m_locale.localize(value.toDisplayString(assetDecimals(asset), false));
}

QString NumberDisplay::exact(const Decimal& value) const
{
    return m_locale.localize(value.toCanonicalString());
}

} // namespace marginwatch
