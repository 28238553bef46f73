#pragma once

#include "settings/Preferences.h"
#include "settings/Profile.h"

#include <QByteArray>
#include <QList>
#include <QString>

class QSettings;

namespace marginwatch {

// Typed access to the app's QSettings. The caller owns the QSettings (the app passes the default
// one, tests an INI file). Reads never fail: a missing, unknown or corrupt value gives its default,
// out-of-range intervals are clamped. Secrets cannot be written here: no type it takes holds one.
class SettingsStore
{
public:
    explicit SettingsStore(QSettings& settings);

    // Profiles without an id, or repeating an earlier one, get a fresh id (their keychain entry is
    // then lost, but the rest of the profile is not).
    QList<Profile> profiles() const;
    void saveProfiles(const QList<Profile>& profiles); // replaces the whole list

    // Empty when none is stored or the stored id is not one of profiles().
    QString currentProfileId() const;
    void setCurrentProfileId(const QString& id);

    Preferences preferences() const;
    void savePreferences(const Preferences& preferences);

    // Opaque bytes for the GUI (saveGeometry(), QHeaderView::saveState() ...); empty if none.
    QByteArray windowState(const QString& key) const;
    void setWindowState(const QString& key, const QByteArray& state);

    // Writes pending changes to disk; false when the file could not be written.
    bool sync();

private:
    QSettings& m_settings;
};

} // namespace marginwatch
