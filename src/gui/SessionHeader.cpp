#include "gui/SessionHeader.h"

#include "model/AccountSemantics.h"
#include "model/AccountSnapshot.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

QString badgeStyle(const char* background)
{
    return u"QLabel { background: %1; color: white; border-radius: 4px; padding: 3px 8px; font-weight: bold; }"_s
        .arg(QLatin1StringView(background));
}

const char* serverColour(ServerKind kind)
{
    switch (kind) {
    case ServerKind::Production:
        return "#b71c1c";
    case ServerKind::DemoTrading:
        return "#e65100";
    case ServerKind::Simulator:
        return "#6a1b9a";
    case ServerKind::Custom:
        break;
    }
    return "#0d47a1";
}

QLabel* badge(QWidget* parent, const QString& objectName, const QString& description)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setAccessibleDescription(description);
    label->setStyleSheet(badgeStyle("#455a64"));
    label->hide();
    return label;
}

void setBadge(QLabel* label, const QString& text, const QString& toolTip)
{
    label->setText(text);
    label->setToolTip(toolTip);
    label->setVisible(!text.isEmpty());
}

} // namespace

SessionHeader::SessionHeader(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(u"sessionHeader"_s);
    m_profile = new QLabel(this);
    m_profile->setObjectName(u"profileName"_s);
    m_profile->setAccessibleDescription(tr("The account watched"));
    QFont font = m_profile->font();
    font.setBold(true);
    m_profile->setFont(font);
    m_server = badge(this, u"serverBadge"_s, tr("The exchange this window watches"));
    m_accountMode = badge(this, u"accountModeBadge"_s, tr("Account mode: what the totals add up"));
    m_positionMode = badge(this, u"positionModeBadge"_s, tr("Position mode"));
    // With the simulator, the way to a real account is one obvious click away.
    m_addAccount = new QPushButton(tr("Add your account…"), this);
    m_addAccount->setObjectName(u"addAccountButton"_s);
    m_addAccount->setToolTip(tr("Watch your own Binance Futures account with a read-only API key."));
    m_addAccount->hide();
    connect(m_addAccount, &QPushButton::clicked, this, &SessionHeader::addAccountRequested);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_profile);
    layout->addWidget(m_server);
    layout->addWidget(m_accountMode);
    layout->addWidget(m_positionMode);
    layout->addStretch();
    layout->addWidget(m_addAccount);
}

void SessionHeader::showSession(const QString& profileName, const Endpoint& endpoint)
{
    m_profile->setText(profileName);
    m_server->setStyleSheet(badgeStyle(serverColour(endpoint.kind)));
    setBadge(m_server, endpoint.badgeText(), endpoint.badgeToolTip());
    m_addAccount->setVisible(endpoint.kind == ServerKind::Simulator);
    clearModes();
}

void SessionHeader::showModes(const AccountSnapshot& snapshot)
{
    setBadge(m_accountMode, totalsScopeLabel(snapshot), totalsScopeExplanation(snapshot));
    setBadge(m_positionMode, positionModeLabel(snapshot.positionMode),
             snapshot.positionMode == PositionMode::Hedge
                 ? tr("Hedge mode: LONG and SHORT positions of a symbol are listed separately.")
                 : tr("One-way mode: one position per symbol; a negative size is short."));
}

void SessionHeader::clearModes()
{
    setBadge(m_accountMode, {}, {});
    setBadge(m_positionMode, {}, {});
}

void SessionHeader::clear()
{
    m_profile->clear();
    setBadge(m_server, {}, {});
    m_addAccount->hide();
    clearModes();
}

} // namespace marginwatch
