#include "stream/LiveAccount.h"

#include "stream/StreamProxy.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <utility>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr int kListenKeyMaxLength = 128;
constexpr int kMaxBufferedEvents = 10000;

// {"listenKey":"…"}: letters and digits only (it goes into a URL and a SUBSCRIBE request).
Expected<QString> parseListenKey(const QByteArray& body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QString key = doc.object().value(u"listenKey"_s).toString();
    if (key.isEmpty() || key.size() > kListenKeyMaxLength)
        return failure(LiveAccount::tr("the exchange answered the listen-key request without a usable key"));
    for (const QChar c : key) {
        if (!(c.isDigit() || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')))
            return failure(
                LiveAccount::tr("the exchange answered the listen-key request without a usable key"));
    }
    return key;
}

qint64 eventTimeOf(const UserDataEvent& event)
{
    return std::visit([](const auto& e) { return e.eventTime; }, event);
}

} // namespace

LiveAccount::LiveAccount(ClientConfig config, QUrl streamBase, LiveTuning live, ClientTuning tuning,
                         QObject* parent)
    : QObject(parent)
    , m_live(live)
    , m_tuning(tuning)
    , m_streamBase(std::move(streamBase))
    , m_user(streamProxyFor(config.proxy, m_streamBase), live.limits, tuning.clock)
    , m_marks(streamProxyFor(config.proxy, m_streamBase), live.limits, tuning.clock)
    , m_backoff(live.backoffBase, live.backoffCap, live.jitterSeed)
    , m_marketBackoff(live.backoffBase, live.backoffCap, live.jitterSeed ? live.jitterSeed + 1 : 0)
    , m_weight(live.weightWindow)
{
    m_ownedPoller = std::make_unique<AccountPoller>(std::move(config), tuning);
    m_poller = m_ownedPoller.get();
    wire();
}

LiveAccount::LiveAccount(AccountPoller& poller, const ProxySettings& proxy, QUrl streamBase, LiveTuning live,
                         ClientTuning tuning, QObject* parent)
    : QObject(parent)
    , m_live(live)
    , m_tuning(tuning)
    , m_streamBase(std::move(streamBase))
    , m_poller(&poller)
    , m_user(streamProxyFor(proxy, m_streamBase), live.limits, tuning.clock)
    , m_marks(streamProxyFor(proxy, m_streamBase), live.limits, tuning.clock)
    , m_backoff(live.backoffBase, live.backoffCap, live.jitterSeed)
    , m_marketBackoff(live.backoffBase, live.backoffCap, live.jitterSeed ? live.jitterSeed + 1 : 0)
    , m_weight(live.weightWindow)
{
    wire();
}

void LiveAccount::wire()
{
    qRegisterMetaType<MarginCall>();
    m_marks.setBase(m_streamBase);
    m_pollingReason = tr("connecting to the stream");

    connect(m_poller, &AccountPoller::snapshotReady, this, &LiveAccount::onSnapshot);
    connect(m_poller, &AccountPoller::failed, this, &LiveAccount::failed);
    connect(m_poller, &AccountPoller::statusChanged, this, &LiveAccount::statusChanged);
    connect(m_poller, &AccountPoller::requestStarted, this,
            [this](const QString& endpoint) { m_weight.record(endpoint, localNowMs()); });

    connect(&m_user, &UserDataStream::flowing, this, &LiveAccount::onUserFlowing);
    connect(&m_user, &UserDataStream::eventReceived, this, &LiveAccount::onEvent);
    connect(&m_user, &UserDataStream::unavailable, this, [this](const QString& reason) {
        fallBack(tr("the user-data stream sends nothing (%1)").arg(reason));
    });
    connect(&m_user, &UserDataStream::ended, this,
            [this](const QString& reason) { fallBack(tr("the user-data stream ended (%1)").arg(reason)); });

    connect(&m_marks, &MarkPriceStream::marks, this, &LiveAccount::onMarks);
    connect(&m_marks, &MarkPriceStream::flowing, this, [this] { m_marketBackoff.reset(); });
    connect(&m_marks, &MarkPriceStream::ended, this, [this](const QString&) {
        // The watchdog says when missing marks make the figures stale; until then, reconnect.
        m_marketRetry.start(m_marketBackoff.nextDelay());
    });

    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &LiveAccount::goLive);
    m_keepAliveTimer.setSingleShot(true);
    connect(&m_keepAliveTimer, &QTimer::timeout, this, &LiveAccount::keepAlive);
    m_marketRetry.setSingleShot(true);
    connect(&m_marketRetry, &QTimer::timeout, this, [this] {
        if (m_mode == Mode::Live)
            m_marks.restart();
    });
    m_reconcile.setSingleShot(true);
    connect(&m_reconcile, &QTimer::timeout, this, &LiveAccount::requestReconcile);
    m_publish.setSingleShot(true);
    m_publish.setInterval(0);
    connect(&m_publish, &QTimer::timeout, this, [this] { Q_EMIT snapshotReady(m_book.snapshot()); });
    m_watchdog.setInterval(
        std::max<std::chrono::milliseconds>(std::chrono::milliseconds(100), m_live.markWatchdog / 10));
    connect(&m_watchdog, &QTimer::timeout, this, &LiveAccount::checkWatchdog);
}

LiveAccount::~LiveAccount()
{
    m_user.stop();
    m_marks.stop();
    // Requests queued on the poller call back into this object: they go with it.
    m_poller->stop();
}

qint64 LiveAccount::localNowMs() const
{
    return m_tuning.clock ? m_tuning.clock() : QDateTime::currentMSecsSinceEpoch();
}

qint64 LiveAccount::serverNowMs() const
{
    return localNowMs() + m_poller->clockOffsetMs();
}

std::optional<AccountSnapshot> LiveAccount::lastSnapshot() const
{
    if (m_book.hasSnapshot())
        return m_book.snapshot();
    return m_poller->lastSnapshot();
}

int LiveAccount::weightLastMinute() const
{
    return m_weight.lastMinute(localNowMs());
}

void LiveAccount::start()
{
    m_started = true;
    if (m_mode == Mode::Polling)
        m_pollingReason = tr("connecting to the stream"); // not news: no signal
    m_poller->start();
    if (m_poller->state() == AccountPoller::State::Stopped)
        return; // a configuration or key problem: the poller has said why
    goLive();
}

void LiveAccount::stop()
{
    m_started = false;
    m_reconcile.stop();
    m_publish.stop();
    ++m_generation;
    m_retryTimer.stop();
    m_keepAliveTimer.stop();
    m_watchdog.stop();
    m_marketRetry.stop();
    m_user.stop();
    m_marks.stop();
    m_poller->stop();
    m_awaitingSnapshot = false;
    m_buffered.clear();
    setMode(Mode::Polling, tr("stopped"));
}

void LiveAccount::refreshNow()
{
    if (m_poller->state() == AccountPoller::State::Stopped && m_started) {
        m_poller->start();
        goLive();
        return;
    }
    m_poller->refreshNow();
}

void LiveAccount::setMode(Mode mode, const QString& reason)
{
    const bool changed = mode != m_mode || (mode == Mode::Polling && reason != m_pollingReason);
    m_mode = mode;
    m_pollingReason = mode == Mode::Live ? QString() : reason;
    if (changed) {
        Q_EMIT modeChanged(mode, m_pollingReason);
        Q_EMIT statusChanged();
    }
}

void LiveAccount::goLive()
{
    if (!m_started || m_poller->state() == AccountPoller::State::Stopped)
        return;
    const quint64 generation = ++m_generation;
    m_poller->sendRequest(BinanceHttpClient::Method::Post, u"/fapi/v1/listenKey"_s,
                          BinanceHttpClient::Security::ApiKey, {}, [this, generation](const HttpResult& r) {
                              if (generation == m_generation)
                                  onListenKey(r);
                          });
    if (m_bracketsFetchedAtMs == 0 || localNowMs() - m_bracketsFetchedAtMs > m_live.bracketRefresh.count())
        fetchBrackets();
}

void LiveAccount::fetchBrackets()
{
    m_bracketsFetchedAtMs = localNowMs();
    m_poller->sendRequest(BinanceHttpClient::Method::Get, u"/fapi/v1/leverageBracket"_s,
                          BinanceHttpClient::Security::Signed, {}, [this](const HttpResult& r) {
                              // Without brackets maintenance margin moves only with reconciliation;
                              // the next attempt to go live asks again.
                              if (r) {
                                  if (Expected<LeverageBrackets> brackets =
                                          LeverageBrackets::parse(r->body)) {
                                      m_book.setBrackets(*brackets);
                                      return;
                                  }
                              }
                              m_bracketsFetchedAtMs = 0;
                          });
}

void LiveAccount::onListenKey(const HttpResult& result)
{
    if (!result) {
        fallBack(tr("no listen key: %1").arg(result.error().summaryLine()));
        return;
    }
    const Expected<QString> key = parseListenKey(result->body);
    if (!key) {
        fallBack(key.error());
        return;
    }
    m_listenKey = *key;
    m_awaitingSnapshot = false;
    m_buffered.clear();
    m_user.start(m_streamBase, m_listenKey);
}

void LiveAccount::onUserFlowing()
{
    // Events from here on are kept; the snapshot they apply to is the next one.
    m_awaitingSnapshot = true;
    m_buffered.clear();
    if (m_poller->state() == AccountPoller::State::Waiting
        || m_poller->state() == AccountPoller::State::BackingOff)
        m_poller->refreshNow();
}

void LiveAccount::onSnapshot(const AccountSnapshot& snapshot)
{
    m_lastRestAtMs = localNowMs();
    m_reconcile.stop();
    if (m_mode == Mode::Live && m_book.hasSnapshot()) {
        const std::optional<Decimal> local = LiveBook::marginRatioPercent(m_book.snapshot().totals);
        const std::optional<Decimal> exchange = LiveBook::marginRatioPercent(snapshot.totals);
        if (local && exchange) {
            const Decimal difference = local->minus(*exchange).value_or(Decimal()).abs();
            if (!m_largestDifference || difference > *m_largestDifference)
                m_largestDifference = difference;
            ++m_reconciliations;
            Q_EMIT reconciled(*local, *exchange);
        }
    }
    m_book.reset(snapshot);
    noteConfiguredSymbols(snapshot);
    // A snapshot asked for before an event can arrive after it: what the stream said since it was
    // taken still holds.
    const qint64 takenAtMs = snapshot.takenAt.toMSecsSinceEpoch();
    m_recent.removeIf([takenAtMs](const UserDataEvent& e) { return eventTimeOf(e) <= takenAtMs; });
    if (m_mode == Mode::Live) {
        for (const UserDataEvent& event : std::as_const(m_recent))
            applyToBook(event);
    }
    if (m_awaitingSnapshot) {
        m_awaitingSnapshot = false;
        const qint64 takenAt = snapshot.takenAt.toMSecsSinceEpoch();
        for (const UserDataEvent& event : std::as_const(m_buffered)) {
            if (eventTimeOf(event) > takenAt)
                applyEvent(event);
        }
        m_buffered.clear();
        m_backoff.reset();
        m_lastMarkAtMs = localNowMs();
        m_poller->setPollInterval(m_live.reconcileInterval);
        m_poller->setConfigFromStream(true);
        m_keepAliveTimer.start(
            std::chrono::milliseconds(m_live.keepAliveInterval.count()
                                      - QRandomGenerator::global()->bounded(
                                          std::max<qint64>(1, m_live.keepAliveInterval.count() / 10))));
        m_watchdog.start();
        setMode(Mode::Live, {});
    }
    if (m_mode == Mode::Live) {
        m_marks.setSymbols(m_book.heldSymbols());
        // A symbol opened since (the list covers held symbols): once per reconciliation at most.
        if (!m_book.symbolsWithoutBrackets().isEmpty()
            && localNowMs() - m_bracketsFetchedAtMs >= m_live.reconcileInterval.count()
            && fitsBudget(RequestWeightMeter::weightOf(u"/fapi/v1/leverageBracket"_s)))
            fetchBrackets();
    }
    if (std::exchange(m_reconcilePending, false))
        requestReconcile();
    m_publish.stop();
    Q_EMIT snapshotReady(m_book.snapshot()); // REST: at once, as polling delivers it
}

void LiveAccount::publish()
{
    // Mark frames of several symbols usually arrive together: the window and the recorder get one
    // snapshot for all of them, in the same pass of the event loop.
    if (!m_publish.isActive())
        m_publish.start();
}

void LiveAccount::onEvent(const UserDataEvent& event, qint64 receivedAtMs)
{
    if (m_awaitingSnapshot) {
        if (m_buffered.size() < kMaxBufferedEvents)
            m_buffered.append(event);
        if (const auto* call = std::get_if<MarginCall>(&event))
            Q_EMIT marginCall(*call); // never held back
        return;
    }
    m_lastEventAtMs = receivedAtMs;
    applyEvent(event);
}

void LiveAccount::applyToBook(const UserDataEvent& event)
{
    if (const auto* update = std::get_if<AccountUpdate>(&event))
        m_book.apply(*update, serverNowMs());
    else if (const auto* config = std::get_if<AccountConfigUpdate>(&event))
        m_book.apply(*config, serverNowMs());
}

void LiveAccount::applyEvent(const UserDataEvent& event)
{
    if (std::holds_alternative<AccountUpdate>(event) || std::holds_alternative<AccountConfigUpdate>(event)) {
        if (m_recent.size() >= kMaxBufferedEvents)
            m_recent.removeFirst();
        m_recent.append(event);
    }
    if (const auto* update = std::get_if<AccountUpdate>(&event)) {
        if (m_book.apply(*update, serverNowMs())) {
            m_marks.setSymbols(m_book.heldSymbols());
            askForNewSymbolConfig();
            publish();
        }
    } else if (const auto* config = std::get_if<AccountConfigUpdate>(&event)) {
        // The cached configuration follows the stream, so reconciliations need not fetch it.
        if (config->leverage && !config->symbol.isEmpty())
            m_poller->applyLeverage(config->symbol, *config->leverage);
        if (config->multiAssets)
            m_poller->applyMultiAssets(*config->multiAssets);
        if (m_book.apply(*config, serverNowMs()))
            publish();
        requestReconcile();
    } else if (const auto* call = std::get_if<MarginCall>(&event)) {
        // The docs warn the position may be liquidated already: alert first, then look.
        Q_EMIT marginCall(*call);
        requestReconcile();
    } else if (const auto* order = std::get_if<OrderTradeUpdate>(&event)) {
        if (order->isFill())
            requestReconcile();
    } else if (std::holds_alternative<ListenKeyExpired>(event)) {
        fallBack(tr("the listen key expired"), true);
    }
}

void LiveAccount::onMarks(const QList<MarkPriceUpdate>& marks, qint64 receivedAtMs)
{
    if (m_mode != Mode::Live)
        return;
    m_lastMarkAtMs = receivedAtMs;
    m_lastEventAtMs = receivedAtMs;
    if (m_book.applyMarks(marks, serverNowMs()))
        publish();
}

bool LiveAccount::fitsBudget(int weight, qint64* at) const
{
    const qint64 now = localNowMs();
    // A second a minute: the exchange counts a request when it arrives, not when it was sent.
    const qint64 slack = m_live.weightWindow.count() / 60;
    const qint64 fits = m_weight.earliestFit(weight, m_live.weightBudget, now, slack);
    if (at)
        *at = fits;
    return fits <= now;
}

void LiveAccount::noteConfiguredSymbols(const AccountSnapshot& snapshot)
{
    m_configuredSymbols.clear();
    for (const Position& p : snapshot.positions) {
        if (p.leverage) {
            m_configuredSymbols.insert(p.symbol);
            m_askedSymbols.remove(p.symbol);
        }
    }
    if (m_mode == Mode::Live)
        askForNewSymbolConfig();
}

void LiveAccount::askForNewSymbolConfig()
{
    bool ask = false;
    const QSet<QString> held = m_book.heldSymbols();
    for (const QString& symbol : held) {
        if (!m_configuredSymbols.contains(symbol) && !m_askedSymbols.contains(symbol)) {
            m_askedSymbols.insert(symbol);
            ask = true;
        }
    }
    if (ask)
        m_poller->requestSymbolConfig(); // with the next reconciliation, inside its budget
}

void LiveAccount::requestReconcile()
{
    const qint64 now = localNowMs();
    qint64 at = m_lastRestAtMs + m_live.minReconcileGap.count();
    qint64 fits = now;
    fitsBudget(m_poller->expectedCycleWeight(), &fits);
    at = std::max(at, fits);
    if (at > now) {
        // Coalesced: whatever else asks meanwhile is covered by the one reconciliation; a snapshot
        // before then (the timed one) stops the timer.
        if (!m_reconcile.isActive())
            m_reconcile.start(std::chrono::milliseconds(at - now));
        return;
    }
    const AccountPoller::State state = m_poller->state();
    if (state == AccountPoller::State::Waiting || state == AccountPoller::State::BackingOff)
        m_poller->refreshNow();
    else
        m_reconcilePending = true; // the cycle in flight may have started before the change
}

void LiveAccount::keepAlive()
{
    qint64 at = 0;
    if (!fitsBudget(RequestWeightMeter::weightOf(u"/fapi/v1/listenKey"_s), &at)) {
        // The key lives an hour and is kept alive every half hour: waiting for room is harmless.
        m_keepAliveTimer.start(std::chrono::milliseconds(at - localNowMs()));
        return;
    }
    const quint64 generation = m_generation;
    m_poller->sendRequest(
        BinanceHttpClient::Method::Put, u"/fapi/v1/listenKey"_s, BinanceHttpClient::Security::ApiKey, {},
        [this, generation](const HttpResult& r) {
            if (generation != m_generation)
                return;
            if (!r) {
                // -1125 (the key is gone) or any other failure: a new key.
                fallBack(tr("keeping the listen key alive failed: %1").arg(r.error().summaryLine()), true);
                return;
            }
            m_keepAliveTimer.start(m_live.keepAliveInterval);
        });
}

void LiveAccount::checkWatchdog()
{
    if (m_mode != Mode::Live || !m_book.hasOpenPositions())
        return;
    if (localNowMs() - m_lastMarkAtMs > m_live.markWatchdog.count())
        fallBack(tr("no mark price for %1 s").arg(m_live.markWatchdog.count() / 1000.0));
}

void LiveAccount::fallBack(const QString& reason, bool retryAtOnce)
{
    ++m_generation;
    m_user.stop();
    m_marks.stop();
    m_keepAliveTimer.stop();
    m_watchdog.stop();
    m_marketRetry.stop();
    m_reconcile.stop();
    m_recent.clear();
    m_awaitingSnapshot = false;
    m_buffered.clear();
    m_poller->setPollInterval(std::chrono::milliseconds(0));
    // Configuration changes may have been missed while the stream was down.
    m_poller->setConfigFromStream(false);
    m_configuredSymbols.clear();
    m_askedSymbols.clear();
    setMode(Mode::Polling, reason);
    // New key -> REST snapshot -> new socket; meanwhile polling keeps the figures coming.
    if (m_poller->state() == AccountPoller::State::Waiting)
        m_poller->refreshNow();
    if (m_started)
        m_retryTimer.start(retryAtOnce ? std::chrono::milliseconds(0) : m_backoff.nextDelay());
}

} // namespace marginwatch
