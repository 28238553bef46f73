#include "gui/TotalsPanel.h"

#include "gui/HighlightClock.h"
#include "gui/Theme.h"
#include "model/AccountFields.h"
#include "model/AccountSemantics.h"
#include "model/AccountTableModels.h"
#include "model/ModelRoles.h"

#include <QCoreApplication>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>

#include <algorithm>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

// Exact value, grouped for reading; never rounded (the scale is the value's own).
QString displayExact(const Decimal& value)
{
    return value.toDisplayString(value.scale(), true);
}

QColor blend(const QColor& base, const QColor& tint, double amount)
{
    const auto mix = [amount](int a, int b) {
        return static_cast<int>(a + (b - a) * amount);
    };
    return QColor(mix(base.red(), tint.red()), mix(base.green(), tint.green()),
                  mix(base.blue(), tint.blue()));
}

QString fieldText(const char* text)
{
    return QCoreApplication::translate(kFieldContext, text);
}

} // namespace

TotalsPanel::TotalsPanel(TotalsModel* model, HighlightClock* clock, QWidget* parent)
    : QFrame(parent)
    , m_model(model)
    , m_clock(clock)
{
    setObjectName(u"totalsPanel"_s);
    setFrameShape(QFrame::StyledPanel);

    // The fields with a panel slot, in slot order: reading order, two per row.
    for (int column = 0; column < int(kTotalsFields.size()); ++column) {
        const Field<AccountTotals>& f = kTotalsFields[std::size_t(column)];
        if (f.options.panelSlot <= 0)
            continue;
        Entry entry;
        entry.column = column;
        entry.apiName = QString::fromLatin1(f.apiName.data(), qsizetype(f.apiName.size()));
        entry.caption = fieldText(f.text.title);
        entry.explanation = fieldText(f.text.toolTip);
        entry.isSigned = f.has(Signed);
        m_entries.append(entry);
    }
    std::stable_sort(m_entries.begin(), m_entries.end(), [](const Entry& a, const Entry& b) {
        return kTotalsFields[std::size_t(a.column)].options.panelSlot
               < kTotalsFields[std::size_t(b.column)].options.panelSlot;
    });

    auto* grid = new QGridLayout(this);
    grid->setHorizontalSpacing(18);
    int slot = 0;
    for (Entry& entry : m_entries) {
        auto* caption = new QLabel(entry.caption, this);
        caption->setToolTip(entry.explanation);
        auto* value = new QLabel(u"—"_s, this);
        value->setObjectName(u"total_"_s + entry.apiName);
        value->setAccessibleDescription(entry.caption + u": "_s + entry.explanation);
        value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setAutoFillBackground(true);
        value->setContentsMargins(6, 1, 6, 1);
        QFont font = value->font();
        font.setPointSizeF(font.pointSizeF() * 1.25);
        value->setFont(font);
        caption->setBuddy(value);
        grid->addWidget(caption, slot / 2, (slot % 2) * 2);
        grid->addWidget(value, slot / 2, (slot % 2) * 2 + 1);
        entry.label = value;
        ++slot;
    }
    const QString ratioTitle = m_model->headerData(TotalsModel::MarginRatio, Qt::Horizontal).toString();
    auto* ratioCaption = new QLabel(ratioTitle, this);
    ratioCaption->setToolTip(
        m_model->headerData(TotalsModel::MarginRatio, Qt::Horizontal, Qt::ToolTipRole).toString());
    m_ratioText = new QLabel(u"—"_s, this);
    m_ratioText->setObjectName(u"marginRatio"_s);
    m_ratioText->setAccessibleDescription(ratioCaption->text() + u": "_s + ratioCaption->toolTip());
    m_ratioText->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    QFont ratioFont = m_ratioText->font();
    ratioFont.setPointSizeF(ratioFont.pointSizeF() * 1.25);
    ratioFont.setBold(true);
    m_ratioText->setFont(ratioFont);
    m_gauge = new QProgressBar(this);
    m_gauge->setObjectName(u"marginRatioGauge"_s);
    m_gauge->setAccessibleName(ratioCaption->text());
    m_gauge->setRange(0, 1000);
    m_gauge->setTextVisible(false);
    const int gaugeRow = (slot + 1) / 2;
    grid->addWidget(ratioCaption, gaugeRow, 0);
    grid->addWidget(m_ratioText, gaugeRow, 1);
    grid->addWidget(m_gauge, gaugeRow, 2, 1, 2);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);

    m_portfolioBox = new QWidget(this);
    m_portfolioBox->setObjectName(u"portfolioMarginTotals"_s);
    auto* pm = new QGridLayout(m_portfolioBox);
    pm->setContentsMargins(0, 6, 0, 0);
    const std::pair<const char*, QString> pmFields[] = {
        {"uniMMR", tr("Unified maintenance margin ratio (uniMMR)")},
        {"accountStatus", tr("Account status")},
        {"accountEquity", tr("Account equity")},
        {"accountMaintMargin", tr("Account maintenance margin")},
    };
    int pmSlot = 0;
    for (const auto& [apiName, caption] : pmFields) {
        auto* captionLabel = new QLabel(caption, m_portfolioBox);
        auto* value = new QLabel(u"—"_s, m_portfolioBox);
        value->setObjectName(u"pm_"_s + QLatin1StringView(apiName));
        value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QFont font = value->font();
        font.setPointSizeF(font.pointSizeF() * 1.25);
        font.setBold(QLatin1StringView(apiName) == "uniMMR"_L1);
        value->setFont(font);
        captionLabel->setBuddy(value);
        pm->addWidget(captionLabel, pmSlot / 2, (pmSlot % 2) * 2);
        pm->addWidget(value, pmSlot / 2, (pmSlot % 2) * 2 + 1);
        m_portfolio.insert(QLatin1StringView(apiName), value);
        ++pmSlot;
    }
    m_portfolio.value(u"uniMMR"_s)
        ->setToolTip(tr(
            "Account equity ÷ account maintenance margin. Binance restricts the account as it falls towards "
            "1.5 and liquidates it at 1.05."));
    pm->setColumnStretch(1, 1);
    pm->setColumnStretch(3, 1);
    grid->addWidget(m_portfolioBox, gaugeRow + 1, 0, 1, 4);
    m_portfolioBox->hide();

    // The model says what changed; the panel only shows it.
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& topLeft, const QModelIndex& bottomRight) {
                showColumns(topLeft.column(), bottomRight.column());
            });
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this] { showColumns(0, TotalsModel::MarginRatio); });
    connect(m_model, &QAbstractItemModel::modelReset, this, &TotalsPanel::clear);
    connect(m_model, &QAbstractItemModel::headerDataChanged, this, [this](Qt::Orientation orientation) {
        if (orientation == Qt::Vertical)
            showColumns(0, TotalsModel::MarginRatio - 1);
    });
    connect(m_clock, &HighlightClock::tick, this, &TotalsPanel::repaintHighlights);
    if (m_model->rowCount() > 0)
        showColumns(0, TotalsModel::MarginRatio);
}

void TotalsPanel::showColumns(int first, int last)
{
    if (m_model->rowCount() == 0)
        return;
    const QString scope = m_model->headerData(0, Qt::Vertical, Qt::ToolTipRole).toString();
    for (Entry& entry : m_entries) {
        if (entry.column < first || entry.column > last)
            continue;
        const Decimal value = m_model->index(0, entry.column).data(RawValueRole).value<Decimal>();
        entry.label->setText(displayExact(value));
        entry.label->setToolTip(tr("%1 — exactly as the exchange sent it: %2.\n%3\n%4")
                                    .arg(entry.caption, value.toString(), entry.explanation, scope));
        repaintEntry(entry);
    }
    if (first <= TotalsModel::MarginRatio && last >= TotalsModel::MarginRatio)
        showRatio();
}

void TotalsPanel::showRatio()
{
    const QVariant ratio =
        m_model->rowCount() > 0 ? m_model->index(0, TotalsModel::MarginRatio).data(RawValueRole) : QVariant();
    m_ratioPercent.reset();
    if (ratio.isValid())
        m_ratioPercent = ratio.toDouble();
    if (m_ratioPercent) {
        m_ratioText->setText(percentText(*m_ratioPercent));
        m_gauge->setValue(static_cast<int>(std::clamp(*m_ratioPercent, 0.0, 100.0) * 10));
    } else {
        m_ratioText->setText(u"—"_s);
        m_gauge->setValue(0);
    }
    setThresholds(m_thresholds); // recolours the gauge for the new ratio
}

void TotalsPanel::showPortfolioMargin(const PortfolioMarginSnapshot& snapshot)
{
    const PortfolioMarginAccount& a = snapshot.account;
    m_portfolio.value(u"uniMMR"_s)->setText(displayExact(a.uniMMR));
    m_portfolio.value(u"accountEquity"_s)->setText(displayExact(a.accountEquity));
    m_portfolio.value(u"accountMaintMargin"_s)->setText(displayExact(a.accountMaintMargin));
    m_portfolio.value(u"accountStatus"_s)->setText(a.accountStatus);
    m_portfolioBox->show();
}

void TotalsPanel::hidePortfolioMargin()
{
    m_portfolioBox->hide();
}

QString TotalsPanel::portfolioMarginText(const QString& apiName) const
{
    const QLabel* label = m_portfolio.value(apiName);
    return label && !m_portfolioBox->isHidden() ? label->text() : QString();
}

void TotalsPanel::clear()
{
    m_portfolioBox->hide();
    for (Entry& entry : m_entries) {
        entry.label->setText(u"—"_s);
        entry.label->setToolTip({});
        repaintEntry(entry);
    }
    showRatio();
}

void TotalsPanel::setThresholds(const MarginThresholds& thresholds)
{
    m_thresholds = thresholds;
    const QString zones = tr("Warning from %1 %, danger from %2 %.")
                              .arg(QLocale().toString(thresholds.warningPercent, 'f', 0),
                                   QLocale().toString(thresholds.dangerPercent, 'f', 0));
    m_gauge->setToolTip(zones);
    m_ratioText->setToolTip(zones);
    const QColor colour = gaugeColour();
    m_gauge->setStyleSheet(u"QProgressBar::chunk { background: %1; }"_s.arg(colour.name()));
}

QColor TotalsPanel::gaugeColour() const
{
    if (!m_ratioPercent)
        return Theme::gainColor();
    switch (MarginAlertTracker::levelOf(*m_ratioPercent, m_thresholds)) {
    case MarginLevel::Danger:
        return Theme::lossColor();
    case MarginLevel::Warning:
        return Theme::warningColor();
    case MarginLevel::Normal:
    case MarginLevel::Unknown:
        break;
    }
    return Theme::gainColor();
}

void TotalsPanel::setStale(bool stale)
{
    m_stale = stale;
    setEnabled(!stale); // greyed, still readable: the last good data stays
    for (Entry& entry : m_entries)
        repaintEntry(entry);
}

double TotalsPanel::highlightOf(const Entry& entry, int* direction) const
{
    if (m_model->rowCount() == 0)
        return 0.0;
    const CellChange change = m_model->index(0, entry.column).data(ChangeRole).value<CellChange>();
    if (direction)
        *direction = change.direction;
    return change.direction == 0 ? 0.0 : m_clock->intensity(change.changedAtMs);
}

void TotalsPanel::repaintEntry(Entry& entry)
{
    int direction = 0;
    const double strength = m_stale ? 0.0 : highlightOf(entry, &direction);
    entry.tinted = strength > 0.0;
    int sign = 0;
    if (entry.isSigned && m_model->rowCount() > 0)
        sign = m_model->index(0, entry.column).data(RawValueRole).value<Decimal>().signum();
    if (strength <= 0.0 && sign == 0) {
        if (entry.label->testAttribute(Qt::WA_SetPalette))
            entry.label->setPalette(QPalette()); // nothing special: inherit, so theme changes reach it
        return;
    }
    QPalette colours = palette();
    if (strength > 0.0) {
        const QColor tint = direction > 0 ? Theme::gainColor() : Theme::lossColor();
        colours.setColor(QPalette::Window, blend(colours.color(QPalette::Window), tint, 0.45 * strength));
    }
    if (sign != 0) {
        const QColor text = sign > 0 ? Theme::gainColor() : Theme::lossColor();
        colours.setColor(QPalette::Active, QPalette::WindowText, text);
        colours.setColor(QPalette::Inactive, QPalette::WindowText, text);
    }
    entry.label->setPalette(colours);
}

void TotalsPanel::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        for (Entry& entry : m_entries)
            repaintEntry(entry);
        setThresholds(m_thresholds);
    }
}

void TotalsPanel::repaintHighlights()
{
    // Only the totals still tinted; the repaint after a fade has ended drops the tint.
    for (Entry& entry : m_entries) {
        if (entry.tinted)
            repaintEntry(entry);
    }
}

QString TotalsPanel::totalChange(const QString& apiName) const
{
    for (const Entry& entry : m_entries) {
        if (entry.apiName != apiName)
            continue;
        int direction = 0;
        if (highlightOf(entry, &direction) <= 0.0)
            return {};
        return direction > 0 ? u"up"_s : u"down"_s;
    }
    return {};
}

} // namespace marginwatch
