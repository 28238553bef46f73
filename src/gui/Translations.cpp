#include "gui/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace marginwatch {

using namespace Qt::StringLiterals;

QList<QTranslator*> installTranslations(QObject* owner, UiLanguage language)
{
    const std::optional<QLocale> locale = translationLocale(language);
    if (!locale)
        return {};
    QList<QTranslator*> installed;
    const auto install = [&](const QString& name, const QString& directory) {
        auto* translator = new QTranslator(owner);
        if (translator->load(*locale, name, u"_"_s, directory)
            && QCoreApplication::installTranslator(translator))
            installed << translator;
        else
            delete translator;
    };
    install(u"qtbase"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    install(u"marginwatch"_s, u":/i18n"_s);
    return installed;
}

} // namespace marginwatch
