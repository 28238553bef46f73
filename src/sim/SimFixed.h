#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <optional>

namespace marginwatch {

// The simulator's own fixed-point arithmetic (it shares nothing with the client's Decimal, so that it
// can catch the client's mistakes). A value is an integer count of 1e-8 units: money, prices,
// quantities and rates all have eight decimals, which is Binance's finest precision. Products and
// quotients go through 128-bit intermediates; every derived figure is truncated toward zero to eight
// decimals, the rounding the exchange's served figures are consistent with.
struct SimFixed
{
    __extension__ typedef __int128 Wide;

    static constexpr qint64 kOne = 100000000; // 1.0
    static constexpr int kDecimals = 8;

    static qint64 pow10(int n);
    static qint64 abs(qint64 v) { return v < 0 ? -v : v; }

    // (a * b) / 1e8, truncated toward zero.
    static qint64 multiply(qint64 a, qint64 b);
    // (a * 1e8) / b, truncated toward zero; b must not be 0.
    static qint64 divide(qint64 a, qint64 b);
    // Down to a multiple of `step` (toward zero), as exchange ticks and lot steps do.
    static qint64 toStep(qint64 value, qint64 step);

    // "-12.34000000": always `decimals` digits after the point (truncating finer digits).
    static QByteArray format(qint64 value, int decimals = kDecimals);
    // The shortest text of the value ("50", "0.0065"), as Binance writes JSON numbers.
    static QByteArray formatTrimmed(qint64 value);
    // Plain decimal text ("-0.001", "12", "3.5") with at most eight decimals; nullopt otherwise.
    static std::optional<qint64> parse(const QByteArray& text);
};

} // namespace marginwatch
