#include "gui/AccountWindow.h"

#include "gui/DemoSession.h"
#include "gui/history/HistoryView.h"
#include "io/HistoryStore.h"
#include "io/SnapshotCsvExporter.h"
#include "model/AccountSemantics.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QFileDialog>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

struct TotalField
{
    const char* apiName;
    const char* caption;
    Decimal AccountTotals::*member;
};

// The totals a trader reads first, in the order the panel shows them.
const TotalField kTotalFields[] = {
    {"totalWalletBalance", QT_TRANSLATE_NOOP("AccountWindow", "Wallet balance"), &AccountTotals::totalWalletBalance},
    {"totalUnrealizedProfit", QT_TRANSLATE_NOOP("AccountWindow", "Unrealized PnL"),
     &AccountTotals::totalUnrealizedProfit},
    {"totalMarginBalance", QT_TRANSLATE_NOOP("AccountWindow", "Margin balance"), &AccountTotals::totalMarginBalance},
    {"totalMaintMargin", QT_TRANSLATE_NOOP("AccountWindow", "Maintenance margin"), &AccountTotals::totalMaintMargin},
    {"totalInitialMargin", QT_TRANSLATE_NOOP("AccountWindow", "Initial margin"), &AccountTotals::totalInitialMargin},
    {"availableBalance", QT_TRANSLATE_NOOP("AccountWindow", "Available balance"), &AccountTotals::availableBalance},
    {"maxWithdrawAmount", QT_TRANSLATE_NOOP("AccountWindow", "Max withdraw"), &AccountTotals::maxWithdrawAmount},
};

constexpr int kHighlightMs = 2000;

// Exact value, grouped for reading; never rounded (the scale is the value's own).
QString displayExact(const Decimal& value)
{
    return value.toDisplayString(value.scale(), true);
}

QString badgeStyle(const char* background, const char* foreground = "white")
{
    return u"QLabel { background: %1; color: %2; border-radius: 4px; padding: 3px 8px; font-weight: bold; }"_s
        .arg(QLatin1StringView(background), QLatin1StringView(foreground));
}

QString stateText(AccountPoller::State state)
{
    switch (state) {
    case AccountPoller::State::Idle:
        return AccountWindow::tr("Idle");
    case AccountPoller::State::Syncing:
        return AccountWindow::tr("Synchronising clock…");
    case AccountPoller::State::Polling:
        return AccountWindow::tr("Updating…");
    case AccountPoller::State::Waiting:
        return AccountWindow::tr("Connected");
    case AccountPoller::State::BackingOff:
        return AccountWindow::tr("Retrying");
    case AccountPoller::State::RateLimited:
        return AccountWindow::tr("Rate limited");
    case AccountPoller::State::Banned:
        return AccountWindow::tr("Banned by the exchange");
    case AccountPoller::State::Stopped:
        return AccountWindow::tr("Stopped");
    }
    return {};
}

QString countdown(qint64 ms)
{
    const qint64 seconds = std::max<qint64>(0, (ms + 999) / 1000);
    return seconds >= 60 ? u"%1:%2"_s.arg(seconds / 60).arg(seconds % 60, 2, 10, QChar(u'0'))
                         : AccountWindow::tr("%1 s").arg(seconds);
}

} // namespace

EnvironmentInfo EnvironmentInfo::forUrl(const QUrl& url)
{
    EnvironmentInfo info;
    info.url = url;
    info.kind = url.host() == u"fapi.binance.com"_s ? Kind::Production : Kind::Custom;
    return info;
}

QString EnvironmentInfo::badgeText() const
{
    switch (kind) {
    case Kind::Production:
        return AccountWindow::tr("PRODUCTION");
    case Kind::Demo:
        return AccountWindow::tr("DEMO");
    case Kind::Custom:
        return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    }
    return {};
}

AccountWindow::AccountWindow(std::unique_ptr<AccountPoller> poller, EnvironmentInfo environment,
                             std::unique_ptr<DemoSession> demo, HistoryStore* history, QWidget* parent)
    : QMainWindow(parent)
    , m_demo(std::move(demo))
    , m_poller(std::move(poller))
    , m_environment(std::move(environment))
    , m_history(history)
{
    m_saveFileDialog = [](QWidget* owner) {
        return QFileDialog::getSaveFileName(owner, tr("Export snapshot"), QString(),
                                            tr("CSV file stem (three files are written)"));
    };
    buildUi();
    buildMenus();

    connect(m_poller.get(), &AccountPoller::snapshotReady, this, &AccountWindow::showSnapshot);
    connect(m_poller.get(), &AccountPoller::failed, this, &AccountWindow::showFailure);
    connect(m_poller.get(), &AccountPoller::statusChanged, this, &AccountWindow::updateStatus);
    connect(m_poller.get(), &AccountPoller::stateChanged, this, &AccountWindow::updateStatus);
    if (m_history)
        connect(m_poller.get(), &AccountPoller::snapshotReady, m_history, &HistoryStore::record);

    m_statusTimer.setInterval(1000);
    connect(&m_statusTimer, &QTimer::timeout, this, &AccountWindow::updateStatus);
    m_highlightTimer.setSingleShot(true);
    m_highlightTimer.setInterval(kHighlightMs);
    connect(&m_highlightTimer, &QTimer::timeout, this, &AccountWindow::clearHighlights);
}

AccountWindow::~AccountWindow() = default;

void AccountWindow::start()
{
    m_statusTimer.start();
    m_poller->start();
    updateStatus();
}

void AccountWindow::buildUi()
{
    setWindowTitle(tr("marginwatch — %1").arg(m_environment.badgeText()));
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);

    auto* badges = new QHBoxLayout;
    m_environmentBadge = new QLabel(m_environment.badgeText(), central);
    m_environmentBadge->setObjectName(u"environmentBadge"_s);
    switch (m_environment.kind) {
    case EnvironmentInfo::Kind::Production:
        m_environmentBadge->setStyleSheet(badgeStyle("#b71c1c"));
        m_environmentBadge->setToolTip(tr("Real money: this window watches your Binance production account."));
        break;
    case EnvironmentInfo::Kind::Demo:
        m_environmentBadge->setStyleSheet(badgeStyle("#6a1b9a"));
        m_environmentBadge->setToolTip(tr("Demo mode: a built-in simulator of the exchange on this computer. "
                                          "No real account is involved."));
        break;
    case EnvironmentInfo::Kind::Custom:
        m_environmentBadge->setStyleSheet(badgeStyle("#0d47a1"));
        m_environmentBadge->setToolTip(tr("A custom endpoint, not Binance production."));
        break;
    }
    m_accountModeBadge = new QLabel(central);
    m_accountModeBadge->setObjectName(u"accountModeBadge"_s);
    m_accountModeBadge->setStyleSheet(badgeStyle("#455a64"));
    m_positionModeBadge = new QLabel(central);
    m_positionModeBadge->setObjectName(u"positionModeBadge"_s);
    m_positionModeBadge->setStyleSheet(badgeStyle("#455a64"));
    badges->addWidget(m_environmentBadge);
    badges->addWidget(m_accountModeBadge);
    badges->addWidget(m_positionModeBadge);
    badges->addStretch();
    layout->addLayout(badges);

    m_problemBanner = new QFrame(central);
    m_problemBanner->setObjectName(u"problemBanner"_s);
    m_problemBanner->setStyleSheet(u"#problemBanner { background: #fff3e0; border: 1px solid #ef6c00; "
                                   "border-radius: 4px; } QLabel { color: #4e2600; }"_s);
    auto* bannerLayout = new QVBoxLayout(m_problemBanner);
    m_problemText = new QLabel(m_problemBanner);
    m_problemText->setWordWrap(true);
    m_problemText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problemDetails = new QLabel(m_problemBanner);
    m_problemDetails->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bannerLayout->addWidget(m_problemText);
    bannerLayout->addWidget(m_problemDetails);
    m_problemBanner->hide();
    layout->addWidget(m_problemBanner);

    m_totalsFrame = new QFrame(central);
    m_totalsFrame->setFrameShape(QFrame::StyledPanel);
    auto* grid = new QGridLayout(m_totalsFrame);
    int row = 0;
    for (const TotalField& field : kTotalFields) {
        auto* caption = new QLabel(tr(field.caption), m_totalsFrame);
        auto* value = new QLabel(u"—"_s, m_totalsFrame);
        value->setObjectName(u"total_"_s + QLatin1StringView(field.apiName));
        value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QFont font = value->font();
        font.setPointSizeF(font.pointSizeF() * 1.25);
        value->setFont(font);
        grid->addWidget(caption, row / 2, (row % 2) * 2);
        grid->addWidget(value, row / 2, (row % 2) * 2 + 1);
        m_totalLabels.insert(QLatin1StringView(field.apiName), value);
        ++row;
    }
    auto* ratioCaption = new QLabel(tr("Margin ratio"), m_totalsFrame);
    ratioCaption->setToolTip(tr("Maintenance margin ÷ margin balance. Positions are liquidated at 100 %."));
    m_marginRatioText = new QLabel(u"—"_s, m_totalsFrame);
    m_marginRatioText->setObjectName(u"marginRatio"_s);
    m_marginRatioText->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_marginRatioGauge = new QProgressBar(m_totalsFrame);
    m_marginRatioGauge->setRange(0, 1000);
    m_marginRatioGauge->setTextVisible(false);
    const int gaugeRow = (row + 1) / 2;
    grid->addWidget(ratioCaption, gaugeRow, 0);
    grid->addWidget(m_marginRatioText, gaugeRow, 1);
    grid->addWidget(m_marginRatioGauge, gaugeRow, 2, 1, 2);
    layout->addWidget(m_totalsFrame);

    if (m_history) {
        auto* tabs = new QTabWidget(central);
        tabs->addTab(new HistoryView(m_history, tabs), tr("History"));
        layout->addWidget(tabs, 1);
    } else {
        layout->addStretch(1);
    }
    setCentralWidget(central);

    m_stateLabel = new QLabel(this);
    m_ageLabel = new QLabel(this);
    m_ageLabel->setObjectName(u"lastUpdate"_s);
    m_weightLabel = new QLabel(this);
    m_offsetLabel = new QLabel(this);
    m_nextLabel = new QLabel(this);
    for (QLabel* label : {m_stateLabel, m_ageLabel, m_weightLabel, m_offsetLabel, m_nextLabel})
        statusBar()->addPermanentWidget(label);
    resize(960, 600);
}

void AccountWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* exportAction = file->addAction(tr("&Export snapshot…"), this, [this] { exportSnapshot(); });
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* refresh = view->addAction(tr("&Refresh now"), this, [this] { m_poller->refreshNow(); });
    refresh->setShortcut(QKeySequence(Qt::Key_F5));

    QMenu* account = menuBar()->addMenu(tr("&Account"));
    account->addAction(tr("&Add your account…"), this, [this] {
        QMessageBox::information(
            this, tr("Add your account"),
            tr("Create a read-only API key in Binance API Management (enable Futures, nothing else) and start "
               "marginwatch with BINANCE_API_KEY and BINANCE_API_SECRET (or BINANCE_PRIVATE_KEY_FILE for RSA and "
               "Ed25519 keys) in its environment. Saved profiles in the OS keychain are coming in the settings "
               "dialog."));
    });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About marginwatch"), this, [this] {
        QMessageBox::about(this, tr("About marginwatch"),
                           tr("<b>marginwatch %1</b><p>A monitor for Binance USDⓈ-M Futures accounts: balances, "
                              "margin and positions, live.</p><p>Licensed under the GPL, version 3 or later.</p>")
                               .arg(QCoreApplication::applicationVersion()));
    });
}

void AccountWindow::showSnapshot(const AccountSnapshot& snapshot)
{
    const bool first = !m_shown.has_value();
    bool changed = false;
    for (const TotalField& field : kTotalFields) {
        const Decimal& value = snapshot.totals.*field.member;
        QLabel* label = m_totalLabels.value(QLatin1StringView(field.apiName));
        label->setText(displayExact(value));
        label->setToolTip(tr("%1 as the exchange sent it: %2. %3")
                              .arg(tr(field.caption), value.toString(), totalsScopeExplanation(snapshot)));
        QString colour;
        if (field.member == &AccountTotals::totalUnrealizedProfit && value.signum() != 0)
            colour = value.signum() > 0 ? u"#2e7d32"_s : u"#c62828"_s;
        QString background;
        if (!first) {
            const Decimal& before = m_shown->totals.*field.member;
            if (value != before) {
                const bool up = value > before;
                label->setProperty("change", up ? u"up"_s : u"down"_s);
                background = up ? u"rgba(46,125,50,70)"_s : u"rgba(198,40,40,70)"_s;
                changed = true;
            }
        }
        label->setStyleSheet(u"QLabel { %1 %2 }"_s.arg(colour.isEmpty() ? QString() : u"color: "_s + colour + u';',
                                                      background.isEmpty() ? QString()
                                                                           : u"background: "_s + background + u';'));
    }
    if (changed)
        m_highlightTimer.start();

    const std::optional<double> ratio = marginRatio(snapshot.totals);
    if (ratio) {
        const double percent = *ratio * 100.0;
        m_marginRatioText->setText(QLocale().toString(percent, 'f', 2) + u" %"_s);
        m_marginRatioGauge->setValue(static_cast<int>(std::min(percent, 100.0) * 10));
        const char* zone = percent >= 80 ? "#c62828" : (percent >= 50 ? "#ef6c00" : "#2e7d32");
        m_marginRatioGauge->setStyleSheet(u"QProgressBar::chunk { background: %1; }"_s.arg(QLatin1StringView(zone)));
    } else {
        m_marginRatioText->setText(u"—"_s);
        m_marginRatioGauge->setValue(0);
    }

    m_accountModeBadge->setText(totalsScopeLabel(snapshot));
    m_accountModeBadge->setToolTip(totalsScopeExplanation(snapshot));
    m_positionModeBadge->setText(positionModeLabel(snapshot.positionMode));

    m_shown = snapshot;
    m_lastGoodMs = QDateTime::currentMSecsSinceEpoch();
    m_problemBanner->hide();
    m_problemText->clear();
    setStale(false);
    updateStatus();
}

void AccountWindow::showFailure(const ApiFailure& failure)
{
    m_problemText->setText(failure.explanation);
    QStringList details;
    if (failure.binanceCode != 0)
        details << tr("code %1").arg(failure.binanceCode);
    if (failure.httpStatus != 0)
        details << tr("HTTP %1").arg(failure.httpStatus);
    if (!failure.endpoint.isEmpty())
        details << failure.endpoint;
    details << failure.occurredAt.toUTC().toString(u"HH:mm:ss 'UTC'"_s);
    m_problemDetails->setText(details.join(u" · "_s));
    m_problemBanner->show();
    // Polling stopped (e.g. a refused key): nothing fresh is coming until the user acts.
    if (m_poller->state() == AccountPoller::State::Stopped)
        setStale(true);
    updateStatus();
}

void AccountWindow::setStale(bool stale)
{
    m_stale = stale;
    m_totalsFrame->setEnabled(!stale); // greyed, still readable: the last good data stays
}

void AccountWindow::clearHighlights()
{
    for (QLabel* label : std::as_const(m_totalLabels)) {
        if (label->property("change").toString().isEmpty())
            continue;
        label->setProperty("change", QString());
        QString style = label->styleSheet();
        const qsizetype at = style.indexOf(u"background:"_s);
        if (at >= 0)
            style.truncate(at);
        label->setStyleSheet(style.endsWith(u'}') ? style : style + u'}');
    }
}

void AccountWindow::updateStatus()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 interval = m_poller->pollInterval().count();
    // A few missed intervals make the data stale; it turns fresh again with the next good poll.
    if (m_lastGoodMs > 0 && now - m_lastGoodMs > 3 * interval + 1000 && !m_stale)
        setStale(true);

    m_stateLabel->setText(stateText(m_poller->state()));
    if (m_lastGoodMs == 0)
        m_ageLabel->setText(tr("no data yet"));
    else if (m_stale)
        m_ageLabel->setText(tr("stale — last update %1 ago").arg(countdown(now - m_lastGoodMs)));
    else
        m_ageLabel->setText(tr("updated %1 ago").arg(countdown(now - m_lastGoodMs)));
    const int weight = m_poller->usedWeight();
    m_weightLabel->setText(weight < 0 ? QString() : tr("weight %1 / %2").arg(weight).arg(m_poller->weightLimit()));
    m_offsetLabel->setText(tr("clock offset %1 s").arg(QLocale().toString(m_poller->clockOffsetMs() / 1000.0, 'f', 2)));
    const QDateTime banned = m_poller->bannedUntil();
    const QDateTime next = m_poller->nextPollAt();
    if (banned.isValid())
        m_nextLabel->setText(tr("paused for %1").arg(countdown(banned.toMSecsSinceEpoch() - now)));
    else if (next.isValid())
        m_nextLabel->setText(tr("next in %1").arg(countdown(next.toMSecsSinceEpoch() - now)));
    else
        m_nextLabel->clear();
}

bool AccountWindow::exportSnapshot()
{
    if (!m_shown) {
        statusBar()->showMessage(tr("Nothing to export yet."), 5000);
        return false;
    }
    QString stem = m_saveFileDialog(this);
    if (stem.isEmpty())
        return false;
    if (stem.endsWith(u".csv"_s, Qt::CaseInsensitive))
        stem.chop(4);
    SnapshotCsvExporter exporter;
    if (!exporter.exportSnapshot(stem, *m_shown)) {
        QMessageBox::warning(this, tr("Export failed"), exporter.errorString());
        return false;
    }
    statusBar()->showMessage(tr("Exported %1-totals.csv, -assets.csv and -positions.csv").arg(stem), 8000);
    return true;
}

QString AccountWindow::totalText(const QString& apiName) const
{
    const QLabel* label = m_totalLabels.value(apiName);
    return label ? label->text() : QString();
}

QString AccountWindow::totalChange(const QString& apiName) const
{
    const QLabel* label = m_totalLabels.value(apiName);
    return label ? label->property("change").toString() : QString();
}

QString AccountWindow::environmentBadgeText() const
{
    return m_environmentBadge->text();
}

QString AccountWindow::accountModeText() const
{
    return m_accountModeBadge->text();
}

QString AccountWindow::positionModeText() const
{
    return m_positionModeBadge->text();
}

QString AccountWindow::problemText() const
{
    return m_problemBanner->isHidden() ? QString() : m_problemText->text();
}

} // namespace marginwatch
