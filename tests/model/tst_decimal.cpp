#include "model/Decimal.h"

#include <QRandomGenerator>
#include <QTest>

#include <charconv>

using namespace Qt::StringLiterals;
using marginwatch::Decimal;

class TestDecimal : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_keepsExactText_data();
    void parse_keepsExactText();
    void parse_rejectsInvalid_data();
    void parse_rejectsInvalid();
    void accepted_roundTripsByteForByte_data();
    void accepted_roundTripsByteForByte();
    void compare_isNumeric_data();
    void compare_isNumeric();
    void arithmetic_isExact_data();
    void arithmetic_isExact();
    void arithmetic_overflowIsReported();
    void displayString_roundsHalfAwayFromZero_data();
    void displayString_roundsHalfAwayFromZero();
    void toDouble_forRatiosOnly();
    void toDouble_isCorrectlyRounded();
};

void TestDecimal::parse_keepsExactText_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<int>("sign");
    QTest::newRow("balance") << "103.12345678"_ba << u"103.12345678"_s << 1;
    QTest::newRow("negative") << "-0.001"_ba << u"-0.001"_s << -1;
    QTest::newRow("zero") << "0"_ba << u"0"_s << 0;
    QTest::newRow("zero with scale") << "0.00000000"_ba << u"0.00000000"_s << 0;
    QTest::newRow("negative zero") << "-0.00"_ba << u"0.00"_s << 0;
    QTest::newRow("exponent") << "2.8E-4"_ba << u"0.00028"_s << 1;
    QTest::newRow("lower exponent") << "1e3"_ba << u"1000"_s << 1;
    QTest::newRow("exponent plus") << "1.5E+2"_ba << u"150"_s << 1;
    QTest::newRow("leading zeros") << "007.50"_ba << u"7.50"_s << 1;
    QTest::newRow("plus sign") << "+1"_ba << u"1"_s << 1;
    QTest::newRow("bare fraction") << ".5"_ba << u"0.5"_s << 1;
    QTest::newRow("trailing point") << "5."_ba << u"5"_s << 1;
    // Around the switch from 64-bit to 128-bit accumulation.
    QTest::newRow("19 digits") << "9999999999999999999"_ba << u"9999999999999999999"_s << 1;
    QTest::newRow("20 digits") << "-1844674407370955161.6"_ba << u"-1844674407370955161.6"_s << -1;
    QTest::newRow("21 digits after zeros")
        << "0.000123456789012345678901"_ba << u"0.000123456789012345678901"_s << 1;
    QTest::newRow("30 digits") << "123456789012345678901234.567890"_ba << u"123456789012345678901234.567890"_s
                               << 1;
    QTest::newRow("38 digits") << "-12345678901234567890123456789012345678"_ba
                               << u"-12345678901234567890123456789012345678"_s << -1;
    QTest::newRow("tiny") << "0.000000000000000000000000000001"_ba << u"0.000000000000000000000000000001"_s
                          << 1;
}

void TestDecimal::parse_keepsExactText()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, canonical);
    QFETCH(int, sign);
    const auto d = Decimal::parse(std::string_view(text.constData(), size_t(text.size())));
    QVERIFY2(d.has_value(), text.constData());
    QCOMPARE(d->toUtf8(), text);                        // byte for byte what the API sent
    QCOMPARE(d->toString(), QString::fromLatin1(text)); // and as a QString
    QCOMPARE(d->toCanonicalString(), canonical);
    QCOMPARE(d->signum(), sign);
    const auto viaQString = Decimal::parse(QStringView(QString::fromLatin1(text)));
    QVERIFY(viaQString.has_value());
    QCOMPARE(*viaQString, *d);
}

void TestDecimal::parse_rejectsInvalid_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("sign only") << "-"_ba;
    QTest::newRow("point only") << "."_ba;
    QTest::newRow("double sign") << "--1"_ba;
    QTest::newRow("comma decimal") << "12,5"_ba;
    QTest::newRow("two points") << "1.2.3"_ba;
    QTest::newRow("garbage") << "abc"_ba;
    QTest::newRow("trailing garbage") << "1.5x"_ba;
    QTest::newRow("space") << " 1"_ba;
    QTest::newRow("dangling exponent") << "1e"_ba;
    QTest::newRow("exponent sign only") << "1e-"_ba;
    QTest::newRow("huge exponent") << "1e999999"_ba;
    QTest::newRow("nan") << "NaN"_ba;
    QTest::newRow("infinity") << "Infinity"_ba;
    QTest::newRow("39 significant digits") << "123456789012345678901234567890123456789"_ba;
    QTest::newRow("hex") << "0x10"_ba;
    // 39 digits once the exponent is applied: the canonical text would not parse again.
    QTest::newRow("1e38") << "1e38"_ba;
    QTest::newRow("-1.0E38") << "-1.0E38"_ba;
    QTest::newRow("tiny times huge") << "0.00000000000000000000000000000000000001e76"_ba;
    QTest::newRow("401 fraction digits") << "1e-401"_ba;
}

void TestDecimal::accepted_roundTripsByteForByte_data()
{
    QTest::addColumn<QByteArray>("text");
    for (const char* text :
         {"0", "-0", "-0.000", "1e37", "-9.9999999999999999999999999999999999999e37",
          "99999999999999999999999999999999999999", "1e-400", "-1E-400", "00.00e+3", "0e400", "+.5e1", "5.",
          "2.8E-4", "0.00000000000099999999999999999999999999999999999999",
          "123456789012345678901234567890.12345678"})
        QTest::newRow(text) << QByteArray(text);
}

void TestDecimal::accepted_roundTripsByteForByte()
{
    QFETCH(QByteArray, text);
    const auto d = Decimal::parse(std::string_view(text.constData(), size_t(text.size())));
    QVERIFY2(d, text.constData());
    const QByteArray canonical = d->toCanonicalString().toLatin1();
    const auto again = Decimal::parse(std::string_view(canonical.constData(), size_t(canonical.size())));
    QVERIFY2(again, canonical.constData());
    QCOMPARE(again->toCanonicalString().toLatin1(), canonical);
    QCOMPARE(again->toUtf8(), canonical);
    QCOMPARE(*again, *d);
    QCOMPARE(again->scale(), d->scale());
    const QByteArray received = d->toUtf8();
    QCOMPARE(received, text);
    QCOMPARE(Decimal::parse(std::string_view(received.constData(), size_t(received.size())))->toUtf8(), text);
}

void TestDecimal::parse_rejectsInvalid()
{
    QFETCH(QByteArray, text);
    QVERIFY(!Decimal::parse(std::string_view(text.constData(), size_t(text.size()))).has_value());
}

void TestDecimal::compare_isNumeric_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("order");
    QTest::newRow("-0.5 < 0.1") << u"-0.5"_s << u"0.1"_s << -1;
    QTest::newRow("1.0 == 1") << u"1.0"_s << u"1"_s << 0;
    QTest::newRow("-0 == 0") << u"-0.00"_s << u"0"_s << 0;
    QTest::newRow("10 > 9.99999999") << u"10"_s << u"9.99999999"_s << 1;
    QTest::newRow("exponent vs plain") << u"2.8E-4"_s << u"0.00028"_s << 0;
    QTest::newRow("negatives") << u"-10"_s << u"-9"_s << -1;
    QTest::newRow("text order differs") << u"9"_s << u"10"_s << -1;
    QTest::newRow("large scale gap") << u"12345678901234567890123456789012345678"_s
                                     << u"0.000000000000000000000000000001"_s << 1;
}

void TestDecimal::compare_isNumeric()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, order);
    const Decimal x = *Decimal::parse(QStringView(a));
    const Decimal y = *Decimal::parse(QStringView(b));
    QCOMPARE((x < y), order < 0);
    QCOMPARE((x == y), order == 0);
    QCOMPARE((x > y), order > 0);
    QCOMPARE((y < x), order > 0); // antisymmetric
}

void TestDecimal::arithmetic_isExact_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<QString>("sum");
    QTest::addColumn<QString>("difference");
    QTest::newRow("0.1+0.2") << u"0.1"_s << u"0.2"_s << u"0.3"_s << u"-0.1"_s;
    QTest::newRow("balances") << u"23.72469206"_s << u"103.12345678"_s << u"126.84814884"_s
                              << u"-79.39876472"_s;
    QTest::newRow("mixed scale") << u"1.5"_s << u"-0.00000001"_s << u"1.49999999"_s << u"1.50000001"_s;
    QTest::newRow("exponent") << u"2.8E-4"_s << u"1"_s << u"1.00028"_s << u"-0.99972"_s;
}

void TestDecimal::arithmetic_isExact()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(QString, sum);
    QFETCH(QString, difference);
    const Decimal x = *Decimal::parse(QStringView(a));
    const Decimal y = *Decimal::parse(QStringView(b));
    QCOMPARE(x.plus(y)->toCanonicalString(), sum);
    QCOMPARE(x.minus(y)->toCanonicalString(), difference);
    QCOMPARE(*x.plus(y)->minus(y), x);
}

void TestDecimal::arithmetic_overflowIsReported()
{
    const Decimal big = *Decimal::parse(std::string_view("99999999999999999999999999999999999999"));
    QVERIFY(!big.plus(big).has_value());
    const Decimal tiny = *Decimal::parse(std::string_view("0.000000000000000000000000000000000000001"));
    QVERIFY(!big.plus(tiny).has_value()); // cannot align 38 integer digits with 39 fraction digits
    QVERIFY(big.minus(big).has_value());
    QVERIFY(big.minus(big)->isZero());
    // Fits 128 bits, but 10^38 has 39 digits: no parse could read its text back.
    const Decimal half = *Decimal::parse(std::string_view("50000000000000000000000000000000000000"));
    QVERIFY(!half.plus(half).has_value());
    QVERIFY(half.plus(half.negated()).has_value());
}

void TestDecimal::displayString_roundsHalfAwayFromZero_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("digits");
    QTest::addColumn<QString>("shown");
    QTest::newRow("round up") << u"1234567.125"_s << 2 << u"1,234,567.13"_s;
    QTest::newRow("round down") << u"1234.124"_s << 2 << u"1,234.12"_s;
    QTest::newRow("negative half") << u"-0.005"_s << 2 << u"-0.01"_s;
    QTest::newRow("negative to zero") << u"-0.004"_s << 2 << u"0.00"_s;
    QTest::newRow("pad") << u"5"_s << 3 << u"5.000"_s;
    QTest::newRow("pad fraction") << u"5.1"_s << 3 << u"5.100"_s;
    QTest::newRow("exponent") << u"2.8E-4"_s << 5 << u"0.00028"_s;
    QTest::newRow("carry") << u"999.995"_s << 2 << u"1,000.00"_s;
    QTest::newRow("no fraction") << u"-1234.5"_s << 0 << u"-1,235"_s;
    // 38 dropped digits: twice the remainder no longer fits 128 bits.
    QTest::newRow("scale 50 up") << u"0.00000000000099999999999999999999999999999999999999"_s << 12
                                 << u"0.000000000001"_s;
    QTest::newRow("scale 50 negative")
        << u"-0.00000000000099999999999999999999999999999999999999"_s << 12 << u"-0.000000000001"_s;
    QTest::newRow("scale 50 down") << u"0.00000000000049999999999999999999999999999999999999"_s << 12
                                   << u"0.000000000000"_s;
    QTest::newRow("scale 50 half") << u"0.00000000000050000000000000000000000000000000000000"_s << 12
                                   << u"0.000000000001"_s;
}

void TestDecimal::displayString_roundsHalfAwayFromZero()
{
    QFETCH(QString, text);
    QFETCH(int, digits);
    QFETCH(QString, shown);
    QCOMPARE(Decimal::parse(QStringView(text))->toDisplayString(digits), shown);
}

void TestDecimal::toDouble_forRatiosOnly()
{
    QCOMPARE(Decimal::parse(std::string_view("2.8E-4"))->toDouble(), 0.00028);
    QCOMPARE(Decimal::parse(std::string_view("-103.5"))->toDouble(), -103.5);
    QCOMPARE(Decimal().toDouble(), 0.0);
}

void TestDecimal::toDouble_isCorrectlyRounded()
{
    // toDouble takes a division shortcut for small coefficients and scales; it must give exactly what
    // a correctly rounding text conversion (from_chars) gives, at the shortcut's edges and beyond.
    QList<QByteArray> texts = {"9007199254740991",
                               "9007199254740993",
                               "0.9007199254740991",
                               "-9007199254740991e-22",
                               "1e-22",
                               "1e-23",
                               "123456789.123456789",
                               "0.1",
                               "-0.30000000000000004",
                               "99999999999999999999.99",
                               "60000.12345678",
                               "0.00000001"};
    QRandomGenerator random(20261125); // fixed: a failure reproduces
    for (int i = 0; i < 20000; ++i) {
        const quint64 coefficient = random.generate64() >> random.bounded(0, 40);
        const int scale = random.bounded(0, 26);
        QByteArray text = QByteArray::number(coefficient);
        if (scale > 0) {
            text = text.rightJustified(scale + 1, '0');
            text.insert(text.size() - scale, '.');
        }
        if (random.bounded(2))
            text.prepend('-');
        texts << text;
    }
    for (const QByteArray& text : texts) {
        const auto d = Decimal::parse(std::string_view(text.constData(), size_t(text.size())));
        QVERIFY2(d, text.constData());
        double expected = 0.0;
        std::from_chars(text.constData(), text.constData() + text.size(), expected);
        if (d->toDouble() != expected)
            QFAIL(qPrintable(u"%1 gave %2, expected %3"_s.arg(QString::fromLatin1(text))
                                 .arg(d->toDouble(), 0, 'g', 17)
                                 .arg(expected, 0, 'g', 17)));
    }
}

QTEST_GUILESS_MAIN(TestDecimal)
#include "tst_decimal.moc"
