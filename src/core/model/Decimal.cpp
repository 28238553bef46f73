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
