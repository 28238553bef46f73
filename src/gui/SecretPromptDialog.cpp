#include "gui/SecretPromptDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace marginwatch {

using namespace Qt::StringLiterals;

SecretPromptDialog::SecretPromptDialog(const QString& profileName, const QString& why, bool keychainAvailable,
                                       QWidget* parent)
    : QDialog(parent)
{
    setObjectName(u"secretPrompt"_s);
    setWindowTitle(tr("API secret of “%1”").arg(profileName));
    auto* explanation = new QLabel(why, this);
    explanation->setObjectName(u"secretPromptReason"_s);
    explanation->setWordWrap(true);
    m_secret = new QLineEdit(this);
    m_secret->setObjectName(u"secretEdit"_s);
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setAccessibleName(tr("API secret"));
    m_remember = new QCheckBox(
        keychainAvailable ? tr("&Save it in the OS keychain") : tr("&Remember for this session"), this);
    m_remember->setObjectName(u"rememberCheck"_s);
    m_remember->setChecked(true);
    m_remember->setToolTip(keychainAvailable
                               ? tr("Stored in the OS keychain, never in the settings file.")
                               : tr("Kept in memory until marginwatch quits; never written to a file."));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton* ok = buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("&Watch"));
    ok->setEnabled(false);
    connect(m_secret, &QLineEdit::textChanged, ok,
            [ok](const QString& text) { ok->setEnabled(!text.isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout;
    form->addRow(tr("API &secret:"), m_secret);
    form->addRow(QString(), m_remember);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(460, sizeHint().height());
}

SecretBytes SecretPromptDialog::secret() const
{
    return SecretBytes(m_secret->text().toUtf8());
}

bool SecretPromptDialog::remember() const
{
    return m_remember->isChecked();
}

} // namespace marginwatch
