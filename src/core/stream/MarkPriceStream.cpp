#include "stream/MarkPriceStream.h"

#include "stream/StreamEndpoints.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

// The exchange closes a connection that sends more than 10 messages a second, and a request with
// too many streams is refused; SUBSCRIBE lists are sent in chunks of this size.
constexpr int kMaxStreamsPerRequest = 200;

} // namespace

MarkPriceStream::MarkPriceStream(const QNetworkProxy& proxy, StreamConnection::Limits limits,
                                 StreamConnection::Clock clock, QObject* parent)
    : QObject(parent)
    , m_connection(proxy, limits, std::move(clock))
{
    qRegisterMetaType<QList<MarkPriceUpdate>>();
    connect(&m_connection, &StreamConnection::flowing, this, [this] {
        setSymbols(m_symbols); // the rest of a long list, and what changed while connecting
        Q_EMIT flowing();
    });
    connect(&m_connection, &StreamConnection::ended, this, [this](const QString& reason) {
        m_subscribed.clear();
        Q_EMIT ended(reason);
    });
    connect(&m_connection, &StreamConnection::answered, this, [this](qint64, const QString& error) {
        if (!error.isEmpty()) {
            m_connection.close();
            m_subscribed.clear();
            Q_EMIT ended(error);
        }
    });
    connect(&m_connection, &StreamConnection::payload, this,
            [this](const QJsonValue& payload, qint64 receivedAtMs) {
                Expected<QList<MarkPriceUpdate>> parsed = parseMarkPrices(payload);
                if (!parsed) {
                    m_connection.close();
                    m_subscribed.clear();
                    Q_EMIT ended(parsed.error());
                    return;
                }
                if (!parsed->isEmpty())
                    Q_EMIT marks(*parsed, receivedAtMs);
            });
}

void MarkPriceStream::setBase(const QUrl& base)
{
    m_base = base;
}

QByteArray MarkPriceStream::request(const char* method, const QSet<QString>& symbols)
{
    QStringList sorted(symbols.cbegin(), symbols.cend());
    std::sort(sorted.begin(), sorted.end());
    QJsonArray params;
    for (const QString& symbol : std::as_const(sorted))
        params.append(StreamEndpoints::markPriceStreamName(symbol));
    QJsonObject object{{u"method"_s, QString::fromLatin1(method)},
                       {u"params"_s, params},
                       {u"id"_s, static_cast<double>(m_nextId++)}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

void MarkPriceStream::setSymbols(const QSet<QString>& symbols)
{
    m_symbols = symbols;
    if (m_symbols.isEmpty()) {
        m_connection.close();
        m_subscribed.clear();
        return;
    }
    if (!m_connection.isFlowing() && !m_subscribed.isEmpty())
        return; // connecting: the rest is subscribed once the first answer arrives
    if (m_subscribed.isEmpty()) {
        restart();
        return;
    }
    const QSet<QString> added = m_symbols - m_subscribed;
    const QSet<QString> removed = m_subscribed - m_symbols;
    if (!removed.isEmpty())
        m_connection.sendText(request("UNSUBSCRIBE", removed));
    if (!added.isEmpty())
        m_connection.sendText(request("SUBSCRIBE", added));
    m_subscribed = m_symbols;
}

void MarkPriceStream::restart()
{
    if (m_symbols.isEmpty()) {
        m_connection.close();
        return;
    }
    QStringList sorted(m_symbols.cbegin(), m_symbols.cend());
    std::sort(sorted.begin(), sorted.end());
    const QSet<QString> first(sorted.cbegin(),
                              sorted.cbegin() + std::min<qsizetype>(sorted.size(), kMaxStreamsPerRequest));
    m_connection.open(StreamEndpoints::marketStream(m_base), request("SUBSCRIBE", first));
    m_subscribed = first;
}

void MarkPriceStream::stop()
{
    m_connection.close();
    m_subscribed.clear();
}

} // namespace marginwatch
