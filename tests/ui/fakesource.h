#pragma once

// A TraceSource for the UI tests: serves a snapshot that the test changes, optionally slowly,
// and records which thread asked.
#include "tracesource.h"
#include "uitestdata.h"

#include <QHash>
#include <QMutex>
#include <QThread>

#include <atomic>

namespace spanlight::test {

class FakeSource final : public TraceSource
{
public:
    TraceList listTraces(const TraceFilter &filter) const override
    {
        wait();
        ++listCalls;
        QMutexLocker lock(&m_mutex);
        m_threads.insert(QThread::currentThread());
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

    QSet<QThread *> threads() const
    {
        QMutexLocker lock(&m_mutex);
        return m_threads;
    }

    std::atomic<int> delayMs = 0;
    mutable std::atomic<int> started = 0; // queries begun (before the delay)
    mutable std::atomic<int> listCalls = 0;
    mutable std::atomic<int> traceCalls = 0;

private:
    void wait() const
    {
        ++started;
        if (const int ms = delayMs)
            QThread::msleep(ms);
    }

    mutable QMutex m_mutex;
    QList<TraceSummary> m_traces;
    QHash<QByteArray, TraceDetails> m_details;
    mutable QSet<QThread *> m_threads;
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

} // namespace spanlight::test
