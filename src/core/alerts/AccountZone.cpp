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

} // namespace marginwatch
