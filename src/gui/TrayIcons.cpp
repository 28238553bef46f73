#include "gui/TrayIcons.h"

#include <QPainter>
#include <QPainterPath>
#include <QSvgRenderer>

namespace marginwatch {

using namespace Qt::StringLiterals;

QColor TrayIcons::badgeColour(AccountZone zone)
{
    switch (zone) {
    case AccountZone::Normal:
        return QColor(0x2e, 0x7d, 0x32);
    case AccountZone::Warning:
        return QColor(0xf9, 0xa8, 0x25);
    case AccountZone::Danger:
        return QColor(0xc6, 0x28, 0x28);
    case AccountZone::Stale:
        return QColor(0x9e, 0x9e, 0x9e);
    case AccountZone::Error:
        return QColor(0x6a, 0x1b, 0x9a);
    }
    return Qt::black;
}

QPixmap TrayIcons::pixmap(AccountZone zone, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    QSvgRenderer app(u":/icons/marginwatch.svg"_s);
    app.render(&painter, QRectF(0, 0, size, size));

    // Half the icon wide, so it still reads at 16 px; a light ring keeps it apart from the icon.
    const qreal diameter = size * 0.5;
    const QRectF dot(size - diameter, size - diameter, diameter, diameter);
    const qreal ring = std::max<qreal>(1.0, size / 16.0);
    painter.setPen(QPen(Qt::white, ring));
    painter.setBrush(badgeColour(zone));
    painter.drawEllipse(dot.adjusted(ring / 2, ring / 2, -ring / 2, -ring / 2));
    if (zone == AccountZone::Error) {
        // An exclamation mark: the one zone that asks the user to do something.
        const qreal x = dot.center().x();
        const qreal stroke = diameter / 6.0;
        painter.setPen(QPen(Qt::white, stroke, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(QPointF(x, dot.top() + diameter * 0.25), QPointF(x, dot.top() + diameter * 0.55));
        painter.drawPoint(QPointF(x, dot.top() + diameter * 0.75));
    }
    return pixmap;
}

QIcon TrayIcons::icon(AccountZone zone)
{
    QIcon icon;
    for (const int size : {16, 22, 24, 32, 48, 64})
        icon.addPixmap(pixmap(zone, size));
    return icon;
}

} // namespace marginwatch
