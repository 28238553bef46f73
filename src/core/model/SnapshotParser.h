#pragma once
// CONTRACT HEADER: the one entry point from response bodies to an AccountSnapshot. The model issue
// implements it (behind it: the JSON parser of its choice); the client issue calls it.

#include "model/AccountSnapshot.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace marginwatch {

// Raw bodies as received. An empty body means "not fetched this cycle": the parser then leaves the
// enrichment it would have provided empty (optional fields unset, modes Unknown).
struct SnapshotInputs
{
    QByteArray account;       // GET /fapi/v3/account (required)
    QByteArray positionRisk;  // GET /fapi/v3/positionRisk
    QByteArray accountConfig; // GET /fapi/v1/accountConfig
    QByteArray symbolConfig;  // GET /fapi/v1/symbolConfig
    QDateTime takenAt;        // UTC, ms precision (server time of the cycle)
};

struct SnapshotParseResult
{
    std::optional<AccountSnapshot> snapshot;
    // When snapshot is empty: which body and which field, e.g.
    // "account: assets[2].walletBalance: not a decimal number (\"12,5\")". Never echoes a whole body.
    QString error;

    bool ok() const { return snapshot.has_value(); }
};

SnapshotParseResult parseSnapshot(const SnapshotInputs& inputs);

} // namespace marginwatch
