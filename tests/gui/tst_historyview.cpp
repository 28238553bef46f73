#include "SnapshotFixtures.h"
#include "gui/history/HistoryChartView.h"
#include "gui/history/HistoryView.h"
#include "io/SnapshotCsvFormat.h"
#include "io/history/HistoryStore.h"

#include <QChart>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QFile>
#include <QLineSeries>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

#include <cmath>

using namespace Qt::StringLiterals;

namespace marginwatch {

using namespace testing;

namespace {

constexpr qint64 kMinute = 60 * 1000;

HistoryAccount mainAccount()
{
    return HistoryAccount::forCredentials(u"p"_s, u"Main"_s, QUrl(u"https://fapi.binance.com"_s), u"key"_s);
}

HistoryAccount secondAccount()
{
    return HistoryAccount::forCredentials(u"q"_s, u"Second"_s, QUrl(u"https://fapi.binance.com"_s),
                                          u"other"_s);
}

// A step of 1, 2, 2.5 or 5 × 10^n.
bool isNiceStep(double step)
{
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    for (const double nice : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (std::abs(mantissa - nice) < 1e-6)
            return true;
    }
    return false;
}

} // namespace

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
    void unrealizedProfit_onItsOwnAxis();
    void axes_tickOnRoundNumbersAndRoundTimes();
    void mouseOverChart_readsOutThePollUnderTheCursor();
    void accounts_currentShown_chooserWhenSeveral();
    void simulator_saysItIsNotRecorded();
    void damagedDatabase_noticeShown();
    void exportRange_usesDialogHookAndWritesThreeFiles();
    void exportRange_cancelled_writesNothing();
    void disabledStore_saysWhy();
    void stemFromChosenPath_data();
    void stemFromChosenPath();

private:
    void record(const HistoryAccount& account, const AccountSnapshot& snapshot);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<HistoryStore> m_store;
    qint64 m_now = 0;
};

void TestHistoryView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestHistoryView::record(const HistoryAccount& account, const AccountSnapshot& snapshot)
{
    m_store->setAccount(account);
    m_store->record(snapshot);
    m_store->waitForWrites();
}

void TestHistoryView::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<HistoryStore>();
    QVERIFY(m_store->open(m_dir->filePath(u"h.sqlite"_s)));
    m_now = QDateTime::currentMSecsSinceEpoch();
    m_store->setAccount(mainAccount());
    const qint64 agos[] = {3 * 24 * 60 * kMinute, 2 * 60 * kMinute, 30 * kMinute, 20 * kMinute, 10 * kMinute};
    for (const qint64 ago : agos) {
        AccountSnapshot s = sampleSnapshot(m_now - ago);
        // uPnL moves by tens while the balance stays in the ten thousands.
        s.totals.totalUnrealizedProfit = dec(std::to_string(-int(ago / kMinute) % 37));
        m_store->record(s);
    }
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
    QTest::newRow("15 min") << int(HistoryView::Range::Last15Minutes) << 1;
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

void TestHistoryView::unrealizedProfit_onItsOwnAxis()
{
    HistoryView view(m_store.get(), nullptr);
    view.setRange(HistoryView::Range::All);
    const QList<QAbstractAxis*> pnlAxes = view.unrealizedProfitSeries()->attachedAxes();
    QVERIFY(pnlAxes.contains(view.unrealizedProfitAxis()));
    QVERIFY(!pnlAxes.contains(view.marginBalanceAxis()));
    // Its scale is its own: tens, not the balance's ten thousands.
    QVERIFY2(
        view.unrealizedProfitAxis()->max() - view.unrealizedProfitAxis()->min() < 100.0,
        qPrintable(
            u"%1..%2"_s.arg(view.unrealizedProfitAxis()->min()).arg(view.unrealizedProfitAxis()->max())));
    for (qsizetype i = 0; i < view.unrealizedProfitSeries()->count(); ++i) {
        const double y = view.unrealizedProfitSeries()->at(i).y();
        QVERIFY(y >= view.unrealizedProfitAxis()->min() && y <= view.unrealizedProfitAxis()->max());
    }
}

void TestHistoryView::axes_tickOnRoundNumbersAndRoundTimes()
{
    HistoryView view(m_store.get(), nullptr);
    for (const HistoryView::Range range : {HistoryView::Range::Last15Minutes, HistoryView::Range::LastHour,
                                           HistoryView::Range::LastDay, HistoryView::Range::LastWeek}) {
        view.setRange(range);
        const QDateTimeAxis* time = view.timeAxis();
        QVERIFY(time->tickCount() >= 2 && time->tickCount() <= 7);
        const qint64 span = time->min().msecsTo(time->max());
        const qint64 step = span / (time->tickCount() - 1);
        QCOMPARE(span % (time->tickCount() - 1), 0);
        QCOMPARE(step % kMinute, 0);
        const QTime first = time->min().toLocalTime().time();
        QCOMPARE(first.second(), 0);
        QCOMPARE(first.msec(), 0);
        if (step < 60 * kMinute)
            QCOMPARE(first.minute() % (step / kMinute), 0); // 10:05, not 10:03
        else
            QCOMPARE(first.minute(), 0);
        const auto [from, to] = view.rangeBounds();
        QVERIFY(time->min() <= from && time->max() >= to);

        for (QValueAxis* axis :
             {view.marginBalanceAxis(), view.unrealizedProfitAxis(), view.marginRatioAxis()}) {
            QVERIFY(axis->tickCount() >= 2);
            const double valueStep = (axis->max() - axis->min()) / (axis->tickCount() - 1);
            QVERIFY2(isNiceStep(valueStep), qPrintable(QString::number(valueStep)));
            const double ticksFromZero = axis->min() / valueStep;
            QVERIFY(std::abs(ticksFromZero - std::round(ticksFromZero)) < 1e-6);
        }
    }
}

void TestHistoryView::mouseOverChart_readsOutThePollUnderTheCursor()
{
    HistoryView view(m_store.get(), nullptr);
    view.resize(1000, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setRange(HistoryView::Range::LastHour);
    QCOMPARE(view.marginBalanceSeries()->count(), 3);

    // Halfway between the 20- and 10-minute-old polls, a little nearer the later one.
    const QPointF older = view.marginBalanceSeries()->at(1);
    const QPointF newer = view.marginBalanceSeries()->at(2);
    const double x = older.x() + (newer.x() - older.x()) * 0.6;
    const QPointF inChart = view.chart()->mapToPosition(QPointF(x, newer.y()), view.marginBalanceSeries());
    const QPoint inView = view.chartView()->mapFromScene(view.chart()->mapToScene(inChart));
    QTest::mouseMove(view.chartView()->viewport(), inView);

    const QString text = view.readoutText();
    const QLocale locale;
    const QDateTime newerTime = QDateTime::fromMSecsSinceEpoch(qint64(newer.x()));
    QVERIFY2(text.contains(locale.toString(newerTime, u"HH:mm:ss")), qPrintable(text));
    QVERIFY2(text.contains(locale.toString(10000.0, 'f', 2)), qPrintable(text));
    QVERIFY2(text.contains(locale.toString(view.unrealizedProfitSeries()->at(2).y(), 'f', 2)),
             qPrintable(text));
    QVERIFY2(text.contains(locale.toString(1.72842, 'f', 2) + u" %"_s), qPrintable(text));

    // Off the plot area: no readout.
    QTest::mouseMove(view.chartView()->viewport(), QPoint(2, 2));
    QCOMPARE(view.readoutText(), QString());
}

void TestHistoryView::accounts_currentShown_chooserWhenSeveral()
{
    HistoryView view(m_store.get(), nullptr);
    view.setRange(HistoryView::Range::All);
    auto* chooser = view.findChild<QComboBox*>(u"historyAccount"_s);
    QVERIFY(chooser);
    QVERIFY(!chooser->isVisibleTo(&view)); // one account: nothing to choose
    const qint64 mainId = *m_store->accountId(mainAccount());
    QCOMPARE(view.shownAccount(), std::optional<qint64>(mainId));

    // Another account becomes the session's: the tab follows it, and the chooser appears.
    AccountSnapshot other = sampleSnapshot(m_now - 5 * kMinute);
    other.totals.totalMarginBalance = dec("26.00");
    record(secondAccount(), other);
    view.refresh();
    const qint64 secondId = *m_store->accountId(secondAccount());
    QCOMPARE(view.shownAccount(), std::optional<qint64>(secondId));
    QVERIFY(chooser->isVisibleTo(&view));
    QCOMPARE(chooser->count(), 2);
    QCOMPARE(view.marginBalanceSeries()->count(), 1);
    QCOMPARE(view.marginBalanceSeries()->at(0).y(), 26.0); // no cliff from the other account

    // Choosing the first account shows its series only, and exports it.
    chooser->setCurrentIndex(chooser->findData(mainId));
    Q_EMIT chooser->activated(chooser->currentIndex());
    QCOMPARE(view.shownAccount(), std::optional<qint64>(mainId));
    QCOMPARE(view.marginBalanceSeries()->count(), 5);
    for (qsizetype i = 0; i < view.marginBalanceSeries()->count(); ++i)
        QCOMPARE(view.marginBalanceSeries()->at(i).y(), 10000.0);
    const QString chosen = m_dir->filePath(u"main.csv"_s);
    view.setSaveFileDialog([&](QWidget*, const QString&, const QString&, const QString&) { return chosen; });
    view.exportRange();
    QFile totals(m_dir->filePath(u"main-totals.csv"_s));
    QVERIFY(totals.open(QIODevice::ReadOnly));
    const QList<QStringList> rows = parseCsv(totals.readAll());
    QCOMPARE(rows.size(), 1 + 5);
    for (qsizetype r = 1; r < rows.size(); ++r)
        QCOMPARE(rows.at(r).at(csvHeader(CsvTable::Totals).indexOf(u"totalMarginBalance"_s)), u"10000.00"_s);

    // A new poll of the session's account does not pull the tab away from the chosen one.
    record(secondAccount(), sampleSnapshot(m_now - 4 * kMinute));
    view.refresh();
    QCOMPARE(view.shownAccount(), std::optional<qint64>(mainId));
}

void TestHistoryView::simulator_saysItIsNotRecorded()
{
    // A fresh database and the built-in simulator: nothing is, or will be, recorded.
    HistoryStore store;
    QVERIFY(store.open(m_dir->filePath(u"fresh.sqlite"_s)));
    store.setAccount(HistoryAccount());
    HistoryView view(&store, nullptr);
    view.setRange(HistoryView::Range::All);
    QVERIFY2(view.statusText().contains(u"not recorded"_s), qPrintable(view.statusText()));
    QVERIFY2(!view.statusText().contains(u"every poll"_s), qPrintable(view.statusText()));

    // With history of real accounts in the database, the simulator session shows the latest of them.
    m_store->setAccount(HistoryAccount());
    HistoryView withHistory(m_store.get(), nullptr);
    withHistory.setRange(HistoryView::Range::All);
    QCOMPARE(withHistory.shownAccount(), m_store->accountId(mainAccount()));
    QCOMPARE(withHistory.marginBalanceSeries()->count(), 5);
    QVERIFY(!withHistory.statusText().contains(u"every poll"_s));
}

void TestHistoryView::damagedDatabase_noticeShown()
{
    QFile garbage(m_dir->filePath(u"bad.sqlite"_s));
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write(QByteArray(4096, 'x'));
    garbage.close();
    HistoryStore store;
    QVERIFY(store.open(garbage.fileName()));
    store.setAccount(mainAccount());
    HistoryView view(&store, nullptr);
    QVERIFY2(view.statusText().contains(u"damaged"_s) && view.statusText().contains(u"bad.sqlite.damaged-"_s),
             qPrintable(view.statusText()));
}

void TestHistoryView::exportRange_usesDialogHookAndWritesThreeFiles()
{
    HistoryView view(m_store.get(), nullptr);
    view.setRange(HistoryView::Range::LastHour);
    int dialogs = 0;
    const QString chosen = m_dir->filePath(u"range-totals.csv"_s);
    view.setSaveFileDialog([&](QWidget*, const QString&, const QString& suggested, const QString&) {
        ++dialogs;
        return suggested.contains(u"Main"_s) ? chosen : QString(); // the account is in the suggestion
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
