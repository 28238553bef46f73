#include "gui/risk/StressView.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSlider>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr int kSliderPercent = 50;
constexpr int kMoneyDigits = 2;

// A shock as people write it: "−12.34 %", "+5 %".
QString percentText(const Decimal& percent)
{
    const QString digits = percent.abs().toDisplayString(2, false);
    return (percent.signum() < 0 ? u"−"_s : percent.signum() > 0 ? u"+"_s : QString()) + digits + u" %"_s;
}

QLabel* valueLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

StressView::StressView(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("All marks move by"), this));
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(u"stressSlider"_s);
    m_slider->setRange(-kSliderPercent, kSliderPercent);
    m_slider->setTickPosition(QSlider::TicksBelow);
    m_slider->setTickInterval(10);
    m_slider->setPageStep(5);
    m_slider->setAccessibleName(tr("Shock in percent"));
    controls->addWidget(m_slider, 1);
    m_shock = new QDoubleSpinBox(this);
    m_shock->setObjectName(u"stressShock"_s);
    m_shock->setRange(-StressModel::kMaxShockPercent, StressModel::kMaxShockPercent);
    m_shock->setDecimals(2);
    m_shock->setSingleStep(1.0);
    m_shock->setSuffix(u" %"_s);
    m_shock->setAccessibleName(tr("Shock in percent"));
    controls->addWidget(m_shock);
    layout->addLayout(controls);

    auto* overrides = new QHBoxLayout;
    overrides->addWidget(new QLabel(tr("Per symbol:"), this));
    m_overrides = new QLineEdit(this);
    m_overrides->setObjectName(u"stressOverrides"_s);
    m_overrides->setPlaceholderText(tr("e.g. BTCUSDT=-30, ETHUSDT=-15 (these symbols move by their own %)"));
    m_overrides->setClearButtonEnabled(true);
    overrides->addWidget(m_overrides, 1);
    layout->addLayout(overrides);
    m_overrideError = valueLabel(u"stressOverrideError"_s, this);
    m_overrideError->setStyleSheet(u"color: #c0392b;"_s);
    m_overrideError->hide();
    layout->addWidget(m_overrideError);

    m_status = valueLabel(u"stressStatus"_s, this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_note = valueLabel(u"stressNote"_s, this);
    m_note->setWordWrap(true);
    m_note->setStyleSheet(u"color: #b9770e;"_s);
    m_note->hide();
    layout->addWidget(m_note);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_balance = valueLabel(u"stressMarginBalance"_s, this);
    m_maint = valueLabel(u"stressMaintMargin"_s, this);
    m_ratio = valueLabel(u"stressMarginRatio"_s, this);
    m_liquidated = valueLabel(u"stressLiquidated"_s, this);
    m_liquidated->setWordWrap(true);
    m_rootDown = valueLabel(u"stressRootDown"_s, this);
    m_rootUp = valueLabel(u"stressRootUp"_s, this);
    QFont big = m_ratio->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    for (QLabel* label : {m_balance, m_maint, m_ratio, m_rootDown, m_rootUp})
        label->setFont(big);
    form->addRow(tr("Margin balance:"), m_balance);
    form->addRow(tr("Maintenance margin:"), m_maint);
    form->addRow(tr("Margin ratio:"), m_ratio);
    form->addRow(tr("Liquidated at this shock:"), m_liquidated);
    form->addRow(tr("Margin ratio reaches 100 % going down at:"), m_rootDown);
    form->addRow(tr("Margin ratio reaches 100 % going up at:"), m_rootUp);
    layout->addLayout(form);

    layout->addWidget(new QLabel(tr("Isolated positions (each on its own margin):"), this));
    m_isolated = new QTableWidget(0, 3, this);
    m_isolated->setObjectName(u"stressIsolatedRoots"_s);
    m_isolated->setHorizontalHeaderLabels(
        {tr("Position"), tr("Liquidated going down at"), tr("Liquidated going up at")});
    m_isolated->horizontalHeader()->setStretchLastSection(true);
    m_isolated->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_isolated->verticalHeader()->hide();
    m_isolated->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_isolated, 1);

    connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
        if (std::lround(m_shock->value()) != value)
            m_shock->setValue(value);
    });
    connect(m_shock, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(
            static_cast<int>(std::clamp<long>(std::lround(value), -kSliderPercent, kSliderPercent)));
        recompute();
    });
    connect(m_overrides, &QLineEdit::textChanged, this, &StressView::recompute);
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.setObjectName(u"stress"_s);
    m_thread.start(QThread::LowPriority);
    clear();
}

StressView::~StressView()
{
    // At most one computation is running: it finishes, its result is dropped with this view.
    m_thread.quit();
    m_thread.wait();
}

void StressView::setShockPercent(double percent)
{
    m_shock->setValue(percent);
}

void StressView::setOverridesText(const QString& text)
{
    m_overrides->setText(text);
}

void StressView::clear()
{
    m_model.reset();
    m_status->setText(tr("Waiting for the account's data and leverage brackets…"));
    recompute();
}

void StressView::setSnapshot(const AccountSnapshot& snapshot)
{
    Expected<StressModel> model = StressModel::fromSnapshot(snapshot);
    if (!model) {
        // The last good figures stay meaningless without brackets: say why instead.
        m_model.reset();
        m_status->setText(model.error());
    } else {
        m_model = std::make_shared<const StressModel>(std::move(*model));
        m_status->setText(
            m_model->positions().isEmpty()
                ? tr("No open positions: no mark move changes the margin.")
                : tr("Every mark moved by the shock; maintenance margin from the account's leverage "
                     "brackets, the bracket following the moved notional."));
    }
    recompute();
}

std::optional<StressShock> StressView::currentShock()
{
    StressShock shock;
    shock.percent = *Decimal::parse(QString::number(m_shock->value(), 'f', 2));
    m_overrideError->hide();
    const QStringList items = m_overrides->text().split(u',', Qt::SkipEmptyParts);
    const Decimal limit = Decimal::fromInteger(StressModel::kMaxShockPercent);
    for (const QString& item : items) {
        const QString symbol = item.section(u'=', 0, 0).trimmed().toUpper();
        const std::optional<Decimal> percent = Decimal::parse(item.section(u'=', 1).trimmed());
        if (symbol.isEmpty() || !item.contains(u'=') || !percent || percent->abs() > limit) {
            m_overrideError->setText(
                tr("“%1” is not SYMBOL=PERCENT with a percentage from −99 to 99.").arg(item.trimmed()));
            m_overrideError->show();
            return std::nullopt;
        }
        shock.overrides.insert(symbol, *percent);
    }
    return shock;
}

void StressView::showNothing()
{
    for (QLabel* label : {m_balance, m_maint, m_ratio, m_liquidated, m_rootDown, m_rootUp})
        label->setText(u"–"_s);
    m_isolated->setRowCount(0);
}

void StressView::recompute()
{
    const std::optional<StressShock> shock = currentShock();
    m_note->setVisible(m_model && m_model->isApproximate());
    if (m_model && m_model->isApproximate())
        m_note->setText(tr("Approximate: %1").arg(m_model->approximations().join(u' ')));
    const quint64 generation = ++m_generation;
    if (!m_model || !shock) {
        // Whatever is still being computed is older than this.
        m_pending.reset();
        m_shown = generation;
        showNothing();
        return;
    }
    Job job{generation, m_model, *shock};
    if (m_running) {
        m_pending = std::move(job);
        return;
    }
    startJob(std::move(job));
}

void StressView::startJob(Job job)
{
    m_running = true;
    QMetaObject::invokeMethod(
        m_worker,
        [this, job = std::move(job)] {
            Outcome outcome;
            outcome.generation = job.generation;
            outcome.point = job.model->at(job.shock);
            if (outcome.point)
                outcome.roots = job.model->solve(job.shock);
            // Back on the GUI thread; dropped if this view is gone by then (it waits for this
            // thread before it goes, so `this` is alive while the call is posted).
            QMetaObject::invokeMethod(
                this, [this, outcome = std::move(outcome)] { showOutcome(outcome); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void StressView::showOutcome(const Outcome& outcome)
{
    m_running = false;
    if (m_pending) {
        Job next = std::move(*m_pending);
        m_pending.reset();
        startJob(std::move(next));
    }
    if (outcome.generation <= m_shown)
        return; // something newer is on screen already
    m_shown = outcome.generation;
    const QString dash = u"–"_s;
    const Expected<StressPoint>& point = outcome.point;
    if (!point) {
        m_status->setText(point.error());
        showNothing();
        Q_EMIT computed();
        return;
    }
    m_balance->setText(point->totalMarginBalance.toDisplayString(kMoneyDigits));
    m_maint->setText(point->totalMaintMargin.toDisplayString(kMoneyDigits));
    if (point->marginRatio) {
        const double percent = point->marginRatio->toDouble() * 100.0; // a display ratio
        m_ratio->setText(u"%1 %"_s.arg(percent, 0, 'f', 2));
        m_ratio->setStyleSheet(percent >= 100.0  ? u"color: #c0392b;"_s
                               : percent >= 50.0 ? u"color: #b9770e;"_s
                                                 : QString());
    } else {
        m_ratio->setText(tr("no margin left"));
        m_ratio->setStyleSheet(u"color: #c0392b;"_s);
    }
    m_liquidated->setText(point->liquidated.isEmpty() ? tr("none") : point->liquidated.join(u", "_s));
    m_liquidated->setStyleSheet(point->liquidated.isEmpty() ? QString() : u"color: #c0392b;"_s);

    auto rootText = [](const std::optional<Decimal>& root) {
        if (!root)
            return tr("not within ±%1 %").arg(StressModel::kMaxShockPercent);
        if (root->isZero())
            return tr("already (at no move)");
        return percentText(*root);
    };
    const QList<StressRoot>& roots = outcome.roots;
    m_rootDown->setText(dash);
    m_rootUp->setText(dash);
    m_isolated->setRowCount(0);
    for (const StressRoot& root : roots) {
        if (root.position.isEmpty()) {
            m_rootDown->setText(rootText(root.down));
            m_rootUp->setText(rootText(root.up));
            continue;
        }
        const int row = m_isolated->rowCount();
        m_isolated->insertRow(row);
        m_isolated->setItem(row, 0, new QTableWidgetItem(root.position));
        m_isolated->setItem(row, 1, new QTableWidgetItem(rootText(root.down)));
        m_isolated->setItem(row, 2, new QTableWidgetItem(rootText(root.up)));
    }
    Q_EMIT computed();
}

} // namespace marginwatch
