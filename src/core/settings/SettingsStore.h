#pragma once

#include "settings/Preferences.h"
#include "settings/Profile.h"
#include "settings/SettingKeys.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QVariant>

class QSettings;

namespace marginwatch {

// Typed access to the app's QSettings, through the key table (SettingKeys.h). The caller owns the
// QSettings (the app passes the default one, tests an INI file in a temporary directory). Reads never
// fail: a missing, unknown or corrupt value gives its default, out-of-range values are clamped.
// Secrets cannot be written here: no type it takes holds one.
class SettingsStore : public QObject
{
    Q_OBJECT
public:
    explicit SettingsStore(QSettings& settings, QObject* parent = nullptr);

    QVariant value(SettingKey key) const;
    // Stores the value as the table allows it (clamped, or the default); emits changed() when the
    // stored value differs from before.
    void setValue(SettingKey key, const QVariant& value);

    // Profiles without an id, or repeating an earlier one, get a fresh id (their keychain entry is
    // then lost, but the rest of the profile is not).
    QList<Profile> profiles() const;
    void saveProfiles(const QList<Profile>& profiles); // replaces the whole list

    // Empty when none is stored or the stored id is not one of profiles().
    QString currentProfileId() const;
    void setCurrentProfileId(const QString& id);

    // The preference keys as one value; setPreferences() writes each key (and signals each change).
    Preferences preferences() const;
    void setPreferences(const Preferences& preferences);

    // Writes pending changes to disk; false when the file could not be written.
    bool sync();

Q_SIGNALS:
    void changed(marginwatch::SettingKey key);

private:
    QSettings& m_settings;
};

} // namespace marginwatch
