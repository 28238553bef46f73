#include "gui/history/HistoryReadout.h"

#include "model/AccountSemantics.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace marginwatch {

namespace {

QString money(double value, const QLocale& locale)
{
    return std::isfinite(value) ? locale.toString(value, 'f', 2)
                                : QCoreApplication::translate("HistoryView", "n/a");
}

} // namespace

qsizetype nearestHistoryPoint(const QList<HistoryPoint>& points, qint64 ms)
{
    if (points.isEmpty())
        return -1;
    const auto after =
        std::lower_bound(points.begin(), points.end(), ms, [](const HistoryPoint& point, qint64 t) {
            return point.time.toMSecsSinceEpoch() < t;
        });
    if (after == points.begin())
        return 0;
    if (after == points.end())
        return points.size() - 1;
    const auto before = after - 1;
    const qint64 toAfter = after->time.toMSecsSinceEpoch() - ms;
    const qint64 toBefore = ms - before->time.toMSecsSinceEpoch();
    return (toBefore <= toAfter ? before : after) - points.begin();
}

QString historyReadoutText(const HistoryPoint& point, const QLocale& locale)
{
    const QString ratio = point.marginRatio && std::isfinite(*point.marginRatio)
                              ? percentText(*point.marginRatio * 100.0, locale)
                              : QCoreApplication::translate("HistoryView", "n/a");
    return QCoreApplication::translate("HistoryView",
                                       "%1 — Margin balance %2 · Unrealized PnL %3 · Margin ratio %4")
        .arg(locale.toString(point.time.toLocalTime(), u"dd MMM yyyy HH:mm:ss"),
             money(point.marginBalance, locale), money(point.unrealizedProfit, locale), ratio);
}

} // namespace marginwatch
