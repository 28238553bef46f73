#include "gui/AccountsOverviewPanel.h"

#include "gui/AccountsWatch.h"
#include "gui/ChangeHighlightDelegate.h"
#include "gui/HighlightClock.h"
#include "gui/TrayIcons.h"
#include "io/CsvWriter.h"
#include "model/AccountsOverviewModel.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

// The change highlight of the other tables, plus the zone cell in its zone's colour.
class OverviewDelegate final : public ChangeHighlightDelegate
{
public:
    using ChangeHighlightDelegate::ChangeHighlightDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        ChangeHighlightDelegate::initStyleOption(option, index);
        if (index.model()->data(index, AccountsOverviewModel::AggregateRole).toBool())
            option->font.setBold(true);
        if (index.column() != AccountsOverviewModel::ZoneColumn)
            return;
        const auto zone = static_cast<AccountZone>(index.data(AccountsOverviewModel::ZoneRole).toInt());
        QColor colour = TrayIcons::badgeColour(zone);
        option->backgroundBrush = colour;
        option->palette.setColor(QPalette::Text, colour.lightness() > 140 ? Qt::black : Qt::white);
    }
};

} // namespace

AccountsOverviewPanel::AccountsOverviewPanel(AccountsWatch* watch, HighlightClock* clock, QWidget* parent)
    : QWidget(parent)
    , m_watch(watch)
{
    setObjectName(u"accountsOverview"_s);
    auto* layout = new QVBoxLayout(this);
    auto* controls = new QHBoxLayout;
    m_profileBox = new QComboBox(this);
    m_profileBox->setObjectName(u"overviewProfiles"_s);
    m_openButton = new QPushButton(tr("Open"), this);
    m_openButton->setObjectName(u"overviewOpen"_s);
    m_closeButton = new QPushButton(tr("Close"), this);
    m_closeButton->setObjectName(u"overviewClose"_s);
    controls->addWidget(new QLabel(tr("Profile:"), this));
    controls->addWidget(m_profileBox, 1);
    controls->addWidget(m_openButton);
    controls->addWidget(m_closeButton);
    layout->addLayout(controls);

    m_view = new QTableView(this);
    m_view->setObjectName(u"overviewView"_s);
    m_view->setModel(watch->model());
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    // Room for a handful of accounts and the aggregate without scrolling; the dock can be resized.
    m_view->setMinimumHeight(m_view->verticalHeader()->defaultSectionSize() * 8);
    auto* delegate = new OverviewDelegate(clock, m_view);
    delegate->setSignedColumns({AccountsOverviewModel::UnrealizedPnlColumn});
    m_view->setItemDelegate(delegate);
    layout->addWidget(m_view, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(u"overviewStatus"_s);
    layout->addWidget(m_status);

    auto* exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setObjectName(u"overviewExport"_s);
    exportButton->setToolTip(tr("Export the overview to CSV (Ctrl+E while the overview has the focus)"));
    controls->addWidget(exportButton);
    connect(exportButton, &QPushButton::clicked, this, &AccountsOverviewPanel::exportWithDialog);
    // Ctrl+E is also the window's "Export snapshot" (the account it shows): while the focus is in
    // the overview, the overview takes it, before the shortcut map sees it as ambiguous.
    m_view->installEventFilter(this);
    m_profileBox->installEventFilter(this);

    // The change highlight fades on the window's clock; the state column's data ages tick on their own.
    connect(watch->model(), &AccountsOverviewModel::changesApplied, clock, &HighlightClock::arm);
    connect(clock, &HighlightClock::tick, m_view->viewport(), [this] { m_view->viewport()->update(); });

    connect(m_openButton, &QPushButton::clicked, this, [this] {
        const QString id = m_profileBox->currentData().toString();
        const auto it = std::find_if(m_profiles.cbegin(), m_profiles.cend(),
                                     [&id](const Profile& p) { return p.id == id; });
        if (it != m_profiles.cend())
            m_watch->open(*it);
    });
    connect(m_closeButton, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid())
            m_watch->close(m_watch->profileIdAt(current.row()));
    });
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const QString id = m_watch->profileIdAt(index.row());
        if (!id.isEmpty())
            Q_EMIT openAccountRequested(id);
    });
    connect(m_watch, &AccountsWatch::changed, this, &AccountsOverviewPanel::updateControls);
    connect(m_profileBox, &QComboBox::currentIndexChanged, this, &AccountsOverviewPanel::updateControls);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &AccountsOverviewPanel::updateControls);
    m_saveFileDialog = [](QWidget* parentWidget) {
        return QFileDialog::getSaveFileName(parentWidget, tr("Export the accounts overview"),
                                            u"accounts-overview.csv"_s, tr("CSV files (*.csv)"));
    };
    updateControls();
}

void AccountsOverviewPanel::setProfiles(const QList<Profile>& profiles)
{
    if (profiles == m_profiles)
        return; // the selection stays where the user left it
    const QString selected = m_profileBox->currentData().toString();
    m_profiles = profiles;
    m_profileBox->clear();
    for (const Profile& profile : profiles)
        m_profileBox->addItem(profile.name, profile.id);
    m_profileBox->setCurrentIndex(std::max(0, m_profileBox->findData(selected)));
    updateControls();
}

QString AccountsOverviewPanel::statusText() const
{
    return m_status->text();
}

void AccountsOverviewPanel::updateControls()
{
    const QString selected = m_profileBox->currentData().toString();
    m_openButton->setEnabled(!selected.isEmpty() && !m_watch->isOpen(selected));
    const QModelIndex current = m_view->currentIndex();
    m_closeButton->setEnabled(current.isValid() && !m_watch->profileIdAt(current.row()).isEmpty());
    m_status->setText(m_watch->statusText());
}

bool AccountsOverviewPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->keyCombination() == QKeyCombination(Qt::ControlModifier, Qt::Key_E)) {
            event->accept();
            if (event->type() == QEvent::KeyPress)
                exportWithDialog();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

bool AccountsOverviewPanel::exportCsv(const QString& path, QString* error) const
{
    const QList<QStringList> rows = m_watch->overviewCsvRows();
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        CsvWriter writer(&file);
        if (writer.writeRows(rows) && file.commit())
            return true;
    }
    if (error)
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
}

void AccountsOverviewPanel::exportWithDialog()
{
    const QString path = m_saveFileDialog ? m_saveFileDialog(this) : QString();
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCsv(path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
}

} // namespace marginwatch
