#pragma once

#include "api/ClientConfig.h"

#include <QNetworkProxy>
#include <QUrl>

namespace marginwatch {

// The proxy a stream socket goes through: the profile's proxy settings, as for REST (System: the
// desktop's or the environment's proxy for the stream's host, never for this computer).
QNetworkProxy streamProxyFor(const ProxySettings& settings, const QUrl& streamBase);

} // namespace marginwatch
