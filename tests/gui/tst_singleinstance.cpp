// A second launch raises the first instead of starting another poller: two instances in one process.
#include "gui/SingleInstance.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace marginwatch {

class TestSingleInstance : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void secondInstance_raisesTheFirst()
    {
        QTemporaryDir dir;
        const QString name = dir.filePath(u"marginwatch-test.socket"_s);
        SingleInstance first(name);
        QVERIFY(first.claim());
        QSignalSpy raised(&first, &SingleInstance::raiseRequested);

        SingleInstance second(name);
        QVERIFY2(!second.claim(), "the second instance must step back");
        QVERIFY(raised.wait(5000));
        QCOMPARE(raised.count(), 1);

        SingleInstance third(name);
        QVERIFY(!third.claim());
        QTRY_COMPARE(raised.count(), 2);
    }

    void leftoverSocketFile_doesNotBlockTheNextStart()
    {
        QTemporaryDir dir;
        const QString name = dir.filePath(u"marginwatch-test.socket"_s);
        {
            QFile leftover(name); // as after a crash: the file is there, nobody listens
            QVERIFY(leftover.open(QIODevice::WriteOnly));
        }
        SingleInstance instance(name);
        QVERIFY(instance.claim());
        SingleInstance later(name);
        QVERIFY(!later.claim());
    }

    void afterTheFirstQuits_theNextOneRuns()
    {
        QTemporaryDir dir;
        const QString name = dir.filePath(u"marginwatch-test.socket"_s);
        {
            SingleInstance first(name);
            QVERIFY(first.claim());
        }
        SingleInstance next(name);
        QVERIFY(next.claim());
    }
};

} // namespace marginwatch

QTEST_MAIN(marginwatch::TestSingleInstance)
#include "tst_singleinstance.moc"
