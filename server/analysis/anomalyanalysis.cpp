#include "anomalyanalysis.h"

#include "traceanalysis.h"

#include <QCryptographicHash>
#include <QHash>
#include <QMap>
#include <QJsonValue>
#include <QMap>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace spanlight {

namespace {

const qint64 kMinuteNs = qint64(60) * 1000000000;
// MAD x 1.4826 estimates the standard deviation of normally distributed values.
constexpr double kMadScale = 1.4826;

const AnomalyMetric kMetrics[] = { AnomalyMetric::LatencyP95, AnomalyMetric::LatencyP50, AnomalyMetric::ErrorRate,
    AnomalyMetric::Throughput };

bool isLatency(AnomalyMetric m)
{
    return m == AnomalyMetric::LatencyP95 || m == AnomalyMetric::LatencyP50;
}

// Whether a bucket carries enough spans for the metric to mean something: a p95 needs one span
// in twenty above it (with fewer it is the slowest span, and one outlier moves it).
bool usable(AnomalyMetric m, const MetricBucket &b, const AnomalyOptions &o)
{
    if (m == AnomalyMetric::LatencyP95)
        return b.spans >= std::max<qint64>(o.minSpans, kMinP95Spans);
    return m == AnomalyMetric::Throughput || b.spans >= o.minSpans;
}

double floorOf(AnomalyMetric m, double expected, const AnomalyOptions &o)
{
    switch (m) {
    case AnomalyMetric::ErrorRate:
        return o.minErrorRateChange;
    case AnomalyMetric::Throughput:
        return o.minThroughputChange * std::abs(expected);
    case AnomalyMetric::LatencyP95:
    case AnomalyMetric::LatencyP50:
        break;
    }
    return o.minLatencyChange * std::abs(expected);
}

QString anomalyId(const QString &service, const QString &operation, AnomalyMetric metric, qint64 startedNs)
{
    const QByteArray key = service.toUtf8() + '\0' + operation.toUtf8() + '\0' + anomalyMetricName(metric).toUtf8()
        + '\0' + QByteArray::number(startedNs);
    return QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha1).left(8).toHex());
}

struct Side
{
    qint64 spans = 0;
    qint64 errors = 0;
    LatencyHistogram histogram;
    QList<double> p95s; // per usable bucket, for the spread
    QList<double> p50s;
    QList<double> errorRates;
};

Side mergeSide(const OperationSeries &s, qsizetype from, qsizetype to, const AnomalyOptions &o)
{
    Side side;
    for (qsizetype i = std::max<qsizetype>(0, from); i < std::min(to, s.buckets.size()); ++i) {
        const MetricBucket &b = s.buckets[i];
        side.spans += b.spans;
        side.errors += b.errors;
        side.histogram.merge(b.histogram);
        if (b.spans >= o.minSpans) {
            side.p95s.append(metricValue(AnomalyMetric::LatencyP95, b, s.bucketNs));
            side.p50s.append(metricValue(AnomalyMetric::LatencyP50, b, s.bucketNs));
            side.errorRates.append(metricValue(AnomalyMetric::ErrorRate, b, s.bucketNs));
        }
    }
    return side;
}

// Whether `after` differs from `before` beyond the band of the before side's spread.
bool significant(AnomalyMetric m, double before, double after, const QList<double> &beforeValues,
    const AnomalyOptions &o)
{
    const RobustBaseline b = robustBaseline(beforeValues);
    const double tolerance = std::max(o.margin * kMadScale * b.mad, floorOf(m, before, o));
    return std::abs(after - before) > tolerance;
}

double changePercent(double before, double after)
{
    return before != 0 ? 100.0 * (after - before) / before : 0.0;
}

Regression regressionOf(const OperationSeries &s, AnomalyMetric metric, double before, double after, qint64 detectedNs)
{
    Regression r;
    r.service = s.service;
    r.operation = s.operation;
    r.metric = metric;
    r.before = before;
    r.after = after;
    r.changePercent = changePercent(before, after);
    r.detectedNs = detectedNs;
    return r;
}

} // namespace

QString anomalyMetricName(AnomalyMetric metric)
{
    switch (metric) {
    case AnomalyMetric::LatencyP50:
        return QStringLiteral("latency_p50");
    case AnomalyMetric::ErrorRate:
        return QStringLiteral("error_rate");
    case AnomalyMetric::Throughput:
        return QStringLiteral("throughput");
    case AnomalyMetric::LatencyP95:
        break;
    }
    return QStringLiteral("latency_p95");
}

double medianOf(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    const qsizetype mid = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + mid, values.end());
    const double upper = values[mid];
    if (values.size() % 2)
        return upper;
    const double lower = *std::max_element(values.begin(), values.begin() + mid);
    return (lower + upper) / 2;
}

RobustBaseline robustBaseline(const QList<double> &values)
{
    RobustBaseline b;
    b.samples = values.size();
    b.median = medianOf(values);
    QList<double> deviations;
    deviations.reserve(values.size());
    for (double v : values)
        deviations.append(std::abs(v - b.median));
    b.mad = medianOf(deviations);
    return b;
}

BandVerdict judgeBucket(AnomalyMetric metric, double observed, const RobustBaseline &baseline,
    const AnomalyOptions &options, double bucketSeconds)
{
    BandVerdict v;
    double floor = floorOf(metric, baseline.median, options);
    if (metric == AnomalyMetric::Throughput && bucketSeconds > 0 && baseline.median > 0) {
        // A bucket's count of a steady operation is about Poisson(expected count): its standard
        // deviation is the count's square root, which for a few spans a bucket is most of it.
        const double expectedCount = baseline.median * bucketSeconds;
        floor = std::max(floor, options.margin * std::sqrt(expectedCount) / bucketSeconds);
    }
    const double tolerance = std::max(options.margin * kMadScale * baseline.mad, floor);
    if (tolerance <= 0)
        return v; // nothing to measure against (a zero baseline of zeros)
    const double deviation = observed - baseline.median;
    v.score = std::abs(deviation) / (tolerance / options.margin);
    const bool rightWay = metric == AnomalyMetric::Throughput || deviation > 0;
    v.anomalous = rightWay && v.score > options.margin;
    return v;
}

Severity anomalySeverity(double score, double margin)
{
    if (score < 2 * margin)
        return Severity::Low;
    if (score < 4 * margin)
        return Severity::Medium;
    if (score < 8 * margin)
        return Severity::High;
    return Severity::Critical;
}

double metricValue(AnomalyMetric metric, const MetricBucket &b, qint64 bucketNs)
{
    switch (metric) {
    case AnomalyMetric::LatencyP95:
        return b.histogram.quantileNs(0.95) / 1e6;
    case AnomalyMetric::LatencyP50:
        return b.histogram.quantileNs(0.50) / 1e6;
    case AnomalyMetric::ErrorRate:
        return b.spans > 0 ? double(b.errors) / double(b.spans) : 0.0;
    case AnomalyMetric::Throughput:
        break;
    }
    return bucketNs > 0 ? double(b.spans) / (double(bucketNs) / 1e9) : 0.0;
}

QList<Anomaly> detectAnomalies(const OperationSeries &s, const AnomalyOptions &o)
{
    QList<Anomaly> out;
    // Buckets before the operation's first spans are not part of its baseline: a new operation
    // has no history, not a history of silence (which, mixed with its first buckets, would make
    // a median of almost nothing and call its ordinary traffic an anomaly).
    qsizetype firstSeen = 0;
    while (firstSeen < s.buckets.size() && s.buckets[firstSeen].spans == 0)
        ++firstSeen;
    for (const AnomalyMetric metric : kMetrics) {
        std::optional<Anomaly> open;
        auto close = [&](std::optional<qint64> endedNs) {
            if (!open)
                return;
            open->endedNs = endedNs;
            open->severity = anomalySeverity(open->score, o.margin);
            open->id = anomalyId(s.service, s.operation, metric, open->startedNs);
            out.append(*open);
            open.reset();
        };
        // Buckets that cannot be judged (too few spans, no baseline, still filling) neither extend
        // nor end an anomaly: it ends where they began only if a judged bucket says so.
        bool unjudged = false; // since gapStartNs
        qint64 gapStartNs = 0;
        for (qsizetype i = std::max(s.firstJudged, firstSeen + 1); i < s.buckets.size(); ++i) {
            const MetricBucket &b = s.buckets[i];
            const bool filling = b.startNs + s.bucketNs > s.completeBeforeNs;
            BandVerdict verdict;
            bool judged = false;
            double expected = 0;
            if (usable(metric, b, o) && !(filling && metric == AnomalyMetric::Throughput)) {
                QList<double> history;
                for (qsizetype j = std::max(firstSeen, i - o.baselineBuckets); j < i; ++j)
                    if (usable(metric, s.buckets[j], o))
                        history.append(metricValue(metric, s.buckets[j], s.bucketNs));
                if (history.size() >= o.minBaselineBuckets) {
                    judged = true;
                    const RobustBaseline baseline = robustBaseline(history);
                    expected = baseline.median;
                    verdict = judgeBucket(
                        metric, metricValue(metric, b, s.bucketNs), baseline, o, double(s.bucketNs) / 1e9);
                    if (metric == AnomalyMetric::ErrorRate && b.errors < o.minErrors)
                        verdict.anomalous = false;
                }
            }
            if (!judged) {
                if (open && !unjudged) {
                    unjudged = true;
                    gapStartNs = b.startNs;
                }
                continue;
            }
            if (!verdict.anomalous) {
                close(unjudged ? gapStartNs : b.startNs);
                unjudged = false;
                continue;
            }
            unjudged = false;
            if (!open) {
                open = Anomaly();
                open->service = s.service;
                open->operation = s.operation;
                open->metric = metric;
                open->startedNs = b.startNs;
            }
            if (verdict.score > open->score) {
                open->score = verdict.score;
                open->observed = metricValue(metric, b, s.bucketNs);
                open->expected = expected;
            }
        }
        close(std::nullopt);
    }
    return out;
}

QList<Regression> compareSides(const OperationSeries &s, qsizetype from, qsizetype changeAt, qsizetype afterFrom,
    qsizetype to, const AnomalyOptions &o)
{
    QList<Regression> out;
    const Side before = mergeSide(s, from, changeAt, o);
    const Side after = mergeSide(s, afterFrom, to, o);
    if (before.spans < 3 * o.minSpans || after.spans < 3 * o.minSpans || afterFrom >= s.buckets.size())
        return out;
    auto add = [&](AnomalyMetric m, double b, double a) {
        out.append(regressionOf(s, m, b, a, s.buckets[afterFrom].startNs));
    };
    const double p95Before = before.histogram.quantileNs(0.95) / 1e6;
    const double p95After = after.histogram.quantileNs(0.95) / 1e6;
    if (significant(AnomalyMetric::LatencyP95, p95Before, p95After, before.p95s, o))
        add(AnomalyMetric::LatencyP95, p95Before, p95After);
    const double p50Before = before.histogram.quantileNs(0.50) / 1e6;
    const double p50After = after.histogram.quantileNs(0.50) / 1e6;
    if (significant(AnomalyMetric::LatencyP50, p50Before, p50After, before.p50s, o))
        add(AnomalyMetric::LatencyP50, p50Before, p50After);
    const double errorsBefore = double(before.errors) / double(before.spans);
    const double errorsAfter = double(after.errors) / double(after.spans);
    if (std::max(before.errors, after.errors) >= o.minErrors
        && significant(AnomalyMetric::ErrorRate, errorsBefore, errorsAfter, before.errorRates, o))
        add(AnomalyMetric::ErrorRate, errorsBefore, errorsAfter);
    return out;
}

QList<Regression> detectLevelShifts(const OperationSeries &s, const AnomalyOptions &o)
{
    QList<Regression> out;
    QList<qsizetype> usableBuckets;
    for (qsizetype i = s.firstJudged; i < s.buckets.size(); ++i)
        if (s.buckets[i].spans >= o.minSpans)
            usableBuckets.append(i);
    const qsizetype minSide = std::max<qsizetype>(5, o.minBaselineBuckets / 2);
    if (usableBuckets.size() < 2 * minSide)
        return out;
    for (const AnomalyMetric metric : { AnomalyMetric::LatencyP95, AnomalyMetric::ErrorRate }) {
        QList<double> values;
        for (qsizetype i : std::as_const(usableBuckets))
            values.append(metricValue(metric, s.buckets[i], s.bucketNs));
        // The split that explains the values best: the least absolute deviation of each side
        // from its own median (a single change point, robust to a few wild buckets).
        qsizetype bestSplit = -1;
        double bestCost = std::numeric_limits<double>::infinity();
        auto deviation = [](const QList<double> &side) {
            const double median = medianOf(side);
            double sum = 0;
            for (double v : side)
                sum += std::abs(v - median);
            return sum;
        };
        for (qsizetype k = minSide; k + minSide <= values.size(); ++k) {
            const double cost = deviation(values.first(k)) + deviation(values.mid(k));
            if (cost < bestCost) {
                bestCost = cost;
                bestSplit = k;
            }
        }
        if (bestSplit < 0)
            continue;
        const QList<double> beforeValues = values.first(bestSplit);
        const QList<double> afterValues = values.mid(bestSplit);
        const double before = medianOf(beforeValues);
        const double after = medianOf(afterValues);
        if (metric == AnomalyMetric::ErrorRate) {
            qint64 errors = 0;
            for (qsizetype k = 0; k < usableBuckets.size(); ++k)
                errors += s.buckets[usableBuckets[k]].errors;
            if (errors < o.minErrors)
                continue;
        }
        // Both sides must hold their level: the spread of either must not explain the move.
        if (!significant(metric, before, after, beforeValues, o) || !significant(metric, after, before, afterValues, o))
            continue;
        out.append(regressionOf(s, metric, before, after, s.buckets[usableBuckets[bestSplit]].startNs));
    }
    return out;
}

QList<VersionChange> versionChanges(const QList<ServiceVersionSample> &samples)
{
    // service -> bucket -> versions seen (spans without a version say nothing about it)
    QMap<QString, QMap<qint64, QSet<QString>>> seen;
    for (const ServiceVersionSample &v : samples)
        if (!v.version.isEmpty())
            seen[v.service][v.slot].insert(v.version);
    QList<VersionChange> out;
    for (auto service = seen.cbegin(); service != seen.cend(); ++service) {
        QString current;
        QHash<QString, qint64> firstSeen; // version -> first bucket that saw it
        for (auto bucket = service->cbegin(); bucket != service->cend(); ++bucket) {
            for (const QString &version : bucket.value())
                if (!firstSeen.contains(version))
                    firstSeen.insert(version, bucket.key());
            if (bucket.value().size() != 1)
                continue; // a rollout: both versions serve
            const QString only = *bucket.value().cbegin();
            if (!current.isEmpty() && only != current)
                out.append({ service.key(), current, only, qsizetype(firstSeen.value(only)), qsizetype(bucket.key()) });
            current = only;
        }
    }
    return out;
}

qint64 anomalyBucketNs(qint64 rangeNs)
{
    return std::max(kMinuteNs, rangeNs / 60 / kMinuteNs * kMinuteNs);
}

QList<OperationSeries> AnomalyAnalysis::series(const AnomalyQuery &query) const
{
    const qint64 bucketNs = std::max(kMinuteNs, query.bucketNs);
    const qint64 historyNs = qint64(m_options.baselineBuckets) * bucketNs;
    const qint64 fromNs = query.window.fromNs - historyNs;
    const qsizetype buckets = qsizetype((query.window.toNs - fromNs) / bucketNs);
    RollupQuery q;
    q.service = query.service;
    q.operation = query.operation;
    q.fromNs = fromNs;
    q.toNs = fromNs + qint64(buckets) * bucketNs;
    q.slotNs = bucketNs;
    q.byService = true;
    q.byOperation = true;
    QMap<std::pair<QString, QString>, OperationSeries> byOperation;
    auto seriesOf = [&](const QString &service, const QString &operation) -> OperationSeries & {
        auto it = byOperation.find({ service, operation });
        if (it == byOperation.end()) {
            OperationSeries s;
            s.service = service;
            s.operation = operation;
            s.bucketNs = bucketNs;
            s.firstJudged = qsizetype(historyNs / bucketNs);
            s.completeBeforeNs = query.nowNs;
            for (qsizetype i = 0; i < buckets; ++i) {
                MetricBucket b;
                b.startNs = fromNs + qint64(i) * bucketNs;
                s.buckets.append(b);
            }
            it = byOperation.insert({ service, operation }, s);
        }
        return *it;
    };
    for (const RollupRow &r : m_store.rollups(q)) {
        if (r.slot < 0 || r.slot >= buckets)
            continue;
        MetricBucket &b = seriesOf(r.service, r.operation).buckets[r.slot];
        b.spans += r.spans;
        b.errors += r.errors;
    }
    for (const HistogramRow &h : m_store.latencyHistograms(q)) {
        if (h.slot < 0 || h.slot >= buckets)
            continue;
        seriesOf(h.service, h.operation).buckets[h.slot].histogram.merge(h.histogram);
    }
    return byOperation.values();
}

AnomalyReport AnomalyAnalysis::analyse(const AnomalyQuery &query) const
{
    AnomalyReport report;
    const QList<OperationSeries> all = series(query);
    if (all.isEmpty())
        return report;
    const OperationSeries &first = all.constFirst();
    const qint64 seriesFromNs = first.buckets.isEmpty() ? query.window.fromNs : first.buckets.constFirst().startNs;
    const qint64 seriesToNs = seriesFromNs + qint64(first.buckets.size()) * first.bucketNs;
    const QList<VersionChange> changes
        = versionChanges(versionSamples(seriesFromNs, first.bucketNs, first.buckets.size()));
    for (const OperationSeries &s : all) {
        report.anomalies += detectAnomalies(s, m_options);
        bool versioned = false;
        for (const VersionChange &c : changes) {
            if (c.service != s.service)
                continue;
            versioned = true;
            if (c.firstAfter < s.firstJudged)
                continue;
            const qsizetype span = m_options.baselineBuckets;
            for (Regression r : compareSides(s, c.firstMixed - span, c.firstMixed, c.firstAfter, c.firstAfter + span,
                     m_options)) {
                r.beforeVersion = c.before;
                r.afterVersion = c.after;
                report.regressions.append(r);
            }
        }
        if (!versioned)
            report.regressions += detectLevelShifts(s, m_options);
    }
    std::sort(report.anomalies.begin(), report.anomalies.end(), [](const Anomaly &a, const Anomaly &b) {
        return a.startedNs != b.startedNs ? a.startedNs > b.startedNs : a.score > b.score;
    });
    std::sort(report.regressions.begin(), report.regressions.end(), [](const Regression &a, const Regression &b) {
        return a.detectedNs != b.detectedNs ? a.detectedNs > b.detectedNs
                                            : std::abs(a.changePercent) > std::abs(b.changePercent);
    });
    // The p95 and p50 anomalies of one operation often share their window: one attribution (it
    // reads about 2 x kAttributionTraces traces) serves both.
    QMap<std::tuple<QString, QString, qint64, qint64>, QList<TimeAttribution>> attributions;
    for (Anomaly &a : report.anomalies) {
        if (!isLatency(a.metric))
            continue;
        const qint64 bucketNs = first.bucketNs;
        const TimeWindow anomalous { a.startedNs, a.endedNs.value_or(seriesToNs) };
        const auto key = std::make_tuple(a.service, a.operation, anomalous.fromNs, anomalous.toNs);
        if (const auto known = attributions.constFind(key); known != attributions.cend()) {
            a.attribution = *known;
            continue;
        }
        if (attributions.size() >= kMaxAttributedAnomalies)
            continue;
        const TimeWindow baseline { a.startedNs - qint64(m_options.baselineBuckets) * bucketNs, a.startedNs };
        a.attribution = attribute(a.service, a.operation, baseline, anomalous);
        attributions.insert(key, a.attribution);
    }
    return report;
}

QList<ServiceVersionSample> AnomalyAnalysis::versionSamples(qint64 fromNs, qint64 bucketNs, qsizetype buckets) const
{
    QList<ServiceVersionSample> out;
    const QString key = QStringLiteral("service.version");
    for (qsizetype slot = 0; slot < buckets; ++slot) {
        TraceFilter f;
        f.startFromNs = fromNs + qint64(slot) * bucketNs;
        f.startToNs = *f.startFromNs + bucketNs - 1; // inclusive
        f.limit = kVersionTracesPerBucket;
        QMap<std::pair<QString, QString>, qint64> counts;
        for (const TraceSummary &t : m_store.searchTraces(f).traces)
            for (const Span &s : m_store.traceSpans(t.traceId)) {
                const QJsonValue v = s.resourceAttributes.value(key);
                ++counts[{ s.serviceName, v.isString() ? v.toString() : v.toVariant().toString() }];
            }
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            out.append({ qint64(slot), it.key().first, it.key().second, it.value() });
    }
    return out;
}

QList<TimeAttribution> AnomalyAnalysis::attribute(const QString &service, const QString &operation,
    const TimeWindow &baseline, const TimeWindow &anomalous) const
{
    // Mean self time per trace of each (service, operation) over a sample of the traces of one side.
    auto selfTimes = [&](const TimeWindow &w) {
        TraceFilter f;
        f.service = service;
        f.operation = operation;
        f.startFromNs = w.fromNs;
        f.startToNs = w.toNs - 1;
        f.limit = kAttributionTraces;
        QHash<std::pair<QString, QString>, double> sums;
        const QList<TraceSummary> traces = m_store.searchTraces(f).traces;
        for (const TraceSummary &t : traces)
            for (const SpanView &v : TraceAnalysis::buildTree(m_store.traceSpans(t.traceId)))
                sums[{ v.span.serviceName, v.span.name }] += double(v.selfTimeNs) / 1e6;
        if (!traces.isEmpty())
            for (double &v : sums)
                v /= double(traces.size());
        return sums;
    };
    const auto before = selfTimes(baseline);
    const auto after = selfTimes(anomalous);
    QList<TimeAttribution> out;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        const TimeAttribution a { it.key().first, it.key().second, before.value(it.key()), it.value() };
        if (a.extraMs() > 0)
            out.append(a);
    }
    std::sort(out.begin(), out.end(), [](const TimeAttribution &a, const TimeAttribution &b) {
        return a.extraMs() != b.extraMs() ? a.extraMs() > b.extraMs()
                                          : std::tie(a.service, a.operation) < std::tie(b.service, b.operation);
    });
    if (out.size() > 5)
        out.resize(5);
    return out;
}

} // namespace spanlight
