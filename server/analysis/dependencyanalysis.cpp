#include "dependencyanalysis.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace spanlight {

namespace {

double ms(double ns)
{
    return ns / 1e6;
}

struct Adjacency
{
    QHash<QString, QStringList> out; // node id -> target ids, sorted
    QHash<QString, QStringList> in; // node id -> source ids, sorted
};

Adjacency adjacencyOf(const DependencyGraph &g)
{
    Adjacency a;
    for (const DependencyEdge &e : g.edges) { // edges are sorted, so are the lists
        a.out[e.source].append(e.target);
        a.in[e.target].append(e.source);
    }
    return a;
}

// Root-to-leaf paths (at least one edge), depth first and without repeating a node, the
// slowest `count` of those that pass through `through` (any path when empty).
QList<CriticalPath> slowestPaths(const DependencyGraph &g, const Adjacency &a, const QString &through, int count)
{
    QHash<QString, const DependencyNode *> byId;
    for (const DependencyNode &n : g.nodes)
        byId.insert(n.id, &n);
    QStringList roots;
    for (const DependencyNode &n : g.nodes) {
        if (!n.external && a.in.value(n.id).isEmpty())
            roots.append(n.id);
    }
    if (roots.isEmpty()) { // every service is called by another: a cycle; start anywhere
        for (const DependencyNode &n : g.nodes) {
            if (!n.external)
                roots.append(n.id);
        }
    }

    QList<CriticalPath> found;
    int enumerated = 0;
    auto finish = [&](const QStringList &path) {
        ++enumerated;
        if (path.size() < 2 || (!through.isEmpty() && !path.contains(through)))
            return;
        CriticalPath p;
        p.path = path;
        double worst = -1;
        for (const QString &id : path) {
            const DependencyNode *n = byId.value(id);
            p.totalLatencyMs += n->selfTimeMs;
            if (n->selfTimeMs > worst) {
                worst = n->selfTimeMs;
                p.bottleneck = n->id;
            }
        }
        found.append(p);
    };
    for (const QString &root : std::as_const(roots)) {
        // An explicit stack of (node, index of the next successor to try): graphs can be deep.
        QStringList path { root };
        QSet<QString> onPath { root };
        QList<qsizetype> next { 0 };
        bool extended = false; // the top node got a successor since it was pushed
        while (!path.isEmpty() && enumerated < kMaxEnumeratedPaths) {
            const QStringList successors = a.out.value(path.constLast());
            qsizetype &i = next.last();
            while (i < successors.size() && onPath.contains(successors[i]))
                ++i;
            if (i < successors.size()) {
                const QString child = successors[i++];
                path.append(child);
                onPath.insert(child);
                next.append(0);
                extended = false;
                continue;
            }
            if (!extended)
                finish(path); // nothing (new) to call: a leaf of this path
            onPath.remove(path.takeLast());
            next.removeLast();
            extended = true;
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const CriticalPath &x, const CriticalPath &y) {
        if (x.totalLatencyMs != y.totalLatencyMs)
            return x.totalLatencyMs > y.totalLatencyMs;
        return x.path < y.path;
    });
    if (found.size() > count)
        found.resize(count);
    return found;
}

QStringList namesOf(const DependencyGraph &g, const QStringList &ids)
{
    QStringList names;
    for (const QString &id : ids)
        names.append(g.node(id)->name);
    names.sort();
    names.removeDuplicates();
    return names;
}

} // namespace

QString externalNodeId(const QString &name)
{
    return QStringLiteral("external:") + name;
}

const DependencyNode *DependencyGraph::node(const QString &id) const
{
    for (const DependencyNode &n : nodes) {
        if (n.id == id)
            return &n;
    }
    return nullptr;
}

const DependencyNode *DependencyGraph::nodeNamed(const QString &name) const
{
    if (const DependencyNode *n = node(name))
        return n;
    return node(externalNodeId(name));
}

DependencyGraph buildDependencyGraph(const QList<DependencyRow> &rows, const QList<RollupRow> &requests)
{
    DependencyGraph g;
    struct Totals
    {
        qint64 calls = 0;
        qint64 errors = 0;
        double durationNs = 0;
    };
    QHash<QString, Totals> entry; // per service: its requests
    QHash<QString, Totals> inbound; // per node id: calls into it
    QHash<QString, double> outboundNs; // per node id: calls x latency of the calls it makes
    QSet<QString> services;
    QSet<QString> externals;
    for (const RollupRow &r : requests) {
        services.insert(r.service);
        Totals &t = entry[r.service];
        t.calls += r.spans;
        t.errors += r.errors;
        t.durationNs += double(r.durationSumNs);
    }
    for (const DependencyRow &r : rows) {
        services.insert(r.source);
        const QString target = r.external ? externalNodeId(r.target) : r.target;
        (r.external ? externals : services).insert(r.target);
        DependencyEdge e;
        e.source = r.source;
        e.target = target;
        e.calls = r.calls;
        e.errors = r.errors;
        e.avgLatencyMs = r.calls > 0 ? ms(double(r.durationSumNs) / double(r.calls)) : 0;
        e.errorRate = r.calls > 0 ? double(r.errors) / double(r.calls) : 0;
        g.edges.append(e);
        Totals &in = inbound[target];
        in.calls += r.calls;
        in.errors += r.errors;
        in.durationNs += double(r.durationSumNs);
        outboundNs[r.source] += double(r.durationSumNs);
    }
    std::sort(g.edges.begin(), g.edges.end(), [](const DependencyEdge &a, const DependencyEdge &b) {
        return std::tie(a.source, a.target) < std::tie(b.source, b.target);
    });

    auto addNode = [&](const QString &name, bool external) {
        DependencyNode n;
        n.name = name;
        n.external = external;
        n.id = external ? externalNodeId(name) : name;
        const Totals requestTotals = !external && entry.value(name).calls > 0 ? entry.value(name) : inbound.value(n.id);
        n.requests = requestTotals.calls;
        if (n.requests > 0) {
            n.avgLatencyMs = ms(requestTotals.durationNs / double(n.requests));
            n.errorRate = double(requestTotals.errors) / double(n.requests);
            const double callsPerRequestMs = ms(outboundNs.value(n.id) / double(n.requests));
            n.selfTimeMs = std::max(0.0, n.avgLatencyMs - callsPerRequestMs);
        }
        g.nodes.append(n);
    };
    QStringList serviceNames(services.cbegin(), services.cend());
    serviceNames.sort();
    QStringList externalNames(externals.cbegin(), externals.cend());
    externalNames.sort();
    for (const QString &name : std::as_const(serviceNames))
        addNode(name, false);
    for (const QString &name : std::as_const(externalNames))
        addNode(name, true);

    const Adjacency a = adjacencyOf(g);
    for (const DependencyNode &n : std::as_const(g.nodes)) {
        if (n.external)
            continue;
        g.services.append({ n.name, namesOf(g, a.out.value(n.id)), namesOf(g, a.in.value(n.id)), n.requests,
            n.avgLatencyMs, n.errorRate });
    }
    g.criticalPaths = slowestPaths(g, a, QString(), kCriticalPathCount);
    return g;
}

std::optional<DependencyImpact> dependencyImpact(const DependencyGraph &g, const QString &name)
{
    const DependencyNode *node = g.nodeNamed(name);
    if (!node)
        return std::nullopt;
    const Adjacency a = adjacencyOf(g);
    DependencyImpact impact;
    impact.node = *node;
    impact.dependencies = namesOf(g, a.out.value(node->id));
    impact.dependents = namesOf(g, a.in.value(node->id));

    // Breadth first along the calls, backwards.
    QSet<QString> reached;
    QStringList queue { node->id };
    while (!queue.isEmpty()) {
        for (const QString &caller : a.in.value(queue.takeFirst())) {
            if (caller != node->id && !reached.contains(caller)) {
                reached.insert(caller);
                queue.append(caller);
            }
        }
    }
    impact.transitiveDependents = namesOf(g, QStringList(reached.cbegin(), reached.cend()));

    qint64 rootRequests = 0;
    qint64 affected = 0;
    for (const DependencyNode &n : g.nodes) {
        if (n.external || !a.in.value(n.id).isEmpty())
            continue;
        rootRequests += n.requests;
        if (n.id == node->id || reached.contains(n.id))
            affected += n.requests;
    }
    impact.impactScore = rootRequests > 0 ? double(affected) / double(rootRequests) : 0;
    impact.criticalPaths = slowestPaths(g, a, node->id, kCriticalPathCount);
    return impact;
}

} // namespace spanlight
