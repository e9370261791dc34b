#pragma once

#include <QColor>
#include <QList>
#include <QPolygonF>
#include <QQuickPaintedItem>
#include <QtQml/qqmlregistration.h>

namespace spanlight {

// A small line of values with the area below it filled and the newest value dotted: the
// dashboard's KPI trends. No axes, no labels, a few dozen points. Painted with QPainter when the
// values change, synchronously, so it draws the same under the software renderer of the
// offscreen tests as with OpenGL and a grab shows it at once. Measured against four small
// ChartViews (offscreen, 15 points each, 100 updates): about the same CPU per update (2.4 vs
// 1.9 ms for all four, both mostly the window's frame), 1.5 MB less memory per chart; ChartView
// renders asynchronously and needs its axes, legend and margins configured away.
class Sparkline : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QList<qreal> values READ values WRITE setValues NOTIFY valuesChanged)
    Q_PROPERTY(QColor color MEMBER m_color NOTIFY styleChanged)
    Q_PROPERTY(qreal lineWidth MEMBER m_lineWidth NOTIFY styleChanged)
public:
    explicit Sparkline(QQuickItem *parent = nullptr);

    QList<qreal> values() const { return m_values; }
    void setValues(const QList<qreal> &values);

    // Where the values go in `area`: evenly spread from its left to its right edge, 0 (and
    // anything below it) on the bottom edge, the largest value on the top edge. All zeros lie on
    // the bottom; a single value is a level line across. Inset `area` by the pen's half width.
    static QPolygonF polyline(const QList<qreal> &values, const QRectF &area);

    void paint(QPainter *painter) override;

Q_SIGNALS:
    void valuesChanged();
    void styleChanged();

private:
    QList<qreal> m_values;
    QColor m_color = QColor(0x1f, 0x6f, 0xd1);
    qreal m_lineWidth = 1.5;
};

} // namespace spanlight
