#include "settings/UiLanguage.h"

namespace marginwatch {

std::optional<QLocale> translationLocale(UiLanguage language, const QLocale& system)
{
    switch (language) {
    case UiLanguage::System:
        return system;
    case UiLanguage::English:
        return std::nullopt;
    case UiLanguage::German:
        return QLocale(QLocale::German, QLocale::Germany);
    }
    return system;
}

} // namespace marginwatch
