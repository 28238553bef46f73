// How numbers are shown: prices at the contract's tick, sizes at its step, money at its asset's
// decimals, all in the UI locale, exact text on request and whenever the precision is unknown.
#include "model/NumberDisplay.h"

#include <QTest>

using namespace marginwatch;
using namespace Qt::StringLiterals;

namespace {

Decimal dec(const char* text)
{
    return *Decimal::parse(std::string_view(text));
}

SharedSymbolPrecision table(const char* tick, const char* step, int pricePrecision = 2,
                            int quantityPrecision = 3)
{
    QHash<QString, SymbolPrecision> symbols;
    symbols.insert(u"TESTUSDT"_s,
                   SymbolPrecision{dec(tick), dec(step), pricePrecision, quantityPrecision, u"USDT"_s});
    return std::make_shared<const SymbolPrecisionTable>(std::move(symbols), 1);
}

} // namespace

class TestNumberDisplay : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void incrementDecimals_data();
    void incrementDecimals();
    void price_data();
    void price();
    void quantity_data();
    void quantity();
    void money_data();
    void money();
    void missingPrecision_showsTheApiText();
    void exactMode_showsTheApiText();
    void locale_data();
    void locale();
    void percent_data();
    void percent();
};

void TestNumberDisplay::incrementDecimals_data()
{
    QTest::addColumn<QString>("increment");
    QTest::addColumn<int>("decimals");
    QTest::newRow("0.1") << u"0.1"_s << 1;
    QTest::newRow("0.10 (BTCUSDT)") << u"0.10"_s << 1;
    QTest::newRow("0.01") << u"0.01"_s << 2;
    QTest::newRow("0.0100") << u"0.0100"_s << 2;
    QTest::newRow("0.00001") << u"0.00001"_s << 5;
    QTest::newRow("0.00010") << u"0.00010"_s << 4;
    QTest::newRow("1") << u"1"_s << 0;
    QTest::newRow("10") << u"10"_s << 0;
    QTest::newRow("0.001") << u"0.001"_s << 3;
    QTest::newRow("1E-8") << u"1E-8"_s << 8;
    QTest::newRow("zero: unknown") << u"0"_s << -1;
}

void TestNumberDisplay::incrementDecimals()
{
    QFETCH(QString, increment);
    QFETCH(int, decimals);
    QCOMPARE(marginwatch::incrementDecimals(*Decimal::parse(increment)), decimals);
}

void TestNumberDisplay::price_data()
{
    QTest::addColumn<QString>("tick");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("shown");
    QTest::newRow("tick 0.1, mark") << u"0.10"_s << u"67502.68519858"_s << u"67,502.7"_s;
    QTest::newRow("tick 0.1, half rounds away from zero") << u"0.1"_s << u"100.05"_s << u"100.1"_s;
    QTest::newRow("tick 0.1, just below half") << u"0.1"_s << u"100.0499999999"_s << u"100.0"_s;
    QTest::newRow("tick 0.1, on the tick") << u"0.1"_s << u"64846.9"_s << u"64,846.9"_s;
    QTest::newRow("tick 0.1, fewer digits than the tick") << u"0.1"_s << u"60000"_s << u"60,000.0"_s;
    QTest::newRow("tick 0.01, liquidation") << u"0.01"_s << u"64846.98753790"_s << u"64,846.99"_s;
    QTest::newRow("tick 0.01, carry into the integer") << u"0.01"_s << u"2999.995"_s << u"3,000.00"_s;
    QTest::newRow("tick 0.01, negative") << u"0.01"_s << u"-1.005"_s << u"-1.01"_s;
    QTest::newRow("tick 0.01, tiny negative is zero") << u"0.01"_s << u"-0.001"_s << u"0.00"_s;
    QTest::newRow("tick 0.00001, DOGE") << u"0.00001"_s << u"0.15123456"_s << u"0.15123"_s;
    QTest::newRow("tick 0.00001, rounds up") << u"0.00001"_s << u"0.151235"_s << u"0.15124"_s;
    QTest::newRow("tick 0.00001, exponent text") << u"0.00001"_s << u"2.8E-4"_s << u"0.00028"_s;
    QTest::newRow("tick 0.0100 (trailing zeros)") << u"0.0100"_s << u"150.12345"_s << u"150.12"_s;
    QTest::newRow("tick 0.5: to the nearest half") << u"0.5"_s << u"100.26"_s << u"100.5"_s;
    QTest::newRow("tick 0.5: down") << u"0.5"_s << u"100.24"_s << u"100.0"_s;
    QTest::newRow("tick 0.025") << u"0.025"_s << u"1.2374"_s << u"1.225"_s;
    QTest::newRow("tick 0.025, up") << u"0.025"_s << u"1.2376"_s << u"1.250"_s;
}

void TestNumberDisplay::price()
{
    QFETCH(QString, tick);
    QFETCH(QString, value);
    QFETCH(QString, shown);
    const NumberDisplay display(NumberLocale(QLocale::c()), table(tick.toLatin1().constData(), "0.001"));
    // The C locale writes no group separator; an English one does.
    const NumberDisplay english(NumberLocale(QLocale(QLocale::English, QLocale::UnitedStates)),
                                table(tick.toLatin1().constData(), "0.001"));
    QCOMPARE(english.price(*Decimal::parse(value), u"TESTUSDT"_s), shown);
    QCOMPARE(display.price(*Decimal::parse(value), u"TESTUSDT"_s), QString(shown).remove(u','));
}

void TestNumberDisplay::quantity_data()
{
    QTest::addColumn<QString>("step");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("shown");
    QTest::newRow("step 1") << u"1"_s << u"50000"_s << u"50,000"_s;
    QTest::newRow("step 1, API writes decimals") << u"1"_s << u"-3000.000"_s << u"-3,000"_s;
    QTest::newRow("step 0.001") << u"0.001"_s << u"0.150"_s << u"0.150"_s;
    QTest::newRow("step 0.001, short") << u"0.001"_s << u"-4"_s << u"-4.000"_s;
    QTest::newRow("step 0.001, off the step") << u"0.001"_s << u"1.23456"_s << u"1.235"_s;
}

void TestNumberDisplay::quantity()
{
    QFETCH(QString, step);
    QFETCH(QString, value);
    QFETCH(QString, shown);
    const NumberDisplay display(NumberLocale(QLocale(QLocale::English, QLocale::UnitedStates)),
                                table("0.01", step.toLatin1().constData()));
    QCOMPARE(display.quantity(*Decimal::parse(value), u"TESTUSDT"_s), shown);
}

void TestNumberDisplay::money_data()
{
    QTest::addColumn<QString>("asset");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("shown");
    QTest::newRow("USDT PnL") << u"USDT"_s << u"0.54238506"_s << u"0.54"_s;
    QTest::newRow("USDT total") << u"USDT"_s << u"12000.00000000"_s << u"12,000.00"_s;
    QTest::newRow("USDT loss") << u"USDT"_s << u"-1234.565"_s << u"-1,234.57"_s;
    QTest::newRow("USDC") << u"USDC"_s << u"1.005"_s << u"1.01"_s;
    QTest::newRow("USD (multi-assets totals)") << u"USD"_s << u"99.999"_s << u"100.00"_s;
    QTest::newRow("BTC: a coin keeps satoshis") << u"BTC"_s << u"0.123456789"_s << u"0.12345679"_s;
    QTest::newRow("BNB") << u"BNB"_s << u"2"_s << u"2.00000000"_s;
}

void TestNumberDisplay::money()
{
    QFETCH(QString, asset);
    QFETCH(QString, value);
    QFETCH(QString, shown);
    const NumberDisplay display(NumberLocale(QLocale(QLocale::English, QLocale::UnitedStates)), nullptr);
    QCOMPARE(display.money(*Decimal::parse(value), asset), shown);
}

void TestNumberDisplay::missingPrecision_showsTheApiText()
{
    const NumberLocale english(QLocale(QLocale::English, QLocale::UnitedStates));
    // No exchangeInfo at all, and a table that does not know the symbol: the API's digits, unrounded.
    for (const NumberDisplay& display :
         {NumberDisplay(english, nullptr), NumberDisplay(english, table("0.1", "0.001"))}) {
        QCOMPARE(display.price(dec("67502.68519858"), u"OTHERUSDT"_s), u"67,502.68519858"_s);
        QCOMPARE(display.quantity(dec("0.150"), u"OTHERUSDT"_s), u"0.150"_s);
        QCOMPARE(display.price(dec("2.8E-4"), u"OTHERUSDT"_s), u"0.00028"_s);
    }
    // A contract listed without its filters: its precision fields.
    QHash<QString, SymbolPrecision> symbols;
    symbols.insert(u"NOFILTERUSDT"_s, SymbolPrecision{Decimal(), Decimal(), 3, 1, {}});
    const NumberDisplay partial(english, std::make_shared<const SymbolPrecisionTable>(symbols, 1));
    QCOMPARE(partial.price(dec("1.23456"), u"NOFILTERUSDT"_s), u"1.235"_s);
    QCOMPARE(partial.quantity(dec("10.25"), u"NOFILTERUSDT"_s), u"10.3"_s);
}

void TestNumberDisplay::exactMode_showsTheApiText()
{
    const NumberDisplay display(NumberLocale(QLocale(QLocale::English, QLocale::UnitedStates)),
                                table("0.1", "1"), true);
    QCOMPARE(display.price(dec("67502.68519858"), u"TESTUSDT"_s), u"67,502.68519858"_s);
    QCOMPARE(display.quantity(dec("-3000.000"), u"TESTUSDT"_s), u"-3,000.000"_s);
    QCOMPARE(display.money(dec("0.54238506"), u"USDT"), u"0.54238506"_s);
}

void TestNumberDisplay::locale_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("money");
    QTest::addColumn<QString>("percent");
    QTest::newRow("English") << QLocale(QLocale::English, QLocale::UnitedStates) << u"-12,000.50"_s
                             << u"0.79 %"_s;
    QTest::newRow("German") << QLocale(QLocale::German, QLocale::Germany) << u"-12.000,50"_s << u"0,79 %"_s;
    QTest::newRow("French (narrow no-break space)")
        << QLocale(QLocale::French, QLocale::France) << u"-12\u202f000,50"_s << u"0,79 %"_s;
    QLocale plain(QLocale::German, QLocale::Germany);
    plain.setNumberOptions(QLocale::OmitGroupSeparator);
    QTest::newRow("German without grouping") << plain << u"-12000,50"_s << u"0,79 %"_s;
}

void TestNumberDisplay::locale()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, money);
    QFETCH(QString, percent);
    const NumberDisplay display(NumberLocale(locale), nullptr);
    QCOMPARE(display.money(dec("-12000.499"), u"USDT"), money);
    QCOMPARE(display.percent(0.7912), percent);
    // Whatever the locale, the text follows QLocale's own rendering of the same number.
    QCOMPARE(display.money(dec("-12000.50"), u"USDT"), locale.toString(-12000.50, 'f', 2));
}

void TestNumberDisplay::percent_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("shown");
    QTest::newRow("positive") << 12.345 << u"12.35 %"_s;
    QTest::newRow("negative") << -3.5 << u"-3.50 %"_s;
    QTest::newRow("rounds to zero: no sign") << -0.001 << u"0.00 %"_s;
    QTest::newRow("large") << 1234.5 << u"1,234.50 %"_s;
}

void TestNumberDisplay::percent()
{
    QFETCH(double, value);
    QFETCH(QString, shown);
    const NumberDisplay display(NumberLocale(QLocale(QLocale::English, QLocale::UnitedStates)), nullptr);
    QCOMPARE(display.percent(value), shown);
}

QTEST_GUILESS_MAIN(TestNumberDisplay)
#include "tst_numberdisplay.moc"
