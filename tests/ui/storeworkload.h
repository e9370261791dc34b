#pragma once

// A shop's traffic over one hour, written into a real store, and the figures a test expects of
// it computed here from the spans themselves (counts, rates, nearest-rank percentiles), so that
// the console's pages can be checked against arithmetic that does not go through the analysis
// layer they read from.
#include "storage/store.h"

#include <QSet>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <memory>

namespace spanlight::test {

constexpr qint64 kWorkMs = 1000000;
constexpr qint64 kWorkMinute = qint64(60) * 1000 * kWorkMs;
constexpr qint64 kWorkT0 = qint64(1699999200) * 1000 * kWorkMs; // 2023-11-14 22:00:00 UTC, an hour boundary
// "Now" for the console: the 1h window is [T0, T0 + 60 min), the 15 min one [T0 + 45, T0 + 60).
constexpr qint64 kWorkNow = kWorkT0 + 59 * kWorkMinute + 30 * 1000 * kWorkMs;

inline QByteArray workTraceId(int n)
{
    QByteArray id(16, '\x5a');
    id[13] = char(n >> 16);
    id[14] = char(n >> 8);
    id[15] = char(n);
    return id;
}

inline QByteArray workSpanId(int trace, int n)
{
    QByteArray id(8, '\x3c');
    id[4] = char(trace >> 16);
    id[5] = char(trace >> 8);
    id[6] = char(trace);
    id[7] = char(n);
    return id;
}

// Minute m of the hour has 2 + m % 4 traces, i = 0.., starting 1 + 7i s into the minute:
//  - even i: frontend GET /cart (SERVER root) -> inventory GetStock (SERVER) -> SELECT (CLIENT, 2 ms);
//  - odd i: frontend POST /checkout (SERVER root) -> checkout POST /checkout (SERVER) -> SELECT
//    (CLIENT, 2 ms); the checkout span and the root fail (a TimeoutError) when (m + i) % 6 == 0.
// The root lasts 20 + 10 * (7m % 5) + 4i ms, so latency moves from minute to minute; its child
// lasts 4 ms less. Minute 50 adds one slow trace: frontend GET /report (1,500 ms) -> reports
// render (SERVER, 1,400 ms).
struct Workload
{
    QList<Span> spans;

    static Span span(int trace, int id, int parent, const char *service, const char *name, SpanKind kind,
        qint64 start, qint64 duration)
    {
        Span s;
        s.traceId = workTraceId(trace);
        s.spanId = workSpanId(trace, id);
        if (parent)
            s.parentSpanId = workSpanId(trace, parent);
        s.serviceName = QLatin1String(service);
        s.resourceAttributes.insert(QStringLiteral("service.name"), s.serviceName);
        s.name = QLatin1String(name);
        s.kind = kind;
        s.startTimeUnixNano = start;
        s.endTimeUnixNano = start + duration;
        return s;
    }

    static Span failed(Span s, const QString &type, const QString &message)
    {
        s.statusCode = StatusCode::Error;
        s.statusMessage = message;
        SpanEvent e;
        e.name = QStringLiteral("exception");
        e.timeUnixNano = s.endTimeUnixNano;
        e.attributes.insert(QStringLiteral("exception.type"), type);
        e.attributes.insert(QStringLiteral("exception.message"), message);
        s.events.append(e);
        return s;
    }

    static Workload shop()
    {
        Workload w;
        int trace = 0;
        for (int m = 0; m < 60; ++m) {
            for (int i = 0; i < 2 + m % 4; ++i) {
                ++trace;
                const qint64 start = kWorkT0 + m * kWorkMinute + (1 + 7 * i) * 1000 * kWorkMs;
                const qint64 duration = (20 + 10 * ((7 * m) % 5) + 4 * i) * kWorkMs;
                const bool fail = i % 2 == 1 && (m + i) % 6 == 0;
                const char *childService = i % 2 ? "checkout" : "inventory";
                Span root = span(trace, 1, 0, "frontend", i % 2 ? "POST /checkout" : "GET /cart",
                    SpanKind::Server, start, duration);
                Span child = span(trace, 2, 1, childService, i % 2 ? "POST /checkout" : "GetStock",
                    SpanKind::Server, start + kWorkMs, duration - 4 * kWorkMs);
                if (fail) {
                    root = failed(root, QStringLiteral("Error"), QStringLiteral("checkout failed"));
                    child = failed(child, QStringLiteral("TimeoutError"),
                        QStringLiteral("payment timed out after %1 ms").arg(3000 + m));
                }
                w.spans << root << child
                        << span(trace, 3, 2, childService, "SELECT", SpanKind::Client, start + 2 * kWorkMs,
                               2 * kWorkMs);
            }
            if (m == 50) {
                ++trace;
                const qint64 start = kWorkT0 + m * kWorkMinute + 30 * 1000 * kWorkMs;
                w.spans << span(
                    trace, 1, 0, "frontend", "GET /report", SpanKind::Server, start, 1500 * kWorkMs)
                        << span(trace, 2, 1, "reports", "render", SpanKind::Server, start + 50 * kWorkMs,
                               1400 * kWorkMs);
            }
        }
        return w;
    }

    static bool isRequest(const Span &s)
    {
        return s.kind == SpanKind::Server || s.kind == SpanKind::Consumer || s.parentSpanId.isEmpty();
    }
    static bool in(const Span &s, qint64 from, qint64 to)
    {
        return s.startTimeUnixNano >= from && s.startTimeUnixNano < to;
    }

    // Spans that started in [from, to); of one service, requests only, when asked.
    QList<Span> spansIn(qint64 from, qint64 to, bool requestsOnly = false, const QString &service = {}) const
    {
        QList<Span> out;
        for (const Span &s : spans)
            if (in(s, from, to) && (!requestsOnly || isRequest(s))
                && (service.isEmpty() || s.serviceName == service))
                out.append(s);
        return out;
    }
    static qint64 failures(const QList<Span> &spans)
    {
        return std::count_if(
            spans.cbegin(), spans.cend(), [](const Span &s) { return s.statusCode == StatusCode::Error; });
    }
    // Traces whose earliest span started in [from, to).
    QList<QByteArray> tracesStartingIn(qint64 from, qint64 to) const
    {
        QHash<QByteArray, qint64> first;
        for (const Span &s : spans) {
            auto it = first.find(s.traceId);
            if (it == first.end())
                first.insert(s.traceId, s.startTimeUnixNano);
            else
                *it = std::min(*it, s.startTimeUnixNano);
        }
        QList<QByteArray> out;
        for (auto it = first.cbegin(); it != first.cend(); ++it)
            if (*it >= from && *it < to)
                out.append(it.key());
        return out;
    }
    // Each trace's [start, end) over its spans.
    QHash<QByteArray, std::pair<qint64, qint64>> traceExtents() const
    {
        QHash<QByteArray, std::pair<qint64, qint64>> out;
        for (const Span &s : spans) {
            auto it = out.find(s.traceId);
            if (it == out.end())
                out.insert(s.traceId, { s.startTimeUnixNano, s.endTimeUnixNano });
            else
                *it = { std::min(it->first, s.startTimeUnixNano), std::max(it->second, s.endTimeUnixNano) };
        }
        return out;
    }
    // The nearest-rank quantile of the spans' durations, in ms.
    static double quantileMs(const QList<Span> &spans, double q)
    {
        QList<qint64> d;
        for (const Span &s : spans)
            d.append(s.endTimeUnixNano - s.startTimeUnixNano);
        if (d.isEmpty())
            return 0;
        std::sort(d.begin(), d.end());
        const qsizetype rank = std::max<qsizetype>(1, qsizetype(std::ceil(q * double(d.size()))));
        return double(d[rank - 1]) / 1e6;
    }
    static double avgMs(const QList<Span> &spans)
    {
        if (spans.isEmpty())
            return 0;
        double sum = 0;
        for (const Span &s : spans)
            sum += double(s.endTimeUnixNano - s.startTimeUnixNano) / 1e6;
        return sum / double(spans.size());
    }
};

// A store in a temporary folder holding `spans`, committed.
struct WorkloadStore
{
    QTemporaryDir dir;
    std::unique_ptr<Store> store;
    QString error;

    explicit WorkloadStore(const QList<Span> &spans)
    {
        if (!dir.isValid()) {
            error = QStringLiteral("no temporary folder");
            return;
        }
        store = Store::open(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("console.db")), &error);
        if (!store || spans.isEmpty())
            return;
        QFuture<WriteResult> f = store->write(spans);
        f.waitForFinished();
        if (!f.result().ok())
            error = f.result().error.isEmpty() ? QStringLiteral("write failed") : f.result().error;
    }
    bool ok() const { return store && error.isEmpty(); }
};

} // namespace spanlight::test
