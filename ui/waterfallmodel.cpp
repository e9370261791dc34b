#include "waterfallmodel.h"

#include "core/ids.h"
#include "displaytext.h"

#include <QVariantMap>

#include <algorithm>

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
    const int s = m_visible[index.row()];
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
        return view.depth;
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
        return m_subtreeEnd[s] > s + 1;
    case ExpandedRole:
        return isExpanded(s);
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
    };
}

void WaterfallModel::setTrace(const TraceDetails &details)
{
    beginResetModel();
    if (!m_hasTrace || details.summary.traceId != m_trace.summary.traceId)
        m_collapsed.clear();
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
    m_scale = TimeScale(start, end);

    m_subtreeEnd.resize(spans.size());
    for (int i = 0; i < spans.size(); ++i)
        m_subtreeEnd[i] = i + 1;
    // Tree order keeps every subtree contiguous, so a reverse pass propagates the ends up.
    for (int i = int(spans.size()) - 1; i >= 0; --i) {
        const int p = spans[i].parentIndex;
        if (p >= 0 && p < i)
            m_subtreeEnd[p] = std::max(m_subtreeEnd[p], m_subtreeEnd[i]);
    }

    QSet<QString> services;
    m_text.clear();
    m_text.reserve(spans.size());
    for (const SpanView &v : spans) {
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
        m_text.append(std::move(t));
        services.insert(v.span.serviceName);
    }
    m_serviceCount = int(services.size());
    rebuildVisible();
    endResetModel();
    Q_EMIT traceChanged();
}

void WaterfallModel::clear()
{
    beginResetModel();
    m_trace = {};
    m_hasTrace = false;
    m_scale = {};
    m_text.clear();
    m_subtreeEnd.clear();
    m_visible.clear();
    m_collapsed.clear();
    m_serviceCount = 0;
    endResetModel();
    Q_EMIT traceChanged();
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
    for (const TimeTick &tick : m_scale.ticks(8)) {
        out.append(QVariantMap{{QStringLiteral("fraction"), tick.fraction},
                               {QStringLiteral("label"), durationText(tick.offsetNs)}});
    }
    return out;
}

bool WaterfallModel::isExpanded(int spanIndex) const
{
    return !m_collapsed.contains(m_trace.spans[spanIndex].span.spanId);
}

void WaterfallModel::appendVisibleSubtree(int spanIndex, QList<int> *out) const
{
    const int end = m_subtreeEnd[spanIndex];
    for (int i = spanIndex + 1; i < end;) {
        out->append(i);
        i = isExpanded(i) ? i + 1 : m_subtreeEnd[i];
    }
}

void WaterfallModel::rebuildVisible()
{
    m_visible.clear();
    for (int i = 0; i < m_trace.spans.size();) {
        m_visible.append(i);
        i = isExpanded(i) ? i + 1 : m_subtreeEnd[i];
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
    if (isExpanded(s) == expanded || m_subtreeEnd[s] == s + 1)
        return;
    const QByteArray &id = m_trace.spans[s].span.spanId;
    if (expanded) {
        m_collapsed.remove(id);
        QList<int> shown;
        appendVisibleSubtree(s, &shown);
        if (!shown.isEmpty()) {
            beginInsertRows({}, row + 1, row + int(shown.size()));
            m_visible.insert(row + 1, shown.size(), 0);
            std::copy(shown.cbegin(), shown.cend(), m_visible.begin() + row + 1);
            endInsertRows();
        }
    } else {
        // Visible descendants are the rows right below whose span lies inside the subtree.
        const auto first = m_visible.cbegin() + row + 1;
        const auto last = std::lower_bound(first, m_visible.cend(), m_subtreeEnd[s]);
        const int n = int(last - first);
        if (n > 0) {
            beginRemoveRows({}, row + 1, row + n);
            m_visible.remove(row + 1, n);
            endRemoveRows();
        }
        m_collapsed.insert(id);
    }
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed, {ExpandedRole});
}

void WaterfallModel::expandAll()
{
    if (m_collapsed.isEmpty())
        return;
    beginResetModel();
    m_collapsed.clear();
    rebuildVisible();
    endResetModel();
}

int WaterfallModel::parentRow(int row) const
{
    if (row < 0 || row >= m_visible.size())
        return -1;
    const int p = m_trace.spans[m_visible[row]].parentIndex;
    if (p < 0)
        return -1;
    // A visible row's ancestors are all visible and expanded.
    const auto it = std::lower_bound(m_visible.cbegin(), m_visible.cend(), p);
    return it != m_visible.cend() && *it == p ? int(it - m_visible.cbegin()) : -1;
}

int WaterfallModel::collapseOrParent(int row)
{
    if (row < 0 || row >= m_visible.size())
        return row;
    const int s = m_visible[row];
    if (m_subtreeEnd[s] > s + 1 && isExpanded(s)) {
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
    if (m_subtreeEnd[s] == s + 1)
        return row;
    if (!isExpanded(s)) {
        setExpanded(row, true);
        return row;
    }
    return row + 1;
}

const SpanView *WaterfallModel::spanAt(int row) const
{
    return row >= 0 && row < m_visible.size() ? &m_trace.spans[m_visible[row]] : nullptr;
}

int WaterfallModel::rowOfSpan(const QByteArray &spanId) const
{
    for (int row = 0; row < m_visible.size(); ++row) {
        if (m_trace.spans[m_visible[row]].span.spanId == spanId)
            return row;
    }
    return -1;
}

int WaterfallModel::rowShowing(const QByteArray &spanId) const
{
    int s = -1;
    for (int i = 0; i < m_trace.spans.size() && s < 0; ++i) {
        if (m_trace.spans[i].span.spanId == spanId)
            s = i;
    }
    for (; s >= 0; s = m_trace.spans[s].parentIndex) {
        const auto it = std::lower_bound(m_visible.cbegin(), m_visible.cend(), s);
        if (it != m_visible.cend() && *it == s)
            return int(it - m_visible.cbegin());
    }
    return -1;
}

} // namespace spanlight
