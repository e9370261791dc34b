#include "performancepage.h"

#include "consolecontroller.h"
#include "displaytext.h"

#include <QXYSeries>

#include <cmath>

namespace spanlight {

namespace {

QString trendText(Trend trend)
{
    switch (trend) {
    case Trend::Up:
        return PerformancePage::tr("↑ rising");
    case Trend::Down:
        return PerformancePage::tr("↓ falling");
    case Trend::Stable:
        break;
    }
    return PerformancePage::tr("→ stable");
}

qint64 stepOf(const QString &granularity)
{
    return granularityNs(granularity).value_or(qint64(60) * 1000000000);
}

} // namespace

PerformancePage::PerformancePage(ConsoleController *controller)
    : ConsolePage(controller)
    , m_traces(new TraceListModel(this))
    , m_operations(new SlowOperationModel(this))
    , m_latencyMarkers(new AnomalyMarkerModel(this))
    , m_errorRateMarkers(new AnomalyMarkerModel(this))
    , m_throughputMarkers(new AnomalyMarkerModel(this))
    , m_granularity(QStringLiteral("1m"))
{
    // Runs before the range's own refresh, so the query asks for a granularity that fits.
    connect(this, &ConsolePage::timeRangeChanged, this, &PerformancePage::fitGranularity);
    fitGranularity();
}

QStringList PerformancePage::serviceOptions() const
{
    QStringList options { tr("All services") };
    options += m_serviceNames;
    // A filter on a service that is gone stays visible, so the combo box can show it.
    if (!m_service.isEmpty() && !m_serviceNames.contains(m_service))
        options.append(m_service);
    return options;
}

int PerformancePage::serviceIndex() const
{
    return m_service.isEmpty() ? 0 : int(serviceOptions().indexOf(m_service));
}

void PerformancePage::setServiceIndex(int index)
{
    const QStringList options = serviceOptions();
    if (index >= 0 && index < options.size())
        setFilter(index == 0 ? QString() : options[index], {});
}

QStringList PerformancePage::operationOptions() const
{
    QStringList options { tr("All operations") };
    if (m_service.isEmpty())
        return options;
    options += m_serviceOperations.value(m_service);
    if (!m_operation.isEmpty() && !options.contains(m_operation))
        options.append(m_operation);
    return options;
}

int PerformancePage::operationIndex() const
{
    return m_operation.isEmpty() ? 0 : int(operationOptions().indexOf(m_operation));
}

void PerformancePage::setOperationIndex(int index)
{
    const QStringList options = operationOptions();
    if (index >= 0 && index < options.size())
        setFilter(m_service, index == 0 ? QString() : options[index]);
}

void PerformancePage::setFilter(const QString &service, const QString &operation)
{
    // An operation is one of a service's: without a service there is none.
    const QString op = service.isEmpty() ? QString() : operation;
    if (service == m_service && op == m_operation)
        return;
    m_service = service;
    m_operation = op;
    Q_EMIT optionsChanged(); // the operations are the new service's
    Q_EMIT filterChanged();
    parametersChanged();
}

QStringList PerformancePage::granularities()
{
    return granularityNames();
}

QStringList PerformancePage::granularityLabels()
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

bool PerformancePage::granularityFits(qint64 rangeNs, qint64 granularityNs)
{
    if (granularityNs <= 0)
        return false;
    const qint64 points = rangeNs / granularityNs;
    return points >= 2 && points <= kMaxTrendPoints;
}

QStringList PerformancePage::allowedGranularities() const
{
    const qint64 range = timeRangeNs(timeRange()).value_or(0);
    QStringList out;
    for (const QString &name : granularities())
        if (granularityFits(range, stepOf(name)))
            out.append(name);
    return out;
}

void PerformancePage::setGranularity(const QString &name)
{
    if (name == m_granularity || !allowedGranularities().contains(name))
        return;
    m_granularity = name;
    Q_EMIT granularityChanged();
    parametersChanged();
}

void PerformancePage::fitGranularity()
{
    // Keep the choice when the range allows it; else the next coarser one that fits (a longer
    // range), else the coarsest that fits (a shorter one).
    const QStringList allowed = allowedGranularities();
    QString fitted = m_granularity;
    if (!allowed.contains(fitted) && !allowed.isEmpty()) {
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

qint64 PerformancePage::windowStepNs() const
{
    return stepOf(m_granularity);
}

PerformanceSnapshot PerformancePage::query(
    const TraceSource &source, const SlowestQuery &slowest, qint64 granularityNs)
{
    PerformanceSnapshot s;
    for (const ServiceSummary &service : source.servicesOverview().services) {
        s.serviceNames.append(service.name);
        QStringList operations;
        for (const OperationStats &o : service.operations)
            operations.append(o.name);
        s.operations.insert(service.name, operations);
    }
    s.slowest = source.slowest(slowest);
    s.trends = source.trends(slowest.service, slowest.operation, slowest.window, granularityNs);
    s.anomalies = source.anomalies(slowest.service, slowest.operation, slowest.window).anomalies;
    return s;
}

bool PerformancePage::startQuery(const TimeWindow &window)
{
    SlowestQuery q;
    q.service = m_service;
    q.operation = m_operation;
    q.window = window;
    q.limit = kSlowestLimit;
    return controller()->run(
        this, [q, step = windowStepNs()](const TraceSource &source) { return query(source, q, step); },
        [this, generation = generation()](PerformanceSnapshot snapshot) {
            if (takeResult(generation))
                apply(snapshot);
        });
}

void PerformancePage::apply(const PerformanceSnapshot &snapshot)
{
    if (snapshot.serviceNames != m_serviceNames || snapshot.operations != m_serviceOperations) {
        m_serviceNames = snapshot.serviceNames;
        m_serviceOperations = snapshot.operations;
        Q_EMIT optionsChanged();
        Q_EMIT filterChanged(); // the index of the chosen service may have moved
    }
    m_traces->setTraces(snapshot.slowest.traces);
    m_operations->setOperations(snapshot.slowest.operations);
    m_hasData = !snapshot.slowest.traces.isEmpty() || !snapshot.slowest.operations.isEmpty();

    m_trends = snapshot.trends;
    double latency = 0, errors = 0, throughput = 0;
    m_hasTrendData = false;
    for (const TrendPoint &p : std::as_const(m_trends.points)) {
        latency = std::max({ latency, p.avgDurationMs, p.p95DurationMs, p.p99DurationMs });
        errors = std::max(errors, p.errorRate * 100);
        throughput = std::max(throughput, p.throughputPerSecond);
        m_hasTrendData = m_hasTrendData || p.count > 0;
    }
    // Some room above the highest point, so a line never runs along the frame.
    m_latencyMax = niceCeiling(latency * 1.1);
    m_errorRateMax = std::min(100.0, niceCeiling(errors * 1.1));
    m_throughputMax = niceCeiling(throughput * 1.1);
    // One slot wide at least, so that a one-bucket anomaly is a visible band.
    const auto markers = [this, &snapshot](const QList<AnomalyMetric> &metrics) {
        return AnomalyMarkerModel::markersOf(
            snapshot.anomalies, metrics, m_trends.window.fromNs, m_trends.window.toNs, m_trends.granularityNs);
    };
    m_latencyMarkers->setMarkers(markers({ AnomalyMetric::LatencyP95, AnomalyMetric::LatencyP50 }));
    m_errorRateMarkers->setMarkers(markers({ AnomalyMetric::ErrorRate }));
    m_throughputMarkers->setMarkers(markers({ AnomalyMetric::Throughput }));
    Q_EMIT trendsChanged();
    Q_EMIT resultApplied();
}

double PerformancePage::niceCeiling(double value)
{
    if (!(value > 0))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : { 1.0, 2.0, 2.5, 5.0, 10.0 })
        if (step * magnitude >= value * (1 - 1e-12))
            return step * magnitude;
    return 10 * magnitude;
}

QList<QPointF> PerformancePage::seriesPoints(Metric metric) const
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

void PerformancePage::updateSeries(QAbstractSeries *series, int metric) const
{
    // At most kMaxTrendPoints (2,000) points per series reach the chart, about its width in
    // pixels, so there is nothing to downsample (ChartView costs ~0.8 µs a point per redraw).
    auto *xy = qobject_cast<QXYSeries *>(series);
    if (!xy || metric < AvgLatency || metric > Throughput)
        return;
    xy->replace(seriesPoints(Metric(metric)));
}

QDateTime PerformancePage::axisFrom() const
{
    return QDateTime::fromMSecsSinceEpoch(chartAxisMs(m_trends.window.fromNs));
}

QDateTime PerformancePage::axisTo() const
{
    return QDateTime::fromMSecsSinceEpoch(chartAxisMs(m_trends.window.toNs));
}

QString PerformancePage::axisFormat() const
{
    return m_trends.window.rangeNs() > qint64(24) * 3600 * 1000000000 ? QStringLiteral("MMM d")
                                                                      : QStringLiteral("HH:mm");
}

QString PerformancePage::latencyTrendText() const
{
    return m_hasTrendData ? trendText(m_trends.trends.responseTime) : QString();
}

QString PerformancePage::errorTrendText() const
{
    return m_hasTrendData ? trendText(m_trends.trends.errorRate) : QString();
}

QString PerformancePage::throughputTrendText() const
{
    return m_hasTrendData ? trendText(m_trends.trends.throughput) : QString();
}

QString PerformancePage::trendsCaption() const
{
    const QString step = granularityLabels().value(granularities().indexOf(m_granularity));
    QString what;
    if (m_service.isEmpty())
        what = tr("Requests of every service");
    else if (m_operation.isEmpty())
        what = tr("Requests of %1").arg(m_service);
    else
        what = tr("Every span of %1 in %2").arg(m_operation, m_service);
    return what + QStringLiteral(" · ") + tr("one point per %1").arg(step);
}

QString PerformancePage::emptyText() const
{
    if (!controller()->isConnected())
        return tr("Not connected to a server.");
    if (!isLoaded())
        return tr("Loading…");
    if (!m_hasData)
        return tr("No spans in this time range. Pick a longer range, or send spans: Settings (Ctrl+8) lists "
                  "the endpoints.");
    return {};
}

void PerformancePage::openTrace(int row)
{
    const QString id = m_traces->traceIdAt(row);
    if (!id.isEmpty())
        controller()->openTraceSpan(id, {});
}

} // namespace spanlight
