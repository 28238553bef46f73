#include "gui/GuiLauncher.h"

#include "gui/AccountWindow.h"
#include "gui/SessionFactory.h"
#include "gui/SingleInstance.h"
#include "gui/Theme.h"
#include "gui/Translations.h"
#include "io/history/HistoryStore.h"
#include "settings/KeychainSecretStore.h"
#include "settings/SettingsStore.h"

#include <QApplication>
#include <QIcon>
#include <QLocale>
#include <QMessageBox>
#include <QProcessEnvironment>
#include <QSettings>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

const QString kAppId = u"io.github.marginwatch.Marginwatch"_s;

} // namespace

int runGui(const GuiLaunchOptions& options)
{
    auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
    QGuiApplication::setDesktopFileName(kAppId);
    QApplication::setWindowIcon(QIcon::fromTheme(kAppId, QIcon(u":/icons/marginwatch.svg"_s)));

    // ~/.config/marginwatch/marginwatch.conf: profiles and preferences, never a secret.
    if (QCoreApplication::organizationName().isEmpty())
        QCoreApplication::setOrganizationName(u"marginwatch"_s);
    QSettings qsettings;
    SettingsStore settings(qsettings);
    if (app)
        installTranslations(app, UiLanguage(settings.value(SettingKey::Language).toInt()));

    // A second launch shows the running window instead of polling the same key a second time.
    SingleInstance instance(SingleInstance::defaultServerName());
    if (!instance.claim())
        return 0;
    KeychainSecretStore secrets;
    secrets.checkAvailability(); // so Settings can say at once whether secrets outlive this session
    Theme::apply(settings.preferences().theme);

    HistoryStore history;
    history.open(); // when it cannot be used, the History tab says why
    AccountWindow window(&history);
    window.setStores(&settings, &secrets);
    QObject::connect(&instance, &SingleInstance::raiseRequested, &window, &AccountWindow::showAndRaise);
    // With a tray, the last window closing is not the end (a dialog opened from the tray menu would
    // otherwise quit the app); Quit, or closing with "keep watching" off, ends it.
    QApplication::setQuitOnLastWindowClosed(!window.hasTrayIcon());

    // Precedence: --demo; then credentials in the environment (as the headless modes read them);
    // then the saved profile; else the built-in simulator, with "Add your account" one click away.
    Expected<std::unique_ptr<Session>> fromEnvironment = failure(QString());
    if (!options.demo)
        fromEnvironment =
            SessionFactory::fromEnvironment(QProcessEnvironment::systemEnvironment(), options.baseUrl);
    const QString current = settings.currentProfileId();
    if (fromEnvironment) {
        window.setSession(std::move(*fromEnvironment));
        window.start();
    } else if (!options.demo && !current.isEmpty()) {
        window.openProfile(current);
    } else {
        Expected<std::unique_ptr<Session>> simulator = SessionFactory::simulator();
        if (!simulator) {
            QMessageBox::critical(nullptr, QApplication::translate("GuiLauncher", "marginwatch"),
                                  simulator.error());
            return 1;
        }
        window.setSession(std::move(*simulator));
        window.start();
    }
    if (!options.minimized)
        window.show();
    else if (!window.hasTrayIcon())
        window.showMinimized();
    const int code = QApplication::exec();
    settings.sync();
    return code;
}

} // namespace marginwatch
