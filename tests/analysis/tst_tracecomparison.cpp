#include "analysis/tracecomparison.h"

#include <QTest>

using namespace spanlight;

// The per-span latency diff of two hand-built traces: matching by path and occurrence,
// spans in one trace only, the order of the list, and traces of odd shapes.
class TestTraceComparison : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesByPathAndOccurrence();
    void biggestRegressionFirst();
    void unmatchedParentUnmatchesSubtree();
    void serviceAndOperationBothMatter();
    void identicalTraces();
    void traceWithItself();
    void orphansAndSeveralRoots();
    void zeroBaselineDuration();
    void emptyTrace();
};

namespace {

struct S
{
    int id;
    int parent;
    const char *service;
    const char *operation;
    qint64 startMs;
    qint64 endMs;
};

// A trace of spans given in ms; `trace` picks the trace id's bytes.
TraceDetails trace(char traceByte, const QList<S> &specs)
{
    QList<Span> spans;
    for (const S &x : specs) {
        Span s;
        s.traceId = QByteArray(16, traceByte);
        s.spanId = QByteArray(6, '\0') + char(x.id / 256) + char(x.id % 256);
        if (x.parent)
            s.parentSpanId = QByteArray(6, '\0') + char(x.parent / 256) + char(x.parent % 256);
        s.serviceName = QString::fromLatin1(x.service);
        s.name = QString::fromLatin1(x.operation);
        s.startTimeUnixNano = 1000000000 + x.startMs * 1000000;
        s.endTimeUnixNano = 1000000000 + x.endMs * 1000000;
        spans.append(s);
    }
    TraceDetails d;
    d.spans = TraceAnalysis::buildTree(spans);
    d.summary.traceId = QByteArray(16, traceByte);
    return d;
}

int idOf(const TraceDetails &d, int index)
{
    if (index < 0)
        return 0;
    const QByteArray &id = d.spans[index].span.spanId;
    return (uchar(id[6]) << 8) | uchar(id[7]);
}

constexpr qint64 ms = 1000000;

// A: GET /cart with three db.query and a cache.get; B: four db.query, no cache.get.
std::pair<TraceDetails, TraceDetails> cartTraces()
{
    return {trace('\x0a', {{1, 0, "api", "GET /cart", 0, 100},
                           {2, 1, "db", "db.query", 5, 15},
                           {3, 1, "db", "db.query", 20, 40},
                           {4, 1, "db", "db.query", 45, 75},
                           {5, 1, "cache", "cache.get", 80, 90}}),
            trace('\x0b', {{11, 0, "api", "GET /cart", 0, 200},
                           {12, 11, "db", "db.query", 5, 16},
                           {13, 11, "db", "db.query", 20, 30},
                           {14, 11, "db", "db.query", 40, 120},
                           {15, 11, "db", "db.query", 130, 190}})};
}

// The diff row of baseline span `baselineId` (or, with 0, of candidate span `candidateId`).
const SpanDiff *row(const TraceComparison &c, const TraceDetails &a, const TraceDetails &b, int baselineId,
                    int candidateId = 0)
{
    for (const SpanDiff &d : c.spans) {
        if (baselineId ? idOf(a, d.baselineIndex) == baselineId : idOf(b, d.candidateIndex) == candidateId)
            return &d;
    }
    return nullptr;
}

} // namespace

void TestTraceComparison::matchesByPathAndOccurrence()
{
    const auto [a, b] = cartTraces();
    const TraceComparison c = compareTraces(a, b);
    QCOMPARE(c.baseline.traceId, QByteArray(16, '\x0a'));
    QCOMPARE(c.candidate.traceId, QByteArray(16, '\x0b'));
    QCOMPARE(c.baseline.durationNs, 100 * ms);
    QCOMPARE(c.candidate.durationNs, 200 * ms);
    QCOMPARE(c.baseline.spanCount, 5);
    QCOMPARE(c.candidate.spanCount, 5);
    QCOMPARE(c.matched, 4);
    QCOMPARE(c.onlyInBaseline, 1);
    QCOMPARE(c.onlyInCandidate, 1);
    QCOMPARE(c.spans.size(), 6);

    // the 3rd db.query of A is the 3rd of B, in start order
    const SpanDiff *third = row(c, a, b, 4);
    QVERIFY(third);
    QCOMPARE(third->presence, SpanPresence::Matched);
    QCOMPARE(idOf(b, third->candidateIndex), 14);
    QCOMPARE(third->baselineDurationNs, 30 * ms);
    QCOMPARE(third->candidateDurationNs, 80 * ms);
    QCOMPARE(third->deltaNs, 50 * ms);
    QVERIFY(third->deltaPercent);
    QCOMPARE(*third->deltaPercent, 50.0 * 100 / 30);
    QCOMPARE(third->path, QStringList({QStringLiteral("api: GET /cart"), QStringLiteral("db: db.query")}));
    QCOMPARE(third->depth, 1);
    QCOMPARE(third->serviceName, QStringLiteral("db"));
    QCOMPARE(third->operationName, QStringLiteral("db.query"));
    QCOMPARE(idOf(b, row(c, a, b, 2)->candidateIndex), 12);
    QCOMPARE(idOf(b, row(c, a, b, 3)->candidateIndex), 13);
    QCOMPARE(row(c, a, b, 3)->deltaNs, -10 * ms);
    QCOMPARE(*row(c, a, b, 3)->deltaPercent, -50.0);

    const SpanDiff *fourth = row(c, a, b, 0, 15);
    QVERIFY(fourth);
    QCOMPARE(fourth->presence, SpanPresence::OnlyInCandidate);
    QCOMPARE(fourth->baselineIndex, -1);
    QCOMPARE(fourth->candidateDurationNs, 60 * ms);
    QCOMPARE(fourth->deltaNs, 0);
    QVERIFY(!fourth->deltaPercent);
    const SpanDiff *cache = row(c, a, b, 5);
    QVERIFY(cache);
    QCOMPARE(cache->presence, SpanPresence::OnlyInBaseline);
    QCOMPARE(cache->candidateIndex, -1);
    QCOMPARE(cache->baselineDurationNs, 10 * ms);

    // self time: root A 100 - (10+20+30+10) = 30; root B 200 - (11+10+80+60) = 39
    const SpanDiff *root = row(c, a, b, 1);
    QCOMPARE(root->deltaNs, 100 * ms);
    QCOMPARE(root->selfDeltaNs, 9 * ms);
    QCOMPARE(root->depth, 0);
    QCOMPARE(root->path, QStringList({QStringLiteral("api: GET /cart")}));
}

void TestTraceComparison::biggestRegressionFirst()
{
    const auto [a, b] = cartTraces();
    const TraceComparison c = compareTraces(a, b);
    QList<int> order;
    for (const SpanDiff &d : c.spans)
        order.append(d.baselineIndex >= 0 ? idOf(a, d.baselineIndex) : idOf(b, d.candidateIndex));
    // matched by delta: root +100, 3rd query +50, 1st +1, 2nd -10; then new (15), then missing (5)
    QCOMPARE(order, QList<int>({1, 4, 2, 3, 15, 5}));
    for (int i = 1; i < c.spans.size(); ++i)
        QVERIFY(!regressionFirst(c.spans[i], c.spans[i - 1]));
}

void TestTraceComparison::unmatchedParentUnmatchesSubtree()
{
    // The same db.query sits under checkout in A and under pay in B: different paths.
    const TraceDetails a = trace('\x0a', {{1, 0, "api", "POST /order", 0, 100},
                                          {2, 1, "shop", "checkout", 10, 90},
                                          {3, 2, "db", "db.query", 20, 30}});
    const TraceDetails b = trace('\x0b', {{1, 0, "api", "POST /order", 0, 100},
                                          {2, 1, "shop", "pay", 10, 90},
                                          {3, 2, "db", "db.query", 20, 30}});
    const TraceComparison c = compareTraces(a, b);
    QCOMPARE(c.matched, 1);
    QCOMPARE(c.onlyInBaseline, 2);
    QCOMPARE(c.onlyInCandidate, 2);
    const SpanDiff *query = row(c, a, b, 3);
    QCOMPARE(query->presence, SpanPresence::OnlyInBaseline);
    QCOMPARE(query->path, QStringList({QStringLiteral("api: POST /order"), QStringLiteral("shop: checkout"),
                                       QStringLiteral("db: db.query")}));
    QCOMPARE(query->depth, 2);
    QCOMPARE(row(c, a, b, 0, 3)->presence, SpanPresence::OnlyInCandidate);
    QCOMPARE(row(c, a, b, 0, 3)->path.at(1), QStringLiteral("shop: pay"));
}

void TestTraceComparison::serviceAndOperationBothMatter()
{
    // same operation in another service, and a service/operation pair whose joined text collides
    const TraceDetails a = trace('\x0a', {{1, 0, "api", "GET /", 0, 100},
                                          {2, 1, "db", "query", 10, 20},
                                          {3, 1, "a: b", "c", 30, 40}});
    const TraceDetails b = trace('\x0b', {{1, 0, "api", "GET /", 0, 100},
                                          {2, 1, "cache", "query", 10, 20},
                                          {3, 1, "a", "b: c", 30, 40}});
    const TraceComparison c = compareTraces(a, b);
    QCOMPARE(c.matched, 1);
    QCOMPARE(c.onlyInBaseline, 2);
    QCOMPARE(c.onlyInCandidate, 2);
}

void TestTraceComparison::identicalTraces()
{
    const QList<S> shape = {{1, 0, "api", "GET /", 0, 100}, {2, 1, "db", "q", 10, 20}, {3, 1, "db", "q", 30, 60},
                            {4, 3, "disk", "read", 35, 50}, {5, 1, "cache", "get", 70, 80}};
    const TraceDetails a = trace('\x0a', shape);
    const TraceDetails b = trace('\x0b', shape);
    const TraceComparison c = compareTraces(a, b);
    QCOMPARE(c.matched, 5);
    QCOMPARE(c.onlyInBaseline, 0);
    QCOMPARE(c.onlyInCandidate, 0);
    QCOMPARE(c.spans.size(), 5);
    QList<int> order;
    for (const SpanDiff &d : c.spans) {
        QCOMPARE(d.deltaNs, 0);
        QCOMPARE(d.selfDeltaNs, 0);
        QCOMPARE(d.deltaPercent, std::optional<double>(0.0));
        QCOMPARE(idOf(a, d.baselineIndex), idOf(b, d.candidateIndex));
        order.append(idOf(a, d.baselineIndex));
    }
    QCOMPARE(order, QList<int>({1, 2, 3, 4, 5})); // all ties: tree order
}

void TestTraceComparison::traceWithItself()
{
    const TraceDetails a = trace('\x0a', {{1, 0, "api", "GET /", 0, 100}, {2, 1, "db", "q", 10, 20},
                                          {3, 1, "db", "q", 10, 20}, {4, 0, "api", "GET /", 200, 210}});
    const TraceComparison c = compareTraces(a, a);
    QCOMPARE(c.matched, 4);
    QCOMPARE(c.baseline.traceId, c.candidate.traceId);
    QCOMPARE(c.baseline.durationNs, 210 * ms);
    for (const SpanDiff &d : c.spans) {
        QCOMPARE(d.baselineIndex, d.candidateIndex);
        QCOMPARE(d.deltaNs, 0);
    }
}

void TestTraceComparison::orphansAndSeveralRoots()
{
    // No root at all in A: two orphans whose parents never arrived; B has a root and one orphan.
    const TraceDetails a = trace('\x0a', {{2, 90, "db", "q", 10, 20}, {3, 91, "db", "q", 30, 50},
                                          {4, 3, "disk", "read", 31, 40}});
    const TraceDetails b = trace('\x0b', {{1, 0, "api", "GET /", 0, 100}, {2, 90, "db", "q", 10, 25},
                                          {3, 2, "disk", "read", 11, 12}});
    const TraceComparison c = compareTraces(a, b);
    // the top-level db.q of A (1st, 2nd in start order) against B's one top-level db.q
    QCOMPARE(c.matched, 1);
    QCOMPARE(idOf(b, row(c, a, b, 2)->candidateIndex), 2);
    QCOMPARE(row(c, a, b, 2)->deltaNs, 5 * ms);
    QCOMPARE(row(c, a, b, 3)->presence, SpanPresence::OnlyInBaseline);
    QCOMPARE(row(c, a, b, 4)->presence, SpanPresence::OnlyInBaseline); // its parent has no match
    QCOMPARE(row(c, a, b, 0, 1)->presence, SpanPresence::OnlyInCandidate);
    QCOMPARE(row(c, a, b, 0, 3)->presence, SpanPresence::OnlyInCandidate); // under a matched span, but new
    QCOMPARE(row(c, a, b, 0, 3)->path, QStringList({QStringLiteral("db: q"), QStringLiteral("disk: read")}));
    QCOMPARE(c.onlyInBaseline, 2);
    QCOMPARE(c.onlyInCandidate, 2);
    QCOMPARE(c.baseline.durationNs, 40 * ms);
}

void TestTraceComparison::zeroBaselineDuration()
{
    const TraceDetails a = trace('\x0a', {{1, 0, "api", "GET /", 0, 0}});
    const TraceDetails b = trace('\x0b', {{1, 0, "api", "GET /", 0, 7}});
    const TraceComparison c = compareTraces(a, b);
    QCOMPARE(c.spans.size(), 1);
    QCOMPARE(c.spans[0].deltaNs, 7 * ms);
    QVERIFY(!c.spans[0].deltaPercent); // no percentage of nothing
    const TraceComparison back = compareTraces(b, a);
    QCOMPARE(back.spans[0].deltaNs, -7 * ms);
    QCOMPARE(*back.spans[0].deltaPercent, -100.0);
}

void TestTraceComparison::emptyTrace()
{
    const TraceDetails a = trace('\x0a', {});
    const TraceDetails b = trace('\x0b', {{1, 0, "api", "GET /", 0, 10}, {2, 1, "db", "q", 1, 2}});
    const TraceComparison c = compareTraces(a, b);
    QCOMPARE(c.baseline.spanCount, 0);
    QCOMPARE(c.baseline.durationNs, 0);
    QCOMPARE(c.matched, 0);
    QCOMPARE(c.onlyInCandidate, 2);
    QCOMPARE(c.spans[0].candidateDurationNs, 10 * ms); // longest first
    QCOMPARE(compareTraces(a, a).spans.size(), 0);
}

QTEST_GUILESS_MAIN(TestTraceComparison)
#include "tst_tracecomparison.moc"
