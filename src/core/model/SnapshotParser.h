#pragma once
// The one entry point from response bodies to an AccountSnapshot (behind it: simdjson).

#include "model/AccountSnapshot.h"
#include "model/parse/StringInterner.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace marginwatch {

// The four bodies a snapshot is made of, to say which one failed without reading error text.
enum class SnapshotBody
{
    Account,       // GET /fapi/v3/account
    PositionRisk,  // GET /fapi/v3/positionRisk
    AccountConfig, // GET /fapi/v1/accountConfig
    SymbolConfig,  // GET /fapi/v1/symbolConfig
};

// Raw bodies as received. An absent enrichment body means "not fetched this cycle": the parser then
// leaves what it would have provided empty (optional fields unset, modes Unknown). A body that was
// fetched but is empty, HTML or cut short is an error naming that body.
struct SnapshotInputs
{
    QByteArray account;                      // GET /fapi/v3/account (required)
    std::optional<QByteArray> positionRisk;  // GET /fapi/v3/positionRisk
    std::optional<QByteArray> accountConfig; // GET /fapi/v1/accountConfig
    std::optional<QByteArray> symbolConfig;  // GET /fapi/v1/symbolConfig
    QDateTime takenAt;                       // UTC, ms precision (server time of the cycle)
};

struct SnapshotParseResult
{
    std::optional<AccountSnapshot> snapshot;
    // When snapshot is empty: which body and which field, e.g.
    // "account: assets[2].walletBalance: not a decimal number (\"12,5\")". Never echoes a whole body.
    QString error;
    // When snapshot is empty: the body the error is about.
    SnapshotBody failedBody = SnapshotBody::Account;

    bool ok() const { return snapshot.has_value(); }
};

namespace parse {
class JsonDocumentReader;
}

// Turns one cycle's bodies into a snapshot. Owned by whoever polls (one per account, used from one
// thread at a time); what it keeps from one poll to the next is what makes a poll cheap:
//  - simdjson's parser and its padded buffer (allocated once),
//  - the identifier strings of the last parse (the same QString handed out again),
//  - the last good parse: identical bodies give that snapshot again, sharing its lists, which lets
//    the models skip them, and a position list in the same order needs no check for repeats.
class SnapshotParser
{
public:
    SnapshotParser();
    ~SnapshotParser();
    SnapshotParser(const SnapshotParser&) = delete;
    SnapshotParser& operator=(const SnapshotParser&) = delete;

    SnapshotParseResult parse(const SnapshotInputs& inputs);

private:
    SnapshotParseResult parseBodies(const SnapshotInputs& inputs);

    std::unique_ptr<parse::JsonDocumentReader> m_reader;
    parse::StringInterner m_interner;
    std::vector<Position> m_riskEntries;   // scratch: positionRisk's entries before they are joined
    std::vector<Position> m_symbolEntries; // scratch: symbolConfig's entries
    SnapshotInputs m_lastInputs;
    AccountSnapshot m_lastSnapshot;
    bool m_hasLast = false;
};

} // namespace marginwatch
