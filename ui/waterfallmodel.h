#pragma once

#include "analysis/traceanalysis.h"
#include "timescale.h"

#include <QAbstractListModel>
#include <QColor>
#include <QSet>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace spanlight {

// The waterfall of one trace: a value copy of its spans in tree order (parents before
// children, siblings by start), exposing only the rows not hidden by a collapsed ancestor.
// Bars are placed with fractions of the trace's time span, so the view only multiplies by
// its width. Collapsed spans are remembered by span id, so reloading the same trace (late
// spans arrived) keeps what the user folded.
//
// Repeated siblings (N+1 loops, fan-out) fold into one group row: when at least
// kMinGroupSize children of one parent (or roots of the trace) share service and operation
// name, all of them, not only adjacent runs, become the members of a group placed where its
// first member would be; the members keep their start order below it and the other siblings
// keep theirs. A group row is labelled "<operation> × N", shows the members' summed duration,
// a bar over their wall-clock extent (first start to last end) and the number that failed. It
// is collapsed by default and folds like a span row; expanded groups are remembered by
// (parent span, service, operation).
class WaterfallModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("WaterfallModel is owned by ConsoleController")
    Q_PROPERTY(bool hasTrace READ hasTrace NOTIFY traceChanged)
    Q_PROPERTY(QString traceId READ traceIdHex NOTIFY traceChanged)
    Q_PROPERTY(QString title READ title NOTIFY traceChanged)
    Q_PROPERTY(QString durationText READ traceDurationText NOTIFY traceChanged)
    Q_PROPERTY(QString startText READ startText NOTIFY traceChanged)
    Q_PROPERTY(int spanCount READ spanCount NOTIFY traceChanged)
    Q_PROPERTY(int serviceCount READ serviceCount NOTIFY traceChanged)
    Q_PROPERTY(QVariantList rulerTicks READ rulerTicks NOTIFY viewChanged)
    Q_PROPERTY(QVariantList serviceBreakdown READ serviceBreakdownList NOTIFY traceChanged)
    Q_PROPERTY(double viewStart READ viewStart NOTIFY viewChanged)
    Q_PROPERTY(double viewEnd READ viewEnd NOTIFY viewChanged)
    Q_PROPERTY(bool zoomed READ isZoomed NOTIFY viewChanged)
    Q_PROPERTY(QString viewText READ viewText NOTIFY viewChanged)
public:
    enum Role {
        SpanIdRole = Qt::UserRole + 1, // QString, hex
        ParentIndexRole, // int, tree-order index of the parent span (-1 for roots), not a row
        DepthRole, // int, indentation: 0 for roots, one more below a group row than the span's own depth
        NameRole, // QString
        ServiceRole, // QString
        ServiceColorRole, // QColor, stable per service
        OffsetFractionRole, // double in [0, 1]: span start within the trace
        WidthFractionRole, // double in [0, 1]: span duration / trace duration
        DurationTextRole, // QString, "12.3 ms"
        SelfTimeTextRole, // QString, time not covered by children
        StartOffsetTextRole, // QString, start relative to the trace start, "+1.20 ms"
        IsErrorRole, // bool, error or timeout status
        ErrorTextRole, // QString, "<type>: <message>" for error spans, else empty
        HasChildrenRole, // bool
        ExpandedRole, // bool, false when the span's children are hidden
        IsGroupRole, // bool, a row standing for repeated siblings (then the span roles describe its members)
        MemberCountRole, // int, members of a group row, 0 for span rows
        ErrorCountRole, // int, failed members of a group row; 0 or 1 for span rows
        OnCriticalPathRole, // bool, the span (or one of the group's members) is on the critical path
        IsMoreRole, // bool, a row standing for the unloaded descendants of its parent span (a partial trace)
        MoreCountRole, // int, how many spans a "more" row stands for, 0 for other rows
    };
    Q_ENUM(Role)

    // The fewest same-named siblings that form a group row.
    static constexpr int kMinGroupSize = 5;

    explicit WaterfallModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // `reveal`: a span id whose collapsed ancestors and groups open first (a span asked for by id).
    void setTrace(const TraceDetails &details, const QByteArray &reveal = {});
    void clear();

    bool hasTrace() const { return m_hasTrace; }
    QByteArray traceId() const { return m_trace.summary.traceId; }
    const TraceDetails &details() const { return m_trace; }
    QString traceIdHex() const;
    QString title() const;
    QString traceDurationText() const;
    QString startText() const; // the trace's start, date and time in the display time zone
    int spanCount() const { return int(m_trace.spans.size()); }
    int serviceCount() const { return m_serviceCount; }
    // The marks of the ruler over the shown part of the trace: {fraction (of the shown part), label}.
    QVariantList rulerTicks() const;
    const TimeScale &timeScale() const { return m_scale; }
    // Self time per service, largest first: {service, color, fraction, text} (text: "frontend
    // 41 % · 12.3 ms"), from TraceDetails::serviceBreakdown.
    QVariantList serviceBreakdownList() const;

    // Zoom and pan: the part of the trace the bars show, as fractions of the whole trace
    // (0 and 1 unless zoomed in). The part is kept as times, so a reload of the same trace (late
    // spans arrived) keeps it where it was; another trace shows whole. Bars are still placed with
    // whole-trace fractions; the view maps them with (fraction - viewStart) / (viewEnd - viewStart).
    double viewStart() const;
    double viewEnd() const;
    bool isZoomed() const;
    QString viewText() const; // "showing 12.0 ms – 20.0 ms of 100 ms", empty when not zoomed
    // The narrowest part zooming in can reach: a hundred-thousandth of the trace, at least 10 ns.
    qint64 minimumViewNs() const;
    // Shows [start, end] (fractions of the trace; at least minimumViewNs() and at most the trace
    // wide, around its centre, then moved inside the trace). Nothing happens for a trace of zero length.
    Q_INVOKABLE void setView(double start, double end);
    // Zooms in (factor > 1) or out (< 1), keeping the time at `anchor` (a fraction of the shown
    // part: 0 its left edge, 1 its right edge) where it is.
    Q_INVOKABLE void zoomBy(double factor, double anchor = 0.5);
    // Moves the shown part by `amount` of its own width (negative: earlier), within the trace.
    Q_INVOKABLE void panBy(double amount);
    Q_INVOKABLE void resetView();
    // Shows the row's span (or group's extent) with a little room on both sides.
    Q_INVOKABLE void zoomToRow(int row);

    // Every span of the display tree (ignoring folds), in display order, for the minimap.
    struct OverviewBar
    {
        double offset = 0;
        double width = 0;
        QColor color;
        bool error = false;
    };
    QList<OverviewBar> overviewBars() const;

    // Collapsing hides the row's descendants; expanding shows them again, except those
    // below a descendant that is itself collapsed.
    Q_INVOKABLE void toggle(int row);
    Q_INVOKABLE void setExpanded(int row, bool expanded);
    Q_INVOKABLE void expandAll();
    // Keyboard helpers: Left collapses an expanded row, else moves to the parent; Right
    // expands a collapsed row, else moves to its first child. Both return the new current row.
    Q_INVOKABLE int collapseOrParent(int row);
    Q_INVOKABLE int expandOrChild(int row);
    Q_INVOKABLE int parentRow(int row) const; // -1 for roots

    // Expands every collapsed ancestor and group above the span; returns its row, -1 when absent.
    int revealSpan(const QByteArray &spanId);

    // A partial trace (TraceDetails::partial) shows, below each loaded span whose descendants are
    // not loaded, a "more" row: "240 more spans — expand to load". Expanding it (toggle(),
    // setExpanded(), expandOrChild(): Enter, Space, Right, a double click) emits loadRequested()
    // with the span's id; the controller fetches the subtree on its worker and splices it in:
    // splice() replaces the "more" row with the subtree's rows (a row removal and a row insertion,
    // no reset, so the selection and the view stay). False when the subtree does not fit (another
    // trace, a span that is unknown or already loaded).
    bool splice(const TraceSubtree &subtree);
    bool isMoreRow(int row) const;
    QByteArray moreSpanIdAt(int row) const; // the span whose descendants a "more" row stands for
    bool isPartial() const { return m_trace.partial; }
    int loadedSpanCount() const { return int(m_trace.spans.size()); }

    // Null when out of range; for a group row its first member, the span the details show.
    const SpanView *spanAt(int row) const;
    bool isGroupRow(int row) const;
    // For a group row, what it stands for ("240 db.query spans of postgres: 60.0 ms in total over
    // 119.8 ms, 2 failed; below, the first of them"), for the span details; empty for a span row.
    QString groupSummary(int row) const;
    int rowOfSpan(const QByteArray &spanId) const; // -1 when absent or hidden (a group row is not its members' row)
    // The row of the span or, when a collapsed ancestor hides it, of its nearest visible ancestor.
    int rowShowing(const QByteArray &spanId) const;

Q_SIGNALS:
    void traceChanged();
    void loadRequested(const QByteArray &spanId);
    void viewChanged();

private:
    // One row of the full display tree: a span or a group of repeated siblings.
    struct Node
    {
        int span = -1; // index in m_trace.spans, -1 for a group
        int group = -1; // index in m_groups, -1 for a span
        int parent = -1; // node index
        int depth = 0;
        int more = -1; // for a "more" row: index in m_trace.spans of the span whose descendants are unloaded
    };
    struct Group
    {
        QList<int> members; // span indices, start order
        QByteArray key; // parent span id, service, operation: remembers expansion across reloads
        QString label;
        QString durationText;
        QString selfTimeText;
        QString startOffsetText;
        QString errorText;
        QString summary; // groupSummary()
        double offset = 0;
        double width = 0;
        int errors = 0;
        bool critical = false;
    };
    struct RowText
    {
        QString spanIdHex;
        QString durationText;
        QString selfTimeText;
        QString startOffsetText;
        QString errorText;
        QColor color;
        double offset = 0;
        double width = 0;
        bool critical = false;
    };
    bool isExpanded(int node) const;
    void markExpanded(int node, bool expanded);
    void appendVisibleSubtree(int node, QList<int> *out) const; // the node's visible descendants
    void rebuildVisible();
    void buildNodes();
    int rowOfNode(int node) const; // -1 when hidden
    RowText rowTextOf(const SpanView &view) const;
    bool requestMore(int node); // emits loadRequested() for a "more" node
    int spanIndexOf(const QByteArray &spanId) const;

    TraceDetails m_trace;
    bool m_hasTrace = false;
    TimeScale m_scale;
    qint64 m_viewStartNs = 0; // the shown part, within m_scale
    qint64 m_viewEndNs = 0;
    void setViewNs(qint64 startNs, qint64 endNs);
    QList<RowText> m_text; // per span, parallel to m_trace.spans
    QList<Node> m_nodes; // display order: parents before children, groups before their members
    QList<int> m_nodeEnd; // per node: one past its last descendant
    QList<int> m_nodeOfSpan; // per span
    QList<Group> m_groups;
    QList<int> m_visible; // row -> node index, ascending
    QSet<QByteArray> m_collapsed; // span ids
    QSet<QByteArray> m_expandedGroups; // Group::key
    int m_serviceCount = 0;
};

} // namespace spanlight
