#pragma once

#include <QLatin1StringView>
#include <QVariant>

#include <span>

class QSettings;

namespace marginwatch {

// One stored name of an enumerated value. Enums are stored by name, not number, so a reordered enum
// cannot silently change a setting.
struct SettingChoice
{
    int value;
    QLatin1StringView name;
};

// How one value is named in the settings file, what it holds when missing or unusable, and how far
// it may go. Reading and writing both go through the spec, so a value read back is always one the
// app could have written.
struct SettingSpec
{
    enum class Type
    {
        Bool,    // "true"/"false"/"1"/"0"; anything else is the default
        Int,     // clamped to [min, max], or the default when clampToRange is false
        Percent, // a finite number in (0, 100], else the default
        Choice,  // one of `choices`, matched case-insensitively; the value is the enum as int
        String,
        Bytes, // opaque bytes (window geometry, header state); anything else reads as empty
    };

    QLatin1StringView name;
    Type type = Type::String;
    QVariant defaultValue;
    qlonglong min = 0;
    qlonglong max = 0;
    // false where the nearest valid value would be a guess (a port), not a safer setting.
    bool clampToRange = true;
    // The first choice naming a value is the one written; later ones are older names still read.
    std::span<const SettingChoice> choices = {};
    // The name an earlier version stored the value under; read when `name` is absent, removed on write.
    QLatin1StringView legacyName = {};

    // The value as the app may use it: of the spec's type, clamped or replaced by the default.
    QVariant normalized(const QVariant& raw) const;
    QVariant read(const QSettings& settings) const;
    void write(QSettings& settings, const QVariant& value) const;
};

} // namespace marginwatch
