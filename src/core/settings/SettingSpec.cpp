#include "settings/SettingSpec.h"

#include <QSettings>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

bool isInteger(const QVariant& value)
{
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
        return true;
    default:
        return false;
    }
}

// QVariant::toBool() calls any non-empty string other than "false"/"0" true, so "banana" would
// switch an option on.
QVariant normalizedBool(const QVariant& raw, const QVariant& fallback)
{
    if (raw.typeId() == QMetaType::Bool)
        return raw;
    const QString text = raw.toString().trimmed().toLower();
    if (text == u"true"_s || text == u"1"_s)
        return true;
    if (text == u"false"_s || text == u"0"_s)
        return false;
    return fallback;
}

} // namespace

QVariant SettingSpec::normalized(const QVariant& raw) const
{
    switch (type) {
    case Type::Bool:
        return normalizedBool(raw, defaultValue);
    case Type::Int: {
        // Read wider than int: QVariant's string-to-int conversion truncates huge numbers instead of
        // failing.
        bool ok = false;
        const qlonglong value = raw.toLongLong(&ok);
        if (!ok)
            return defaultValue;
        if (value < min || value > max)
            return clampToRange ? QVariant(static_cast<int>(std::clamp(value, min, max))) : defaultValue;
        return static_cast<int>(value);
    }
    case Type::Percent: {
        bool ok = false;
        const double value = raw.toDouble(&ok);
        return ok && std::isfinite(value) && value > 0 && value <= 100 ? QVariant(value) : defaultValue;
    }
    case Type::Choice: {
        if (isInteger(raw)) {
            const int value = raw.toInt();
            const bool known = std::any_of(choices.begin(), choices.end(),
                                           [value](const SettingChoice& c) { return c.value == value; });
            return known ? QVariant(value) : defaultValue;
        }
        const QString text = raw.toString().trimmed();
        for (const SettingChoice& choice : choices) {
            if (text.compare(choice.name, Qt::CaseInsensitive) == 0)
                return choice.value;
        }
        return defaultValue;
    }
    case Type::String:
        return raw.isValid() && raw.canConvert<QString>() ? QVariant(raw.toString()) : defaultValue;
    case Type::Bytes:
        return raw.typeId() == QMetaType::QByteArray ? raw : defaultValue;
    }
    return defaultValue;
}

QVariant SettingSpec::read(const QSettings& settings) const
{
    const QString key(name);
    if (!settings.contains(key) && !legacyName.isEmpty() && settings.contains(QString(legacyName)))
        return normalized(settings.value(QString(legacyName)));
    return normalized(settings.value(key));
}

void SettingSpec::write(QSettings& settings, const QVariant& value) const
{
    QVariant stored = normalized(value);
    if (type == Type::Choice) {
        const int chosen = stored.toInt();
        const auto it = std::find_if(choices.begin(), choices.end(),
                                     [chosen](const SettingChoice& c) { return c.value == chosen; });
        stored = it != choices.end() ? QString(it->name) : QString();
    }
    settings.setValue(QString(name), stored);
    if (!legacyName.isEmpty())
        settings.remove(QString(legacyName));
}

} // namespace marginwatch
