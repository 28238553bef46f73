// libFuzzer target over everything that reads bytes from the exchange: the snapshot parser (all four
// bodies), the exact decimal, and what consumes a parsed snapshot (table models, CSV rows). Besides
// memory errors and undefined behaviour (the build adds ASan and UBSan), it checks properties that
// must hold for every input:
//   - an accepted decimal's received text and canonical text parse again to the same value and text,
//     byte for byte; toDouble() equals strtod() of the canonical text; display rounding is within
//     half a unit of the last shown digit;
//   - parsing the same bodies again (the unchanged-poll shortcut) gives the same snapshot, and so does
//     a parser that has read every earlier input; every decimal in it round-trips as above;
//   - a snapshot the parser accepted has no repeated row keys, so the models can key rows by them.
//
// Input: the first byte chooses the mode. 'D': the rest is one decimal's text. 'T': the rest is a
// GET /fapi/v1/time body. Otherwise the rest is
// up to four bodies separated by NUL bytes (account, positionRisk, accountConfig, symbolConfig); a
// body after the last NUL is absent ("not fetched").
#include "io/SnapshotCsvFormat.h"
#include "model/AccountTableModels.h"
#include "model/Decimal.h"
#include "model/ServerTimeParser.h"
#include "model/SnapshotParser.h"

#include <QByteArray>
#include <QSet>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

using namespace marginwatch;

namespace {

[[noreturn]] void violated(const char* what, const QByteArray& detail)
{
    std::fprintf(stderr, "property violated: %s: %s\n", what, detail.constData());
    std::abort();
}

void check(bool ok, const char* what, const QByteArray& detail = {})
{
    if (!ok)
        violated(what, detail);
}

Decimal parsed(const QByteArray& text)
{
    const std::optional<Decimal> d = Decimal::parse(std::string_view(text.constData(), size_t(text.size())));
    check(d.has_value(), "text from a Decimal parses", text);
    return *d;
}

// Everything that must hold for an accepted decimal, `received` being the text it was parsed from.
void checkDecimal(const Decimal& d, const QByteArray& received)
{
    check(d.toUtf8() == received, "toUtf8() is the received text", received);
    check(d.toString() == QString::fromLatin1(received), "toString() is the received text", received);
    const Decimal again = parsed(d.toUtf8());
    check(again.isSameText(d) && again == d, "received text round-trips", received);

    const QByteArray canonical = d.toCanonicalString().toLatin1();
    const Decimal fromCanonical = parsed(canonical);
    check(fromCanonical.toCanonicalString().toLatin1() == canonical, "canonical text round-trips", canonical);
    check(fromCanonical.toUtf8() == canonical, "canonical text is kept as canonical", canonical);
    check(fromCanonical == d && fromCanonical.scale() == d.scale(), "canonical value is the value",
          canonical);
    check(fromCanonical.signum() == d.signum(), "sign survives", canonical);

    const double viaStrtod = std::strtod(canonical.constData(), nullptr);
    const double viaDecimal = d.toDouble();
    check(std::memcmp(&viaStrtod, &viaDecimal, sizeof(double)) == 0
              || (viaStrtod == 0.0 && viaDecimal == 0.0), // the sign of a zero is not a ratio's concern
          "toDouble() equals strtod() of the canonical text", canonical);

    check(d.minus(d).has_value() && d.minus(d)->isZero(), "x - x == 0", canonical);
    check(d.negated().negated() == d, "-(-x) == x", canonical);

    // Display rounding, at a few precisions: within half a unit of the last digit shown.
    for (const int digits : {0, 2, 8, 12, 38}) {
        QString shown = d.toDisplayString(digits, true);
        shown.remove(u',');
        const std::optional<Decimal> value = Decimal::parse(QStringView(shown));
        if (!value) {
            // Padding with zeros may go beyond the 38 digits a Decimal holds; nothing else may fail.
            qsizetype significant = 0;
            for (const QChar c : shown)
                significant += (c.isDigit() && (significant > 0 || c != u'0')) ? 1 : 0;
            check(significant > 38, "display text parses", shown.toLatin1());
            continue;
        }
        check(value->scale() == digits, "display shows the digits asked for", shown.toLatin1());
        if (d.scale() <= digits) {
            check(*value == d, "display of a value with few digits is exact",
                  shown.toLatin1() + " / " + canonical);
            continue;
        }
        const std::optional<Decimal> error = value->minus(d);
        if (!error)
            continue; // the difference needs more than 38 digits; the bound below cannot be computed
        const QByteArray half = "5e-" + QByteArray::number(digits + 1);
        check(error->abs() <= parsed(half), "display rounds to the nearest",
              shown.toLatin1() + " / " + canonical);
    }
}

void checkOptional(const std::optional<Decimal>& d)
{
    if (d)
        checkDecimal(*d, d->toUtf8());
}

void checkSnapshot(const AccountSnapshot& s)
{
    const AccountTotals& t = s.totals;
    for (const Decimal* d :
         {&t.totalInitialMargin, &t.totalMaintMargin, &t.totalWalletBalance, &t.totalUnrealizedProfit,
          &t.totalMarginBalance, &t.totalPositionInitialMargin, &t.totalOpenOrderInitialMargin,
          &t.totalCrossWalletBalance, &t.totalCrossUnPnl, &t.availableBalance, &t.maxWithdrawAmount})
        checkDecimal(*d, d->toUtf8());
    QSet<QString> assets;
    for (const AssetBalance& a : s.assets) {
        check(!assets.contains(a.asset), "assets do not repeat", a.asset.toUtf8());
        assets.insert(a.asset);
        checkDecimal(a.walletBalance, a.walletBalance.toUtf8());
        checkDecimal(a.maxWithdrawAmount, a.maxWithdrawAmount.toUtf8());
    }
    QSet<QString> positions;
    for (const Position& p : s.positions) {
        const QString key = PositionTableModel::rowKey(p);
        check(!positions.contains(key), "positions do not repeat", key.toUtf8());
        positions.insert(key);
        checkDecimal(p.positionAmt, p.positionAmt.toUtf8());
        checkOptional(p.markPrice);
        checkOptional(p.liquidationPrice);
        check(!p.leverage || (*p.leverage >= 1 && *p.leverage <= 250), "leverage in range");
        check(p.updateTime >= 0, "updateTime not negative");
    }
}

bool sameSnapshot(const AccountSnapshot& a, const AccountSnapshot& b)
{
    return a.totals == b.totals && a.assets == b.assets && a.positions == b.positions
           && a.accountMode == b.accountMode && a.positionMode == b.positionMode;
}

void fuzzDecimal(const uint8_t* data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::optional<Decimal> d = Decimal::parse(text);
    const std::optional<Decimal> viaQString =
        Decimal::parse(QStringView(QString::fromLatin1(text.data(), qsizetype(text.size()))));
    // Latin-1 maps every byte to one character, so both routes see the same text.
    check(d.has_value() == viaQString.has_value(), "both parse routes agree",
          QByteArray(text.data(), qsizetype(size)));
    if (!d)
        return;
    check(*d == *viaQString, "both parse routes give one value");
    checkDecimal(*d, QByteArray(text.data(), qsizetype(text.size())));
}

void fuzzSnapshot(const uint8_t* data, size_t size)
{
    SnapshotInputs inputs;
    const QByteArray all(reinterpret_cast<const char*>(data), qsizetype(size));
    const QList<QByteArray> parts = all.split('\0');
    inputs.account = parts.value(0);
    if (parts.size() > 1)
        inputs.positionRisk = parts.at(1);
    if (parts.size() > 2)
        inputs.accountConfig = parts.at(2);
    if (parts.size() > 3)
        inputs.symbolConfig = parts.at(3);
    inputs.takenAt = QDateTime::fromMSecsSinceEpoch(1764000000123, Qt::UTC);

    SnapshotParser parser;
    const SnapshotParseResult first = parser.parse(inputs);
    check(first.ok() != !first.error.isEmpty(), "an error exactly when there is no snapshot");
    check(first.error.size() < 400, "errors are short", first.error.toUtf8());
    // The same bodies in fresh buffers: the unchanged-poll shortcut must give the same snapshot.
    SnapshotInputs copy = inputs;
    copy.account = QByteArray(inputs.account.constData(), inputs.account.size());
    const SnapshotParseResult second = parser.parse(copy);
    check(first.ok() == second.ok() && first.error == second.error, "a second parse agrees",
          first.error.toUtf8());
    // A parser that has read every earlier input (its interned strings, its last good parse) must
    // read this one exactly as a fresh one does.
    static SnapshotParser longLived;
    const SnapshotParseResult third = longLived.parse(inputs);
    check(first.ok() == third.ok() && first.error == third.error, "a long-lived parser agrees",
          first.error.toUtf8() + " / " + third.error.toUtf8());
    if (!first.ok())
        return;
    check(sameSnapshot(*first.snapshot, *second.snapshot), "a second parse gives the same snapshot");
    check(sameSnapshot(*first.snapshot, *third.snapshot), "a long-lived parser gives the same snapshot");
    checkSnapshot(*first.snapshot);

    AssetTableModel assets;
    PositionTableModel positions;
    TotalsModel totals;
    for (const SnapshotParseResult* result : {&first, &second}) {
        assets.apply(*result->snapshot);
        positions.apply(*result->snapshot);
        totals.apply(*result->snapshot);
    }
    check(positions.rowCount() == first.snapshot->positions.size(), "one row per position");
    check(assets.rowCount() == first.snapshot->assets.size(), "one row per asset");
    for (const CsvTable table : {CsvTable::Totals, CsvTable::Assets, CsvTable::Positions}) {
        const qsizetype columns = csvHeader(table).size();
        for (const QStringList& row : csvRows(table, *first.snapshot))
            check(row.size() == columns, "CSV rows are as wide as the header");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    if (data[0] == 'D') {
        fuzzDecimal(data + 1, size - 1);
    } else if (data[0] == 'T') {
        const Expected<qint64> time = parseServerTime(QByteArrayView(data + 1, qsizetype(size - 1)));
        check(time ? *time > 0 : time.error().startsWith(QLatin1StringView("time: ")), "server time");
    } else {
        fuzzSnapshot(data + 1, size - 1);
    }
    return 0;
}
