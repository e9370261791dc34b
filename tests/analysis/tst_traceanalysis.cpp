#include "analysis/traceanalysis.h"

#include <QFuture>
#include <QTemporaryDir>
#include <QTest>

using namespace spanlight;

// Per-trace analysis on hand-built traces: tree order, self time, critical path, service time.
class TestTraceAnalysis : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void treeAndSelfTime();
    void criticalPathWithOverlap();
    void criticalPathSequentialAndAsync();
    void criticalPathDeepTrace();
    void serviceBreakdown();
    void partialTraceLoadsTheTop();
    void subtreeLoadsBelowASpan();
};

namespace {

// Times in ms for readability; ids from small numbers.
Span span(int id, int parent, const char *service, qint64 startMs, qint64 endMs)
{
    Span s;
    s.traceId = QByteArray(16, '\x07');
    s.spanId = QByteArray(7, '\0') + char(id);
    if (parent)
        s.parentSpanId = QByteArray(7, '\0') + char(parent);
    s.serviceName = QString::fromLatin1(service);
    s.name = QStringLiteral("op%1").arg(id);
    s.startTimeUnixNano = 1000000000 + startMs * 1000000;
    s.endTimeUnixNano = 1000000000 + endMs * 1000000;
    return s;
}

// The critical path as (span number, start ms, end ms) triples.
QList<std::tuple<int, qint64, qint64>> path(const QList<SpanView> &views)
{
    QList<std::tuple<int, qint64, qint64>> out;
    for (const CriticalSegment &c : TraceAnalysis::criticalPath(views))
        out.append({int(views[c.span].span.spanId.back()), (c.startNs - 1000000000) / 1000000,
                    (c.endNs - 1000000000) / 1000000});
    return out;
}

// A trace of 22 spans: root 1 with children 2, 3, 4; 2 has five children (10-14); 3 has three
// (20-22); 20 has ten same-named leaves (30-39), the longest of them on the critical path.
QList<Span> lazyTrace()
{
    QList<Span> spans{span(1, 0, "api", 0, 1000), span(2, 1, "api", 0, 400), span(3, 1, "cart", 400, 900),
        span(4, 1, "api", 900, 950)};
    for (int i = 0; i < 5; ++i)
        spans.append(span(10 + i, 2, "db", i * 80, i * 80 + 70));
    for (int i = 0; i < 3; ++i)
        spans.append(span(20 + i, 3, "cart", 400 + i * 150, 400 + i * 150 + 140));
    for (int i = 0; i < 10; ++i) {
        Span s = span(30 + i, 20, "db", 400 + i * 13, 400 + i * 13 + 12);
        s.name = QStringLiteral("db.query");
        s.attributes = QJsonObject{{QStringLiteral("db.statement"), QStringLiteral("SELECT %1").arg(i)}};
        if (i == 4)
            s.statusCode = StatusCode::Error;
        spans.append(s);
    }
    return spans;
}

struct LazyStore
{
    QTemporaryDir dir;
    std::unique_ptr<Store> store;
    bool open()
    {
        QString error;
        store = Store::open(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("t.db")), &error);
        if (!store)
            return false;
        QFuture<WriteResult> f = store->write(lazyTrace());
        f.waitForFinished();
        return f.result().ok();
    }
};

int number(const SpanView &v)
{
    return int(v.span.spanId.back());
}

} // namespace

void TestTraceAnalysis::treeAndSelfTime()
{
    // shuffled arrival; B's child C; an orphan whose parent never arrived
    const QList<SpanView> v = TraceAnalysis::buildTree(
        {span(3, 2, "db", 50, 80), span(1, 0, "api", 0, 100), span(2, 1, "api", 30, 90), span(4, 1, "cache", 10, 40),
         span(9, 8, "lost", 5, 6)});
    QCOMPARE(v.size(), 5);
    QCOMPARE(int(v[0].span.spanId.back()), 1);
    QCOMPARE(v[0].depth, 0);
    QCOMPARE(int(v[1].span.spanId.back()), 4); // children by start time
    QCOMPARE(int(v[2].span.spanId.back()), 2);
    QCOMPARE(int(v[3].span.spanId.back()), 3);
    QCOMPARE(v[3].depth, 2);
    QCOMPARE(v[3].parentIndex, 2);
    QCOMPARE(v[4].parentIndex, -1); // the orphan is a root of its own
    QCOMPARE(v[0].selfTimeNs, qint64(20) * 1000000); // 100 - union(10..40, 30..90) = 100 - 80
    QCOMPARE(v[2].selfTimeNs, qint64(30) * 1000000); // 60 - 30
}

void TestTraceAnalysis::criticalPathWithOverlap()
{
    const QList<SpanView> v = TraceAnalysis::buildTree(
        {span(1, 0, "api", 0, 100), span(4, 1, "cache", 10, 40), span(2, 1, "api", 30, 90), span(3, 2, "db", 50, 80)});
    const QList<std::tuple<int, qint64, qint64>> expected = {
        {1, 0, 10}, {4, 10, 30}, {2, 30, 50}, {3, 50, 80}, {2, 80, 90}, {1, 90, 100}};
    QCOMPARE(path(v), expected);
    qint64 covered = 0;
    for (const CriticalSegment &c : TraceAnalysis::criticalPath(v))
        covered += c.endNs - c.startNs;
    QCOMPARE(covered, qint64(100) * 1000000); // the path covers the root's whole duration
}

void TestTraceAnalysis::criticalPathSequentialAndAsync()
{
    // two sequential calls, and a fire-and-forget child that outlives its parent
    const QList<SpanView> v = TraceAnalysis::buildTree(
        {span(1, 0, "api", 0, 50), span(2, 1, "a", 5, 20), span(3, 1, "b", 25, 45), span(4, 1, "async", 40, 70)});
    const QList<std::tuple<int, qint64, qint64>> expected = {
        {1, 0, 5}, {2, 5, 20}, {1, 20, 25}, {3, 25, 40}, {4, 40, 50}};
    // the async child ends last within the root's window (clipped at 50), so it is waited for last;
    // before its start, b is on the path
    QCOMPARE(path(v), expected);
}

void TestTraceAnalysis::criticalPathDeepTrace()
{
    // 20,000 nested spans: the walk is iterative, so the stack holds
    QList<Span> spans;
    for (int i = 0; i < 20000; ++i) {
        Span s;
        s.traceId = QByteArray(16, '\x08');
        s.spanId = QByteArray::number(i + 1).rightJustified(8, '0');
        if (i > 0)
            s.parentSpanId = QByteArray::number(i).rightJustified(8, '0');
        s.startTimeUnixNano = 1000 + i;
        s.endTimeUnixNano = 1000000 - i;
        spans.append(s);
    }
    const QList<SpanView> v = TraceAnalysis::buildTree(spans);
    QCOMPARE(v.last().depth, 19999);
    const QList<CriticalSegment> p = TraceAnalysis::criticalPath(v);
    QCOMPARE(p.size(), 2 * 19999 + 1);
    QCOMPARE(p.first().startNs, 1000);
    QCOMPARE(p.last().endNs, 1000000);
}

void TestTraceAnalysis::serviceBreakdown()
{
    const QList<SpanView> v = TraceAnalysis::buildTree(
        {span(1, 0, "api", 0, 100), span(4, 1, "cache", 10, 40), span(2, 1, "api", 30, 90), span(3, 2, "db", 50, 80)});
    const QList<ServiceTime> b = TraceAnalysis::serviceBreakdown(v, qint64(100) * 1000000);
    QCOMPARE(b.size(), 3);
    QCOMPARE(b[0].service, QStringLiteral("api")); // 20 + 30
    QCOMPARE(b[0].selfTimeNs, qint64(50) * 1000000);
    QCOMPARE(b[0].spans, 2);
    QCOMPARE(b[1].service, QStringLiteral("cache"));
    QCOMPARE(b[1].selfTimeNs, qint64(30) * 1000000);
    QCOMPARE(b[2].service, QStringLiteral("db"));
    QCOMPARE(b[0].fraction, 0.5);
}

QTEST_GUILESS_MAIN(TestTraceAnalysis)
void TestTraceAnalysis::partialTraceLoadsTheTop()
{
    LazyStore db;
    QVERIFY(db.open());
    const TraceAnalysis analysis(*db.store);
    const QByteArray id(16, '\x07');
    const auto whole = analysis.trace(id);
    QVERIFY(whole);
    QVERIFY(!whole->partial);
    QCOMPARE(whole->spans.size(), 22);
    // A budget the trace fits in: the whole trace.
    const auto fits = analysis.trace(id, 22);
    QVERIFY(fits && !fits->partial);
    QCOMPARE(fits->spans.size(), 22);

    // Budget 10: the root (1), its children (4 spans), 2's children (9); 3's three would make 12.
    const auto top = analysis.trace(id, 10);
    QVERIFY(top);
    QVERIFY(top->partial);
    QList<int> loaded;
    for (const SpanView &v : top->spans)
        loaded.append(number(v));
    QCOMPARE(loaded, (QList<int>{1, 2, 10, 11, 12, 13, 14, 3, 4})); // tree order
    for (const SpanView &v : top->spans) {
        QCOMPARE(v.unloadedDescendants, number(v) == 3 ? 13 : 0);
        const SpanView &w = *std::find_if(whole->spans.cbegin(), whole->spans.cend(),
            [&](const SpanView &x) { return x.span.spanId == v.span.spanId; });
        QCOMPARE(v.depth, w.depth);
        QCOMPARE(v.selfTimeNs, w.selfTimeNs); // the whole trace's, not the loaded part's
        QCOMPARE(v.parentIndex < 0 ? 0 : number(top->spans[v.parentIndex]), w.parentIndex < 0 ? 0 : number(whole->spans[w.parentIndex]));
        QCOMPARE(v.span.name, w.span.name);
    }
    // The figures are the whole trace's.
    QCOMPARE(top->summary.spanCount, 22);
    QCOMPARE(top->metrics.totalSpans, 22);
    QCOMPARE(top->metrics.errorSpans, 1);
    QCOMPARE(top->metrics.slowestSpanDurationMs, whole->metrics.slowestSpanDurationMs);
    QCOMPARE(top->metrics.averageSpanDurationMs, whole->metrics.averageSpanDurationMs);
    QCOMPARE(top->serviceBreakdown.size(), whole->serviceBreakdown.size());
    for (qsizetype i = 0; i < top->serviceBreakdown.size(); ++i) {
        QCOMPARE(top->serviceBreakdown[i].service, whole->serviceBreakdown[i].service);
        QCOMPARE(top->serviceBreakdown[i].selfTimeNs, whole->serviceBreakdown[i].selfTimeNs);
        QCOMPARE(top->serviceBreakdown[i].spans, whole->serviceBreakdown[i].spans);
    }
    // Critical path: the whole trace's segments of loaded spans, and the marks on loaded spans.
    QSet<QByteArray> critical;
    QList<std::tuple<QByteArray, qint64, qint64>> expected;
    for (const CriticalSegment &c : whole->criticalPath) {
        const QByteArray sid = whole->spans[c.span].span.spanId;
        critical.insert(sid);
        if (loaded.contains(int(sid.back())))
            expected.append({sid, c.startNs, c.endNs});
    }
    QVERIFY(critical.contains(QByteArray(QByteArray(7, '\0') + char(20)))); // the path goes below the unloaded part
    QList<std::tuple<QByteArray, qint64, qint64>> got;
    for (const CriticalSegment &c : top->criticalPath)
        got.append({top->spans[c.span].span.spanId, c.startNs, c.endNs});
    QCOMPARE(got, expected);
    for (const SpanView &v : top->spans)
        QCOMPARE(v.onCriticalPath, critical.contains(v.span.spanId));

    // A sibling set that fills the budget exactly still loads.
    const auto exact = analysis.trace(id, 9);
    QVERIFY(exact && exact->partial);
    QCOMPARE(exact->spans.size(), 9);

    QVERIFY(!analysis.trace(QByteArray(16, '\x08'), 10));
}

void TestTraceAnalysis::subtreeLoadsBelowASpan()
{
    LazyStore db;
    QVERIFY(db.open());
    const TraceAnalysis analysis(*db.store);
    const QByteArray id(16, '\x07');
    const auto whole = analysis.trace(id);
    QVERIFY(whole);
    QSet<QByteArray> critical;
    for (const CriticalSegment &c : whole->criticalPath)
        critical.insert(whole->spans[c.span].span.spanId);
    const auto spanOf = [](int n) -> QByteArray { return QByteArray(7, '\0') + char(n); };

    // Below 3 with budget 2: its children always (3 spans), then 20's ten do not fit.
    const auto below3 = analysis.subtree(id, spanOf(3), 2);
    QVERIFY(below3);
    QCOMPARE(below3->traceId, id);
    QCOMPARE(below3->parentSpanId, spanOf(3));
    QCOMPARE(below3->spans.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const SpanView &v = below3->spans[i];
        QCOMPARE(number(v), 20 + i);
        QCOMPARE(v.parentIndex, -1);
        QCOMPARE(v.depth, 2);
        QCOMPARE(v.unloadedDescendants, i == 0 ? 10 : 0);
        QCOMPARE(v.onCriticalPath, critical.contains(v.span.spanId));
    }
    // Below 3 with room for everything: 13 spans, 20's leaves under it.
    const auto all3 = analysis.subtree(id, spanOf(3), 100);
    QVERIFY(all3);
    QCOMPARE(all3->spans.size(), 13);
    QCOMPARE(number(all3->spans[0]), 20);
    QCOMPARE(number(all3->spans[1]), 30);
    QCOMPARE(all3->spans[1].parentIndex, 0);
    QCOMPARE(all3->spans[1].depth, 3);
    // The payload is loaded: attributes and the real status.
    QCOMPARE(all3->spans[1].span.attributes.value(QStringLiteral("db.statement")).toString(), QStringLiteral("SELECT 0"));
    QCOMPARE(all3->spans[5].status, TraceStatus::Error);
    for (const SpanView &v : all3->spans)
        QCOMPARE(v.unloadedDescendants, 0);
    // A leaf has an empty subtree; unknown spans and traces none.
    const auto leaf = analysis.subtree(id, spanOf(4), 10);
    QVERIFY(leaf);
    QVERIFY(leaf->spans.isEmpty());
    QVERIFY(!analysis.subtree(id, spanOf(99), 10));
    QVERIFY(!analysis.subtree(QByteArray(16, '\x08'), spanOf(3), 10));
}

#include "tst_traceanalysis.moc"
