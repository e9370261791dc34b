#include "tracescatter.h"

#include "displaytext.h"
#include "tracespage.h"

#include <QDateTime>
#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPainter>

#include <cmath>

namespace spanlight {

namespace {

constexpr qint64 kMsNs = 1000000;
constexpr qreal kLeft = 64; // room for duration labels
constexpr qreal kBottom = 22; // room for time labels
constexpr qreal kTop = 8;
constexpr qreal kRight = 12;
constexpr qreal kRadius = 3.5;
constexpr qreal kHitRadius = 8;

} // namespace

std::pair<double, double> ScatterScale::decades(const QList<double> &durationsMs)
{
    double lo = 0;
    double hi = 0;
    bool any = false;
    for (double ms : durationsMs) {
        ms = std::max(ms, 0.001);
        lo = any ? std::min(lo, ms) : ms;
        hi = any ? std::max(hi, ms) : ms;
        any = true;
    }
    if (!any)
        return { 1, 1000 };
    const double bottom = std::pow(10.0, std::floor(std::log10(lo)));
    double top = std::pow(10.0, std::ceil(std::log10(hi)));
    if (top <= bottom)
        top = bottom * 10;
    return { bottom, top };
}

qint64 ScatterScale::tickStepSeconds(qint64 rangeSeconds)
{
    static constexpr qint64 kSteps[] = { 60, 120, 300, 600, 900, 1800, 3600, 2 * 3600, 3 * 3600, 6 * 3600,
        12 * 3600, 24 * 3600, 2 * 24 * 3600, 7 * 24 * 3600 };
    for (const qint64 step : kSteps)
        if (rangeSeconds / step <= 6)
            return step;
    return kSteps[std::size(kSteps) - 1];
}

QPointF ScatterScale::position(qint64 startNs, double durationMs) const
{
    const double span = double(std::max<qint64>(1, toNs - fromNs));
    const double fx = std::clamp(double(startNs - fromNs) / span, 0.0, 1.0);
    const double logLo = std::log10(minMs);
    const double logHi = std::log10(maxMs);
    const double fy
        = std::clamp((std::log10(std::max(durationMs, minMs)) - logLo) / (logHi - logLo), 0.0, 1.0);
    return { plot.left() + fx * plot.width(), plot.bottom() - fy * plot.height() };
}

TraceScatter::TraceScatter(QQuickItem *parent)
    : QQuickPaintedItem(parent)
{
    setAntialiasing(true);
    setAcceptedMouseButtons(Qt::LeftButton);
    setAcceptHoverEvents(true);
    connect(this, &TraceScatter::styleChanged, this, [this] { update(); });
    connect(this, &QQuickItem::widthChanged, this, [this] { update(); });
    connect(this, &QQuickItem::heightChanged, this, [this] { update(); });
}

void TraceScatter::setPage(TracesPage *page)
{
    if (page == m_page)
        return;
    for (const QMetaObject::Connection &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_page = page;
    if (m_page) {
        const auto changed = [this] {
            setHoveredRow(-1);
            update();
            Q_EMIT pointsChanged();
        };
        TraceListModel *results = m_page->results();
        m_connections << connect(results, &QAbstractItemModel::rowsInserted, this, changed)
                      << connect(results, &QAbstractItemModel::rowsRemoved, this, changed)
                      << connect(results, &QAbstractItemModel::rowsMoved, this, changed)
                      << connect(results, &QAbstractItemModel::modelReset, this, changed)
                      << connect(results, &QAbstractItemModel::dataChanged, this, changed)
                      << connect(m_page, &ConsolePage::resultApplied, this, changed);
    }
    Q_EMIT pageChanged();
    Q_EMIT pointsChanged();
    update();
}

int TraceScatter::pointCount() const
{
    return m_page ? m_page->results()->rowCount() : 0;
}

ScatterScale TraceScatter::scale() const
{
    ScatterScale s;
    s.plot = QRectF(kLeft, kTop, std::max<qreal>(1, width() - kLeft - kRight),
        std::max<qreal>(1, height() - kTop - kBottom));
    if (!m_page)
        return s;
    s.fromNs = qint64(m_page->windowFromMs() * double(kMsNs));
    s.toNs = qint64(m_page->windowToMs() * double(kMsNs));
    const TraceListModel *results = m_page->results();
    QList<double> durations;
    durations.reserve(results->rowCount());
    for (int row = 0; row < results->rowCount(); ++row)
        durations.append(double(results->summaryAt(row)->durationNs()) / double(kMsNs));
    std::tie(s.minMs, s.maxMs) = ScatterScale::decades(durations);
    return s;
}

QPointF TraceScatter::pointPosition(int row) const
{
    const TraceSummary *t = m_page ? m_page->results()->summaryAt(row) : nullptr;
    if (!t)
        return { -1, -1 };
    return scale().position(t->startNs, double(t->durationNs()) / double(kMsNs));
}

int TraceScatter::rowAt(qreal x, qreal y) const
{
    if (!m_page)
        return -1;
    const ScatterScale s = scale();
    const TraceListModel *results = m_page->results();
    int best = -1;
    qreal bestDistance = kHitRadius * kHitRadius;
    for (int row = 0; row < results->rowCount(); ++row) {
        const TraceSummary *t = results->summaryAt(row);
        const QPointF p = s.position(t->startNs, double(t->durationNs()) / double(kMsNs));
        const qreal d = (p.x() - x) * (p.x() - x) + (p.y() - y) * (p.y() - y);
        if (d <= bestDistance) {
            bestDistance = d;
            best = row;
        }
    }
    return best;
}

void TraceScatter::paint(QPainter *painter)
{
    const ScatterScale s = scale();
    painter->setRenderHint(QPainter::Antialiasing);
    QFont font = painter->font();
    font.setPixelSize(11);
    painter->setFont(font);
    const QFontMetricsF metrics(font);

    // Decades up the left, with their durations.
    painter->setPen(QPen(m_gridColor, 1));
    for (double ms = s.minMs; ms <= s.maxMs * 1.0001; ms *= 10) {
        const qreal y = std::round(s.position(s.fromNs, ms).y()) + 0.5;
        painter->setPen(QPen(m_gridColor, 1));
        painter->drawLine(QPointF(s.plot.left(), y), QPointF(s.plot.right(), y));
        painter->setPen(m_textColor);
        const QString label = millisText(ms);
        painter->drawText(QRectF(0, y - 8, kLeft - 6, 16), Qt::AlignRight | Qt::AlignVCenter, label);
    }
    // Round clock times along the bottom, about five of them; with the date for ranges over a day.
    if (s.toNs > s.fromNs) {
        const qint64 rangeS = (s.toNs - s.fromNs) / 1000000000;
        const bool days = rangeS > 24 * 3600;
        const QString format = days ? QStringLiteral("MM-dd HH:mm") : QStringLiteral("HH:mm");
        const qint64 stepS = ScatterScale::tickStepSeconds(rangeS);
        // Aligned in the display time zone, so hours and days fall on its midnights.
        const qint64 offsetNs = displayUtcOffsetNs(s.fromNs);
        const qint64 stepNs = stepS * 1000000000;
        const qint64 localFrom = s.fromNs + offsetNs;
        qint64 local = (localFrom + stepNs - 1) / stepNs * stepNs;
        for (; local - offsetNs <= s.toNs; local += stepNs) {
            const qint64 at = local - offsetNs;
            const qreal x = s.position(at, s.minMs).x();
            painter->setPen(QPen(m_gridColor, 1));
            painter->drawLine(QPointF(x, s.plot.bottom()), QPointF(x, s.plot.bottom() + 4));
            painter->setPen(m_textColor);
            const QString label = displayDateTime(at).toString(format);
            const qreal w = metrics.horizontalAdvance(label);
            const qreal left = std::clamp(x - w / 2, 0.0, std::max<qreal>(0, width() - w));
            painter->drawText(
                QRectF(left, s.plot.bottom() + 5, w + 1, kBottom - 5), Qt::AlignLeft | Qt::AlignTop, label);
        }
    }
    painter->setPen(QPen(m_gridColor, 1));
    painter->drawLine(s.plot.bottomLeft(), s.plot.bottomRight());

    if (!m_page)
        return;
    // Successes first, so error points are never hidden under them.
    const TraceListModel *results = m_page->results();
    for (const bool errors : { false, true }) {
        QColor fill = errors ? m_errorColor : m_pointColor;
        fill.setAlphaF(0.7);
        painter->setPen(QPen(errors ? m_errorColor : m_pointColor, 1));
        painter->setBrush(fill);
        for (int row = 0; row < results->rowCount(); ++row) {
            const TraceSummary *t = results->summaryAt(row);
            if ((t->status != TraceStatus::Success) != errors)
                continue;
            const QPointF p = s.position(t->startNs, double(t->durationNs()) / double(kMsNs));
            painter->drawEllipse(
                p, row == m_hoveredRow ? kRadius + 2 : kRadius, row == m_hoveredRow ? kRadius + 2 : kRadius);
        }
    }
}

void TraceScatter::mousePressEvent(QMouseEvent *event)
{
    const int row = rowAt(event->position().x(), event->position().y());
    if (row < 0) {
        event->ignore();
        return;
    }
    event->accept();
    Q_EMIT activated(row);
}

void TraceScatter::hoverMoveEvent(QHoverEvent *event)
{
    setHoveredRow(rowAt(event->position().x(), event->position().y()));
}

void TraceScatter::hoverLeaveEvent(QHoverEvent *event)
{
    Q_UNUSED(event)
    setHoveredRow(-1);
}

QString TraceScatter::hoveredText() const
{
    const TraceSummary *t = m_page ? m_page->results()->summaryAt(m_hoveredRow) : nullptr;
    if (!t)
        return {};
    return t->serviceName + QStringLiteral(": ") + t->operationName + QStringLiteral(" · ")
        + durationText(t->durationNs()) + QStringLiteral(" · ") + clockTimeText(t->startNs);
}

void TraceScatter::setHoveredRow(int row)
{
    if (row == m_hoveredRow)
        return;
    m_hoveredRow = row;
    Q_EMIT hoveredRowChanged();
    update();
}

} // namespace spanlight
