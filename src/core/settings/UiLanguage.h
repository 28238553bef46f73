#pragma once

#include <QLocale>

#include <optional>

namespace marginwatch {

// The language of the user interface: the system's, or one chosen under View → Language.
enum class UiLanguage
{
    System,
    English,
    German,
};

// The locale whose translations to load; nullopt for English, the language the sources are written in.
std::optional<QLocale> translationLocale(UiLanguage language, const QLocale& system = QLocale::system());

} // namespace marginwatch
