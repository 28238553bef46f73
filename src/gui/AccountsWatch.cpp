#include "gui/AccountsWatch.h"

#include "gui/SessionFactory.h"
#include "io/OverviewCsv.h"
#include "io/history/HistoryAccount.h"
#include "io/history/HistoryStore.h"
#include "model/AccountSemantics.h"
#include "model/AccountsOverviewModel.h"

#include <QDateTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace marginwatch {

struct AccountsWatch::Watched
{
    Profile profile;
    QString name; // unique among the open accounts: the overview's row key
    QString environment;
    std::unique_ptr<Session> session; // its own; null while opening, after a failure, or following the window
    bool followsWindow = false;
    // The receiver of the signals of whichever poller the row follows: replaced to drop them all.
    std::unique_ptr<QObject> link;
    std::chrono::milliseconds interval{5000};
    QPointer<AccountPoller> poller; // the one the row follows
    std::shared_ptr<WeightGovernor> governor;
    MarginAlertTracker alerts;
    HistoryAccount history;
    std::optional<AccountSnapshot> last;
    qint64 lastGoodMs = 0;
    QString problem;
    bool error = false;
    bool stale = false;
    int generation = 0; // SessionFactory answers for an older attempt are dropped
};

AccountsWatch::AccountsWatch(SecretStore* secrets, QObject* parent, int budgetPercent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_model(new AccountsOverviewModel(this))
    , m_governors(WeightGovernor::budgetFromPercent(ClientTuning{}.weightLimit, budgetPercent))
{
    m_ageTick.setInterval(1000);
    connect(&m_ageTick, &QTimer::timeout, this, &AccountsWatch::refreshAges);
}

AccountsWatch::~AccountsWatch()
{
    // The links go before the sessions whose pollers they listen to.
    for (auto& [id, account] : m_accounts)
        account->link.reset();
}

void AccountsWatch::setThresholds(const MarginThresholds& thresholds)
{
    m_thresholds = thresholds;
    m_model->setThresholds(thresholds);
    for (auto& [id, account] : m_accounts)
        account->alerts.setThresholds(thresholds);
    Q_EMIT changed();
}

void AccountsWatch::setClock(LocalClock clock)
{
    m_now = std::move(clock);
    m_model->setClock(m_now);
}

QString AccountsWatch::uniqueName(const QString& wanted) const
{
    const QString base = wanted.isEmpty() ? tr("Account") : wanted;
    QString name = base;
    for (int n = 2;; ++n) {
        const bool taken = std::any_of(m_accounts.begin(), m_accounts.end(),
                                       [&name](const auto& entry) { return entry.second->name == name; });
        if (!taken)
            return name;
        name = u"%1 (%2)"_s.arg(base).arg(n);
    }
}

AccountsWatch::Watched* AccountsWatch::find(const QString& profileId)
{
    const auto it = m_accounts.find(profileId);
    return it == m_accounts.end() ? nullptr : it->second.get();
}

void AccountsWatch::open(const Profile& profile)
{
    if (profile.id.isEmpty() || isOpen(profile.id))
        return;
    auto account = std::make_unique<Watched>();
    account->profile = profile;
    account->name = uniqueName(profile.name);
    account->alerts = MarginAlertTracker(m_thresholds);
    account->interval = std::chrono::milliseconds(profile.pollIntervalMs);
    Watched& watched = *account;
    m_accounts.emplace(profile.id, std::move(account));
    m_order << profile.id;
    if (profile.id == m_windowProfileId && m_windowPoller)
        follow(watched, m_windowPoller, m_windowLive, false);
    else
        startOwnSession(watched);
    if (!m_ageTick.isActive())
        m_ageTick.start();
    Q_EMIT openedIdsChanged(openIds());
}

void AccountsWatch::startOwnSession(Watched& account)
{
    account.link.reset();
    account.session.reset();
    account.followsWindow = false;
    account.problem = tr("opening…");
    account.error = false;
    publish(account);
    const QString id = account.profile.id;
    const int generation = ++account.generation;
    SessionFactory::open(
        account.profile, m_secrets, this,
        [this, id, generation](Expected<std::unique_ptr<Session>, SessionError> session) {
            Watched* account = find(id);
            if (!account || account->generation != generation || account->followsWindow)
                return; // closed, reopened or shown by the window meanwhile
            if (!session) {
                account->problem = session.error().message;
                account->error = true;
                publish(*account);
                Q_EMIT notified(tr("%1 could not be opened").arg(account->name), account->problem, true);
                return;
            }
            started(*account, std::move(*session));
        },
        m_tuning);
}

void AccountsWatch::started(Watched& account, std::unique_ptr<Session> session)
{
    account.session = std::move(session);
    account.environment = account.session->endpoint.badgeText();
    AccountPoller* poller = account.session->poller.get();
    // Before the start: the first cycle already takes its turn in the host's budget.
    account.governor = m_governors.forHost(poller->config().baseUrl);
    poller->setWeightGovernor(account.governor);
    if (account.session->endpoint.kind != ServerKind::Simulator) {
        const ClientConfig& config = poller->config();
        account.history = HistoryAccount::forCredentials(account.profile.id, account.name, config.baseUrl,
                                                         config.credentials.apiKey);
    }
    follow(account, poller, account.session->live.get(), true);
    if (account.session->live)
        account.session->live->start();
    else
        poller->start();
}

void AccountsWatch::follow(Watched& account, AccountPoller* poller, LiveAccount* live, bool own)
{
    account.link = std::make_unique<QObject>();
    account.followsWindow = !own;
    account.interval = poller->pollInterval();
    account.poller = poller;
    QObject* link = account.link.get();
    Watched* raw = &account;
    const auto snapshot = [this, raw](const AccountSnapshot& s) {
        snapshotArrived(*raw, s);
    };
    if (live)
        connect(live, &LiveAccount::snapshotReady, link, snapshot);
    else
        connect(poller, &AccountPoller::snapshotReady, link, snapshot);
    connect(poller, &AccountPoller::failed, link, [this, raw, own](const ApiFailure& failure) {
        raw->problem = failure.summaryLine();
        const bool stopped = failure.isAuthentication() || failure.kind == ApiFailure::Kind::Configuration;
        if (own && stopped && !raw->error)
            Q_EMIT notified(tr("%1: updates stopped").arg(raw->name), raw->problem, true);
        raw->error = stopped;
        raw->stale = raw->last.has_value();
        publish(*raw);
    });
    if (!own) {
        // What the window already has (it may have shown the account for a while).
        raw->problem.clear();
        raw->error = false;
        raw->error = poller->state() == AccountPoller::State::Stopped;
    }
    publish(account);
}

void AccountsWatch::snapshotArrived(Watched& account, const AccountSnapshot& snapshot)
{
    account.last = snapshot;
    account.lastGoodMs = m_now();
    account.problem.clear();
    account.error = false;
    account.stale = false;
    // The window raises the alerts of the account it shows, and records its history.
    if (!account.followsWindow) {
        const std::optional<double> percent = marginRatioPercent(snapshot.totals);
        if (const auto alert = account.alerts.update(percent)) {
            const QString ratio = percentText(alert->ratioPercent);
            switch (alert->to) {
            case MarginLevel::Danger:
                Q_EMIT notified(tr("%1: margin ratio in danger: %2").arg(account.name, ratio),
                                tr("%1: the margin ratio reached %2. At 100 % positions are liquidated.")
                                    .arg(account.name, ratio),
                                true);
                break;
            case MarginLevel::Warning:
                Q_EMIT notified(alert->isEscalation()
                                    ? tr("%1: margin ratio warning: %2").arg(account.name, ratio)
                                    : tr("%1: margin ratio below danger: %2").arg(account.name, ratio),
                                tr("%1: the margin ratio is %2.").arg(account.name, ratio), false);
                break;
            case MarginLevel::Normal:
                Q_EMIT notified(tr("%1: margin ratio back to normal: %2").arg(account.name, ratio),
                                tr("%1: the margin ratio fell back to %2.").arg(account.name, ratio), false);
                break;
            case MarginLevel::Unknown:
                break;
            }
        }
        if (m_history && account.history.isValid())
            m_history->recordFor(account.history, snapshot);
    }
    publish(account);
}

void AccountsWatch::publish(const Watched& account)
{
    AccountOverviewEntry entry;
    entry.name = account.name;
    entry.environment = account.environment;
    entry.snapshot = account.last;
    entry.problem = account.problem;
    entry.error = account.error;
    entry.stale = account.stale;
    m_model->setAccount(entry);
    Q_EMIT changed();
}

qint64 AccountsWatch::staleAfterMs(qint64 intervalMs, int accountsOnHost, qint64 cycleSpacingMs)
{
    const qint64 gap =
        std::max(intervalMs, static_cast<qint64>(std::max(1, accountsOnHost)) * cycleSpacingMs);
    return std::max<qint64>(15000, 3 * gap);
}

void AccountsWatch::refreshAges()
{
    const qint64 now = m_now();
    for (auto& [id, account] : m_accounts) {
        const bool paced = account->governor && account->poller;
        const qint64 limit =
            staleAfterMs(account->interval.count(), paced ? account->governor->accounts() : 1,
                         paced ? account->governor->spacingMs(account->poller->expectedCycleWeight()) : 0);
        const bool stale = account->last && now - account->lastGoodMs > limit;
        if (stale != account->stale && account->problem.isEmpty()) {
            account->stale = stale;
            publish(*account);
        }
    }
    m_model->refreshAges();
    Q_EMIT changed();
}

void AccountsWatch::close(const QString& profileId)
{
    const auto it = m_accounts.find(profileId);
    if (it == m_accounts.end())
        return;
    const QString name = it->second->name;
    it->second->link.reset();
    m_accounts.erase(it); // its own session and poller go with it
    m_order.removeAll(profileId);
    m_model->removeAccount(name);
    if (m_accounts.empty())
        m_ageTick.stop();
    Q_EMIT openedIdsChanged(openIds());
    Q_EMIT changed();
}

void AccountsWatch::setWindowSession(Session* session)
{
    // The account the window showed until now gets its own session back.
    if (Watched* previous = find(m_windowProfileId); previous && previous->followsWindow)
        startOwnSession(*previous);
    m_windowProfileId = session ? session->profileId : QString();
    m_windowPoller = session ? session->poller.get() : nullptr;
    m_windowLive = session ? session->live.get() : nullptr;
    if (!session)
        return;
    std::shared_ptr<WeightGovernor> governor;
    if (!m_accounts.empty()) {
        governor = m_governors.forHost(session->poller->config().baseUrl);
        session->poller->setWeightGovernor(governor);
    }
    if (Watched* shown = find(m_windowProfileId)) {
        shown->governor = governor;
        ++shown->generation; // an own session still opening is not wanted any more
        shown->link.reset();
        shown->session.reset(); // one poller per account: the window's
        shown->environment = session->endpoint.badgeText();
        follow(*shown, m_windowPoller, m_windowLive, false);
    }
}

QStringList AccountsWatch::openIds() const
{
    return m_order;
}

QString AccountsWatch::profileIdAt(int row) const
{
    const QString name = m_model->accountAt(row);
    if (name.isEmpty())
        return {};
    for (const auto& [id, account] : m_accounts) {
        if (account->name == name)
            return id;
    }
    return {};
}

QString AccountsWatch::nameOf(const QString& profileId) const
{
    const auto it = m_accounts.find(profileId);
    return it == m_accounts.end() ? QString() : it->second->name;
}

QList<QStringList> AccountsWatch::overviewCsvRows() const
{
    QList<QStringList> rows{overviewCsvHeader()};
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_now(), Qt::UTC);
    for (int row = 0; row < m_model->accountCount(); ++row) {
        const QString name = m_model->accountAt(row);
        const auto it = std::find_if(m_accounts.begin(), m_accounts.end(),
                                     [&name](const auto& entry) { return entry.second->name == name; });
        if (it == m_accounts.end())
            continue;
        const Watched& account = *it->second;
        QString state = u"ok"_s;
        if (account.error && !account.problem.isEmpty())
            state = u"stopped: "_s + account.problem;
        else if (!account.problem.isEmpty())
            state = (account.last ? u"stale: "_s : u"no data: "_s) + account.problem;
        else if (!account.last)
            state = u"starting"_s;
        else if (account.stale)
            state = u"stale"_s;
        rows << overviewCsvRow(account.name, account.last, state, account.last ? account.last->takenAt : now);
    }
    return rows;
}

bool AccountsWatch::followsWindow(const QString& profileId) const
{
    const auto it = m_accounts.find(profileId);
    return it != m_accounts.end() && it->second->followsWindow && !it->second->session;
}

AccountZone AccountsWatch::worstZone() const
{
    return m_model->worstZone();
}

QString AccountsWatch::worstAccount() const
{
    const AccountZone worst = worstZone();
    for (int row = 0; row < m_model->accountCount(); ++row) {
        if (m_model->zoneOf(row) == worst)
            return m_model->accountAt(row);
    }
    return {};
}

QString AccountsWatch::statusText() const
{
    if (m_accounts.empty())
        return {};
    int used = 0;
    int budget = m_governors.budget();
    const qint64 now = m_now();
    for (const auto& governor : m_governors.governors()) {
        // The window is counted in server time; the local clock is close enough for a status line.
        const int inWindow = governor->usedInWindow(now);
        if (inWindow >= used) {
            used = inWindow;
            budget = governor->budget();
        }
    }
    // Spelled out for one: the source language has no plural forms of its own.
    const QString text = count() == 1 ? tr("1 account · %1 weight/min of budget %2")
                                      : tr("%n accounts · %1 weight/min of budget %2", nullptr, count());
    return text.arg(used).arg(budget);
}

} // namespace marginwatch
