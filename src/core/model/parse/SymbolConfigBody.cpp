#include "model/parse/EndpointBodies.h"
#include "model/parse/RecordReader.h"

namespace marginwatch::parse {

bool readSymbolConfigBody(const QByteArray& body, BodyReading& reading, std::vector<Position>& entries)
{
    const Location root{"symbolConfig"};
    od::document doc;
    od::array array;
    if (!reading.reader.open(body, root, reading.errors, doc) || !rootArray(doc, root, reading.errors, array))
        return false;
    entries.clear();
    const bool ok = forEachElement(array, Location{"symbolConfig", ""}, reading.errors,
                                   [&](od::value element, qsizetype index) {
                                       entries.emplace_back();
                                       return readRecordElement<Position, RecordRole::SymbolConfigEntry>(
                                           element, entries.back(), Location{"symbolConfig", "", index},
                                           reading.interner, reading.errors);
                                   });
    return ok && requireEnd(doc, root, reading.errors);
}

} // namespace marginwatch::parse
