#include "gui/history/HistoryView.h"

#include "gui/history/ChartTicks.h"
#include "gui/history/HistoryChartView.h"
#include "gui/history/HistoryReadout.h"
#include "io/history/HistoryStore.h"

#include <QButtonGroup>
#include <QChart>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
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

struct Extent
{
    double low = 0;
    double high = 0;
    bool any = false;

    void add(double value)
    {
        low = any ? std::min(low, value) : value;
        high = any ? std::max(high, value) : value;
        any = true;
    }
};

void applyTicks(QValueAxis* axis, const ValueTicks& ticks)
{
    axis->setRange(ticks.min, ticks.max);
    axis->setTickCount(ticks.tickCount);
    axis->setLabelFormat(u"%.%1f"_s.arg(ticks.decimals));
}

// The axis wears its series' colour, so that which line belongs to which scale needs no legend.
void colourAxis(QValueAxis* axis, const QLineSeries* series)
{
    const QColor colour = series->color();
    axis->setLabelsColor(colour);
    axis->setTitleBrush(colour);
    QPen line = axis->linePen();
    line.setColor(colour);
    axis->setLinePen(line);
}

QString fileNamePart(const QString& text)
{
    QString part = text;
    part.replace(QRegularExpression(u"[^A-Za-z0-9_-]+"_s), u"-"_s);
    return part.left(40);
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
    , m_accountBox(new QComboBox(this))
    , m_exportButton(new QPushButton(tr("Export range…"), this))
    , m_readout(new QLabel(this))
    , m_status(new QLabel(this))
    , m_chart(new QChart)
    , m_balance(new QLineSeries)
    , m_pnl(new QLineSeries)
    , m_ratio(new QLineSeries)
    , m_chartView(new HistoryChartView(m_chart, m_balance, this)) // takes ownership of the chart
    , m_timeAxis(new QDateTimeAxis)
    , m_balanceAxis(new QValueAxis)
    , m_pnlAxis(new QValueAxis)
    , m_ratioAxis(new QValueAxis)
{
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Range:"), this));
    const std::array<std::pair<Range, QString>, 5> ranges{{{Range::Last15Minutes, tr("15 min")},
                                                           {Range::LastHour, tr("1 h")},
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
    m_accountBox->setObjectName(u"historyAccount"_s);
    m_accountBox->setToolTip(tr("Each account's history is kept apart."));
    m_accountBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_accountBox->hide();
    controls->addWidget(m_accountBox);
    controls->addSpacing(12);
    controls->addWidget(m_readout, 1); // filled while the mouse is over the chart
    controls->addWidget(m_exportButton);

    m_readout->setObjectName(u"historyReadout"_s);
    m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_readout->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // never widens the window
    m_status->setObjectName(u"historyStatus"_s);
    m_status->setWordWrap(true);
    m_status->setVisible(false);

    m_balance->setName(tr("Margin balance"));
    m_pnl->setName(tr("Unrealized PnL"));
    m_ratio->setName(tr("Margin ratio (%)"));
    m_chart->addSeries(m_balance);
    m_chart->addSeries(m_pnl);
    m_chart->addSeries(m_ratio);
    m_chart->setLocalizeNumbers(true);
    m_timeAxis->setTitleText(tr("Time"));
    m_balanceAxis->setTitleText(tr("Margin balance"));
    m_pnlAxis->setTitleText(tr("Unrealized PnL"));
    m_ratioAxis->setTitleText(tr("Margin ratio (%)"));
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_balanceAxis, Qt::AlignLeft);
    m_chart->addAxis(m_pnlAxis, Qt::AlignRight);
    m_chart->addAxis(m_ratioAxis, Qt::AlignRight);
    for (QLineSeries* series : {m_balance, m_pnl, m_ratio})
        series->attachAxis(m_timeAxis);
    m_balance->attachAxis(m_balanceAxis);
    m_pnl->attachAxis(m_pnlAxis);
    m_ratio->attachAxis(m_ratioAxis);
    colourAxis(m_balanceAxis, m_balance);
    colourAxis(m_pnlAxis, m_pnl);
    colourAxis(m_ratioAxis, m_ratio);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chartView->setRenderHint(QPainter::Antialiasing);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_status);
    layout->addWidget(m_chartView, 1);

    connect(m_chartView, &HistoryChartView::cursorMoved, this, &HistoryView::showReadoutAt);
    connect(m_chartView, &HistoryChartView::cursorLeft, this, &HistoryView::clearReadout);
    connect(m_rangeButtons, &QButtonGroup::idClicked, this, [this](int id) { setRange(Range(id)); });
    connect(m_accountBox, &QComboBox::activated, this, [this](int index) {
        const qint64 id = m_accountBox->itemData(index).toLongLong();
        const std::optional<qint64> current = m_store ? m_store->accountId(m_store->account()) : std::nullopt;
        m_followCurrentAccount = id < 0 || (current && *current == id);
        if (id >= 0)
            showAccount(id);
        else
            refresh();
    });
    connect(m_exportButton, &QPushButton::clicked, this, &HistoryView::exportRange);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(kRefreshDelayMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &HistoryView::refresh);
    if (m_store) {
        connect(m_store, &HistoryStore::recorded, this, &HistoryView::scheduleRefresh);
        connect(m_store, &HistoryStore::enabledChanged, this, &HistoryView::refresh);
        connect(m_store, &HistoryStore::errorOccurred, this, &HistoryView::refresh);
        connect(m_store, &HistoryStore::databaseReplaced, this, &HistoryView::refresh);
        connect(m_store, &HistoryStore::accountChanged, this, [this] {
            m_followCurrentAccount = true;
            refresh();
        });
    }
    refresh();
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

void HistoryView::showAccount(qint64 accountId)
{
    m_shownAccount = accountId;
    const int index = m_accountBox->findData(accountId);
    if (index >= 0)
        m_accountBox->setCurrentIndex(index);
    refresh();
}

std::pair<QDateTime, QDateTime> HistoryView::rangeBounds() const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    switch (m_range) {
    case Range::Last15Minutes:
        return {now.addSecs(-15 * 60), now};
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

void HistoryView::setStatus(const QString& text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

void HistoryView::reloadAccounts()
{
    const bool enabled = m_store && m_store->isEnabled();
    const QList<StoredHistoryAccount> stored = enabled ? m_store->accounts() : QList<StoredHistoryAccount>();
    const HistoryAccount current = m_store ? m_store->account() : HistoryAccount();
    std::optional<qint64> currentId;
    const QLocale locale;
    QList<std::pair<QString, qint64>> choices;
    for (const StoredHistoryAccount& entry : stored) {
        const bool isCurrent = current.isValid() && entry.account.sameAccount(current);
        if (isCurrent)
            currentId = entry.id;
        QString label;
        if (entry.account.isUnassigned())
            label = tr("Earlier history (before accounts were kept apart)");
        else if (isCurrent)
            label = tr("%1 (this session)").arg(current.name);
        else
            label = tr("%1 (last %2)")
                        .arg(entry.account.name,
                             locale.toString(entry.last.toLocalTime().date(), QLocale::ShortFormat));
        choices.append({label, entry.id});
    }
    // The current account before its first poll is stored: still a choice, with nothing to show yet.
    if (current.isValid() && !currentId)
        choices.prepend({tr("%1 (this session)").arg(current.name), qint64(-1)});
    // Rebuilt only when the choices change: a redraw must not close the list under the mouse.
    bool same = choices.size() == m_accountBox->count();
    for (qsizetype i = 0; same && i < choices.size(); ++i) {
        same = m_accountBox->itemText(int(i)) == choices.at(i).first
               && m_accountBox->itemData(int(i)).toLongLong() == choices.at(i).second;
    }
    if (!same) {
        m_accountBox->clear();
        for (const auto& [label, id] : choices)
            m_accountBox->addItem(label, id);
    }

    const bool shownStillThere = m_shownAccount && m_accountBox->findData(*m_shownAccount) >= 0;
    if (m_followCurrentAccount || !shownStillThere) {
        if (current.isValid())
            m_shownAccount = currentId; // nullopt until its first poll is stored
        else
            m_shownAccount = stored.isEmpty() ? std::nullopt : std::optional<qint64>(stored.constFirst().id);
    }
    const int index = m_accountBox->findData(m_shownAccount ? *m_shownAccount : qint64(-1));
    m_accountBox->setCurrentIndex(std::max(index, 0));
    m_accountBox->setVisible(m_accountBox->count() > 1);
}

QString HistoryView::emptyRangeText() const
{
    const HistoryAccount current = m_store ? m_store->account() : HistoryAccount();
    const std::optional<qint64> currentId = current.isValid() ? m_store->accountId(current) : std::nullopt;
    if (!m_shownAccount)
        return current.isValid() ? tr("No history yet: every poll of this account adds a point.") : QString();
    if (currentId && *currentId == *m_shownAccount)
        return tr("No history in this range yet: every poll adds a point.");
    return tr("No history in this range for this account.");
}

void HistoryView::refresh()
{
    m_refreshTimer.stop();
    reloadAccounts();
    const bool enabled = m_store && m_store->isEnabled();
    const auto [from, to] = rangeBounds();
    m_points = enabled && m_shownAccount ? m_store->series(*m_shownAccount, from, to, kMaxChartPoints)
                                         : QList<HistoryPoint>();
    QList<QPointF> balance, pnl, ratio;
    balance.reserve(m_points.size());
    pnl.reserve(m_points.size());
    ratio.reserve(m_points.size());
    Extent balanceExtent, pnlExtent;
    double ratioHigh = 0;
    for (const HistoryPoint& point : std::as_const(m_points)) {
        const auto x = double(point.time.toMSecsSinceEpoch());
        if (std::isfinite(point.marginBalance)) {
            balance.append({x, point.marginBalance});
            balanceExtent.add(point.marginBalance);
        }
        if (std::isfinite(point.unrealizedProfit)) {
            pnl.append({x, point.unrealizedProfit});
            pnlExtent.add(point.unrealizedProfit);
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
        axisFrom = m_points.isEmpty() ? to.addSecs(-60 * 60) : m_points.constFirst().time;
    const TimeTicks time = roundTimeTicks(axisFrom.toMSecsSinceEpoch(), to.toMSecsSinceEpoch(),
                                          axisFrom.toLocalTime().offsetFromUtc());
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(time.fromMs),
                         QDateTime::fromMSecsSinceEpoch(time.toMs));
    m_timeAxis->setTickCount(time.tickCount);
    m_timeAxis->setFormat(time.format);
    applyTicks(m_balanceAxis, balanceExtent.any ? niceValueTicks(balanceExtent.low, balanceExtent.high)
                                                : niceValueTicks(0.0, 1.0));
    applyTicks(m_pnlAxis,
               pnlExtent.any ? niceValueTicks(pnlExtent.low, pnlExtent.high) : niceValueTicks(-1.0, 1.0));
    // Liquidation is at 100 %: keep that line in view once the ratio gets anywhere near it.
    applyTicks(m_ratioAxis, niceValueTicks(0.0, std::max(ratioHigh * 1.1, ratioHigh > 50.0 ? 105.0 : 10.0)));

    m_exportButton->setEnabled(enabled && m_shownAccount.has_value());
    if (m_points.isEmpty())
        clearReadout();

    QStringList status;
    if (!m_store) {
        status << tr("History is not being recorded.");
    } else if (!enabled) {
        status << (m_store->errorString().isEmpty() ? tr("History is not being recorded.")
                                                    : m_store->errorString());
    } else {
        if (!m_store->notice().isEmpty())
            status << m_store->notice();
        if (!m_store->account().isValid())
            status << tr("The built-in simulator's made-up numbers are not recorded: this tab shows the "
                         "history of your own accounts.");
        if (m_points.isEmpty())
            status << emptyRangeText();
    }
    status.removeAll(QString());
    setStatus(status.join(u' '));
}

void HistoryView::showReadoutAt(qint64 ms)
{
    const qsizetype index = nearestHistoryPoint(m_points, ms);
    if (index < 0) {
        clearReadout();
        return;
    }
    const HistoryPoint& point = m_points.at(index);
    m_readout->setText(historyReadoutText(point, QLocale()));
    m_chartView->showCursorAt(point.time.toMSecsSinceEpoch());
}

void HistoryView::clearReadout()
{
    m_readout->clear();
    m_chartView->hideCursor();
}

void HistoryView::exportRange()
{
    if (!m_store || !m_store->isEnabled() || !m_shownAccount) {
        const QString message = !m_store || !m_store->isEnabled() ? tr("History is not being recorded.")
                                                                  : tr("Nothing recorded yet.");
        Q_EMIT exportFailed(message);
        return;
    }
    const QString account = fileNamePart(m_accountBox->currentText().section(u" ("_s, 0, 0));
    const QString suggested =
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u'/'
        + u"marginwatch-history-%1%2"_s.arg(account.isEmpty() ? QString() : account + u'-',
                                            QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmm"_s));
    const QString chosen =
        m_saveFileDialog(this, tr("Export history range"), suggested, tr("CSV files (*.csv);;All files (*)"));
    if (chosen.isEmpty())
        return; // cancelled
    const QString stem = stemFromChosenPath(chosen);
    const auto [from, to] = rangeBounds();
    const Expected<void> result = m_store->exportRange(*m_shownAccount, stem, from, to);
    if (!result) {
        setStatus(result.error());
        Q_EMIT exportFailed(result.error());
        return;
    }
    setStatus(
        tr("Exported to %1-totals.csv, -assets.csv and -positions.csv.").arg(QDir::toNativeSeparators(stem)));
    Q_EMIT exported(stem);
}

} // namespace marginwatch
