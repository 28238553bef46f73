// Every user-visible string has a German translation: the committed marginwatch_de.ts is complete,
// and lupdate run on the current sources (into a temporary copy, never the file in the tree) finds no
// string that it lacks. Placeholders and plural forms survive translation, and the app really loads
// the German translation it embeds.

#include "TsFile.h"
#include "gui/Translations.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace marginwatch;

namespace {

const QString kTsInTree = QStringLiteral(MARGINWATCH_SOURCE_DIR "/resources/translations/marginwatch_de.ts");

const char* const kHowToFix =
    "\nHow to fix: run `cmake --build --preset dev --target marginwatch_gui_lupdate` (it updates "
    "resources/translations/marginwatch_de.ts from the sources), then translate each message listed above in "
    "that file: open it in Qt Linguist (`/usr/lib/qt6/bin/linguist resources/translations/marginwatch_de.ts`) "
    "or fill in its <translation> element and remove type=\"unfinished\". Keep %1, %2, %n and the "
    "glossary of docs/TRANSLATING.md.";

QString describe(const test::TsMessage& m)
{
    return u"  [%1] \"%2\""_s.arg(m.context, m.source);
}

// Why a message is not a usable translation, or empty when it is.
QString problemOf(const test::TsMessage& m)
{
    if (m.type == u"vanished"_s || m.type == u"obsolete"_s)
        return u"no longer in the sources (%1)"_s.arg(m.type);
    if (m.type == u"unfinished"_s)
        return u"no German translation"_s;
    if (m.translations.isEmpty()
        || std::any_of(m.translations.cbegin(), m.translations.cend(),
                       [](const QString& t) { return t.trimmed().isEmpty(); }))
        return u"an empty translation"_s;
    if (m.numerus && m.translations.size() != 2)
        return u"%1 plural forms instead of German's 2"_s.arg(m.translations.size());
    static const QRegularExpression placeholder(u"%(\\d+|n)"_s);
    const auto placeholders = [](const QString& text) {
        QSet<QString> found;
        for (auto it = placeholder.globalMatch(text); it.hasNext();)
            found.insert(it.next().captured(0));
        return found;
    };
    const QSet<QString> wanted = placeholders(m.source);
    for (const QString& translation : m.translations) {
        QSet<QString> got = placeholders(translation);
        // German's singular may spell the number out ("ein Asset") where the source has %n.
        if (m.numerus && translation == m.translations.first())
            got.insert(u"%n"_s);
        if (got != wanted) {
            return u"placeholders differ: \"%1\" has %2"_s.arg(
                translation, QStringList(got.cbegin(), got.cend()).join(u' '));
        }
    }
    return {};
}

QStringList problems(const QList<test::TsMessage>& messages)
{
    QStringList lines;
    for (const test::TsMessage& m : messages) {
        if (const QString problem = problemOf(m); !problem.isEmpty())
            lines << describe(m) + u": "_s + problem;
    }
    return lines;
}

} // namespace

class TestGermanTranslation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void fileInTree_isComplete();
    void currentSources_haveNoUntranslatedString();
    void problems_areFound_data();
    void problems_areFound();
    void embeddedTranslation_isLoadedForGerman();
};

void TestGermanTranslation::fileInTree_isComplete()
{
    const Expected<QList<test::TsMessage>> messages = test::readTs(kTsInTree);
    QVERIFY2(messages, qPrintable(messages.error()));
    QVERIFY(!messages->isEmpty());
    const QStringList lines = problems(*messages);
    QVERIFY2(lines.isEmpty(),
             qPrintable(u"\n%1 messages of marginwatch_de.ts are not translated:\n%2%3"_s.arg(lines.size())
                            .arg(lines.join(u'\n'), QString::fromUtf8(kHowToFix))));
}

// A string added to the sources without a translation appears here as unfinished; one whose source
// changed keeps its old translation only as an unfinished suggestion.
void TestGermanTranslation::currentSources_haveNoUntranslatedString()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(u"marginwatch_de.ts"_s);
    QVERIFY(QFile::copy(kTsInTree, copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    const Expected<QString> updated = test::runLupdate(copy);
    QVERIFY2(updated, qPrintable(updated.error()));
    const Expected<QList<test::TsMessage>> messages = test::readTs(copy);
    QVERIFY2(messages, qPrintable(messages.error()));
    const QStringList lines = problems(*messages);
    QVERIFY2(lines.isEmpty(),
             qPrintable(u"\n%1 user-visible strings in the sources have no German translation:\n%2%3"_s
                            .arg(lines.size())
                            .arg(lines.join(u'\n'), QString::fromUtf8(kHowToFix))));

    // Messages the sources no longer have cost nothing at run time (translations may be added before
    // their strings land), so they are only reported; the lupdate target drops them.
    const Expected<QList<test::TsMessage>> committed = test::readTs(kTsInTree);
    QVERIFY2(committed, qPrintable(committed.error()));
    QSet<QString> current;
    for (const test::TsMessage& m : *messages)
        current.insert(m.context + u'\x1f' + m.source + u'\x1f' + m.comment);
    for (const test::TsMessage& m : *committed) {
        if (!current.contains(m.context + u'\x1f' + m.source + u'\x1f' + m.comment))
            qWarning(
                "not in the sources (cmake --build --preset dev --target marginwatch_gui_lupdate drops it):%s",
                qPrintable(describe(m)));
    }
}

// The checks above find what they are meant to find.
void TestGermanTranslation::problems_areFound_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<bool>("numerus");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QStringList>("translations");
    QTest::addColumn<bool>("usable");
    const QString none;
    QTest::newRow("translated") << u"Wallet balance"_s << false << none << QStringList{u"Wallet-Guthaben"_s}
                                << true;
    QTest::newRow("unfinished") << u"Wallet balance"_s << false << u"unfinished"_s << QStringList{QString()}
                                << false;
    QTest::newRow("unfinished suggestion")
        << u"Wallet balance"_s << false << u"unfinished"_s << QStringList{u"Wallet-Guthaben"_s} << false;
    QTest::newRow("vanished") << u"Gone"_s << false << u"vanished"_s << QStringList{u"Weg"_s} << false;
    QTest::newRow("empty") << u"Wallet balance"_s << false << none << QStringList{u" "_s} << false;
    QTest::newRow("placeholder kept") << u"%1: %2"_s << false << none << QStringList{u"%1: %2"_s} << true;
    QTest::newRow("placeholder lost") << u"%1 assets"_s << false << none << QStringList{u"Assets"_s} << false;
    QTest::newRow("placeholder added")
        << u"Assets"_s << false << none << QStringList{u"%1 Assets"_s} << false;
    QTest::newRow("plural") << u"%n position(s)"_s << true << none
                            << QStringList{u"%n Position"_s, u"%n Positionen"_s} << true;
    QTest::newRow("plural singular spelled out")
        << u"%n position(s)"_s << true << none << QStringList{u"eine Position"_s, u"%n Positionen"_s} << true;
    QTest::newRow("plural without %n")
        << u"%n position(s)"_s << true << none << QStringList{u"%n Position"_s, u"Positionen"_s} << false;
    QTest::newRow("plural one form") << u"%n position(s)"_s << true << none << QStringList{u"%n Position"_s}
                                     << false;
}

void TestGermanTranslation::problems_areFound()
{
    QFETCH(QString, source);
    QFETCH(bool, numerus);
    QFETCH(QString, type);
    QFETCH(QStringList, translations);
    QFETCH(bool, usable);
    const test::TsMessage message{u"Context"_s, source, {}, numerus, type, translations};
    QCOMPARE(problemOf(message).isEmpty(), usable);
}

// The launcher's path: View → Language → Deutsch (or a German system) installs the embedded .qm.
void TestGermanTranslation::embeddedTranslation_isLoadedForGerman()
{
    QVERIFY(QFile::exists(u":/i18n/marginwatch_de.qm"_s));
    QCOMPARE(installTranslations(this, UiLanguage::English).size(), 0);
    QCOMPARE(QCoreApplication::translate("marginwatch::AccountWindow", "&File"), u"&File"_s);
    const QList<QTranslator*> installed = installTranslations(this, UiLanguage::German);
    QVERIFY(!installed.isEmpty());
    QCOMPARE(QCoreApplication::translate("marginwatch::AccountWindow", "&File"), u"&Datei"_s);
    QCOMPARE(QCoreApplication::translate("FailureText", "no error"), u"kein Fehler"_s);
    qDeleteAll(installed);
    QCOMPARE(QCoreApplication::translate("marginwatch::AccountWindow", "&File"), u"&File"_s);
}

QTEST_MAIN(TestGermanTranslation)
#include "tst_germantranslation.moc"
