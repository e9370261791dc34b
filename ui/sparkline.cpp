#include "sparkline.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace spanlight {

Sparkline::Sparkline(QQuickItem *parent)
    : QQuickPaintedItem(parent)
{
    setAntialiasing(true);
    connect(this, &Sparkline::styleChanged, this, [this] { update(); });
}

void Sparkline::setValues(const QList<qreal> &values)
{
    if (values == m_values)
        return;
    m_values = values;
    Q_EMIT valuesChanged();
    update();
}

QPolygonF Sparkline::polyline(const QList<qreal> &values, const QRectF &area)
{
    QPolygonF points;
    if (values.isEmpty() || area.isEmpty())
        return points;
    const qreal top = std::max<qreal>(0, *std::max_element(values.cbegin(), values.cend()));
    const auto yOf = [&](qreal v) {
        return top > 0 ? area.bottom() - std::clamp<qreal>(v / top, 0, 1) * area.height() : area.bottom();
    };
    if (values.size() == 1) {
        const qreal y = yOf(values.first());
        points << QPointF(area.left(), y) << QPointF(area.right(), y);
        return points;
    }
    const qreal step = area.width() / qreal(values.size() - 1);
    points.reserve(values.size());
    for (int i = 0; i < values.size(); ++i)
        points << QPointF(area.left() + i * step, yOf(values[i]));
    return points;
}

void Sparkline::paint(QPainter *painter)
{
    const qreal inset = m_lineWidth / 2 + 1; // room for the pen and the end dot
    const QRectF area = QRectF(QPointF(0, 0), size()).adjusted(inset, inset, -inset - 1, -inset);
    const QPolygonF line = polyline(m_values, area);
    if (line.isEmpty())
        return;
    painter->setRenderHint(QPainter::Antialiasing);

    QPainterPath fill;
    fill.moveTo(line.first().x(), area.bottom());
    for (const QPointF &p : line)
        fill.lineTo(p);
    fill.lineTo(line.last().x(), area.bottom());
    fill.closeSubpath();
    QColor under = m_color;
    under.setAlphaF(0.16);
    painter->fillPath(fill, under);

    QPen pen(m_color, m_lineWidth);
    pen.setJoinStyle(Qt::RoundJoin);
    pen.setCapStyle(Qt::RoundCap);
    painter->setPen(pen);
    painter->drawPolyline(line);
    // The newest value, so the eye finds "now" at once.
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_color);
    painter->drawEllipse(line.last(), m_lineWidth + 1, m_lineWidth + 1);
}

} // namespace spanlight
