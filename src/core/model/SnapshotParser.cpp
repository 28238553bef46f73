#include "model/SnapshotParser.h"

#include "model/AccountFields.h"
#include "model/parse/EndpointBodies.h"
#include "model/parse/JsonFieldReader.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace marginwatch {

using namespace Qt::StringLiterals;
using parse::Location;
using parse::ParseErrors;

namespace {

QString sideText(const QString& symbol, const QString& side)
{
    return u"("_s + symbol + u' ' + side + u')';
}

// A row listed twice would show twice and be exported twice; which copy is right cannot be known.
bool requireUniqueAssets(const QList<AssetBalance>& assets, ParseErrors& errors)
{
    QSet<QString> names;
    names.reserve(assets.size());
    for (qsizetype i = 0; i < assets.size(); ++i) {
        const QString& name = assets.at(i).asset;
        if (names.contains(name))
            return errors.fail(Location{"account", "assets", i}, u"asset listed twice ("_s + name + u')');
        names.insert(name);
    }
    return true;
}

bool requireUniquePositions(const QList<Position>& positions, ParseErrors& errors)
{
    QSet<std::pair<QString, QString>> keys;
    keys.reserve(positions.size());
    for (qsizetype i = 0; i < positions.size(); ++i) {
        const Position& p = positions.at(i);
        std::pair<QString, QString> key{p.symbol, p.positionSide};
        if (keys.contains(key))
            return errors.fail(Location{"account", "positions", i},
                               u"position listed twice "_s + sideText(p.symbol, p.positionSide));
        keys.insert(std::move(key));
    }
    return true;
}

// The same (symbol, side) sequence as the last good parse, which was checked to hold no repeat.
bool samePositionKeys(const QList<Position>& a, const QList<Position>& b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a.at(i).symbol != b.at(i).symbol || a.at(i).positionSide != b.at(i).positionSide)
            return false;
    }
    return true;
}

// Copies the fields an enrichment endpoint sends from its entry onto a position.
template <FieldSource Source>
void copyEnrichment(Position& to, const Position& from)
{
    forEachField<Position>([&](auto i) {
        constexpr const Field<Position>& f = kPositionFields[i];
        if constexpr (f.source() != Source)
            return;
        else if constexpr (f.kind == FieldKind::Text)
            to.*f.textMember = from.*f.textMember;
        else if constexpr (f.kind == FieldKind::Decimal)
            to.*f.decimalMember = from.*f.decimalMember;
        else if constexpr (f.kind == FieldKind::OptionalDecimal)
            to.*f.optionalDecimalMember = from.*f.optionalDecimalMember;
        else if constexpr (f.kind == FieldKind::Time)
            to.*f.timeMember = from.*f.timeMember;
        else
            to.*f.optionalIntegerMember = from.*f.optionalIntegerMember;
    });
}

bool sameSide(const Position& a, const Position& b)
{
    return a.symbol == b.symbol && a.positionSide == b.positionSide;
}

// positionRisk usually lists the positions in the account's order, so a cursor finds nearly every
// entry at once; a hash over (symbol, side) is built only when the orders disagree, or when entries
// are left over, which is also when it has to look for an entry listed twice.
bool joinPositionRisk(QList<Position>& positions, const std::vector<Position>& risk, ParseErrors& errors)
{
    QHash<std::pair<QString, QString>, size_t> byKey;
    const auto index = [&] {
        byKey.reserve(static_cast<qsizetype>(risk.size()));
        for (size_t i = 0; i < risk.size(); ++i) {
            const qsizetype before = byKey.size();
            byKey.insert({risk[i].symbol, risk[i].positionSide}, i);
            if (byKey.size() == before)
                return errors.fail(Location{"positionRisk", "", qsizetype(i)},
                                   u"position listed twice "_s
                                       + sideText(risk[i].symbol, risk[i].positionSide));
        }
        return true;
    };
    size_t cursor = 0;
    bool indexed = false;
    for (Position& position : positions) {
        size_t at = risk.size();
        if (cursor < risk.size() && sameSide(position, risk[cursor])) {
            at = cursor++;
        } else {
            if (!indexed) {
                indexed = true;
                if (!index())
                    return false;
            }
            const auto found = byKey.constFind({position.symbol, position.positionSide});
            if (found == byKey.cend())
                continue;
            at = *found;
            cursor = at + 1;
        }
        copyEnrichment<FieldSource::PositionRisk>(position, risk[at]);
    }
    // Without the index every position was matched in order; if that used up every entry, none can
    // repeat (positions do not), otherwise the leftovers must be checked.
    return indexed || cursor == risk.size() || index();
}

bool joinSymbolConfig(QList<Position>& positions, const std::vector<Position>& symbols, ParseErrors& errors)
{
    QHash<QString, size_t> bySymbol;
    bySymbol.reserve(static_cast<qsizetype>(symbols.size()));
    for (size_t i = 0; i < symbols.size(); ++i) {
        if (bySymbol.contains(symbols[i].symbol))
            return errors.fail(Location{"symbolConfig", "", qsizetype(i)},
                               u"symbol listed twice ("_s + symbols[i].symbol + u')');
        bySymbol.insert(symbols[i].symbol, i);
    }
    for (Position& position : positions) {
        const auto found = bySymbol.constFind(position.symbol);
        if (found != bySymbol.cend())
            copyEnrichment<FieldSource::SymbolConfig>(position, symbols[*found]);
    }
    return true;
}

QString endsEarlyMessage()
{
    return u"invalid JSON (the answer ends before the document is complete)"_s;
}

// Whether a body stops inside a string or before its last object or array is closed. Only asked once
// a body failed to parse, so that a cut-short answer is named as such whatever simdjson tripped on.
bool endsEarly(const QByteArray& body)
{
    const QByteArray start = body.left(16).trimmed();
    if (!start.startsWith('{') && !start.startsWith('['))
        return false; // not JSON at all: the first check's message says what it is
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const char c = body.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return inString || depth > 0;
}

bool sameBodies(const SnapshotInputs& a, const SnapshotInputs& b)
{
    return a.account == b.account && a.positionRisk == b.positionRisk && a.accountConfig == b.accountConfig
           && a.symbolConfig == b.symbolConfig;
}

} // namespace

SnapshotParser::SnapshotParser()
    : m_reader(std::make_unique<parse::JsonDocumentReader>())
{}

SnapshotParser::~SnapshotParser() = default;

SnapshotParseResult SnapshotParser::parse(const SnapshotInputs& inputs)
{
    // An idle account answers every poll with the same bytes: comparing bodies (a memcmp) replaces
    // parsing them, and the snapshot's lists stay shared with the previous one.
    if (m_hasLast && sameBodies(m_lastInputs, inputs)) {
        SnapshotParseResult result;
        result.snapshot = m_lastSnapshot;
        result.snapshot->takenAt = inputs.takenAt;
        return result;
    }
    SnapshotParseResult result = parseBodies(inputs);
    m_hasLast = result.ok();
    if (m_hasLast) {
        m_lastInputs = inputs; // implicitly shared: no copy of the bodies
        m_lastSnapshot = *result.snapshot;
    } else {
        m_lastInputs = {};
        m_lastSnapshot = {};
    }
    return result;
}

SnapshotParseResult SnapshotParser::parseBodies(const SnapshotInputs& inputs)
{
    SnapshotParseResult result;
    ParseErrors errors;
    parse::BodyReading reading{*m_reader, m_interner, errors};
    AccountSnapshot snapshot;
    snapshot.takenAt = inputs.takenAt;
    m_interner.beginParse();

    const auto failed = [&](SnapshotBody body) {
        static constexpr const char* kNames[] = {"account", "positionRisk", "accountConfig", "symbolConfig"};
        const QByteArray& text = body == SnapshotBody::Account         ? inputs.account
                                 : body == SnapshotBody::PositionRisk  ? *inputs.positionRisk
                                 : body == SnapshotBody::AccountConfig ? *inputs.accountConfig
                                                                       : *inputs.symbolConfig;
        result.error = endsEarly(text) ? QString::fromLatin1(kNames[int(body)]) + u": "_s + endsEarlyMessage()
                                       : errors.message();
        result.failedBody = body;
        return result;
    };
    const qsizetype expectedPositions = m_hasLast ? m_lastSnapshot.positions.size() : 0;
    if (!parse::readAccountBody(inputs.account, reading, snapshot, expectedPositions)
        || !requireUniqueAssets(snapshot.assets, errors))
        return failed(SnapshotBody::Account);
    // The usual poll lists the same positions as the last one: comparing in order is cheaper than hashing.
    if (!(m_hasLast && samePositionKeys(snapshot.positions, m_lastSnapshot.positions))
        && !requireUniquePositions(snapshot.positions, errors))
        return failed(SnapshotBody::Account);

    if (inputs.accountConfig && !parse::readAccountConfigBody(*inputs.accountConfig, reading, snapshot))
        return failed(SnapshotBody::AccountConfig);
    if (snapshot.positionMode == PositionMode::Unknown && !snapshot.positions.isEmpty()) {
        // Without accountConfig the rows still tell: hedge mode lists LONG/SHORT, one-way lists BOTH.
        const bool hedge = std::any_of(snapshot.positions.cbegin(), snapshot.positions.cend(),
                                       [](const Position& p) { return p.positionSide != u"BOTH"_s; });
        snapshot.positionMode = hedge ? PositionMode::Hedge : PositionMode::OneWay;
    }

    if (inputs.positionRisk
        && (!parse::readPositionRiskBody(*inputs.positionRisk, reading, m_riskEntries)
            || !joinPositionRisk(snapshot.positions, m_riskEntries, errors)))
        return failed(SnapshotBody::PositionRisk);

    if (inputs.symbolConfig
        && (!parse::readSymbolConfigBody(*inputs.symbolConfig, reading, m_symbolEntries)
            || !joinSymbolConfig(snapshot.positions, m_symbolEntries, errors)))
        return failed(SnapshotBody::SymbolConfig);

    result.snapshot = std::move(snapshot);
    return result;
}

} // namespace marginwatch
