#include "sim/SimulatorServer.h"

#include "sim/SimAccount.h"
#include "sim/SimAuthenticator.h"
#include "sim/SimFaultPlan.h"
#include "sim/SimFixed.h"
#include "sim/SimJson.h"
#include "sim/SimMarket.h"
#include "sim/SimRateLimiter.h"
#include "sim/SimStreamHub.h"
#include "sim/SimSymbolCatalog.h"

#include <QDateTime>
#include <QHash>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

#include <memory>
#include <vector>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

enum class Auth
{
    None,   // public
    Signed, // USER_DATA: key header, timestamp, signature
    ApiKey, // USER_STREAM: the key header only
};

enum class Budget
{
    Fapi,
    Sapi,
    Papi
};

enum class Body
{
    Time,
    ExchangeInfo,
    Account,
    PositionRisk,
    Balance,
    AccountConfig,
    SymbolConfig,
    LeverageBracket,
    ApiRestrictions,
    SubAccountSummary,
    PapiAccount,
    PapiPositionRisk,
    ListenKey
};

struct Endpoint
{
    const char* path;
    int weight;
    Auth auth;
    Budget budget;
    Body body;
};

constexpr Endpoint kEndpoints[] = {
    {"/fapi/v1/time", 1, Auth::None, Budget::Fapi, Body::Time},
    {"/fapi/v1/exchangeInfo", 1, Auth::None, Budget::Fapi, Body::ExchangeInfo},
    {"/fapi/v3/account", 5, Auth::Signed, Budget::Fapi, Body::Account},
    {"/fapi/v3/positionRisk", 5, Auth::Signed, Budget::Fapi, Body::PositionRisk},
    {"/fapi/v3/balance", 5, Auth::Signed, Budget::Fapi, Body::Balance},
    {"/fapi/v1/accountConfig", 5, Auth::Signed, Budget::Fapi, Body::AccountConfig},
    {"/fapi/v1/symbolConfig", 5, Auth::Signed, Budget::Fapi, Body::SymbolConfig},
    {"/fapi/v1/leverageBracket", 1, Auth::Signed, Budget::Fapi, Body::LeverageBracket},
    {"/fapi/v1/listenKey", 1, Auth::ApiKey, Budget::Fapi, Body::ListenKey},
    {"/sapi/v1/account/apiRestrictions", 1, Auth::Signed, Budget::Sapi, Body::ApiRestrictions},
    {"/sapi/v2/sub-account/futures/accountSummary", 10, Auth::Signed, Budget::Sapi, Body::SubAccountSummary},
    {"/papi/v1/account", 20, Auth::Signed, Budget::Papi, Body::PapiAccount},
    {"/papi/v1/um/positionRisk", 5, Auth::Signed, Budget::Papi, Body::PapiPositionRisk},
};

struct Reply
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    int retryAfterSeconds = -1;
};

Reply binanceError(int status, int code, const QString& message)
{
    return Reply{status, "{\"code\":" + QByteArray::number(code)
                             + ",\"msg\":" + SimJsonObject::quoted(message.toUtf8()) + '}'};
}

Reply invalidKey()
{
    return binanceError(401, -2015, u"Invalid API-key, IP, or permissions for action."_s);
}

QByteArray randomAlphanumeric(int length)
{
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QByteArray out(length, Qt::Uninitialized);
    for (char& c : out)
        c = kAlphabet[QRandomGenerator::system()->bounded(static_cast<int>(sizeof(kAlphabet) - 1))];
    return out;
}

} // namespace

class SimulatorServer::Private
{
public:
    struct KeyInfo
    {
        int accountId = 0;
        SimKeyPermissions permissions;
        qint64 createTime = 0;
    };
    struct AccountSlot
    {
        std::unique_ptr<SimAccount> account;
        QString email;
    };

    explicit Private(const SimOptions& opts)
        : options(opts)
        , market(opts.seed)
        , fapiLimit({opts.weightLimit, opts.banAfterRejections, opts.banSeconds, opts.weightWindowMs})
        , sapiLimit({opts.sapiWeightLimit, opts.banAfterRejections, opts.banSeconds, opts.weightWindowMs})
        , papiLimit({opts.papiWeightLimit, opts.banAfterRejections, opts.banSeconds, opts.weightWindowMs})
    {}

    qint64 serverNow() const { return QDateTime::currentMSecsSinceEpoch() + skewMs; }
    SimRateLimiter& limiter(Budget budget)
    {
        return budget == Budget::Sapi ? sapiLimit : budget == Budget::Papi ? papiLimit : fapiLimit;
    }
    SimStreamHub::Settings streamSettings() const
    {
        SimStreamHub::Settings s;
        s.listenKeyLifetimeMs = options.listenKeyLifetimeMs;
        s.streamMaxLifetimeMs = options.streamMaxLifetimeMs;
        s.pingIntervalMs = options.pingIntervalMs;
        s.pongTimeoutMs = options.pongTimeoutMs;
        s.markIntervalMs = options.markIntervalMs;
        s.expireKeyDelayMs = options.expireKeyDelayMs;
        s.dropStreamDelayMs = options.dropStreamDelayMs;
        s.quirks = options.streamQuirks;
        return s;
    }
    SimAccount::Behaviour behaviour() const
    {
        return {options.streamQuirks, options.fundingEveryTicks, options.marginCallPercent};
    }
    int addAccount(const SimAccountOptions& accountOptions)
    {
        const int id = static_cast<int>(accounts.size());
        AccountSlot slot;
        slot.account = std::make_unique<SimAccount>(market, accountOptions, behaviour(), serverNow());
        slot.email =
            accountOptions.email.isEmpty() ? u"account%1@sim.invalid"_s.arg(id) : accountOptions.email;
        accounts.push_back(std::move(slot));
        return id;
    }
    SimAccount* account(int id) const
    {
        return id >= 0 && id < static_cast<int>(accounts.size())
                   ? accounts.at(static_cast<size_t>(id)).account.get()
                   : nullptr;
    }
    QByteArray accountEmailOf(int id) const
    {
        return id >= 0 && id < static_cast<int>(accounts.size())
                   ? accounts.at(static_cast<size_t>(id)).email.toUtf8()
                   : QByteArray();
    }
    void registerKey(const QString& apiKey, int accountId)
    {
        keys.insert(apiKey, KeyInfo{accountId, options.defaultPermissions, serverNow()});
    }
    // Everything an account did since the last call goes out on its user-data streams.
    void drainEvents()
    {
        for (size_t i = 0; i < accounts.size(); ++i) {
            for (const SimAccount::Event& event : accounts.at(i).account->takeEvents())
                hub->deliver(static_cast<int>(i), event.type, event.json);
        }
    }

    Reply handle(const Endpoint& endpoint, const QHttpServerRequest& request, int* delayMs, int* weightUsed);
    QByteArray bodyFor(const Endpoint& endpoint, const QHttpServerRequest& request, const KeyInfo* key,
                       qint64 now, Reply* error);
    QByteArray subAccountSummary(int masterId, const QUrlQuery& query, Reply* error);

    SimOptions options;
    QHttpServer server;
    quint16 port = 0;
    QString errorString;
    SimMarket market;
    std::vector<AccountSlot> accounts;
    QHash<int, QList<int>> subAccounts;
    SimAuthenticator authenticator;
    QHash<QString, KeyInfo> keys;
    SimFaultPlan faults;
    SimRateLimiter fapiLimit;
    SimRateLimiter sapiLimit;
    SimRateLimiter papiLimit;
    qint64 skewMs = 0;
    int signedRequests = 0;
    QHash<QString, int> requestsByPath;
    QTimer ticker;
    std::unique_ptr<SimStreamHub> hub;
};

QByteArray SimulatorServer::Private::subAccountSummary(int masterId, const QUrlQuery& query, Reply* error)
{
    bool ok = false;
    const int futuresType = query.queryItemValue(u"futuresType"_s).toInt(&ok);
    if (!ok || (futuresType != 1 && futuresType != 2)) {
        *error = binanceError(
            400, -1102, u"Mandatory parameter 'futuresType' was not sent, was empty/null, or malformed."_s);
        return {};
    }
    int page = 1;
    int limit = 10;
    if (query.hasQueryItem(u"page"_s)) {
        page = query.queryItemValue(u"page"_s).toInt(&ok);
        if (!ok || page < 1) {
            *error = binanceError(400, -1130, u"Data sent for parameter 'page' is not valid."_s);
            return {};
        }
    }
    if (query.hasQueryItem(u"limit"_s)) {
        limit = query.queryItemValue(u"limit"_s).toInt(&ok);
        if (!ok || limit < 1 || limit > 20) {
            *error = binanceError(400, -1130, u"Data sent for parameter 'limit' is not valid."_s);
            return {};
        }
    }
    if (!subAccounts.contains(masterId)) {
        *error = binanceError(401, -1002, u"You are not authorized to execute this request."_s);
        return {};
    }
    const QList<int> subs = subAccounts.value(masterId);
    if (futuresType == 2) {
        // COIN-M: the simulator has no coin-margined books; every sub-account is empty.
        QList<QByteArray> rows;
        for (int id : subs) {
            rows.append(SimJsonObject()
                            .string("email", accountEmailOf(id))
                            .money("totalMarginBalance", 0)
                            .money("totalUnrealizedProfit", 0)
                            .money("totalWalletBalance", 0)
                            .string("asset", "BTC")
                            .finish());
        }
        return SimJsonObject()
            .raw("deliveryAccountSummaryResp", SimJsonObject()
                                                   .money("totalMarginBalanceOfBTC", 0)
                                                   .money("totalUnrealizedProfitOfBTC", 0)
                                                   .money("totalWalletBalanceOfBTC", 0)
                                                   .string("asset", "BTC")
                                                   .raw("subAccountList", simJsonArray(rows))
                                                   .finish())
            .finish();
    }
    SimAccount::Summary total;
    QList<QByteArray> rows;
    for (qsizetype i = 0; i < subs.size(); ++i) {
        SimAccount* sub = account(subs.at(i));
        if (!sub)
            continue;
        const SimAccount::Summary s = sub->summary();
        total.initialMargin += s.initialMargin;
        total.maintMargin += s.maintMargin;
        total.marginBalance += s.marginBalance;
        total.openOrderInitialMargin += s.openOrderInitialMargin;
        total.positionInitialMargin += s.positionInitialMargin;
        total.unrealized += s.unrealized;
        total.wallet += s.wallet;
        if (i < static_cast<qsizetype>(page - 1) * limit || i >= static_cast<qsizetype>(page) * limit)
            continue;
        rows.append(SimJsonObject()
                        .string("email", accountEmailOf(subs.at(i)))
                        .money("totalInitialMargin", s.initialMargin)
                        .money("totalMaintenanceMargin", s.maintMargin)
                        .money("totalMarginBalance", s.marginBalance)
                        .money("totalOpenOrderInitialMargin", s.openOrderInitialMargin)
                        .money("totalPositionInitialMargin", s.positionInitialMargin)
                        .money("totalUnrealizedProfit", s.unrealized)
                        .money("totalWalletBalance", s.wallet)
                        .string("asset", "USD")
                        .finish());
    }
    return SimJsonObject()
        .raw("futureAccountSummaryResp",
             SimJsonObject()
                 .money("totalInitialMargin", total.initialMargin)
                 .money("totalMaintenanceMargin", total.maintMargin)
                 .money("totalMarginBalance", total.marginBalance)
                 .money("totalOpenOrderInitialMargin", total.openOrderInitialMargin)
                 .money("totalPositionInitialMargin", total.positionInitialMargin)
                 .money("totalUnrealizedProfit", total.unrealized)
                 .money("totalWalletBalance", total.wallet)
                 .string("asset", "USD")
                 .raw("subAccountList", simJsonArray(rows))
                 .finish())
        .finish();
}

QByteArray SimulatorServer::Private::bodyFor(const Endpoint& endpoint, const QHttpServerRequest& request,
                                             const KeyInfo* key, qint64 now, Reply* error)
{
    SimAccount* acct = key ? account(key->accountId) : nullptr;
    const QUrlQuery query(request.url().query(QUrl::FullyEncoded));
    switch (endpoint.body) {
    case Body::Time:
        return "{\"serverTime\":" + QByteArray::number(now) + '}';
    case Body::ExchangeInfo: {
        // Every instrument the scenarios may trade (the base table and every copy in use), not only
        // the ones with positions, as the real list holds the whole market.
        QList<SimSymbolCatalog::Spec> specs;
        QSet<QByteArray> listed;
        for (int i = 0; i < SimSymbolCatalog::baseCount(); ++i) {
            specs.append(SimSymbolCatalog::specAt(i));
            listed.insert(specs.last().symbol);
        }
        for (const QByteArray& symbol : market.symbols()) {
            if (!listed.contains(symbol)) {
                specs.append(market.quote(symbol).spec);
                listed.insert(symbol);
            }
        }
        return SimSymbolCatalog::exchangeInfoJson(specs, now,
                                                  options.weightLimit > 0 ? options.weightLimit : 2400);
    }
    case Body::Account:
        return acct->accountJson();
    case Body::PositionRisk:
        return acct->positionRiskJson();
    case Body::Balance:
        return acct->balanceJson();
    case Body::AccountConfig:
        return acct->accountConfigJson();
    case Body::SymbolConfig:
        return acct->symbolConfigJson();
    case Body::LeverageBracket: {
        const QByteArray symbol = query.queryItemValue(u"symbol"_s).toLatin1();
        const QByteArray body = acct->leverageBracketJson(symbol);
        if (body.isEmpty())
            *error = binanceError(400, -1121, u"Invalid symbol."_s);
        return body;
    }
    case Body::ApiRestrictions:
        return key->permissions.json(key->createTime, acct->isPortfolioMargin());
    case Body::SubAccountSummary:
        return subAccountSummary(key->accountId, query, error);
    case Body::PapiAccount:
        return acct->papiAccountJson();
    case Body::PapiPositionRisk:
        return acct->papiPositionRiskJson();
    case Body::ListenKey:
        switch (request.method()) {
        case QHttpServerRequest::Method::Post:
            return "{\"listenKey\":"
                   + SimJsonObject::quoted(hub->openListenKey(key->accountId).key.toLatin1()) + '}';
        case QHttpServerRequest::Method::Put:
            if (!hub->keepAliveListenKey(key->accountId)) {
                *error = binanceError(400, -1125, u"This listenKey does not exist."_s);
                return {};
            }
            return "{\"listenKey\":" + SimJsonObject::quoted(hub->currentListenKey(key->accountId).toLatin1())
                   + '}';
        case QHttpServerRequest::Method::Delete:
            hub->closeListenKey(key->accountId);
            return "{}";
        default:
            *error = binanceError(405, -1000, u"Method not allowed; use POST, PUT or DELETE."_s);
            return {};
        }
    }
    return {};
}

Reply SimulatorServer::Private::handle(const Endpoint& endpoint, const QHttpServerRequest& request,
                                       int* delayMs, int* weightUsed)
{
    const qint64 now = serverNow();
    const QByteArray path(endpoint.path);
    requestsByPath[QString::fromLatin1(path)] += 1;
    const QString address = request.remoteAddress().toString();

    // Weight is counted per client address, whatever the key; a ban covers every request until it ends.
    const SimRateLimiter::Verdict admitted = limiter(endpoint.budget).admit(address, endpoint.weight, now);
    *weightUsed = admitted.used;
    if (admitted.status == 418) {
        Reply r =
            binanceError(418, -1003,
                         u"Way too many requests; IP(%1) banned until %2. Please use the websocket for live "
                         "updates to avoid bans."_s.arg(address)
                             .arg(admitted.bannedUntilMs));
        r.retryAfterSeconds = admitted.retryAfterSeconds;
        return r;
    }
    if (admitted.status == 429) {
        Reply r = binanceError(
            429, -1003,
            u"Too many requests; current limit of IP(%1) is %2 requests per minute. Please use the websocket "
            "for live updates to avoid polling the API."_s.arg(address)
                .arg(limiter(endpoint.budget).limits().weightLimit));
        r.retryAfterSeconds = admitted.retryAfterSeconds;
        return r;
    }

    std::optional<SimFault> fault;
    if (endpoint.auth == Auth::Signed)
        fault = faults.faultFor(++signedRequests);

    if (fault) {
        switch (fault->kind) {
        case SimFault::Kind::RateLimit: {
            Reply r = binanceError(
                429, -1003,
                u"Too many requests; current limit of IP(%1) is 2400 requests per minute. Please use "
                "the websocket for live updates to avoid polling the API."_s.arg(address));
            r.retryAfterSeconds = fault->param >= 0 ? fault->param : 2;
            return r;
        }
        case SimFault::Kind::Ban: {
            const int seconds = fault->param >= 0 ? fault->param : 5;
            limiter(endpoint.budget).ban(address, seconds, now);
            Reply r =
                binanceError(418, -1003,
                             u"Way too many requests; IP(%1) banned until %2. Please use the websocket for "
                             "live updates to avoid bans."_s.arg(address)
                                 .arg(now + seconds * 1000LL));
            r.retryAfterSeconds = seconds;
            return r;
        }
        case SimFault::Kind::ServerError:
            return binanceError(500, -1000, u"An unknown error occured while processing the request."_s);
        case SimFault::Kind::BadGateway:
            return Reply{
                502,
                "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad "
                "Gateway</h1></center>\r\n<hr><center>CloudFront</center>\r\n</body>\r\n</html>\r\n",
                "text/html"};
        case SimFault::Kind::Unavailable:
            return binanceError(503, -1001,
                                u"Internal error; unable to process your request. Please try again."_s);
        case SimFault::Kind::Slow:
            *delayMs = fault->param >= 0 ? fault->param : options.slowDelayMs;
            break;
        default:
            break; // body faults apply after a successful check below
        }
    }

    const KeyInfo* key = nullptr;
    if (endpoint.auth != Auth::None) {
        const QByteArray apiKey = request.value("X-MBX-APIKEY");
        const SimAuthenticator::Verdict verdict =
            endpoint.auth == Auth::ApiKey
                ? authenticator.checkKey(apiKey)
                : authenticator.verify(apiKey, request.url().query(QUrl::FullyEncoded).toLatin1(),
                                       request.body(), now);
        if (!verdict.accepted())
            return binanceError(verdict.httpStatus, verdict.code, verdict.message);
        const auto found = keys.constFind(QString::fromLatin1(apiKey));
        if (found == keys.cend() || !account(found->accountId))
            return invalidKey();
        key = &*found;
        const SimAccount* acct = account(key->accountId);
        // What the key and the account allow: a Portfolio Margin account is refused on /fapi and a
        // classic one on /papi, with the exchange's "permissions" error for both.
        if (!key->permissions.enableReading)
            return invalidKey();
        if (endpoint.budget == Budget::Fapi
            && (acct->isPortfolioMargin()
                || (options.futuresNeedEnableFutures && !key->permissions.enableFutures)))
            return invalidKey();
        if (endpoint.budget == Budget::Papi && !acct->isPortfolioMargin())
            return invalidKey();
    }

    Reply error;
    Reply reply{200, bodyFor(endpoint, request, key, now, &error)};
    if (error.status != 200)
        return error;
    if (fault) {
        switch (fault->kind) {
        case SimFault::Kind::Truncated:
            reply.body.truncate(reply.body.size() / 2);
            break;
        case SimFault::Kind::BadJson:
            reply.body = "{\"totalInitialMargin\":\"0.00000000\",\"totalMaintMargin\" \"oops";
            break;
        case SimFault::Kind::MissingField:
            // Rename rather than remove, so the body stays valid JSON and only the field is missing.
            reply.body.replace("\"totalMarginBalance\"", "\"totalMarginBalanceX\"");
            reply.body.replace("\"walletBalance\"", "\"walletBalanceX\"");
            reply.body.replace("\"markPrice\"", "\"markPriceX\"");
            reply.body.replace("\"multiAssetsMargin\"", "\"multiAssetsMarginX\"");
            break;
        case SimFault::Kind::Empty:
            reply.body.clear();
            break;
        default:
            break;
        }
    }
    return reply;
}

SimulatorServer::SimulatorServer(SimOptions options, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>(options))
{
    QString error;
    if (!setFaults(options.faults, &error))
        d->errorString = error;
    SimAccountOptions first;
    first.scenario = options.scenario;
    first.positions = options.positions;
    first.seed = options.seed;
    first.email = options.email;
    first.notionalCoefPercent = options.notionalCoefPercent;
    d->addAccount(first);

    for (const Endpoint& endpoint : kEndpoints) {
        d->server.route(
            QString::fromLatin1(endpoint.path),
            [this, &endpoint](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
                int delayMs = 0;
                int weight = 0;
                Reply reply = d->handle(endpoint, request, &delayMs, &weight);
                const QByteArray weightHeader =
                    endpoint.budget == Budget::Sapi ? "X-SAPI-USED-IP-WEIGHT-1M" : "X-MBX-USED-WEIGHT-1M";
                auto send = [this, weight, weightHeader, path = QString::fromLatin1(endpoint.path)](
                                QHttpServerResponder& r, const Reply& rep) {
                    r.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(rep.status));
                    r.writeHeader("Content-Type", rep.contentType);
                    r.writeHeader("Content-Length", QByteArray::number(rep.body.size()));
                    r.writeHeader(weightHeader, QByteArray::number(weight));
                    if (rep.retryAfterSeconds >= 0)
                        r.writeHeader("Retry-After", QByteArray::number(rep.retryAfterSeconds));
                    r.writeBody(rep.body);
                    Q_EMIT requestServed(path, rep.status);
                };
                if (delayMs <= 0) {
                    send(responder, reply);
                    return;
                }
                // "slow": answer later without blocking the event loop.
                auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
                QTimer::singleShot(delayMs, this, [held, reply, send]() mutable { send(*held, reply); });
            });
    }

    d->hub =
        std::make_unique<SimStreamHub>(d->streamSettings(), d->market, [this] { return d->serverNow(); });
    d->hub->setFaults(d->faults);
    connect(d->hub.get(), &SimStreamHub::eventSent, this, &SimulatorServer::streamEventSent);
    // Streams share the HTTP port, so a custom base http://host:port maps to ws://host:port as on the
    // exchange. QtHttpServer 6.4 hands a WebSocket upgrade to its QWebSocketServer when a route
    // accepts the request (and newWebSocketConnection is connected); the routes below accept the
    // stream paths without answering, other paths get the server's 404 before any upgrade.
    connect(&d->server, &QAbstractHttpServer::newWebSocketConnection, this, [this] {
        while (d->server.hasPendingWebSocketConnections())
            d->hub->adopt(d->server.nextPendingWebSocketConnection());
    });
    const auto acceptUpgrade = [](const QHttpServerRequest& request, QHttpServerResponder& responder) {
        if (request.value("Upgrade").compare("websocket", Qt::CaseInsensitive) != 0)
            responder.write("{\"code\":-1,\"msg\":\"A WebSocket route: upgrade the connection.\"}",
                            "application/json", QHttpServerResponder::StatusCode::BadRequest);
    };
    for (const char* path :
         {"/private/ws", "/private/stream", "/market/stream", "/market/ws", "/ws", "/stream"}) {
        d->server.route(QString::fromLatin1(path),
                        [acceptUpgrade](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
                            acceptUpgrade(request, responder);
                        });
    }
    for (const char* path : {"/private/ws/<arg>", "/market/ws/<arg>", "/ws/<arg>"}) {
        d->server.route(
            QString::fromLatin1(path),
            [acceptUpgrade](const QString&, const QHttpServerRequest& request,
                            QHttpServerResponder&& responder) { acceptUpgrade(request, responder); });
    }

    d->ticker.setInterval(options.tickIntervalMs);
    connect(&d->ticker, &QTimer::timeout, this, &SimulatorServer::tick);
    if (options.tickIntervalMs > 0)
        d->ticker.start();
}

SimulatorServer::~SimulatorServer() = default;

bool SimulatorServer::listen(quint16 port)
{
    d->port = d->server.listen(QHostAddress::LocalHost, port);
    if (d->port == 0) {
        d->errorString = tr("cannot listen on 127.0.0.1:%1").arg(port);
        return false;
    }
    return true;
}

quint16 SimulatorServer::port() const
{
    return d->port;
}

QUrl SimulatorServer::baseUrl() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(d->port));
}

QUrl SimulatorServer::streamBaseUrl() const
{
    return QUrl(u"ws://127.0.0.1:%1"_s.arg(d->port));
}

QString SimulatorServer::errorString() const
{
    return d->errorString;
}

int SimulatorServer::addAccount(const SimAccountOptions& options)
{
    return d->addAccount(options);
}

int SimulatorServer::accountCount() const
{
    return static_cast<int>(d->accounts.size());
}

QString SimulatorServer::accountEmail(int accountId) const
{
    return QString::fromUtf8(d->accountEmailOf(accountId));
}

void SimulatorServer::setSubAccounts(int masterAccountId, const QList<int>& subAccountIds)
{
    d->subAccounts.insert(masterAccountId, subAccountIds);
}

void SimulatorServer::addHmacKey(const QString& apiKey, const QByteArray& secret, int accountId)
{
    d->authenticator.addHmacKey(apiKey, secret);
    d->registerKey(apiKey, accountId);
}

void SimulatorServer::addPublicKey(const QString& apiKey, const QByteArray& publicKeyPem, int accountId)
{
    if (!d->authenticator.addPublicKey(apiKey, publicKeyPem)) {
        d->errorString = tr("the public key for %1 is not an RSA or Ed25519 PEM key").arg(apiKey);
        return;
    }
    d->registerKey(apiKey, accountId);
}

DemoCredentials SimulatorServer::generateDemoCredentials(int accountId)
{
    DemoCredentials credentials{QString::fromLatin1(randomAlphanumeric(64)), randomAlphanumeric(64)};
    addHmacKey(credentials.apiKey, credentials.secret, accountId);
    return credentials;
}

void SimulatorServer::setKeyPermissions(const QString& apiKey, const SimKeyPermissions& permissions)
{
    const auto it = d->keys.find(apiKey);
    if (it != d->keys.end())
        it->permissions = permissions;
}

bool SimulatorServer::setFaults(const QString& faultPlanText, QString* error)
{
    const std::optional<SimFaultPlan> plan = SimFaultPlan::parse(faultPlanText, error);
    if (!plan)
        return false;
    d->faults = *plan;
    if (d->hub)
        d->hub->setFaults(*plan);
    d->signedRequests = 0;
    d->fapiLimit.clearBans();
    d->sapiLimit.clearBans();
    d->papiLimit.clearBans();
    if (plan->clockSkewMs() != 0)
        d->skewMs = plan->clockSkewMs();
    return true;
}

void SimulatorServer::setClockSkewMs(qint64 skewMs)
{
    d->skewMs = skewMs;
}

void SimulatorServer::tick()
{
    const qint64 now = d->serverNow();
    d->market.tick(now);
    for (Private::AccountSlot& slot : d->accounts)
        slot.account->tick(now);
    d->drainEvents();
}

int SimulatorServer::signedRequestCount() const
{
    return d->signedRequests;
}

int SimulatorServer::requestCount(const QString& path) const
{
    return d->requestsByPath.value(path);
}

int SimulatorServer::usedWeight() const
{
    return d->fapiLimit.used(QHostAddress(QHostAddress::LocalHost).toString(), d->serverNow());
}

bool SimulatorServer::trade(int accountId, const QString& symbol, const QString& positionSide,
                            const QString& quantity)
{
    SimAccount* account = d->account(accountId);
    const std::optional<qint64> amount = SimFixed::parse(quantity.toLatin1());
    if (!account || !amount)
        return false;
    const bool ok = account->trade(symbol.toLatin1(), positionSide.toLatin1(), *amount, d->serverNow());
    account->checkMarginCall(d->serverNow());
    d->drainEvents();
    return ok;
}

void SimulatorServer::applyFunding(int accountId)
{
    if (SimAccount* account = d->account(accountId)) {
        account->applyFunding(d->serverNow());
        d->drainEvents();
    }
}

bool SimulatorServer::setLeverage(int accountId, const QString& symbol, int leverage)
{
    SimAccount* account = d->account(accountId);
    const bool ok = account && account->setLeverage(symbol.toLatin1(), leverage, d->serverNow());
    d->drainEvents();
    return ok;
}

bool SimulatorServer::setMultiAssetsMode(int accountId, bool enabled)
{
    SimAccount* account = d->account(accountId);
    const bool ok = account && account->setMultiAssets(enabled, d->serverNow());
    d->drainEvents();
    return ok;
}

bool SimulatorServer::setMarkPrice(const QString& symbol, const QString& price)
{
    const std::optional<qint64> value = SimFixed::parse(price.toLatin1());
    if (!value || *value <= 0)
        return false;
    const qint64 now = d->serverNow();
    d->market.setMark(symbol.toLatin1(), *value, now);
    for (Private::AccountSlot& slot : d->accounts)
        slot.account->checkMarginCall(now);
    d->drainEvents();
    return true;
}

void SimulatorServer::shiftMarks(int basisPoints)
{
    const qint64 now = d->serverNow();
    for (const QByteArray& symbol : d->market.symbols())
        d->market.shift(symbol, basisPoints, now);
    for (Private::AccountSlot& slot : d->accounts)
        slot.account->checkMarginCall(now);
    d->drainEvents();
}

} // namespace marginwatch

namespace marginwatch {

int SimulatorServer::openStreamCount() const
{
    return d->hub->openCount();
}

int SimulatorServer::streamConnectionsAccepted() const
{
    return d->hub->connectionsAccepted();
}

QString SimulatorServer::currentListenKey(int accountId) const
{
    return d->hub->currentListenKey(accountId);
}

int SimulatorServer::pongsReceived() const
{
    return d->hub->pongsReceived();
}

} // namespace marginwatch
