#pragma once
// Reads a main window the way a user (or a screen reader) sees it: through its widgets, found by
// object name, not through getters kept only for tests.

#include "alerts/StalenessWatch.h"
#include "gui/AccountTableView.h"
#include "gui/ChangeHighlightDelegate.h"
#include "gui/HighlightClock.h"
#include "gui/TotalsPanel.h"
#include "model/AccountSortFilterProxy.h"
#include "model/AccountTableModels.h"

#include <QLabel>
#include <QPushButton>
#include <QWidget>

namespace marginwatch::test {

// The text of a visible label, or empty when it is hidden or missing.
inline QString shownText(const QWidget& root, const QString& objectName)
{
    const auto* label = root.findChild<QLabel*>(objectName);
    return label && label->isVisibleTo(&root) ? label->text() : QString();
}

inline QString totalText(const QWidget& window, const QString& apiName)
{
    return shownText(window, QStringLiteral("total_") + apiName);
}

inline QString problemText(const QWidget& window)
{
    const auto* banner = window.findChild<QWidget*>(QStringLiteral("problemBanner"));
    return banner && banner->isVisibleTo(&window) ? shownText(window, QStringLiteral("problemText"))
                                                  : QString();
}

inline TotalsPanel& totalsPanel(const QWidget& window)
{
    return *window.findChild<TotalsPanel*>();
}

inline bool isStale(const QWidget& window)
{
    return window.findChild<StalenessWatch*>()->isStale();
}

inline AccountTableView& tableView(const QWidget& window, const QString& objectName)
{
    return *window.findChild<AccountTableView*>(objectName);
}

template <typename Model>
Model& sourceModel(const QWidget& window, const QString& viewName)
{
    auto* proxy = qobject_cast<QSortFilterProxyModel*>(tableView(window, viewName).model());
    return *qobject_cast<Model*>(proxy->sourceModel());
}

inline PositionTableModel& positionModel(const QWidget& window)
{
    return sourceModel<PositionTableModel>(window, QStringLiteral("positionsView"));
}

inline AssetTableModel& assetModel(const QWidget& window)
{
    return sourceModel<AssetTableModel>(window, QStringLiteral("assetsView"));
}

inline ChangeHighlightDelegate& positionsDelegate(const QWidget& window)
{
    return *qobject_cast<ChangeHighlightDelegate*>(
        tableView(window, QStringLiteral("positionsView")).itemDelegate());
}

inline HighlightClock& highlightClock(const QWidget& window)
{
    return *window.findChild<HighlightClock*>();
}

} // namespace marginwatch::test
