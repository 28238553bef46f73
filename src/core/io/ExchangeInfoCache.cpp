#include "io/ExchangeInfoCache.h"

#include "model/ExchangeInfoParser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

// Line 1: the format; line 2: when the exchange answered; then one contract per line:
// symbol, tickSize, stepSize, pricePrecision, quantityPrecision, marginAsset (tab-separated; an
// unknown increment is "0", an unknown precision -1, an unknown asset empty).
constexpr char kHeader[] = "marginwatch exchangeInfo cache 1";
// The file is written by us and holds about 40 bytes per contract.
constexpr qint64 kMaxCacheBytes = 2LL * 1024 * 1024;

tl::unexpected<QString> damaged(const QString& path, int line, const QString& what)
{
    return failure(u"%1: line %2: %3"_s.arg(QDir::toNativeSeparators(path)).arg(line).arg(what));
}

std::optional<int> precisionFrom(const QByteArray& text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < -1 || value > kMaxPrecision)
        return std::nullopt;
    return value;
}

} // namespace

QString exchangeInfoCachePath(const QString& cacheDirectory, const QUrl& baseUrl)
{
    QString host = baseUrl.host(QUrl::FullyEncoded).toLower();
    // Only what is safe in a file name: hosts are letters, digits, dots and dashes (IPv6 has colons).
    std::replace_if(
        host.begin(), host.end(), [](QChar c) { return !(c.isLetterOrNumber() || c == u'.' || c == u'-'); },
        u'_');
    if (baseUrl.port() > 0)
        host += u'-' + QString::number(baseUrl.port());
    return cacheDirectory + u"/exchangeInfo-"_s + host + u".tsv"_s;
}

Expected<SymbolPrecisionTable> loadExchangeInfoCache(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failure(u"%1: %2"_s.arg(QDir::toNativeSeparators(path), file.errorString()));
    if (file.size() > kMaxCacheBytes)
        return damaged(path, 0, u"larger than any cache marginwatch writes"_s);
    const QList<QByteArray> lines = file.readAll().split('\n');
    if (lines.size() < 3 || lines.at(0) != kHeader)
        return damaged(path, 1, u"not a marginwatch exchangeInfo cache"_s);
    bool ok = false;
    const qint64 fetchedAt = lines.at(1).toLongLong(&ok);
    if (!ok || fetchedAt <= 0)
        return damaged(path, 2, u"no time"_s);
    if (!lines.constLast().isEmpty())
        return damaged(path, static_cast<int>(lines.size()), u"cut short"_s);
    QHash<QString, SymbolPrecision> symbols;
    for (qsizetype i = 2; i + 1 < lines.size(); ++i) {
        const int lineNumber = static_cast<int>(i + 1);
        const QList<QByteArray> fields = lines.at(i).split('\t');
        if (fields.size() != 6)
            return damaged(path, lineNumber, u"expected 6 fields"_s);
        const QString symbol = QString::fromUtf8(fields.at(0));
        const std::optional<Decimal> tick =
            Decimal::parse(std::string_view(fields.at(1).constData(), size_t(fields.at(1).size())));
        const std::optional<Decimal> step =
            Decimal::parse(std::string_view(fields.at(2).constData(), size_t(fields.at(2).size())));
        const std::optional<int> pricePrecision = precisionFrom(fields.at(3));
        const std::optional<int> quantityPrecision = precisionFrom(fields.at(4));
        const QString marginAsset = QString::fromUtf8(fields.at(5));
        const auto incrementOk = [](const std::optional<Decimal>& d) {
            return d && (d->isZero() || isPlausibleIncrement(*d));
        };
        if (!isPlausibleSymbol(symbol) || !incrementOk(tick) || !incrementOk(step) || !pricePrecision
            || !quantityPrecision || (!marginAsset.isEmpty() && !isPlausibleAsset(marginAsset))
            || symbols.contains(symbol) || symbols.size() >= kMaxExchangeInfoSymbols)
            return damaged(path, lineNumber, u"not a contract's precision"_s);
        symbols.insert(symbol,
                       SymbolPrecision{*tick, *step, *pricePrecision, *quantityPrecision, marginAsset});
    }
    return SymbolPrecisionTable(std::move(symbols), fetchedAt);
}

Expected<void> saveExchangeInfoCache(const QString& path, const SymbolPrecisionTable& table)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QByteArray text = kHeader;
    text += '\n' + QByteArray::number(table.fetchedAtMs()) + '\n';
    for (auto it = table.symbols().cbegin(); it != table.symbols().cend(); ++it) {
        const SymbolPrecision& p = it.value();
        text += it.key().toUtf8() + '\t' + p.tickSize.toUtf8() + '\t' + p.stepSize.toUtf8() + '\t'
                + QByteArray::number(p.pricePrecision) + '\t' + QByteArray::number(p.quantityPrecision) + '\t'
                + p.marginAsset.toUtf8() + '\n';
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit())
        return failure(u"cannot write %1: %2"_s.arg(QDir::toNativeSeparators(path), file.errorString()));
    return {};
}

} // namespace marginwatch
