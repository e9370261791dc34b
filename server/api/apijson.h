#pragma once

#include "analysis/anomalyanalysis.h"
#include "analysis/recommendations.h"
#include "analysis/rootcause.h"
#include "analysis/serviceanalysis.h"
#include "analysis/tracecomparison.h"
#include "analysis/traceanalysis.h"
#include "core/ingestsenders.h"

#include <QJsonObject>

namespace spanlight {

// JSON shapes of the REST API, in one place.
// A list item shows the first line of the trace's note, at most this many characters.
constexpr qsizetype kNoteExcerptChars = 200;
QJsonObject traceListItemJson(const TraceSummary &summary);
QJsonObject traceNoteJson(const TraceNote &note);
QJsonObject traceListJson(const TraceList &list);
// `lazy`: with the partial-load fields (unloaded_descendants, on_critical_path).
QJsonObject spanJson(const SpanView &view, bool lazy = false);
QJsonObject traceDetailsJson(const TraceDetails &details);
// At most `limit` spans of the comparison, in its order (biggest regression first).
QJsonObject traceComparisonJson(const TraceComparison &comparison, qsizetype limit);

QJsonObject servicesJson(const ServicesOverview &overview);
QJsonObject serviceOperationsJson(const QString &service, const QList<OperationStats> &operations);
QJsonObject servicePerformanceJson(const ServicePerformance &performance, const QString &timeRange);
QJsonObject errorJson(const ErrorView &error);
QJsonObject errorListJson(const ErrorList &list);
QJsonObject errorDetailsJson(const ErrorDetails &details);
QJsonObject dependenciesJson(const DependencyGraph &graph, const QString &timeRange);
QJsonObject impactJson(const DependencyImpact &impact, const QString &timeRange);
QJsonObject slowestJson(const Slowest &slowest, const QString &timeRange);
QJsonObject trendsJson(const TrendSeries &series, const QString &service, const QString &operation,
                       const QString &timeRange, const QString &granularity);
QJsonObject ingestSendersJson(const QList<SenderStats> &senders);
// Traces started per slot of `window` (ServiceAnalysis::traceStarts()).
QJsonObject traceStartsJson(const QList<qint64> &counts, const TimeWindow &window, qint64 granularityNs,
                            const QString &timeRange, const QString &granularity);

QJsonObject anomaliesJson(const AnomalyReport &report, const QString &timeRange, qint64 bucketNs);

QJsonObject rootCauseJson(const RootCause &cause);
QJsonObject errorOriginsJson(const ErrorOrigins &origins, const QString &timeRange);

QJsonObject recommendationsJson(const Recommendations &recommendations, const QString &timeRange);

} // namespace spanlight
