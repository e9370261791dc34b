// What opening a big trace costs, whole and lazily (TraceAnalysis::kLazySpanBudget): traces of
// 10k, 100k and 300k spans in two shapes are stored in SQLite, then timed: the storage reads
// (every span with its payload, the skeleton), the analysis (TraceAnalysis::trace() whole, the
// top of the tree, one subtree), the waterfall model's setTrace(), and the same reads over REST
// through the console's RemoteTraceSource (GET /traces/{id}, ?span_budget=, /spans?parent=)
// against an in-process server on a loopback port. Shapes: "deep" (every span has four
// children, breadth first, so depth grows with the size) and "wide" (a root with one handler per
// 50 spans, each with 49 db.query leaves). Prints the median of --runs runs; never run by ctest,
// results go to docs/performance.md.
#include "remotetracesource.h"
#include "serverbinding.h"
#include "spanlightserver.h"
#include "waterfallmodel.h"
#include "core/config.h"
#include "storage/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFuture>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace spanlight;

namespace {

constexpr qint64 kUs = 1000;

QByteArray idOf(quint64 n, int size)
{
    QByteArray out(size, '\0');
    for (int i = 0; i < size && i < 8; ++i)
        out[size - 1 - i] = char((n >> (8 * i)) & 0xff);
    return out;
}

Span spanOf(quint64 trace, quint64 id, quint64 parent, const QString &name, const QString &service, qint64 startNs,
    qint64 endNs)
{
    Span s;
    s.traceId = idOf(trace, 16);
    s.spanId = idOf(id, 8);
    if (parent)
        s.parentSpanId = idOf(parent, 8);
    s.name = name;
    s.serviceName = service;
    s.kind = SpanKind::Internal;
    s.startTimeUnixNano = startNs;
    s.endTimeUnixNano = endNs;
    // A payload like an instrumented call's, so that reading it costs what it does in practice.
    s.attributes = QJsonObject{{QStringLiteral("db.system"), QStringLiteral("postgresql")},
        {QStringLiteral("db.statement"), QStringLiteral("SELECT * FROM stock WHERE sku = $1 AND warehouse = $2")},
        {QStringLiteral("net.peer.name"), QStringLiteral("db-1.internal")}, {QStringLiteral("row"), qint64(id)}};
    s.resourceAttributes = QJsonObject{{QStringLiteral("service.name"), service},
        {QStringLiteral("host.name"), QStringLiteral("node-7")}};
    return s;
}

// Every span has four children, filled breadth first; a child lies inside its parent.
QList<Span> deepTrace(quint64 trace, int count, qint64 t0)
{
    QList<Span> spans;
    spans.reserve(count);
    static const QString services[] = {QStringLiteral("api"), QStringLiteral("inventory"), QStringLiteral("search"),
        QStringLiteral("postgres")};
    spans.append(spanOf(trace, 1, 0, QStringLiteral("rebuild-index"), services[0], t0, t0 + 4'000'000 * kUs));
    for (int i = 1; i < count; ++i) {
        const int parent = (i - 1) / 4; // index of the parent
        const int nth = (i - 1) % 4;
        const Span &p = spans[parent];
        const qint64 slot = (p.endTimeUnixNano - p.startTimeUnixNano) / 4;
        const qint64 start = p.startTimeUnixNano + nth * slot + slot / 10;
        spans.append(spanOf(trace, quint64(i + 1), quint64(parent + 1), QStringLiteral("step %1").arg(nth),
            services[(parent + nth) % 4], start, start + std::max<qint64>(1, slot * 8 / 10)));
    }
    return spans;
}

// A root, one handler per 50 spans, 49 db.query leaves under each.
QList<Span> wideTrace(quint64 trace, int count, qint64 t0)
{
    QList<Span> spans;
    spans.reserve(count);
    const int handlers = std::max(1, (count - 1) / 50);
    spans.append(spanOf(trace, 1, 0, QStringLiteral("GET /report"), QStringLiteral("api"), t0,
        t0 + qint64(handlers) * 1000 * kUs));
    quint64 next = 2;
    for (int h = 0; h < handlers && int(spans.size()) < count; ++h) {
        const qint64 hs = t0 + qint64(h) * 1000 * kUs;
        const quint64 handler = next++;
        spans.append(spanOf(trace, handler, 1, QStringLiteral("load row"), QStringLiteral("api"), hs, hs + 990 * kUs));
        for (int q = 0; q < 49 && int(spans.size()) < count; ++q) {
            const qint64 qs = hs + 5 * kUs + q * 20 * kUs;
            spans.append(spanOf(trace, next++, handler, QStringLiteral("db.query"), QStringLiteral("postgres"), qs,
                qs + 15 * kUs));
        }
    }
    return spans;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0.0 : v[v.size() / 2];
}

// Median milliseconds of `runs` calls of `f`.
double timeMs(int runs, const std::function<void()> &f)
{
    QList<double> t;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer clock;
        clock.start();
        f();
        t.append(double(clock.nsecsElapsed()) / 1e6);
    }
    return median(t);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Costs of opening big traces, whole and lazily"));
    parser.addHelpOption();
    QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs per figure (median)."),
        QStringLiteral("n"), QStringLiteral("3"));
    QCommandLineOption sizesOption(QStringLiteral("sizes"), QStringLiteral("Trace sizes, comma-separated."),
        QStringLiteral("list"), QStringLiteral("10000,100000,300000"));
    parser.addOptions({runsOption, sizesOption});
    parser.process(app);
    const int runs = std::max(1, parser.value(runsOption).toInt());
    QList<int> sizes;
    for (const QString &s : parser.value(sizesOption).split(u','))
        sizes.append(std::max(2, s.toInt()));

    QTemporaryDir dir;
    Config config;
    config.servicePort = 0;
    config.otlpHttpPort = 0;
    config.otlpGrpcPort = 0;
    config.zipkinPort = 0;
    config.jaegerHttpPort = 0;
    config.databaseUrl = QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("bench.db"));
    config.apiToken = QStringLiteral("bench-token");
    config.retentionDays = 36500;
    SpanlightServer server(config);
    QString error;
    if (!server.start(&error)) {
        std::fprintf(stderr, "cannot start the server: %s\n", qPrintable(error));
        return 1;
    }
    Store &store = *server.store();
    const auto local = storeTraceSource(store);
    RemoteTarget target;
    target.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.apiPort()));
    target.token = config.apiToken;
    target.timeoutMs = 600000;
    QString remoteError;
    const RemoteTraceSource remote(target, [&remoteError](const QString &e) { remoteError = e; });
    const int budget = TraceAnalysis::kLazySpanBudget;
    std::printf("runs %d, span budget %d (median ms; 'refused' = the remote read failed)\n", runs, budget);
    std::printf("%-5s %7s | %9s %9s | %9s %9s %9s | %9s %9s | %10s %10s %10s | %6s\n", "shape", "spans", "read all",
        "skeleton", "whole", "top", "subtree", "model all", "model top", "REST whole", "REST top", "REST sub",
        "loaded");

    const qint64 t0 = 1'700'000'000'000'000'000;
    quint64 traceNo = 1;
    for (const int size : std::as_const(sizes)) {
        for (const bool deep : {true, false}) {
            const quint64 trace = traceNo++;
            QList<Span> spans = deep ? deepTrace(trace, size, t0) : wideTrace(trace, size, t0);
            for (qsizetype from = 0; from < spans.size(); from += 5000) {
                QFuture<WriteResult> f = store.write(spans.mid(from, 5000));
                f.waitForFinished();
                if (!f.result().ok()) {
                    std::fprintf(stderr, "write failed: %s\n", qPrintable(f.result().error));
                    return 1;
                }
            }
            spans.clear();
            const QByteArray id = idOf(trace, 16);
            const TraceAnalysis analysis(store);
            const double readAll = timeMs(runs, [&] { (void)store.traceSpans(id); });
            const double skeleton = timeMs(runs, [&] { (void)store.traceSkeleton(id); });
            std::optional<TraceDetails> whole;
            std::optional<TraceDetails> top;
            const double wholeMs = timeMs(runs, [&] { whole = analysis.trace(id); });
            const double topMs = timeMs(runs, [&] { top = analysis.trace(id, budget); });
            // The subtree of the first loaded span with unloaded descendants.
            QByteArray more;
            for (const SpanView &v : top->spans)
                if (v.unloadedDescendants > 0 && more.isEmpty())
                    more = v.span.spanId;
            const double subMs = more.isEmpty() ? 0.0 : timeMs(runs, [&] { (void)analysis.subtree(id, more, budget); });
            WaterfallModel model;
            const double modelAll = timeMs(runs, [&] { model.clear(); model.setTrace(*whole); });
            const double modelTop = timeMs(runs, [&] { model.clear(); model.setTrace(*top); });
            whole.reset();
            std::optional<TraceDetails> got;
            const double restWhole = timeMs(runs, [&] { got = remote.trace(id); });
            const bool refused = !got;
            const QString refusal = remoteError;
            got.reset();
            const double restTop = timeMs(runs, [&] { got = remote.traceTop(id, budget); });
            const double restSub = more.isEmpty() ? 0.0 : timeMs(runs, [&] { (void)remote.traceSubtree(id, more, budget); });
            std::printf("%-5s %7d | %9.1f %9.1f | %9.1f %9.1f %9.1f | %9.1f %9.1f | %10s %10.1f %10.1f | %6lld\n",
                deep ? "deep" : "wide", size, readAll, skeleton, wholeMs, topMs, subMs, modelAll, modelTop,
                refused ? "refused" : qPrintable(QString::number(restWhole, 'f', 1)), restTop, restSub,
                qlonglong(top->spans.size()));
            if (refused)
                std::printf("      whole trace over REST: %s\n", qPrintable(refusal));
            std::fflush(stdout);
        }
    }
    server.stop();
    return 0;
}
