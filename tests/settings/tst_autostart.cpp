// "Start at login": the XDG autostart entry, written to and removed from a temporary
// $XDG_CONFIG_HOME, never the user's.
#include "settings/Autostart.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace marginwatch {

class TestAutostart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_configHome.isValid());
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_configHome.path()));
    }

    void entry_isWrittenUnderXdgConfigHome_andRemoved()
    {
        const Autostart autostart; // from $XDG_CONFIG_HOME
        QCOMPARE(autostart.entryPath(),
                 m_configHome.filePath(u"autostart/io.github.marginwatch.Marginwatch.desktop"_s));
        QVERIFY(!autostart.isEnabled());

        const Expected<void> on = autostart.setEnabled(true, u"/opt/market tools/marginwatch"_s);
        QVERIFY2(on, qPrintable(on ? QString() : on.error()));
        QVERIFY(autostart.isEnabled());
        QFile file(autostart.entryPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY2(text.contains("Exec=\"/opt/market tools/marginwatch\" --minimized\n"), text.constData());
        QVERIFY(text.startsWith("[Desktop Entry]\n"));

        const Expected<void> off = autostart.setEnabled(false, {});
        QVERIFY(off);
        QVERIFY(!QFile::exists(autostart.entryPath()));
        QVERIFY(!autostart.isEnabled());
        QVERIFY(autostart.setEnabled(false, {})); // removing what is not there is fine
    }

    void entry_passesDesktopFileValidate()
    {
        const QString validator = QStandardPaths::findExecutable(u"desktop-file-validate"_s);
        if (validator.isEmpty())
            QSKIP("desktop-file-validate is not installed");
        const Autostart autostart;
        QVERIFY(autostart.setEnabled(true, u"/usr/bin/marginwatch"_s));
        QProcess process;
        process.start(validator, {autostart.entryPath()});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        const QByteArray output = process.readAllStandardOutput() + process.readAllStandardError();
        QVERIFY2(!output.contains("error"), output.constData());
        QVERIFY(autostart.setEnabled(false, {}));
    }

    void hiddenEntry_isOff()
    {
        const Autostart autostart;
        QVERIFY(autostart.setEnabled(true, u"/usr/bin/marginwatch"_s));
        QFile file(autostart.entryPath());
        QVERIFY(file.open(QIODevice::Append));
        file.write("Hidden=true\n"); // how desktops switch an entry off without deleting it
        file.close();
        QVERIFY(!autostart.isEnabled());
        QVERIFY(autostart.setEnabled(false, {}));
    }

    void quotedExecArgument_data()
    {
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("plain") << u"/usr/bin/marginwatch"_s << u"\"/usr/bin/marginwatch\""_s;
        QTest::newRow("space") << u"/a b/mw"_s << u"\"/a b/mw\""_s;
        QTest::newRow("dollar") << u"/a$b/mw"_s << u"\"/a\\\\$b/mw\""_s;
        QTest::newRow("quote") << u"/a\"b/mw"_s << u"\"/a\\\\\"b/mw\""_s;
        QTest::newRow("backslash") << u"/a\\b/mw"_s << u"\"/a\\\\\\\\b/mw\""_s;
        QTest::newRow("percent") << u"/100%/mw"_s << u"\"/100%%/mw\""_s;
    }

    void quotedExecArgument()
    {
        QFETCH(QString, argument);
        QFETCH(QString, quoted);
        QCOMPARE(Autostart::quotedExecArgument(argument), quoted);
    }

private:
    QTemporaryDir m_configHome;
};

} // namespace marginwatch

QTEST_GUILESS_MAIN(marginwatch::TestAutostart)
#include "tst_autostart.moc"
