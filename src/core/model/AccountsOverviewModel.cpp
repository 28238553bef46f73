#include "model/AccountsOverviewModel.h"

#include "model/AccountSemantics.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

// Maintenance margin due on a margin balance at or below zero: past liquidation, worse than any ratio.
bool isUnderwater(const AccountTotals& totals)
{
    return totals.totalMarginBalance.signum() <= 0 && totals.totalMaintMargin.signum() > 0;
}

// 0: underwater, 1: has a ratio (or an empty account), 2: no data.
int category(const AccountOverviewEntry& entry)
{
    if (!entry.snapshot)
        return 2;
    return isUnderwater(entry.snapshot->totals) ? 0 : 1;
}

double ratioOf(const AccountOverviewEntry& entry)
{
    return entry.snapshot ? marginRatio(entry.snapshot->totals).value_or(0.0) : 0.0;
}

QString unitOf(AccountMode mode)
{
    switch (mode) {
    case AccountMode::SingleAsset:
        return u"USDT"_s;
    case AccountMode::MultiAssets:
        return u"USD"_s;
    case AccountMode::Unknown:
        break;
    }
    return {};
}

QString zoneText(AccountZone zone)
{
    switch (zone) {
    case AccountZone::Normal:
        return QCoreApplication::translate("marginwatch::AccountsOverviewModel", "Normal");
    case AccountZone::Warning:
        return QCoreApplication::translate("marginwatch::AccountsOverviewModel", "Warning");
    case AccountZone::Danger:
        return QCoreApplication::translate("marginwatch::AccountsOverviewModel", "Danger");
    case AccountZone::Stale:
        return QCoreApplication::translate("marginwatch::AccountsOverviewModel", "Stale");
    case AccountZone::Error:
        return QCoreApplication::translate("marginwatch::AccountsOverviewModel", "Error");
    }
    return {};
}

QString ratioText(double ratio)
{
    return QString::number(ratio * 100.0, 'f', 2) + u" %"_s;
}

QString moneyText(const Decimal& value, const QString& unit)
{
    const QString number = value.toDisplayString(2);
    return unit.isEmpty() ? number : number + u' ' + unit;
}

int compareNumbers(double a, double b)
{
    return a < b ? -1 : (a > b ? 1 : 0);
}

} // namespace

AccountsOverviewModel::AccountsOverviewModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{}

bool AccountsOverviewModel::worseThan(const AccountOverviewEntry& a, const AccountOverviewEntry& b)
{
    const int ca = category(a);
    const int cb = category(b);
    if (ca != cb)
        return ca < cb;
    if (ca == 1) {
        const double ra = ratioOf(a);
        const double rb = ratioOf(b);
        if (ra != rb)
            return ra > rb;
    }
    const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
    return byName != 0 ? byName < 0 : a.name < b.name;
}

int AccountsOverviewModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || m_rows.isEmpty())
        return 0;
    return accountCount() + 1;
}

int AccountsOverviewModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AccountsOverviewModel::accountAt(int row) const
{
    return row >= 0 && row < accountCount() ? m_rows.at(row).entry.name : QString();
}

std::optional<AccountSnapshot> AccountsOverviewModel::snapshotAt(int row) const
{
    return row >= 0 && row < accountCount() ? m_rows.at(row).entry.snapshot : std::nullopt;
}

int AccountsOverviewModel::rowOf(const QString& name) const
{
    for (int i = 0; i < accountCount(); ++i) {
        if (m_rows.at(i).entry.name == name)
            return i;
    }
    return -1;
}

AccountZone AccountsOverviewModel::zoneOf(int row) const
{
    if (isAggregateRow(row))
        return worstZone();
    if (row < 0 || row >= accountCount())
        return AccountZone::Normal;
    const AccountOverviewEntry& entry = m_rows.at(row).entry;
    MarginLevel level = MarginLevel::Unknown;
    if (entry.snapshot) {
        if (isUnderwater(entry.snapshot->totals))
            level = MarginLevel::Danger;
        else if (const auto ratio = marginRatio(entry.snapshot->totals))
            level = MarginAlertTracker::levelOf(*ratio * 100.0, m_thresholds);
    }
    return accountZone(level, entry.stale || (!entry.snapshot && !entry.error), entry.error);
}

AccountZone AccountsOverviewModel::worstZone() const
{
    AccountZone worst = AccountZone::Normal;
    for (int i = 0; i < accountCount(); ++i)
        worst = worseZone(worst, zoneOf(i));
    return worst;
}

QString AccountsOverviewModel::stateText(const AccountOverviewEntry& entry) const
{
    if (!entry.problem.isEmpty())
        return entry.problem;
    if (!entry.snapshot)
        return tr("waiting for data");
    const qint64 ageSeconds =
        std::max<qint64>(0, (m_clock() - entry.snapshot->takenAt.toMSecsSinceEpoch()) / 1000);
    return (entry.stale ? tr("stale, %1 s old") : tr("ok, %1 s old")).arg(ageSeconds);
}

QVariant AccountsOverviewModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == AggregateRole)
        return isAggregateRow(index.row());
    if (role == ZoneRole)
        return static_cast<int>(zoneOf(index.row()));
    if (role == Qt::TextAlignmentRole) {
        const bool numeric = index.column() == MarginBalanceColumn || index.column() == UnrealizedPnlColumn
                             || index.column() == MarginRatioColumn || index.column() == PositionsColumn;
        return QVariant::fromValue(
            Qt::Alignment(numeric ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter));
    }
    if (isAggregateRow(index.row()))
        return aggregateData(index.column(), role);
    return accountData(m_rows.at(index.row()), index.column(), role);
}

QVariant AccountsOverviewModel::accountData(const Row& row, int column, int role) const
{
    const AccountOverviewEntry& entry = row.entry;
    const AccountSnapshot* snapshot = entry.snapshot ? &*entry.snapshot : nullptr;
    if (role == ChangeRole)
        return QVariant::fromValue(row.changes.value(column));
    const QString unit = snapshot ? unitOf(snapshot->accountMode) : QString();
    const std::optional<double> ratio = snapshot ? marginRatio(snapshot->totals) : std::nullopt;
    switch (column) {
    case NameColumn:
        return role == Qt::DisplayRole || role == RawValueRole ? QVariant(entry.name) : QVariant();
    case EnvironmentColumn:
        return role == Qt::DisplayRole || role == RawValueRole ? QVariant(entry.environment) : QVariant();
    case AccountModeColumn:
        if (!snapshot || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
            return {};
        if (role == Qt::ToolTipRole)
            return totalsScopeExplanation(*snapshot);
        return snapshot->accountMode == AccountMode::MultiAssets   ? tr("Multi-assets")
               : snapshot->accountMode == AccountMode::SingleAsset ? tr("Single-asset")
                                                                   : QString();
    case MarginBalanceColumn:
    case UnrealizedPnlColumn: {
        if (!snapshot)
            return {};
        const Decimal& value = column == MarginBalanceColumn ? snapshot->totals.totalMarginBalance
                                                             : snapshot->totals.totalUnrealizedProfit;
        if (role == Qt::DisplayRole)
            return moneyText(value, unit);
        if (role == RawValueRole)
            return QVariant::fromValue(value);
        return {};
    }
    case MarginRatioColumn:
        if (!snapshot)
            return {};
        if (role == Qt::DisplayRole)
            return ratio ? ratioText(*ratio)
                         : (isUnderwater(snapshot->totals) ? tr("liquidation") : QString());
        if (role == RawValueRole)
            return ratio ? QVariant(*ratio) : QVariant();
        return {};
    case ZoneColumn:
        return role == Qt::DisplayRole ? QVariant(zoneText(zoneOf(rowOf(entry.name)))) : QVariant();
    case PositionsColumn:
        if (!snapshot)
            return {};
        return role == Qt::DisplayRole || role == RawValueRole
                   ? QVariant(static_cast<int>(snapshot->positions.size()))
                   : QVariant();
    case StateColumn:
        return role == Qt::DisplayRole || role == Qt::ToolTipRole ? QVariant(stateText(entry)) : QVariant();
    default:
        return {};
    }
}

QVariant AccountsOverviewModel::aggregateData(int column, int role) const
{
    if (role == ChangeRole)
        return QVariant::fromValue(CellChange{});
    QStringList units;
    int withData = 0;
    int positions = 0;
    std::optional<Decimal> balance = Decimal();
    std::optional<Decimal> pnl = Decimal();
    std::optional<Decimal> maint = Decimal();
    for (const Row& row : m_rows) {
        if (!row.entry.snapshot)
            continue;
        const AccountSnapshot& s = *row.entry.snapshot;
        ++withData;
        positions += static_cast<int>(s.positions.size());
        const QString unit = unitOf(s.accountMode);
        if (!units.contains(unit))
            units << unit;
        balance = balance ? balance->plus(s.totals.totalMarginBalance) : balance;
        pnl = pnl ? pnl->plus(s.totals.totalUnrealizedProfit) : pnl;
        maint = maint ? maint->plus(s.totals.totalMaintMargin) : maint;
    }
    const bool unitsAgree = units.size() == 1 && !units.constFirst().isEmpty();
    const QString notSummed =
        withData == 0
            ? QString()
            : (units.size() > 1
                   ? tr("not summed: the accounts count in different units (%1)").arg(units.join(u", "_s))
                   : tr("not summed: an account's unit is not known yet"));
    switch (column) {
    case NameColumn:
        // The same text whatever the count: views keep their place in it through inserts and removals.
        if (role == Qt::DisplayRole)
            return tr("All accounts");
        return role == Qt::ToolTipRole ? QVariant(tr("%n account(s)", nullptr, accountCount())) : QVariant();
    case MarginBalanceColumn:
    case UnrealizedPnlColumn: {
        const std::optional<Decimal>& sum = column == MarginBalanceColumn ? balance : pnl;
        if (withData == 0)
            return {};
        if (!unitsAgree || !sum)
            return role == Qt::DisplayRole   ? QVariant(tr("not summed"))
                   : role == Qt::ToolTipRole ? QVariant(notSummed)
                                             : QVariant();
        if (role == Qt::DisplayRole)
            return moneyText(*sum, units.constFirst());
        if (role == RawValueRole)
            return QVariant::fromValue(*sum);
        if (role == Qt::ToolTipRole)
            return tr("the sum over %n account(s) with data", nullptr, withData);
        return {};
    }
    case MarginRatioColumn: {
        if (withData == 0 || !unitsAgree || !balance || !maint || balance->signum() <= 0)
            return role == Qt::ToolTipRole && withData > 0 ? QVariant(notSummed) : QVariant();
        const double ratio = maint->toDouble() / balance->toDouble();
        if (role == Qt::DisplayRole)
            return ratioText(ratio);
        if (role == RawValueRole)
            return ratio;
        if (role == Qt::ToolTipRole)
            return tr("total maintenance margin / total margin balance of the accounts with data");
        return {};
    }
    case ZoneColumn:
        return role == Qt::DisplayRole ? QVariant(zoneText(worstZone())) : QVariant();
    case PositionsColumn:
        return role == Qt::DisplayRole || role == RawValueRole ? QVariant(positions) : QVariant();
    default:
        return {};
    }
}

QVariant AccountsOverviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case NameColumn:
        return tr("Account");
    case EnvironmentColumn:
        return tr("Environment");
    case AccountModeColumn:
        return tr("Mode");
    case MarginBalanceColumn:
        return tr("Margin balance");
    case UnrealizedPnlColumn:
        return tr("Unrealized PnL");
    case MarginRatioColumn:
        return tr("Margin ratio");
    case ZoneColumn:
        return tr("Zone");
    case PositionsColumn:
        return tr("Positions");
    case StateColumn:
        return tr("State");
    case ColumnCount:
        break;
    }
    return {};
}

int AccountsOverviewModel::targetRow(const AccountOverviewEntry& entry, int excluding) const
{
    int target = 0;
    for (int i = 0; i < accountCount(); ++i) {
        if (i != excluding && worseThan(m_rows.at(i).entry, entry))
            ++target;
    }
    return target;
}

bool AccountsOverviewModel::noteChanges(Row& row, const AccountOverviewEntry& next, qint64 now)
{
    if (!row.entry.snapshot || !next.snapshot)
        return false;
    bool any = false;
    const AccountTotals& before = row.entry.snapshot->totals;
    const AccountTotals& after = next.snapshot->totals;
    auto note = [&](int column, int direction) {
        if (direction != 0) {
            row.changes[column] = CellChange{direction, now};
            any = true;
        }
    };
    auto direction = [](const Decimal& a, const Decimal& b) {
        return a == b ? 0 : (a > b ? 1 : -1);
    };
    note(MarginBalanceColumn, direction(after.totalMarginBalance, before.totalMarginBalance));
    note(UnrealizedPnlColumn, direction(after.totalUnrealizedProfit, before.totalUnrealizedProfit));
    note(MarginRatioColumn,
         compareNumbers(marginRatio(after).value_or(0.0), marginRatio(before).value_or(0.0)));
    note(PositionsColumn, compareNumbers(static_cast<double>(next.snapshot->positions.size()),
                                         static_cast<double>(row.entry.snapshot->positions.size())));
    return any;
}

void AccountsOverviewModel::setAccount(const AccountOverviewEntry& entry)
{
    const int existing = rowOf(entry.name);
    if (existing < 0) {
        const int at = targetRow(entry, -1);
        Row row{entry, QList<CellChange>(ColumnCount)};
        if (m_rows.isEmpty()) {
            beginInsertRows({}, 0, 1); // the account and the aggregate row
            m_rows.insert(at, row);
            endInsertRows();
            return;
        }
        beginInsertRows({}, at, at);
        m_rows.insert(at, row);
        endInsertRows();
        aggregateChanged();
        return;
    }
    const qint64 now = m_clock();
    const bool changed = noteChanges(m_rows[existing], entry, now);
    m_rows[existing].entry = entry;
    const int target = targetRow(entry, existing);
    int row = existing;
    if (target != existing) {
        beginMoveRows({}, existing, existing, {}, target > existing ? target + 1 : target);
        m_rows.move(existing, target);
        endMoveRows();
        row = target;
    }
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    aggregateChanged();
    if (changed)
        Q_EMIT changesApplied(now);
}

void AccountsOverviewModel::removeAccount(const QString& name)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    if (accountCount() == 1) {
        beginRemoveRows({}, 0, 1);
        m_rows.clear();
        endRemoveRows();
        return;
    }
    beginRemoveRows({}, row, row);
    m_rows.remove(row);
    endRemoveRows();
    aggregateChanged();
}

void AccountsOverviewModel::setThresholds(const MarginThresholds& thresholds)
{
    m_thresholds = thresholds;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, ZoneColumn), index(accountCount(), ZoneColumn));
}

void AccountsOverviewModel::refreshAges()
{
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, StateColumn), index(accountCount() - 1, StateColumn), {Qt::DisplayRole});
}

void AccountsOverviewModel::aggregateChanged()
{
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(accountCount(), 0), index(accountCount(), ColumnCount - 1));
}

} // namespace marginwatch
