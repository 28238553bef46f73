#include "sim/SimStreamHub.h"

#include "sim/SimJson.h"
#include "sim/SimMarket.h"
#include "sim/SimSymbolCatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

enum class Route
{
    PrivateRaw,      // /private/ws
    PrivateCombined, // /private/stream
    MarketRaw,       // /market/ws
    MarketCombined,  // /market/stream
    LegacyRaw,       // /ws
    LegacyCombined,  // /stream
};

constexpr int kMaxMessagesPerSecond = 10;
constexpr int kMaxStreamsPerConnection = 1024;
constexpr int kMaxMessageBytes = 4096;

bool isPrivate(Route r)
{
    return r == Route::PrivateRaw || r == Route::PrivateCombined;
}

bool isMarket(Route r)
{
    return r == Route::MarketRaw || r == Route::MarketCombined;
}

bool isLegacy(Route r)
{
    return r == Route::LegacyRaw || r == Route::LegacyCombined;
}

bool isCombined(Route r)
{
    return r == Route::PrivateCombined || r == Route::MarketCombined || r == Route::LegacyCombined;
}

QByteArray idText(const QJsonValue& id)
{
    // The id is echoed as the client sent it (a number or a string); null when there was none.
    if (!id.isDouble() && !id.isString())
        return "null";
    return QJsonDocument(QJsonArray{id}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
}

QString error(int code, const QString& message, const QJsonValue& id)
{
    return QString::fromUtf8(
        SimJsonObject()
            .raw("error", SimJsonObject().integer("code", code).string("msg", message.toUtf8()).finish())
            .raw("id", idText(id))
            .finish());
}

} // namespace

struct SimStreamHub::Connection
{
    std::unique_ptr<QWebSocket> socket;
    Route route = Route::PrivateRaw;
    int number = 0;
    bool silent = false;         // "silentstream", or a route the exchange leaves silent
    bool hasEventFilter = false; // /private/ws?events=…
    QSet<QByteArray> events;
    QStringList listenKeys; // user data listened to
    QStringList streams;    // market streams (lower case)
    qint64 lastPong = 0;
    qint64 rateSecond = -1;
    int rateCount = 0;
};

SimStreamHub::SimStreamHub(const Settings& settings, SimMarket& market, std::function<qint64()> clock,
                           QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_market(market)
    , m_clock(std::move(clock))
{
    m_markTimer.setInterval(std::max(10, settings.markIntervalMs));
    connect(&m_markTimer, &QTimer::timeout, this, &SimStreamHub::pushMarks);
    m_pingTimer.setInterval(std::max(10, settings.pingIntervalMs));
    connect(&m_pingTimer, &QTimer::timeout, this, &SimStreamHub::pingAll);
    m_expiryTimer.setSingleShot(true);
    connect(&m_expiryTimer, &QTimer::timeout, this, &SimStreamHub::expireKeys);
}

SimStreamHub::~SimStreamHub()
{
    for (const std::unique_ptr<Connection>& c : m_connections)
        c->socket->disconnect(this);
}

void SimStreamHub::setFaults(const SimFaultPlan& plan)
{
    m_faults = plan;
}

int SimStreamHub::openCount() const
{
    return static_cast<int>(m_connections.size());
}

bool SimStreamHub::isActive(const Connection* c) const
{
    if (c->silent)
        return false;
    if (m_faults.legacyOnly())
        return !isPrivate(c->route);
    if (isLegacy(c->route))
        return false; // retired: accepted, never a frame
    if (c->route == Route::PrivateRaw
        && (m_faults.silentWs() || (m_faults.needEvents() && !c->hasEventFilter)))
        return false;
    return true;
}

void SimStreamHub::adopt(std::unique_ptr<QWebSocket> socket)
{
    auto c = std::make_unique<Connection>();
    c->socket = std::move(socket);
    c->number = ++m_accepted;
    c->lastPong = m_clock();
    c->socket->setMaxAllowedIncomingMessageSize(kMaxMessageBytes);
    c->socket->setMaxAllowedIncomingFrameSize(kMaxMessageBytes);
    Connection* raw = c.get();

    const QUrl url = c->socket->requestUrl();
    const QString path = url.path();
    const QUrlQuery query(url);
    QString closeReason;
    if (path == u"/private/ws"_s || path.startsWith(u"/private/ws/"_s)) {
        c->route = Route::PrivateRaw;
        const QString key = path == u"/private/ws"_s ? query.queryItemValue(u"listenKey"_s) : path.mid(12);
        if (query.hasQueryItem(u"events"_s)) {
            c->hasEventFilter = true;
            for (const QString& e : query.queryItemValue(u"events"_s).split(u'/', Qt::SkipEmptyParts))
                c->events.insert(e.toLatin1());
        }
        if (!m_keys.accountOf(key, m_clock()))
            closeReason = u"listenKey does not exist"_s;
        c->listenKeys.append(key);
    } else if (path == u"/private/stream"_s) {
        c->route = Route::PrivateCombined;
    } else if (path == u"/market/stream"_s || path == u"/market/ws"_s || path.startsWith(u"/market/ws/"_s)) {
        c->route = path == u"/market/stream"_s ? Route::MarketCombined : Route::MarketRaw;
        const QString names =
            path.startsWith(u"/market/ws/"_s) ? path.mid(11) : query.queryItemValue(u"streams"_s);
        for (const QString& s : names.split(u'/', Qt::SkipEmptyParts))
            c->streams.append(s);
    } else if (path.startsWith(u"/ws/"_s) || path == u"/ws"_s || path == u"/stream"_s) {
        c->route = path == u"/stream"_s ? Route::LegacyCombined : Route::LegacyRaw;
        const QString names = path.startsWith(u"/ws/"_s) ? path.mid(4) : query.queryItemValue(u"streams"_s);
        for (const QString& s : names.split(u'/', Qt::SkipEmptyParts)) {
            if (m_keys.accountOf(s, m_clock()))
                c->listenKeys.append(s);
            else
                c->streams.append(s);
        }
    } else {
        closeReason = u"Unknown route"_s;
    }
    if (c->streams.size() > kMaxStreamsPerConnection)
        closeReason = u"Too many streams"_s;

    if (const std::optional<SimFault> fault = m_faults.streamFaultFor(c->number)) {
        if (fault->kind == SimFault::Kind::SilentStream)
            c->silent = true;
        if (fault->kind == SimFault::Kind::DropStream) {
            const int delay = fault->param >= 0 ? fault->param : m_settings.dropStreamDelayMs;
            QTimer::singleShot(delay, c->socket.get(), [socket = c->socket.get()] { socket->abort(); });
        }
    }

    connect(raw->socket.get(), &QWebSocket::textMessageReceived, this,
            [this, raw](const QString& message) { onMessage(raw, message); });
    connect(raw->socket.get(), &QWebSocket::pong, this, [this, raw](quint64, const QByteArray&) {
        raw->lastPong = m_clock();
        ++m_pongs;
    });
    connect(raw->socket.get(), &QWebSocket::disconnected, this, [this, raw] { remove(raw); });
    // The exchange cuts every connection after 24 hours.
    QTimer::singleShot(std::chrono::milliseconds(m_settings.streamMaxLifetimeMs), raw->socket.get(),
                       [socket = raw->socket.get()] {
                           socket->close(QWebSocketProtocol::CloseCodeGoingAway,
                                         u"Connection lifetime ended"_s);
                       });
    m_connections.push_back(std::move(c));
    if (!m_markTimer.isActive())
        m_markTimer.start();
    if (!m_pingTimer.isActive())
        m_pingTimer.start();
    if (!closeReason.isEmpty() && !raw->silent)
        raw->socket->close(QWebSocketProtocol::CloseCodePolicyViolated, closeReason);
}

void SimStreamHub::remove(Connection* connection)
{
    const auto it =
        std::find_if(m_connections.begin(), m_connections.end(),
                     [connection](const std::unique_ptr<Connection>& c) { return c.get() == connection; });
    if (it == m_connections.end())
        return;
    QWebSocket* socket = (*it)->socket.release();
    socket->disconnect(this);
    socket->deleteLater();
    m_connections.erase(it);
    if (m_connections.empty()) {
        m_markTimer.stop();
        m_pingTimer.stop();
    }
}

void SimStreamHub::onMessage(Connection* c, const QString& message)
{
    const qint64 second = m_clock() / 1000;
    if (second != c->rateSecond) {
        c->rateSecond = second;
        c->rateCount = 0;
    }
    if (++c->rateCount > kMaxMessagesPerSecond) {
        c->socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"Too many requests"_s);
        return;
    }
    if (c->silent || !isActive(c))
        return; // a silent route does not answer either

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(message.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        c->socket->sendTextMessage(error(3, u"Invalid JSON"_s, QJsonValue::Undefined));
        return;
    }
    const QJsonObject request = doc.object();
    const QJsonValue id = request.value(u"id"_s);
    if (!id.isDouble() && !id.isString()) {
        c->socket->sendTextMessage(
            error(2, u"Invalid request: request ID must be an unsigned integer"_s, id));
        return;
    }
    const QString method = request.value(u"method"_s).toString();
    QStringList params;
    for (const QJsonValue& p : request.value(u"params"_s).toArray()) {
        if (!p.isString() || p.toString().size() > 200) {
            c->socket->sendTextMessage(error(1, u"Invalid value type: expected String"_s, id));
            return;
        }
        params.append(p.toString());
    }
    if (method == u"SUBSCRIBE"_s || method == u"UNSUBSCRIBE"_s) {
        const bool subscribe = method == u"SUBSCRIBE"_s;
        for (const QString& p : std::as_const(params)) {
            const bool isKey = m_keys.accountOf(p, m_clock()).has_value() || c->listenKeys.contains(p);
            if (isPrivate(c->route) || (isLegacy(c->route) && isKey)) {
                if (subscribe && !isKey) {
                    c->socket->sendTextMessage(error(2, u"Invalid request: listenKey does not exist"_s, id));
                    return;
                }
                if (subscribe && !c->listenKeys.contains(p))
                    c->listenKeys.append(p);
                if (!subscribe)
                    c->listenKeys.removeAll(p);
            } else if (isMarket(c->route) || isLegacy(c->route)) {
                if (subscribe && !c->streams.contains(p))
                    c->streams.append(p);
                if (!subscribe)
                    c->streams.removeAll(p);
            }
        }
        if (c->streams.size() > kMaxStreamsPerConnection) {
            c->socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"Too many streams"_s);
            return;
        }
        c->socket->sendTextMessage(QString::fromUtf8("{\"result\":null,\"id\":" + idText(id) + '}'));
        return;
    }
    if (method == u"LIST_SUBSCRIPTIONS"_s) {
        QList<QByteArray> names;
        for (const QString& s : c->listenKeys + c->streams)
            names.append(SimJsonObject::quoted(s.toUtf8()));
        c->socket->sendTextMessage(
            QString::fromUtf8("{\"result\":" + simJsonArray(names) + ",\"id\":" + idText(id) + '}'));
        return;
    }
    c->socket->sendTextMessage(error(2, u"Invalid request: unknown method"_s, id));
}

void SimStreamHub::send(Connection* c, const QByteArray& stream, const QByteArray& payload)
{
    if (isCombined(c->route))
        c->socket->sendTextMessage(
            QString::fromUtf8(SimJsonObject().string("stream", stream).raw("data", payload).finish()));
    else
        c->socket->sendTextMessage(QString::fromUtf8(payload));
}

void SimStreamHub::deliver(int accountId, const QByteArray& type, const QByteArray& json)
{
    const qint64 now = m_clock();
    bool sent = false;
    for (const std::unique_ptr<Connection>& c : m_connections) {
        if (isMarket(c->route) || !isActive(c.get()))
            continue;
        if (c->hasEventFilter && !c->events.contains(type))
            continue;
        for (const QString& key : std::as_const(c->listenKeys)) {
            if (m_keys.accountOf(key, now) == accountId) {
                send(c.get(), key.toLatin1(), json);
                sent = true;
                break;
            }
        }
    }
    if (sent)
        Q_EMIT eventSent(QString::fromLatin1(type));
}

void SimStreamHub::pushMarks()
{
    ++m_markTicks;
    const qint64 now = m_clock();
    for (const std::unique_ptr<Connection>& c : m_connections) {
        if (isPrivate(c->route) || !isActive(c.get()))
            continue;
        for (const QString& name : std::as_const(c->streams)) {
            // Stream names match without regard to case; frames carry the name as subscribed.
            const QString stream = name.toLower();
            // "@1s" every interval; the plain streams every third (the exchange's 3 s default).
            const bool fast = stream.endsWith(u"@1s"_s);
            if (!fast && m_markTicks % 3 != 0)
                continue;
            const QString base = fast ? stream.chopped(3) : stream;
            if (base == u"!markprice@arr"_s) {
                QList<QByteArray> all;
                for (const QByteArray& symbol : m_market.symbols())
                    all.append(m_market.markPriceUpdateJson(symbol, now));
                all.append(SimMarket::coinMarginedMarkJson(now)); // USD-M clients must skip it (st != 1)
                send(c.get(), name.toLatin1(), simJsonArray(all));
            } else if (base.endsWith(u"@markprice"_s)) {
                const QByteArray symbol = base.chopped(10).toUpper().toLatin1();
                if (!m_market.find(symbol) && SimSymbolCatalog::findBase(symbol))
                    m_market.quote(symbol); // a listed symbol nobody holds still has a mark
                const QByteArray payload = m_market.markPriceUpdateJson(symbol, now);
                if (!payload.isEmpty())
                    send(c.get(), name.toLatin1(), payload);
            }
        }
    }
}

void SimStreamHub::pingAll()
{
    const qint64 now = m_clock();
    // Copy: closing may remove connections.
    QList<QWebSocket*> overdue;
    for (const std::unique_ptr<Connection>& c : m_connections) {
        if (c->silent)
            continue;
        if (now - c->lastPong > m_settings.pongTimeoutMs)
            overdue.append(c->socket.get());
        else
            c->socket->ping();
    }
    for (QWebSocket* socket : overdue)
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"Pong timeout"_s);
}

SimListenKeys::Issued SimStreamHub::openListenKey(int accountId)
{
    const qint64 now = m_clock();
    const SimListenKeys::Issued issued = m_keys.open(accountId, now, m_settings.listenKeyLifetimeMs);
    if (issued.created) {
        if (const std::optional<SimFault> fault = m_faults.expiryFor(issued.number))
            m_keys.forceExpiry(issued.key,
                               now + (fault->param >= 0 ? fault->param : m_settings.expireKeyDelayMs));
    }
    scheduleExpiry();
    return issued;
}

bool SimStreamHub::keepAliveListenKey(int accountId)
{
    const bool ok = m_keys.keepAlive(accountId, m_clock(), m_settings.listenKeyLifetimeMs);
    scheduleExpiry();
    return ok;
}

void SimStreamHub::closeListenKey(int accountId)
{
    const QString key = m_keys.close(accountId);
    if (key.isEmpty())
        return;
    QList<QWebSocket*> closing;
    for (const std::unique_ptr<Connection>& c : m_connections) {
        if (!isMarket(c->route) && c->listenKeys.contains(key))
            closing.append(c->socket.get());
    }
    for (QWebSocket* socket : closing)
        socket->close(QWebSocketProtocol::CloseCodeNormal, u"listenKey closed"_s);
    scheduleExpiry();
}

QString SimStreamHub::currentListenKey(int accountId) const
{
    return m_keys.current(accountId, m_clock());
}

void SimStreamHub::scheduleExpiry()
{
    const qint64 next = m_keys.nextExpiry();
    if (next == std::numeric_limits<qint64>::max()) {
        m_expiryTimer.stop();
        return;
    }
    m_expiryTimer.start(std::chrono::milliseconds(std::max<qint64>(0, next - m_clock() + 1)));
}

void SimStreamHub::expireKeys()
{
    const qint64 now = m_clock();
    for (const auto& [key, accountId] : m_keys.takeExpired(now)) {
        Q_UNUSED(accountId);
        // The last frame a stream sends for its key; E has been a string in the exchange's payloads.
        const QByteArray e =
            m_settings.quirks ? SimJsonObject::quoted(QByteArray::number(now)) : QByteArray::number(now);
        const QByteArray json = SimJsonObject()
                                    .string("e", "listenKeyExpired")
                                    .raw("E", e)
                                    .string("listenKey", key.toLatin1())
                                    .finish();
        for (const std::unique_ptr<Connection>& c : m_connections) {
            if (!isMarket(c->route) && isActive(c.get()) && c->listenKeys.contains(key)
                && (!c->hasEventFilter || c->events.contains("listenKeyExpired")))
                send(c.get(), key.toLatin1(), json);
        }
        Q_EMIT eventSent(u"listenKeyExpired"_s);
    }
    scheduleExpiry();
}

} // namespace marginwatch
