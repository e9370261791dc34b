#pragma once

#include "consolepage.h"
#include "performancemodels.h"
#include "tracelistmodel.h"
#include "trendchartdata.h"

#include <QHash>

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
// charts are Qt Charts ChartViews in QML (TrendChart.qml) fed by the page's TrendChartData,
// which also holds the chosen granularity.
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
    Q_PROPERTY(spanlight::TrendChartData *trendChart READ trendChart CONSTANT)
    Q_PROPERTY(QString trendsCaption READ trendsCaption NOTIFY captionChanged)
    Q_PROPERTY(QString emptyText READ emptyText NOTIFY resultApplied)
public:
    static constexpr int kSlowestLimit = 20;

    explicit PerformancePage(ConsoleController *controller);

    TraceListModel *slowestTraces() const { return m_traces; }
    SlowOperationModel *slowestOperations() const { return m_operations; }

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

    TrendChartData *trendChart() const { return m_chart; }
    const TrendSeries &trends() const { return m_chart->trends(); }
    QString trendsCaption() const;
    QString emptyText() const;

    // The worker-thread half, public for tests.
    static PerformanceSnapshot query(
        const TraceSource &source, const SlowestQuery &slowest, qint64 granularityNs);
    void apply(const PerformanceSnapshot &snapshot);

    // A row of `slowestTraces` opens on the Trace page.
    Q_INVOKABLE void openTrace(int row);

Q_SIGNALS:
    void optionsChanged();
    void filterChanged();
    void captionChanged();

protected:
    bool startQuery(const TimeWindow &window) override;
    qint64 windowStepNs() const override;

private:
    TraceListModel *m_traces;
    SlowOperationModel *m_operations;
    QStringList m_serviceNames;
    QHash<QString, QStringList> m_serviceOperations;
    QString m_service;
    QString m_operation;
    TrendChartData *m_chart;
    bool m_hasData = false;
};

} // namespace spanlight
