#include "analysis/dependencyanalysis.h"

#include <QTest>

using namespace spanlight;

namespace {

const qint64 kMs = 1000000;

DependencyRow edge(const char *source, const char *target, qint64 calls, qint64 avgMs, qint64 errors = 0,
    bool external = false)
{
    return { QString::fromLatin1(source), QString::fromLatin1(target), external, calls, errors, calls * avgMs * kMs };
}

RollupRow requests(const char *service, qint64 count, qint64 avgMs, qint64 errors = 0)
{
    RollupRow r;
    r.service = QString::fromLatin1(service);
    r.spans = count;
    r.errors = errors;
    r.durationSumNs = count * avgMs * kMs;
    return r;
}

// frontend (10 requests, 120 ms) calls checkout (80 ms) and users (20 ms); checkout calls payment
// (30 ms) and twice per request its database (5 ms); a batch job (30 requests of 10 ms) calls
// payment 5 times in all.
DependencyGraph shop()
{
    return buildDependencyGraph(
        { edge("frontend", "checkout", 10, 80, 1), edge("frontend", "users", 10, 20),
            edge("checkout", "payment", 10, 30, 2), edge("checkout", "postgresql:orders", 20, 5, 0, true),
            edge("batch", "payment", 5, 30) },
        { requests("frontend", 10, 120, 1), requests("checkout", 10, 80, 1), requests("users", 10, 20),
            requests("payment", 15, 30, 2), requests("batch", 30, 10) });
}

QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out.append(QString::fromLatin1(item));
    return out;
}

QStringList ids(const QList<DependencyNode> &nodes)
{
    QStringList out;
    for (const DependencyNode &n : nodes)
        out.append(n.id);
    return out;
}

} // namespace

class TestDependencyAnalysis : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nodesEdgesAndServices();
    void selfTimesAndCriticalPaths();
    void impact();
    void cyclesAndDepth();
    void manyPathsAreBounded();
};

void TestDependencyAnalysis::nodesEdgesAndServices()
{
    const DependencyGraph g = shop();
    QCOMPARE(ids(g.nodes),
        list({ "batch", "checkout", "frontend", "payment", "users", "external:postgresql:orders" }));
    QVERIFY(g.node(QStringLiteral("external:postgresql:orders"))->external);
    QCOMPARE(g.node(QStringLiteral("external:postgresql:orders"))->name, QStringLiteral("postgresql:orders"));
    QCOMPARE(g.nodeNamed(QStringLiteral("postgresql:orders")), g.node(QStringLiteral("external:postgresql:orders")));

    QCOMPARE(g.edges.size(), 5);
    const DependencyEdge &call = g.edges[1]; // by source, then target
    QCOMPARE(call.source, QStringLiteral("checkout"));
    QCOMPARE(call.target, QStringLiteral("external:postgresql:orders"));
    QCOMPARE(call.calls, 20);
    QCOMPARE(call.avgLatencyMs, 5.0);
    QCOMPARE(g.edges[0].errorRate, 0.0);
    QCOMPARE(g.edges[2].source, QStringLiteral("checkout"));
    QCOMPARE(g.edges[2].target, QStringLiteral("payment"));
    QCOMPARE(g.edges[2].errorRate, 0.2);

    QCOMPARE(g.services.size(), 5); // external systems are nodes, not services
    const ServiceDependencies &checkout = g.services[1];
    QCOMPARE(checkout.name, QStringLiteral("checkout"));
    QCOMPARE(checkout.dependencies, list({ "payment", "postgresql:orders" }));
    QCOMPARE(checkout.dependents, list({ "frontend" }));
    QCOMPARE(checkout.callCount, 10);
    QCOMPARE(checkout.avgLatencyMs, 80.0);
    QCOMPARE(checkout.errorRate, 0.1);
    QCOMPARE(g.services[3].dependents, list({ "batch", "checkout" }));
    // External systems take their figures from the calls into them.
    const DependencyNode *db = g.nodeNamed(QStringLiteral("postgresql:orders"));
    QCOMPARE(db->requests, 20);
    QCOMPARE(db->avgLatencyMs, 5.0);

    // A service that is only called (no entry spans in the window) counts the calls into it.
    const DependencyGraph bare = buildDependencyGraph({ edge("a", "b", 4, 10, 1) }, {});
    QCOMPARE(bare.node(QStringLiteral("b"))->requests, 4);
    QCOMPARE(bare.node(QStringLiteral("b"))->errorRate, 0.25);
    QCOMPARE(bare.node(QStringLiteral("a"))->requests, 0);
}

void TestDependencyAnalysis::selfTimesAndCriticalPaths()
{
    const DependencyGraph g = shop();
    // 120 - (10 x 80 + 10 x 20) / 10; 80 - (10 x 30 + 20 x 5) / 10; 10 - 5 x 30 / 30.
    QCOMPARE(g.node(QStringLiteral("frontend"))->selfTimeMs, 20.0);
    QCOMPARE(g.node(QStringLiteral("checkout"))->selfTimeMs, 40.0);
    QCOMPARE(g.node(QStringLiteral("batch"))->selfTimeMs, 5.0);
    QCOMPARE(g.node(QStringLiteral("payment"))->selfTimeMs, 30.0);
    QCOMPARE(g.nodeNamed(QStringLiteral("postgresql:orders"))->selfTimeMs, 5.0);

    QCOMPARE(g.criticalPaths.size(), 4);
    QCOMPARE(g.criticalPaths[0].path, list({ "frontend", "checkout", "payment" }));
    QCOMPARE(g.criticalPaths[0].totalLatencyMs, 90.0);
    QCOMPARE(g.criticalPaths[0].bottleneck, QStringLiteral("checkout"));
    QCOMPARE(g.criticalPaths[1].path, list({ "frontend", "checkout", "external:postgresql:orders" }));
    QCOMPARE(g.criticalPaths[1].totalLatencyMs, 65.0);
    QCOMPARE(g.criticalPaths[2].path, list({ "frontend", "users" }));
    QCOMPARE(g.criticalPaths[2].totalLatencyMs, 40.0);
    QCOMPARE(g.criticalPaths[2].bottleneck, QStringLiteral("frontend")); // a tie: the first on the path
    QCOMPARE(g.criticalPaths[3].path, list({ "batch", "payment" }));
    QCOMPARE(g.criticalPaths[3].bottleneck, QStringLiteral("payment"));

    // Calls slower than the requests that make them (parallel calls) leave no negative self time.
    const DependencyGraph parallel
        = buildDependencyGraph({ edge("a", "b", 20, 10) }, { requests("a", 10, 12), requests("b", 20, 10) });
    QCOMPARE(parallel.node(QStringLiteral("a"))->selfTimeMs, 0.0);
}

void TestDependencyAnalysis::impact()
{
    const DependencyGraph g = shop();
    const std::optional<DependencyImpact> checkout = dependencyImpact(g, QStringLiteral("checkout"));
    QVERIFY(checkout);
    QCOMPARE(checkout->dependencies, list({ "payment", "postgresql:orders" }));
    QCOMPARE(checkout->dependents, list({ "frontend" }));
    QCOMPARE(checkout->transitiveDependents, list({ "frontend" }));
    QCOMPARE(checkout->impactScore, 0.25); // frontend's 10 of the roots' 40 requests
    QCOMPARE(checkout->criticalPaths.size(), 2);
    QCOMPARE(checkout->criticalPaths[0].path, list({ "frontend", "checkout", "payment" }));

    const std::optional<DependencyImpact> payment = dependencyImpact(g, QStringLiteral("payment"));
    QCOMPARE(payment->transitiveDependents, list({ "batch", "checkout", "frontend" }));
    QCOMPARE(payment->impactScore, 1.0);
    QCOMPARE(payment->node.requests, 15);

    const std::optional<DependencyImpact> db = dependencyImpact(g, QStringLiteral("postgresql:orders"));
    QVERIFY(db);
    QVERIFY(db->node.external);
    QCOMPARE(db->transitiveDependents, list({ "checkout", "frontend" }));
    QCOMPARE(db->impactScore, 0.25);

    const std::optional<DependencyImpact> root = dependencyImpact(g, QStringLiteral("batch"));
    QCOMPARE(root->transitiveDependents, QStringList());
    QCOMPARE(root->impactScore, 0.75); // a root reaches itself: its own 30 of 40

    QVERIFY(!dependencyImpact(g, QStringLiteral("nobody")));
}

void TestDependencyAnalysis::cyclesAndDepth()
{
    // A calls B calls A: no service is a root; every path stops before repeating a node.
    const DependencyGraph cycle = buildDependencyGraph(
        { edge("a", "b", 5, 10), edge("b", "a", 5, 10) }, { requests("a", 5, 30), requests("b", 5, 20) });
    QCOMPARE(cycle.criticalPaths.size(), 2);
    QCOMPARE(cycle.criticalPaths[0].path, list({ "a", "b" }));
    QCOMPARE(cycle.criticalPaths[1].path, list({ "b", "a" }));
    QCOMPARE(dependencyImpact(cycle, QStringLiteral("a"))->transitiveDependents, list({ "b" }));

    // A chain 3,000 services long: walked without recursion.
    QList<DependencyRow> chain;
    for (int i = 0; i < 3000; ++i)
        chain.append({ QStringLiteral("s%1").arg(i, 4, 10, QLatin1Char('0')),
            QStringLiteral("s%1").arg(i + 1, 4, 10, QLatin1Char('0')), false, 1, 0, kMs });
    const DependencyGraph deep = buildDependencyGraph(chain, {});
    QCOMPARE(deep.criticalPaths.size(), 1);
    QCOMPARE(deep.criticalPaths[0].path.size(), 3001);
    QCOMPARE(dependencyImpact(deep, QStringLiteral("s3000"))->transitiveDependents.size(), 3000);
}

void TestDependencyAnalysis::manyPathsAreBounded()
{
    // Six layers of eight services, each calling every service of the next layer: 8^6 paths.
    QList<DependencyRow> rows;
    QList<RollupRow> roots;
    for (int layer = 0; layer < 6; ++layer) {
        for (int i = 0; i < 8; ++i) {
            const QString from = QStringLiteral("l%1n%2").arg(layer).arg(i);
            if (layer == 0)
                roots.append(requests("x", 1, 1000)), roots.last().service = from;
            for (int j = 0; j < 8; ++j)
                rows.append({ from, QStringLiteral("l%1n%2").arg(layer + 1).arg(j), false, 1, 0, (i + j + 1) * kMs });
        }
    }
    const DependencyGraph g = buildDependencyGraph(rows, roots);
    QCOMPARE(g.criticalPaths.size(), kCriticalPathCount);
    for (const CriticalPath &p : g.criticalPaths)
        QCOMPARE(p.path.size(), 7);
}

QTEST_GUILESS_MAIN(TestDependencyAnalysis)
#include "tst_dependencyanalysis.moc"
