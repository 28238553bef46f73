#pragma once
// A small Binance client for the simulator's tests, written from the exchange's documentation (not
// from marginwatch's client), plus exact decimal helpers of its own: the tests check the simulator
// with arithmetic that shares no code with it.

#include "sim/SimulatorServer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <optional>

namespace simtest {

using namespace Qt::StringLiterals;

__extension__ typedef __int128 Big;
constexpr Big kScale = 100000000; // eight decimals

// "-12.5" -> -1250000000 (units of 1e-8); the simulator never sends more than eight decimals.
inline Big exact(const QString& text)
{
    QString t = text;
    const bool negative = t.startsWith(u'-');
    if (negative)
        t.remove(0, 1);
    const qsizetype dot = t.indexOf(u'.');
    const QString whole = dot < 0 ? t : t.left(dot);
    QString fraction = dot < 0 ? QString() : t.mid(dot + 1);
    if (fraction.size() > 8 || whole.isEmpty())
        qFatal("not an eight-decimal number: %s", qPrintable(text));
    fraction = fraction.leftJustified(8, u'0');
    Big value = 0;
    const QString digits = whole + fraction;
    for (QChar c : digits) {
        if (!c.isDigit())
            qFatal("not a number: %s", qPrintable(text));
        value = value * 10 + c.digitValue();
    }
    return negative ? -value : value;
}

inline Big exact(const QJsonValue& value)
{
    if (value.isString())
        return exact(value.toString());
    // JSON numbers the simulator writes have at most 15 significant digits, so 'g' with 15 digits gives
    // back their text exactly.
    return exact(QString::number(value.toDouble(), 'g', 15));
}

inline QString text(Big value, int decimals = 8)
{
    const bool negative = value < 0;
    const Big magnitude = negative ? -value : value;
    Big whole = magnitude / kScale;
    Big fraction = magnitude % kScale;
    for (int i = decimals; i < 8; ++i)
        fraction /= 10;
    const bool zero = whole == 0 && fraction == 0;
    QString out;
    do {
        out.prepend(QChar(u'0' + static_cast<int>(whole % 10)));
        whole /= 10;
    } while (whole != 0);
    if (negative && !zero)
        out.prepend(u'-');
    if (decimals > 0) {
        QString digits;
        for (int i = 0; i < decimals; ++i, fraction /= 10)
            digits.prepend(QChar(u'0' + static_cast<int>(fraction % 10)));
        out += u'.' + digits;
    }
    return out;
}

// a * b / 1e8 truncated toward zero, as the exchange's eight-decimal figures are.
inline Big mul(Big a, Big b)
{
    return a * b / kScale;
}

struct Response
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QByteArray retryAfter;
    int weight = -1;
    int sapiWeight = -1;
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    QJsonObject object() const { return json().object(); }
    QJsonArray array() const { return json().array(); }
    int code() const { return object().value(u"code"_s).toInt(); }
};

inline QByteArray hmacHex(const QByteArray& secret, const QByteArray& data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret.constData(), int(secret.size()),
         reinterpret_cast<const unsigned char*>(data.constData()), size_t(data.size()), digest, &length);
    return QByteArray(reinterpret_cast<const char*>(digest), int(length)).toHex();
}

class Client
{
public:
    explicit Client(QUrl base)
        : m_base(std::move(base))
    {}

    // A signed GET (HMAC) with `params` before the timestamp.
    Response signedGet(const QString& path, const QString& apiKey, const QByteArray& secret,
                       const QByteArray& params = {})
    {
        QByteArray query = params;
        if (!query.isEmpty())
            query += '&';
        query += "timestamp=" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
        query += "&signature=" + hmacHex(secret, query);
        return send("GET", path, query, apiKey.toLatin1());
    }

    Response publicGet(const QString& path, const QByteArray& query = {})
    {
        return send("GET", path, query, {});
    }

    // GET/POST/PUT/DELETE with the key header only (listenKey).
    Response send(const QByteArray& verb, const QString& path, const QByteArray& query,
                  const QByteArray& apiKey)
    {
        QUrl url = m_base;
        url.setPath(path);
        if (!query.isEmpty())
            url.setQuery(QString::fromLatin1(query), QUrl::TolerantMode);
        QNetworkRequest request(url);
        if (!apiKey.isEmpty())
            request.setRawHeader("X-MBX-APIKEY", apiKey);
        QNetworkReply* reply = m_network.sendCustomRequest(request, verb);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(20000))
            qFatal("no reply from the simulator");
        Response out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        out.contentType = reply->rawHeader("Content-Type");
        out.retryAfter = reply->rawHeader("Retry-After");
        bool ok = false;
        out.weight = reply->rawHeader("x-mbx-used-weight-1m").toInt(&ok);
        if (!ok)
            out.weight = -1;
        out.sapiWeight = reply->rawHeader("x-sapi-used-ip-weight-1m").toInt(&ok);
        if (!ok)
            out.sapiWeight = -1;
        reply->deleteLater();
        return out;
    }

private:
    QUrl m_base;
    QNetworkAccessManager m_network;
};

// A simulator with no background ticking (deterministic), listening, with one HMAC key per account.
inline std::unique_ptr<marginwatch::SimulatorServer> startSim(marginwatch::SimOptions options = {})
{
    options.tickIntervalMs = 0;
    auto sim = std::make_unique<marginwatch::SimulatorServer>(options);
    if (!sim->listen(0))
        qFatal("simulator does not listen: %s", qPrintable(sim->errorString()));
    return sim;
}

// Waits, if needed, until the current minute has enough left for a test that must stay within one
// weight window (Binance counts weight per calendar minute).
inline void waitForFreshMinute(int neededSeconds = 15)
{
    while (QDateTime::currentMSecsSinceEpoch() % 60000 > 60000 - neededSeconds * 1000)
        QTest::qWait(200);
}

} // namespace simtest
