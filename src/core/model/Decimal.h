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

    // Numeric comparison: "1.0" == "1", "-0.5" < "0.1".
    friend bool operator==(const Decimal& a, const Decimal& b) { return a.compare(b) == 0; }
    friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) { return a.compare(b) <=> 0; }
    // Same value written the same way (what an export would write).
    bool isSameText(const Decimal& other) const;

private:
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
