#pragma once

#include "analysis/serviceanalysis.h"
#include "insightmodels.h"

#include <QAbstractSeries>
#include <QDateTime>
#include <QObject>
#include <QPointF>
#include <QtQml/qqmlregistration.h>

namespace spanlight {

class ConsolePage;

// The figures behind the console's trend charts (qml/TrendChart.qml): one TrendSeries, the
// granularity it is asked at (chosen, or fitted to the owning page's time range), the charts'
// axes and value ranges, and the points of their series (filled from C++ with updateSeries(),
// as qtcharts' qmloscilloscope does). Every page that shows trends (Performance, Services)
// owns one, so the charts, their axes and the granularity rules exist once.
class TrendChartData : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("TrendChartData is owned by a console page")
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
    Q_PROPERTY(spanlight::AnomalyMarkerModel *latencyMarkers READ latencyMarkers CONSTANT)
    Q_PROPERTY(spanlight::AnomalyMarkerModel *errorRateMarkers READ errorRateMarkers CONSTANT)
    Q_PROPERTY(spanlight::AnomalyMarkerModel *throughputMarkers READ throughputMarkers CONSTANT)
public:
    // What a chart series shows: latency in ms, error rate in %, throughput per second.
    enum Metric { AvgLatency, P50Latency, P95Latency, P99Latency, ErrorRate, Throughput };
    Q_ENUM(Metric)

    // Follows `page`'s time range (fitRange()) and relays its labelsChanged(); the page asks
    // again on granularityChosen().
    explicit TrendChartData(ConsolePage *page);

    QString granularity() const { return m_granularity; }
    qint64 granularityNs() const;
    QString granularityLabel() const; // of granularity(): "1 min"
    // One of allowedGranularities(); others are ignored. A change emits granularityChosen().
    void setGranularity(const QString &name);
    static QStringList granularities(); // granularityNames(): 1m, 5m, 1h
    static QStringList granularityLabels();
    QStringList allowedGranularities() const;
    // A series of `rangeNs` at `granularityNs` has 2 to kMaxTrendPoints points, like the API's
    // limit; a single point is no trend.
    static bool granularityFits(qint64 rangeNs, qint64 granularityNs);
    // The owning page's time range changed: keep the granularity when the range allows it, else
    // the next coarser one that fits (a longer range), else the coarsest that fits (a shorter one).
    // With finestFits(), always the finest that fits.
    void fitRange(qint64 rangeNs);
    // For a page without a granularity choice: the most points the range allows.
    void setFinestFits(bool on);
    bool finestFits() const { return m_finestFits; }

    const TrendSeries &trends() const { return m_trends; }
    // New figures: the axes and value ranges follow them, and the charts refill. `anomalies`
    // (of what the charts show, over their window) become bands on the charts' time axes.
    void setTrends(const TrendSeries &trends, const QList<Anomaly> &anomalies = {});
    // The anomalies as bands on each chart's time axis, at least a slot wide so a one-bucket
    // anomaly shows: latency (p50, p95), error rate and throughput anomalies.
    AnomalyMarkerModel *latencyMarkers() const { return m_latencyMarkers; }
    AnomalyMarkerModel *errorRateMarkers() const { return m_errorRateMarkers; }
    AnomalyMarkerModel *throughputMarkers() const { return m_throughputMarkers; }

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

    // The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least `value`; 1 for
    // nothing, so an empty chart still has a scale. The charts' value axes end there.
    static double niceCeiling(double value);
    // The points of a series: x in ms since the epoch (the middle of each slot), y in the
    // metric's unit. Latency and error rate leave out slots without spans (no figure, not a
    // zero); throughput keeps them.
    QList<QPointF> seriesPoints(Metric metric) const;
    // Replaces the points of a QXYSeries (a LineSeries of a ChartView) with seriesPoints().
    Q_INVOKABLE void updateSeries(QAbstractSeries *series, int metric) const;

Q_SIGNALS:
    void granularityChanged(); // the choice or the allowed ones
    void granularityChosen(); // setGranularity() changed it: the owner asks again
    void labelsChanged(); // the owner relays its own after a language change
    void trendsChanged();

private:
    AnomalyMarkerModel *m_latencyMarkers;
    AnomalyMarkerModel *m_errorRateMarkers;
    AnomalyMarkerModel *m_throughputMarkers;
    QString m_granularity;
    qint64 m_rangeNs = 0;
    bool m_finestFits = false;
    TrendSeries m_trends;
    double m_latencyMax = 1;
    double m_errorRateMax = 1;
    double m_throughputMax = 1;
    bool m_hasTrendData = false;
};

} // namespace spanlight
