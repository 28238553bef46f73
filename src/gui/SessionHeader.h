#pragma once

#include "gui/Endpoint.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace marginwatch {

struct AccountSnapshot;

// The line above the figures: which account, on which exchange, in which account and position mode.
// A badge shows only once it has something to say (no empty squares before the first data).
class SessionHeader final : public QWidget
{
    Q_OBJECT
public:
    explicit SessionHeader(QWidget* parent = nullptr);

    void showSession(const QString& profileName, const Endpoint& endpoint);
    void showModes(const AccountSnapshot& snapshot);
    void clearModes();
    void clear(); // no session

Q_SIGNALS:
    void addAccountRequested();

private:
    QLabel* m_profile = nullptr;
    QLabel* m_server = nullptr;
    QLabel* m_accountMode = nullptr;
    QLabel* m_positionMode = nullptr;
    QPushButton* m_addAccount = nullptr;
};

} // namespace marginwatch
