#pragma once
// Reads one JSON object into a record by its field table (model/AccountFields.h): the same code reads
// the account's totals, each asset and each position, and the positionRisk and symbolConfig entries
// that enrich positions.

#include "model/AccountFields.h"
#include "model/parse/JsonFieldReader.h"
#include "model/parse/StringInterner.h"

#include <array>
#include <cstdint>

namespace marginwatch::parse {

// Which object of which body is being read: it decides the fields looked for and required.
enum class RecordRole
{
    AccountObject,     // the account body's own fields (totals, an asset, a position)
    PositionRiskEntry, // an element of positionRisk: the position's key and what positionRisk adds
    SymbolConfigEntry, // an element of symbolConfig: the symbol and what symbolConfig adds
};

template <typename Record>
constexpr bool isWanted(const Field<Record>& f, RecordRole role)
{
    switch (role) {
    case RecordRole::AccountObject:
        return f.source() == FieldSource::Account;
    case RecordRole::PositionRiskEntry:
        return f.has(RowKey) || f.source() == FieldSource::PositionRisk;
    case RecordRole::SymbolConfigEntry:
        return f.has(SymbolKey) || f.source() == FieldSource::SymbolConfig;
    }
    return false;
}

// A missing required field is an error; enrichment fields and Optional ones may be left out.
template <typename Record>
constexpr bool isRequired(const Field<Record>& f, RecordRole role)
{
    switch (role) {
    case RecordRole::AccountObject:
        return f.source() == FieldSource::Account && !f.has(Optional);
    case RecordRole::PositionRiskEntry:
        return f.has(RowKey);
    case RecordRole::SymbolConfigEntry:
        return f.has(SymbolKey);
    }
    return false;
}

constexpr std::size_t hashKey(std::string_view key)
{
    return key.size() * 31 + static_cast<unsigned char>(key.front()) * 7
           + static_cast<unsigned char>(key[key.size() / 2]) * 3 + static_cast<unsigned char>(key.back());
}

// The wanted fields of a table by API name: an open-addressing hash built at compile time, so a key
// costs one hash of three characters and usually one comparison, and a key no field has (most of
// positionRisk's) usually none.
inline constexpr std::size_t kLookupSlots = 64;

template <typename Record, RecordRole Role>
constexpr std::array<std::int8_t, kLookupSlots> buildLookup()
{
    static_assert(fieldsOf<Record>().size() * 2 <= kLookupSlots, "keep the table at most half full");
    std::array<std::int8_t, kLookupSlots> table{};
    table.fill(-1);
    const auto& fields = fieldsOf<Record>();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (!isWanted(fields[i], Role))
            continue;
        std::size_t slot = hashKey(fields[i].apiName) % kLookupSlots;
        while (table[slot] >= 0)
            slot = (slot + 1) % kLookupSlots;
        table[slot] = static_cast<std::int8_t>(i);
    }
    return table;
}

template <typename Record, RecordRole Role>
inline constexpr std::array<std::int8_t, kLookupSlots> kLookup = buildLookup<Record, Role>();

// The index in Record's table of the field `Role` wants under this key, or -1.
template <typename Record, RecordRole Role>
[[gnu::always_inline]] inline int findField(std::string_view key)
{
    if (key.empty())
        return -1;
    for (std::size_t slot = hashKey(key) % kLookupSlots;; slot = (slot + 1) % kLookupSlots) {
        const int index = kLookup<Record, Role>[slot];
        if (index < 0 || fieldsOf<Record>()[std::size_t(index)].apiName == key)
            return index;
    }
}

// The value of one field into its member, by the field's kind.
template <typename Record>
bool readField(const Field<Record>& f, od::value value, Record& record, StringInterner& interner, FieldAt at,
               ParseErrors& errors)
{
    switch (f.kind) {
    case FieldKind::Text:
        return readString(value, record.*f.textMember, interner, at, errors);
    case FieldKind::Decimal:
        return readDecimal(value, record.*f.decimalMember, at, errors);
    case FieldKind::OptionalDecimal:
        return readOptionalDecimal(value, record.*f.optionalDecimalMember, at, errors);
    case FieldKind::Time:
        return readInteger(value, record.*f.timeMember, f.options.minimum, f.options.maximum, at, errors);
    case FieldKind::OptionalInteger: {
        qint64 number = 0;
        if (!readInteger(value, number, f.options.minimum, f.options.maximum, at, errors))
            return false;
        record.*f.optionalIntegerMember = static_cast<int>(number); // the range fits an int
        return true;
    }
    }
    return false;
}

// Reads the fields of `object` that `Role` wants into `record`, each at most once, then checks the
// required ones are there. A key that is no wanted field goes to onOther(key, value), which returns
// false on error; unknown fields are otherwise ignored (real responses carry more than the
// documentation lists).
template <typename Record, RecordRole Role, typename OnOther>
bool readRecord(od::object object, Record& record, const Location& at, StringInterner& interner,
                ParseErrors& errors, OnOther&& onOther)
{
    static_assert(fieldsOf<Record>().size() <= 64, "one Seen bit per field");
    Seen seen; // bit i: field i of the table
    const bool ok = forEachField(object, at, errors, [&](std::string_view key, od::value value) {
        const int index = findField<Record, Role>(key);
        if (index < 0)
            return onOther(key, value);
        const FieldAt here{&at, key};
        return readOnce(seen, index, here, errors)
               && readField(fieldsOf<Record>()[std::size_t(index)], value, record, interner, here, errors);
    });
    if (!ok)
        return false;
    const auto& fields = fieldsOf<Record>();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (isRequired(fields[i], Role) && !seen.has(int(i))) {
            Location missing = at;
            missing.field = fields[i].apiName;
            return errors.fail(missing, QStringLiteral("missing field"));
        }
    }
    return true;
}

template <typename Record, RecordRole Role>
bool readRecord(od::object object, Record& record, const Location& at, StringInterner& interner,
                ParseErrors& errors)
{
    return readRecord<Record, Role>(object, record, at, interner, errors,
                                    [](std::string_view, od::value) { return true; });
}

// An array element that must be an object, read as a record.
template <typename Record, RecordRole Role>
bool readRecordElement(od::value element, Record& record, const Location& at, StringInterner& interner,
                       ParseErrors& errors)
{
    od::object object;
    if (element.get_object().get(object))
        return errors.fail(at, QStringLiteral("expected an object"));
    return readRecord<Record, Role>(object, record, at, interner, errors);
}

} // namespace marginwatch::parse
