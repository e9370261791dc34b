#pragma once

#include "waterfallmodel.h"

#include <QColor>
#include <QList>
#include <QPointer>
#include <QQuickPaintedItem>
#include <QRect>
#include <QtQml/qqmlregistration.h>

namespace spanlight {

// The Trace page's minimap: every span of the open trace as a thin bar, one lane per span in the
// display tree's order (folds ignored), over the whole trace's time, so the part the waterfall
// shows can be placed on it (the QML draws that window and handles dragging). Painted with
// QPainter when the trace or the size changes, like the other drawn items: the same under the
// software renderer of the offscreen tests. A trace of more spans than the item has pixel rows
// shares rows; bars of one colour that touch in a row are painted as one rectangle, so a
// 100,000-span trace costs rectangles in the order of its pixels, not of its spans.
class WaterfallMinimap : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(spanlight::WaterfallModel *waterfall READ waterfall WRITE setWaterfall NOTIFY waterfallChanged)
    Q_PROPERTY(QColor errorColor MEMBER m_errorColor NOTIFY colorsChanged)
public:
    explicit WaterfallMinimap(QQuickItem *parent = nullptr);

    WaterfallModel *waterfall() const { return m_waterfall; }
    void setWaterfall(WaterfallModel *waterfall);

    struct Block
    {
        QRect rect;
        QColor color;
        bool operator==(const Block &) const = default;
    };
    // The rectangles for `bars` in a `width` x `height` pixel area: bar i in pixel rows
    // [i * height / n, (i + 1) * height / n) (at least one), x from its offset and width (at least
    // one pixel); error bars in `errorColor`. Same-coloured bars that overlap or touch in the same
    // rows merge.
    static QList<Block> layout(const QList<WaterfallModel::OverviewBar> &bars, int width, int height,
        const QColor &errorColor);

    void paint(QPainter *painter) override;

Q_SIGNALS:
    void waterfallChanged();
    void colorsChanged();

private:
    QPointer<WaterfallModel> m_waterfall;
    QMetaObject::Connection m_connection;
    QColor m_errorColor = QColor(0xd6, 0x27, 0x28);
};

} // namespace spanlight
