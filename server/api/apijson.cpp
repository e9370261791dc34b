#include "apijson.h"

#include "core/ids.h"
#include "core/timeformat.h"

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
    };
    if (t.status != TraceStatus::Success && !t.errorMessage.isEmpty())
        o.insert(QStringLiteral("error_message"), t.errorMessage);
    return o;
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

QJsonObject spanJson(const SpanView &view)
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
        spans.append(spanJson(v));
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
    return {
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
}

} // namespace spanlight
