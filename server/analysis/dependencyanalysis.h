#pragma once

#include "storage/store.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace spanlight {

// One node of the service dependency graph: an instrumented service, or an external system a
// service calls (a database, a queue, an uninstrumented API; see externalTarget()).
struct DependencyNode
{
    QString id; // the service's name; "external:<name>" for an external system
    QString name;
    bool external = false;
    // Requests handled: a service's entry spans (SERVER/CONSUMER or root), or, when it has none in
    // the window, the calls into it; an external system's calls into it. Latency and error rate
    // are of the same spans.
    qint64 requests = 0;
    double avgLatencyMs = 0;
    double errorRate = 0;
    // The time a request spends in the node itself, not waiting for the calls it makes: the
    // average request latency minus the calls' latency per request (calls x average latency /
    // requests), at least 0. For an external system, its whole latency.
    double selfTimeMs = 0;
};

struct DependencyEdge
{
    QString source; // node ids
    QString target;
    qint64 calls = 0;
    qint64 errors = 0;
    double avgLatencyMs = 0; // of the called spans (for an external target: the CLIENT spans)
    double errorRate = 0;
};

struct ServiceDependencies
{
    QString name;
    QStringList dependencies; // names of what it calls, sorted
    QStringList dependents; // names of what calls it, sorted
    qint64 callCount = 0; // its requests, as DependencyNode::requests
    double avgLatencyMs = 0;
    double errorRate = 0;
};

// A root-to-leaf path of the graph: from a service nothing calls to a node that calls nothing
// further (or only back into the path). Its latency is the sum of the nodes' self times, so a
// path is as slow as the work done along it; the bottleneck is the node with the most self time.
struct CriticalPath
{
    QStringList path; // node ids, caller first
    double totalLatencyMs = 0;
    QString bottleneck; // the id of that node (one of `path`)
};

struct DependencyGraph
{
    QList<DependencyNode> nodes; // services by name, then external systems by name
    QList<DependencyEdge> edges; // by source, then target
    QList<ServiceDependencies> services; // by name; services only
    QList<CriticalPath> criticalPaths; // the 5 slowest, slowest first

    const DependencyNode *node(const QString &id) const;
    const DependencyNode *nodeNamed(const QString &name) const; // a service first, else an external system
};

// What depends on a node, and how much of the traffic would notice if it failed.
struct DependencyImpact
{
    DependencyNode node;
    QStringList dependencies; // names of what it calls, sorted
    QStringList dependents; // names of what calls it directly, sorted
    QStringList transitiveDependents; // everything that reaches it through calls, sorted
    QList<CriticalPath> criticalPaths; // the 5 slowest paths through it
    // The share (0..1) of the root services' requests (root: a service nothing calls) that can
    // reach the node: the requests of the roots among its transitive dependents (and of the node
    // itself, when it is a root) over the requests of every root.
    double impactScore = 0;
};

// Paths per graph are enumerated depth first, stopping after this many complete paths.
constexpr int kMaxEnumeratedPaths = 10000;
constexpr int kCriticalPathCount = 5;

QString externalNodeId(const QString &name);

// The graph of one window from its dependency rows and the services' request rollups (entry
// spans only, grouped by service).
DependencyGraph buildDependencyGraph(const QList<DependencyRow> &edges, const QList<RollupRow> &requests);
// Null when the graph has no node of that name.
std::optional<DependencyImpact> dependencyImpact(const DependencyGraph &graph, const QString &name);

} // namespace spanlight
