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

    // Production or Demo Trading for Binance's own URLs, else custom.
    static Endpoint forUrl(const QUrl& url);
    QString badgeText() const;
    QString badgeToolTip() const;
};

} // namespace marginwatch
