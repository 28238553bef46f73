#include "api/SnapshotFetcher.h"

#include "api/Backoff.h"
#include "api/BinanceHttpClient.h"
#include "api/FailureDiagnosis.h"
#include "api/SnapshotCycle.h"

#include <QTimer>

#include <algorithm>

namespace marginwatch {

class SnapshotFetcher::Private
{
public:
    Private(ClientConfig&& clientConfig, int attempts, ClientTuning&& clientTuning)
        : config(std::move(clientConfig))
        , maxAttempts(std::max(1, attempts))
        , tuning(std::move(clientTuning))
        , clock(tuning.clock ? tuning.clock : systemClock())
        , backoff(tuning.backoffBase, tuning.backoffCap, tuning.jitterSeed)
    {
        retryTimer.setSingleShot(true);
    }

    ClientConfig config;
    int maxAttempts;
    ClientTuning tuning;
    LocalClock clock;
    Backoff backoff;
    std::unique_ptr<BinanceHttpClient> client;
    std::unique_ptr<SnapshotCycle> cycle;
    QTimer retryTimer;
    int attempts = 0;
    bool running = false;
};

SnapshotFetcher::SnapshotFetcher(ClientConfig config, int maxAttempts, QObject* parent)
    : SnapshotFetcher(std::move(config), maxAttempts, ClientTuning{}, parent)
{}

SnapshotFetcher::SnapshotFetcher(ClientConfig config, int maxAttempts, ClientTuning tuning, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>(std::move(config), maxAttempts, std::move(tuning)))
{
    qRegisterMetaType<AccountSnapshot>();
    qRegisterMetaType<ApiFailure>();
    connect(&d->retryTimer, &QTimer::timeout, this, [this] {
        ++d->attempts;
        d->cycle->run();
    });
}

SnapshotFetcher::~SnapshotFetcher()
{
    cancel();
    d->cycle.reset();
    d->client.reset();
    d->config.credentials.secret.wipe();
    d->config.proxy.password.wipe();
}

void SnapshotFetcher::start()
{
    if (d->running)
        return;
    d->running = true;
    d->attempts = 0;
    d->backoff.reset();
    // Errors are reported asynchronously, as every other outcome is.
    auto failLater = [this](const ApiFailure& failure) {
        QTimer::singleShot(0, this, [this, failure] {
            d->running = false;
            Q_EMIT failed(failure);
        });
    };
    if (!d->client) {
        if (const Expected<void> usable = BinanceHttpClient::configurationError(d->config); !usable) {
            failLater(configurationFailure(usable.error(), d->clock()));
            return;
        }
        d->client = std::make_unique<BinanceHttpClient>(d->config, d->tuning);
        if (!d->client->setupError().isEmpty()) {
            const QString error = d->client->setupError();
            d->client.reset();
            failLater(configurationFailure(error, d->clock()));
            return;
        }
        d->config.credentials.secret.wipe();
        d->config.proxy.password.wipe();
        connect(d->client.get(), &BinanceHttpClient::requestStarted, this, &SnapshotFetcher::requestStarted);
        connect(d->client.get(), &BinanceHttpClient::requestFinished, this,
                &SnapshotFetcher::requestFinished);
        d->cycle = std::make_unique<SnapshotCycle>(d->client.get(), d->tuning.configRefreshPeriod);
        d->cycle->setLeverageBracketRefreshPeriod(d->tuning.leverageBracketRefreshPeriod);
        connect(d->cycle.get(), &SnapshotCycle::finished, this, [this](const AccountSnapshot& snapshot) {
            d->running = false;
            Q_EMIT finished(snapshot);
        });
        connect(d->cycle.get(), &SnapshotCycle::failed, this, [this](ApiFailure failure) {
            const bool retry = failure.kind != ApiFailure::Kind::Banned && failure.isTransient()
                               && d->attempts < d->maxAttempts;
            if (!retry) {
                d->running = false;
                Q_EMIT failed(failure);
                return;
            }
            qint64 delay = d->backoff.nextDelay().count();
            if (failure.kind == ApiFailure::Kind::RateLimited && failure.retryAt)
                delay = std::max<qint64>(0, failure.retryAt->toMSecsSinceEpoch() - d->clock()) + 50;
            d->retryTimer.start(static_cast<int>(delay));
        });
    }
    // Always a fresh offset and fresh config for a one-off snapshot.
    d->client->clock().invalidate();
    d->cycle->invalidateConfig();
    d->attempts = 1;
    d->cycle->run();
}

void SnapshotFetcher::cancel()
{
    d->retryTimer.stop();
    if (d->cycle)
        d->cycle->cancel();
    d->running = false;
}

bool SnapshotFetcher::isRunning() const
{
    return d->running;
}

int SnapshotFetcher::attemptsMade() const
{
    return d->attempts;
}

qint64 SnapshotFetcher::clockOffsetMs() const
{
    return d->client ? d->client->clock().offsetMs() : 0;
}

int SnapshotFetcher::usedWeight() const
{
    return d->client ? d->client->weight().used() : -1;
}

} // namespace marginwatch
