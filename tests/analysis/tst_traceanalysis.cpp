#include "analysis/traceanalysis.h"

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
#include "tst_traceanalysis.moc"
