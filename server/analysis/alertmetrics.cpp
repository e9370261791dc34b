#include "alertmetrics.h"

#include <functional>

namespace spanlight {

namespace {

struct Scope
{
    const ServiceAnalysis &analysis;
    const QString &service;
    const QString &operation;
    TimeWindow window;
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

// One row per metric; the anomaly score joins when the anomaly analysis does.
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
    const QString &service, const QString &operation, qint64 nowNs)
{
    const AlertMetric *m = find(metric);
    if (!m)
        return std::nullopt;
    return m->value({ analysis, service, operation, windowEndingAt(nowNs, kAlertWindowNs) });
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
