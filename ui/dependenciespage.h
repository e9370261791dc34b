#pragma once

#include "consolepage.h"
#include "dependencymodels.h"
#include "graphlayout.h"

#include <QPainterPath>

namespace spanlight {

// What the dependencies page asks for in one query: the graph of the window, its layout
// (computed on the worker thread too) and the impact of the selected node.
struct DependencySnapshot
{
    DependencyGraph graph;
    GraphLayout layout;
    QString impactFor; // the node name the impact was asked for; empty: none selected
    std::optional<DependencyImpact> impact;
};

// One edge as DependencyEdges draws it, in graph coordinates.
struct EdgeDrawing
{
    QString source; // node ids
    QString target;
    QPainterPath path; // from the source's border to the arrow's tip
    QPointF tip; // where the arrow head touches the target
    QPointF direction; // unit vector the arrow head points along
    QPointF labelAt; // centre of the label
    QString label; // "120 calls · 3.4 ms"
    bool alert = false; // error rate above kAlertErrorRate
    bool highlighted = false; // on a critical path through the selected node
    bool dimmed = false;
    bool reversed = false; // a back edge of a cycle, drawn right to left below the nodes
};

// The dependencies page: the service graph of a time range, laid out by GraphLayout (left to
// right, callers first); nodes sized by requests and coloured by service, edges labelled with
// calls and latency. Selecting a node asks for its impact (dependents, transitive dependents,
// impact score, the critical paths through it) and highlights those paths.
class DependenciesPage : public ConsolePage
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("DependenciesPage is owned by ConsoleController")
    Q_PROPERTY(spanlight::DependencyNodeModel *nodes READ nodes CONSTANT)
    Q_PROPERTY(spanlight::CriticalPathModel *paths READ paths CONSTANT)
    Q_PROPERTY(double contentWidth READ contentWidth NOTIFY graphChanged)
    Q_PROPERTY(double contentHeight READ contentHeight NOTIFY graphChanged)
    Q_PROPERTY(int edgeCount READ edgeCount NOTIFY graphChanged)
    Q_PROPERTY(QString emptyText READ emptyText NOTIFY graphChanged)
    Q_PROPERTY(QString selectedId READ selectedId NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedName READ selectedName NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedKind READ selectedKind NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedSummary READ selectedSummary NOTIFY impactChanged)
    Q_PROPERTY(bool impactLoaded READ impactLoaded NOTIFY impactChanged)
    Q_PROPERTY(double impactScore READ impactScore NOTIFY impactChanged)
    Q_PROPERTY(QString impactScoreText READ impactScoreText NOTIFY impactChanged)
    Q_PROPERTY(QString dependentsText READ dependentsText NOTIFY impactChanged)
    Q_PROPERTY(QString transitiveDependentsText READ transitiveDependentsText NOTIFY impactChanged)
    Q_PROPERTY(QString dependenciesText READ dependenciesText NOTIFY impactChanged)
public:
    explicit DependenciesPage(ConsoleController *controller);

    DependencyNodeModel *nodes() const { return m_nodes; }
    CriticalPathModel *paths() const { return m_paths; }
    double contentWidth() const { return m_contentSize.width(); }
    double contentHeight() const { return m_contentSize.height(); }
    int edgeCount() const { return int(m_edges.size()); }
    const QList<EdgeDrawing> &edgeDrawings() const { return m_edges; }
    QString emptyText() const;

    QString selectedId() const { return m_selectedId; }
    QString selectedName() const { return m_selectedName; }
    QString selectedKind() const;
    QString selectedSummary() const;
    bool impactLoaded() const { return m_snapshot.impact && m_snapshot.impactFor == m_selectedName; }
    double impactScore() const { return impactLoaded() ? m_snapshot.impact->impactScore : 0.0; }
    QString impactScoreText() const;
    QString dependentsText() const;
    QString transitiveDependentsText() const;
    QString dependenciesText() const;

    // A node's diameter from its share of the busiest node's requests (area grows with traffic).
    static double nodeDiameter(qint64 requests, qint64 maxRequests);
    static GraphLayout layoutOf(const DependencyGraph &graph);
    // The worker-thread half, public for tests.
    static DependencySnapshot query(
        const TraceSource &source, const TimeWindow &window, const QString &impactFor);
    void apply(const DependencySnapshot &snapshot);

    Q_INVOKABLE void selectNode(const QString &id); // empty clears
    Q_INVOKABLE void clearSelection() { selectNode({}); }

Q_SIGNALS:
    void graphChanged(); // nodes, edges or their highlighting
    void selectionChanged();
    void impactChanged();

protected:
    bool startQuery(const TimeWindow &window) override;

private:
    void rebuild();

    DependencyNodeModel *m_nodes;
    CriticalPathModel *m_paths;
    DependencySnapshot m_snapshot;
    QList<EdgeDrawing> m_edges;
    QSizeF m_contentSize;
    QString m_selectedId;
    QString m_selectedName;
};

} // namespace spanlight
