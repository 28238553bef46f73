#pragma once

#include "api/SecretBytes.h"

#include <QDialog>

class QCheckBox;
class QLineEdit;

namespace marginwatch {

// Asks for a profile's API secret when it cannot be read at start: none is stored, or there is no
// OS keychain to keep it. "Remember" keeps it in the SecretStore: the keychain when there is one,
// otherwise memory until the app quits. Never a file.
class SecretPromptDialog final : public QDialog
{
    Q_OBJECT
public:
    SecretPromptDialog(const QString& profileName, const QString& why, bool keychainAvailable,
                       QWidget* parent = nullptr);

    SecretBytes secret() const;
    bool remember() const;

private:
    QLineEdit* m_secret = nullptr;
    QCheckBox* m_remember = nullptr;
};

} // namespace marginwatch
