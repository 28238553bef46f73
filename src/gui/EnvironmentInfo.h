#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace marginwatch {

// Which exchange a window watches; shown so that nobody confuses a demo with real money.
struct EnvironmentInfo
{
    Q_DECLARE_TR_FUNCTIONS(EnvironmentInfo)
public:
    enum class Kind
    {
        Production,
        Demo,
        Custom
    };
    Kind kind = Kind::Demo;
    QUrl url;

    static EnvironmentInfo forUrl(const QUrl& url); // production for fapi.binance.com, else custom
    QString badgeText() const;
    QString badgeToolTip() const;
};

} // namespace marginwatch
