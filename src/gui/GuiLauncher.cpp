#include "gui/GuiLauncher.h"

#include "cli/EnvironmentCredentials.h"
#include "gui/AccountWindow.h"
#include "gui/DemoSession.h"
#include "io/HistoryStore.h"

#include <QApplication>
#include <QIcon>
#include <QMessageBox>
#include <QProcessEnvironment>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

const QString kAppId = u"io.github.marginwatch.Marginwatch"_s;
const QUrl kProductionUrl(u"https://fapi.binance.com"_s);

} // namespace

int runGui(const GuiLaunchOptions& options)
{
    QGuiApplication::setDesktopFileName(kAppId);
    QApplication::setWindowIcon(QIcon::fromTheme(kAppId, QIcon(u":/icons/marginwatch.svg"_s)));

    // Saved profiles come with the settings dialog; until then a real account is read from the
    // environment, exactly as the headless modes do. Without one, Demo mode.
    std::unique_ptr<DemoSession> demo;
    ClientConfig config;
    EnvironmentInfo environment;
    const EnvironmentCredentials fromEnvironment =
        credentialsFromEnvironment(QProcessEnvironment::systemEnvironment());
    if (!options.demo && fromEnvironment.ok()) {
        config.baseUrl = options.baseUrl.isValid() ? options.baseUrl : kProductionUrl;
        config.credentials = *fromEnvironment.credentials;
        environment = EnvironmentInfo::forUrl(config.baseUrl);
    } else {
        demo = std::make_unique<DemoSession>();
        QString error;
        if (!demo->start(&error)) {
            QMessageBox::critical(nullptr, QApplication::translate("GuiLauncher", "marginwatch"),
                                  QApplication::translate("GuiLauncher", "The demo simulator could not start: %1")
                                      .arg(error));
            return 1;
        }
        config = demo->clientConfig();
        environment.kind = EnvironmentInfo::Kind::Demo;
        environment.url = config.baseUrl;
    }

    HistoryStore history;
    HistoryStore* historyForWindow = nullptr;
    if (!demo && history.open()) // a demo's made-up numbers do not belong in the user's history
        historyForWindow = &history;
    auto poller = std::make_unique<AccountPoller>(config);
    AccountWindow window(std::move(poller), environment, std::move(demo), historyForWindow);
    window.show();
    window.start();
    return QApplication::exec();
}

} // namespace marginwatch
