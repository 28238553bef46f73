#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QSharedData>
#include <QString>

#include <compare>
#include <optional>
#include <string_view>

namespace marginwatch {

// GCC/Clang extension; __extension__ keeps -Wpedantic quiet about it in exactly one place.
__extension__ typedef __int128 Int128;

// An exact decimal for the API's decimal strings ("103.12345678", "-0.001", "2.8E-4").
//
// Written by hand on purpose: Debian 12 ships no decimal library with a stable C++ API, and money
// must never pass through double. The value is a 128-bit integer coefficient and a base-10 scale,
// which is exact for the 38 significant digits the API can plausibly send; the text the API sent is
// reproduced byte for byte by toString() (stored verbatim only when the canonical rendering of the
// value would differ, e.g. exponents or leading zeros), so exports write exactly what was received.
class Decimal
{
public:
    // How a result that needs more fraction digits than asked for is cut. Display uses
    // HalfAwayFromZero (what traders expect from "0.005" -> "0.01"); risk figures use Floor/Ceiling
    // so a rounded margin is never the optimistic side of the exact one.
    enum class Rounding : quint8
    {
        HalfAwayFromZero,
        HalfEven,
        TowardZero,
        AwayFromZero,
        Floor,
        Ceiling
    };

    Decimal() = default; // exactly zero, text "0"

    // nullopt for anything that is not a decimal number: empty, garbage, "1e", "--1", "NaN", ..., and
    // for values beyond 38 significant digits or 400 fraction digits ("1e38" has 39 digits). Every
    // accepted value's toString() and toCanonicalString() parse again to the same value and text.
    static std::optional<Decimal> parse(std::string_view text);
    static std::optional<Decimal> parse(QStringView text);
    static Decimal fromInteger(qint64 value);

    // The exact text received (or the canonical text for a computed value).
    QString toString() const;
    QByteArray toUtf8() const;
    // Plain positional notation with the value's own scale, never an exponent: "0.00028".
    QString toCanonicalString() const;
    // For display only: rounded half away from zero to `fractionDigits`, optional thousands grouping
    // with the C locale's separators (views apply their locale on top).
    QString toDisplayString(int fractionDigits, bool grouping = true) const;
    // Only for derived display ratios and charts, never for money on its way to a table or file.
    double toDouble() const;

    int signum() const;
    bool isZero() const { return signum() == 0; }
    int scale() const { return m_scale; }

    // Exact arithmetic; nullopt when the result has more than 38 significant digits.
    std::optional<Decimal> plus(const Decimal& other) const;
    std::optional<Decimal> minus(const Decimal& other) const;
    Decimal negated() const;
    Decimal abs() const;
    // The exact product (scales add). nullopt when it needs more than 38 significant digits or 400
    // fraction digits even after dropping trailing zeros: round an operand first.
    std::optional<Decimal> times(const Decimal& other) const;
    // this / divisor with exactly `fractionDigits` fraction digits (0..400), rounded as asked; nullopt
    // for a zero divisor, a quotient beyond 38 significant digits, or a divisor whose coefficient
    // has 38 significant digits after dropping trailing zeros (long division needs one digit spare).
    std::optional<Decimal> dividedBy(const Decimal& divisor, int fractionDigits,
                                     Rounding rounding = Rounding::HalfAwayFromZero) const;
    // At most `fractionDigits` fraction digits (0..400); a value that already has no more is returned
    // unchanged (its text too).
    Decimal rounded(int fractionDigits, Rounding rounding = Rounding::HalfAwayFromZero) const;
    // The nearest multiple of `increment` (a tick or step size such as "0.5" or "0.001") as asked;
    // nullopt for a zero or negative increment or when the result does not fit.
    std::optional<Decimal> roundedToMultiple(const Decimal& increment,
                                             Rounding rounding = Rounding::HalfAwayFromZero) const;
    // The same value without trailing fraction zeros: "1.2300" -> "1.23", "5.000" -> "5".
    Decimal normalized() const;

    // Numeric comparison: "1.0" == "1", "-0.5" < "0.1".
    friend bool operator==(const Decimal& a, const Decimal& b) { return a.compare(b) == 0; }
    friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) { return a.compare(b) <=> 0; }
    // Same value written the same way (what an export would write).
    bool isSameText(const Decimal& other) const;

private:
    static Decimal fromParts(Int128 coefficient, int scale);
    // The rare non-canonical text, behind one pointer: a Decimal is then 32 bytes instead of 48,
    // and a poll copies thousands of them into rows and cells.
    struct Verbatim : QSharedData
    {
        QByteArray text;
    };

    int compare(const Decimal& other) const;

    Int128 m_coefficient = 0;
    qint16 m_scale = 0;                                      // value = m_coefficient * 10^-m_scale
    bool m_negativeZero = false;                             // "-0.00" must be written back as received
    QExplicitlySharedDataPointer<const Verbatim> m_verbatim; // set only when canonical text != received
};

} // namespace marginwatch

Q_DECLARE_METATYPE(marginwatch::Decimal)
