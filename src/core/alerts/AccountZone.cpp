#include "alerts/AccountZone.h"

namespace marginwatch {

AccountZone accountZone(MarginLevel level, bool stale, bool error)
{
    if (error)
        return AccountZone::Error;
    if (stale)
        return AccountZone::Stale;
    switch (level) {
    case MarginLevel::Danger:
        return AccountZone::Danger;
    case MarginLevel::Warning:
        return AccountZone::Warning;
    case MarginLevel::Normal:
    case MarginLevel::Unknown:
        break;
    }
    return AccountZone::Normal;
}

AccountZone worseZone(AccountZone a, AccountZone b)
{
    const auto rank = [](AccountZone zone) {
        switch (zone) {
        case AccountZone::Danger:
            return 4;
        case AccountZone::Error:
            return 3;
        case AccountZone::Warning:
            return 2;
        case AccountZone::Stale:
            return 1;
        case AccountZone::Normal:
            break;
        }
        return 0;
    };
    return rank(b) > rank(a) ? b : a;
}

} // namespace marginwatch
