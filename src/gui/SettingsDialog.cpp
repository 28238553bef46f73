#include "gui/SettingsDialog.h"

#include "api/AccountPoller.h"
#include "api/BaseUrl.h"
#include "api/KeyPermissionCheck.h"
#include "api/SnapshotFetcher.h"
#include "gui/SessionFactory.h"
#include "gui/SimulatorSession.h"
#include "settings/Autostart.h"
#include "settings/SecretStore.h"
#include "settings/SettingsStore.h"
#include "stream/StreamEndpoints.h"
#include "ui_SettingsDialog.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSystemTrayIcon>

namespace marginwatch {

using namespace Qt::StringLiterals;

SettingsDialog::SettingsDialog(SettingsStore& settings, SecretStore* secrets, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
    , m_settings(settings)
    , m_secrets(secrets)
    , m_profiles(settings.profiles())
    , m_initialCurrentId(settings.currentProfileId())
{
    m_ui->setupUi(this);
    m_ui->serverCombo->addItem(tr("Production (%1)").arg(BinanceUrls::futures().host()),
                               int(ServerKind::Production));
    m_ui->serverCombo->addItem(
        tr("Binance Demo Trading (%1, its own API keys)").arg(BinanceUrls::demoFutures().host()),
        int(ServerKind::DemoTrading));
    m_ui->serverCombo->addItem(tr("Custom URL"), int(ServerKind::Custom));
    m_ui->serverCombo->addItem(tr("Simulator (built into marginwatch, no account)"),
                               int(ServerKind::Simulator));
    m_ui->keyTypeCombo->addItem(tr("HMAC-SHA256 (API secret)"), int(KeyType::Hmac));
    m_ui->keyTypeCombo->addItem(tr("RSA (private key file)"), int(KeyType::Rsa));
    m_ui->keyTypeCombo->addItem(tr("Ed25519 (private key file)"), int(KeyType::Ed25519));
    m_ui->proxyModeCombo->addItem(tr("System proxy"), int(ProxySettings::Mode::System));
    m_ui->proxyModeCombo->addItem(tr("No proxy"), int(ProxySettings::Mode::None));
    m_ui->proxyModeCombo->addItem(tr("HTTP proxy"), int(ProxySettings::Mode::Http));
    m_ui->proxyModeCombo->addItem(tr("SOCKS5 proxy"), int(ProxySettings::Mode::Socks5));
    m_ui->themeCombo->addItem(tr("Follow the system"), int(Preferences::Theme::System));
    m_ui->themeCombo->addItem(tr("Light"), int(Preferences::Theme::Light));
    m_ui->themeCombo->addItem(tr("Dark"), int(Preferences::Theme::Dark));
    m_secretNote = new QLabel(this);
    m_secretNote->setObjectName(u"secretNoteLabel"_s);
    m_secretNote->setWordWrap(true);
    m_secretNote->hide();
    int secretRow = -1;
    QFormLayout::ItemRole secretRole{};
    m_ui->profileForm->getWidgetPosition(m_ui->secretEdit, &secretRow, &secretRole);
    m_ui->profileForm->insertRow(secretRow + 1, QString(), m_secretNote);
    m_ui->proxyPasswordEdit->setPlaceholderText(tr("leave empty to keep"));
    // Live updates go under the poll interval, which becomes the fallback's interval.
    m_liveCheck = new QCheckBox(tr("Live updates (streams)"), this);
    m_liveCheck->setObjectName(u"liveCheck"_s);
    m_liveCheck->setToolTip(tr("The account's own event stream and the mark prices, checked against the "
                               "exchange once a minute; polling takes over whenever the stream fails."));
    m_streamUrlEdit = new QLineEdit(this);
    m_streamUrlEdit->setObjectName(u"streamUrlEdit"_s);
    m_streamUrlEdit->setToolTip(tr("wss:// or https://; ws:// or http:// only to this computer "
                                   "(localhost). Leave empty to use the server's own stream address."));
    int pollRow = -1;
    QFormLayout::ItemRole pollRole{};
    m_ui->profileForm->getWidgetPosition(m_ui->pollSpin, &pollRow, &pollRole);
    m_ui->profileForm->insertRow(pollRow + 1, QString(), m_liveCheck);
    m_ui->profileForm->insertRow(pollRow + 2, tr("S&tream URL:"), m_streamUrlEdit);

    const Preferences preferences = settings.preferences();
    m_ui->warnSpin->setValue(preferences.warnMarginRatioPercent);
    m_ui->dangerSpin->setValue(preferences.dangerMarginRatioPercent);
    m_ui->staleSpin->setValue(preferences.staleAlertSeconds);
    m_ui->soundCheck->setChecked(preferences.alertSound);
    m_ui->themeCombo->setCurrentIndex(m_ui->themeCombo->findData(int(preferences.theme)));
    m_ui->hideZeroCheck->setChecked(preferences.hideZeroAssets);
    m_ui->hideClosedCheck->setChecked(preferences.hideClosedPositions);
    m_ui->closeToTrayCheck->setChecked(preferences.closeToTray);
    m_ui->autostartCheck->setChecked(Autostart().isEnabled());
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        const QString noTray = tr("This desktop has no system tray: closing the window quits marginwatch.");
        m_ui->closeToTrayCheck->setToolTip(noTray);
        m_ui->autostartCheck->setToolTip(tr("Without a system tray marginwatch starts minimized."));
    }

    for (const Profile& profile : std::as_const(m_profiles))
        m_ui->profileList->addItem(profile.name);
    connect(m_ui->profileList, &QListWidget::currentRowChanged, this, &SettingsDialog::loadProfile);
    connect(m_ui->addButton, &QPushButton::clicked, this, &SettingsDialog::addProfile);
    connect(m_ui->removeButton, &QPushButton::clicked, this, [this] {
        const int row = selectedRow();
        if (row < 0)
            return;
        m_removedIds << m_profiles.at(row).id;
        m_profiles.removeAt(row);
        m_loading = true; // the list's row change must not write the removed profile's form back
        delete m_ui->profileList->takeItem(row);
        m_loading = false;
        loadProfile(m_ui->profileList->currentRow());
    });
    connect(m_ui->browseButton, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Private key (PEM)"), m_ui->keyFileEdit->text(),
                                         tr("PEM files (*.pem *.key);;All files (*)"));
        if (!path.isEmpty())
            m_ui->keyFileEdit->setText(path);
    });
    connect(m_streamUrlEdit, &QLineEdit::textEdited, this, &SettingsDialog::storeForm);
    connect(m_liveCheck, &QCheckBox::toggled, this, &SettingsDialog::storeForm);
    connect(m_ui->testButton, &QPushButton::clicked, this, &SettingsDialog::testConnection);
    m_keyResult = new QLabel(this);
    m_keyResult->setObjectName(u"keyCheckLabel"_s);
    m_keyResult->setWordWrap(true);
    m_keyResult->setTextFormat(Qt::RichText);
    m_keyResult->hide();
    if (auto* outer = qobject_cast<QBoxLayout*>(m_ui->testLayout->parent()))
        outer->insertWidget(outer->indexOf(m_ui->testLayout) + 1, m_keyResult);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    // Every edit goes straight back into the working copy of the selected profile.
    for (QLineEdit* edit :
         {m_ui->nameEdit, m_ui->urlEdit, m_ui->apiKeyEdit, m_ui->secretEdit, m_ui->keyFileEdit,
          m_ui->proxyHostEdit, m_ui->proxyUserEdit, m_ui->proxyPasswordEdit})
        connect(edit, &QLineEdit::textEdited, this, &SettingsDialog::storeForm);
    for (QComboBox* combo : {m_ui->serverCombo, m_ui->keyTypeCombo, m_ui->proxyModeCombo})
        connect(combo, &QComboBox::currentIndexChanged, this, &SettingsDialog::storeForm);
    for (QSpinBox* spin : {m_ui->pollSpin, m_ui->recvWindowSpin, m_ui->proxyPortSpin})
        connect(spin, &QSpinBox::valueChanged, this, &SettingsDialog::storeForm);

    int current = 0;
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).id == m_initialCurrentId)
            current = i;
    }
    if (!m_profiles.isEmpty())
        m_ui->profileList->setCurrentRow(current);
    else
        loadProfile(-1);
    updateKeychainNote();
    if (m_secrets) {
        connect(m_secrets, &SecretStore::backendUnavailable, this, &SettingsDialog::updateKeychainNote);
        m_secrets->checkAvailability();
    }
    resize(760, 560);
}

SettingsDialog::~SettingsDialog() = default;

int SettingsDialog::selectedRow() const
{
    const int row = m_ui->profileList->currentRow();
    return row >= 0 && row < m_profiles.size() ? row : -1;
}

void SettingsDialog::addProfile()
{
    Profile profile;
    profile.id = Profile::newId();
    profile.name = tr("My account");
    m_profiles.append(profile);
    m_ui->profileList->addItem(profile.name);
    m_ui->profileList->setCurrentRow(static_cast<int>(m_profiles.size()) - 1);
    m_ui->tabs->setCurrentWidget(m_ui->accountsTab);
    m_ui->nameEdit->setFocus();
    m_ui->nameEdit->selectAll();
}

void SettingsDialog::loadProfile(int row)
{
    if (m_loading)
        return;
    m_loading = true;
    const bool has = row >= 0 && row < m_profiles.size();
    const Profile profile = has ? m_profiles.at(row) : Profile();
    m_ui->nameEdit->setText(profile.name);
    m_ui->serverCombo->setCurrentIndex(m_ui->serverCombo->findData(int(profile.server)));
    m_ui->urlEdit->setText(profile.customUrl.toString());
    m_ui->keyTypeCombo->setCurrentIndex(m_ui->keyTypeCombo->findData(int(profile.keyType)));
    m_ui->apiKeyEdit->setText(profile.apiKey);
    m_ui->secretEdit->clear(); // a stored secret is never shown, not even as dots of its length
    m_ui->keyFileEdit->setText(profile.privateKeyFile);
    m_ui->pollSpin->setValue(profile.pollIntervalMs / 1000);
    m_ui->recvWindowSpin->setValue(profile.recvWindowMs);
    m_liveCheck->setChecked(profile.live);
    m_streamUrlEdit->setText(profile.streamUrl);
    m_ui->proxyModeCombo->setCurrentIndex(m_ui->proxyModeCombo->findData(int(profile.proxyMode)));
    m_ui->proxyHostEdit->setText(profile.proxyHost);
    m_ui->proxyPortSpin->setValue(profile.proxyPort);
    m_ui->proxyUserEdit->setText(profile.proxyUser);
    m_ui->proxyPasswordEdit->clear();
    m_ui->testResultLabel->clear();
    m_keyResult->clear();
    m_keyResult->hide();
    for (QWidget* field :
         {static_cast<QWidget*>(m_ui->nameEdit), static_cast<QWidget*>(m_ui->serverCombo),
          static_cast<QWidget*>(m_ui->testButton), static_cast<QWidget*>(m_ui->removeButton)})
        field->setEnabled(has);
    m_loading = false;
    updateEnabledFields();
}

void SettingsDialog::storeForm()
{
    const int row = selectedRow();
    if (m_loading || row < 0)
        return;
    Profile& profile = m_profiles[row];
    profile.name = m_ui->nameEdit->text().trimmed();
    profile.server = ServerKind(m_ui->serverCombo->currentData().toInt());
    profile.customUrl = QUrl(m_ui->urlEdit->text().trimmed());
    profile.keyType = KeyType(m_ui->keyTypeCombo->currentData().toInt());
    profile.apiKey = m_ui->apiKeyEdit->text().trimmed();
    profile.privateKeyFile = m_ui->keyFileEdit->text().trimmed();
    profile.pollIntervalMs = m_ui->pollSpin->value() * 1000;
    profile.recvWindowMs = m_ui->recvWindowSpin->value();
    profile.live = m_liveCheck->isChecked();
    profile.streamUrl = m_streamUrlEdit->text().trimmed();
    profile.proxyMode = ProxySettings::Mode(m_ui->proxyModeCombo->currentData().toInt());
    profile.proxyHost = m_ui->proxyHostEdit->text().trimmed();
    profile.proxyPort = static_cast<quint16>(m_ui->proxyPortSpin->value());
    profile.proxyUser = m_ui->proxyUserEdit->text().trimmed();
    if (!m_ui->secretEdit->text().isEmpty())
        m_typedSecrets.insert(profile.id, SecretBytes(m_ui->secretEdit->text().toUtf8()));
    if (!m_ui->proxyPasswordEdit->text().isEmpty())
        m_typedProxyPasswords.insert(profile.proxyPasswordKey(),
                                     SecretBytes(m_ui->proxyPasswordEdit->text().toUtf8()));
    if (QListWidgetItem* item = m_ui->profileList->item(row))
        item->setText(profile.name);
    updateEnabledFields();
}

void SettingsDialog::updateEnabledFields()
{
    const bool has = selectedRow() >= 0;
    const auto server = ServerKind(m_ui->serverCombo->currentData().toInt());
    const bool real = has && server != ServerKind::Simulator;
    const bool hmac = KeyType(m_ui->keyTypeCombo->currentData().toInt()) == KeyType::Hmac;
    const auto proxy = ProxySettings::Mode(m_ui->proxyModeCombo->currentData().toInt());
    const bool explicitProxy = proxy == ProxySettings::Mode::Http || proxy == ProxySettings::Mode::Socks5;
    m_ui->urlEdit->setEnabled(has && server == ServerKind::Custom);
    for (QWidget* field :
         std::initializer_list<QWidget*>{m_ui->keyTypeCombo, m_ui->apiKeyEdit, m_ui->pollSpin,
                                         m_ui->recvWindowSpin, m_ui->proxyModeCombo})
        field->setEnabled(real);
    m_ui->secretEdit->setEnabled(real && hmac);
    m_ui->keyFileEdit->setEnabled(real && !hmac);
    m_ui->browseButton->setEnabled(real && !hmac);
    // The built-in simulator always runs live.
    m_liveCheck->setEnabled(real);
    m_streamUrlEdit->setEnabled(real && m_liveCheck->isChecked());
    if (const int row = selectedRow(); row >= 0) {
        const Expected<QUrl> derived = StreamEndpoints::baseFor(m_profiles.at(row).baseUrl());
        m_streamUrlEdit->setPlaceholderText(derived ? tr("empty: %1").arg(derived->toString()) : QString());
    }
    for (QWidget* field : std::initializer_list<QWidget*>{m_ui->proxyHostEdit, m_ui->proxyPortSpin,
                                                          m_ui->proxyUserEdit, m_ui->proxyPasswordEdit})
        field->setEnabled(real && explicitProxy);
}

void SettingsDialog::updateKeychainNote()
{
    if (!m_secrets) {
        m_ui->keychainLabel->setText(tr("No secret store: secrets cannot be saved."));
        m_secretNote->hide();
        return;
    }
    if (m_secrets->persists()) {
        m_ui->secretEdit->setPlaceholderText(tr("stored in the OS keychain; leave empty to keep"));
        m_ui->keychainLabel->setText(tr("Secrets are kept in the OS keychain, never in the settings file."));
        m_secretNote->hide();
        return;
    }
    // Said next to the field itself: whoever types a secret here must know it will not be kept.
    m_ui->secretEdit->setPlaceholderText(tr("kept until marginwatch quits"));
    m_secretNote->setText(
        tr("<b>No OS keychain is available</b> (no Secret Service or KWallet is running): the "
           "secret is kept only until marginwatch quits and is asked for at the next start."));
    m_secretNote->show();
    m_ui->keychainLabel->setText(tr("Secrets are never written to the settings file or any other file."));
}

void SettingsDialog::testConnection()
{
    storeForm();
    const int row = selectedRow();
    if (row < 0)
        return;
    const Profile profile = m_profiles.at(row);
    m_ui->testResultLabel->setText(tr("Testing…"));
    m_ui->testButton->setEnabled(false);

    m_keyResult->clear();
    m_keyResult->hide();
    auto run = [this](ClientConfig config) {
        // After the snapshot, on the /sapi host: what the key may do.
        m_keyCheck = std::make_unique<KeyPermissionCheck>(config);
        auto showKey = [this](const QString& colour, const QString& headline, const QStringList& advice) {
            QString html =
                u"<span style=\"color:%1\">●</span> <b>%2</b>"_s.arg(colour, headline.toHtmlEscaped());
            for (const QString& line : advice)
                html += u"<br>• "_s + line.toHtmlEscaped();
            m_keyResult->setText(html);
            m_keyResult->show();
        };
        connect(m_keyCheck.get(), &KeyPermissionCheck::finished, this,
                [this, showKey](const KeyPermissions& p) {
                    if (p.enablePortfolioMarginTrading && m_ui->testResultLabel->text().contains(u"-2015"_s))
                        m_ui->testResultLabel->setText(
                            tr("✘ %1 (code -2015)").arg(KeyPermissionAdvice::portfolioMarginExplanation()));
                    const KeyAssessment a = KeyPermissionAdvice::assess(p);
                    const QString colour = a.level == KeyAssessment::Level::Danger    ? u"#c0392b"_s
                                           : a.level == KeyAssessment::Level::Caution ? u"#d68910"_s
                                                                                      : u"#1e8449"_s;
                    showKey(colour, a.headline, a.advice);
                });
        connect(m_keyCheck.get(), &KeyPermissionCheck::notAvailable, this,
                [showKey](const QString& note) { showKey(u"#808b96"_s, note, {}); });
        connect(m_keyCheck.get(), &KeyPermissionCheck::failed, this, [showKey](const ApiFailure& failure) {
            showKey(u"#808b96"_s, tr("The key's permissions could not be read: %1").arg(failure.explanation),
                    {});
        });
        m_fetcher = std::make_unique<SnapshotFetcher>(std::move(config), 1);
        connect(m_fetcher.get(), &SnapshotFetcher::finished, this, [this](const AccountSnapshot& snapshot) {
            m_ui->testResultLabel->setText(
                tr("✔ Connected: %1 assets, %2 positions. Clock offset %3 ms, used weight %4 / 2400.")
                    .arg(snapshot.assets.size())
                    .arg(snapshot.positions.size())
                    .arg(m_fetcher->clockOffsetMs())
                    .arg(m_fetcher->usedWeight()));
            m_ui->testButton->setEnabled(true);
            m_keyCheck->start();
        });
        connect(m_fetcher.get(), &SnapshotFetcher::failed, this, [this](const ApiFailure& failure) {
            m_ui->testResultLabel->setText(
                failure.binanceCode != 0
                    ? tr("✘ %1 (code %2)").arg(failure.explanation).arg(failure.binanceCode)
                    : tr("✘ %1").arg(failure.explanation));
            m_ui->testButton->setEnabled(true);
            // A refused key may belong to a Portfolio Margin account, whose /fapi answers -2015:
            // the key's permissions say which.
            if (failure.binanceCode == -2015)
                m_keyCheck->start();
        });
        m_fetcher->start();
    };
    TypedSecrets typed;
    if (m_typedSecrets.contains(profile.id))
        typed.apiSecret = m_typedSecrets.value(profile.id);
    if (m_typedProxyPasswords.contains(profile.proxyPasswordKey()))
        typed.proxyPassword = m_typedProxyPasswords.value(profile.proxyPasswordKey());
    SessionFactory::connect(
        profile, m_secrets, typed, this, [this, run](Expected<Connection, SessionError> connection) {
            if (!connection) {
                m_ui->testResultLabel->setText(tr("✘ %1").arg(connection.error().message));
                m_ui->testButton->setEnabled(true);
                return;
            }
            m_fetcher.reset(); // an earlier test may still talk to the simulator replaced here
            m_testSimulator = std::move(connection->simulator);
            run(std::move(connection->config));
        });
}

QString SettingsDialog::testResult() const
{
    return m_ui->testResultLabel->text();
}

QString SettingsDialog::keyCheckResult() const
{
    return m_keyResult->isHidden() ? QString() : m_keyResult->text();
}

void SettingsDialog::accept()
{
    storeForm();
    // Starts from what is stored, so preferences this form does not show keep their values.
    Preferences preferences = m_settings.preferences();
    preferences.warnMarginRatioPercent = m_ui->warnSpin->value();
    preferences.dangerMarginRatioPercent = m_ui->dangerSpin->value();
    preferences.staleAlertSeconds = m_ui->staleSpin->value();
    preferences.alertSound = m_ui->soundCheck->isChecked();
    preferences.theme = Preferences::Theme(m_ui->themeCombo->currentData().toInt());
    preferences.hideZeroAssets = m_ui->hideZeroCheck->isChecked();
    preferences.hideClosedPositions = m_ui->hideClosedCheck->isChecked();
    preferences.closeToTray = m_ui->closeToTrayCheck->isChecked();

    QStringList problems = preferences.validate();
    for (const Profile& profile : std::as_const(m_profiles)) {
        for (const QString& problem : profile.validate())
            problems << tr("%1: %2").arg(profile.name.isEmpty() ? tr("(unnamed profile)") : profile.name,
                                         problem);
    }
    if (!problems.isEmpty()) {
        QMessageBox::warning(this, tr("Settings"), problems.join(u'\n'));
        return;
    }

    const int row = selectedRow();
    const QString currentId = row >= 0 ? m_profiles.at(row).id : QString();
    m_currentChanged = currentId != m_initialCurrentId
                       || (row >= 0 && !m_settings.profiles().contains(m_profiles.at(row)))
                       || m_typedSecrets.contains(currentId);
    m_settings.saveProfiles(m_profiles);
    m_settings.setCurrentProfileId(currentId);
    m_settings.setPreferences(preferences);
    m_settings.sync();
    const Autostart autostart;
    if (m_ui->autostartCheck->isChecked() != autostart.isEnabled()) {
        const Expected<void> written =
            autostart.setEnabled(m_ui->autostartCheck->isChecked(), QCoreApplication::applicationFilePath());
        if (!written)
            QMessageBox::warning(this, tr("Start at login"), written.error());
    }

    if (!m_secrets) {
        Q_EMIT secretsSaved();
        QDialog::accept();
        return;
    }
    // Secret writes are asynchronous (the keychain may prompt); count them down. The store keeps its
    // own copy, so nothing is lost if this dialog is gone before they finish.
    auto pending = std::make_shared<int>(1);
    QPointer<SettingsDialog> alive(this);
    auto oneDone = [alive, pending](const SecretResult& result) {
        if (!result.ok && alive)
            QMessageBox::warning(alive, tr("Secret not saved"), result.error);
        if (--*pending == 0 && alive)
            Q_EMIT alive->secretsSaved();
    };
    for (const QString& id : std::as_const(m_removedIds)) {
        ++*pending;
        m_secrets->remove(id, oneDone);
    }
    for (auto it = m_typedSecrets.cbegin(); it != m_typedSecrets.cend(); ++it) {
        ++*pending;
        m_secrets->write(it.key(), it.value(), oneDone);
    }
    for (auto it = m_typedProxyPasswords.cbegin(); it != m_typedProxyPasswords.cend(); ++it) {
        ++*pending;
        m_secrets->write(it.key(), it.value(), oneDone);
    }
    oneDone(SecretResult{true, {}, {}, false});
    QDialog::accept();
}

} // namespace marginwatch
