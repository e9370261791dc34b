#pragma once

// A TraceSource for the UI tests: serves a snapshot that the test changes, optionally slowly,
// and records which thread asked.
#include "tracesource.h"
#include "uitestdata.h"

#include <QHash>
#include <QMap>
#include <QMutex>
#include <QDeadlineTimer>
#include <QThread>
#include <QWaitCondition>

#include <atomic>

namespace spanlight::test {

// What the fake serves to the analysis pages.
struct AnalysisData
{
    ServicesOverview overview;
    QHash<QString, ServicePerformance> performance; // by service
    QList<ErrorView> errors; // newest first
    DependencyGraph graph;
};

class FakeSource final : public TraceSource
{
public:
    TraceList listTraces(const TraceFilter &filter) const override
    {
        wait();
        ++listCalls;
        QMutexLocker lock(&m_mutex);
        m_threads.insert(QThread::currentThread());
        lastFilter = filter;
        TraceList list;
        list.result.traces = m_traces.mid(0, filter.limit);
        list.result.totalCount = m_traces.size();
        return list;
    }

    std::optional<TraceDetails> trace(const QByteArray &traceId) const override
    {
        wait();
        ++traceCalls;
        QMutexLocker lock(&m_mutex);
        m_threads.insert(QThread::currentThread());
        const auto it = m_details.constFind(traceId);
        if (it == m_details.constEnd())
            return std::nullopt;
        return *it;
    }

    // Adds (or replaces) a trace; the list stays newest first.
    void put(const TraceDetails &details)
    {
        QMutexLocker lock(&m_mutex);
        m_details.insert(details.summary.traceId, details);
        m_traces.removeIf([&](const TraceSummary &t) { return t.traceId == details.summary.traceId; });
        const auto pos = std::find_if(m_traces.begin(), m_traces.end(),
                                      [&](const TraceSummary &t) { return t.startNs < details.summary.startNs; });
        m_traces.insert(pos, details.summary);
    }

    // Notes: kept in the trace's details and summary, as the store keeps them with the trace.
    NoteChange setNote(const QByteArray &traceId, const QString &text, const QString &author,
        QString *error) const override
    {
        Q_UNUSED(error)
        QMutexLocker lock(&m_mutex);
        m_threads.insert(QThread::currentThread());
        ++noteCalls;
        const auto it = m_details.find(traceId);
        if (it == m_details.end())
            return NoteChange::NoTrace;
        it->note = TraceNote { traceId, text, author, 1, 2 };
        it->summary.note = text;
        for (TraceSummary &t : m_traces)
            if (t.traceId == traceId)
                t.note = text;
        return NoteChange::Done;
    }
    NoteChange deleteNote(const QByteArray &traceId, QString *error) const override
    {
        Q_UNUSED(error)
        QMutexLocker lock(&m_mutex);
        ++noteCalls;
        const auto it = m_details.find(traceId);
        if (it == m_details.end())
            return NoteChange::NoTrace;
        if (!it->note)
            return NoteChange::NoNote;
        it->note.reset();
        it->summary.note.clear();
        for (TraceSummary &t : m_traces)
            if (t.traceId == traceId)
                t.note.clear();
        return NoteChange::Done;
    }

    ServicesOverview servicesOverview() const override
    {
        wait();
        QMutexLocker lock(&m_mutex);
        m_threads.insert(QThread::currentThread());
        return m_analysis.overview;
    }

    ServicePerformance servicePerformance(const QString &service, const TimeWindow &window) const override
    {
        QMutexLocker lock(&m_mutex);
        m_threads.insert(QThread::currentThread());
        lastWindow = window;
        ServicePerformance p = m_analysis.performance.value(service);
        p.service = service;
        p.window = window;
        return p;
    }

    // Filters like ServiceAnalysis::errors() does: service, severity and time, newest first.
    ErrorList errors(const ErrorQuery &query) const override
    {
        wait();
        ++errorCalls;
        QMutexLocker lock(&m_mutex);
        m_threads.insert(QThread::currentThread());
        lastErrorQuery = query;
        ErrorList out;
        QMap<QString, ErrorTypeCount> types;
        for (const ErrorView &e : std::as_const(m_analysis.errors)) {
            const ErrorRecord &r = e.record;
            if ((!query.filter.service.isEmpty() && r.service != query.filter.service)
                || (query.severity && e.severity != *query.severity)
                || (query.filter.fromNs && r.timeNs < *query.filter.fromNs)
                || (query.filter.toNs && r.timeNs > *query.filter.toNs))
                continue;
            ++out.totalCount;
            if (out.errors.size() < query.limit)
                out.errors.append(e);
            ErrorTypeCount &t = types[r.type];
            t.type = r.type;
            ++t.count;
            t.severity = std::max(t.severity, e.severity);
        }
        out.types = types.values();
        std::sort(out.types.begin(), out.types.end(),
                  [](const ErrorTypeCount &a, const ErrorTypeCount &b) { return a.count > b.count; });
        return out;
    }

    DependencyGraph dependencies(const TimeWindow &window) const override
    {
        wait();
        QMutexLocker lock(&m_mutex);
        m_threads.insert(QThread::currentThread());
        lastWindow = window;
        return m_analysis.graph;
    }

    std::optional<DependencyImpact> impact(const QString &name, const TimeWindow &window) const override
    {
        ++impactCalls;
        QMutexLocker lock(&m_mutex);
        lastWindow = window;
        lastImpactName = name;
        return dependencyImpact(m_analysis.graph, name);
    }

    void setAnalysis(const AnalysisData &data)
    {
        QMutexLocker lock(&m_mutex);
        m_analysis = data;
    }

    ErrorQuery lastErrors() const
    {
        QMutexLocker lock(&m_mutex);
        return lastErrorQuery;
    }
    // What listTraces() was last asked (it ignores the filter but the limit).
    TraceFilter lastListFilter() const
    {
        QMutexLocker lock(&m_mutex);
        return lastFilter;
    }
    TimeWindow lastQueriedWindow() const
    {
        QMutexLocker lock(&m_mutex);
        return lastWindow;
    }
    QString lastImpact() const
    {
        QMutexLocker lock(&m_mutex);
        return lastImpactName;
    }

    QSet<QThread *> threads() const
    {
        QMutexLocker lock(&m_mutex);
        return m_threads;
    }

    // While held, every query waits (at most 20 s, so a failing test cannot hang) until release().
    void hold()
    {
        QMutexLocker lock(&m_gateMutex);
        m_held = true;
    }
    void release()
    {
        QMutexLocker lock(&m_gateMutex);
        m_held = false;
        m_gate.wakeAll();
    }

    std::atomic<int> delayMs = 0;
    mutable std::atomic<int> started = 0; // queries begun (before the delay)
    mutable std::atomic<int> listCalls = 0;
    mutable std::atomic<int> traceCalls = 0;
    mutable std::atomic<int> errorCalls = 0;
    mutable std::atomic<int> impactCalls = 0;
    mutable std::atomic<int> noteCalls = 0;

private:
    void wait() const
    {
        ++started;
        if (const int ms = delayMs)
            QThread::msleep(ms);
        QMutexLocker lock(&m_gateMutex);
        QDeadlineTimer deadline(20000);
        while (m_held && !deadline.hasExpired())
            m_gate.wait(&m_gateMutex, deadline);
    }

    mutable QMutex m_gateMutex;
    mutable QWaitCondition m_gate;
    bool m_held = false;

    mutable QMutex m_mutex;
    mutable QList<TraceSummary> m_traces; // setNote() writes notes into them
    mutable QHash<QByteArray, TraceDetails> m_details;
    mutable QSet<QThread *> m_threads;
    AnalysisData m_analysis;
    mutable ErrorQuery lastErrorQuery;
    mutable TraceFilter lastFilter;
    mutable TimeWindow lastWindow;
    mutable QString lastImpactName;
};

// Trace `n` with a root and two children, the second one failing; it starts at n seconds.
inline TraceDetails sampleTraceNumber(int n, int extraSpans = 0)
{
    const double t0 = n * 1000.0;
    QList<Span> spans{
        makeSpan(1, 0, QStringLiteral("GET /%1").arg(n), QStringLiteral("frontend"), t0, t0 + 50),
        makeSpan(2, 1, QStringLiteral("auth"), QStringLiteral("auth"), t0 + 5, t0 + 10),
        makeSpan(3, 1, QStringLiteral("db"), QStringLiteral("backend"), t0 + 10, t0 + 40, true),
    };
    for (int i = 0; i < extraSpans; ++i)
        spans.append(makeSpan(10 + i, 3, QStringLiteral("late"), QStringLiteral("backend"), t0 + 20, t0 + 30));
    for (Span &s : spans)
        s.traceId = traceIdOf(n);
    return makeTrace(spans);
}

// A small shop, as the analysis would describe it over the hour before `nowNs`:
//   frontend -> checkout (8 % errors) -> payments -> external stripe
//   frontend -> inventory -> external postgres;  checkout -> inventory;  batch is idle.
// The newest error of the checkout timeouts is span 3 of trace 7 (sampleTraceNumber(7)).
inline AnalysisData sampleAnalysis(qint64 nowNs)
{
    constexpr qint64 ms = 1000000;
    AnalysisData a;
    const auto perf = [&](const QString &name, qint64 requests, qint64 failed, double p50, double p95, double p99,
                          QList<std::pair<QString, qint64>> operations) {
        ServicePerformance p;
        p.service = name;
        p.totalRequests = requests;
        p.failedRequests = failed;
        p.errorRate = requests > 0 ? double(failed) / double(requests) : 0;
        p.avgResponseMs = p50 * 1.2;
        p.p50Ms = p50;
        p.p95Ms = p95;
        p.p99Ms = p99;
        p.throughputPerSecond = double(requests) / 3600.0;
        for (const auto &[op, count] : operations) {
            OperationStats s;
            s.service = name;
            s.name = op;
            s.count = count;
            s.avgDurationMs = p50;
            s.errorRate = p.errorRate;
            s.throughputPerSecond = double(count) / 3600.0;
            p.operations.append(s);
        }
        a.performance.insert(name, p);
        ServiceSummary summary;
        summary.name = name;
        a.overview.services.append(summary);
    };
    // services() lists them by name.
    perf(QStringLiteral("batch"), 0, 0, 0, 0, 0, {});
    perf(QStringLiteral("checkout"), 500, 40, 45, 120, 300, {{QStringLiteral("POST /checkout"), 500}});
    perf(QStringLiteral("frontend"), 1200, 12, 20, 80, 150,
         {{QStringLiteral("GET /cart"), 700}, {QStringLiteral("POST /checkout"), 500}});
    perf(QStringLiteral("inventory"), 900, 0, 5, 12, 30, {{QStringLiteral("GetStock"), 900}});
    perf(QStringLiteral("payments"), 480, 5, 60, 200, 400, {{QStringLiteral("Charge"), 480}});

    const auto dep = [](const char *from, const char *to, bool external, qint64 calls, qint64 errors, double avgMs) {
        DependencyRow r;
        r.source = QLatin1String(from);
        r.target = QLatin1String(to);
        r.external = external;
        r.calls = calls;
        r.errors = errors;
        r.durationSumNs = qint64(double(calls) * avgMs * 1e6);
        return r;
    };
    const auto requests = [](const char *service, qint64 spans, qint64 errors, double avgMs) {
        RollupRow r;
        r.service = QLatin1String(service);
        r.spans = spans;
        r.errors = errors;
        r.durationSumNs = qint64(double(spans) * avgMs * 1e6);
        return r;
    };
    a.graph = buildDependencyGraph(
        {dep("frontend", "checkout", false, 500, 40, 54), dep("frontend", "inventory", false, 700, 0, 6),
         dep("checkout", "payments", false, 480, 5, 72), dep("checkout", "inventory", false, 200, 0, 6),
         dep("payments", "stripe", true, 480, 2, 50), dep("inventory", "postgresql:shop", true, 1100, 0, 2)},
        {requests("frontend", 1200, 12, 24), requests("checkout", 500, 40, 54), requests("payments", 480, 5, 72),
         requests("inventory", 900, 0, 6)});

    const auto error = [&](int trace, int span, qint64 agoMs, const char *service, const char *operation,
                           const char *type, const QString &message, const char *fingerprint, Severity severity,
                           bool root = false) {
        ErrorView e;
        e.record.traceId = traceIdOf(trace);
        e.record.spanId = spanIdOf(span);
        e.record.timeNs = nowNs - agoMs * ms;
        e.record.service = QLatin1String(service);
        e.record.operation = QLatin1String(operation);
        e.record.type = QLatin1String(type);
        e.record.message = message;
        e.record.fingerprint = QLatin1String(fingerprint);
        e.record.isRoot = root;
        e.severity = severity;
        return e;
    };
    // Newest first.
    a.errors = {
        error(7, 3, 60'000, "checkout", "POST /checkout", "TimeoutError", QStringLiteral("payment timed out after 3000 ms"),
              "fp-timeout", Severity::High),
        error(30, 1, 90'000, "frontend", "POST /checkout", "Error", QStringLiteral("checkout failed"), "fp-frontend",
              Severity::Critical, true),
        error(8, 3, 120'000, "checkout", "POST /checkout", "TimeoutError",
              QStringLiteral("payment timed out after 3001 ms"), "fp-timeout", Severity::High),
        error(9, 3, 300'000, "payments", "Charge", "HTTP 502", QStringLiteral("bad gateway"), "fp-502", Severity::Medium),
        error(10, 3, 400'000, "checkout", "POST /checkout", "TimeoutError",
              QStringLiteral("payment timed out after 2999 ms"), "fp-timeout", Severity::High),
        error(11, 3, 500'000, "payments", "Charge", "HTTP 502", QStringLiteral("bad gateway"), "fp-502", Severity::Medium),
        error(31, 1, 1'000'000, "frontend", "POST /checkout", "Error", QStringLiteral("checkout failed"), "fp-frontend",
              Severity::Critical, true),
    };
    return a;
}

} // namespace spanlight::test
