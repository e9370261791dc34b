#include "dependenciespage.h"

#include "consolecontroller.h"
#include "displaytext.h"
#include "servicemodels.h" // kAlertErrorRate

#include <QSet>

#include <cmath>

namespace spanlight {

namespace {

constexpr double kMinDiameter = 28;
constexpr double kMaxDiameter = 64;
constexpr double kArrowLength = 9;
// Room under a node for its two label lines, and their width, for the content bounds.
constexpr double kLabelHeight = 38;
constexpr double kLabelWidth = 160;
constexpr double kPadding = 16;

QPointF cubicMidpoint(QPointF p0, QPointF c1, QPointF c2, QPointF p3)
{
    return (p0 + 3 * c1 + 3 * c2 + p3) / 8;
}

QString joinedOrNone(const QStringList &names)
{
    return names.isEmpty() ? DependenciesPage::tr("none") : names.join(QStringLiteral(", "));
}

} // namespace

DependenciesPage::DependenciesPage(ConsoleController *controller)
    : ConsolePage(controller)
    , m_nodes(new DependencyNodeModel(this))
    , m_paths(new CriticalPathModel(this))
{ }

double DependenciesPage::nodeDiameter(qint64 requests, qint64 maxRequests)
{
    if (maxRequests <= 0 || requests <= 0)
        return kMinDiameter;
    const double share = std::min(1.0, double(requests) / double(maxRequests));
    return kMinDiameter + (kMaxDiameter - kMinDiameter) * std::sqrt(share);
}

GraphLayout DependenciesPage::layoutOf(const DependencyGraph &graph)
{
    qint64 busiest = 0;
    for (const DependencyNode &n : graph.nodes)
        busiest = std::max(busiest, n.requests);
    GraphLayout layout;
    for (const DependencyNode &n : graph.nodes) {
        const double d = nodeDiameter(n.requests, busiest);
        layout.addNode(n.id, QSizeF(d, d));
    }
    for (const DependencyEdge &e : graph.edges)
        layout.addEdge(e.source, e.target);
    GraphLayout::Options options;
    options.layerGap = 150; // room for an edge label between two columns
    options.nodeGap = 56; // room for a node's two label lines
    layout.run(options);
    return layout;
}

DependencySnapshot DependenciesPage::query(
    const TraceSource &source, const TimeWindow &window, const QString &impactFor)
{
    DependencySnapshot s;
    s.graph = source.dependencies(window);
    s.layout = layoutOf(s.graph);
    s.impactFor = impactFor;
    if (!impactFor.isEmpty())
        s.impact = source.impact(impactFor, window);
    return s;
}

bool DependenciesPage::startQuery(const TimeWindow &window)
{
    return controller()->run(
        this,
        [window, name = m_selectedName](const TraceSource &source) { return query(source, window, name); },
        [this, generation = generation()](DependencySnapshot snapshot) {
            if (takeResult(generation))
                apply(snapshot);
        });
}

void DependenciesPage::apply(const DependencySnapshot &snapshot)
{
    m_snapshot = snapshot;
    if (!m_selectedId.isEmpty())
        if (const DependencyNode *n = m_snapshot.graph.node(m_selectedId))
            m_selectedName = n->name;
    rebuild();
    Q_EMIT impactChanged();
    Q_EMIT resultApplied();
}

void DependenciesPage::selectNode(const QString &id)
{
    if (id == m_selectedId)
        return;
    m_selectedId = id;
    const DependencyNode *n = id.isEmpty() ? nullptr : m_snapshot.graph.node(id);
    m_selectedName = n ? n->name : QString();
    if (!n)
        m_selectedId.clear();
    Q_EMIT selectionChanged();
    rebuild();
    Q_EMIT impactChanged();
    parametersChanged(); // the impact of the new selection
}

void DependenciesPage::rebuild()
{
    const DependencyGraph &graph = m_snapshot.graph;
    const GraphLayout &layout = m_snapshot.layout;

    // What the selection highlights: the critical paths through it, nodes and consecutive pairs.
    QSet<QString> onPaths;
    QSet<QString> pathEdges;
    const bool highlighting = !m_selectedId.isEmpty() && impactLoaded();
    QList<CriticalPathRow> pathRows;
    if (highlighting) {
        onPaths.insert(m_selectedId);
        for (const CriticalPath &p : std::as_const(m_snapshot.impact->criticalPaths)) {
            QStringList names;
            for (int i = 0; i < p.path.size(); ++i) {
                onPaths.insert(p.path[i]);
                if (i > 0)
                    pathEdges.insert(p.path[i - 1] + u'\n' + p.path[i]);
                const DependencyNode *n = graph.node(p.path[i]);
                names.append(n ? n->name : p.path[i]);
            }
            const DependencyNode *bottleneck = graph.node(p.bottleneck);
            pathRows.append({ p.path.join(u'\n'), names.join(QStringLiteral(" → ")),
                millisText(p.totalLatencyMs), bottleneck ? bottleneck->name : p.bottleneck });
        }
    }
    m_paths->setPaths(pathRows);

    // Node shapes and label boxes, then the edges; everything is shifted so that nothing (a
    // label of the first column, a cycle's arc above the nodes) sticks out of the content.
    QRectF bounds;
    QList<DependencyNodeRow> rows;
    QHash<QString, std::pair<QPointF, double>> circles; // id -> centre, radius
    for (const DependencyNode &n : graph.nodes) {
        const QRectF r = layout.rectOf(n.id);
        DependencyNodeRow row;
        row.key = n.id;
        row.name = n.name;
        row.external = n.external;
        row.x = r.x();
        row.y = r.y();
        row.diameter = r.width();
        row.color = n.external ? QColor() : serviceColor(n.name);
        row.requestsText = tr("%Ln request(s)", "", int(std::min<qint64>(n.requests, INT_MAX)));
        row.detailText = millisText(n.avgLatencyMs) + QStringLiteral(" · ")
            + tr("%1 errors").arg(percentText(n.errorRate));
        row.toolTipText = n.name + u'\n' + row.requestsText + u'\n' + row.detailText;
        row.alert = n.errorRate > kAlertErrorRate;
        row.selected = n.id == m_selectedId;
        row.highlighted = highlighting && onPaths.contains(n.id);
        row.dimmed = highlighting && !row.highlighted;
        rows.append(row);
        circles.insert(n.id, { r.center(), r.width() / 2 });
        bounds |= r;
        bounds |= QRectF(r.center().x() - kLabelWidth / 2, r.bottom(), kLabelWidth, kLabelHeight);
    }

    QList<EdgeDrawing> edges;
    for (const DependencyEdge &e : graph.edges) {
        const GraphLayout::Route *routePtr = layout.routeOf(e.source, e.target);
        if (!routePtr || !circles.contains(e.source) || !circles.contains(e.target))
            continue;
        const GraphLayout::Route &route = *routePtr;
        const auto [sc, sr] = circles.value(e.source);
        const auto [tc, tr_] = circles.value(e.target);
        EdgeDrawing d;
        d.source = e.source;
        d.target = e.target;
        d.label = tr("%Ln call(s)", "", int(std::min<qint64>(e.calls, INT_MAX))) + QStringLiteral(" · ")
            + millisText(e.avgLatencyMs);
        d.alert = e.errorRate > kAlertErrorRate;
        d.highlighted = highlighting && pathEdges.contains(e.source + u'\n' + e.target);
        d.dimmed = highlighting && !d.highlighted;
        d.reversed = route.reversed;
        if (route.selfLoop) {
            const QPointF start = sc + QPointF(-sr * 0.5, -sr * 0.87);
            d.tip = sc + QPointF(sr * 0.5, -sr * 0.87);
            const QPointF c1 = start + QPointF(-18, -40);
            const QPointF c2 = d.tip + QPointF(18, -40);
            const QPointF v = d.tip - c2;
            d.direction = v / std::hypot(v.x(), v.y());
            d.path.moveTo(start);
            d.path.cubicTo(c1, c2, d.tip - d.direction * kArrowLength);
            d.labelAt = cubicMidpoint(start, c1, c2, d.tip) + QPointF(0, -8);
        } else if (route.reversed) {
            // A back edge of a cycle: an arc above both nodes, into the target from above.
            const QPointF start = sc - QPointF(0, sr);
            d.tip = tc - QPointF(0, tr_);
            d.direction = QPointF(0, 1);
            const double top = std::min(start.y(), d.tip.y()) - 36 - 0.12 * std::abs(start.x() - d.tip.x());
            const QPointF c1(start.x(), top);
            const QPointF c2(d.tip.x(), top);
            d.path.moveTo(start);
            d.path.cubicTo(c1, c2, d.tip - d.direction * kArrowLength);
            d.labelAt = cubicMidpoint(start, c1, c2, d.tip);
        } else {
            // Left to right through the dummy points, leaving and entering horizontally.
            QList<QPointF> points = route.points;
            points.first() = sc + QPointF(sr, 0);
            d.tip = tc - QPointF(tr_, 0);
            d.direction = QPointF(1, 0);
            points.last() = d.tip - d.direction * kArrowLength;
            d.path.moveTo(points.first());
            for (int i = 1; i < points.size(); ++i) {
                const double mx = (points[i - 1].x() + points[i].x()) / 2;
                d.path.cubicTo(QPointF(mx, points[i - 1].y()), QPointF(mx, points[i].y()), points[i]);
            }
            // On the middle point, or half way along the middle segment (where the cubic's
            // midpoint is the segment's midpoint, by symmetry).
            const int k = int(points.size());
            d.labelAt = k % 2 == 1 ? points[k / 2] : (points[k / 2 - 1] + points[k / 2]) / 2;
        }
        bounds |= d.path.boundingRect();
        bounds |= QRectF(d.labelAt - QPointF(70, 10), QSizeF(140, 20));
        edges.append(d);
    }

    const QPointF shift(std::max(0.0, kPadding - bounds.left()), std::max(0.0, kPadding - bounds.top()));
    for (DependencyNodeRow &row : rows) {
        row.x += shift.x();
        row.y += shift.y();
    }
    for (EdgeDrawing &d : edges) {
        d.path.translate(shift);
        d.tip += shift;
        d.labelAt += shift;
    }
    m_contentSize = graph.nodes.isEmpty()
        ? QSizeF()
        : QSizeF(bounds.right() + shift.x() + kPadding, bounds.bottom() + shift.y() + kPadding);
    m_nodes->setNodes(rows);
    m_edges = edges;
    Q_EMIT graphChanged();
}

QString DependenciesPage::emptyText() const
{
    if (!controller()->isConnected())
        return tr("Not connected to a server.");
    if (!isLoaded())
        return tr("Loading the dependency graph…");
    if (m_snapshot.graph.nodes.isEmpty())
        return tr("No calls between services in this time range.");
    return {};
}

QString DependenciesPage::selectedKind() const
{
    const DependencyNode *n = m_selectedId.isEmpty() ? nullptr : m_snapshot.graph.node(m_selectedId);
    if (!n)
        return {};
    return n->external ? tr("External system") : tr("Service");
}

QString DependenciesPage::selectedSummary() const
{
    if (!impactLoaded())
        return {};
    const DependencyNode &n = m_snapshot.impact->node;
    return tr("%Ln request(s)", "", int(std::min<qint64>(n.requests, INT_MAX))) + QStringLiteral(" · ")
        + tr("avg %1").arg(millisText(n.avgLatencyMs)) + QStringLiteral(" · ")
        + tr("self %1").arg(millisText(n.selfTimeMs)) + QStringLiteral(" · ")
        + tr("%1 errors").arg(percentText(n.errorRate));
}

QString DependenciesPage::impactScoreText() const
{
    return impactLoaded() ? percentText(m_snapshot.impact->impactScore) : QString();
}

QString DependenciesPage::dependentsText() const
{
    return impactLoaded() ? joinedOrNone(m_snapshot.impact->dependents) : QString();
}

QString DependenciesPage::transitiveDependentsText() const
{
    return impactLoaded() ? joinedOrNone(m_snapshot.impact->transitiveDependents) : QString();
}

QString DependenciesPage::dependenciesText() const
{
    return impactLoaded() ? joinedOrNone(m_snapshot.impact->dependencies) : QString();
}

} // namespace spanlight
