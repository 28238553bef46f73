#include "gui/history/HistoryView.h"

#include "io/history/HistoryStore.h"

#include <QButtonGroup>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr int kMaxChartPoints = 2000; // per series; the store thins evenly beyond that
constexpr int kRefreshDelayMs = 1000;

// Axis bounds with a little air, and a usable span when every value is the same.
std::pair<double, double> paddedRange(double low, double high)
{
    if (!(low <= high))
        return {0.0, 1.0};
    const double span = high - low;
    const double pad = span > 0 ? span * 0.05 : std::max(std::abs(high) * 0.01, 1.0);
    return {low - pad, high + pad};
}

} // namespace

HistoryView::HistoryView(HistoryStore* store, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_saveFileDialog(
          [](QWidget* dialogParent, const QString& caption, const QString& path, const QString& filter) {
              return QFileDialog::getSaveFileName(dialogParent, caption, path, filter);
          })
    , m_rangeButtons(new QButtonGroup(this))
    , m_exportButton(new QPushButton(tr("Export range…"), this))
    , m_readout(new QLabel(this))
    , m_status(new QLabel(this))
    , m_chart(new QChart)
    , m_chartView(new QChartView(m_chart, this)) // takes ownership of the chart
    , m_timeAxis(new QDateTimeAxis)
    , m_moneyAxis(new QValueAxis)
    , m_ratioAxis(new QValueAxis)
    , m_balance(new QLineSeries)
    , m_pnl(new QLineSeries)
    , m_ratio(new QLineSeries)
{
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Range:"), this));
    const std::array<std::pair<Range, QString>, 4> ranges{{{Range::LastHour, tr("1 h")},
                                                           {Range::LastDay, tr("24 h")},
                                                           {Range::LastWeek, tr("7 d")},
                                                           {Range::All, tr("All")}}};
    for (const auto& [range, label] : ranges) {
        auto* button = new QToolButton(this);
        button->setText(label);
        button->setCheckable(true);
        button->setChecked(range == m_range);
        m_rangeButtons->addButton(button, int(range));
        controls->addWidget(button);
    }
    m_rangeButtons->setExclusive(true);
    controls->addSpacing(12);
    controls->addWidget(m_readout, 1);
    controls->addWidget(m_exportButton);

    m_status->setWordWrap(true);
    m_status->setVisible(false);

    m_balance->setName(tr("Margin balance"));
    m_pnl->setName(tr("Unrealized PnL"));
    m_ratio->setName(tr("Margin ratio (%)"));
    m_chart->addSeries(m_balance);
    m_chart->addSeries(m_pnl);
    m_chart->addSeries(m_ratio);
    m_timeAxis->setTitleText(tr("Time"));
    m_moneyAxis->setTitleText(tr("Balance / PnL"));
    m_moneyAxis->setLabelFormat(u"%.2f"_s);
    m_ratioAxis->setTitleText(tr("Margin ratio (%)"));
    m_ratioAxis->setLabelFormat(u"%.1f"_s);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_moneyAxis, Qt::AlignLeft);
    m_chart->addAxis(m_ratioAxis, Qt::AlignRight);
    for (QLineSeries* series : {m_balance, m_pnl, m_ratio})
        series->attachAxis(m_timeAxis);
    m_balance->attachAxis(m_moneyAxis);
    m_pnl->attachAxis(m_moneyAxis);
    m_ratio->attachAxis(m_ratioAxis);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chartView->setRenderHint(QPainter::Antialiasing);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_status);
    layout->addWidget(m_chartView, 1);

    for (QLineSeries* series : {m_balance, m_pnl, m_ratio}) {
        connect(series, &QLineSeries::hovered, this,
                [this, series](const QPointF& point, bool entered) { showReadout(series, point, entered); });
    }
    connect(m_rangeButtons, &QButtonGroup::idClicked, this, [this](int id) { setRange(Range(id)); });
    connect(m_exportButton, &QPushButton::clicked, this, &HistoryView::exportRange);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(kRefreshDelayMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &HistoryView::refresh);
    if (m_store) {
        connect(m_store, &HistoryStore::recorded, this, &HistoryView::scheduleRefresh);
        connect(m_store, &HistoryStore::enabledChanged, this, &HistoryView::updateStoreState);
        connect(m_store, &HistoryStore::errorOccurred, this, &HistoryView::updateStoreState);
    }
    updateStoreState();
}

HistoryView::~HistoryView() = default;

void HistoryView::setSaveFileDialog(SaveFileDialog dialog)
{
    m_saveFileDialog = std::move(dialog);
}

void HistoryView::setRange(Range range)
{
    m_range = range;
    if (QAbstractButton* button = m_rangeButtons->button(int(range)))
        button->setChecked(true);
    refresh();
}

std::pair<QDateTime, QDateTime> HistoryView::rangeBounds() const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    switch (m_range) {
    case Range::LastHour:
        return {now.addSecs(-60 * 60), now};
    case Range::LastDay:
        return {now.addDays(-1), now};
    case Range::LastWeek:
        return {now.addDays(-7), now};
    case Range::All:
        break;
    }
    return {QDateTime(), now};
}

QString HistoryView::stemFromChosenPath(const QString& path)
{
    QString stem = path;
    if (stem.endsWith(u".csv"_s, Qt::CaseInsensitive))
        stem.chop(4);
    for (const QString& suffix : {u"-totals"_s, u"-assets"_s, u"-positions"_s}) {
        if (stem.endsWith(suffix)) {
            stem.chop(suffix.size());
            break;
        }
    }
    return stem;
}

QString HistoryView::readoutText() const
{
    return m_readout->text();
}

QString HistoryView::statusText() const
{
    return m_status->isVisibleTo(this) ? m_status->text() : QString();
}

void HistoryView::scheduleRefresh()
{
    if (isVisible() && !m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void HistoryView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
}

void HistoryView::updateStoreState()
{
    const bool enabled = m_store && m_store->isEnabled();
    m_exportButton->setEnabled(enabled);
    if (enabled) {
        m_status->setVisible(false);
        return;
    }
    QString message = tr("History is not being recorded.");
    if (m_store && !m_store->errorString().isEmpty())
        message = m_store->errorString();
    m_status->setText(message);
    m_status->setVisible(true);
}

void HistoryView::refresh()
{
    m_refreshTimer.stop();
    updateStoreState();
    QList<QPointF> balance, pnl, ratio;
    const auto [from, to] = rangeBounds();
    const std::optional<qint64> account = m_store ? m_store->accountId(m_store->account()) : std::nullopt;
    const QList<HistoryPoint> points =
        account ? m_store->series(*account, from, to, kMaxChartPoints) : QList<HistoryPoint>();
    balance.reserve(points.size());
    pnl.reserve(points.size());
    ratio.reserve(points.size());
    double moneyLow = 0, moneyHigh = 0, ratioHigh = 0;
    bool anyMoney = false;
    for (const HistoryPoint& point : points) {
        const auto x = double(point.time.toMSecsSinceEpoch());
        for (auto [value, list] :
             {std::pair{point.marginBalance, &balance}, std::pair{point.unrealizedProfit, &pnl}}) {
            if (!std::isfinite(value))
                continue;
            list->append({x, value});
            moneyLow = anyMoney ? std::min(moneyLow, value) : value;
            moneyHigh = anyMoney ? std::max(moneyHigh, value) : value;
            anyMoney = true;
        }
        if (point.marginRatio && std::isfinite(*point.marginRatio)) {
            ratio.append({x, *point.marginRatio * 100.0});
            ratioHigh = std::max(ratioHigh, *point.marginRatio * 100.0);
        }
    }
    m_balance->replace(balance);
    m_pnl->replace(pnl);
    m_ratio->replace(ratio);

    QDateTime axisFrom = from;
    if (!axisFrom.isValid())
        axisFrom = points.isEmpty() ? to.addSecs(-60 * 60) : points.constFirst().time;
    m_timeAxis->setRange(axisFrom.toLocalTime(), to.toLocalTime());
    m_timeAxis->setFormat(axisFrom.daysTo(to) >= 2        ? u"dd MMM"_s
                          : axisFrom.secsTo(to) > 60 * 60 ? u"dd MMM HH:mm"_s
                                                          : u"HH:mm"_s);
    const auto [low, high] = anyMoney ? paddedRange(moneyLow, moneyHigh) : std::pair{0.0, 1.0};
    m_moneyAxis->setRange(low, high);
    // Liquidation is at 100 %: keep that line in view once the ratio gets anywhere near it.
    m_ratioAxis->setRange(0.0, std::max(ratioHigh * 1.1, ratioHigh > 50.0 ? 105.0 : 10.0));

    if (m_store && m_store->isEnabled() && points.isEmpty()) {
        m_status->setText(tr("No history in this range yet: every poll adds a point."));
        m_status->setVisible(true);
    }
}

void HistoryView::showReadout(QLineSeries* series, const QPointF& point, bool entered)
{
    if (!entered) {
        m_readout->clear();
        return;
    }
    const QLocale locale;
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(qint64(point.x())).toLocalTime();
    const QString value = series == m_ratio ? tr("%1 %").arg(locale.toString(point.y(), 'f', 2))
                                            : locale.toString(point.y(), 'f', 2);
    m_readout->setText(
        tr("%1 at %2: %3").arg(series->name(), locale.toString(time, QLocale::ShortFormat), value));
}

void HistoryView::exportRange()
{
    if (!m_store || !m_store->isEnabled()) {
        Q_EMIT exportFailed(tr("History is not being recorded."));
        return;
    }
    const QString suggested =
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u'/'
        + u"marginwatch-history-%1"_s.arg(QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmm"_s));
    const QString chosen =
        m_saveFileDialog(this, tr("Export history range"), suggested, tr("CSV files (*.csv);;All files (*)"));
    if (chosen.isEmpty())
        return; // cancelled
    const QString stem = stemFromChosenPath(chosen);
    const auto [from, to] = rangeBounds();
    const std::optional<qint64> account = m_store->accountId(m_store->account());
    const Expected<void> result = account ? m_store->exportRange(*account, stem, from, to)
                                          : Expected<void>(failure(tr("Nothing recorded yet.")));
    if (!result) {
        const QString message = result.error();
        m_status->setText(message);
        m_status->setVisible(true);
        Q_EMIT exportFailed(message);
        return;
    }
    m_status->setText(
        tr("Exported to %1-totals.csv, -assets.csv and -positions.csv.").arg(QDir::toNativeSeparators(stem)));
    m_status->setVisible(true);
    Q_EMIT exported(stem);
}

} // namespace marginwatch
