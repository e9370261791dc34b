#include "dependencyedges.h"

#include "dependenciespage.h"

#include <QFontMetricsF>
#include <QPainter>

namespace spanlight {

DependencyEdges::DependencyEdges(QQuickItem *parent)
    : QQuickPaintedItem(parent)
{
    setAntialiasing(true);
    connect(this, &DependencyEdges::colorsChanged, this, [this] { update(); });
}

void DependencyEdges::setPage(DependenciesPage *page)
{
    if (page == m_page)
        return;
    disconnect(m_connection);
    m_page = page;
    if (m_page)
        m_connection = connect(m_page, &DependenciesPage::graphChanged, this, [this] { update(); });
    Q_EMIT pageChanged();
    update();
}

void DependencyEdges::paint(QPainter *painter)
{
    if (!m_page)
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    QFont font = painter->font();
    font.setPixelSize(m_labelPixelSize);
    painter->setFont(font);
    const QFontMetricsF metrics(font);
    const QTransform zoom = QTransform::fromScale(m_zoom, m_zoom);

    // Dimmed edges first, highlighted ones last, so that the paths of the selection stay on top.
    QList<const EdgeDrawing *> order;
    for (const EdgeDrawing &d : m_page->edgeDrawings())
        order.append(&d);
    std::stable_sort(order.begin(), order.end(), [](const EdgeDrawing *a, const EdgeDrawing *b) {
        const int ra = a->highlighted ? 2 : a->dimmed ? 0 : 1;
        const int rb = b->highlighted ? 2 : b->dimmed ? 0 : 1;
        return ra < rb;
    });

    for (const EdgeDrawing *d : std::as_const(order)) {
        QColor color = d->alert ? m_alertColor : d->highlighted ? m_highlightColor : m_lineColor;
        const double opacity = d->dimmed ? 0.25 : 1.0;
        painter->setOpacity(opacity);
        QPen pen(color, d->highlighted ? 3.0 : 1.6);
        pen.setCapStyle(Qt::RoundCap);
        if (d->reversed)
            pen.setStyle(Qt::DashLine);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        // The path ends where the arrow head (a fixed size on screen) begins: at the zoomed tip
        // less the head's length, not at the layout's end point scaled with the zoom.
        const QPointF tip = d->tip * m_zoom;
        const double length = 9;
        QPainterPath path = zoom.map(d->path);
        if (path.elementCount() > 0) {
            const QPointF end = tip - d->direction * length;
            path.setElementPositionAt(path.elementCount() - 1, end.x(), end.y());
        }
        painter->drawPath(path);

        // The arrow head: a triangle whose tip touches the target.
        const QPointF normal(-d->direction.y(), d->direction.x());
        const double half = d->highlighted ? 5.5 : 4.5;
        const QPointF base = tip - d->direction * length;
        const QPointF head[3] = { tip, base + normal * half, base - normal * half };
        painter->setPen(Qt::NoPen);
        painter->setBrush(color);
        painter->drawPolygon(head, 3);

        const QSizeF textSize = metrics.size(Qt::TextSingleLine, d->label);
        const QRectF box(d->labelAt * m_zoom - QPointF(textSize.width() / 2 + 4, textSize.height() / 2 + 1),
            textSize + QSizeF(8, 2));
        QColor background = m_labelBackground;
        background.setAlphaF(0.85);
        painter->setBrush(background);
        painter->drawRoundedRect(box, 3, 3);
        painter->setPen(d->alert ? m_alertColor : m_labelColor);
        painter->drawText(box, Qt::AlignCenter, d->label);
    }
    painter->setOpacity(1.0);
}

} // namespace spanlight
