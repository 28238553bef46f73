#include "stream/StreamEvents.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

// Event times are milliseconds since 1970; anything past year 5138 is not a time.
constexpr qint64 kMaxEventTimeMs = 100'000'000'000'000LL;

// tr() in the context "StreamEvents", the one lupdate records for Text::tr calls.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(StreamEvents)
};

// Reads fields of one JSON object; the first problem is kept and every later read is a no-op.
class Fields
{
public:
    Fields(const QJsonObject& object, QString where)
        : m_object(object)
        , m_where(std::move(where))
    {}

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

    QString text(const QString& name, bool required = true)
    {
        const QJsonValue v = m_object.value(name);
        if (v.isUndefined() && !required)
            return {};
        if (!v.isString())
            return fail(name, Text::tr("is not text")), QString();
        const QString s = v.toString();
        if (s.size() > kMaxStreamTextLength)
            return fail(name, Text::tr("is too long")), QString();
        return s;
    }

    Decimal decimal(const QString& name, bool required = true)
    {
        const QJsonValue v = m_object.value(name);
        if (v.isUndefined() && !required)
            return {};
        if (!v.isString())
            return fail(name, Text::tr("is not a decimal string")), Decimal();
        const std::optional<Decimal> d = Decimal::parse(QStringView(v.toString()));
        if (!d)
            return fail(name, Text::tr("is not a decimal number")), Decimal();
        return *d;
    }

    // A non-negative integer sent as a JSON number or as a string of digits.
    qint64 integer(const QString& name, qint64 max, bool required = true)
    {
        const QJsonValue v = m_object.value(name);
        if (v.isUndefined() && !required)
            return 0;
        qint64 value = -1;
        if (v.isDouble()) {
            const double d = v.toDouble();
            if (d >= 0 && d <= static_cast<double>(max) && std::floor(d) == d)
                value = static_cast<qint64>(d);
        } else if (v.isString()) {
            const QString s = v.toString();
            bool parsed = false;
            const qint64 n = s.size() <= 20 ? s.toLongLong(&parsed) : -1;
            if (parsed && n >= 0 && n <= max && !s.startsWith(u'+'))
                value = n;
        }
        if (value < 0)
            return fail(name, Text::tr("is not a whole number in range")), 0;
        return value;
    }

    bool boolean(const QString& name)
    {
        const QJsonValue v = m_object.value(name);
        if (!v.isBool())
            return fail(name, Text::tr("is not true or false")), false;
        return v.toBool();
    }

    QJsonArray array(const QString& name, int maxCount, bool required = true)
    {
        const QJsonValue v = m_object.value(name);
        if (v.isUndefined() && !required)
            return {};
        if (!v.isArray())
            return fail(name, Text::tr("is not a list")), QJsonArray();
        const QJsonArray a = v.toArray();
        if (a.size() > maxCount)
            return fail(name, Text::tr("has too many entries")), QJsonArray();
        return a;
    }

    QJsonObject object(const QString& name, bool required = true)
    {
        const QJsonValue v = m_object.value(name);
        if (v.isUndefined() && !required)
            return {};
        if (!v.isObject())
            return fail(name, Text::tr("is not an object")), QJsonObject();
        return v.toObject();
    }

    bool has(const QString& name) const { return m_object.contains(name); }

    void fail(const QString& name, const QString& problem)
    {
        if (m_error.isEmpty())
            m_error = Text::tr("%1: field \"%2\" %3").arg(m_where, name, problem);
    }

    void adopt(const QString& error)
    {
        if (m_error.isEmpty())
            m_error = error;
    }

private:
    QJsonObject m_object;
    QString m_where;
    QString m_error;
};

template <typename T>
Expected<T> result(const Fields& fields, T value)
{
    if (!fields.ok())
        return failure(fields.error());
    return value;
}

QList<QJsonObject> objectsOf(const QJsonArray& array, Fields& owner, const QString& name)
{
    QList<QJsonObject> objects;
    objects.reserve(array.size());
    for (const QJsonValue& v : array) {
        if (!v.isObject()) {
            owner.fail(name, Text::tr("holds an entry that is not an object"));
            return {};
        }
        objects.append(v.toObject());
    }
    return objects;
}

Expected<UserDataEvent> accountUpdate(Fields& f, qint64 eventTime)
{
    AccountUpdate u;
    u.eventTime = eventTime;
    u.transactionTime = f.integer(u"T"_s, kMaxEventTimeMs, false);
    const QJsonObject a = f.object(u"a"_s);
    Fields fa(a, u"ACCOUNT_UPDATE.a"_s);
    u.reason = fa.text(u"m"_s, false);
    for (const QJsonObject& b : objectsOf(fa.array(u"B"_s, kMaxEventBalances, false), fa, u"B"_s)) {
        Fields fb(b, u"ACCOUNT_UPDATE.a.B"_s);
        BalanceUpdate balance{fb.text(u"a"_s), fb.decimal(u"wb"_s), fb.decimal(u"cw"_s),
                              fb.decimal(u"bc"_s, false)};
        fa.adopt(fb.error());
        u.balances.append(balance);
    }
    for (const QJsonObject& p : objectsOf(fa.array(u"P"_s, kMaxEventPositions, false), fa, u"P"_s)) {
        Fields fp(p, u"ACCOUNT_UPDATE.a.P"_s);
        PositionUpdate position;
        position.symbol = fp.text(u"s"_s);
        position.positionAmt = fp.decimal(u"pa"_s);
        position.entryPrice = fp.decimal(u"ep"_s);
        position.breakEvenPrice = fp.decimal(u"bep"_s, false);
        position.unrealizedPnl = fp.decimal(u"up"_s);
        position.marginType = fp.text(u"mt"_s, false);
        position.isolatedWallet = fp.decimal(u"iw"_s, false);
        position.positionSide = fp.text(u"ps"_s);
        if (fp.ok() && position.positionSide != u"BOTH"_s && position.positionSide != u"LONG"_s
            && position.positionSide != u"SHORT"_s)
            fp.fail(u"ps"_s, Text::tr("is not BOTH, LONG or SHORT"));
        fa.adopt(fp.error());
        u.positions.append(position);
    }
    f.adopt(fa.error());
    return result<UserDataEvent>(f, u);
}

Expected<UserDataEvent> configUpdate(Fields& f, qint64 eventTime)
{
    AccountConfigUpdate u;
    u.eventTime = eventTime;
    if (f.has(u"ac"_s)) {
        Fields fc(f.object(u"ac"_s), u"ACCOUNT_CONFIG_UPDATE.ac"_s);
        u.symbol = fc.text(u"s"_s);
        const qint64 leverage = fc.integer(u"l"_s, 125);
        if (fc.ok() && leverage < 1)
            fc.fail(u"l"_s, Text::tr("is not a leverage from 1 to 125"));
        u.leverage = static_cast<int>(leverage);
        f.adopt(fc.error());
    }
    if (f.has(u"ai"_s)) {
        Fields fi(f.object(u"ai"_s), u"ACCOUNT_CONFIG_UPDATE.ai"_s);
        u.multiAssets = fi.boolean(u"j"_s);
        f.adopt(fi.error());
    }
    if (f.ok() && !u.leverage && !u.multiAssets)
        f.fail(u"ac"_s, Text::tr("and \"ai\" are both missing"));
    return result<UserDataEvent>(f, u);
}

Expected<UserDataEvent> marginCall(Fields& f, qint64 eventTime)
{
    MarginCall m;
    m.eventTime = eventTime;
    m.crossWallet = f.decimal(u"cw"_s, false);
    for (const QJsonObject& p : objectsOf(f.array(u"p"_s, kMaxEventPositions), f, u"p"_s)) {
        Fields fp(p, u"MARGIN_CALL.p"_s);
        MarginCallPosition position{fp.text(u"s"_s), fp.text(u"ps"_s, false), fp.decimal(u"pa"_s),
                                    fp.decimal(u"mp"_s, false), fp.decimal(u"mm"_s, false)};
        f.adopt(fp.error());
        m.positions.append(position);
    }
    return result<UserDataEvent>(f, m);
}

Expected<UserDataEvent> orderUpdate(Fields& f, qint64 eventTime)
{
    OrderTradeUpdate o;
    o.eventTime = eventTime;
    Fields fo(f.object(u"o"_s), u"ORDER_TRADE_UPDATE.o"_s);
    o.symbol = fo.text(u"s"_s);
    o.executionType = fo.text(u"x"_s);
    o.status = fo.text(u"X"_s);
    f.adopt(fo.error());
    return result<UserDataEvent>(f, o);
}

} // namespace

Expected<StreamFrame> parseStreamFrame(QByteArrayView json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError)
        return failure(Text::tr("a stream frame is not valid JSON: %1").arg(error.errorString()));
    StreamFrame frame;
    if (doc.isArray()) {
        frame.payload = doc.array();
        return frame;
    }
    const QJsonObject object = doc.object();
    if (object.contains(u"id"_s) && (object.contains(u"result"_s) || object.contains(u"error"_s))) {
        const QJsonValue id = object.value(u"id"_s);
        if (!id.isDouble() || id.toDouble() < 0 || id.toDouble() > 1e15)
            return failure(Text::tr("a stream answer has no usable id"));
        frame.answerId = static_cast<qint64>(id.toDouble());
        if (object.contains(u"error"_s)) {
            frame.answerError = object.value(u"error"_s).toObject().value(u"msg"_s).toString().left(200);
            if (frame.answerError.isEmpty())
                frame.answerError = Text::tr("the stream refused a request");
        }
        return frame;
    }
    if (object.contains(u"stream"_s) && object.contains(u"data"_s)) {
        frame.payload = object.value(u"data"_s);
        return frame;
    }
    frame.payload = object;
    return frame;
}

Expected<UserDataEvent> parseUserDataEvent(const QJsonValue& payload)
{
    if (!payload.isObject())
        return failure(Text::tr("a user-data event is not a JSON object"));
    Fields f(payload.toObject(), Text::tr("user-data event"));
    const QString type = f.text(u"e"_s);
    const qint64 eventTime = f.integer(u"E"_s, kMaxEventTimeMs);
    if (!f.ok())
        return failure(f.error());
    if (type == u"ACCOUNT_UPDATE"_s)
        return accountUpdate(f, eventTime);
    if (type == u"ACCOUNT_CONFIG_UPDATE"_s)
        return configUpdate(f, eventTime);
    if (type == u"MARGIN_CALL"_s)
        return marginCall(f, eventTime);
    if (type == u"ORDER_TRADE_UPDATE"_s)
        return orderUpdate(f, eventTime);
    if (type == u"listenKeyExpired"_s) {
        ListenKeyExpired e{eventTime, f.text(u"listenKey"_s, false)};
        return result<UserDataEvent>(f, e);
    }
    return UserDataEvent(OtherEvent{type, eventTime});
}

Expected<QList<MarkPriceUpdate>> parseMarkPrices(const QJsonValue& payload)
{
    QJsonArray entries;
    if (payload.isArray())
        entries = payload.toArray();
    else if (payload.isObject())
        entries.append(payload);
    else
        return failure(Text::tr("a mark-price frame is neither an object nor a list"));
    if (entries.size() > kMaxMarkPricesPerFrame)
        return failure(Text::tr("a mark-price frame has too many entries"));
    QList<MarkPriceUpdate> updates;
    updates.reserve(entries.size());
    for (const QJsonValue& entry : std::as_const(entries)) {
        if (!entry.isObject())
            return failure(Text::tr("a mark-price entry is not an object"));
        Fields f(entry.toObject(), Text::tr("mark price"));
        if (f.text(u"e"_s) != u"markPriceUpdate"_s && f.ok())
            f.fail(u"e"_s, Text::tr("is not markPriceUpdate"));
        MarkPriceUpdate u;
        u.eventTime = f.integer(u"E"_s, kMaxEventTimeMs);
        u.symbol = f.text(u"s"_s);
        u.markPrice = f.decimal(u"p"_s);
        const qint64 st = f.has(u"st"_s) ? f.integer(u"st"_s, 1000) : 1;
        if (!f.ok())
            return failure(f.error());
        if (u.markPrice.signum() <= 0)
            return failure(Text::tr("mark price of %1 is not positive").arg(u.symbol));
        if (st == 1)
            updates.append(u);
    }
    return updates;
}

} // namespace marginwatch
