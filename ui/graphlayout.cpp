#include "graphlayout.h"

#include <algorithm>
#include <numeric>

namespace spanlight {

int GraphLayout::addNode(const QString &id, QSizeF size)
{
    const auto it = m_index.constFind(id);
    if (it != m_index.constEnd())
        return *it;
    const int index = int(m_ids.size());
    m_ids.append(id);
    m_sizes.append(size);
    m_index.insert(id, index);
    return index;
}

bool GraphLayout::addEdge(const QString &from, const QString &to)
{
    const int a = m_index.value(from, -1);
    const int b = m_index.value(to, -1);
    if (a < 0 || b < 0)
        return false;
    for (const Edge &e : std::as_const(m_edges))
        if (e.from == a && e.to == b)
            return false;
    m_edges.append({ a, b });
    return true;
}

int GraphLayout::layerOf(const QString &id) const
{
    const int i = m_index.value(id, -1);
    return i >= 0 && i < m_layer.size() ? m_layer[i] : -1;
}

int GraphLayout::orderOf(const QString &id) const
{
    const int i = m_index.value(id, -1);
    return i >= 0 && i < m_order.size() ? m_order[i] : -1;
}

QRectF GraphLayout::rectOf(const QString &id) const
{
    const int i = m_index.value(id, -1);
    return i >= 0 && i < m_rects.size() ? m_rects[i] : QRectF();
}

const GraphLayout::Route *GraphLayout::routeOf(const QString &from, const QString &to) const
{
    const int a = m_index.value(from, -1);
    const int b = m_index.value(to, -1);
    for (int e = 0; e < m_edges.size() && e < m_routes.size(); ++e)
        if (m_edges[e].from == a && m_edges[e].to == b)
            return &m_routes[e];
    return nullptr;
}

void GraphLayout::run(const Options &options)
{
    const int n = int(m_ids.size());
    const int edgeCount = int(m_edges.size());
    QList<QList<int>> outEdges(n);
    QList<int> inDegree(n, 0);
    for (int e = 0; e < edgeCount; ++e) {
        outEdges[m_edges[e].from].append(e);
        if (m_edges[e].from != m_edges[e].to)
            ++inDegree[m_edges[e].to];
    }

    // 1. Back edges: a depth-first search from the roots (then from whatever a cycle left
    // unvisited); an edge to a node still on the stack closes a cycle and is ignored.
    QList<bool> back(edgeCount, false);
    {
        QList<int> starts;
        for (int v = 0; v < n; ++v)
            if (inDegree[v] == 0)
                starts.append(v);
        for (int v = 0; v < n; ++v)
            starts.append(v);
        enum State { Unvisited, OnStack, Done };
        QList<State> state(n, Unvisited);
        QList<std::pair<int, int>> stack; // node, next out-edge
        for (const int s : std::as_const(starts)) {
            if (state[s] != Unvisited)
                continue;
            state[s] = OnStack;
            stack.append({ s, 0 });
            while (!stack.isEmpty()) {
                auto &[v, next] = stack.last();
                if (next < outEdges[v].size()) {
                    const int e = outEdges[v][next++];
                    const int w = m_edges[e].to;
                    if (w == v)
                        continue;
                    if (state[w] == OnStack)
                        back[e] = true;
                    else if (state[w] == Unvisited) {
                        state[w] = OnStack;
                        stack.append({ w, 0 }); // invalidates v/next; the loop re-reads them
                    }
                } else {
                    state[v] = Done;
                    stack.removeLast();
                }
            }
        }
    }
    const auto isForward = [&](int e) { return !back[e] && m_edges[e].from != m_edges[e].to; };

    // 2. Longest-path layering over the forward edges, in topological order.
    m_layer = QList<int>(n, 0);
    {
        QList<int> remaining(n, 0);
        for (int e = 0; e < edgeCount; ++e)
            if (isForward(e))
                ++remaining[m_edges[e].to];
        QList<int> ready;
        for (int v = 0; v < n; ++v)
            if (remaining[v] == 0)
                ready.append(v);
        for (int i = 0; i < ready.size(); ++i) {
            const int u = ready[i];
            for (const int e : std::as_const(outEdges[u])) {
                if (!isForward(e))
                    continue;
                const int w = m_edges[e].to;
                m_layer[w] = std::max(m_layer[w], m_layer[u] + 1);
                if (--remaining[w] == 0)
                    ready.append(w);
            }
        }
    }
    m_layerCount = n > 0 ? *std::max_element(m_layer.cbegin(), m_layer.cend()) + 1 : 0;

    // 3. The proper layered graph: vertices are the nodes and one dummy per layer crossed.
    QList<int> vLayer = m_layer;
    QList<QList<int>> pred(n), succ(n);
    QList<QList<int>> chains(edgeCount); // per forward edge: its vertices, source first
    for (int e = 0; e < edgeCount; ++e) {
        if (!isForward(e))
            continue;
        int previous = m_edges[e].from;
        chains[e].append(previous);
        for (int l = m_layer[m_edges[e].from] + 1; l <= m_layer[m_edges[e].to]; ++l) {
            int v = m_edges[e].to;
            if (l < m_layer[m_edges[e].to]) {
                v = int(vLayer.size());
                vLayer.append(l);
                pred.append(QList<int>());
                succ.append(QList<int>());
            }
            succ[previous].append(v);
            pred[v].append(previous);
            chains[e].append(v);
            previous = v;
        }
    }
    const int vertexCount = int(vLayer.size());
    const auto isDummy = [n](int v) { return v >= n; };

    QList<QList<int>> layers(m_layerCount);
    for (int v = 0; v < vertexCount; ++v)
        layers[vLayer[v]].append(v); // nodes by index, then dummies by edge
    QList<int> pos(vertexCount, 0);
    const auto renumber = [&] {
        for (const QList<int> &layer : std::as_const(layers))
            for (int i = 0; i < layer.size(); ++i)
                pos[layer[i]] = i;
    };
    renumber();

    const auto countCrossings = [&] {
        int crossings = 0;
        QList<std::pair<int, int>> between;
        for (int l = 0; l + 1 < m_layerCount; ++l) {
            between.clear();
            for (const int u : std::as_const(layers[l]))
                for (const int w : std::as_const(succ[u]))
                    between.append({ pos[u], pos[w] });
            for (int i = 0; i < between.size(); ++i)
                for (int j = i + 1; j < between.size(); ++j)
                    if ((between[i].first - between[j].first) * (between[i].second - between[j].second) < 0)
                        ++crossings;
        }
        return crossings;
    };

    // 4. Barycenter sweeps: each layer sorted by the mean position of its neighbours in the
    // layer just placed; a vertex without any keeps its position as its key. The sort is
    // stable, so ties keep the previous order.
    const auto reorder = [&](int l, const QList<QList<int>> &neighbours) {
        QList<std::pair<double, int>> keyed;
        for (const int v : std::as_const(layers[l])) {
            const QList<int> &ns = neighbours[v];
            double key = pos[v];
            if (!ns.isEmpty())
                key = std::accumulate(ns.cbegin(), ns.cend(), 0.0, [&](double sum, int u) {
                    return sum + pos[u];
                }) / double(ns.size());
            keyed.append({ key, v });
        }
        std::stable_sort(
            keyed.begin(), keyed.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        for (int i = 0; i < keyed.size(); ++i) {
            layers[l][i] = keyed[i].second;
            pos[keyed[i].second] = i;
        }
    };
    QList<QList<int>> best = layers;
    int bestCrossings = countCrossings();
    for (int sweep = 0; sweep < options.sweeps && bestCrossings > 0; ++sweep) {
        for (int l = 1; l < m_layerCount; ++l)
            reorder(l, pred);
        for (int l = m_layerCount - 2; l >= 0; --l)
            reorder(l, succ);
        const int crossings = countCrossings();
        if (crossings < bestCrossings) {
            bestCrossings = crossings;
            best = layers;
        }
    }
    layers = best;
    renumber();
    m_crossings = bestCrossings;

    // 5. Coordinates: layers are columns as wide as their widest node; each column is a stack
    // centred on the tallest one.
    const auto sizeOf
        = [&](int v) { return isDummy(v) ? QSizeF(options.dummySize, options.dummySize) : m_sizes[v]; };
    QList<double> layerX(m_layerCount, 0), layerWidth(m_layerCount, 0), layerHeight(m_layerCount, 0);
    double tallest = 0;
    for (int l = 0; l < m_layerCount; ++l) {
        const QList<int> &layer = layers[l];
        for (int i = 0; i < layer.size(); ++i) {
            layerWidth[l] = std::max(layerWidth[l], sizeOf(layer[i]).width());
            layerHeight[l] += sizeOf(layer[i]).height();
            if (i > 0)
                layerHeight[l]
                    += isDummy(layer[i]) && isDummy(layer[i - 1]) ? options.dummyGap : options.nodeGap;
        }
        layerX[l] = l == 0 ? options.margin : layerX[l - 1] + layerWidth[l - 1] + options.layerGap;
        tallest = std::max(tallest, layerHeight[l]);
    }
    QList<QRectF> vRects(vertexCount);
    for (int l = 0; l < m_layerCount; ++l) {
        const QList<int> &layer = layers[l];
        double y = options.margin + (tallest - layerHeight[l]) / 2;
        for (int i = 0; i < layer.size(); ++i) {
            if (i > 0)
                y += isDummy(layer[i]) && isDummy(layer[i - 1]) ? options.dummyGap : options.nodeGap;
            const QSizeF s = sizeOf(layer[i]);
            vRects[layer[i]] = QRectF(QPointF(layerX[l] + (layerWidth[l] - s.width()) / 2, y), s);
            y += s.height();
        }
    }
    m_rects = vRects.mid(0, n);
    m_order = QList<int>(n, 0);
    for (int v = 0; v < n; ++v)
        m_order[v] = pos[v];
    m_size = m_layerCount > 0
        ? QSizeF(layerX.last() + layerWidth.last() + options.margin, tallest + 2 * options.margin)
        : QSizeF(2 * options.margin, 2 * options.margin);

    // 6. Routes through the dummy points.
    m_routes.clear();
    for (int e = 0; e < edgeCount; ++e) {
        Route route;
        const Edge &edge = m_edges[e];
        if (edge.from == edge.to) {
            route.selfLoop = true;
            route.points = { vRects[edge.from].center() };
        } else if (back[e]) {
            route.reversed = true;
            route.points = { vRects[edge.from].center(), vRects[edge.to].center() };
        } else {
            for (const int v : std::as_const(chains[e]))
                route.points.append(vRects[v].center());
        }
        m_routes.append(route);
    }
}

} // namespace spanlight
