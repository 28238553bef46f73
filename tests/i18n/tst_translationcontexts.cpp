// Every string the user sees reaches lupdate under the context it is looked up in. The test runs
// lupdate on the real sources, translates every extracted message to "[source]", compiles that with
// lrelease and installs it: a string whose extraction context differs from its lookup context, or
// that is never extracted, stays without brackets on screen.

#include "../gui/WindowFixtures.h"
#include "../gui/WindowProbe.h"
#include "TsFile.h"
#include "api/FailureDiagnosis.h"
#include "api/FailureText.h"
#include "gui/Endpoint.h"
#include "gui/SettingsDialog.h"
#include "model/AccountSemantics.h"
#include "model/AccountTableModels.h"
#include "settings/MemorySecretStore.h"
#include "settings/SettingsStore.h"
#include "ui_SettingsDialog.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace marginwatch;

namespace {

QString bracketed(const QString& source)
{
    return u'[' + source + u']';
}

// A pseudo-translated text starts with the bracket of its outermost translation.
bool isTranslated(const QString& text)
{
    return text.startsWith(u'[');
}

// Figures, symbols, codes and URLs ("BTCUSDT", "1,234.50", "12.30 %", "https://…") are data, not
// words to translate.
bool hasWords(const QString& text)
{
    static const QRegularExpression word(u"[a-z]{2,}"_s);
    return word.match(text).hasMatch() && !text.contains(u"://"_s);
}

// Widgets that show what the user or the exchange named (a profile's name, the overview's list of
// profiles).
bool showsData(const QWidget& w)
{
    return w.objectName() == u"profileName"_s || w.objectName() == u"overviewProfiles"_s;
}

// The standard buttons of a dialog keep Qt's texts, which Qt's own catalogue translates.
bool isQtStandardButton(const QWidget& w)
{
    const auto* box = qobject_cast<const QDialogButtonBox*>(w.parentWidget());
    const auto* button = qobject_cast<const QPushButton*>(&w);
    if (!box || !button
        || box->standardButton(const_cast<QPushButton*>(button)) == QDialogButtonBox::NoButton)
        return false;
    static const QStringList qtTexts{u"OK"_s,  u"Cancel"_s, u"Apply"_s, u"Close"_s, u"Save"_s,
                                     u"Yes"_s, u"No"_s,     u"Help"_s,  u"Reset"_s, u"Restore Defaults"_s};
    return qtTexts.contains(QString(button->text()).remove(u'&'));
}

// Everything a user reads in `root`: menus, actions, labels, buttons, combo boxes, tabs, column
// headers, tool tips and names for screen readers. Data (figures, symbols) is left out.
QStringList untranslatedTexts(const QWidget& root)
{
    QStringList untranslated;
    const auto check = [&untranslated](const QString& what, const QString& text) {
        QString plain = text;
        plain.remove(QRegularExpression(u"<[^>]*>"_s));
        plain.remove(QRegularExpression(u"^[^\\w\\[]+"_s)); // a leading symbol: "● ", "✘ "
        if (hasWords(plain) && !isTranslated(plain.trimmed()))
            untranslated << u"%1: %2"_s.arg(what, text);
    };
    QList<const QWidget*> widgets{&root};
    for (const QWidget* w : root.findChildren<QWidget*>())
        widgets << w;
    for (const QWidget* w : std::as_const(widgets)) {
        // Qt's own widgets inside ours (a tab bar's scroll buttons, a dock's float and close buttons)
        // are translated by Qt's catalogue.
        const bool dockButton = qobject_cast<const QDockWidget*>(w->parentWidget())
                                && w->objectName().startsWith(u"qt_dockwidget_"_s);
        if (qobject_cast<const QTabBar*>(w->parentWidget()) || dockButton || isQtStandardButton(*w)
            || showsData(*w))
            continue;
        const QString name = QString::fromLatin1(w->metaObject()->className()) + u' ' + w->objectName();
        if (w->isWindow())
            check(name + u" title"_s, w->windowTitle());
        check(name + u" tool tip"_s, w->toolTip());
        check(name + u" accessible name"_s, w->accessibleName());
        check(name + u" accessible description"_s, w->accessibleDescription());
        if (const auto* label = qobject_cast<const QLabel*>(w))
            check(name, label->text());
        if (const auto* button = qobject_cast<const QAbstractButton*>(w))
            check(name, button->text());
        if (const auto* edit = qobject_cast<const QLineEdit*>(w))
            check(name + u" placeholder"_s, edit->placeholderText());
        if (const auto* combo = qobject_cast<const QComboBox*>(w); combo && !combo->isEditable()) {
            for (int i = 0; i < combo->count(); ++i)
                check(name, combo->itemText(i));
        }
        if (const auto* tabs = qobject_cast<const QTabWidget*>(w)) {
            for (int i = 0; i < tabs->count(); ++i)
                check(name + u" tab"_s, tabs->tabText(i));
        }
        if (const auto* header = qobject_cast<const QHeaderView*>(w); header && header->model()) {
            for (int i = 0; i < header->count(); ++i) {
                check(name + u" column"_s, header->model()->headerData(i, header->orientation()).toString());
                check(name + u" column tool tip"_s,
                      header->model()->headerData(i, header->orientation(), Qt::ToolTipRole).toString());
            }
        }
    }
    for (const QAction* action : root.findChildren<QAction*>()) {
        check(u"action "_s + action->objectName(), action->text());
        if (action->toolTip() != QString(action->text()).remove(u'&'))
            check(u"action tool tip "_s + action->objectName(), action->toolTip());
    }
    for (const QMenu* menu : root.findChildren<QMenu*>()) {
        check(u"menu "_s + menu->objectName(), menu->title());
        for (const QAction* action : menu->actions())
            check(u"menu item"_s, action->text());
    }
    for (const QString& text : std::as_const(untranslated))
        qWarning("untranslated: %s", qPrintable(text));
    return untranslated;
}

} // namespace

class TestTranslationContexts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void lupdate_findsEveryContext();
    void settingsDialog_isTranslated();
    void columnTitles_areTranslated_data();
    void columnTitles_areTranslated();
    void diagnoses_areTranslated();
    void modeTexts_areTranslated();
    void mainWindow_showsNoUntranslatedText();
    void problemBanner_showsATranslatedDiagnosis();
    void settingsDialog_showsNoUntranslatedText();

private:
    QTemporaryDir m_dir;
    QTranslator m_translator;
    QString m_lupdateReport;
};

void TestTranslationContexts::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    // Named like the real file, so that lupdate gives it German plural forms.
    const QString ts = m_dir.filePath(u"marginwatch_de.ts"_s);
    const QString qm = m_dir.filePath(u"pseudo.qm"_s);
    const Expected<QString> extracted = test::runLupdate(ts);
    QVERIFY2(extracted, qPrintable(extracted.error()));
    m_lupdateReport = *extracted;
    const Expected<QList<test::TsMessage>> messages = test::readTs(ts);
    QVERIFY2(messages, qPrintable(messages.error()));
    QVERIFY(messages->size() > 100);
    const Expected<void> translated = test::translateAll(ts, bracketed);
    QVERIFY2(translated, qPrintable(translated.error()));
    const Expected<void> compiled = test::runLrelease(ts, qm);
    QVERIFY2(compiled, qPrintable(compiled.error()));
    QVERIFY(m_translator.load(qm));
    QVERIFY(QCoreApplication::installTranslator(&m_translator));
}

void TestTranslationContexts::cleanupTestCase()
{
    QCoreApplication::removeTranslator(&m_translator);
}

// lupdate warns when it cannot tell a tr() call's class ("Class 'marginwatch' lacks Q_OBJECT macro",
// "Cannot invoke tr() like this"): the context it records is then not the one looked up at run time.
void TestTranslationContexts::lupdate_findsEveryContext()
{
    QVERIFY2(
        m_lupdateReport.trimmed().isEmpty(),
        qPrintable(u"\nlupdate could not tell the context of these strings; use tr() in a Q_OBJECT class, "
                   "QCoreApplication::translate(\"Context\", \"…\") or a struct with "
                   "Q_DECLARE_TR_FUNCTIONS (docs/TRANSLATING.md):\n"_s
                   + m_lupdateReport));
}

// Captions from the Designer form (looked up by uic's retranslateUi) and from the dialog's code.
void TestTranslationContexts::settingsDialog_isTranslated()
{
    QTemporaryDir dir;
    QSettings qsettings(dir.filePath(u"s.conf"_s), QSettings::IniFormat);
    SettingsStore settings(qsettings);
    MemorySecretStore secrets;
    SettingsDialog dialog(settings, &secrets);
    QCOMPARE(dialog.windowTitle(), u"[Settings]"_s);
    QVERIFY2(isTranslated(dialog.ui()->nameEditLabel->text()),
             qPrintable(dialog.ui()->nameEditLabel->text()));
    for (int i = 0; i < dialog.ui()->serverCombo->count(); ++i)
        QVERIFY2(isTranslated(dialog.ui()->serverCombo->itemText(i)),
                 qPrintable(dialog.ui()->serverCombo->itemText(i)));
}

void TestTranslationContexts::columnTitles_areTranslated_data()
{
    QTest::addColumn<QString>("table");
    QTest::newRow("positions") << u"positions"_s;
    QTest::newRow("assets") << u"assets"_s;
}

void TestTranslationContexts::columnTitles_areTranslated()
{
    QFETCH(QString, table);
    PositionTableModel positions;
    AssetTableModel assets;
    const QAbstractItemModel& model =
        table == u"positions"_s ? static_cast<const QAbstractItemModel&>(positions) : assets;
    QVERIFY(model.columnCount() > 0);
    for (int column = 0; column < model.columnCount(); ++column) {
        for (const int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)}) {
            const QString text = model.headerData(column, Qt::Horizontal, role).toString();
            QVERIFY2(isTranslated(text), qPrintable(u"column %1: %2"_s.arg(column).arg(text)));
        }
    }
}

void TestTranslationContexts::diagnoses_areTranslated()
{
    ResponseFacts facts;
    facts.endpoint = u"/fapi/v3/account"_s;
    facts.host = u"fapi.binance.com"_s;
    facts.httpStatus = 503;
    const std::optional<ApiFailure> unavailable = diagnose(facts);
    QVERIFY(unavailable);
    QVERIFY2(isTranslated(unavailable->explanation), qPrintable(unavailable->explanation));

    const ApiFailure bad = badResponseFailure(u"/fapi/v3/account"_s, u"missing field"_s, 0);
    QVERIFY2(isTranslated(bad.explanation), qPrintable(bad.explanation));
    QVERIFY(isTranslated(FailureText::network(QNetworkReply::HostNotFoundError, std::chrono::seconds(10))));
    QVERIFY(isTranslated(FailureText::binanceCode(-2015, u"Invalid API-key"_s, 0, 5000)));
}

void TestTranslationContexts::modeTexts_areTranslated()
{
    AccountSnapshot snapshot;
    snapshot.accountMode = AccountMode::MultiAssets;
    QVERIFY2(isTranslated(totalsScopeLabel(snapshot)), qPrintable(totalsScopeLabel(snapshot)));
    QVERIFY(isTranslated(totalsScopeExplanation(snapshot)));
    QVERIFY(isTranslated(positionModeLabel(PositionMode::Hedge)));
    QVERIFY(isTranslated(Endpoint::forUrl(QUrl(u"https://fapi.binance.com"_s)).badgeText()));
}

void TestTranslationContexts::mainWindow_showsNoUntranslatedText()
{
    test::SimulatorWindowFixture f = test::openSimulatorWindow(SimScenario::Multi);
    QTRY_VERIFY_WITH_TIMEOUT(test::totalText(*f.window, u"totalWalletBalance"_s) != u"—"_s, 10000);
    const QStringList untranslated = untranslatedTexts(*f.window);
    QVERIFY2(untranslated.isEmpty(),
             qPrintable(u"%1 texts are not translated (listed above)"_s.arg(untranslated.size())));
}

// A refused key: the diagnosis reaches the problem banner through the client, the poller and the window.
void TestTranslationContexts::problemBanner_showsATranslatedDiagnosis()
{
    test::ProfileWindowFixture f(test::ProfileWindowFixture::kSecret, false);
    f.window->openProfile(f.profile.id);
    QTRY_VERIFY_WITH_TIMEOUT(!test::problemText(*f.window).isEmpty(), 10000);
    QVERIFY2(isTranslated(test::problemText(*f.window)), qPrintable(test::problemText(*f.window)));
    const QStringList untranslated = untranslatedTexts(*f.window);
    QVERIFY2(untranslated.isEmpty(),
             qPrintable(u"%1 texts are not translated (listed above)"_s.arg(untranslated.size())));
}

void TestTranslationContexts::settingsDialog_showsNoUntranslatedText()
{
    QTemporaryDir dir;
    QSettings qsettings(dir.filePath(u"s.conf"_s), QSettings::IniFormat);
    SettingsStore settings(qsettings);
    MemorySecretStore secrets;
    SettingsDialog dialog(settings, &secrets);
    dialog.addProfile();
    const QStringList untranslated = untranslatedTexts(dialog);
    QVERIFY2(untranslated.isEmpty(),
             qPrintable(u"%1 texts are not translated (listed above)"_s.arg(untranslated.size())));
}

QTEST_MAIN(TestTranslationContexts)
#include "tst_translationcontexts.moc"
