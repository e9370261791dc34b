#include "alertmetrics.h"

#include "anomalyanalysis.h"

#include <algorithm>

#include <functional>

namespace spanlight {

namespace {

struct Scope
{
    const ServiceAnalysis &analysis;
    const QString &service;
    const QString &operation;
    TimeWindow window;
    qint64 nowNs;
    const AnomalyOptions &anomalies;
};

struct AlertMetric
{
    const char *name;
    bool takesOperation;
    std::function<double(const Scope &)> value;
};

ServicePerformance performanceOf(const Scope &s)
{
    return s.analysis.performance(s.service, s.operation, s.window);
}

// The highest score of the anomalies (any metric) of the service (and operation) that are still
// going on at the end of the window, judged in one-minute buckets; 0 without one.
double anomalyScore(const Scope &s)
{
    AnomalyQuery q;
    q.service = s.service;
    q.operation = s.operation;
    q.window = s.window;
    q.bucketNs = qint64(60) * 1000000000;
    q.nowNs = s.nowNs;
    double score = 0;
    for (const Anomaly &a : AnomalyAnalysis(s.analysis.store(), s.anomalies).analyse(q).anomalies)
        if (!a.endedNs)
            score = std::max(score, a.score);
    return score;
}

// One row per metric.
const QList<AlertMetric> &metrics()
{
    static const QList<AlertMetric> all = {
        { "error_rate", true, [](const Scope &s) { return performanceOf(s).errorRate; } },
        { "latency_p50", true, [](const Scope &s) { return performanceOf(s).p50Ms; } },
        { "latency_p95", true, [](const Scope &s) { return performanceOf(s).p95Ms; } },
        { "latency_p99", true, [](const Scope &s) { return performanceOf(s).p99Ms; } },
        { "throughput", true, [](const Scope &s) { return performanceOf(s).throughputPerSecond; } },
        { "new_error_type", false,
            [](const Scope &s) {
                return double(s.analysis.newErrorTypes(s.service, s.window, kNewErrorTypeTrailingNs).size());
            } },
        { "anomaly", true, anomalyScore },
    };
    return all;
}

const AlertMetric *find(const QString &name)
{
    for (const AlertMetric &m : metrics())
        if (name == QLatin1String(m.name))
            return &m;
    return nullptr;
}

} // namespace

QStringList alertMetricNames()
{
    QStringList out;
    for (const AlertMetric &m : metrics())
        out.append(QLatin1String(m.name));
    return out;
}

bool isAlertMetric(const QString &metric)
{
    return find(metric) != nullptr;
}

bool alertMetricTakesOperation(const QString &metric)
{
    const AlertMetric *m = find(metric);
    return m && m->takesOperation;
}

std::optional<double> alertMetricValue(const ServiceAnalysis &analysis, const QString &metric,
    const QString &service, const QString &operation, qint64 nowNs, const AnomalyOptions &anomalies)
{
    const AlertMetric *m = find(metric);
    if (!m)
        return std::nullopt;
    return m->value({ analysis, service, operation, windowEndingAt(nowNs, kAlertWindowNs), nowNs, anomalies });
}

QStringList alertComparators()
{
    return { QStringLiteral(">"), QStringLiteral(">="), QStringLiteral("<"), QStringLiteral("<=") };
}

bool alertConditionHolds(const QString &comparator, double value, double threshold)
{
    if (comparator == u">")
        return value > threshold;
    if (comparator == u">=")
        return value >= threshold;
    if (comparator == u"<")
        return value < threshold;
    if (comparator == u"<=")
        return value <= threshold;
    return false;
}

} // namespace spanlight
