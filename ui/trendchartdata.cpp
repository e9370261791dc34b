#include "trendchartdata.h"

#include "consolepage.h"
#include "displaytext.h"

#include <QXYSeries>

#include <cmath>

namespace spanlight {

namespace {

QString trendText(Trend trend)
{
    switch (trend) {
    case Trend::Up:
        return TrendChartData::tr("↑ rising");
    case Trend::Down:
        return TrendChartData::tr("↓ falling");
    case Trend::Stable:
        break;
    }
    return TrendChartData::tr("→ stable");
}

qint64 stepOf(const QString &granularity)
{
    return granularityNs(granularity).value_or(qint64(60) * 1000000000);
}

} // namespace

TrendChartData::TrendChartData(ConsolePage *page)
    : QObject(page)
    , m_latencyMarkers(new AnomalyMarkerModel(this))
    , m_errorRateMarkers(new AnomalyMarkerModel(this))
    , m_throughputMarkers(new AnomalyMarkerModel(this))
    , m_granularity(QStringLiteral("1m"))
{
    // Connected before the page's own refresh runs, so the query asks for a granularity that fits.
    auto fit = [this, page] { fitRange(timeRangeNs(page->timeRange()).value_or(0)); };
    connect(page, &ConsolePage::timeRangeChanged, this, fit);
    fit();
    connect(page, &ConsolePage::labelsChanged, this, &TrendChartData::labelsChanged);
}

qint64 TrendChartData::granularityNs() const
{
    return stepOf(m_granularity);
}

QString TrendChartData::granularityLabel() const
{
    return granularityLabels().value(granularities().indexOf(m_granularity));
}

QStringList TrendChartData::granularities()
{
    return granularityNames();
}

QStringList TrendChartData::granularityLabels()
{
    QStringList out;
    for (const QString &name : granularities()) {
        if (name == u"1m")
            out.append(tr("1 min"));
        else if (name == u"5m")
            out.append(tr("5 min"));
        else if (name == u"1h")
            out.append(tr("1 h"));
        else
            out.append(name);
    }
    return out;
}

bool TrendChartData::granularityFits(qint64 rangeNs, qint64 granularityNs)
{
    if (granularityNs <= 0)
        return false;
    const qint64 points = rangeNs / granularityNs;
    return points >= 2 && points <= kMaxTrendPoints;
}

QStringList TrendChartData::allowedGranularities() const
{
    QStringList out;
    for (const QString &name : granularities())
        if (granularityFits(m_rangeNs, stepOf(name)))
            out.append(name);
    return out;
}

void TrendChartData::setGranularity(const QString &name)
{
    if (name == m_granularity || !allowedGranularities().contains(name))
        return;
    m_granularity = name;
    Q_EMIT granularityChanged();
    Q_EMIT granularityChosen();
}

void TrendChartData::fitRange(qint64 rangeNs)
{
    m_rangeNs = rangeNs;
    const QStringList allowed = allowedGranularities();
    QString fitted = m_granularity;
    if (m_finestFits && !allowed.isEmpty()) {
        fitted = allowed.first();
    } else if (!allowed.contains(fitted) && !allowed.isEmpty()) {
        fitted = allowed.last();
        for (const QString &name : allowed) {
            if (stepOf(name) > stepOf(m_granularity)) {
                fitted = name;
                break;
            }
        }
    }
    m_granularity = fitted;
    Q_EMIT granularityChanged(); // the allowed list changes with the range even when the choice stays
}

void TrendChartData::setFinestFits(bool on)
{
    m_finestFits = on;
    fitRange(m_rangeNs);
}

void TrendChartData::setTrends(const TrendSeries &trends, const QList<Anomaly> &anomalies)
{
    m_trends = trends;
    double latency = 0, errors = 0, throughput = 0;
    m_hasTrendData = false;
    for (const TrendPoint &p : std::as_const(m_trends.points)) {
        latency = std::max({ latency, p.avgDurationMs, p.p50DurationMs, p.p95DurationMs, p.p99DurationMs });
        errors = std::max(errors, p.errorRate * 100);
        throughput = std::max(throughput, p.throughputPerSecond);
        m_hasTrendData = m_hasTrendData || p.count > 0;
    }
    // Some room above the highest point, so a line never runs along the frame.
    m_latencyMax = niceCeiling(latency * 1.1);
    m_errorRateMax = std::min(100.0, niceCeiling(errors * 1.1));
    m_throughputMax = niceCeiling(throughput * 1.1);
    const auto markers = [this, &anomalies](const QList<AnomalyMetric> &metrics) {
        return AnomalyMarkerModel::markersOf(
            anomalies, metrics, m_trends.window.fromNs, m_trends.window.toNs, m_trends.granularityNs);
    };
    m_latencyMarkers->setMarkers(markers({ AnomalyMetric::LatencyP95, AnomalyMetric::LatencyP50 }));
    m_errorRateMarkers->setMarkers(markers({ AnomalyMetric::ErrorRate }));
    m_throughputMarkers->setMarkers(markers({ AnomalyMetric::Throughput }));
    Q_EMIT trendsChanged();
}

double TrendChartData::niceCeiling(double value)
{
    if (!(value > 0))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : { 1.0, 2.0, 2.5, 5.0, 10.0 })
        if (step * magnitude >= value * (1 - 1e-12))
            return step * magnitude;
    return 10 * magnitude;
}

QList<QPointF> TrendChartData::seriesPoints(Metric metric) const
{
    QList<QPointF> points;
    points.reserve(m_trends.points.size());
    const qint64 half = m_trends.granularityNs / 2;
    for (const TrendPoint &p : m_trends.points) {
        if (p.count == 0 && metric != Throughput)
            continue;
        const double x = double(chartAxisMs(p.startNs + half)); // as the axis: display time zone
        double y = 0;
        switch (metric) {
        case AvgLatency:
            y = p.avgDurationMs;
            break;
        case P50Latency:
            y = p.p50DurationMs;
            break;
        case P95Latency:
            y = p.p95DurationMs;
            break;
        case P99Latency:
            y = p.p99DurationMs;
            break;
        case ErrorRate:
            y = p.errorRate * 100;
            break;
        case Throughput:
            y = p.throughputPerSecond;
            break;
        }
        points.append(QPointF(x, y));
    }
    return points;
}

void TrendChartData::updateSeries(QAbstractSeries *series, int metric) const
{
    // At most kMaxTrendPoints (2,000) points per series reach the chart, about its width in
    // pixels, so there is nothing to downsample (ChartView costs ~0.8 µs a point per redraw).
    auto *xy = qobject_cast<QXYSeries *>(series);
    if (!xy || metric < AvgLatency || metric > Throughput)
        return;
    xy->replace(seriesPoints(Metric(metric)));
}

QDateTime TrendChartData::axisFrom() const
{
    return QDateTime::fromMSecsSinceEpoch(chartAxisMs(m_trends.window.fromNs));
}

QDateTime TrendChartData::axisTo() const
{
    return QDateTime::fromMSecsSinceEpoch(chartAxisMs(m_trends.window.toNs));
}

QString TrendChartData::axisFormat() const
{
    return m_trends.window.rangeNs() > qint64(24) * 3600 * 1000000000 ? QStringLiteral("MMM d")
                                                                      : QStringLiteral("HH:mm");
}

QString TrendChartData::latencyTrendText() const
{
    return m_hasTrendData ? trendText(m_trends.trends.responseTime) : QString();
}

QString TrendChartData::errorTrendText() const
{
    return m_hasTrendData ? trendText(m_trends.trends.errorRate) : QString();
}

QString TrendChartData::throughputTrendText() const
{
    return m_hasTrendData ? trendText(m_trends.trends.throughput) : QString();
}

} // namespace spanlight
