#include "model/parse/EndpointBodies.h"
#include "model/parse/RecordReader.h"

namespace marginwatch::parse {

bool readPositionRiskBody(const QByteArray& body, BodyReading& reading, std::vector<Position>& entries)
{
    const Location root{"positionRisk"};
    od::document doc;
    od::array array;
    if (!reading.reader.open(body, root, reading.errors, doc) || !rootArray(doc, root, reading.errors, array))
        return false;
    entries.clear();
    // Every field of an entry is looked at, also after the few wanted ones: one of them given twice
    // must be seen.
    const bool ok = forEachElement(array, Location{"positionRisk", ""}, reading.errors,
                                   [&](od::value element, qsizetype index) {
                                       entries.emplace_back();
                                       return readRecordElement<Position, RecordRole::PositionRiskEntry>(
                                           element, entries.back(), Location{"positionRisk", "", index},
                                           reading.interner, reading.errors);
                                   });
    return ok && requireEnd(doc, root, reading.errors);
}

} // namespace marginwatch::parse
