#include "api/ApiFailure.h"

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

// Binance codes that mean "the exchange had a problem", not "your request is wrong".
bool isTransientBinanceCode(int code)
{
    switch (code) {
    case -1000: // unknown error while processing
    case -1001: // internal error; disconnected
    case -1007: // timeout waiting for the backend
    case -1008: // server busy
    case -1021: // timestamp outside recvWindow: fixed by a time re-sync
        return true;
    default:
        return false;
    }
}

} // namespace

QString toString(ApiFailure::Kind kind)
{
    switch (kind) {
    case ApiFailure::Kind::Network:
        return u"network"_s;
    case ApiFailure::Kind::Timeout:
        return u"timeout"_s;
    case ApiFailure::Kind::Http:
        return u"http"_s;
    case ApiFailure::Kind::BinanceCode:
        return u"binance-code"_s;
    case ApiFailure::Kind::BadResponse:
        return u"bad-response"_s;
    case ApiFailure::Kind::Banned:
        return u"banned"_s;
    case ApiFailure::Kind::RateLimited:
        return u"rate-limited"_s;
    case ApiFailure::Kind::Configuration:
        return u"configuration"_s;
    }
    return u"unknown"_s;
}

bool ApiFailure::isAuthentication() const
{
    if (binanceCode == -2014 || binanceCode == -2015 || binanceCode == -1022)
        return true;
    if (httpStatus == 401)
        return true;
    // A 403 from the firewall has no Binance body; one with a code is the exchange refusing the key.
    return httpStatus == 403 && binanceCode != 0 && kind == Kind::BinanceCode;
}

bool ApiFailure::isTransient() const
{
    if (isAuthentication())
        return false;
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
    case Kind::BadResponse:
        return true;
    case Kind::Http:
        return httpStatus >= 500 || httpStatus == 408;
    case Kind::BinanceCode:
        return isTransientBinanceCode(binanceCode) || httpStatus >= 500;
    case Kind::RateLimited:
        // Worth an immediate retry only when the wait is short; otherwise the caller should wait.
        return retryAt && occurredAt.isValid() && occurredAt.msecsTo(*retryAt) <= kShortRateLimit.count();
    case Kind::Banned:
    case Kind::Configuration:
        return false;
    }
    return false;
}

QString ApiFailure::summaryLine() const
{
    QString text = explanation;
    text.replace(u'\n', u' ');
    text.replace(u'\r', u' ');
    if (binanceCode != 0)
        return u"error %1: %2"_s.arg(binanceCode).arg(text);
    if (httpStatus != 0)
        return u"error HTTP %1: %2"_s.arg(httpStatus).arg(text);
    return u"error: "_s + text;
}

} // namespace marginwatch
