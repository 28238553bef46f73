#pragma once

#include "model/AccountSnapshot.h"
#include "risk/StressModel.h"

#include <QThread>
#include <QWidget>

#include <memory>
#include <optional>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSlider;
class QTableWidget;

namespace marginwatch {

// The Stress tab: "what if every mark moved by X %?" for the account on screen. A slider (-50 ... +50)
// and a field (-99 ... +99) set the shock; per-symbol overrides ("BTCUSDT=-30, ETHUSDT=-15") move some
// symbols by their own percentage. It shows the margin balance, maintenance margin and margin ratio at
// that shock, the positions liquidated there, and the solved shocks (down and up) at which the margin
// ratio reaches 100 %, for the account and for each isolated position. Recomputed with every poll.
//
// The figures are computed on a worker thread (solving a thousand positions takes longer than a
// frame): each request carries a generation number and a result is shown only when it is newer than
// the one on screen, so a slow, stale result never replaces a newer one. While one computation runs,
// later requests wait as one (the newest).
class StressView : public QWidget
{
    Q_OBJECT
public:
    explicit StressView(QWidget* parent = nullptr);
    ~StressView() override;

    void setSnapshot(const AccountSnapshot& snapshot);
    void clear();
    void setShockPercent(double percent);
    void setOverridesText(const QString& text);
    bool isComputing() const { return m_running || m_pending.has_value(); }

Q_SIGNALS:
    void computed(); // a result is on screen

private:
    struct Job
    {
        quint64 generation = 0;
        std::shared_ptr<const StressModel> model;
        StressShock shock;
    };
    struct Outcome
    {
        quint64 generation = 0;
        Expected<StressPoint> point = failure(QString());
        QList<StressRoot> roots;
    };
    void recompute();
    void startJob(Job job);
    void showOutcome(const Outcome& outcome);
    void showNothing();
    std::optional<StressShock> currentShock();

    QSlider* m_slider = nullptr;
    QDoubleSpinBox* m_shock = nullptr;
    QLineEdit* m_overrides = nullptr;
    QLabel* m_overrideError = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_note = nullptr;
    QLabel* m_balance = nullptr;
    QLabel* m_maint = nullptr;
    QLabel* m_ratio = nullptr;
    QLabel* m_liquidated = nullptr;
    QLabel* m_rootDown = nullptr;
    QLabel* m_rootUp = nullptr;
    QTableWidget* m_isolated = nullptr;
    std::shared_ptr<const StressModel> m_model;
    QThread m_thread;
    QObject* m_worker = nullptr; // lives in m_thread
    quint64 m_generation = 0;    // of the newest request
    quint64 m_shown = 0;         // of the figures on screen
    bool m_running = false;
    std::optional<Job> m_pending;
};

} // namespace marginwatch
