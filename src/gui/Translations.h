#pragma once

#include "settings/UiLanguage.h"

#include <QList>

class QObject;
class QTranslator;

namespace marginwatch {

// Installs Qt's translations (dialog buttons) and marginwatch's (embedded under :/i18n) for
// `language`; none for English, the language of the sources. The translators are children of
// `owner`; deleting one uninstalls it.
QList<QTranslator*> installTranslations(QObject* owner, UiLanguage language);

} // namespace marginwatch
