// What the Trace page's waterfall model costs for big traces: TraceAnalysis::buildTree() and
// WaterfallModel::setTrace() (display tree, grouping of repeated siblings, row texts), then
// toggling row 1 (the group of handlers, or the first handler), expanding everything and
// revealing a span deep in a group. Shapes: an N+1 loop (a root with `handlers` handlers, each
// issuing `queries` db.query spans beside one cache call) and the same spans with every handler
// and query named apart, so nothing groups. Prints the median of --runs runs. Never run by
// ctest; results go to docs/performance.md.
#include "waterfallminimap.h"
#include "waterfallmodel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cstdio>

using namespace spanlight;

namespace {

constexpr qint64 kEpoch = 1'700'000'000'000'000'000;
constexpr qint64 kUs = 1000;

QByteArray idOf(quint64 n, int size)
{
    QByteArray out(size, '\0');
    for (int i = 0; i < size && i < 8; ++i)
        out[size - 1 - i] = char((n >> (8 * i)) & 0xff);
    return out;
}

Span spanOf(quint64 id, quint64 parent, const QString &name, const QString &service, qint64 startUs, qint64 endUs)
{
    Span s;
    s.traceId = idOf(1, 16);
    s.spanId = idOf(id, 8);
    if (parent)
        s.parentSpanId = idOf(parent, 8);
    s.name = name;
    s.serviceName = service;
    s.kind = SpanKind::Internal;
    s.startTimeUnixNano = kEpoch + startUs * kUs;
    s.endTimeUnixNano = kEpoch + endUs * kUs;
    return s;
}

QList<Span> loopSpans(int handlers, int queries, bool distinctNames)
{
    QList<Span> spans;
    quint64 next = 1;
    const quint64 root = next++;
    const qint64 perHandler = qint64(queries) * 20 + 100;
    spans.append(spanOf(root, 0, QStringLiteral("GET /report"), QStringLiteral("api"), 0, handlers * perHandler + 10));
    for (int h = 0; h < handlers; ++h) {
        const quint64 handler = next++;
        const qint64 t = 5 + h * perHandler;
        const QString handlerName = distinctNames ? QStringLiteral("load row %1").arg(h) : QStringLiteral("load row");
        spans.append(spanOf(handler, root, handlerName, QStringLiteral("api"), t, t + perHandler - 5));
        spans.append(spanOf(next++, handler, QStringLiteral("GET"), QStringLiteral("redis"), t + 1, t + 3));
        for (int q = 0; q < queries; ++q) {
            const QString name = distinctNames ? QStringLiteral("db.query %1").arg(q) : QStringLiteral("db.query");
            spans.append(spanOf(next++, handler, name, QStringLiteral("postgres"), t + 5 + q * 20, t + 20 + q * 20));
        }
    }
    return spans;
}

struct Timings
{
    double buildTree = 0, setTrace = 0, openGroup = 0, expandAll = 0, reveal = 0, minimap = 0;
    int rows = 0, rowsExpanded = 0, blocks = 0;
};

Timings measure(const QList<Span> &spans)
{
    Timings t;
    QElapsedTimer clock;
    clock.start();
    TraceDetails details;
    details.spans = TraceAnalysis::buildTree(spans);
    details.summary.traceId = spans.first().traceId;
    details.summary.startNs = spans.first().startTimeUnixNano;
    details.summary.endNs = spans.first().endTimeUnixNano;
    t.buildTree = clock.nsecsElapsed() / 1e6;

    WaterfallModel model;
    clock.restart();
    model.setTrace(details);
    t.setTrace = clock.nsecsElapsed() / 1e6;
    t.rows = model.rowCount();

    clock.restart();
    model.toggle(1); // the handlers' group (or the first handler)
    t.openGroup = clock.nsecsElapsed() / 1e6;

    WaterfallModel fresh;
    fresh.setTrace(details);
    clock.restart();
    fresh.expandAll();
    t.expandAll = clock.nsecsElapsed() / 1e6;
    t.rowsExpanded = fresh.rowCount();

    WaterfallModel folded;
    folded.setTrace(details);
    clock.restart();
    folded.revealSpan(spans.last().spanId);
    t.reveal = clock.nsecsElapsed() / 1e6;

    // The minimap, as WaterfallMinimap::paint() draws it 1,000 x 36 pixels large.
    QImage image(1000, 36, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    clock.restart();
    const QList<WaterfallMinimap::Block> blocks =
        WaterfallMinimap::layout(model.overviewBars(), image.width(), image.height(), QColor(Qt::red));
    {
        QPainter painter(&image);
        for (const WaterfallMinimap::Block &b : blocks)
            painter.fillRect(b.rect, b.color);
    }
    t.minimap = clock.nsecsElapsed() / 1e6;
    t.blocks = int(blocks.size());
    return t;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("handlers"), QStringLiteral("Handlers under the root."), QStringLiteral("n"),
                      QStringLiteral("100")});
    parser.addOption({QStringLiteral("queries"), QStringLiteral("db.query spans per handler."), QStringLiteral("n"),
                      QStringLiteral("98")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Runs per shape."), QStringLiteral("n"),
                      QStringLiteral("7")});
    parser.process(app);
    const int handlers = parser.value(QStringLiteral("handlers")).toInt();
    const int queries = parser.value(QStringLiteral("queries")).toInt();
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());

    for (const bool distinct : {false, true}) {
        const QList<Span> spans = loopSpans(handlers, queries, distinct);
        QList<double> build, set, open, expand, reveal, minimap;
        Timings last;
        for (int r = 0; r < runs; ++r) {
            last = measure(spans);
            build.append(last.buildTree);
            set.append(last.setTrace);
            open.append(last.openGroup);
            expand.append(last.expandAll);
            reveal.append(last.reveal);
            minimap.append(last.minimap);
        }
        std::printf("%s: %lld spans, %d rows folded, %d expanded; median of %d runs (ms): buildTree %.2f, "
                    "setTrace %.2f, toggle row 1 %.2f, expandAll %.2f, revealSpan %.2f, minimap %.2f (%d rectangles)\n",
                    distinct ? "distinct names (no groups)" : "N+1 loop (groups)", qlonglong(spans.size()),
                    last.rows, last.rowsExpanded, runs, median(build), median(set), median(open), median(expand),
                    median(reveal), median(minimap), last.blocks);
    }
    return 0;
}
