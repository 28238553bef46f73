#include "io/StressCsvExporter.h"

#include "io/CsvWriter.h"
#include "io/SnapshotCsvFormat.h"
#include "risk/StressModel.h"

#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr int kSolvedShockDecimals = 6;

QStringList pointRow(const QString& kind, const StressPoint& point, const QString& shockText)
{
    QStringList liquidated;
    liquidated.reserve(point.liquidated.size());
    for (const QString& key : point.liquidated)
        liquidated << csvServerText(key);
    return {kind,
            shockText,
            point.totalMarginBalance.toCanonicalString(),
            point.totalMaintMargin.toCanonicalString(),
            point.marginRatio ? point.marginRatio->toCanonicalString() : QString(),
            liquidated.join(u';')};
}

} // namespace

QStringList stressCsvHeader()
{
    return {u"kind"_s,        u"shock_percent"_s,       u"totalMarginBalance"_s, u"totalMaintMargin"_s,
            u"marginRatio"_s, u"liquidated_positions"_s};
}

Expected<QList<QStringList>> stressCsvRows(const StressModel& model, const QList<Decimal>& shocks)
{
    QList<QStringList> rows;
    rows.reserve(shocks.size() + 2);
    for (const Decimal& shock : shocks) {
        StressShock s;
        s.percent = shock;
        const Expected<StressPoint> point = model.at(s);
        if (!point)
            return failure(point.error());
        rows << pointRow(u"grid"_s, *point, shock.toCanonicalString());
    }
    const QList<StressRoot> roots = model.solve(StressShock{});
    std::optional<Decimal> down, up;
    if (!roots.isEmpty() && roots.first().position.isEmpty()) {
        down = roots.first().down;
        up = roots.first().up;
    }
    for (const auto& [kind, root] :
         {std::pair{u"liquidation-down"_s, down}, std::pair{u"liquidation-up"_s, up}}) {
        if (!root) {
            rows << QStringList{kind, QString(), QString(), QString(), QString(), QString()};
            continue;
        }
        const Decimal shock = root->rounded(kSolvedShockDecimals, Decimal::Rounding::AwayFromZero);
        StressShock s;
        s.percent = shock;
        const Expected<StressPoint> point = model.at(s);
        if (!point)
            return failure(point.error());
        rows << pointRow(kind, *point, shock.toCanonicalString());
    }
    return rows;
}

QString stressCsvPath(const QString& stem)
{
    return stem + u"-stress.csv"_s;
}

Expected<void> exportStressCsv(const QString& stem, const StressModel& model, const QList<Decimal>& shocks)
{
    const Expected<QList<QStringList>> rows = stressCsvRows(model, shocks);
    if (!rows)
        return failure(rows.error());
    const QString path = stressCsvPath(stem);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failure(u"%1: %2"_s.arg(path, file.errorString()));
    CsvWriter writer(&file);
    if (!writer.writeRow(stressCsvHeader()) || !writer.writeRows(*rows)) {
        file.cancelWriting();
        return failure(u"%1: %2"_s.arg(path, writer.errorString()));
    }
    if (!file.commit())
        return failure(u"%1: %2"_s.arg(path, file.errorString()));
    return {};
}

} // namespace marginwatch
