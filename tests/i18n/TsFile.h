#pragma once
// Translation files for the translation tests: lupdate run on the real sources (the list CMake
// gives lupdate, cmake/MarginwatchTranslations.cmake) into a file of the test's own, the messages
// read back, and a .ts compiled with lrelease. Everything works on temporary copies: a test never
// rewrites the .ts files in the source tree.

#include "util/Expected.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace marginwatch::test {

struct TsMessage
{
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    QString type;             // of <translation>: "", "unfinished", "vanished" or "obsolete"
    QStringList translations; // one, or one per plural form
};

// Runs lupdate over the translatable sources into tsPath (created when missing, else merged); the
// value is what lupdate reported (its warnings), empty when it had nothing to say.
Expected<QString> runLupdate(const QString& tsPath);
// Compiles tsPath into qmPath.
Expected<void> runLrelease(const QString& tsPath, const QString& qmPath);

Expected<QList<TsMessage>> readTs(const QString& tsPath);
// Rewrites tsPath so that every message is translated by f(source) (every plural form alike).
Expected<void> translateAll(const QString& tsPath, QString (*f)(const QString& source));

} // namespace marginwatch::test
