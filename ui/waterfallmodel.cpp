#include "waterfallmodel.h"

#include "core/ids.h"
#include "displaytext.h"

#include <QVariantMap>

#include <algorithm>
#include <climits>
#include <cmath>

namespace spanlight {

WaterfallModel::WaterfallModel(QObject *parent) : QAbstractListModel(parent) { }

int WaterfallModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

QVariant WaterfallModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int n = m_visible[index.row()];
    const Node &node = m_nodes[n];
    if (node.more >= 0) {
        const int count = int(std::min<qint64>(m_trace.spans[node.more].unloadedDescendants, INT_MAX));
        switch (role) {
        case Qt::DisplayRole:
        case NameRole:
            //: A waterfall row standing for the spans below a span that are not loaded yet
            return tr("%n more spans — expand to load", "", count);
        case ParentIndexRole:
            return node.more;
        case DepthRole:
            return node.depth;
        case ServiceColorRole:
            return QColor(Qt::transparent);
        case OffsetFractionRole:
        case WidthFractionRole:
            return 0.0;
        case SpanIdRole:
        case ServiceRole:
        case DurationTextRole:
        case SelfTimeTextRole:
        case StartOffsetTextRole:
        case ErrorTextRole:
            return QString();
        case IsErrorRole:
        case ExpandedRole:
        case IsGroupRole:
        case OnCriticalPathRole:
            return false;
        case HasChildrenRole:
        case IsMoreRole:
            return true;
        case MemberCountRole:
        case ErrorCountRole:
            return 0;
        case MoreCountRole:
            return count;
        default:
            return {};
        }
    }
    if (node.group >= 0) {
        const Group &g = m_groups[node.group];
        const int first = g.members.first();
        switch (role) {
        case Qt::DisplayRole:
        case NameRole:
            return g.label;
        case SpanIdRole:
            return QString();
        case ParentIndexRole:
            return m_trace.spans[first].parentIndex;
        case DepthRole:
            return node.depth;
        case ServiceRole:
            return m_trace.spans[first].span.serviceName;
        case ServiceColorRole:
            return m_text[first].color;
        case OffsetFractionRole:
            return g.offset;
        case WidthFractionRole:
            return g.width;
        case DurationTextRole:
            return g.durationText;
        case SelfTimeTextRole:
            return g.selfTimeText;
        case StartOffsetTextRole:
            return g.startOffsetText;
        case IsErrorRole:
            return g.errors > 0;
        case ErrorTextRole:
            return g.errorText;
        case HasChildrenRole:
            return true;
        case ExpandedRole:
            return isExpanded(n);
        case IsGroupRole:
            return true;
        case MemberCountRole:
            return int(g.members.size());
        case ErrorCountRole:
            return g.errors;
        case OnCriticalPathRole:
            return g.critical;
        case IsMoreRole:
            return false;
        case MoreCountRole:
            return 0;
        default:
            return {};
        }
    }
    const int s = node.span;
    const SpanView &view = m_trace.spans[s];
    const RowText &text = m_text[s];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return view.span.name;
    case SpanIdRole:
        return text.spanIdHex;
    case ParentIndexRole:
        return view.parentIndex;
    case DepthRole:
        return node.depth;
    case ServiceRole:
        return view.span.serviceName;
    case ServiceColorRole:
        return text.color;
    case OffsetFractionRole:
        return text.offset;
    case WidthFractionRole:
        return text.width;
    case DurationTextRole:
        return text.durationText;
    case SelfTimeTextRole:
        return text.selfTimeText;
    case StartOffsetTextRole:
        return text.startOffsetText;
    case IsErrorRole:
        return view.status != TraceStatus::Success;
    case ErrorTextRole:
        return text.errorText;
    case HasChildrenRole:
        return m_nodeEnd[n] > n + 1;
    case ExpandedRole:
        return isExpanded(n);
    case IsGroupRole:
        return false;
    case MemberCountRole:
        return 0;
    case ErrorCountRole:
        return view.status != TraceStatus::Success ? 1 : 0;
    case OnCriticalPathRole:
        return text.critical;
    case IsMoreRole:
        return false;
    case MoreCountRole:
        return 0;
    default:
        return {};
    }
}

QHash<int, QByteArray> WaterfallModel::roleNames() const
{
    return {
        {SpanIdRole, "spanId"},
        {ParentIndexRole, "parentIndex"},
        {DepthRole, "depth"},
        {NameRole, "name"},
        {ServiceRole, "service"},
        {ServiceColorRole, "serviceColor"},
        {OffsetFractionRole, "offsetFraction"},
        {WidthFractionRole, "widthFraction"},
        {DurationTextRole, "durationText"},
        {SelfTimeTextRole, "selfTimeText"},
        {StartOffsetTextRole, "startOffsetText"},
        {IsErrorRole, "isError"},
        {ErrorTextRole, "errorText"},
        {HasChildrenRole, "hasChildren"},
        {ExpandedRole, "expanded"},
        {IsGroupRole, "isGroup"},
        {MemberCountRole, "memberCount"},
        {ErrorCountRole, "errorCount"},
        {OnCriticalPathRole, "onCriticalPath"},
        {IsMoreRole, "isMore"},
        {MoreCountRole, "moreCount"},
    };
}

void WaterfallModel::setTrace(const TraceDetails &details, const QByteArray &reveal)
{
    beginResetModel();
    const bool sameTrace = m_hasTrace && details.summary.traceId == m_trace.summary.traceId;
    if (!sameTrace) {
        m_collapsed.clear();
        m_expandedGroups.clear();
    }
    m_trace = details;
    m_hasTrace = true;

    const QList<SpanView> &spans = m_trace.spans;
    // The scale covers every span, which may reach past the summary (a late span).
    qint64 start = details.summary.startNs;
    qint64 end = details.summary.endNs;
    if (!spans.isEmpty() && end <= start) {
        start = spans.first().span.startTimeUnixNano;
        end = start;
    }
    for (const SpanView &v : spans) {
        start = std::min(start, v.span.startTimeUnixNano);
        end = std::max(end, v.span.endTimeUnixNano);
    }
    const bool wasZoomed = sameTrace && isZoomed();
    m_scale = TimeScale(start, end);
    if (wasZoomed) {
        m_viewStartNs = std::clamp(m_viewStartNs, start, end);
        m_viewEndNs = std::clamp(m_viewEndNs, m_viewStartNs, end);
        if (m_viewEndNs - m_viewStartNs < minimumViewNs()) {
            m_viewStartNs = start;
            m_viewEndNs = end;
        }
    } else {
        m_viewStartNs = start;
        m_viewEndNs = end;
    }

    QSet<QString> services;
    m_text.clear();
    m_text.reserve(spans.size());
    for (const SpanView &v : spans) {
        m_text.append(rowTextOf(v));
        services.insert(v.span.serviceName);
    }
    for (const CriticalSegment &c : details.criticalPath) {
        if (c.span >= 0 && c.span < m_text.size())
            m_text[c.span].critical = true;
    }
    m_serviceCount = int(services.size());
    buildNodes();
    if (const int s = spanIndexOf(reveal); s >= 0) {
        for (int n = m_nodes[m_nodeOfSpan[s]].parent; n >= 0; n = m_nodes[n].parent)
            markExpanded(n, true);
    }
    rebuildVisible();
    endResetModel();
    Q_EMIT traceChanged();
    Q_EMIT viewChanged();
}

WaterfallModel::RowText WaterfallModel::rowTextOf(const SpanView &v) const
{
    RowText t;
    t.spanIdHex = idToHex(v.span.spanId);
    t.durationText = durationText(v.span.durationNano());
    t.selfTimeText = durationText(v.selfTimeNs);
    t.startOffsetText = u'+' + durationText(v.span.startTimeUnixNano - m_scale.startNs());
    if (v.status != TraceStatus::Success) {
        const SpanError e = spanError(v.span);
        t.errorText = e.message.isEmpty() ? e.type : e.type + QStringLiteral(": ") + e.message;
    }
    t.color = serviceColor(v.span.serviceName);
    t.offset = m_scale.fractionAt(v.span.startTimeUnixNano);
    t.width = m_scale.widthFraction(v.span.startTimeUnixNano, v.span.endTimeUnixNano);
    t.critical = v.onCriticalPath; // a partial load marks it per span; a whole one by criticalPath below
    return t;
}

bool WaterfallModel::splice(const TraceSubtree &subtree)
{
    if (!m_hasTrace || subtree.traceId != m_trace.summary.traceId)
        return false;
    const int p = spanIndexOf(subtree.parentSpanId);
    if (p < 0 || m_trace.spans[p].unloadedDescendants <= 0)
        return false;
    // The "more" node is the span's only child node: its children load together.
    const int moreRow = rowOfNode(m_nodeOfSpan[p] + 1);
    if (moreRow >= 0) {
        beginRemoveRows({}, moreRow, moreRow);
        m_visible.remove(moreRow);
        endRemoveRows();
    }
    // The span had no loaded children, so its subtree goes right after it in tree order.
    const int at = p + 1;
    const int n = int(subtree.spans.size());
    for (SpanView &v : m_trace.spans)
        if (v.parentIndex >= at)
            v.parentIndex += n;
    for (CriticalSegment &c : m_trace.criticalPath)
        if (c.span >= at)
            c.span += n;
    m_trace.spans[p].unloadedDescendants = 0;
    QList<SpanView> added = subtree.spans;
    QList<RowText> texts;
    texts.reserve(n);
    QSet<QString> services;
    for (const SpanView &v : std::as_const(m_trace.spans))
        services.insert(v.span.serviceName);
    for (SpanView &v : added) {
        v.parentIndex = v.parentIndex < 0 ? p : v.parentIndex + at;
        texts.append(rowTextOf(v));
        services.insert(v.span.serviceName);
    }
    m_trace.spans.insert(at, n, SpanView());
    std::move(added.begin(), added.end(), m_trace.spans.begin() + at);
    m_text.insert(at, n, RowText());
    std::move(texts.begin(), texts.end(), m_text.begin() + at);
    const bool servicesChanged = m_serviceCount != int(services.size());
    m_serviceCount = int(services.size());
    buildNodes();
    rebuildVisible();
    // The rows of the new subtree, if its span is shown expanded: inserted where the "more" row was.
    const int parentNode = m_nodeOfSpan[p];
    const int parentRow = rowOfNode(parentNode);
    if (moreRow >= 0 && parentRow >= 0) {
        const auto first = m_visible.cbegin() + parentRow + 1;
        const auto last = std::lower_bound(first, m_visible.cend(), m_nodeEnd[parentNode]);
        const int shown = int(last - first);
        if (shown > 0) {
            QList<int> all = m_visible;
            m_visible.remove(parentRow + 1, shown);
            beginInsertRows({}, parentRow + 1, parentRow + shown);
            m_visible = std::move(all);
            endInsertRows();
        }
    }
    if (parentRow >= 0) {
        const QModelIndex changed = index(parentRow);
        Q_EMIT dataChanged(changed, changed, {HasChildrenRole, ExpandedRole});
    }
    if (servicesChanged)
        Q_EMIT traceChanged();
    return true;
}

bool WaterfallModel::isMoreRow(int row) const
{
    return row >= 0 && row < m_visible.size() && m_nodes[m_visible[row]].more >= 0;
}

QByteArray WaterfallModel::moreSpanIdAt(int row) const
{
    return isMoreRow(row) ? m_trace.spans[m_nodes[m_visible[row]].more].span.spanId : QByteArray();
}

bool WaterfallModel::requestMore(int node)
{
    if (m_nodes[node].more < 0)
        return false;
    Q_EMIT loadRequested(m_trace.spans[m_nodes[node].more].span.spanId);
    return true;
}

void WaterfallModel::clear()
{
    beginResetModel();
    m_trace = {};
    m_hasTrace = false;
    m_scale = {};
    m_viewStartNs = m_viewEndNs = 0;
    m_text.clear();
    m_nodes.clear();
    m_nodeEnd.clear();
    m_nodeOfSpan.clear();
    m_groups.clear();
    m_visible.clear();
    m_collapsed.clear();
    m_expandedGroups.clear();
    m_serviceCount = 0;
    endResetModel();
    Q_EMIT traceChanged();
    Q_EMIT viewChanged();
}

QString WaterfallModel::traceIdHex() const
{
    return m_hasTrace ? idToHex(m_trace.summary.traceId) : QString();
}

QString WaterfallModel::title() const
{
    if (!m_hasTrace)
        return {};
    return m_trace.summary.serviceName + QStringLiteral(": ") + m_trace.summary.operationName;
}

QString WaterfallModel::startText() const
{
    return m_hasTrace ? dateTimeText(m_trace.summary.startNs) : QString();
}

QString WaterfallModel::traceDurationText() const
{
    return m_hasTrace ? durationText(m_scale.durationNs()) : QString();
}

QVariantList WaterfallModel::rulerTicks() const
{
    QVariantList out;
    if (!m_hasTrace)
        return out;
    const qint64 step = TimeScale::niceStep(m_viewEndNs - m_viewStartNs, 8);
    for (const TimeTick &tick : m_scale.ticksBetween(m_viewStartNs, m_viewEndNs, 8)) {
        out.append(QVariantMap{{QStringLiteral("fraction"), tick.fraction},
                               {QStringLiteral("label"), tickText(tick.offsetNs, step)}});
    }
    return out;
}

QVariantList WaterfallModel::serviceBreakdownList() const
{
    QVariantList out;
    for (const ServiceTime &st : m_trace.serviceBreakdown) {
        out.append(QVariantMap{
            {QStringLiteral("service"), st.service},
            {QStringLiteral("color"), serviceColor(st.service)},
            {QStringLiteral("fraction"), st.fraction},
            {QStringLiteral("text"), tr("%1 %2 · %3").arg(st.service, percentText(st.fraction), durationText(st.selfTimeNs))},
        });
    }
    return out;
}

double WaterfallModel::viewStart() const
{
    return m_hasTrace && m_scale.durationNs() > 0 ? m_scale.fractionAt(m_viewStartNs) : 0.0;
}

double WaterfallModel::viewEnd() const
{
    return m_hasTrace && m_scale.durationNs() > 0 ? m_scale.fractionAt(m_viewEndNs) : 1.0;
}

bool WaterfallModel::isZoomed() const
{
    return m_hasTrace && (m_viewStartNs > m_scale.startNs() || m_viewEndNs < m_scale.endNs());
}

QString WaterfallModel::viewText() const
{
    if (!isZoomed())
        return {};
    const qint64 step = TimeScale::niceStep(m_viewEndNs - m_viewStartNs, 8);
    return tr("showing %1 – %2 of %3")
        .arg(tickText(m_viewStartNs - m_scale.startNs(), step / 10), tickText(m_viewEndNs - m_scale.startNs(), step / 10),
             durationText(m_scale.durationNs()));
}

qint64 WaterfallModel::minimumViewNs() const
{
    return std::min(m_scale.durationNs(), std::max<qint64>(10, m_scale.durationNs() / 100000));
}

void WaterfallModel::setViewNs(qint64 startNs, qint64 endNs)
{
    const qint64 duration = m_scale.durationNs();
    if (!m_hasTrace || duration <= 0)
        return;
    qint64 width = std::clamp(endNs - startNs, minimumViewNs(), duration);
    // Widen (or narrow) around the asked-for part's centre, then keep it inside the trace.
    const qint64 centre = startNs + (endNs - startNs) / 2;
    qint64 start = centre - width / 2;
    start = std::clamp(start, m_scale.startNs(), m_scale.endNs() - width);
    if (start == m_viewStartNs && start + width == m_viewEndNs)
        return;
    m_viewStartNs = start;
    m_viewEndNs = start + width;
    Q_EMIT viewChanged();
}

void WaterfallModel::setView(double start, double end)
{
    if (!(start <= end) || !std::isfinite(start) || !std::isfinite(end)) // also NaN
        return;
    // Not clamped end by end: a part asked for across an edge keeps its width and is moved
    // inside the trace (setViewNs), so dragging the frame against an edge does not zoom in.
    const double duration = double(m_scale.durationNs());
    const double from = std::clamp(start, -1.0, 2.0) * duration;
    const double to = std::clamp(end, -1.0, 2.0) * duration;
    setViewNs(m_scale.startNs() + qint64(std::llround(from)), m_scale.startNs() + qint64(std::llround(to)));
}

void WaterfallModel::zoomBy(double factor, double anchor)
{
    if (!(factor > 0) || !std::isfinite(factor) || !std::isfinite(anchor))
        return;
    const double a = std::clamp(anchor, 0.0, 1.0);
    // In offsets from the trace's start: absolute nanoseconds do not fit a double's precision.
    const qint64 origin = m_scale.startNs();
    const double width = double(m_viewEndNs - m_viewStartNs);
    const double at = double(m_viewStartNs - origin) + a * width;
    const double newWidth = std::clamp(width / factor, double(minimumViewNs()), double(m_scale.durationNs()));
    const double start = std::clamp(at - a * newWidth, 0.0, double(m_scale.durationNs()) - newWidth);
    const qint64 s = origin + qint64(std::llround(start));
    setViewNs(s, s + qint64(std::llround(newWidth)));
}

void WaterfallModel::panBy(double amount)
{
    if (!std::isfinite(amount))
        return;
    const qint64 width = m_viewEndNs - m_viewStartNs;
    const qint64 shift = qint64(std::llround(amount * double(width)));
    const qint64 start = std::clamp(m_viewStartNs + shift, m_scale.startNs(), m_scale.endNs() - width);
    setViewNs(start, start + width);
}

void WaterfallModel::resetView()
{
    setViewNs(m_scale.startNs(), m_scale.endNs());
}

void WaterfallModel::zoomToRow(int row)
{
    if (row < 0 || row >= m_visible.size())
        return;
    const Node &node = m_nodes[m_visible[row]];
    qint64 from = 0, to = 0;
    if (node.group >= 0) {
        const QList<int> &members = m_groups[node.group].members;
        from = m_trace.spans[members.first()].span.startTimeUnixNano;
        to = from;
        for (const int m : members) {
            from = std::min(from, m_trace.spans[m].span.startTimeUnixNano);
            to = std::max(to, m_trace.spans[m].span.endTimeUnixNano);
        }
    } else {
        from = m_trace.spans[node.span].span.startTimeUnixNano;
        to = m_trace.spans[node.span].span.endTimeUnixNano;
    }
    const qint64 margin = (to - from) / 20;
    setViewNs(from - margin, to + margin);
}

QList<WaterfallModel::OverviewBar> WaterfallModel::overviewBars() const
{
    QList<OverviewBar> out;
    out.reserve(m_trace.spans.size());
    for (const Node &node : m_nodes) {
        if (node.span < 0)
            continue;
        const RowText &t = m_text[node.span];
        out.append({t.offset, t.width, t.color, m_trace.spans[node.span].status != TraceStatus::Success});
    }
    return out;
}

void WaterfallModel::buildNodes()
{
    const QList<SpanView> &spans = m_trace.spans;
    const int count = int(spans.size());
    m_nodes.clear();
    m_nodes.reserve(count);
    m_groups.clear();
    m_nodeOfSpan.fill(-1, count);

    // Children per span, in tree order (= start order among siblings); index `count` holds the roots.
    QList<int> childStart(count + 2, 0);
    for (int i = 0; i < count; ++i) {
        const int p = spans[i].parentIndex;
        ++childStart[(p >= 0 && p < i ? p : count) + 1];
    }
    for (int i = 1; i < childStart.size(); ++i)
        childStart[i] += childStart[i - 1];
    QList<int> children(count);
    {
        QList<int> fill = childStart;
        for (int i = 0; i < count; ++i) {
            const int p = spans[i].parentIndex;
            children[fill[p >= 0 && p < i ? p : count]++] = i;
        }
    }

    struct Pending
    {
        int span;
        int group;
        int parent;
        int depth;
        int more = -1;
    };
    QList<Pending> stack;
    QList<Pending> items;
    QHash<std::pair<QString, QString>, int> sameName;
    // Pushes the rows for the children of `parentSpan` (-1: the roots) under node `parentNode`.
    const auto pushChildren = [&](int parentSpan, int parentNode, int depth) {
        const int slot = parentSpan >= 0 ? parentSpan : count;
        const int first = childStart[slot];
        const int last = childStart[slot + 1];
        items.clear();
        if (last - first >= kMinGroupSize) {
            sameName.clear();
            for (int c = first; c < last; ++c)
                ++sameName[{spans[children[c]].span.serviceName, spans[children[c]].span.name}];
            QHash<std::pair<QString, QString>, int> groupOf;
            for (int c = first; c < last; ++c) {
                const Span &span = spans[children[c]].span;
                const std::pair<QString, QString> key{span.serviceName, span.name};
                if (sameName.value(key) < kMinGroupSize) {
                    items.append({children[c], -1, parentNode, depth});
                    continue;
                }
                auto it = groupOf.find(key);
                if (it == groupOf.end()) {
                    it = groupOf.insert(key, int(m_groups.size()));
                    Group g;
                    g.key = (parentSpan >= 0 ? spans[parentSpan].span.spanId : QByteArray()) + '\x1f'
                        + span.serviceName.toUtf8() + '\x1f' + span.name.toUtf8();
                    m_groups.append(std::move(g));
                    items.append({-1, *it, parentNode, depth});
                }
                m_groups[*it].members.append(children[c]);
            }
        } else {
            for (int c = first; c < last; ++c)
                items.append({children[c], -1, parentNode, depth});
        }
        for (auto it = items.crbegin(); it != items.crend(); ++it)
            stack.append(*it);
    };

    // Pre-order with an explicit stack: traces can be deeper than the C++ stack allows.
    pushChildren(-1, -1, 0);
    while (!stack.isEmpty()) {
        const Pending p = stack.takeLast();
        const int n = int(m_nodes.size());
        m_nodes.append({p.span, p.group, p.parent, p.depth, p.more});
        if (p.more >= 0)
            continue;
        if (p.span >= 0) {
            m_nodeOfSpan[p.span] = n;
            if (spans[p.span].unloadedDescendants > 0 && childStart[p.span + 1] == childStart[p.span])
                stack.append({-1, -1, n, p.depth + 1, p.span}); // popped next: the node right after
            else
                pushChildren(p.span, n, p.depth + 1);
        } else {
            const QList<int> &members = m_groups[p.group].members;
            for (auto it = members.crbegin(); it != members.crend(); ++it)
                stack.append({*it, -1, n, p.depth + 1});
        }
    }

    m_nodeEnd.resize(m_nodes.size());
    for (int i = 0; i < m_nodes.size(); ++i)
        m_nodeEnd[i] = i + 1;
    // Display order keeps every subtree contiguous, so a reverse pass propagates the ends up.
    for (int i = int(m_nodes.size()) - 1; i >= 0; --i) {
        const int p = m_nodes[i].parent;
        if (p >= 0)
            m_nodeEnd[p] = std::max(m_nodeEnd[p], m_nodeEnd[i]);
    }

    for (Group &g : m_groups) {
        const Span &first = spans[g.members.first()].span;
        qint64 total = 0;
        qint64 self = 0;
        qint64 start = first.startTimeUnixNano;
        qint64 end = first.endTimeUnixNano;
        for (const int m : std::as_const(g.members)) {
            const SpanView &v = spans[m];
            total += v.span.durationNano();
            self += v.selfTimeNs;
            start = std::min(start, v.span.startTimeUnixNano);
            end = std::max(end, v.span.endTimeUnixNano);
            if (v.status != TraceStatus::Success)
                ++g.errors;
            g.critical = g.critical || m_text[m].critical;
        }
        //: A row standing for repeated sibling spans: operation name and how many
        g.label = tr("%1 × %2").arg(first.name).arg(g.members.size());
        //: The summed duration of a group of repeated spans
        g.durationText = tr("%1 total").arg(durationText(total));
        g.selfTimeText = durationText(self);
        g.startOffsetText = u'+' + durationText(start - m_scale.startNs());
        if (g.errors > 0)
            g.errorText = tr("%n of %1 failed", "", g.errors).arg(g.members.size());
        //: The span details of a group row: members, operation, service, summed duration, extent
        g.summary = tr("%1 %2 spans of %3: %4 in total over %5").arg(g.members.size()).arg(first.name,
            first.serviceName, durationText(total), durationText(end - start));
        if (g.errors > 0)
            g.summary += QStringLiteral(", ") + g.errorText;
        //: After a group's summary: the details shown are of its first member
        g.summary += tr("; below, the first of them");
        g.offset = m_scale.fractionAt(start);
        g.width = m_scale.widthFraction(start, end);
    }
}

QString WaterfallModel::groupSummary(int row) const
{
    if (row < 0 || row >= m_visible.size())
        return {};
    const Node &node = m_nodes[m_visible[row]];
    if (node.more >= 0) {
        const SpanView &v = m_trace.spans[node.more];
        //: The span details of a "more" row: how many spans below which span are not loaded yet
        return tr("%n spans below %1 are not loaded yet; press Enter to load them", "",
            int(std::min<qint64>(v.unloadedDescendants, INT_MAX))).arg(v.span.name);
    }
    return node.group >= 0 ? m_groups[node.group].summary : QString();
}

int WaterfallModel::spanIndexOf(const QByteArray &spanId) const
{
    if (spanId.isEmpty())
        return -1;
    for (int i = 0; i < m_trace.spans.size(); ++i) {
        if (m_trace.spans[i].span.spanId == spanId)
            return i;
    }
    return -1;
}

int WaterfallModel::rowOfNode(int node) const
{
    const auto it = std::lower_bound(m_visible.cbegin(), m_visible.cend(), node);
    return it != m_visible.cend() && *it == node ? int(it - m_visible.cbegin()) : -1;
}

bool WaterfallModel::isExpanded(int node) const
{
    const Node &n = m_nodes[node];
    if (n.more >= 0)
        return false;
    if (n.group >= 0)
        return m_expandedGroups.contains(m_groups[n.group].key);
    return !m_collapsed.contains(m_trace.spans[n.span].span.spanId);
}

void WaterfallModel::markExpanded(int node, bool expanded)
{
    const Node &n = m_nodes[node];
    if (n.more >= 0)
        return;
    if (n.group >= 0) {
        if (expanded)
            m_expandedGroups.insert(m_groups[n.group].key);
        else
            m_expandedGroups.remove(m_groups[n.group].key);
    } else if (expanded) {
        m_collapsed.remove(m_trace.spans[n.span].span.spanId);
    } else {
        m_collapsed.insert(m_trace.spans[n.span].span.spanId);
    }
}

void WaterfallModel::appendVisibleSubtree(int node, QList<int> *out) const
{
    const int end = m_nodeEnd[node];
    for (int i = node + 1; i < end;) {
        out->append(i);
        i = isExpanded(i) ? i + 1 : m_nodeEnd[i];
    }
}

void WaterfallModel::rebuildVisible()
{
    m_visible.clear();
    for (int i = 0; i < m_nodes.size();) {
        m_visible.append(i);
        i = isExpanded(i) ? i + 1 : m_nodeEnd[i];
    }
}

void WaterfallModel::toggle(int row)
{
    if (row >= 0 && row < m_visible.size())
        setExpanded(row, !isExpanded(m_visible[row]));
}

void WaterfallModel::setExpanded(int row, bool expanded)
{
    if (row < 0 || row >= m_visible.size())
        return;
    const int s = m_visible[row];
    if (expanded && requestMore(s))
        return;
    if (isExpanded(s) == expanded || m_nodeEnd[s] == s + 1)
        return;
    if (expanded) {
        markExpanded(s, true);
        QList<int> shown;
        appendVisibleSubtree(s, &shown);
        if (!shown.isEmpty()) {
            beginInsertRows({}, row + 1, row + int(shown.size()));
            m_visible.insert(row + 1, shown.size(), 0);
            std::copy(shown.cbegin(), shown.cend(), m_visible.begin() + row + 1);
            endInsertRows();
        }
    } else {
        // Visible descendants are the rows right below whose node lies inside the subtree.
        const auto first = m_visible.cbegin() + row + 1;
        const auto last = std::lower_bound(first, m_visible.cend(), m_nodeEnd[s]);
        const int n = int(last - first);
        if (n > 0) {
            beginRemoveRows({}, row + 1, row + n);
            m_visible.remove(row + 1, n);
            endRemoveRows();
        }
        markExpanded(s, false);
    }
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed, {ExpandedRole});
}

void WaterfallModel::expandAll()
{
    bool folded = !m_collapsed.isEmpty();
    for (int i = 0; i < m_nodes.size() && !folded; ++i)
        folded = m_nodes[i].more < 0 && !isExpanded(i);
    if (!folded)
        return;
    beginResetModel();
    m_collapsed.clear();
    for (const Group &g : std::as_const(m_groups))
        m_expandedGroups.insert(g.key);
    rebuildVisible();
    endResetModel();
}

int WaterfallModel::parentRow(int row) const
{
    if (row < 0 || row >= m_visible.size())
        return -1;
    const int p = m_nodes[m_visible[row]].parent;
    // A visible row's ancestors are all visible and expanded.
    return p >= 0 ? rowOfNode(p) : -1;
}

int WaterfallModel::collapseOrParent(int row)
{
    if (row < 0 || row >= m_visible.size())
        return row;
    const int s = m_visible[row];
    if (m_nodeEnd[s] > s + 1 && isExpanded(s)) {
        setExpanded(row, false);
        return row;
    }
    const int parent = parentRow(row);
    return parent >= 0 ? parent : row;
}

int WaterfallModel::expandOrChild(int row)
{
    if (row < 0 || row >= m_visible.size())
        return row;
    const int s = m_visible[row];
    if (requestMore(s))
        return row;
    if (m_nodeEnd[s] == s + 1)
        return row;
    if (!isExpanded(s)) {
        setExpanded(row, true);
        return row;
    }
    return row + 1;
}

const SpanView *WaterfallModel::spanAt(int row) const
{
    if (row < 0 || row >= m_visible.size())
        return nullptr;
    const Node &n = m_nodes[m_visible[row]];
    if (n.more >= 0)
        return &m_trace.spans[n.more]; // a "more" row shows the span it belongs to
    return &m_trace.spans[n.group >= 0 ? m_groups[n.group].members.first() : n.span];
}

bool WaterfallModel::isGroupRow(int row) const
{
    return row >= 0 && row < m_visible.size() && m_nodes[m_visible[row]].group >= 0;
}

int WaterfallModel::rowOfSpan(const QByteArray &spanId) const
{
    const int s = spanIndexOf(spanId);
    return s >= 0 ? rowOfNode(m_nodeOfSpan[s]) : -1;
}

int WaterfallModel::rowShowing(const QByteArray &spanId) const
{
    const int s = spanIndexOf(spanId);
    for (int n = s >= 0 ? m_nodeOfSpan[s] : -1; n >= 0; n = m_nodes[n].parent) {
        if (const int row = rowOfNode(n); row >= 0)
            return row;
    }
    return -1;
}

int WaterfallModel::revealSpan(const QByteArray &spanId)
{
    const int s = spanIndexOf(spanId);
    if (s < 0)
        return -1;
    QList<int> above;
    for (int n = m_nodes[m_nodeOfSpan[s]].parent; n >= 0; n = m_nodes[n].parent)
        above.append(n);
    // From the root down, so that each one is visible when it opens.
    for (auto it = above.crbegin(); it != above.crend(); ++it) {
        if (isExpanded(*it))
            continue;
        if (const int row = rowOfNode(*it); row >= 0)
            setExpanded(row, true);
        else
            markExpanded(*it, true);
    }
    return rowOfNode(m_nodeOfSpan[s]);
}

} // namespace spanlight
