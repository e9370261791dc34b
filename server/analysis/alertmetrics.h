#pragma once

#include "anomalyanalysis.h"
#include "serviceanalysis.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace spanlight {

// An alert rule's metric is read over the window of whole rollup minutes that ends with the
// current minute (windowEndingAt()): the last five minutes, the current one filling.
constexpr qint64 kAlertWindowNs = qint64(5) * 60 * 1000000000;
// new_error_type: a type is new when the service had no error of it this long before the window.
constexpr qint64 kNewErrorTypeTrailingNs = qint64(24) * 3600 * 1000000000;

// The metrics alert rules may watch, each one small function of ServiceAnalysis (so that a
// metric means what the API and the console show):
//   error_rate      failed requests / requests (0..1)
//   latency_p50/95/99  request latency percentiles in milliseconds
//   throughput      requests per second
//   new_error_type  error types of the service not seen in the 24 h before the window (a count)
//   anomaly         the highest score of the anomalies (AnomalyAnalysis, any of its metrics, in
//                   one-minute buckets) still going on at the end of the window; 0 without one
// Requests are entry spans, as in GET /services/{name}/performance; without a service, of all.
QStringList alertMetricNames();
bool isAlertMetric(const QString &metric);
// Whether the metric can be narrowed to one operation (new_error_type cannot: errors are kept by type).
bool alertMetricTakesOperation(const QString &metric);
// The value now, or nothing for an unknown metric; `anomalies` is the rule the anomaly metric judges by.
std::optional<double> alertMetricValue(const ServiceAnalysis &analysis, const QString &metric,
    const QString &service, const QString &operation, qint64 nowNs, const AnomalyOptions &anomalies = {});

QStringList alertComparators(); // >, >=, <, <=
// `value comparator threshold`; false for an unknown comparator.
bool alertConditionHolds(const QString &comparator, double value, double threshold);

} // namespace spanlight
