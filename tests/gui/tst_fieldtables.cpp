// Every field of the tables in model/AccountFields.h reaches every place that reads, stores or shows
// it: the parser, the CSV files, the table models and the totals panel. The bodies and the expected
// values are made from the tables themselves, so a field added to a table is checked everywhere
// without a change here, and a place that lists fields by hand instead of looping fails.
#include "gui/HighlightClock.h"
#include "gui/TotalsPanel.h"
#include "io/SnapshotCsvFormat.h"
#include "model/AccountFields.h"
#include "model/AccountTableModels.h"
#include "model/ModelRoles.h"
#include "model/SnapshotParser.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QLabel>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace marginwatch;

namespace {

// The fields an endpoint's objects carry: the account's own, or a join key plus what an
// enrichment endpoint adds.
template <typename Record>
bool sentBy(const Field<Record>& f, FieldSource source)
{
    if (source == FieldSource::Account)
        return f.source() == FieldSource::Account;
    if (source == FieldSource::PositionRisk)
        return f.has(RowKey) || f.source() == FieldSource::PositionRisk;
    return f.has(SymbolKey) || f.source() == FieldSource::SymbolConfig;
}

// A value for field `index` that no other field has, as its text: how the CSV writes it, and how
// the model's RawValueRole and the parsed record must hold it.
template <typename Record>
QString valueOf(std::size_t index)
{
    const Field<Record>& f = fieldsOf<Record>()[index];
    const int i = int(index);
    switch (f.kind) {
    case FieldKind::Text:
        return u"V"_s + QString::fromLatin1(f.apiName.data(), qsizetype(f.apiName.size())).toUpper();
    case FieldKind::Decimal:
    case FieldKind::OptionalDecimal:
        return u"%1.%2"_s.arg(100 + i).arg(i + 1); // a different scale per field too
    case FieldKind::Time:
        return QString::number(1764000000000 + i);
    case FieldKind::OptionalInteger:
        return QString::number(
            std::clamp<qint64>(f.options.minimum + i, f.options.minimum, f.options.maximum));
    }
    return {};
}

// A JSON object with the fields of Record that `source` sends; Decimals as strings (as Binance
// sends them), times and integers as numbers.
template <typename Record>
QByteArray objectJson(FieldSource source, const QByteArray& extra = {})
{
    QByteArray json = "{";
    const auto& fields = fieldsOf<Record>();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const Field<Record>& f = fields[i];
        if (!sentBy(f, source))
            continue;
        if (json.size() > 1)
            json += ',';
        json += '"' + QByteArray(f.apiName.data(), qsizetype(f.apiName.size())) + "\":";
        const QByteArray value = valueOf<Record>(i).toUtf8();
        const bool number = f.kind == FieldKind::Time || f.kind == FieldKind::OptionalInteger;
        json += number ? value : '"' + value + '"';
    }
    if (!extra.isEmpty())
        json += ',' + extra;
    return json + '}';
}

// The value a record holds in field I, written as the CSV writes it.
template <typename Record, std::size_t I>
QString storedText(const Record& record)
{
    constexpr const Field<Record>& f = fieldsOf<Record>()[I];
    if constexpr (f.kind == FieldKind::Text)
        return record.*f.textMember;
    else if constexpr (f.kind == FieldKind::Decimal)
        return (record.*f.decimalMember).toString();
    else if constexpr (f.kind == FieldKind::OptionalDecimal)
        return record.*f.optionalDecimalMember ? (record.*f.optionalDecimalMember)->toString() : u"(unset)"_s;
    else if constexpr (f.kind == FieldKind::Time)
        return QString::number(record.*f.timeMember);
    else
        return record.*f.optionalIntegerMember ? QString::number(*(record.*f.optionalIntegerMember))
                                               : u"(unset)"_s;
}

QString rawText(const QVariant& raw)
{
    if (raw.metaType() == QMetaType::fromType<Decimal>())
        return raw.value<Decimal>().toString();
    return raw.toString();
}

QString apiName(std::string_view name)
{
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

AccountSnapshot parsedSnapshot()
{
    SnapshotParser parser;
    const QByteArray account = objectJson<AccountTotals>(
        FieldSource::Account, "\"assets\":[" + objectJson<AssetBalance>(FieldSource::Account)
                                  + "],\"positions\":[" + objectJson<Position>(FieldSource::Account) + "]");
    const QByteArray risk = "[" + objectJson<Position>(FieldSource::PositionRisk) + "]";
    const QByteArray symbols = "[" + objectJson<Position>(FieldSource::SymbolConfig) + "]";
    const SnapshotParseResult result =
        parser.parse({account, risk, {}, symbols, QDateTime::fromMSecsSinceEpoch(1764000000000, Qt::UTC)});
    if (!result.ok())
        qFatal("the generated bodies do not parse: %s", qPrintable(result.error));
    return *result.snapshot;
}

// The CSV header and row of a record: each field under its API name, exactly once, in the
// table's order, holding the field's value.
template <typename Record>
void checkCsv(const QStringList& header, const QStringList& row)
{
    QCOMPARE(row.size(), header.size());
    qsizetype previous = -1;
    forEachField<Record>([&](auto i) {
        constexpr const Field<Record>& f = fieldsOf<Record>()[i];
        const QString name = apiName(f.apiName);
        QCOMPARE(header.count(name), 1);
        const qsizetype at = header.indexOf(name);
        QVERIFY2(at > previous, qPrintable(name + u": out of the table's order"_s));
        previous = at;
        QCOMPARE(row.at(at), valueOf<Record>(i));
    });
}

// The model's column `column` is field I: its title, tool tip and value.
template <typename Record, std::size_t I>
void checkColumn(const QAbstractItemModel& model, int column)
{
    constexpr const Field<Record>& f = fieldsOf<Record>()[I];
    QVERIFY2(column >= 0 && column < model.columnCount(), f.apiName.data());
    QCOMPARE(model.headerData(column, Qt::Horizontal).toString(),
             QCoreApplication::translate(kFieldContext, f.text.title));
    QCOMPARE(model.headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString(),
             QCoreApplication::translate(kFieldContext, f.text.toolTip));
    QCOMPARE(rawText(model.index(0, column).data(RawValueRole)), valueOf<Record>(I));
    QVERIFY2(!model.index(0, column).data().toString().isEmpty(), f.apiName.data());
}

} // namespace

class TestFieldTables : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parser_readsEveryField();
    void csv_writesEveryField();
    void models_showEveryField();
    void totalsPanel_showsEveryFieldWithASlot();
};

void TestFieldTables::parser_readsEveryField()
{
    const AccountSnapshot snapshot = parsedSnapshot();
    QCOMPARE(snapshot.assets.size(), 1);
    QCOMPARE(snapshot.positions.size(), 1);
    forEachField<AccountTotals>([&](auto i) {
        QCOMPARE((storedText<AccountTotals, i>(snapshot.totals)), valueOf<AccountTotals>(i));
    });
    forEachField<AssetBalance>([&](auto i) {
        QCOMPARE((storedText<AssetBalance, i>(snapshot.assets.at(0))), valueOf<AssetBalance>(i));
    });
    forEachField<Position>(
        [&](auto i) { QCOMPARE((storedText<Position, i>(snapshot.positions.at(0))), valueOf<Position>(i)); });
}

void TestFieldTables::csv_writesEveryField()
{
    const AccountSnapshot snapshot = parsedSnapshot();
    const QString time = csvTimestamp(snapshot.takenAt);
    checkCsv<AccountTotals>(csvHeader(CsvTable::Totals), totalsCsvRow(snapshot));
    checkCsv<AssetBalance>(csvHeader(CsvTable::Assets), assetCsvRow(time, snapshot.assets.at(0)));
    checkCsv<Position>(csvHeader(CsvTable::Positions), positionCsvRow(time, snapshot.positions.at(0)));
}

void TestFieldTables::models_showEveryField()
{
    const AccountSnapshot snapshot = parsedSnapshot();

    TotalsModel totals;
    QAbstractItemModelTester totalsTester(&totals, QAbstractItemModelTester::FailureReportingMode::QtTest);
    totals.apply(snapshot);
    QCOMPARE(totals.columnCount(), int(kTotalsFields.size()) + 1); // and the derived margin ratio
    forEachField<AccountTotals>([&](auto i) { checkColumn<AccountTotals, i>(totals, int(i)); });

    AssetTableModel assets;
    QAbstractItemModelTester assetsTester(&assets, QAbstractItemModelTester::FailureReportingMode::QtTest);
    assets.apply(snapshot);
    QCOMPARE(assets.columnCount(), int(kAssetFields.size()));
    forEachField<AssetBalance>([&](auto i) { checkColumn<AssetBalance, i>(assets, int(i)); });

    PositionTableModel positions;
    QAbstractItemModelTester positionsTester(&positions,
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
    positions.apply(snapshot);
    QCOMPARE(positions.columnCount(), int(kPositionFields.size()) + 1); // and the distance to liquidation
    forEachField<Position>(
        [&](auto i) { checkColumn<Position, i>(positions, positionColumn(kPositionFields[i].apiName)); });
    // Every column is a field but the derived one, and no field has two.
    QList<int> columns;
    for (const Field<Position>& f : kPositionFields)
        columns << positionColumn(f.apiName);
    columns << positionColumn(kLiquidationDistanceColumn);
    std::sort(columns.begin(), columns.end());
    QCOMPARE(std::unique(columns.begin(), columns.end()), columns.end());
    QCOMPARE(columns.size(), positions.columnCount());
}

void TestFieldTables::totalsPanel_showsEveryFieldWithASlot()
{
    const AccountSnapshot snapshot = parsedSnapshot();
    TotalsModel model;
    HighlightClock clock;
    TotalsPanel panel(&model, &clock);
    model.apply(snapshot);

    QStringList shown;
    for (const QLabel* label : panel.findChildren<QLabel*>()) {
        if (label->objectName().startsWith(u"total_"_s))
            shown << label->objectName().mid(6);
    }
    QStringList withSlot;
    forEachField<AccountTotals>([&](auto i) {
        constexpr const Field<AccountTotals>& f = kTotalsFields[i];
        if constexpr (f.options.panelSlot > 0) {
            const QString name = apiName(f.apiName);
            withSlot << name;
            const auto* label = panel.findChild<QLabel*>(u"total_"_s + name);
            QVERIFY2(label, qPrintable(name));
            // Shown exactly: the tool tip holds the text as received.
            QVERIFY2(label->toolTip().contains(valueOf<AccountTotals>(i)), qPrintable(label->toolTip()));
            QVERIFY2(label->toolTip().contains(QCoreApplication::translate(kFieldContext, f.text.title)),
                     qPrintable(label->toolTip()));
        }
    });
    shown.sort();
    withSlot.sort();
    QCOMPARE(shown, withSlot);
}

QTEST_MAIN(TestFieldTables)
#include "tst_fieldtables.moc"
