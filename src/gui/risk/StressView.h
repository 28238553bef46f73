#pragma once

#include "model/AccountSnapshot.h"
#include "risk/StressModel.h"

#include <QWidget>

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
class StressView : public QWidget
{
    Q_OBJECT
public:
    explicit StressView(QWidget* parent = nullptr);

    void setSnapshot(const AccountSnapshot& snapshot);
    void clear();
    void setShockPercent(double percent);
    void setOverridesText(const QString& text);

private:
    void recompute();
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
    std::optional<StressModel> m_model;
};

} // namespace marginwatch
