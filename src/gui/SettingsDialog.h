#pragma once

#include "api/SecretBytes.h"
#include "settings/Preferences.h"
#include "settings/Profile.h"

#include <QDialog>
#include <QHash>

#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace Ui {
class SettingsDialog;
}

namespace marginwatch {

class SimulatorSession;
class SecretStore;
class SettingsStore;
class KeyPermissionCheck;
class SnapshotFetcher;

// Profiles (server, key type, API key, secret or key file, poll interval, live updates and their
// stream URL, recvWindow, proxy),
// alert thresholds and appearance. Secrets typed here go to the SecretStore on OK, never to the
// SettingsStore; a secret left empty keeps the stored one. "Test connection" makes one signed request
// with what the form holds.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(SettingsStore& settings, SecretStore* secrets, QWidget* parent = nullptr);
    ~SettingsDialog() override;

    void addProfile();
    bool currentProfileChanged() const { return m_currentChanged; }
    void testConnection();
    QString testResult() const;
    // What the key may do, as Test connection found it: "" before, else the headline and advice.
    QString keyCheckResult() const;
    Ui::SettingsDialog* ui() const { return m_ui.get(); } // tests fill the form like a user
    QCheckBox* liveCheck() const { return m_liveCheck; }
    QLineEdit* streamUrlEdit() const { return m_streamUrlEdit; }

    void accept() override;

Q_SIGNALS:
    void secretsSaved(); // every pending secret write has completed (tests wait for it)

private:
    void loadProfile(int row);
    void storeForm();
    void updateEnabledFields();
    void updateKeychainNote();
    int selectedRow() const;

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    QLabel* m_secretNote = nullptr; // under the secret field: whether it will be kept
    QCheckBox* m_liveCheck = nullptr;
    QLineEdit* m_streamUrlEdit = nullptr; // empty: the stream URL derived from the server's
    SettingsStore& m_settings;
    SecretStore* m_secrets;
    QList<Profile> m_profiles;
    QStringList m_removedIds;
    QHash<QString, SecretBytes> m_typedSecrets;        // profile id → API secret typed in this dialog
    QHash<QString, SecretBytes> m_typedProxyPasswords; // Profile::proxyPasswordKey() → proxy password
    QString m_initialCurrentId;
    bool m_currentChanged = false;
    bool m_loading = false;
    std::unique_ptr<SnapshotFetcher> m_fetcher;
    std::unique_ptr<KeyPermissionCheck> m_keyCheck;
    QLabel* m_keyResult = nullptr; // under the test result: red, amber or green, with what to change
    std::unique_ptr<SimulatorSession> m_testSimulator;
};

} // namespace marginwatch
