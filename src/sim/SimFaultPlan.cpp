#include "sim/SimFaultPlan.h"

#include <QHash>

namespace marginwatch {

using namespace Qt::StringLiterals;

namespace {

bool isStreamKind(SimFault::Kind kind)
{
    return kind == SimFault::Kind::DropStream || kind == SimFault::Kind::SilentStream;
}

bool isExpiry(SimFault::Kind kind)
{
    return kind == SimFault::Kind::ExpireKey;
}

bool isRestKind(SimFault::Kind kind)
{
    return !isStreamKind(kind) && !isExpiry(kind);
}

} // namespace

std::optional<SimFaultPlan> SimFaultPlan::parse(const QString& text, QString* error)
{
    static const QHash<QString, SimFault::Kind> kinds = {
        {u"429"_s, SimFault::Kind::RateLimit},
        {u"418"_s, SimFault::Kind::Ban},
        {u"500"_s, SimFault::Kind::ServerError},
        {u"502"_s, SimFault::Kind::BadGateway},
        {u"503"_s, SimFault::Kind::Unavailable},
        {u"slow"_s, SimFault::Kind::Slow},
        {u"truncated"_s, SimFault::Kind::Truncated},
        {u"badjson"_s, SimFault::Kind::BadJson},
        {u"missingfield"_s, SimFault::Kind::MissingField},
        {u"empty"_s, SimFault::Kind::Empty},
        {u"dropstream"_s, SimFault::Kind::DropStream},
        {u"silentstream"_s, SimFault::Kind::SilentStream},
        {u"expirekey"_s, SimFault::Kind::ExpireKey},
    };
    auto fail = [error](const QString& why) -> std::optional<SimFaultPlan> {
        if (error)
            *error = why;
        return std::nullopt;
    };

    SimFaultPlan plan;
    const QStringList rules = text.split(u',', Qt::SkipEmptyParts);
    for (QString rule : rules) {
        rule = rule.trimmed();
        if (rule.isEmpty())
            continue;
        if (rule.startsWith(u"skew=") || rule.startsWith(u"skew:")) {
            bool ok = false;
            plan.m_skewMs = rule.mid(5).toLongLong(&ok);
            if (!ok)
                return fail(u"fault '%1': skew needs a whole number of milliseconds"_s.arg(rule));
            continue;
        }
        if (rule == u"legacyonly"_s || rule == u"silentws"_s || rule == u"needevents"_s) {
            plan.m_legacyOnly = plan.m_legacyOnly || rule == u"legacyonly"_s;
            plan.m_silentWs = plan.m_silentWs || rule == u"silentws"_s;
            plan.m_needEvents = plan.m_needEvents || rule == u"needevents"_s;
            continue;
        }
        SimFault fault;
        QString head = rule;
        const qsizetype at = rule.indexOf(u'@');
        if (at >= 0) {
            bool ok = false;
            fault.onRequest = rule.mid(at + 1).toInt(&ok);
            if (!ok || fault.onRequest < 1)
                return fail(u"fault '%1': @N needs a request number from 1"_s.arg(rule));
            head = rule.left(at);
        }
        const qsizetype colon = head.indexOf(u':');
        if (colon >= 0) {
            bool ok = false;
            fault.param = head.mid(colon + 1).toInt(&ok);
            if (!ok || fault.param < 0)
                return fail(u"fault '%1': the parameter must be a non-negative number"_s.arg(rule));
            head = head.left(colon);
        }
        const auto kind = kinds.constFind(head);
        if (kind == kinds.cend())
            return fail(u"unknown fault kind '%1' (known: 429, 418, 500, 502, 503, slow, truncated, "
                        "badjson, missingfield, empty, skew=<ms>, dropstream, silentstream, expirekey, "
                        "legacyonly, silentws, needevents)"_s.arg(head));
        fault.kind = *kind;
        plan.m_faults.append(fault);
    }
    return plan;
}

std::optional<SimFault> SimFaultPlan::first(int number, bool (*wanted)(SimFault::Kind)) const
{
    for (const SimFault& fault : m_faults) {
        if (wanted(fault.kind) && (fault.onRequest == 0 || fault.onRequest == number))
            return fault;
    }
    return std::nullopt;
}

std::optional<SimFault> SimFaultPlan::faultFor(int signedRequestNumber) const
{
    return first(signedRequestNumber, isRestKind);
}

std::optional<SimFault> SimFaultPlan::streamFaultFor(int connectionNumber) const
{
    return first(connectionNumber, isStreamKind);
}

std::optional<SimFault> SimFaultPlan::expiryFor(int listenKeyNumber) const
{
    return first(listenKeyNumber, isExpiry);
}

} // namespace marginwatch
