#pragma once

#include <QList>

namespace marginwatch {

// Whether a poll's asset or position list is the one stored last. First by identity: for an
// unchanged poll the parser hands out the very list it handed out before, so this costs nothing and
// no row is turned into text. Otherwise element by element, stopping at the first difference; a
// list that was rebuilt with the same values is not stored again.
template <typename Row>
bool sameRecordedList(const QList<Row>& stored, const QList<Row>& incoming)
{
    if (stored.size() != incoming.size())
        return false;
    if (stored.constData() == incoming.constData())
        return true;
    return stored == incoming;
}

} // namespace marginwatch
