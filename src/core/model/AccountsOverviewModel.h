#pragma once

#include "alerts/AccountZone.h"
#include "alerts/MarginAlertTracker.h"
#include "model/AccountSnapshot.h"
#include "model/ModelRoles.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace marginwatch {

// What the overview knows about one open account.
struct AccountOverviewEntry
{
    QString name;                            // unique: the key of the row
    QString environment;                     // "Production", "Binance Demo Trading", "Simulator", ...
    std::optional<AccountSnapshot> snapshot; // the last good one; kept through failures
    QString problem;                         // empty when polling is fine; else one line saying what is wrong
    bool stale = false;                      // the figures are out of date
    bool error = false;                      // nothing comes until the user acts
};

// One row per open account, worst margin ratio first, then one aggregate row. Money columns are the
// snapshot's exact Decimals (RawValueRole); only the ratio is a double. The aggregate sums margin
// balance and unrealized PnL only when every account with data counts in the same unit (single-asset
// totals are USDT, multi-assets totals are USD); otherwise those cells say they are not summed.
class AccountsOverviewModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        EnvironmentColumn,
        AccountModeColumn,
        MarginBalanceColumn,
        UnrealizedPnlColumn,
        MarginRatioColumn,
        ZoneColumn,
        PositionsColumn,
        StateColumn,
        ColumnCount
    };
    // int (AccountZone) of a row, for the zone colour; the aggregate row carries the worst zone.
    static constexpr int ZoneRole = RowIsEmptyRole + 100;
    // bool: the aggregate row.
    static constexpr int AggregateRole = ZoneRole + 1;
    using Clock = std::function<qint64()>;

    explicit AccountsOverviewModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Inserts or updates the account's row and moves it to its place in the order.
    void setAccount(const AccountOverviewEntry& entry);
    void removeAccount(const QString& name);
    void setThresholds(const MarginThresholds& thresholds);
    void setClock(Clock clock) { m_clock = std::move(clock); }
    // Data ages are shown relative to now: call every second or so (dataChanged on the state column).
    void refreshAges();

    int accountCount() const { return static_cast<int>(m_rows.size()); }
    QString accountAt(int row) const; // empty for the aggregate row
    std::optional<AccountSnapshot> snapshotAt(int row) const;
    int rowOf(const QString& name) const;
    bool isAggregateRow(int row) const { return row == accountCount() && row > 0; }
    AccountZone zoneOf(int row) const;
    AccountZone worstZone() const;

    // The order: ratio descending; a negative or zero margin balance with maintenance margin due is
    // worse than any ratio; rows without data last; ties by name. Exposed for the table tests.
    static bool worseThan(const AccountOverviewEntry& a, const AccountOverviewEntry& b);

Q_SIGNALS:
    // Cells of an update were marked changed at atMs (the highlight clock starts fading them).
    void changesApplied(qint64 atMs);

private:
    struct Row
    {
        AccountOverviewEntry entry;
        QList<CellChange> changes; // per column
    };
    QVariant accountData(const Row& row, int column, int role) const;
    QVariant aggregateData(int column, int role) const;
    QString stateText(const AccountOverviewEntry& entry) const;
    int targetRow(const AccountOverviewEntry& entry, int excluding) const;
    bool noteChanges(Row& row, const AccountOverviewEntry& next, qint64 now); // true: a cell changed
    void aggregateChanged();

    QList<Row> m_rows;
    MarginThresholds m_thresholds;
    Clock m_clock;
};

} // namespace marginwatch
