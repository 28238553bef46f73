#include "gui/GuiLauncher.h"

#include "cli/EnvironmentCredentials.h"
#include "gui/AccountWindow.h"
#include "gui/SessionFactory.h"
#include "gui/Theme.h"
#include "io/HistoryStore.h"
#include "settings/KeychainSecretStore.h"
#include "settings/SettingsStore.h"

#include <QApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QProcessEnvironment>
#include <QSettings>
#include <QTranslator>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

const QString kAppId = u"io.github.marginwatch.Marginwatch"_s;
const QUrl kProductionUrl(u"https://fapi.binance.com"_s);

void installTranslations(QApplication& app)
{
    // Qt's own strings (dialog buttons) and ours, both for the user's UI languages; English is built in.
    auto* qt = new QTranslator(&app);
    if (qt->load(QLocale(), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto* ours = new QTranslator(&app);
    if (ours->load(QLocale(), u"marginwatch"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(ours);
}

void openProfile(AccountWindow& window, SettingsStore& settings, SecretStore& secrets, const QString& id)
{
    for (const Profile& profile : settings.profiles()) {
        if (profile.id != id)
            continue;
        SessionFactory::open(profile, &secrets, &window,
                             [&window](std::unique_ptr<Session> session, const QString& error) {
                                 if (!session) {
                                     window.setSession(nullptr);
                                     window.showSessionError(error);
                                     return;
                                 }
                                 window.setSession(std::move(session));
                                 window.start();
                             });
        return;
    }
}

} // namespace

int runGui(const GuiLaunchOptions& options)
{
    auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
    QGuiApplication::setDesktopFileName(kAppId);
    QApplication::setWindowIcon(QIcon::fromTheme(kAppId, QIcon(u":/icons/marginwatch.svg"_s)));
    if (app)
        installTranslations(*app);

    // ~/.config/marginwatch/marginwatch.conf: profiles and preferences, never a secret.
    if (QCoreApplication::organizationName().isEmpty())
        QCoreApplication::setOrganizationName(u"marginwatch"_s);
    QSettings qsettings;
    SettingsStore settings(qsettings);
    KeychainSecretStore secrets;
    Theme::apply(settings.preferences().theme);

    HistoryStore history;
    AccountWindow window(history.open() ? &history : nullptr);
    window.setStores(&settings, &secrets);
    QObject::connect(&window, &AccountWindow::profileChosen, &window,
                     [&](const QString& id) { openProfile(window, settings, secrets, id); });

    // Precedence: --demo; then credentials in the environment (as the headless modes read them);
    // then the saved profile; else Demo mode, with "Add your account" one click away.
    const EnvironmentCredentials fromEnvironment =
        credentialsFromEnvironment(QProcessEnvironment::systemEnvironment());
    const QString current = settings.currentProfileId();
    if (!options.demo && fromEnvironment.ok()) {
        ClientConfig config;
        config.baseUrl = options.baseUrl.isValid() ? options.baseUrl : kProductionUrl;
        config.credentials = *fromEnvironment.credentials;
        auto session = std::make_unique<Session>();
        session->environment = EnvironmentInfo::forUrl(config.baseUrl);
        session->poller = std::make_unique<AccountPoller>(std::move(config));
        session->profileName = QApplication::translate("GuiLauncher", "Account from the environment");
        window.setSession(std::move(session));
        window.start();
    } else if (!options.demo && !current.isEmpty()) {
        openProfile(window, settings, secrets, current);
    } else {
        QString error;
        std::unique_ptr<Session> session = SessionFactory::demo(&error);
        if (!session) {
            QMessageBox::critical(
                nullptr, QApplication::translate("GuiLauncher", "marginwatch"),
                QApplication::translate("GuiLauncher", "The demo simulator could not start: %1").arg(error));
            return 1;
        }
        window.setSession(std::move(session));
        window.start();
    }
    window.show();
    const int code = QApplication::exec();
    settings.sync();
    return code;
}

} // namespace marginwatch
