#include "model/Decimal.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <limits>

namespace marginwatch {

namespace {

__extension__ typedef unsigned __int128 UInt128;

constexpr int kMaxDigits = 38;       // what a signed 128-bit coefficient always holds
constexpr int kMaxAbsExponent = 400; // far beyond any price or balance; rejects "1e999999"
constexpr int kMaxScale = 400;

Int128 absValue(Int128 v)
{
    return v < 0 ? -v : v;
}

// 10^n for n in [0, 38]; beyond that the caller must treat the product as overflowing.
constexpr Int128 pow10(int n)
{
    Int128 r = 1;
    for (int i = 0; i < n; ++i)
        r *= 10;
    return r;
}

// Every coefficient has at most kMaxDigits digits, so the canonical text of any value, received or
// computed, is one that parse() accepts again.
bool fitsDigits(Int128 v)
{
    constexpr Int128 kLimit = pow10(kMaxDigits);
    return v < kLimit && v > -kLimit;
}

bool mulPow10(Int128 v, int n, Int128* out)
{
    if (v == 0) {
        *out = 0;
        return true;
    }
    if (n > kMaxDigits)
        return false;
    return !__builtin_mul_overflow(v, pow10(n), out);
}

// Renders a magnitude with `scale` fraction digits, right-aligned before `end`; returns the start.
template <typename Unsigned>
char* renderDigits(Unsigned magnitude, int scale, char* end)
{
    char* p = end;
    int written = 0;
    do {
        *--p = static_cast<char>('0' + static_cast<int>(magnitude % 10));
        magnitude /= 10;
        ++written;
        if (written == scale)
            *--p = '.';
    } while (magnitude != 0 || written < scale);
    if (scale > 0 && *p == '.')
        *--p = '0';
    return p;
}

// The buffer must hold at least kMaxDigits + kMaxScale + 4 characters. Nearly every API value fits
// 64 bits, where division by 10 is a multiply; 128-bit division is a slow library call.
char* renderMagnitude(Int128 magnitude, int scale, char* end)
{
    if (magnitude <= static_cast<Int128>(std::numeric_limits<quint64>::max()))
        return renderDigits(static_cast<quint64>(magnitude), scale, end);
    return renderDigits(static_cast<UInt128>(magnitude), scale, end);
}

using RenderBuffer = std::array<char, kMaxDigits + kMaxScale + 8>;

std::string_view renderCanonical(Int128 coefficient, int scale, bool negativeZero, RenderBuffer& buffer)
{
    char* end = buffer.data() + buffer.size();
    char* p = renderMagnitude(absValue(coefficient), scale, end);
    if (coefficient < 0 || (coefficient == 0 && negativeZero))
        *--p = '-';
    return {p, static_cast<size_t>(end - p)};
}

} // namespace

std::optional<Decimal> Decimal::parse(std::string_view text)
{
    const char* p = text.data();
    const char* const end = p + text.size();
    if (p == end)
        return std::nullopt;

    bool negative = false;
    // Whether the text is already in canonical form (no '+', exponent, leading zero or bare point),
    // decided while scanning: rendering the value again to compare costs more than the parse.
    bool canonical = *p != '+';
    if (*p == '+' || *p == '-') {
        negative = *p == '-';
        ++p;
    }
    const char* const digitsStart = p;

    // The first 19 significant digits accumulate in 64 bits (a multiply by 10 there is one
    // instruction, in 128 bits several); longer coefficients continue in 128 bits.
    constexpr int kDigits64 = 19;
    quint64 low = 0;
    Int128 coefficient = 0;
    int significant = 0;
    int fractionDigits = 0;
    int digits = 0;
    bool seenPoint = false;
    for (; p != end; ++p) {
        const unsigned digit = static_cast<unsigned char>(*p) - unsigned('0');
        if (digit <= 9) {
            ++digits;
            fractionDigits += seenPoint ? 1 : 0;
            if (significant > 0 || digit != 0) {
                ++significant;
                if (significant <= kDigits64) {
                    low = low * 10 + digit;
                } else {
                    if (significant > kMaxDigits)
                        return std::nullopt; // more precision than the type can hold exactly
                    if (significant == kDigits64 + 1)
                        coefficient = static_cast<Int128>(low);
                    coefficient = coefficient * 10 + digit;
                }
            }
        } else if (*p == '.' && !seenPoint) {
            seenPoint = true;
        } else {
            break;
        }
    }
    if (significant <= kDigits64)
        coefficient = static_cast<Int128>(low);
    if (digits == 0)
        return std::nullopt;
    const qsizetype integerDigits = digits - fractionDigits;
    if (integerDigits == 0 || (seenPoint && fractionDigits == 0)
        || (integerDigits > 1 && *digitsStart == '0'))
        canonical = false;

    int exponent = 0;
    if (p != end && (*p == 'e' || *p == 'E')) {
        canonical = false;
        ++p;
        bool negativeExponent = false;
        if (p != end && (*p == '+' || *p == '-')) {
            negativeExponent = *p == '-';
            ++p;
        }
        if (p == end)
            return std::nullopt;
        for (; p != end && *p >= '0' && *p <= '9'; ++p) {
            exponent = exponent * 10 + (*p - '0');
            if (exponent > kMaxAbsExponent)
                return std::nullopt;
        }
        if (negativeExponent)
            exponent = -exponent;
    }
    if (p != end)
        return std::nullopt; // trailing garbage

    int scale = fractionDigits - exponent;
    if (scale < 0) {
        // "1.5E3": fold the positive exponent into the coefficient so scale stays >= 0.
        if (!mulPow10(coefficient, -scale, &coefficient) || !fitsDigits(coefficient))
            return std::nullopt;
        scale = 0;
    }
    if (scale > kMaxScale)
        return std::nullopt;

    Decimal d;
    d.m_coefficient = negative ? -coefficient : coefficient;
    d.m_scale = static_cast<qint16>(scale);
    d.m_negativeZero = negative && coefficient == 0;

    // Keep the received text only when the canonical rendering would not reproduce it.
    if (!canonical) {
        auto* verbatim = new Verbatim;
        verbatim->text = QByteArray(text.data(), static_cast<qsizetype>(text.size()));
        d.m_verbatim = QExplicitlySharedDataPointer<const Verbatim>(verbatim);
    }
    return d;
}

std::optional<Decimal> Decimal::parse(QStringView text)
{
    const QByteArray latin = text.toLatin1();
    // toLatin1 maps non-Latin-1 characters to '?', which the parser rejects as garbage.
    return parse(std::string_view(latin.constData(), static_cast<size_t>(latin.size())));
}

Decimal Decimal::fromInteger(qint64 value)
{
    Decimal d;
    d.m_coefficient = value;
    return d;
}

QByteArray Decimal::toUtf8() const
{
    if (m_verbatim)
        return m_verbatim->text;
    RenderBuffer buffer;
    const std::string_view text = renderCanonical(m_coefficient, m_scale, m_negativeZero, buffer);
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

QString Decimal::toString() const
{
    // Rendered straight into the QString: every exported or recorded cell comes through here.
    if (m_verbatim)
        return QString::fromLatin1(m_verbatim->text);
    RenderBuffer buffer;
    const std::string_view text = renderCanonical(m_coefficient, m_scale, m_negativeZero, buffer);
    return QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size()));
}

QString Decimal::toCanonicalString() const
{
    RenderBuffer buffer;
    const std::string_view text = renderCanonical(m_coefficient, m_scale, false, buffer);
    return QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size()));
}

QString Decimal::toDisplayString(int fractionDigits, bool grouping) const
{
    fractionDigits = std::clamp(fractionDigits, 0, kMaxDigits);
    Int128 magnitude = absValue(m_coefficient);
    int scale = m_scale;
    if (scale > fractionDigits) {
        const int drop = scale - fractionDigits;
        if (drop > kMaxDigits) {
            magnitude = 0;
        } else {
            const Int128 divisor = pow10(drop);
            const Int128 remainder = magnitude % divisor;
            magnitude /= divisor;
            if (remainder >= divisor - remainder) // half away from zero; 2 * remainder may overflow
                ++magnitude;
        }
        scale = fractionDigits;
    }
    RenderBuffer buffer;
    char* end = buffer.data() + buffer.size();
    char* p = renderMagnitude(magnitude, scale, end);
    QString digits = QString::fromLatin1(p, static_cast<qsizetype>(end - p));
    if (scale < fractionDigits) {
        if (scale == 0)
            digits += u'.';
        digits += QString(fractionDigits - scale, u'0');
    }
    if (grouping) {
        qsizetype point = digits.indexOf(u'.');
        if (point < 0)
            point = digits.size();
        for (qsizetype i = point - 3; i > 0; i -= 3)
            digits.insert(i, u',');
    }
    if (m_coefficient < 0 && magnitude != 0)
        digits.prepend(u'-');
    return digits;
}

double Decimal::toDouble() const
{
    // Clinger's fast path: a coefficient below 2^53 and a power of ten up to 10^22 are both exact
    // doubles, so one IEEE division gives the correctly rounded result that from_chars would.
    constexpr Int128 kExactInteger = Int128(1) << 53;
    constexpr int kExactPowers = 22;
    if (m_scale <= kExactPowers && absValue(m_coefficient) < kExactInteger) {
        static constexpr double kPowers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                             1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                             1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
        return static_cast<double>(m_coefficient) / kPowers[m_scale];
    }
    RenderBuffer buffer;
    const std::string_view text = renderCanonical(m_coefficient, m_scale, false, buffer);
    double value = 0.0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

int Decimal::signum() const
{
    return m_coefficient > 0 ? 1 : (m_coefficient < 0 ? -1 : 0);
}

namespace {

// Brings two coefficients to a common scale; false if one of them no longer fits.
bool align(Int128 a, int scaleA, Int128 b, int scaleB, Int128* outA, Int128* outB, int* scale)
{
    *scale = std::max(scaleA, scaleB);
    return mulPow10(a, *scale - scaleA, outA) && mulPow10(b, *scale - scaleB, outB);
}

} // namespace

std::optional<Decimal> Decimal::plus(const Decimal& other) const
{
    Int128 a = 0;
    Int128 b = 0;
    int scale = 0;
    Decimal result;
    if (!align(m_coefficient, m_scale, other.m_coefficient, other.m_scale, &a, &b, &scale)
        || __builtin_add_overflow(a, b, &result.m_coefficient) || !fitsDigits(result.m_coefficient))
        return std::nullopt;
    result.m_scale = static_cast<qint16>(scale);
    return result;
}

std::optional<Decimal> Decimal::minus(const Decimal& other) const
{
    return plus(other.negated());
}

Decimal Decimal::negated() const
{
    Decimal result;
    result.m_coefficient = -m_coefficient;
    result.m_scale = m_scale;
    return result;
}

Decimal Decimal::abs() const
{
    return signum() < 0 ? negated() : Decimal(*this);
}

namespace {

// Where the part cut off lies relative to half a unit of the last kept digit.
enum class Cut : quint8
{
    Exact,
    BelowHalf,
    Half,
    AboveHalf
};

// Whether a magnitude truncated towards zero must be incremented by one unit.
bool roundsAway(Decimal::Rounding rounding, Cut cut, bool negative, bool lastDigitOdd)
{
    if (cut == Cut::Exact)
        return false;
    switch (rounding) {
    case Decimal::Rounding::HalfAwayFromZero:
        return cut != Cut::BelowHalf;
    case Decimal::Rounding::HalfEven:
        return cut == Cut::AboveHalf || (cut == Cut::Half && lastDigitOdd);
    case Decimal::Rounding::TowardZero:
        return false;
    case Decimal::Rounding::AwayFromZero:
        return true;
    case Decimal::Rounding::Floor:
        return negative;
    case Decimal::Rounding::Ceiling:
        return !negative;
    }
    return false;
}

// remainder / divisor against one half, for 0 <= remainder < divisor; 2 * remainder may overflow.
Cut cutOf(UInt128 remainder, UInt128 divisor)
{
    if (remainder == 0)
        return Cut::Exact;
    const UInt128 rest = divisor - remainder;
    return remainder < rest ? Cut::BelowHalf : (remainder == rest ? Cut::Half : Cut::AboveHalf);
}

Int128 stripTrailingZeros(Int128 coefficient, int* scale)
{
    while (*scale > 0 && coefficient != 0 && coefficient % 10 == 0) {
        coefficient /= 10;
        --*scale;
    }
    if (coefficient == 0)
        *scale = 0;
    return coefficient;
}

} // namespace

Decimal Decimal::fromParts(Int128 coefficient, int scale)
{
    Decimal d;
    d.m_coefficient = coefficient;
    d.m_scale = static_cast<qint16>(scale);
    return d;
}

std::optional<Decimal> Decimal::times(const Decimal& other) const
{
    Int128 product = 0;
    int scale = m_scale + other.m_scale;
    if (!__builtin_mul_overflow(m_coefficient, other.m_coefficient, &product) && fitsDigits(product)
        && scale <= kMaxScale)
        return fromParts(product, scale);
    // Trailing zeros ("100.00000000" x "0.0050") carry no value; without them it may fit.
    int scaleA = m_scale;
    int scaleB = other.m_scale;
    const Int128 a = stripTrailingZeros(m_coefficient, &scaleA);
    const Int128 b = stripTrailingZeros(other.m_coefficient, &scaleB);
    scale = scaleA + scaleB;
    if (__builtin_mul_overflow(a, b, &product) || !fitsDigits(product))
        return std::nullopt;
    product = stripTrailingZeros(product, &scale);
    if (scale > kMaxScale)
        return std::nullopt;
    return fromParts(product, scale);
}

std::optional<Decimal> Decimal::dividedBy(const Decimal& divisor, int fractionDigits, Rounding rounding) const
{
    if (divisor.isZero() || fractionDigits < 0 || fractionDigits > kMaxScale)
        return std::nullopt;
    const bool negative = (m_coefficient < 0) != (divisor.m_coefficient < 0);
    int scaleA = m_scale;
    int scaleB = divisor.m_scale;
    const auto a = static_cast<UInt128>(absValue(stripTrailingZeros(m_coefficient, &scaleA)));
    const auto b = static_cast<UInt128>(absValue(stripTrailingZeros(divisor.m_coefficient, &scaleB)));
    // Long division appends a digit to remainder * 10, and remainder < b: b < 10^37 keeps that in range.
    constexpr UInt128 kDivisorLimit = static_cast<UInt128>(pow10(kMaxDigits - 1));
    constexpr UInt128 kQuotientLimit = static_cast<UInt128>(pow10(kMaxDigits));
    if (b >= kDivisorLimit)
        return std::nullopt;

    // |this / divisor| * 10^fractionDigits = (a / b) * 10^shift
    const int shift = fractionDigits + scaleB - scaleA;
    UInt128 quotient = a / b;
    UInt128 remainder = a % b;
    Cut cut = Cut::Exact;
    if (shift >= 0) {
        if (quotient >= kQuotientLimit)
            return std::nullopt;
        for (int i = 0; i < shift; ++i) {
            remainder *= 10;
            quotient = quotient * 10 + remainder / b;
            remainder %= b;
            if (quotient >= kQuotientLimit)
                return std::nullopt;
        }
        cut = cutOf(remainder, b);
    } else {
        // Fewer digits than the integer quotient has: drop -shift digits of it; the division's own
        // remainder only breaks a tie or makes an exact cut inexact.
        const int drop = -shift;
        UInt128 dropped = quotient;
        UInt128 unit = 1;
        if (drop > kMaxDigits) {
            quotient = 0;
            cut = dropped == 0 && remainder == 0 ? Cut::Exact : Cut::BelowHalf;
        } else {
            unit = static_cast<UInt128>(pow10(drop));
            quotient = dropped / unit;
            dropped %= unit;
            cut = cutOf(dropped, unit);
            if (remainder != 0 && cut == Cut::Exact)
                cut = Cut::BelowHalf;
            else if (remainder != 0 && cut == Cut::Half)
                cut = Cut::AboveHalf;
        }
    }
    if (roundsAway(rounding, cut, negative, quotient % 2 == 1))
        ++quotient;
    if (quotient >= kQuotientLimit)
        return std::nullopt;
    const auto magnitude = static_cast<Int128>(quotient);
    return fromParts(negative ? -magnitude : magnitude, fractionDigits);
}

Decimal Decimal::rounded(int fractionDigits, Rounding rounding) const
{
    fractionDigits = std::clamp(fractionDigits, 0, kMaxScale);
    if (m_scale <= fractionDigits)
        return *this;
    const bool negative = m_coefficient < 0;
    auto magnitude = static_cast<UInt128>(absValue(m_coefficient));
    const int drop = m_scale - fractionDigits;
    Cut cut = Cut::Exact;
    if (drop > kMaxDigits) {
        cut = magnitude == 0 ? Cut::Exact : Cut::BelowHalf;
        magnitude = 0;
    } else {
        const auto unit = static_cast<UInt128>(pow10(drop));
        cut = cutOf(magnitude % unit, unit);
        magnitude /= unit;
    }
    if (roundsAway(rounding, cut, negative, magnitude % 2 == 1))
        ++magnitude; // cannot leave 38 digits: at least one digit was dropped
    const auto coefficient = static_cast<Int128>(magnitude);
    return fromParts(negative ? -coefficient : coefficient, fractionDigits);
}

std::optional<Decimal> Decimal::roundedToMultiple(const Decimal& increment, Rounding rounding) const
{
    if (increment.signum() <= 0)
        return std::nullopt;
    const std::optional<Decimal> count = dividedBy(increment, 0, rounding);
    if (!count)
        return std::nullopt;
    std::optional<Decimal> result = count->times(increment);
    if (result && result->m_scale < increment.m_scale) {
        // A multiple of "0.010" keeps three fraction digits even when the product lost its trailing
        // zeros on the way, so every result for one increment has the same scale.
        Int128 widened = 0;
        if (mulPow10(result->m_coefficient, increment.m_scale - result->m_scale, &widened)
            && fitsDigits(widened))
            result = fromParts(widened, increment.m_scale);
    }
    return result;
}

Decimal Decimal::normalized() const
{
    int scale = m_scale;
    const Int128 coefficient = stripTrailingZeros(m_coefficient, &scale);
    return fromParts(coefficient, scale);
}

bool Decimal::isSameText(const Decimal& other) const
{
    // Parsed values keep text only when it is not canonical, so equal fields mean equal text; the
    // mixed case (a computed value against a received one) is rare enough to render.
    if (bool(m_verbatim) != bool(other.m_verbatim))
        return toUtf8() == other.toUtf8();
    if (m_verbatim)
        return m_verbatim == other.m_verbatim || m_verbatim->text == other.m_verbatim->text;
    return m_coefficient == other.m_coefficient && m_scale == other.m_scale
           && m_negativeZero == other.m_negativeZero;
}

int Decimal::compare(const Decimal& other) const
{
    const int sa = signum();
    const int sb = other.signum();
    if (sa != sb)
        return sa < sb ? -1 : 1;
    if (m_scale == other.m_scale)
        return m_coefficient < other.m_coefficient ? -1 : (m_coefficient > other.m_coefficient ? 1 : 0);

    // Same sign: compare magnitudes at a common scale. A magnitude that overflows when scaled up is
    // larger than anything that fits, which settles the comparison without the exact product.
    const Int128 ma = absValue(m_coefficient);
    const Int128 mb = absValue(other.m_coefficient);
    const int scale = std::max<int>(m_scale, other.m_scale);
    Int128 xa = 0;
    Int128 xb = 0;
    const bool okA = mulPow10(ma, scale - m_scale, &xa);
    const bool okB = mulPow10(mb, scale - other.m_scale, &xb);
    int magnitudeOrder = 0;
    if (!okA)
        magnitudeOrder = 1;
    else if (!okB)
        magnitudeOrder = -1;
    else
        magnitudeOrder = xa < xb ? -1 : (xa > xb ? 1 : 0);
    return sa < 0 ? -magnitudeOrder : magnitudeOrder;
}

} // namespace marginwatch
