#include "sim/SimFixed.h"

namespace marginwatch {

qint64 SimFixed::pow10(int n)
{
    qint64 r = 1;
    while (n-- > 0)
        r *= 10;
    return r;
}

qint64 SimFixed::multiply(qint64 a, qint64 b)
{
    return static_cast<qint64>(static_cast<Wide>(a) * b / kOne);
}

qint64 SimFixed::divide(qint64 a, qint64 b)
{
    return static_cast<qint64>(static_cast<Wide>(a) * kOne / b);
}

qint64 SimFixed::toStep(qint64 value, qint64 step)
{
    return step > 0 ? value / step * step : value;
}

QByteArray SimFixed::format(qint64 value, int decimals)
{
    const bool negative = value < 0;
    const Wide magnitude = negative ? -static_cast<Wide>(value) : static_cast<Wide>(value);
    const qint64 whole = static_cast<qint64>(magnitude / kOne);
    qint64 fraction = static_cast<qint64>(magnitude % kOne) / pow10(kDecimals - decimals);
    const bool showSign = negative && (whole != 0 || fraction != 0);
    QByteArray out = showSign ? "-" : "";
    out += QByteArray::number(whole);
    if (decimals > 0) {
        const QByteArray digits = QByteArray::number(fraction);
        out += '.';
        out += QByteArray(decimals - digits.size(), '0');
        out += digits;
    }
    return out;
}

QByteArray SimFixed::formatTrimmed(qint64 value)
{
    QByteArray text = format(value);
    while (text.endsWith('0'))
        text.chop(1);
    if (text.endsWith('.'))
        text.chop(1);
    return text;
}

std::optional<qint64> SimFixed::parse(const QByteArray& text)
{
    qsizetype i = 0;
    const bool negative = text.startsWith('-');
    if (negative)
        ++i;
    qint64 whole = 0;
    int wholeDigits = 0;
    for (; i < text.size() && text.at(i) >= '0' && text.at(i) <= '9'; ++i) {
        if (++wholeDigits > 10)
            return std::nullopt;
        whole = whole * 10 + (text.at(i) - '0');
    }
    qint64 fraction = 0;
    int fractionDigits = 0;
    if (i < text.size() && text.at(i) == '.') {
        for (++i; i < text.size() && text.at(i) >= '0' && text.at(i) <= '9'; ++i) {
            if (++fractionDigits > kDecimals)
                return std::nullopt;
            fraction = fraction * 10 + (text.at(i) - '0');
        }
    }
    if (i != text.size() || wholeDigits + fractionDigits == 0)
        return std::nullopt;
    const qint64 value = whole * kOne + fraction * pow10(kDecimals - fractionDigits);
    return negative ? -value : value;
}

} // namespace marginwatch
