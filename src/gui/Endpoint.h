#pragma once

#include "settings/ServerKind.h"

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace marginwatch {

// The server a window watches, labelled so that nobody takes a simulator for real money.
struct Endpoint
{
    Q_DECLARE_TR_FUNCTIONS(Endpoint)
public:
    ServerKind kind = ServerKind::Simulator;
    QUrl url;

    static Endpoint forUrl(const QUrl& url); // production for fapi.binance.com, else custom
    QString badgeText() const;
    QString badgeToolTip() const;
};

} // namespace marginwatch
