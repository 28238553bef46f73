#include "api/AccountPoller.h"

#include "api/Backoff.h"
#include "api/BinanceHttpClient.h"
#include "api/FailureDiagnosis.h"
#include "api/SnapshotCycle.h"
#include "api/WeightGovernor.h"

#include <QTimer>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace marginwatch {

class AccountPoller::Private
{
public:
    Private(AccountPoller* owner, ClientConfig&& clientConfig, ClientTuning&& clientTuning)
        : q(owner)
        , config(std::move(clientConfig))
        , tuning(std::move(clientTuning))
        , clock(tuning.clock ? tuning.clock : systemClock())
        , backoff(tuning.backoffBase, tuning.backoffCap, tuning.jitterSeed)
    {
        timer.setSingleShot(true);
        timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&timer, &QTimer::timeout, q, [this] { runCycle(); });
    }

    void setState(State next)
    {
        if (state == next)
            return;
        state = next;
        Q_EMIT q->stateChanged(state);
    }

    bool ensureClient();
    bool admittedByGovernor();
    void runCycle();
    void schedule(std::chrono::milliseconds delay, State waitingState);
    void onSnapshot(const AccountSnapshot& snapshot);
    void onFailure(ApiFailure failure);
    void pumpRequests();

    struct Request
    {
        BinanceHttpClient::Method method;
        QString path;
        BinanceHttpClient::Security security;
        QueryParams params;
        BinanceHttpClient::Callback callback;
    };

    AccountPoller* q;
    ClientConfig config;
    ClientTuning tuning;
    LocalClock clock;
    Backoff backoff;
    std::unique_ptr<BinanceHttpClient> client;
    std::unique_ptr<SnapshotCycle> cycle;
    QTimer timer;
    State state = State::Idle;
    std::optional<AccountSnapshot> lastSnapshot;
    std::optional<ApiFailure> lastFailure;
    QDateTime nextPollAt;
    QDateTime blockedUntil;
    QList<Request> requests;
    bool requestInFlight = false;
    bool cycleDeferred = false; // a cycle came due while a request was in flight
    std::chrono::milliseconds intervalOverride{0};
    bool configFromStream = false;
    quint64 generation = 0; // stop() drops the callbacks of requests in flight
    std::shared_ptr<WeightGovernor> governor;
    bool slotReserved = false; // the timer runs to a slot the governor reserved
    int startedCost = 0;       // the weight the governor counted for the cycle in flight
    void endGovernedCycle()
    {
        if (governor && startedCost > 0)
            governor->endCycle(startedCost);
        startedCost = 0;
    }
};

void AccountPoller::Private::pumpRequests()
{
    if (requestInFlight || !client || (cycle && cycle->isRunning()) || client->isBusy())
        return;
    while (!requests.isEmpty()) {
        Request request = requests.takeFirst();
        const quint64 sentGeneration = generation;
        BinanceHttpClient::Callback done =
            [this, sentGeneration, callback = std::move(request.callback)](const HttpResult& result) {
                if (sentGeneration != generation)
                    return;
                requestInFlight = false;
                callback(result);
                if (std::exchange(cycleDeferred, false))
                    runCycle();
                else
                    pumpRequests();
            };
        if (client->send(request.method, request.path, request.security, request.params, done)) {
            requestInFlight = true;
            return;
        }
        // Refused without a callback (the key cannot sign): say so rather than drop it silently.
        done(failure(configurationFailure(client->setupError(), clock())));
        return;
    }
}

bool AccountPoller::Private::ensureClient()
{
    if (client)
        return true;
    client = std::make_unique<BinanceHttpClient>(config, tuning);
    client->setWeightGovernor(governor);
    if (!client->setupError().isEmpty()) {
        const QString error = client->setupError();
        client.reset();
        onFailure(configurationFailure(error, clock()));
        return false;
    }
    // Only the signer (and the client's proxy) keep secrets from here on.
    config.credentials.secret.wipe();
    config.proxy.password.wipe();
    QObject::connect(client.get(), &BinanceHttpClient::requestStarted, q, [this](const QString& endpoint) {
        // A caller's own request (sendRequest) leaves the poller's state alone: it is still waiting.
        if (cycle && cycle->isRunning())
            setState(endpoint == u"/fapi/v1/time"_s ? State::Syncing : State::Polling);
        Q_EMIT q->requestStarted(endpoint);
    });
    QObject::connect(client.get(), &BinanceHttpClient::requestFinished, q, &AccountPoller::requestFinished);
    QObject::connect(client.get(), &BinanceHttpClient::weightReported, q, [this](int usedWeight) {
        if (governor)
            governor->observeUsedWeight(usedWeight, client->clock().serverNowMs());
    });
    cycle = std::make_unique<SnapshotCycle>(client.get(), tuning.configRefreshPeriod);
    cycle->setLeverageBracketRefreshPeriod(tuning.leverageBracketRefreshPeriod);
    cycle->setConfigFromStream(configFromStream);
    QObject::connect(cycle.get(), &SnapshotCycle::finished, q,
                     [this](const AccountSnapshot& snapshot) { onSnapshot(snapshot); });
    QObject::connect(cycle.get(), &SnapshotCycle::failed, q,
                     [this](const ApiFailure& failure) { onFailure(failure); });
    return true;
}

bool AccountPoller::Private::admittedByGovernor()
{
    if (!governor)
        return true;
    const qint64 now = clock();
    const qint64 serverNow = client->clock().serverNowMs();
    const int cost = cycle->expectedWeight();
    if (std::exchange(slotReserved, false) && governor->tryStart(now, serverNow, cost)) {
        startedCost = cost;
        return true;
    }
    qint64 start = governor->reserve(now, serverNow, cost);
    if (start <= now) {
        if (governor->tryStart(now, serverNow, cost)) {
            startedCost = cost;
            return true;
        }
        start = governor->reserve(now, serverNow, cost);
    }
    slotReserved = true;
    State waiting = State::Waiting;
    if (governor->isPaused(now))
        waiting = governor->pauseIsBan() ? State::Banned : State::RateLimited;
    schedule(std::chrono::milliseconds(start - now), waiting);
    return false;
}

void AccountPoller::Private::runCycle()
{
    if (!client || !cycle || cycle->isRunning() || state == State::Stopped || state == State::Idle)
        return;
    if (requestInFlight) {
        cycleDeferred = true;
        return;
    }
    if (const auto until = client->bannedUntilLocalMs()) {
        // Woken early (refreshNow, a clock step): keep waiting for the ban to end.
        schedule(std::chrono::milliseconds(*until - clock()), State::Banned);
        return;
    }
    if (!admittedByGovernor())
        return;
    timer.stop();
    nextPollAt = QDateTime();
    blockedUntil = QDateTime();
    setState(client->clock().needsSync() ? State::Syncing : State::Polling);
    cycle->run();
}

void AccountPoller::Private::schedule(std::chrono::milliseconds delay, State waitingState)
{
    delay = std::max(delay, std::chrono::milliseconds(0));
    nextPollAt = QDateTime::fromMSecsSinceEpoch(clock() + delay.count(), Qt::UTC);
    blockedUntil =
        (waitingState == State::Banned || waitingState == State::RateLimited) ? nextPollAt : QDateTime();
    // QTimer takes an int: a multi-day ban is re-armed in steps by runCycle().
    timer.start(static_cast<int>(std::min<qint64>(delay.count(), 24LL * 3600 * 1000)));
    setState(waitingState);
    Q_EMIT q->statusChanged();
}

void AccountPoller::Private::onSnapshot(const AccountSnapshot& snapshot)
{
    endGovernedCycle();
    lastSnapshot = snapshot;
    lastFailure.reset();
    backoff.reset();
    // From the end of this cycle: a slow cycle delays the next one instead of stacking.
    const auto interval = q->pollInterval();
    schedule(client->weight().stretch(interval, client->clock().serverNowMs()), State::Waiting);
    Q_EMIT q->snapshotReady(snapshot);
    pumpRequests();
}

void AccountPoller::Private::onFailure(ApiFailure failure)
{
    endGovernedCycle();
    const qint64 now = clock();
    if (failure.kind == ApiFailure::Kind::Configuration || failure.isAuthentication()) {
        // Needs the user: retrying would only repeat the refusal (and count against the IP).
        timer.stop();
        nextPollAt = QDateTime();
        blockedUntil = QDateTime();
        failure.retryAt.reset();
        lastFailure = failure;
        setState(State::Stopped);
        Q_EMIT q->statusChanged();
        Q_EMIT q->failed(failure);
        return;
    }
    if ((failure.kind == ApiFailure::Kind::Banned || failure.kind == ApiFailure::Kind::RateLimited)
        && failure.retryAt) {
        const State waiting = failure.kind == ApiFailure::Kind::Banned ? State::Banned : State::RateLimited;
        // The limit is the IP's, not this key's: every account on the host waits with this one.
        if (governor)
            governor->pause(failure.retryAt->toMSecsSinceEpoch(), waiting == State::Banned);
        // +50 ms: arrive just after the server's end time, not just before it.
        schedule(std::chrono::milliseconds(failure.retryAt->toMSecsSinceEpoch() - now + 50), waiting);
    } else {
        const auto delay = backoff.nextDelay();
        failure.retryAt = QDateTime::fromMSecsSinceEpoch(now + delay.count(), Qt::UTC);
        schedule(delay, State::BackingOff);
    }
    lastFailure = failure;
    Q_EMIT q->failed(failure);
    pumpRequests();
}

AccountPoller::AccountPoller(ClientConfig config, QObject* parent)
    : AccountPoller(std::move(config), ClientTuning{}, parent)
{}

AccountPoller::AccountPoller(ClientConfig config, ClientTuning tuning, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, std::move(config), std::move(tuning)))
{
    qRegisterMetaType<AccountSnapshot>();
    qRegisterMetaType<ApiFailure>();
}

AccountPoller::~AccountPoller()
{
    d->endGovernedCycle();
    if (d->governor)
        d->governor->removeAccount();
    // Cancel before the members go: no callback may reach a half-destroyed poller. The client (and
    // with it the signer's key) is freed here; the config's copy of the secret was wiped already.
    if (d->cycle)
        d->cycle->cancel();
    d->cycle.reset();
    d->client.reset();
    d->config.credentials.secret.wipe();
    d->config.proxy.password.wipe();
}

Expected<void> AccountPoller::configurationError(const ClientConfig& config)
{
    return BinanceHttpClient::configurationError(config);
}

void AccountPoller::start()
{
    if (d->state != State::Idle && d->state != State::Stopped)
        return;
    if (const Expected<void> usable = configurationError(d->config); !usable) {
        if (!d->client) { // after a stop() the secret is gone from config but the client still signs
            d->onFailure(configurationFailure(usable.error(), d->clock()));
            return;
        }
    }
    if (!d->ensureClient())
        return;
    d->setState(State::Waiting);
    d->runCycle();
}

void AccountPoller::setWeightGovernor(std::shared_ptr<WeightGovernor> governor)
{
    d->endGovernedCycle();
    d->slotReserved = false;
    if (d->governor)
        d->governor->removeAccount();
    d->governor = std::move(governor);
    if (d->governor)
        d->governor->addAccount();
    if (d->client)
        d->client->setWeightGovernor(d->governor);
}

void AccountPoller::stop()
{
    d->timer.stop();
    ++d->generation;
    d->requests.clear();
    d->requestInFlight = false;
    d->cycleDeferred = false;
    if (d->client)
        d->client->cancel();
    d->slotReserved = false;
    d->endGovernedCycle();
    if (d->cycle)
        d->cycle->cancel();
    d->nextPollAt = QDateTime();
    d->blockedUntil = QDateTime();
    d->setState(State::Stopped);
    Q_EMIT statusChanged();
}

void AccountPoller::refreshNow()
{
    if (d->state == State::Waiting || d->state == State::BackingOff)
        d->runCycle();
}

AccountPoller::State AccountPoller::state() const
{
    return d->state;
}

const ClientConfig& AccountPoller::config() const
{
    return d->config;
}

std::optional<AccountSnapshot> AccountPoller::lastSnapshot() const
{
    return d->lastSnapshot;
}

std::optional<ApiFailure> AccountPoller::lastFailure() const
{
    return d->lastFailure;
}

qint64 AccountPoller::clockOffsetMs() const
{
    return d->client ? d->client->clock().offsetMs() : 0;
}

int AccountPoller::usedWeight() const
{
    return d->client ? d->client->weight().used() : -1;
}

int AccountPoller::weightLimit() const
{
    return d->tuning.weightLimit;
}

std::chrono::milliseconds AccountPoller::lastLatency() const
{
    return d->client ? d->client->lastLatency() : std::chrono::milliseconds(0);
}

QDateTime AccountPoller::nextPollAt() const
{
    return d->nextPollAt;
}

QDateTime AccountPoller::bannedUntil() const
{
    if (d->state != State::Banned && d->state != State::RateLimited)
        return {};
    return d->blockedUntil;
}

std::chrono::milliseconds AccountPoller::pollInterval() const
{
    const auto interval = d->intervalOverride.count() > 0 ? d->intervalOverride : d->config.pollInterval;
    return std::max(interval, d->tuning.minimumPollInterval);
}

void AccountPoller::sendRequest(BinanceHttpClient::Method method, const QString& path,
                                BinanceHttpClient::Security security, const QueryParams& params,
                                BinanceHttpClient::Callback callback)
{
    d->requests.append(Private::Request{method, path, security, params, std::move(callback)});
    d->pumpRequests();
}

void AccountPoller::setPollInterval(std::chrono::milliseconds interval)
{
    d->intervalOverride = interval;
    // Waiting for the next cycle: it comes after the new interval (from now), not the old one.
    if (d->state == State::Waiting && d->timer.isActive() && d->client)
        d->schedule(d->client->weight().stretch(pollInterval(), d->client->clock().serverNowMs()),
                    State::Waiting);
}

void AccountPoller::setConfigFromStream(bool on)
{
    if (d->configFromStream == on)
        return;
    d->configFromStream = on;
    if (!d->cycle)
        return;
    d->cycle->setConfigFromStream(on);
    if (!on)
        d->cycle->invalidateConfig();
}

void AccountPoller::requestSymbolConfig()
{
    if (d->cycle)
        d->cycle->requestSymbolConfig();
}

void AccountPoller::applyLeverage(const QString& symbol, int leverage)
{
    if (d->cycle)
        d->cycle->patchLeverage(symbol, leverage);
}

void AccountPoller::applyMultiAssets(bool multiAssets)
{
    if (d->cycle)
        d->cycle->patchMultiAssets(multiAssets);
}

int AccountPoller::expectedCycleWeight() const
{
    // Before the first cycle: time sync and the whole configuration.
    return d->cycle ? d->cycle->expectedWeight() : 1 + 10 + 10;
}

} // namespace marginwatch
