#pragma once

#include "errorseverity.h"
#include "serviceanalysis.h"
#include "storage/store.h"

#include <QList>
#include <QString>

#include <optional>

namespace spanlight {

// What an anomaly or a regression is about.
enum class AnomalyMetric { LatencyP95, LatencyP50, ErrorRate, Throughput };
QString anomalyMetricName(AnomalyMetric metric); // "latency_p95", "latency_p50", "error_rate", "throughput"

// The knobs of the anomaly rule (docs/analysis.md, "Anomalies"). The defaults are what the API uses.
// A bucket's p95 is judged only with at least this many spans (one in twenty above it).
constexpr qint64 kMinP95Spans = 20;

struct AnomalyOptions
{
    double margin = 3.5; // robust z-score (in scaled MADs) a bucket must exceed
    int baselineBuckets = 30; // the trailing buckets a bucket's baseline comes from
    int minBaselineBuckets = 10; // fewer usable baseline buckets: the bucket is not judged
    qint64 minSpans = 10; // latency and error rate only for buckets (and baseline buckets) with this many spans
    double minLatencyChange = 0.25; // the band is at least this fraction of the expected latency wide
    double minThroughputChange = 0.5; // ... of the expected throughput
    double minErrorRateChange = 0.05; // ... and at least 5 percentage points of error rate
    qint64 minErrors = 3; // an error-rate anomaly needs this many failed spans in the bucket
};

// Median and median absolute deviation of a sample.
struct RobustBaseline
{
    double median = 0;
    double mad = 0;
    qsizetype samples = 0;
};
double medianOf(QList<double> values); // 0 for none
RobustBaseline robustBaseline(const QList<double> &values);

// The band rule for one value against its baseline: tolerance = max(margin * 1.4826 * MAD,
// floor), where the floor is the metric's minimum change (for throughput with `bucketSeconds`,
// also margin x the Poisson spread of the expected count, sqrt(count) / bucketSeconds); score =
// |observed - expected| / (tolerance / margin), so a bucket is anomalous when its score exceeds
// the margin. Latency and error rate are anomalous only upwards, throughput both ways.
struct BandVerdict
{
    bool anomalous = false;
    double score = 0;
};
BandVerdict judgeBucket(AnomalyMetric metric, double observed, const RobustBaseline &baseline,
    const AnomalyOptions &options, double bucketSeconds = 0);
// low below 2 x margin, medium below 4 x, high below 8 x, else critical.
Severity anomalySeverity(double score, double margin);

// One bucket of an operation's series: its spans' count, errors and latency histogram.
struct MetricBucket
{
    qint64 startNs = 0;
    qint64 spans = 0;
    qint64 errors = 0;
    LatencyHistogram histogram;
};

// The buckets of one (service, operation), oldest first; the first `firstJudged` are history that
// only feeds baselines. Buckets ending after `completeBeforeNs` are still filling: their
// throughput is not judged.
struct OperationSeries
{
    QString service;
    QString operation;
    qint64 bucketNs = 0;
    qsizetype firstJudged = 0;
    qint64 completeBeforeNs = std::numeric_limits<qint64>::max();
    QList<MetricBucket> buckets;
};
double metricValue(AnomalyMetric metric, const MetricBucket &bucket, qint64 bucketNs); // ms, fraction, spans/s

// Where the extra time of a latency anomaly went: an operation's mean self time per trace in the
// anomaly's window against the baseline before it.
struct TimeAttribution
{
    QString service;
    QString operation;
    double baselineSelfMs = 0;
    double anomalySelfMs = 0;
    double extraMs() const { return anomalySelfMs - baselineSelfMs; }
};

struct Anomaly
{
    QString id; // stable for the same service, operation, metric and start
    QString service;
    QString operation;
    AnomalyMetric metric = AnomalyMetric::LatencyP95;
    qint64 startedNs = 0;
    std::optional<qint64> endedNs; // none: the last bucket of the window is still anomalous
    double observed = 0; // of the bucket with the highest score
    double expected = 0; // its baseline's median
    double score = 0;
    Severity severity = Severity::Low;
    QList<TimeAttribution> attribution; // latency anomalies: largest growth first
};

struct Regression
{
    QString service;
    QString operation;
    AnomalyMetric metric = AnomalyMetric::LatencyP95;
    QString beforeVersion; // both empty: a level shift without versions
    QString afterVersion;
    double before = 0;
    double after = 0;
    double changePercent = 0;
    qint64 detectedNs = 0; // start of the first bucket after the change
};

// Consecutive anomalous buckets of one metric merge into one anomaly.
QList<Anomaly> detectAnomalies(const OperationSeries &series, const AnomalyOptions &options);

// The latency percentiles and error rate of the buckets [from, changeAt) against [afterFrom, to),
// each side merged; a difference beyond the band rule (with the before buckets' spread) is a
// regression. Indices are into series.buckets.
QList<Regression> compareSides(const OperationSeries &series, qsizetype from, qsizetype changeAt,
    qsizetype afterFrom, qsizetype to, const AnomalyOptions &options);

// Without versions: per metric (p95, error rate) the split of the judged buckets (both sides at
// least minBaselineBuckets / 2, at least 5) with the least absolute deviation of each side from
// its median, reported when the medians differ beyond the band rule of either side's spread.
QList<Regression> detectLevelShifts(const OperationSeries &series, const AnomalyOptions &options);

// The versions (resource attribute service.version) a service's spans carried in one slot of a
// window, as a bounded sample of the slot's traces sees them.
struct ServiceVersionSample
{
    qint64 slot = 0; // bucket index
    QString service;
    QString version; // empty: spans without service.version
    qint64 spans = 0; // spans of the sample with that service and version
};

// A service moving from one version to another, seen in the version samples of the buckets.
struct VersionChange
{
    QString service;
    QString before;
    QString after;
    qsizetype firstMixed = 0; // the first bucket that saw `after`
    qsizetype firstAfter = 0; // the first bucket that saw only `after`
};
// From samples per bucket (slot = bucket index): a change is a bucket seeing one version other
// than the last bucket that saw one version; buckets seeing both are the rollout.
QList<VersionChange> versionChanges(const QList<ServiceVersionSample> &samples);

struct AnomalyQuery
{
    QString service; // empty: every service
    QString operation; // empty: every operation
    TimeWindow window; // judged buckets; the baseline history before it is read too
    qint64 bucketNs = qint64(60) * 1000000000;
    qint64 nowNs = std::numeric_limits<qint64>::max(); // buckets ending after it are still filling
};

struct AnomalyReport
{
    QList<Anomaly> anomalies; // newest first
    QList<Regression> regressions; // newest first
};

// The bucket of a time range: a 60th of it in whole minutes, at least a minute (15m and 1h: 1 min).
qint64 anomalyBucketNs(qint64 rangeNs);

// Anomalies and regressions from the rollups and latency buckets (one read grouped by service,
// operation and bucket over the window and its baseline history), service versions from a
// bounded sample of traces per bucket, and for latency anomalies a bounded sample of traces.
class AnomalyAnalysis
{
public:
    static constexpr int kVersionTracesPerBucket = 3;
    static constexpr int kAttributionTraces = 20; // per side of a latency anomaly
    static constexpr int kMaxAttributedAnomalies = 10; // distinct (operation, window)s attributed

    explicit AnomalyAnalysis(const Store &store, AnomalyOptions options = {})
        : m_store(store),
          m_options(options)
    { }

    AnomalyReport analyse(const AnomalyQuery &query) const;
    // For each bucket of [fromNs, fromNs + buckets x bucketNs), the service versions of the spans
    // of the kVersionTracesPerBucket newest traces that started in it (trace search by start,
    // then the spans by trace id): buckets x 3 trace reads, never a scan of the spans.
    QList<ServiceVersionSample> versionSamples(qint64 fromNs, qint64 bucketNs, qsizetype buckets) const;
    QList<OperationSeries> series(const AnomalyQuery &query) const;
    // The operations whose mean self time per trace of (service, operation) grew most between
    // the traces that started in [baseline) and those in [anomalous) (at most 5, growth > 0).
    QList<TimeAttribution> attribute(const QString &service, const QString &operation, const TimeWindow &baseline,
        const TimeWindow &anomalous) const;

private:
    const Store &m_store;
    AnomalyOptions m_options;
};

} // namespace spanlight
