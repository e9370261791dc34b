#include "apijson.h"

#include "core/ids.h"
#include "core/timeformat.h"

#include <cmath>

#include <QJsonArray>

namespace spanlight {

QJsonObject traceListItemJson(const TraceSummary &t)
{
    QJsonObject o{
        {QStringLiteral("trace_id"), idToHex(t.traceId)},
        {QStringLiteral("service_name"), t.serviceName},
        {QStringLiteral("operation_name"), t.operationName},
        {QStringLiteral("start_time"), isoFromNanos(t.startNs)},
        {QStringLiteral("duration_ms"), nanosToMillis(t.durationNs())},
        {QStringLiteral("status"), traceStatusName(t.status)},
        {QStringLiteral("tags"), tagsOf(t.rootAttributes)},
        {QStringLiteral("spans_count"), t.spanCount},
        {QStringLiteral("error_count"), t.errorCount},
        {QStringLiteral("has_root"), t.hasRoot},
    };
    if (t.status != TraceStatus::Success && !t.errorMessage.isEmpty())
        o.insert(QStringLiteral("error_message"), t.errorMessage);
    o.insert(QStringLiteral("error_count"), t.errorCount);
    o.insert(QStringLiteral("has_note"), !t.note.isEmpty());
    if (!t.note.isEmpty())
        o.insert(QStringLiteral("note"), TraceAnalysis::noteExcerpt(t.note, kNoteExcerptChars));
    return o;
}

QJsonObject traceNoteJson(const TraceNote &note)
{
    return {
        {QStringLiteral("trace_id"), idToHex(note.traceId)},
        {QStringLiteral("text"), note.text},
        {QStringLiteral("author"), note.author},
        {QStringLiteral("created_at"), isoFromNanos(note.createdNs)},
        {QStringLiteral("updated_at"), isoFromNanos(note.updatedNs)},
    };
}

QJsonObject traceListJson(const TraceList &list)
{
    QJsonArray traces;
    for (const TraceSummary &t : list.result.traces)
        traces.append(traceListItemJson(t));
    return {
        {QStringLiteral("traces"), traces},
        {QStringLiteral("total_count"), list.result.totalCount},
        {QStringLiteral("has_more"), list.hasMore},
        {QStringLiteral("time_range"),
         QJsonObject{{QStringLiteral("start"), isoFromNanos(list.rangeStartNs)},
                     {QStringLiteral("end"), isoFromNanos(list.rangeEndNs)}}},
    };
}

static QString eventLevel(const SpanEvent &e)
{
    for (const char *key : {"level", "log.level", "severity"}) {
        const QString v = e.attributes.value(QLatin1String(key)).toString();
        if (!v.isEmpty())
            return v.toLower();
    }
    return isExceptionEvent(e) ? QStringLiteral("error") : QStringLiteral("info");
}

static QString eventMessage(const SpanEvent &e)
{
    for (const char *key : {"message", "exception.message", "event"}) {
        const QString v = e.attributes.value(QLatin1String(key)).toString();
        if (!v.isEmpty() && (e.name.isEmpty() || e.name == u"log" || isExceptionEvent(e)))
            return v;
    }
    return e.name;
}

QJsonObject spanJson(const SpanView &view, bool lazy)
{
    const Span &s = view.span;
    QJsonArray logs;
    for (const SpanEvent &e : s.events) {
        logs.append(QJsonObject{
            {QStringLiteral("timestamp"), isoFromNanos(e.timeUnixNano)},
            {QStringLiteral("timestamp_unix_nano"), QString::number(e.timeUnixNano)},
            {QStringLiteral("name"), e.name},
            {QStringLiteral("level"), eventLevel(e)},
            {QStringLiteral("message"), eventMessage(e)},
            {QStringLiteral("fields"), e.attributes},
        });
    }
    QJsonArray links;
    for (const SpanLink &l : s.links) {
        links.append(QJsonObject{{QStringLiteral("trace_id"), idToHex(l.traceId)},
                                 {QStringLiteral("span_id"), idToHex(l.spanId)},
                                 {QStringLiteral("attributes"), l.attributes}});
    }
    QJsonObject o{
        {QStringLiteral("span_id"), idToHex(s.spanId)},
        {QStringLiteral("operation_name"), s.name},
        {QStringLiteral("service_name"), s.serviceName},
        {QStringLiteral("start_time"), isoFromNanos(s.startTimeUnixNano)},
        {QStringLiteral("end_time"), isoFromNanos(s.endTimeUnixNano)},
        {QStringLiteral("start_time_unix_nano"), QString::number(s.startTimeUnixNano)},
        {QStringLiteral("end_time_unix_nano"), QString::number(s.endTimeUnixNano)},
        {QStringLiteral("duration_ms"), nanosToMillis(s.durationNano())},
        {QStringLiteral("self_time_ms"), nanosToMillis(view.selfTimeNs)},
        {QStringLiteral("depth"), view.depth},
        {QStringLiteral("kind"), spanKindName(s.kind)},
        {QStringLiteral("status"), traceStatusName(view.status)},
        {QStringLiteral("status_code"), statusCodeName(s.statusCode)},
        {QStringLiteral("tags"), tagsOf(s.attributes)},
        {QStringLiteral("attributes"), s.attributes},
        {QStringLiteral("resource"), s.resourceAttributes},
        {QStringLiteral("logs"), logs},
        {QStringLiteral("links"), links},
    };
    if (!s.parentSpanId.isEmpty())
        o.insert(QStringLiteral("parent_span_id"), idToHex(s.parentSpanId));
    if (lazy) {
        o.insert(QStringLiteral("unloaded_descendants"), view.unloadedDescendants);
        o.insert(QStringLiteral("on_critical_path"), view.onCriticalPath);
    }
    if (!s.statusMessage.isEmpty())
        o.insert(QStringLiteral("status_message"), s.statusMessage);
    if (!s.scopeName.isEmpty())
        o.insert(QStringLiteral("scope"), QJsonObject{{QStringLiteral("name"), s.scopeName},
                                                     {QStringLiteral("version"), s.scopeVersion}});
    return o;
}

QJsonObject traceDetailsJson(const TraceDetails &d)
{
    QJsonArray spans;
    QJsonArray errorSpans;
    QJsonObject rootTags = tagsOf(d.summary.rootAttributes);
    for (const SpanView &v : d.spans) {
        spans.append(spanJson(v, d.partial));
        if (v.status == TraceStatus::Success)
            continue;
        const SpanError e = spanError(v.span);
        QJsonObject err{{QStringLiteral("span_id"), idToHex(v.span.spanId)},
                        {QStringLiteral("error_message"), e.message},
                        {QStringLiteral("error_type"), e.type}};
        if (!e.stackTrace.isEmpty())
            err.insert(QStringLiteral("stack_trace"), e.stackTrace);
        errorSpans.append(err);
    }
    QJsonArray critical;
    for (const CriticalSegment &c : d.criticalPath)
        critical.append(QJsonObject{{QStringLiteral("span_id"), idToHex(d.spans[c.span].span.spanId)},
                                    {QStringLiteral("service_name"), d.spans[c.span].span.serviceName},
                                    {QStringLiteral("operation_name"), d.spans[c.span].span.name},
                                    {QStringLiteral("start_time"), isoFromNanos(c.startNs)},
                                    {QStringLiteral("duration_ms"), nanosToMillis(c.endNs - c.startNs)}});
    QJsonArray breakdown;
    for (const ServiceTime &st : d.serviceBreakdown)
        breakdown.append(QJsonObject{{QStringLiteral("service_name"), st.service},
                                     {QStringLiteral("self_time_ms"), nanosToMillis(st.selfTimeNs)},
                                     {QStringLiteral("spans"), st.spans},
                                     {QStringLiteral("fraction"), st.fraction}});
    const TraceSummary &t = d.summary;
    QJsonObject o{
        {QStringLiteral("critical_path"), critical},
        {QStringLiteral("service_breakdown"), breakdown},
        {QStringLiteral("trace_id"), idToHex(t.traceId)},
        {QStringLiteral("service_name"), t.serviceName},
        {QStringLiteral("operation_name"), t.operationName},
        {QStringLiteral("start_time"), isoFromNanos(t.startNs)},
        {QStringLiteral("end_time"), isoFromNanos(t.endNs)},
        {QStringLiteral("duration_ms"), nanosToMillis(t.durationNs())},
        {QStringLiteral("status"), traceStatusName(t.status)},
        {QStringLiteral("tags"), rootTags},
        {QStringLiteral("spans"), spans},
        {QStringLiteral("error_spans"), errorSpans},
        {QStringLiteral("performance_metrics"),
         QJsonObject{{QStringLiteral("total_spans"), d.metrics.totalSpans},
                     {QStringLiteral("error_spans"), d.metrics.errorSpans},
                     {QStringLiteral("average_span_duration"), d.metrics.averageSpanDurationMs},
                     {QStringLiteral("slowest_span_duration"), d.metrics.slowestSpanDurationMs},
                     {QStringLiteral("fastest_span_duration"), d.metrics.fastestSpanDurationMs}}},
    };
    if (t.status != TraceStatus::Success && !t.errorMessage.isEmpty())
        o.insert(QStringLiteral("error_message"), t.errorMessage);
    if (d.partial) {
        o.insert(QStringLiteral("partial"), true);
        o.insert(QStringLiteral("loaded_spans"), d.spans.size());
    }
    return o;
}

static QJsonObject comparedTraceJson(const ComparedTrace &t)
{
    return {{QStringLiteral("trace_id"), idToHex(t.traceId)},
            {QStringLiteral("duration_ms"), nanosToMillis(t.durationNs)},
            {QStringLiteral("span_count"), t.spanCount}};
}

QJsonObject traceComparisonJson(const TraceComparison &c, qsizetype limit)
{
    QJsonArray spans;
    for (const SpanDiff &d : c.spans) {
        if (spans.size() >= limit)
            break;
        QJsonObject o{{QStringLiteral("path"), QJsonArray::fromStringList(d.path)},
                      {QStringLiteral("service_name"), d.serviceName},
                      {QStringLiteral("operation_name"), d.operationName},
                      {QStringLiteral("status"), spanPresenceName(d.presence)}};
        if (d.presence != SpanPresence::OnlyInCandidate) {
            o.insert(QStringLiteral("baseline_span_id"), idToHex(d.baselineSpanId));
            o.insert(QStringLiteral("baseline_duration_ms"), nanosToMillis(d.baselineDurationNs));
        }
        if (d.presence != SpanPresence::OnlyInBaseline) {
            o.insert(QStringLiteral("candidate_span_id"), idToHex(d.candidateSpanId));
            o.insert(QStringLiteral("candidate_duration_ms"), nanosToMillis(d.candidateDurationNs));
        }
        if (d.isMatched()) {
            o.insert(QStringLiteral("delta_ms"), nanosToMillis(d.deltaNs));
            o.insert(QStringLiteral("self_delta_ms"), nanosToMillis(d.selfDeltaNs));
            if (d.deltaPercent)
                o.insert(QStringLiteral("delta_percent"), *d.deltaPercent);
        }
        spans.append(o);
    }
    return {{QStringLiteral("baseline"), comparedTraceJson(c.baseline)},
            {QStringLiteral("candidate"), comparedTraceJson(c.candidate)},
            {QStringLiteral("matched"), c.matched},
            {QStringLiteral("only_in_baseline"), c.onlyInBaseline},
            {QStringLiteral("only_in_candidate"), c.onlyInCandidate},
            {QStringLiteral("spans"), spans}};
}

static QJsonObject operationJson(const OperationStats &o)
{
    return {{QStringLiteral("name"), o.name},
            {QStringLiteral("count"), o.count},
            {QStringLiteral("avg_duration_ms"), o.avgDurationMs},
            {QStringLiteral("error_rate"), o.errorRate}};
}

QJsonObject servicesJson(const ServicesOverview &overview)
{
    QJsonArray services;
    for (const ServiceSummary &s : overview.services) {
        QJsonArray operations;
        for (const OperationStats &o : s.operations)
            operations.append(operationJson(o));
        services.append(QJsonObject{{QStringLiteral("name"), s.name},
                                    {QStringLiteral("traces_count"), s.traces},
                                    {QStringLiteral("spans_count"), s.spans},
                                    {QStringLiteral("avg_duration_ms"), s.avgDurationMs},
                                    {QStringLiteral("error_rate"), s.errorRate},
                                    {QStringLiteral("last_trace"), isoFromNanos(s.lastSpanStartNs)},
                                    {QStringLiteral("operations"), operations}});
    }
    return {{QStringLiteral("services"), services},
            {QStringLiteral("total_services"), services.size()},
            {QStringLiteral("total_traces"), overview.totalTraces},
            {QStringLiteral("total_spans"), overview.totalSpans}};
}

QJsonObject serviceOperationsJson(const QString &service, const QList<OperationStats> &operations)
{
    QJsonArray list;
    for (const OperationStats &o : operations) {
        QJsonObject j = operationJson(o);
        j.insert(QStringLiteral("p95_duration_ms"), o.p95DurationMs);
        j.insert(QStringLiteral("span_kinds"), QJsonArray::fromStringList(o.spanKinds));
        list.append(j);
    }
    return {{QStringLiteral("service_name"), service}, {QStringLiteral("operations"), list}};
}

static QJsonObject halfTrendsJson(const HalfTrends &t, const char *durationKey)
{
    return {{QLatin1String(durationKey), trendName(t.responseTime)},
            {QStringLiteral("error_rate_trend"), trendName(t.errorRate)},
            {QStringLiteral("throughput_trend"), trendName(t.throughput)}};
}

QJsonObject servicePerformanceJson(const ServicePerformance &p, const QString &timeRange)
{
    QJsonArray operations;
    for (const OperationStats &o : p.operations) {
        QJsonObject j = operationJson(o);
        j.insert(QStringLiteral("throughput_per_second"), o.throughputPerSecond);
        operations.append(j);
    }
    return {{QStringLiteral("service_name"), p.service},
            {QStringLiteral("time_range"), timeRange},
            {QStringLiteral("total_requests"), p.totalRequests},
            {QStringLiteral("successful_requests"), p.totalRequests - p.failedRequests},
            {QStringLiteral("failed_requests"), p.failedRequests},
            {QStringLiteral("error_rate"), p.errorRate},
            {QStringLiteral("avg_response_time_ms"), p.avgResponseMs},
            {QStringLiteral("p50_response_time_ms"), p.p50Ms},
            {QStringLiteral("p95_response_time_ms"), p.p95Ms},
            {QStringLiteral("p99_response_time_ms"), p.p99Ms},
            {QStringLiteral("throughput_per_second"), p.throughputPerSecond},
            {QStringLiteral("operations"), operations},
            {QStringLiteral("trends"), halfTrendsJson(p.trends, "response_time_trend")}};
}

QJsonObject errorJson(const ErrorView &e)
{
    const ErrorRecord &r = e.record;
    QJsonObject o{{QStringLiteral("error_id"), e.errorId()},
                  {QStringLiteral("trace_id"), idToHex(r.traceId)},
                  {QStringLiteral("span_id"), idToHex(r.spanId)},
                  {QStringLiteral("service_name"), r.service},
                  {QStringLiteral("operation_name"), r.operation},
                  {QStringLiteral("error_type"), r.type},
                  {QStringLiteral("error_message"), r.message},
                  {QStringLiteral("severity"), severityName(e.severity)},
                  {QStringLiteral("timestamp"), isoFromNanos(r.timeNs)},
                  {QStringLiteral("tags"), tagsOf(r.attributes)}};
    if (!r.stackTrace.isEmpty())
        o.insert(QStringLiteral("stack_trace"), r.stackTrace);
    return o;
}

QJsonObject errorListJson(const ErrorList &list)
{
    QJsonArray errors;
    for (const ErrorView &e : list.errors)
        errors.append(errorJson(e));
    QJsonArray types;
    for (const ErrorTypeCount &t : list.types)
        types.append(QJsonObject{{QStringLiteral("type"), t.type},
                                 {QStringLiteral("count"), t.count},
                                 {QStringLiteral("severity"), severityName(t.severity)}});
    QJsonArray services;
    for (const ServiceErrors &s : list.services)
        services.append(QJsonObject{{QStringLiteral("service_name"), s.service},
                                    {QStringLiteral("error_count"), s.count},
                                    {QStringLiteral("last_error"), isoFromNanos(s.lastNs)}});
    return {{QStringLiteral("errors"), errors},
            {QStringLiteral("total_count"), list.totalCount},
            {QStringLiteral("error_types"), types},
            {QStringLiteral("services_with_errors"), services}};
}

QJsonObject errorDetailsJson(const ErrorDetails &d)
{
    QJsonObject o = errorJson(d.error);
    o.insert(QStringLiteral("fingerprint"), d.error.record.fingerprint);
    o.insert(QStringLiteral("span_kind"), spanKindName(d.error.record.kind));
    o.insert(QStringLiteral("root_service_name"), d.rootService);
    o.insert(QStringLiteral("root_operation_name"), d.rootOperation);
    QJsonArray events;
    for (const SpanEvent &e : d.events)
        events.append(QJsonObject{{QStringLiteral("timestamp"), isoFromNanos(e.timeUnixNano)},
                                  {QStringLiteral("name"), e.name},
                                  {QStringLiteral("attributes"), e.attributes}});
    o.insert(QStringLiteral("events"), events);
    return o;
}

namespace {

QJsonArray criticalPathsJson(const QList<CriticalPath> &paths)
{
    QJsonArray out;
    for (const CriticalPath &p : paths)
        out.append(QJsonObject{{QStringLiteral("path"), QJsonArray::fromStringList(p.path)},
                               {QStringLiteral("total_latency_ms"), p.totalLatencyMs},
                               {QStringLiteral("bottleneck_service"), p.bottleneck}});
    return out;
}

} // namespace

QJsonObject dependenciesJson(const DependencyGraph &graph, const QString &timeRange)
{
    QJsonArray services;
    for (const ServiceDependencies &s : graph.services)
        services.append(QJsonObject{{QStringLiteral("name"), s.name},
                                    {QStringLiteral("dependencies"), QJsonArray::fromStringList(s.dependencies)},
                                    {QStringLiteral("dependents"), QJsonArray::fromStringList(s.dependents)},
                                    {QStringLiteral("call_count"), s.callCount},
                                    {QStringLiteral("avg_latency_ms"), s.avgLatencyMs},
                                    {QStringLiteral("error_rate"), s.errorRate}});
    QJsonArray nodes;
    for (const DependencyNode &n : graph.nodes)
        nodes.append(QJsonObject{{QStringLiteral("id"), n.id},
                                 {QStringLiteral("name"), n.name},
                                 {QStringLiteral("type"), n.external ? QStringLiteral("external") : QStringLiteral("service")},
                                 {QStringLiteral("call_count"), n.requests},
                                 {QStringLiteral("avg_latency_ms"), n.avgLatencyMs},
                                 {QStringLiteral("error_rate"), n.errorRate},
                                 {QStringLiteral("self_time_ms"), n.selfTimeMs}});
    QJsonArray edges;
    for (const DependencyEdge &e : graph.edges)
        edges.append(QJsonObject{{QStringLiteral("source"), e.source},
                                 {QStringLiteral("target"), e.target},
                                 {QStringLiteral("weight"), e.calls},
                                 {QStringLiteral("avg_latency_ms"), e.avgLatencyMs},
                                 {QStringLiteral("error_count"), e.errors},
                                 {QStringLiteral("error_rate"), e.errorRate}});
    return {{QStringLiteral("services"), services},
            {QStringLiteral("graph"), QJsonObject{{QStringLiteral("nodes"), nodes}, {QStringLiteral("edges"), edges}}},
            {QStringLiteral("critical_paths"), criticalPathsJson(graph.criticalPaths)},
            {QStringLiteral("time_range"), timeRange}};
}

QJsonObject impactJson(const DependencyImpact &impact, const QString &timeRange)
{
    return {{QStringLiteral("service_name"), impact.node.name},
            {QStringLiteral("type"), impact.node.external ? QStringLiteral("external") : QStringLiteral("service")},
            {QStringLiteral("dependencies"), QJsonArray::fromStringList(impact.dependencies)},
            {QStringLiteral("dependents"), QJsonArray::fromStringList(impact.dependents)},
            {QStringLiteral("transitive_dependents"), QJsonArray::fromStringList(impact.transitiveDependents)},
            {QStringLiteral("critical_paths"), criticalPathsJson(impact.criticalPaths)},
            {QStringLiteral("call_count"), impact.node.requests},
            {QStringLiteral("error_rate"), impact.node.errorRate},
            {QStringLiteral("avg_latency_ms"), impact.node.avgLatencyMs},
            {QStringLiteral("self_time_ms"), impact.node.selfTimeMs},
            {QStringLiteral("impact_score"), impact.impactScore},
            {QStringLiteral("time_range"), timeRange}};
}

QJsonObject slowestJson(const Slowest &slowest, const QString &timeRange)
{
    QJsonArray traces;
    for (const TraceSummary &t : slowest.traces)
        traces.append(traceListItemJson(t)); // the trace list's items: the same trace, the same shape
    QJsonArray operations;
    for (const OperationStats &o : slowest.operations)
        operations.append(QJsonObject{{QStringLiteral("service_name"), o.service},
                                      {QStringLiteral("operation_name"), o.name},
                                      {QStringLiteral("avg_duration_ms"), o.avgDurationMs},
                                      {QStringLiteral("max_duration_ms"), o.maxDurationMs},
                                      {QStringLiteral("count"), o.count},
                                      {QStringLiteral("error_rate"), o.errorRate}});
    return {{QStringLiteral("traces"), traces},
            {QStringLiteral("operations"), operations},
            {QStringLiteral("time_range"), timeRange}};
}

QJsonObject trendsJson(const TrendSeries &series, const QString &service, const QString &operation,
                       const QString &timeRange, const QString &granularity)
{
    QJsonArray points;
    for (const TrendPoint &p : series.points)
        points.append(QJsonObject{{QStringLiteral("timestamp"), isoFromNanos(p.startNs)},
                                  {QStringLiteral("count"), p.count},
                                  {QStringLiteral("avg_duration_ms"), p.avgDurationMs},
                                  {QStringLiteral("p50_duration_ms"), p.p50DurationMs},
                                  {QStringLiteral("p95_duration_ms"), p.p95DurationMs},
                                  {QStringLiteral("p99_duration_ms"), p.p99DurationMs},
                                  {QStringLiteral("error_rate"), p.errorRate},
                                  {QStringLiteral("throughput_per_second"), p.throughputPerSecond}});
    QJsonObject o{{QStringLiteral("time_range"), timeRange},
                  {QStringLiteral("granularity"), granularity},
                  {QStringLiteral("data_points"), points},
                  {QStringLiteral("trends"), halfTrendsJson(series.trends, "duration_trend")}};
    if (!service.isEmpty())
        o.insert(QStringLiteral("service_name"), service);
    if (!operation.isEmpty())
        o.insert(QStringLiteral("operation_name"), operation);
    return o;
}

QJsonObject ingestSendersJson(const QList<SenderStats> &senders)
{
    const auto iso = [](qint64 ms) { return isoFromNanos(ms * 1000000); };
    QJsonArray rows;
    for (const SenderStats &s : senders) {
        QJsonObject rejected, refused;
        for (int i = 0; i < kSpanRejectionCount; ++i)
            rejected.insert(QLatin1String(spanRejectionName(SpanRejection(i))), s.rejectedSpans[size_t(i)]);
        for (int i = 0; i < kRequestRefusalCount; ++i)
            refused.insert(QLatin1String(requestRefusalName(RequestRefusal(i))), s.refusedRequests[size_t(i)]);
        QJsonObject row{
            {QStringLiteral("protocol"), QLatin1String(ingestProtocolLabel(s.protocol))},
            {QStringLiteral("remote_address"), s.address},
            {QStringLiteral("service_name"), s.service.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s.service)},
            {QStringLiteral("first_seen"), iso(s.firstSeenMs)},
            {QStringLiteral("last_seen"), iso(s.lastSeenMs)},
            {QStringLiteral("accepted_spans"), s.acceptedSpans},
            {QStringLiteral("spans_per_second"), s.spansPerSecond},
            {QStringLiteral("rejected_spans"), rejected},
            {QStringLiteral("refused_requests"), refused},
        };
        if (s.lastProblemMs > 0) {
            row.insert(QStringLiteral("last_problem"),
                QJsonObject{{QStringLiteral("message"), s.lastProblem}, {QStringLiteral("at"), iso(s.lastProblemMs)}});
        }
        rows.append(row);
    }
    return {{QStringLiteral("senders"), rows},
            {QStringLiteral("rate_window_seconds"), IngestSenders::kRateWindowSeconds}};
}

QJsonObject traceStartsJson(const QList<qint64> &counts, const TimeWindow &window, qint64 granularityNs,
                            const QString &timeRange, const QString &granularity)
{
    QJsonArray points;
    for (qsizetype i = 0; i < counts.size(); ++i)
        points.append(QJsonObject{{QStringLiteral("timestamp"), isoFromNanos(window.fromNs + i * granularityNs)},
                                  {QStringLiteral("count"), counts[i]}});
    return {{QStringLiteral("time_range"), timeRange},
            {QStringLiteral("granularity"), granularity},
            {QStringLiteral("series"), QStringLiteral("trace_starts")},
            {QStringLiteral("data_points"), points}};
}

namespace {

// Figures rounded to what a reader can use (0.001 ms, 0.0001 of a rate).
double rounded(double value, double unit)
{
    return std::round(value / unit) * unit;
}

double metricRounded(AnomalyMetric metric, double value)
{
    return rounded(value, metric == AnomalyMetric::ErrorRate ? 1e-4 : 1e-3);
}

} // namespace

QJsonObject anomaliesJson(const AnomalyReport &report, const QString &timeRange, qint64 bucketNs)
{
    QJsonArray anomalies;
    for (const Anomaly &a : report.anomalies) {
        QJsonObject o{{QStringLiteral("id"), a.id},
                      {QStringLiteral("service_name"), a.service},
                      {QStringLiteral("operation_name"), a.operation},
                      {QStringLiteral("metric"), anomalyMetricName(a.metric)},
                      {QStringLiteral("started_at"), isoFromNanos(a.startedNs)},
                      {QStringLiteral("observed"), metricRounded(a.metric, a.observed)},
                      {QStringLiteral("expected"), metricRounded(a.metric, a.expected)},
                      {QStringLiteral("score"), rounded(a.score, 0.01)},
                      {QStringLiteral("severity"), severityName(a.severity)}};
        if (a.endedNs)
            o.insert(QStringLiteral("ended_at"), isoFromNanos(*a.endedNs));
        if (a.metric == AnomalyMetric::LatencyP95 || a.metric == AnomalyMetric::LatencyP50) {
            QJsonArray attribution;
            for (const TimeAttribution &t : a.attribution)
                attribution.append(QJsonObject{{QStringLiteral("service_name"), t.service},
                                               {QStringLiteral("operation_name"), t.operation},
                                               {QStringLiteral("baseline_self_ms"), rounded(t.baselineSelfMs, 1e-3)},
                                               {QStringLiteral("anomaly_self_ms"), rounded(t.anomalySelfMs, 1e-3)},
                                               {QStringLiteral("extra_ms"), rounded(t.extraMs(), 1e-3)}});
            o.insert(QStringLiteral("attribution"), attribution);
        }
        anomalies.append(o);
    }
    QJsonArray regressions;
    for (const Regression &r : report.regressions) {
        QJsonObject o{{QStringLiteral("service_name"), r.service},
                      {QStringLiteral("operation_name"), r.operation},
                      {QStringLiteral("metric"), anomalyMetricName(r.metric)},
                      {QStringLiteral("before"), metricRounded(r.metric, r.before)},
                      {QStringLiteral("after"), metricRounded(r.metric, r.after)},
                      {QStringLiteral("change_percent"), rounded(r.changePercent, 0.1)},
                      {QStringLiteral("detected_at"), isoFromNanos(r.detectedNs)}};
        if (!r.beforeVersion.isEmpty())
            o.insert(QStringLiteral("before_version"), r.beforeVersion);
        if (!r.afterVersion.isEmpty())
            o.insert(QStringLiteral("after_version"), r.afterVersion);
        regressions.append(o);
    }
    return {{QStringLiteral("anomalies"), anomalies},
            {QStringLiteral("regressions"), regressions},
            {QStringLiteral("time_range"), timeRange},
            {QStringLiteral("bucket_seconds"), double(bucketNs) / 1e9}};
}

namespace {

QJsonObject stepJson(const RootCauseStep &step)
{
    QJsonObject o{{QStringLiteral("span_id"), idToHex(step.spanId)},
                  {QStringLiteral("service_name"), step.service},
                  {QStringLiteral("operation_name"), step.operation},
                  {QStringLiteral("span_kind"), spanKindName(step.kind)},
                  {QStringLiteral("status"), step.failed ? QStringLiteral("error") : QStringLiteral("success")},
                  {QStringLiteral("duration_ms"), nanosToMillis(step.durationNs)}};
    if (step.failed) {
        o.insert(QStringLiteral("error_type"), step.errorType);
        o.insert(QStringLiteral("error_message"), step.errorMessage);
    }
    return o;
}

QString percentText(double share)
{
    return QString::number(qRound(share * 100)) + u'%';
}

} // namespace

QJsonObject rootCauseJson(const RootCause &cause)
{
    QJsonArray chain;
    for (const RootCauseStep &step : cause.chain)
        chain.append(stepJson(step));
    const RootCauseStep &origin = cause.origin();
    QJsonObject originJson = stepJson(origin);
    originJson.insert(QStringLiteral("error_id"), QString(idToHex(cause.error.traceId) + idToHex(origin.spanId)));
    return {{QStringLiteral("error_id"), QString(idToHex(cause.error.traceId) + idToHex(cause.error.spanId))},
            {QStringLiteral("trace_id"), idToHex(cause.error.traceId)},
            {QStringLiteral("service_name"), cause.error.service},
            {QStringLiteral("operation_name"), cause.error.operation},
            {QStringLiteral("error_type"), cause.error.type},
            {QStringLiteral("origin"), originJson},
            {QStringLiteral("chain"), chain},
            {QStringLiteral("summary"), QStringLiteral("%1 %2 failed because of %3 %4: %5")
                                            .arg(cause.error.service, cause.error.operation, origin.service,
                                                 origin.operation, origin.errorType)}};
}

QJsonObject errorOriginsJson(const ErrorOrigins &origins, const QString &timeRange)
{
    QJsonArray out;
    for (const ErrorOrigin &g : origins.origins) {
        QJsonArray affected;
        for (const AffectedService &a : g.affected)
            affected.append(QJsonObject{{QStringLiteral("service_name"), a.service},
                                        {QStringLiteral("error_count"), a.errors},
                                        {QStringLiteral("share"), rounded(a.share, 1e-4)},
                                        {QStringLiteral("summary"), QStringLiteral("%1 of %2 errors start in %3: %4")
                                                                        .arg(percentText(a.share), a.service, g.service, g.type)}});
        out.append(QJsonObject{{QStringLiteral("service_name"), g.service},
                               {QStringLiteral("operation_name"), g.operation},
                               {QStringLiteral("error_type"), g.type},
                               {QStringLiteral("error_count"), g.errors},
                               {QStringLiteral("share"), rounded(g.share, 1e-4)},
                               {QStringLiteral("example_error_ids"), QJsonArray::fromStringList(g.exampleErrorIds)},
                               {QStringLiteral("affected_services"), affected}});
    }
    return {{QStringLiteral("origins"), out},
            {QStringLiteral("total_errors"), origins.totalErrors},
            {QStringLiteral("analysed_errors"), origins.analysedErrors},
            {QStringLiteral("time_range"), timeRange}};
}

QJsonObject recommendationsJson(const Recommendations &recommendations, const QString &timeRange)
{
    QJsonArray out;
    for (const Recommendation &r : recommendations.recommendations) {
        out.append(QJsonObject{{QStringLiteral("id"), r.id},
                               {QStringLiteral("rule"), r.rule},
                               {QStringLiteral("title"), r.title},
                               {QStringLiteral("description"), r.description},
                               {QStringLiteral("service_name"), r.service},
                               {QStringLiteral("operation_name"), r.operation},
                               {QStringLiteral("impact_ms"), rounded(r.impactMs, 1e-3)},
                               {QStringLiteral("occurrences"), r.occurrences},
                               {QStringLiteral("example_trace_ids"), QJsonArray::fromStringList(r.exampleTraceIds)}});
    }
    return {{QStringLiteral("recommendations"), out},
            {QStringLiteral("sampled_traces"), recommendations.sampledTraces},
            {QStringLiteral("time_range"), timeRange}};
}

} // namespace spanlight
