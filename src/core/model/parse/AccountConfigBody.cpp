#include "model/parse/EndpointBodies.h"
#include "model/parse/JsonFieldReader.h"

#include <optional>

namespace marginwatch::parse {

bool readAccountConfigBody(const QByteArray& body, BodyReading& reading, AccountSnapshot& snapshot)
{
    const Location root{"accountConfig"};
    od::document doc;
    od::object object;
    if (!reading.reader.open(body, root, reading.errors, doc)
        || !rootObject(doc, root, reading.errors, object))
        return false;
    std::optional<bool> multi;
    std::optional<bool> dual;
    const bool ok = forEachField(object, root, reading.errors, [&](std::string_view key, od::value value) {
        const FieldAt here{&root, key};
        std::optional<bool>* target = key == "multiAssetsMargin"  ? &multi
                                      : key == "dualSidePosition" ? &dual
                                                                  : nullptr;
        if (!target)
            return true;
        if (target->has_value())
            return reading.errors.fail(here, QStringLiteral("duplicate field"));
        bool flag = false;
        if (!readBool(value, flag, here, reading.errors))
            return false;
        *target = flag;
        return true;
    });
    if (!ok || !requireEnd(doc, root, reading.errors))
        return false;
    if (!multi || !dual) {
        Location missing = root;
        missing.field = multi ? "dualSidePosition" : "multiAssetsMargin";
        return reading.errors.fail(missing, QStringLiteral("missing field"));
    }
    // Single-asset mode: totals cover USDT only; multi-assets: USD values across all assets.
    snapshot.accountMode = *multi ? AccountMode::MultiAssets : AccountMode::SingleAsset;
    snapshot.positionMode = *dual ? PositionMode::Hedge : PositionMode::OneWay;
    return true;
}

} // namespace marginwatch::parse
