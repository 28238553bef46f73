#include "model/parse/EndpointBodies.h"
#include "model/parse/RecordReader.h"

namespace marginwatch::parse {

namespace {

// The fields of the account's root object that are arrays of records, not totals.
enum ArrayBit
{
    kAssetsSeen,
    kPositionsSeen,
};

template <typename Record>
bool readRecordArray(od::value value, const char* name, QList<Record>& out, BodyReading& reading)
{
    const Location at{"account", name};
    od::array array;
    if (value.get_array().get(array))
        return reading.errors.fail(at, QStringLiteral("expected an array"));
    return forEachElement(array, at, reading.errors, [&](od::value element, qsizetype index) {
        out.emplace_back();
        return readRecordElement<Record, RecordRole::AccountObject>(
            element, out.back(), Location{"account", name, index}, reading.interner, reading.errors);
    });
}

} // namespace

bool readAccountBody(const QByteArray& body, BodyReading& reading, AccountSnapshot& snapshot,
                     qsizetype expectedPositions)
{
    const Location root{"account"};
    od::document doc;
    od::object object;
    if (!reading.reader.open(body, root, reading.errors, doc)
        || !rootObject(doc, root, reading.errors, object))
        return false;
    snapshot.positions.reserve(expectedPositions);
    Seen arrays;
    const auto readArray = [&](std::string_view key, od::value value) {
        const FieldAt here{&root, key};
        if (key == "assets")
            return readOnce(arrays, kAssetsSeen, here, reading.errors)
                   && readRecordArray(value, "assets", snapshot.assets, reading);
        if (key == "positions")
            return readOnce(arrays, kPositionsSeen, here, reading.errors)
                   && readRecordArray(value, "positions", snapshot.positions, reading);
        return true;
    };
    if (!readRecord<AccountTotals, RecordRole::AccountObject>(object, snapshot.totals, root, reading.interner,
                                                              reading.errors, readArray))
        return false;
    for (const auto& [bit, name] :
         {std::pair{kAssetsSeen, "assets"}, std::pair{kPositionsSeen, "positions"}}) {
        if (!arrays.has(bit)) {
            Location missing = root;
            missing.field = name;
            return reading.errors.fail(missing, QStringLiteral("missing field"));
        }
    }
    return requireEnd(doc, root, reading.errors);
}

} // namespace marginwatch::parse
