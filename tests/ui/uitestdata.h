#pragma once

// Hand-built spans and traces for the UI tests: no store, no decoder.
#include "analysis/traceanalysis.h"

namespace spanlight::test {

inline QByteArray traceIdOf(int n)
{
    QByteArray id(16, '\0');
    id[14] = char(n >> 8);
    id[15] = char(n);
    return id;
}

inline QByteArray spanIdOf(int n)
{
    QByteArray id(8, '\0');
    id[6] = char(n >> 8);
    id[7] = char(n);
    return id;
}

// A span of trace 1; `parent` 0 means root. Times in milliseconds from a fixed epoch.
inline Span makeSpan(int id, int parent, const QString &name, const QString &service, double startMs, double endMs,
                     bool error = false)
{
    constexpr qint64 epoch = 1'700'000'000'000'000'000; // 2023-11-14T22:13:20Z
    Span s;
    s.traceId = traceIdOf(1);
    s.spanId = spanIdOf(id);
    if (parent > 0)
        s.parentSpanId = spanIdOf(parent);
    s.name = name;
    s.serviceName = service;
    s.kind = SpanKind::Server;
    s.startTimeUnixNano = epoch + qint64(startMs * 1e6);
    s.endTimeUnixNano = epoch + qint64(endMs * 1e6);
    if (error) {
        s.statusCode = StatusCode::Error;
        s.statusMessage = QStringLiteral("boom");
    }
    return s;
}

// The details of a trace built from spans, as TraceAnalysis::trace() would return them.
inline TraceDetails makeTrace(const QList<Span> &spans)
{
    TraceDetails d;
    d.spans = TraceAnalysis::buildTree(spans);
    d.metrics = TraceAnalysis::metricsOf(d.spans);
    if (!spans.isEmpty()) {
        d.summary.traceId = spans.first().traceId;
        d.summary.startNs = spans.first().startTimeUnixNano;
        d.summary.endNs = spans.first().endTimeUnixNano;
    }
    for (const SpanView &v : std::as_const(d.spans)) {
        d.summary.startNs = std::min(d.summary.startNs, v.span.startTimeUnixNano);
        d.summary.endNs = std::max(d.summary.endNs, v.span.endTimeUnixNano);
        if (v.parentIndex < 0 && !d.summary.hasRoot) {
            d.summary.hasRoot = true;
            d.summary.rootSpanId = v.span.spanId;
            d.summary.serviceName = v.span.serviceName;
            d.summary.operationName = v.span.name;
        }
        if (v.status != TraceStatus::Success) {
            ++d.summary.errorCount;
            d.summary.status = v.status;
        }
    }
    d.summary.spanCount = d.spans.size();
    return d;
}

// A summary for the trace list: trace `n`, starting `startMs` after the epoch.
inline TraceSummary makeSummary(int n, double startMs, double durationMs, const QString &operation = {})
{
    constexpr qint64 epoch = 1'700'000'000'000'000'000;
    TraceSummary t;
    t.traceId = traceIdOf(n);
    t.serviceName = QStringLiteral("frontend");
    t.operationName = operation.isEmpty() ? QStringLiteral("GET /%1").arg(n) : operation;
    t.hasRoot = true;
    t.startNs = epoch + qint64(startMs * 1e6);
    t.endNs = t.startNs + qint64(durationMs * 1e6);
    t.spanCount = 3;
    return t;
}

// Newest first, as the store returns them: one summary per number, trace n starting at n seconds.
inline QList<TraceSummary> summaries(std::initializer_list<int> numbers)
{
    QList<TraceSummary> out;
    for (const int n : numbers)
        out.append(makeSummary(n, n * 1000.0, 10));
    return out;
}

} // namespace spanlight::test
