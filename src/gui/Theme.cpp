#include "gui/Theme.h"

#include <QApplication>
#include <QMetaEnum>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

struct SystemLook
{
    QString styleName;
    QPalette palette;
    bool captured = false;
};

SystemLook& systemLook()
{
    static SystemLook look;
    return look;
}

Preferences::Theme& currentTheme()
{
    static Preferences::Theme theme = Preferences::Theme::System;
    return theme;
}

void readGroup(QSettings& file, const QString& group, QPalette::ColorGroup colourGroup, QPalette& palette)
{
    const QMetaEnum roles = QMetaEnum::fromType<QPalette::ColorRole>();
    file.beginGroup(group);
    for (const QString& key : file.childKeys()) {
        bool ok = false;
        const int role = roles.keyToValue(key.toLatin1().constData(), &ok);
        const QColor colour = QColor::fromString(file.value(key).toString());
        if (ok && colour.isValid()) {
            if (colourGroup == QPalette::All)
                palette.setColor(static_cast<QPalette::ColorRole>(role), colour);
            else
                palette.setColor(colourGroup, static_cast<QPalette::ColorRole>(role), colour);
        }
    }
    file.endGroup();
}

struct SemanticColours
{
    QColor gain;
    QColor loss;
    QColor warning;
    bool loaded = false;
};

// Read once per theme change: delegates ask for these on every cell they paint.
SemanticColours& semanticColours()
{
    static SemanticColours colours;
    if (!colours.loaded) {
        QSettings file(Theme::isDark() ? u":/palettes/dark.ini"_s : u":/palettes/light.ini"_s,
                       QSettings::IniFormat);
        const auto read = [&file](const char* key, QColor fallback) {
            const QColor colour =
                QColor::fromString(file.value(u"Colors/"_s + QLatin1StringView(key)).toString());
            return colour.isValid() ? colour : fallback;
        };
        colours.gain = read("Gain", QColor(0x2e7d32));
        colours.loss = read("Loss", QColor(0xc62828));
        colours.warning = read("Warning", QColor(0xef6c00));
        colours.loaded = true;
    }
    return colours;
}

} // namespace

QPalette Theme::loadPalette(const QString& resourcePath)
{
    QPalette palette;
    QSettings file(resourcePath, QSettings::IniFormat);
    readGroup(file, u"Normal"_s, QPalette::All, palette);
    readGroup(file, u"Disabled"_s, QPalette::Disabled, palette);
    return palette;
}

void Theme::apply(Preferences::Theme theme)
{
    SystemLook& look = systemLook();
    if (!look.captured) {
        look.styleName = QApplication::style()->name();
        look.palette = QApplication::palette();
        look.captured = true;
    }
    currentTheme() = theme;
    switch (theme) {
    case Preferences::Theme::System:
        QApplication::setStyle(QStyleFactory::create(look.styleName));
        QApplication::setPalette(look.palette);
        break;
    case Preferences::Theme::Light:
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        QApplication::setPalette(loadPalette(u":/palettes/light.ini"_s));
        break;
    case Preferences::Theme::Dark:
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        QApplication::setPalette(loadPalette(u":/palettes/dark.ini"_s));
        break;
    }
    semanticColours().loaded = false;
}

Preferences::Theme Theme::current()
{
    return currentTheme();
}

bool Theme::isDark()
{
    const QPalette palette = QApplication::palette();
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

QColor Theme::gainColor()
{
    return semanticColours().gain;
}

QColor Theme::lossColor()
{
    return semanticColours().loss;
}

QColor Theme::warningColor()
{
    return semanticColours().warning;
}

} // namespace marginwatch
