#include "sim/SimulatorServer.h"

#include "sim/SimAccount.h"
#include "sim/SimAuthenticator.h"
#include "sim/SimFaultPlan.h"
#include "sim/SimWeightWindow.h"

#include <QDateTime>
#include <QHash>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

#include <memory>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

struct Endpoint
{
    const char* path;
    int weight;
    bool isSigned;
};

constexpr Endpoint kEndpoints[] = {
    {"/fapi/v1/time", 1, false},   {"/fapi/v3/account", 5, true},       {"/fapi/v3/positionRisk", 5, true},
    {"/fapi/v3/balance", 5, true}, {"/fapi/v1/accountConfig", 5, true}, {"/fapi/v1/symbolConfig", 5, true},
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
    return Reply{status, "{\"code\":" + QByteArray::number(code) + ",\"msg\":\"" + message.toUtf8() + "\"}"};
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
    explicit Private(const SimOptions& opts)
        : options(opts)
        , account(opts.scenario, opts.positions, opts.seed)
    {}

    qint64 serverNow() const { return QDateTime::currentMSecsSinceEpoch() + skewMs; }
    Reply handle(const Endpoint& endpoint, const QHttpServerRequest& request, int* delayMs);
    QByteArray bodyFor(const QByteArray& path, qint64 now) const;

    SimOptions options;
    QHttpServer server;
    quint16 port = 0;
    QString errorString;
    SimAccount account;
    SimAuthenticator authenticator;
    SimFaultPlan faults;
    SimWeightWindow weight;
    qint64 skewMs = 0;
    qint64 bannedUntilMs = 0;
    int signedRequests = 0;
    QHash<QString, int> requestsByPath;
    QTimer ticker;
};

QByteArray SimulatorServer::Private::bodyFor(const QByteArray& path, qint64 now) const
{
    if (path == "/fapi/v1/time")
        return "{\"serverTime\":" + QByteArray::number(now) + '}';
    if (path == "/fapi/v3/account")
        return account.accountJson();
    if (path == "/fapi/v3/positionRisk")
        return account.positionRiskJson();
    if (path == "/fapi/v3/balance")
        return account.balanceJson();
    if (path == "/fapi/v1/accountConfig")
        return account.accountConfigJson();
    return account.symbolConfigJson();
}

Reply SimulatorServer::Private::handle(const Endpoint& endpoint, const QHttpServerRequest& request,
                                       int* delayMs)
{
    const qint64 now = serverNow();
    const QByteArray path(endpoint.path);
    requestsByPath[QString::fromLatin1(path)] += 1;

    // An IP ban covers every request until it ends, as on the real exchange.
    if (bannedUntilMs > now) {
        Reply r =
            binanceError(418, -1003,
                         u"Way too many requests; IP(127.0.0.1) banned until %1. Please use the websocket "
                         "for live updates to avoid bans."_s.arg(bannedUntilMs));
        r.retryAfterSeconds = static_cast<int>((bannedUntilMs - now + 999) / 1000);
        return r;
    }

    std::optional<SimFault> fault;
    if (endpoint.isSigned)
        fault = faults.faultFor(++signedRequests);

    if (fault) {
        switch (fault->kind) {
        case SimFault::Kind::RateLimit: {
            Reply r =
                binanceError(429, -1003,
                             u"Too many requests; current limit of IP(127.0.0.1) is 2400 requests per "
                             "minute. Please use the websocket for live updates to avoid polling the API."_s);
            r.retryAfterSeconds = fault->param >= 0 ? fault->param : 2;
            return r;
        }
        case SimFault::Kind::Ban: {
            const int seconds = fault->param >= 0 ? fault->param : 5;
            bannedUntilMs = now + seconds * 1000LL;
            Reply r = binanceError(418, -1003,
                                   u"Way too many requests; IP(127.0.0.1) banned until %1. Please use the "
                                   "websocket for live updates to avoid bans."_s.arg(bannedUntilMs));
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

    if (endpoint.isSigned) {
        const SimAuthenticator::Verdict verdict =
            authenticator.verify(request.value("X-MBX-APIKEY"),
                                 request.url().query(QUrl::FullyEncoded).toLatin1(), request.body(), now);
        if (!verdict.accepted())
            return binanceError(verdict.httpStatus, verdict.code, verdict.message);
    }

    Reply reply{200, bodyFor(path, now)};
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

    for (const Endpoint& endpoint : kEndpoints) {
        d->server.route(
            QString::fromLatin1(endpoint.path),
            [this, &endpoint](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
                int delayMs = 0;
                Reply reply = d->handle(endpoint, request, &delayMs);
                const int weight = d->weight.add(endpoint.weight, d->serverNow());
                auto send = [this, weight, path = QString::fromLatin1(endpoint.path)](QHttpServerResponder& r,
                                                                                      const Reply& rep) {
                    r.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(rep.status));
                    r.writeHeader("Content-Type", rep.contentType);
                    r.writeHeader("Content-Length", QByteArray::number(rep.body.size()));
                    r.writeHeader("X-MBX-USED-WEIGHT-1M", QByteArray::number(weight));
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

QString SimulatorServer::errorString() const
{
    return d->errorString;
}

void SimulatorServer::addHmacKey(const QString& apiKey, const QByteArray& secret)
{
    d->authenticator.addHmacKey(apiKey, secret);
}

void SimulatorServer::addPublicKey(const QString& apiKey, const QByteArray& publicKeyPem)
{
    if (!d->authenticator.addPublicKey(apiKey, publicKeyPem))
        d->errorString = tr("the public key for %1 is not an RSA or Ed25519 PEM key").arg(apiKey);
}

DemoCredentials SimulatorServer::generateDemoCredentials()
{
    DemoCredentials credentials{QString::fromLatin1(randomAlphanumeric(64)), randomAlphanumeric(64)};
    addHmacKey(credentials.apiKey, credentials.secret);
    return credentials;
}

bool SimulatorServer::setFaults(const QString& faultPlanText, QString* error)
{
    const std::optional<SimFaultPlan> plan = SimFaultPlan::parse(faultPlanText, error);
    if (!plan)
        return false;
    d->faults = *plan;
    d->signedRequests = 0;
    d->bannedUntilMs = 0;
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
    d->account.tick(d->serverNow());
}

int SimulatorServer::signedRequestCount() const
{
    return d->signedRequests;
}

int SimulatorServer::requestCount(const QString& path) const
{
    return d->requestsByPath.value(path);
}

} // namespace marginwatch
