#pragma once
// One reader per endpoint body, each in its own file. They read into records only; joining the
// enrichment onto positions, and the checks across bodies, are the parser's.

#include "model/AccountSnapshot.h"

#include <QByteArray>

#include <vector>

namespace marginwatch::parse {

class JsonDocumentReader;
class ParseErrors;
class StringInterner;

// What the readers share for one parse: the document reader and the interner the parser keeps from
// poll to poll, and this parse's first error.
struct BodyReading
{
    JsonDocumentReader& reader;
    StringInterner& interner;
    ParseErrors& errors;
};

// GET /fapi/v3/account: the totals, assets[] and positions[]. `expectedPositions` reserves room
// (the last parse's count), so that the list is not grown step by step.
bool readAccountBody(const QByteArray& body, BodyReading& reading, AccountSnapshot& snapshot,
                     qsizetype expectedPositions);
// GET /fapi/v3/positionRisk: per position (symbol and side) the fields it adds.
bool readPositionRiskBody(const QByteArray& body, BodyReading& reading, std::vector<Position>& entries);
// GET /fapi/v1/accountConfig: the account and position modes.
bool readAccountConfigBody(const QByteArray& body, BodyReading& reading, AccountSnapshot& snapshot);
// GET /fapi/v1/symbolConfig: per symbol the fields it adds.
bool readSymbolConfigBody(const QByteArray& body, BodyReading& reading, std::vector<Position>& entries);

} // namespace marginwatch::parse
