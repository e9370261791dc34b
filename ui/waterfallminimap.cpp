#include "waterfallminimap.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace spanlight {

WaterfallMinimap::WaterfallMinimap(QQuickItem *parent) : QQuickPaintedItem(parent)
{
    connect(this, &WaterfallMinimap::colorsChanged, this, [this] { update(); });
}

void WaterfallMinimap::setWaterfall(WaterfallModel *waterfall)
{
    if (m_waterfall == waterfall)
        return;
    disconnect(m_connection);
    m_waterfall = waterfall;
    if (waterfall)
        m_connection = connect(waterfall, &WaterfallModel::traceChanged, this, [this] { update(); });
    update();
    Q_EMIT waterfallChanged();
}

QList<WaterfallMinimap::Block> WaterfallMinimap::layout(const QList<WaterfallModel::OverviewBar> &bars,
    int width, int height, const QColor &errorColor)
{
    QList<Block> out;
    const qint64 n = bars.size();
    if (n == 0 || width <= 0 || height <= 0)
        return out;
    // A bar merges into the newest block of its colour in its rows when it touches it and no
    // later block of another colour lies between them.
    int rowTop = -1;
    qsizetype rowFirstBlock = 0;
    for (qint64 i = 0; i < n; ++i) {
        const WaterfallModel::OverviewBar &bar = bars[i];
        const int top = int(i * height / n);
        const int bottom = std::max(top + 1, int((i + 1) * height / n));
        if (top != rowTop) {
            rowTop = top;
            rowFirstBlock = out.size();
        }
        const int left = std::clamp(int(std::floor(bar.offset * width)), 0, width - 1);
        const int right = std::clamp(int(std::ceil((bar.offset + bar.width) * width)), left + 1, width);
        const QColor color = bar.error ? errorColor : bar.color;
        bool merged = false;
        for (qsizetype b = out.size() - 1; b >= rowFirstBlock; --b) {
            Block &block = out[b];
            const bool overlaps = left <= block.rect.right() + 1 && right >= block.rect.left();
            if (block.color != color) {
                if (overlaps)
                    break; // merging below it would paint this bar under a later one
                continue;
            }
            if (overlaps) {
                const int l = std::min(left, block.rect.left());
                const int r = std::max(right, block.rect.right() + 1);
                block.rect = QRect(l, top, r - l, bottom - top);
                merged = true;
            }
            break; // only the newest block of a colour may grow
        }
        if (!merged)
            out.append({QRect(left, top, right - left, bottom - top), color});
    }
    return out;
}

void WaterfallMinimap::paint(QPainter *painter)
{
    if (!m_waterfall || !m_waterfall->hasTrace())
        return;
    const int w = int(width()), h = int(height());
    for (const Block &block : layout(m_waterfall->overviewBars(), w, h, m_errorColor))
        painter->fillRect(block.rect, block.color);
}

} // namespace spanlight
