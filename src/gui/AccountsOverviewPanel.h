#pragma once

#include "settings/Profile.h"

#include <QList>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace marginwatch {

class AccountsWatch;
class HighlightClock;

// The accounts overview: one row per open account, worst margin ratio first, with the aggregate row
// and the zone colours; a profile list to open and close accounts; the status line "N accounts · W
// weight/min of budget B"; Ctrl+E exports the overview to CSV. Double-click asks for that account's
// full view.
class AccountsOverviewPanel : public QWidget
{
    Q_OBJECT
public:
    using SaveFileDialog = std::function<QString(QWidget* parent)>;

    AccountsOverviewPanel(AccountsWatch* watch, HighlightClock* clock, QWidget* parent = nullptr);

    void setProfiles(const QList<Profile>& profiles);
    void setSaveFileDialog(SaveFileDialog dialog) { m_saveFileDialog = std::move(dialog); }
    // Writes the accounts in the order shown (the aggregate row is left out: it is derived) in the
    // STEM-overview.csv layout; false and *error when the file cannot be written.
    bool exportCsv(const QString& path, QString* error = nullptr) const;
    void exportWithDialog(); // Ctrl+E while the overview has the focus
    QTableView* view() const { return m_view; }
    QString statusText() const;

Q_SIGNALS:
    void openAccountRequested(const QString& profileId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateControls();

    AccountsWatch* m_watch;
    QList<Profile> m_profiles;
    QComboBox* m_profileBox = nullptr;
    QPushButton* m_openButton = nullptr;
    QPushButton* m_closeButton = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_status = nullptr;
    SaveFileDialog m_saveFileDialog;
};

} // namespace marginwatch
