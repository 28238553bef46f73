#include "gui/TotalsPanel.h"

#include "gui/HighlightClock.h"
#include "gui/Theme.h"
#include "model/AccountSemantics.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

struct TotalField
{
    const char* apiName;
    const char* caption;
    const char* explanation;
    Decimal AccountTotals::*member;
};

// In reading order, two per row. Explanations follow the endpoint documentation.
const TotalField kTotalFields[] = {
    {"totalWalletBalance", QT_TRANSLATE_NOOP("TotalsPanel", "Wallet balance"),
     QT_TRANSLATE_NOOP("TotalsPanel", "Deposits, transfers and realized PnL, without open positions' PnL."),
     &AccountTotals::totalWalletBalance},
    {"totalUnrealizedProfit", QT_TRANSLATE_NOOP("TotalsPanel", "Unrealized PnL"),
     QT_TRANSLATE_NOOP("TotalsPanel", "Profit or loss of the open positions at the mark price."),
     &AccountTotals::totalUnrealizedProfit},
    {"totalMarginBalance", QT_TRANSLATE_NOOP("TotalsPanel", "Margin balance"),
     QT_TRANSLATE_NOOP("TotalsPanel", "Wallet balance plus unrealized PnL: what backs your positions."),
     &AccountTotals::totalMarginBalance},
    {"totalMaintMargin", QT_TRANSLATE_NOOP("TotalsPanel", "Maintenance margin"),
     QT_TRANSLATE_NOOP("TotalsPanel", "The margin needed to keep the positions open."),
     &AccountTotals::totalMaintMargin},
    {"totalInitialMargin", QT_TRANSLATE_NOOP("TotalsPanel", "Initial margin"),
     QT_TRANSLATE_NOOP("TotalsPanel", "Margin held for positions and open orders at the current mark price."),
     &AccountTotals::totalInitialMargin},
    {"availableBalance", QT_TRANSLATE_NOOP("TotalsPanel", "Available balance"),
     QT_TRANSLATE_NOOP("TotalsPanel", "What is free for new positions."), &AccountTotals::availableBalance},
    {"maxWithdrawAmount", QT_TRANSLATE_NOOP("TotalsPanel", "Max withdraw"),
     QT_TRANSLATE_NOOP("TotalsPanel", "The most that can be transferred out now."),
     &AccountTotals::maxWithdrawAmount},
};

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

} // namespace

TotalsPanel::TotalsPanel(HighlightClock* clock, QWidget* parent)
    : QFrame(parent)
    , m_clock(clock)
{
    setObjectName(u"totalsPanel"_s);
    setFrameShape(QFrame::StyledPanel);
    auto* grid = new QGridLayout(this);
    grid->setHorizontalSpacing(18);
    int slot = 0;
    for (const TotalField& field : kTotalFields) {
        auto* caption = new QLabel(tr(field.caption), this);
        caption->setToolTip(tr(field.explanation));
        auto* value = new QLabel(u"—"_s, this);
        value->setObjectName(u"total_"_s + QLatin1StringView(field.apiName));
        value->setAccessibleDescription(tr(field.caption) + u": "_s + tr(field.explanation));
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
        Entry entry;
        entry.label = value;
        entry.isPnl = field.member == &AccountTotals::totalUnrealizedProfit;
        m_entries.insert(QLatin1StringView(field.apiName), entry);
        ++slot;
    }
    auto* ratioCaption = new QLabel(tr("Margin ratio"), this);
    ratioCaption->setToolTip(tr("Maintenance margin ÷ margin balance. At 100 % the account is liquidated."));
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

    connect(m_clock, &HighlightClock::tick, this, &TotalsPanel::repaintHighlights);
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

QString TotalsPanel::portfolioMarginText(const QString& apiName) const
{
    const QLabel* label = m_portfolio.value(apiName);
    return label && !m_portfolioBox->isHidden() ? label->text() : QString();
}

void TotalsPanel::showSnapshot(const AccountSnapshot& snapshot, const AccountSnapshot* previous)
{
    m_portfolioBox->hide();
    const qint64 now = m_clock->now();
    const QString scope = totalsScopeExplanation(snapshot);
    for (const TotalField& field : kTotalFields) {
        Entry& entry = m_entries[QLatin1StringView(field.apiName)];
        const Decimal& value = snapshot.totals.*field.member;
        entry.label->setText(displayExact(value));
        entry.label->setToolTip(tr("%1 — exactly as the exchange sent it: %2.\n%3\n%4")
                                    .arg(tr(field.caption), value.toString(), tr(field.explanation), scope));
        entry.sign = value.signum();
        if (previous) {
            const Decimal& before = previous->totals.*field.member;
            if (value != before) {
                entry.direction = value > before ? 1 : -1;
                entry.changedAtMs = now;
                m_clock->kick(now);
            }
        }
        repaintEntry(entry);
    }

    m_ratioPercent.reset();
    if (const std::optional<double> ratio = marginRatio(snapshot.totals))
        m_ratioPercent = *ratio * 100.0;
    if (m_ratioPercent) {
        m_ratioText->setText(QLocale().toString(*m_ratioPercent, 'f', 2) + u" %"_s);
        m_gauge->setValue(static_cast<int>(std::clamp(*m_ratioPercent, 0.0, 100.0) * 10));
    } else {
        m_ratioText->setText(u"—"_s);
        m_gauge->setValue(0);
    }
    setThresholds(m_thresholds); // recolours the gauge for the new ratio
}

void TotalsPanel::clear()
{
    for (Entry& entry : m_entries) {
        entry.label->setText(u"—"_s);
        entry.label->setToolTip({});
        entry.direction = 0;
        entry.changedAtMs = 0;
        entry.sign = 0;
        repaintEntry(entry);
    }
    m_portfolioBox->hide();
    m_ratioPercent.reset();
    m_ratioText->setText(u"—"_s);
    m_gauge->setValue(0);
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

void TotalsPanel::repaintEntry(Entry& entry)
{
    const double strength = m_stale || entry.direction == 0 ? 0.0 : m_clock->intensity(entry.changedAtMs);
    if (strength <= 0.0)
        entry.direction = 0;
    const bool pnlColour = entry.isPnl && entry.sign != 0;
    if (strength <= 0.0 && !pnlColour) {
        entry.label->setPalette(QPalette()); // nothing special: inherit, so theme changes reach it
        return;
    }
    QPalette colours = palette();
    if (strength > 0.0) {
        const QColor tint = entry.direction > 0 ? Theme::gainColor() : Theme::lossColor();
        colours.setColor(QPalette::Window, blend(colours.color(QPalette::Window), tint, 0.45 * strength));
    }
    if (pnlColour) {
        const QColor text = entry.sign > 0 ? Theme::gainColor() : Theme::lossColor();
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
    for (Entry& entry : m_entries) {
        if (entry.direction != 0)
            repaintEntry(entry);
    }
}

QString TotalsPanel::totalText(const QString& apiName) const
{
    return m_entries.value(apiName).label ? m_entries.value(apiName).label->text() : QString();
}

QString TotalsPanel::totalChange(const QString& apiName) const
{
    const Entry entry = m_entries.value(apiName);
    if (entry.direction == 0 || m_clock->intensity(entry.changedAtMs) <= 0.0)
        return {};
    return entry.direction > 0 ? u"up"_s : u"down"_s;
}

double TotalsPanel::totalHighlight(const QString& apiName) const
{
    const Entry entry = m_entries.value(apiName);
    return entry.direction == 0 ? 0.0 : m_clock->intensity(entry.changedAtMs);
}

QString TotalsPanel::marginRatioText() const
{
    return m_ratioText->text();
}

} // namespace marginwatch
