#pragma once

#include <QHash>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

namespace spanlight {

// A layered (Sugiyama-style) layout of a directed graph, left to right, for the dependency
// page: layers by the longest path from the roots, a few barycenter sweeps to reduce edge
// crossings, then coordinates per layer. Cycles are broken by ignoring the back edges that a
// depth-first search from the roots finds; those edges are drawn as given, right to left.
// An edge spanning several layers passes through one small dummy point per layer between, so
// it takes part in the crossing reduction and gets a route around the nodes. Deterministic:
// the same nodes and edges added in the same order give the same layout.
class GraphLayout
{
public:
    struct Options
    {
        double layerGap = 160; // horizontal space between two layers' widest nodes
        double nodeGap = 48; // vertical space between two nodes of a layer (room for labels)
        double dummyGap = 12; // vertical space next to a dummy point
        double dummySize = 8;
        double margin = 24;
        int sweeps = 4; // down-and-up barycenter passes; the best ordering seen is kept
    };

    struct Route
    {
        QList<QPointF> points; // source centre, dummy points, target centre
        bool reversed = false; // a back edge, ignored by the layering (points: source, target)
        bool selfLoop = false; // points: the node's centre
    };

    // Adds a node of that size; an id already added keeps its first size. Returns its index.
    int addNode(const QString &id, QSizeF size);
    // Adds an edge between added nodes; unknown ids and repeated edges are ignored (false).
    bool addEdge(const QString &from, const QString &to);

    void run(const Options &options);
    void run() { run(Options()); }

    int nodeCount() const { return int(m_ids.size()); }
    int layerCount() const { return m_layerCount; }
    int layerOf(const QString &id) const; // -1 for an unknown id
    int orderOf(const QString &id) const; // position in its layer from the top, -1 when unknown
    QRectF rectOf(const QString &id) const;
    QPointF centerOf(const QString &id) const { return rectOf(id).center(); }
    // One route per edge that addEdge() accepted, in that order.
    const QList<Route> &routes() const { return m_routes; }
    const Route *routeOf(const QString &from, const QString &to) const; // null when not an edge
    QSizeF size() const { return m_size; }
    // Crossings between adjacent layers of the final ordering (dummy points included), the
    // figure the sweeps minimise.
    int crossings() const { return m_crossings; }

private:
    struct Edge
    {
        int from;
        int to;
    };

    QList<QString> m_ids;
    QList<QSizeF> m_sizes;
    QHash<QString, int> m_index;
    QList<Edge> m_edges;

    int m_layerCount = 0;
    QList<int> m_layer; // per node
    QList<int> m_order; // per node
    QList<QRectF> m_rects; // per node
    QList<Route> m_routes;
    QSizeF m_size;
    int m_crossings = 0;
};

} // namespace spanlight
