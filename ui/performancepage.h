#pragma once

#include "consolepage.h"
#include "insightmodels.h"
#include "performancemodels.h"
#include "tracelistmodel.h"

#include <QAbstractSeries>
#include <QDateTime>
#include <QHash>
#include <QPointF>

namespace spanlight {

// What the performance page asks for in one query.
struct PerformanceSnapshot
{
    QStringList serviceNames; // every stored service, for the filter
    QHash<QString, QStringList> operations; // each service's operations, most spans first
    Slowest slowest;
    TrendSeries trends;
    QList<Anomaly> anomalies; // of the charts' service and operation in the window, for the markers
};

// The Performance page: the slowest traces and operations of a time range, and trend charts
// (latency avg/p95/p99, error rate, throughput) at a granularity the range allows, for every
// service's requests, one service's requests, or every span of one of its operations. The
// charts are Qt Charts ChartViews in QML; this page fills their series (updateSeries(), as
// qtcharts' qmloscilloscope does) and computes their axes.
class PerformancePage : public ConsolePage
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("PerformancePage is owned by ConsoleController")
    Q_PROPERTY(spanlight::TraceListModel *slowestTraces READ slowestTraces CONSTANT)
    Q_PROPERTY(spanlight::SlowOperationModel *slowestOperations READ slowestOperations CONSTANT)
    Q_PROPERTY(QStringList serviceOptions READ serviceOptions NOTIFY optionsChanged)
    Q_PROPERTY(int serviceIndex READ serviceIndex WRITE setServiceIndex NOTIFY filterChanged)
    Q_PROPERTY(QStringList operationOptions READ operationOptions NOTIFY optionsChanged)
    Q_PROPERTY(int operationIndex READ operationIndex WRITE setOperationIndex NOTIFY filterChanged)
    Q_PROPERTY(QString granularity READ granularity WRITE setGranularity NOTIFY granularityChanged)
    Q_PROPERTY(QStringList granularities READ granularities CONSTANT)
    Q_PROPERTY(QStringList granularityLabels READ granularityLabels NOTIFY labelsChanged)
    Q_PROPERTY(QStringList allowedGranularities READ allowedGranularities NOTIFY granularityChanged)
    Q_PROPERTY(QDateTime axisFrom READ axisFrom NOTIFY trendsChanged)
    Q_PROPERTY(QDateTime axisTo READ axisTo NOTIFY trendsChanged)
    Q_PROPERTY(QString axisFormat READ axisFormat NOTIFY trendsChanged)
    Q_PROPERTY(double latencyMax READ latencyMax NOTIFY trendsChanged)
    Q_PROPERTY(double errorRateMax READ errorRateMax NOTIFY trendsChanged)
    Q_PROPERTY(double throughputMax READ throughputMax NOTIFY trendsChanged)
    Q_PROPERTY(bool hasTrendData READ hasTrendData NOTIFY trendsChanged)
    Q_PROPERTY(QString latencyTrendText READ latencyTrendText NOTIFY trendsChanged)
    Q_PROPERTY(QString errorTrendText READ errorTrendText NOTIFY trendsChanged)
    Q_PROPERTY(QString throughputTrendText READ throughputTrendText NOTIFY trendsChanged)
    Q_PROPERTY(QString trendsCaption READ trendsCaption NOTIFY trendsChanged)
    Q_PROPERTY(QString emptyText READ emptyText NOTIFY resultApplied)
    Q_PROPERTY(spanlight::AnomalyMarkerModel *latencyMarkers READ latencyMarkers CONSTANT)
    Q_PROPERTY(spanlight::AnomalyMarkerModel *errorRateMarkers READ errorRateMarkers CONSTANT)
    Q_PROPERTY(spanlight::AnomalyMarkerModel *throughputMarkers READ throughputMarkers CONSTANT)
public:
    // What a chart series shows: latency in ms, error rate in %, throughput per second.
    enum Metric { AvgLatency, P95Latency, P99Latency, ErrorRate, Throughput };
    Q_ENUM(Metric)
    static constexpr int kSlowestLimit = 20;

    explicit PerformancePage(ConsoleController *controller);

    TraceListModel *slowestTraces() const { return m_traces; }
    SlowOperationModel *slowestOperations() const { return m_operations; }
    // The anomalies of the charts' service and operation as bands on each chart's time axis:
    // latency (p50, p95), error rate and throughput anomalies.
    AnomalyMarkerModel *latencyMarkers() const { return m_latencyMarkers; }
    AnomalyMarkerModel *errorRateMarkers() const { return m_errorRateMarkers; }
    AnomalyMarkerModel *throughputMarkers() const { return m_throughputMarkers; }

    // Index 0 of both option lists means "all"; operations are those of the chosen service.
    QStringList serviceOptions() const;
    int serviceIndex() const;
    void setServiceIndex(int index);
    QStringList operationOptions() const;
    int operationIndex() const;
    void setOperationIndex(int index);
    QString serviceFilter() const { return m_service; }
    QString operationFilter() const { return m_operation; }
    void setFilter(const QString &service, const QString &operation); // empty: all

    QString granularity() const { return m_granularity; }
    void setGranularity(const QString &name); // one of allowedGranularities(); others are ignored
    static QStringList granularities(); // granularityNames(): 1m, 5m, 1h
    static QStringList granularityLabels();
    QStringList allowedGranularities() const;
    // A series of `rangeNs` at `granularityNs` has 2 to kMaxTrendPoints points, like the API's
    // limit; a single point is no trend.
    static bool granularityFits(qint64 rangeNs, qint64 granularityNs);

    QDateTime axisFrom() const;
    QDateTime axisTo() const;
    QString axisFormat() const;
    double latencyMax() const { return m_latencyMax; }
    double errorRateMax() const { return m_errorRateMax; }
    double throughputMax() const { return m_throughputMax; }
    bool hasTrendData() const { return m_hasTrendData; }
    QString latencyTrendText() const;
    QString errorTrendText() const;
    QString throughputTrendText() const;
    QString trendsCaption() const;
    QString emptyText() const;

    // The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least `value`; 1 for
    // nothing, so an empty chart still has a scale. The charts' value axes end there.
    static double niceCeiling(double value);
    // The points of a series: x in ms since the epoch (the middle of each slot), y in the
    // metric's unit. Latency and error rate leave out slots without spans (no figure, not a
    // zero); throughput keeps them.
    QList<QPointF> seriesPoints(Metric metric) const;
    const TrendSeries &trends() const { return m_trends; }
    // Replaces the points of a QXYSeries (a LineSeries of a ChartView) with seriesPoints().
    Q_INVOKABLE void updateSeries(QAbstractSeries *series, int metric) const;

    // The worker-thread half, public for tests.
    static PerformanceSnapshot query(
        const TraceSource &source, const SlowestQuery &slowest, qint64 granularityNs);
    void apply(const PerformanceSnapshot &snapshot);

    // A row of `slowestTraces` opens on the Trace page.
    Q_INVOKABLE void openTrace(int row);

Q_SIGNALS:
    void optionsChanged();
    void filterChanged();
    void granularityChanged();
    void trendsChanged();

protected:
    bool startQuery(const TimeWindow &window) override;
    qint64 windowStepNs() const override;

private:
    void fitGranularity();

    TraceListModel *m_traces;
    SlowOperationModel *m_operations;
    AnomalyMarkerModel *m_latencyMarkers;
    AnomalyMarkerModel *m_errorRateMarkers;
    AnomalyMarkerModel *m_throughputMarkers;
    QStringList m_serviceNames;
    QHash<QString, QStringList> m_serviceOperations;
    QString m_service;
    QString m_operation;
    QString m_granularity;
    TrendSeries m_trends;
    double m_latencyMax = 1;
    double m_errorRateMax = 1;
    double m_throughputMax = 1;
    bool m_hasTrendData = false;
    bool m_hasData = false;
};

} // namespace spanlight
