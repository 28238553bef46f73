#include "SnapshotFixtures.h"
#include "gui/history/HistoryView.h"
#include "io/history/HistoryStore.h"

#include <QFile>
#include <QLineSeries>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace marginwatch {

using namespace testing;

class TestHistoryView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void refresh_plotsRangeOfStore_data();
    void refresh_plotsRangeOfStore();
    void marginRatio_inPercent();
    void hover_showsReadout();
    void exportRange_usesDialogHookAndWritesThreeFiles();
    void exportRange_cancelled_writesNothing();
    void disabledStore_saysWhy();
    void stemFromChosenPath_data();
    void stemFromChosenPath();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<HistoryStore> m_store;
    qint64 m_now = 0;
};

void TestHistoryView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestHistoryView::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<HistoryStore>();
    QVERIFY(m_store->open(m_dir->filePath(u"h.sqlite"_s)));
    m_now = QDateTime::currentMSecsSinceEpoch();
    constexpr qint64 minute = 60 * 1000;
    m_store->setAccount(
        HistoryAccount::forCredentials(u"p"_s, u"Main"_s, QUrl(u"https://fapi.binance.com"_s), u"key"_s));
    for (qint64 ago : {3 * 24 * 60 * minute, 2 * 60 * minute, 30 * minute, 20 * minute, 10 * minute})
        m_store->record(sampleSnapshot(m_now - ago));
    m_store->waitForWrites();
}

void TestHistoryView::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestHistoryView::refresh_plotsRangeOfStore_data()
{
    QTest::addColumn<int>("range");
    QTest::addColumn<int>("points");
    QTest::newRow("1 h") << int(HistoryView::Range::LastHour) << 3;
    QTest::newRow("24 h") << int(HistoryView::Range::LastDay) << 4;
    QTest::newRow("7 d") << int(HistoryView::Range::LastWeek) << 5;
    QTest::newRow("all") << int(HistoryView::Range::All) << 5;
}

void TestHistoryView::refresh_plotsRangeOfStore()
{
    QFETCH(int, range);
    QFETCH(int, points);
    HistoryView view(m_store.get(), nullptr);
    view.setRange(HistoryView::Range(range));
    QCOMPARE(view.marginBalanceSeries()->count(), points);
    QCOMPARE(view.unrealizedProfitSeries()->count(), points);
    QCOMPARE(view.marginBalanceSeries()->at(points - 1).y(), 10000.0);
    QCOMPARE(view.statusText(), QString());
}

void TestHistoryView::marginRatio_inPercent()
{
    HistoryView view(m_store.get(), nullptr);
    view.setRange(HistoryView::Range::LastHour);
    QCOMPARE(view.marginRatioSeries()->count(), 3);
    QVERIFY(qAbs(view.marginRatioSeries()->at(0).y() - 1.72842) < 1e-9);
}

void TestHistoryView::hover_showsReadout()
{
    HistoryView view(m_store.get(), nullptr);
    view.setRange(HistoryView::Range::LastHour);
    const QPointF point = view.marginBalanceSeries()->at(0);
    Q_EMIT view.marginBalanceSeries()->hovered(point, true);
    QVERIFY2(view.readoutText().contains(u"Margin balance"_s), qPrintable(view.readoutText()));
    QVERIFY(view.readoutText().contains(QLocale().toString(10000.0, 'f', 2)));
    Q_EMIT view.marginBalanceSeries()->hovered(point, false);
    QVERIFY(view.readoutText().isEmpty());
}

void TestHistoryView::exportRange_usesDialogHookAndWritesThreeFiles()
{
    HistoryView view(m_store.get(), nullptr);
    view.setRange(HistoryView::Range::LastHour);
    int dialogs = 0;
    const QString chosen = m_dir->filePath(u"range-totals.csv"_s);
    view.setSaveFileDialog([&](QWidget*, const QString&, const QString& suggested, const QString&) {
        ++dialogs;
        return suggested.isEmpty() ? QString() : chosen;
    });
    QSignalSpy exported(&view, &HistoryView::exported);
    view.exportRange();
    QCOMPARE(dialogs, 1);
    QCOMPARE(exported.size(), 1);
    QCOMPARE(exported.constFirst().constFirst().toString(), m_dir->filePath(u"range"_s));
    QFile totals(m_dir->filePath(u"range-totals.csv"_s));
    QVERIFY(totals.open(QIODevice::ReadOnly));
    QCOMPARE(parseCsv(totals.readAll()).size(), 1 + 3); // the 1 h range only
    QVERIFY(QFile::exists(m_dir->filePath(u"range-assets.csv"_s)));
    QVERIFY(QFile::exists(m_dir->filePath(u"range-positions.csv"_s)));
}

void TestHistoryView::exportRange_cancelled_writesNothing()
{
    HistoryView view(m_store.get(), nullptr);
    view.setSaveFileDialog(
        [](QWidget*, const QString&, const QString&, const QString&) { return QString(); });
    QSignalSpy exported(&view, &HistoryView::exported);
    QSignalSpy failed(&view, &HistoryView::exportFailed);
    view.exportRange();
    QCOMPARE(exported.size(), 0);
    QCOMPARE(failed.size(), 0);
}

void TestHistoryView::disabledStore_saysWhy()
{
    HistoryView view(m_store.get(), nullptr);
    QFile blocker(m_dir->filePath(u"blocker"_s)); // a file where the database's folder should be
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QVERIFY(!m_store->open(m_dir->filePath(u"blocker/h.sqlite"_s)));
    view.refresh();
    QVERIFY2(view.statusText().contains(u"blocker"_s), qPrintable(view.statusText()));
    QCOMPARE(view.marginBalanceSeries()->count(), 0);
    QSignalSpy failed(&view, &HistoryView::exportFailed);
    view.exportRange();
    QCOMPARE(failed.size(), 1);
}

void TestHistoryView::stemFromChosenPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("stem");
    QTest::newRow("plain") << u"/tmp/x"_s << u"/tmp/x"_s;
    QTest::newRow(".csv") << u"/tmp/x.csv"_s << u"/tmp/x"_s;
    QTest::newRow("-totals.csv") << u"/tmp/x-totals.csv"_s << u"/tmp/x"_s;
    QTest::newRow("-positions.CSV") << u"/tmp/x-positions.CSV"_s << u"/tmp/x"_s;
    QTest::newRow("other suffix kept") << u"/tmp/x-2026.csv"_s << u"/tmp/x-2026"_s;
}

void TestHistoryView::stemFromChosenPath()
{
    QFETCH(QString, path);
    QFETCH(QString, stem);
    QCOMPARE(HistoryView::stemFromChosenPath(path), stem);
}

} // namespace marginwatch

QTEST_MAIN(marginwatch::TestHistoryView)
#include "tst_historyview.moc"
