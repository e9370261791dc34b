#pragma once

#include <QColor>
#include <QPointF>
#include <QPointer>
#include <QQuickPaintedItem>
#include <QRectF>
#include <QtQml/qqmlregistration.h>

namespace spanlight {

class TracesPage;

// Where a trace goes in the scatter: start time left to right over the page's window,
// duration bottom to top on a log scale (whole decades, at least one), so that 2 ms requests and
// a 40 s batch job are both readable. A small value type, unit-tested without a window.
struct ScatterScale
{
    QRectF plot; // the plotting area, in item coordinates
    qint64 fromNs = 0; // the window's start (left edge)
    qint64 toNs = 0; // its end (right edge)
    double minMs = 1; // bottom edge: a power of ten
    double maxMs = 10; // top edge: a power of ten, > minMs

    // The decades that hold every duration in `durationsMs` (values <= 0 count as 1 µs).
    static std::pair<double, double> decades(const QList<double> &durationsMs);
    QPointF position(qint64 startNs, double durationMs) const;
    // The step of the time ticks: the finest round one (1 min .. 7 days) that gives at most six.
    static qint64 tickStepSeconds(qint64 rangeSeconds);
};

// The Traces page's scatter of its results: duration against start time, error traces in the
// error colour. Painted with QPainter (like Sparkline: synchronous, the same under the software
// renderer, a grab shows it at once); a few thousand points at most (the search limit), so no
// downsampling. A click on a point emits activated(row) with the row of `page.results`.
class TraceScatter : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(spanlight::TracesPage *page READ page WRITE setPage NOTIFY pageChanged)
    Q_PROPERTY(int pointCount READ pointCount NOTIFY pointsChanged)
    Q_PROPERTY(QColor pointColor MEMBER m_pointColor NOTIFY styleChanged)
    Q_PROPERTY(QColor errorColor MEMBER m_errorColor NOTIFY styleChanged)
    Q_PROPERTY(QColor textColor MEMBER m_textColor NOTIFY styleChanged)
    Q_PROPERTY(QColor gridColor MEMBER m_gridColor NOTIFY styleChanged)
    Q_PROPERTY(int hoveredRow READ hoveredRow NOTIFY hoveredRowChanged)
    Q_PROPERTY(QString hoveredText READ hoveredText NOTIFY hoveredRowChanged)
public:
    explicit TraceScatter(QQuickItem *parent = nullptr);

    TracesPage *page() const { return m_page; }
    void setPage(TracesPage *page);
    int pointCount() const;
    int hoveredRow() const { return m_hoveredRow; }
    // "service: operation · 12.3 ms · 14:03:21.123" of the point under the mouse, else empty.
    QString hoveredText() const;

    ScatterScale scale() const;
    // Where row `row` of the results is drawn (item coordinates); (-1, -1) without it.
    Q_INVOKABLE QPointF pointPosition(int row) const;
    // The row whose point is nearest to (x, y) within a few pixels, else -1.
    Q_INVOKABLE int rowAt(qreal x, qreal y) const;

    void paint(QPainter *painter) override;

Q_SIGNALS:
    void pageChanged();
    void pointsChanged();
    void styleChanged();
    void hoveredRowChanged();
    void activated(int row);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void hoverMoveEvent(QHoverEvent *event) override;
    void hoverLeaveEvent(QHoverEvent *event) override;

private:
    void setHoveredRow(int row);

    QPointer<TracesPage> m_page;
    QList<QMetaObject::Connection> m_connections;
    QColor m_pointColor = QColor(0x1f, 0x6f, 0xd1);
    QColor m_errorColor = QColor(0xd6, 0x27, 0x28);
    QColor m_textColor = QColor(0x63, 0x6c, 0x76);
    QColor m_gridColor = QColor(0xdf, 0xe2, 0xe6);
    int m_hoveredRow = -1;
};

} // namespace spanlight
