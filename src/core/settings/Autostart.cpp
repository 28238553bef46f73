#include "settings/Autostart.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

const QString kEntryName = u"io.github.marginwatch.Marginwatch.desktop"_s;

QString xdgConfigHome()
{
    const QString fromEnvironment = qEnvironmentVariable("XDG_CONFIG_HOME");
    // The specification ignores a relative path.
    if (!fromEnvironment.isEmpty() && QDir::isAbsolutePath(fromEnvironment))
        return fromEnvironment;
    return QDir::home().filePath(u".config"_s);
}

} // namespace

Autostart::Autostart(QString configHome)
    : m_configHome(configHome.isEmpty() ? xdgConfigHome() : std::move(configHome))
{}

QString Autostart::entryPath() const
{
    return QDir(m_configHome).filePath(u"autostart/"_s + kEntryName);
}

bool Autostart::isEnabled() const
{
    QFile file(entryPath());
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = file.read(64 * 1024);
    return text.contains("[Desktop Entry]") && !text.contains("\nHidden=true");
}

QString Autostart::quotedExecArgument(const QString& argument)
{
    // Desktop Entry Specification, "The Exec key": quote with double quotes and escape ", `, $ and \.
    QString escaped;
    for (const QChar c : argument) {
        if (c == u'%') { // a field code otherwise
            escaped += u"%%"_s;
            continue;
        }
        if (c == u'"' || c == u'`' || c == u'$' || c == u'\\')
            escaped += u'\\';
        escaped += c;
    }
    // The file is a desktop entry, where a backslash itself is escaped once more.
    escaped.replace(u"\\"_s, u"\\\\"_s);
    return u'"' + escaped + u'"';
}

QByteArray Autostart::entryText(const QString& executable)
{
    return QStringLiteral("[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=marginwatch\n"
                          "Comment=Watch Binance USD-M Futures margin from the system tray\n"
                          "Exec=%1 --minimized\n"
                          "Icon=io.github.marginwatch.Marginwatch\n"
                          "Terminal=false\n"
                          "X-GNOME-Autostart-enabled=true\n")
        .arg(quotedExecArgument(executable))
        .toUtf8();
}

Expected<void> Autostart::setEnabled(bool enabled, const QString& executable) const
{
    const QString path = entryPath();
    if (!enabled) {
        if (QFile::exists(path) && !QFile::remove(path))
            return failure(
                QCoreApplication::translate("Autostart", "The autostart entry %1 could not be removed.")
                    .arg(path));
        return {};
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return failure(
            QCoreApplication::translate("Autostart", "The folder of %1 could not be created.").arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return failure(
            QCoreApplication::translate("Autostart", "The autostart entry %1 could not be written: %2")
                .arg(path, file.errorString()));
    }
    file.write(entryText(executable));
    if (!file.commit())
        return failure(
            QCoreApplication::translate("Autostart", "The autostart entry %1 could not be written: %2")
                .arg(path, file.errorString()));
    return {};
}

} // namespace marginwatch
