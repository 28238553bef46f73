#include "api/SnapshotCycle.h"

#include "api/BinanceHttpClient.h"
#include "api/FailureDiagnosis.h"
#include "model/ServerTimeParser.h"
#include "model/SnapshotParser.h"
#include "risk/LeverageBrackets.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

constexpr QStringView kTimePath = u"/fapi/v1/time";
constexpr QStringView kAccountConfigPath = u"/fapi/v1/accountConfig";
constexpr QStringView kSymbolConfigPath = u"/fapi/v1/symbolConfig";
constexpr QStringView kLeverageBracketPath = u"/fapi/v1/leverageBracket";
constexpr QStringView kAccountPath = u"/fapi/v3/account";
constexpr QStringView kPositionRiskPath = u"/fapi/v3/positionRisk";

// Request weights as Binance publishes them (time 1; account, positionRisk and both configs 5 each).
constexpr int kTimeWeight = 1;
constexpr int kConfigWeight = 5 + 5;
constexpr int kSymbolConfigWeight = 5;
constexpr int kSnapshotWeight = 5 + 5;
constexpr int kBracketWeight = 1;

// In the order of SnapshotCycle::Step.
QString pathOf(int step)
{
    static constexpr QStringView paths[] = {kTimePath,         kAccountConfigPath,
                                            kSymbolConfigPath, kLeverageBracketPath,
                                            kAccountPath,      kPositionRiskPath};
    return paths[step].toString();
}

QString endpointOf(SnapshotBody body)
{
    switch (body) {
    case SnapshotBody::Account:
        return kAccountPath.toString();
    case SnapshotBody::PositionRisk:
        return kPositionRiskPath.toString();
    case SnapshotBody::AccountConfig:
        return kAccountConfigPath.toString();
    case SnapshotBody::SymbolConfig:
        return kSymbolConfigPath.toString();
    }
    return {};
}

QString keyOf(const QString& symbol, const QString& side)
{
    return symbol + u'/' + side;
}

// Whether `positions` are the positions of `keys` (symbol, side). Every poll asks, so the usual
// answer (the same positions in the same order) costs no allocation; another order is compared as
// sets, since only a new position needs its leverage and margin type fetched.
bool samePositions(const QList<Position>& positions, const QList<SnapshotCycle::PositionKey>& keys)
{
    if (positions.size() != keys.size())
        return false;
    bool inOrder = true;
    for (qsizetype i = 0; i < positions.size() && inOrder; ++i)
        inOrder =
            positions.at(i).symbol == keys.at(i).first && positions.at(i).positionSide == keys.at(i).second;
    if (inOrder)
        return true;
    QSet<QString> known;
    known.reserve(keys.size());
    for (const auto& [symbol, side] : keys)
        known.insert(keyOf(symbol, side));
    for (const Position& position : positions) {
        if (!known.contains(keyOf(position.symbol, position.positionSide)))
            return false;
    }
    return true;
}

} // namespace

SnapshotCycle::SnapshotCycle(BinanceHttpClient* client, std::chrono::milliseconds configRefreshPeriod,
                             QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_configRefreshPeriod(configRefreshPeriod)
{}

bool SnapshotCycle::configDue() const
{
    if (m_configFetchedAtMs == 0)
        return true;
    if (m_configFromStream)
        return false;
    const qint64 age = m_client->clock().localNowMs() - m_configFetchedAtMs;
    return age < 0 || age >= m_configRefreshPeriod.count();
}

bool SnapshotCycle::bracketsDue() const
{
    if (m_bracketPeriod.count() <= 0)
        return false;
    if (m_bracketsFetchedAtMs == 0)
        return true;
    const qint64 age = m_client->clock().localNowMs() - m_bracketsFetchedAtMs;
    return age < 0 || age >= m_bracketPeriod.count();
}

int SnapshotCycle::expectedWeight() const
{
    return kSnapshotWeight + (m_client->clock().needsSync() ? kTimeWeight : 0)
           + (configDue() ? kConfigWeight : (m_symbolConfigDue ? kSymbolConfigWeight : 0))
           + (bracketsDue() ? kBracketWeight : 0);
}

void SnapshotCycle::run()
{
    if (m_running)
        return;
    m_running = true;
    ++m_generation;
    m_retriedAfter1021 = false;
    m_configFetchedThisCycle = false;
    m_account.clear();
    m_positionRisk.clear();
    m_steps.clear();
    if (m_client->clock().needsSync())
        m_steps << Step::SyncTime;
    if (configDue())
        m_steps << Step::AccountConfig << Step::SymbolConfig;
    else if (m_symbolConfigDue)
        m_steps << Step::SymbolConfig;
    if (bracketsDue())
        m_steps << Step::LeverageBracket;
    m_steps << Step::Account << Step::PositionRisk << Step::Parse;
    next();
}

void SnapshotCycle::cancel()
{
    if (!m_running)
        return;
    m_running = false;
    ++m_generation;
    m_steps.clear();
    m_client->cancel();
}

void SnapshotCycle::fail(const ApiFailure& failure)
{
    m_running = false;
    m_steps.clear();
    Q_EMIT failed(failure);
}

void SnapshotCycle::next()
{
    if (!m_running)
        return;
    if (m_steps.isEmpty()) {
        m_running = false;
        return;
    }
    const Step step = m_steps.takeFirst();
    if (step == Step::Parse) {
        parse();
        return;
    }
    send(step);
}

void SnapshotCycle::send(Step step)
{
    const QString path = pathOf(static_cast<int>(step));
    const auto security =
        step == Step::SyncTime ? BinanceHttpClient::Security::Public : BinanceHttpClient::Security::Signed;
    const quint64 generation = m_generation;
    const bool sent = m_client->get(path, security, {}, [this, step, generation](const HttpResult& result) {
        if (generation == m_generation)
            onResult(step, result);
    });
    if (!sent) {
        fail(configurationFailure(m_client->setupError().isEmpty()
                                      ? u"the request could not be signed; check the key settings"_s
                                      : m_client->setupError(),
                                  m_client->clock().localNowMs()));
    }
}

void SnapshotCycle::onResult(Step step, const HttpResult& result)
{
    if (!result && step == Step::LeverageBracket) {
        // The snapshot does not depend on the brackets: a refusal or an odd answer is kept as the
        // reason the stress figures are missing and asked again at the next refresh. Limits, bans,
        // timeouts and a stale clock still end the cycle, so the usual backoff applies.
        const ApiFailure& failure = result.error();
        const bool keepGoing = failure.kind == ApiFailure::Kind::BinanceCode && failure.binanceCode != -1021
                               && failure.binanceCode != -1003;
        if (keepGoing || failure.kind == ApiFailure::Kind::BadResponse
            || failure.kind == ApiFailure::Kind::Http) {
            m_bracketsError = failure.summaryLine();
            m_bracketsFetchedAtMs = m_client->clock().localNowMs();
            next();
            return;
        }
    }
    if (!result) {
        const ApiFailure& failure = result.error();
        if (failure.binanceCode == -1021) {
            // The offset is stale (or the clock jumped): measure again, then retry this request once.
            m_client->clock().invalidate();
            if (!m_retriedAfter1021) {
                m_retriedAfter1021 = true;
                m_steps.prepend(step);
                m_steps.prepend(Step::SyncTime);
                next();
                return;
            }
        }
        fail(failure);
        return;
    }

    const HttpResponse& response = *result;
    switch (step) {
    case Step::SyncTime: {
        const Expected<qint64> serverTime = parseServerTime(response.body);
        const Expected<qint64> offset = serverTime.and_then([this, &response](qint64 serverTimeMs) {
            return m_client->clock().applySample(response.sentAtLocalMs, serverTimeMs,
                                                 response.receivedAtLocalMs);
        });
        if (!offset) {
            fail(badResponseFailure(response.endpoint, offset.error(), response.receivedAtLocalMs));
            return;
        }
        break;
    }
    case Step::AccountConfig:
        m_accountConfig = response.body;
        break;
    case Step::SymbolConfig:
        m_symbolConfig = response.body;
        m_symbolConfigDue = false;
        m_configFetchedAtMs = response.receivedAtLocalMs;
        m_configFetchedThisCycle = true;
        break;
    case Step::LeverageBracket: {
        Expected<LeverageBrackets> brackets = LeverageBrackets::parse(response.body);
        if (brackets) {
            m_brackets = std::make_shared<const LeverageBrackets>(std::move(*brackets));
            m_bracketsError.clear();
        } else {
            m_bracketsError = brackets.error();
        }
        m_bracketsFetchedAtMs = response.receivedAtLocalMs;
        break;
    }
    case Step::Account:
        m_account = response.body;
        // The server time of the cycle: the midpoint of the account request, on the server's clock.
        m_takenAtServerMs = response.sentAtLocalMs + (response.receivedAtLocalMs - response.sentAtLocalMs) / 2
                            + m_client->clock().offsetMs();
        break;
    case Step::PositionRisk:
        m_positionRisk = response.body;
        break;
    case Step::Parse:
        break;
    }
    next();
}

void SnapshotCycle::patchLeverage(const QString& symbol, int leverage)
{
    if (!m_symbolConfig)
        return;
    QJsonDocument doc = QJsonDocument::fromJson(*m_symbolConfig);
    if (!doc.isArray())
        return;
    QJsonArray rows = doc.array();
    for (qsizetype i = 0; i < rows.size(); ++i) {
        QJsonObject row = rows.at(i).toObject();
        if (row.value(u"symbol"_s).toString() != symbol)
            continue;
        row.insert(u"leverage"_s, leverage);
        rows.replace(i, row);
        m_symbolConfig = QJsonDocument(rows).toJson(QJsonDocument::Compact);
        return;
    }
}

void SnapshotCycle::patchMultiAssets(bool multiAssets)
{
    if (!m_accountConfig)
        return;
    QJsonDocument doc = QJsonDocument::fromJson(*m_accountConfig);
    if (!doc.isObject())
        return;
    QJsonObject config = doc.object();
    config.insert(u"multiAssetsMargin"_s, multiAssets);
    m_accountConfig = QJsonDocument(config).toJson(QJsonDocument::Compact);
}

void SnapshotCycle::parse()
{
    SnapshotInputs inputs;
    inputs.account = m_account;
    inputs.positionRisk = m_positionRisk;
    inputs.accountConfig = m_accountConfig;
    inputs.symbolConfig = m_symbolConfig;
    inputs.takenAt = QDateTime::fromMSecsSinceEpoch(m_takenAtServerMs, Qt::UTC);
    SnapshotParseResult parsed = m_parser.parse(inputs);
    if (!parsed.ok()) {
        const bool config = parsed.failedBody == SnapshotBody::AccountConfig
                            || parsed.failedBody == SnapshotBody::SymbolConfig;
        // A config body that no longer parses must be fetched again next time.
        if (config)
            invalidateConfig();
        fail(badResponseFailure(endpointOf(parsed.failedBody), parsed.error, m_client->clock().localNowMs()));
        return;
    }
    const QList<Position>& positions = parsed.snapshot->positions;
    if (!samePositions(positions, m_positionKeysAtConfig)) {
        if (!m_configFetchedThisCycle && !m_configFromStream) {
            // New symbols need their leverage and margin type: complete this snapshot first.
            m_steps = {Step::AccountConfig, Step::SymbolConfig, Step::Parse};
            next();
            return;
        }
        m_positionKeysAtConfig.clear();
        m_positionKeysAtConfig.reserve(positions.size());
        for (const Position& position : positions)
            m_positionKeysAtConfig.emplaceBack(position.symbol, position.positionSide);
    }
    m_running = false;
    parsed.snapshot->leverageBrackets = m_brackets;
    parsed.snapshot->leverageBracketsError = m_bracketsError;
    Q_EMIT finished(*parsed.snapshot);
}

} // namespace marginwatch
