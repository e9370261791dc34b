#include "traceanalysis.h"

#include "core/timeformat.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <algorithm>

namespace spanlight {

TraceStatus spanStatus(const Span &span)
{
    if (!isErrorSpan(span))
        return TraceStatus::Success;
    return isTimeoutError(span) ? TraceStatus::Timeout : TraceStatus::Error;
}

QString traceStatusName(TraceStatus status)
{
    switch (status) {
    case TraceStatus::Error:
        return QStringLiteral("error");
    case TraceStatus::Timeout:
        return QStringLiteral("timeout");
    case TraceStatus::Success:
        break;
    }
    return QStringLiteral("success");
}

QJsonObject tagsOf(const QJsonObject &attributes)
{
    QJsonObject tags;
    for (auto it = attributes.constBegin(); it != attributes.constEnd(); ++it)
        tags.insert(it.key(), attributeText(it.value()));
    return tags;
}

QList<SpanView> TraceAnalysis::buildTree(QList<Span> spans)
{
    std::sort(spans.begin(), spans.end(), [](const Span &a, const Span &b) {
        return a.startTimeUnixNano != b.startTimeUnixNano ? a.startTimeUnixNano < b.startTimeUnixNano
                                                          : a.spanId < b.spanId;
    });
    QHash<QByteArray, int> byId;
    byId.reserve(spans.size());
    for (int i = 0; i < spans.size(); ++i)
        byId.insert(spans[i].spanId, i);
    // children lists in start order (spans are sorted, so appending keeps the order)
    QList<QList<int>> children(spans.size());
    QList<int> roots;
    for (int i = 0; i < spans.size(); ++i) {
        const auto parent = byId.constFind(spans[i].parentSpanId);
        if (spans[i].parentSpanId.isEmpty() || parent == byId.constEnd() || *parent == i)
            roots.append(i);
        else
            children[*parent].append(i);
    }
    QList<SpanView> out;
    out.reserve(spans.size());
    QList<int> newIndex(spans.size(), -1);
    // Iterative depth-first walk: a trace may be deep, and recursion would risk the stack.
    struct Frame { int span; int depth; int parentOut; };
    QList<Frame> stack;
    for (auto r = roots.crbegin(); r != roots.crend(); ++r)
        stack.append({*r, 0, -1});
    while (!stack.isEmpty()) {
        const Frame f = stack.takeLast();
        if (newIndex[f.span] >= 0)
            continue; // a cycle in broken data
        newIndex[f.span] = int(out.size());
        SpanView view;
        view.span = spans[f.span];
        view.status = spanStatus(view.span);
        view.depth = f.depth;
        view.parentIndex = f.parentOut;
        out.append(std::move(view));
        const QList<int> &kids = children[f.span];
        for (auto c = kids.crbegin(); c != kids.crend(); ++c)
            stack.append({*c, f.depth + 1, newIndex[f.span]});
    }
    // Spans in a parent cycle never reached from a root: keep them as roots.
    for (int i = 0; i < spans.size(); ++i) {
        if (newIndex[i] < 0) {
            SpanView view;
            view.span = spans[i];
            view.status = spanStatus(view.span);
            out.append(std::move(view));
        }
    }
    // Self time: the span's duration minus the union of its children's intervals (clipped to it).
    QList<QList<QPair<qint64, qint64>>> intervals(out.size());
    for (const SpanView &v : out) {
        if (v.parentIndex >= 0)
            intervals[v.parentIndex].append({v.span.startTimeUnixNano, v.span.endTimeUnixNano});
    }
    for (int i = 0; i < out.size(); ++i) {
        const qint64 s = out[i].span.startTimeUnixNano;
        const qint64 e = out[i].span.endTimeUnixNano;
        auto &iv = intervals[i];
        std::sort(iv.begin(), iv.end());
        qint64 covered = 0;
        qint64 curStart = 0, curEnd = -1;
        bool open = false;
        for (auto [a, b] : iv) {
            a = std::clamp(a, s, e);
            b = std::clamp(b, s, e);
            if (!open || a > curEnd) {
                if (open)
                    covered += curEnd - curStart;
                curStart = a;
                curEnd = b;
                open = true;
            } else {
                curEnd = std::max(curEnd, b);
            }
        }
        if (open)
            covered += curEnd - curStart;
        out[i].selfTimeNs = std::max<qint64>(0, (e - s) - covered);
    }
    return out;
}

PerformanceMetrics TraceAnalysis::metricsOf(const QList<SpanView> &spans)
{
    PerformanceMetrics m;
    m.totalSpans = spans.size();
    if (spans.isEmpty())
        return m;
    qint64 sum = 0;
    qint64 slowest = std::numeric_limits<qint64>::min();
    qint64 fastest = std::numeric_limits<qint64>::max();
    for (const SpanView &v : spans) {
        const qint64 d = v.span.durationNano();
        sum += d;
        slowest = std::max(slowest, d);
        fastest = std::min(fastest, d);
        if (v.status != TraceStatus::Success)
            ++m.errorSpans;
    }
    m.averageSpanDurationMs = nanosToMillis(sum) / double(spans.size());
    m.slowestSpanDurationMs = nanosToMillis(slowest);
    m.fastestSpanDurationMs = nanosToMillis(fastest);
    return m;
}

QList<CriticalSegment> TraceAnalysis::criticalPath(const QList<SpanView> &spans)
{
    QList<CriticalSegment> out;
    if (spans.isEmpty())
        return out;
    // The root that bounds the trace: the longest of the roots (orphans are roots too).
    int root = -1;
    for (int i = 0; i < spans.size(); ++i)
        if (spans[i].parentIndex < 0 && (root < 0 || spans[i].span.durationNano() > spans[root].span.durationNano()))
            root = i;
    QList<QList<int>> children(spans.size());
    for (int i = 0; i < spans.size(); ++i)
        if (spans[i].parentIndex >= 0)
            children[spans[i].parentIndex].append(i);
    for (QList<int> &kids : children)
        std::sort(kids.begin(), kids.end(), [&](int a, int b) {
            return spans[a].span.endTimeUnixNano > spans[b].span.endTimeUnixNano;
        });
    // Iterative: deep traces must not exhaust the stack. Segments come out latest first.
    struct Frame { int span; qint64 cursor; qsizetype nextKid; };
    QList<Frame> stack{{root, spans[root].span.endTimeUnixNano, 0}};
    auto emit = [&out](int span, qint64 from, qint64 to) {
        if (from < to)
            out.append({span, from, to});
    };
    while (!stack.isEmpty()) {
        Frame &f = stack.last();
        const Span &self = spans[f.span].span;
        const QList<int> &kids = children[f.span];
        bool descended = false;
        while (f.nextKid < kids.size()) {
            const int k = kids[f.nextKid++];
            const Span &kid = spans[k].span;
            if (kid.startTimeUnixNano >= f.cursor || kid.endTimeUnixNano <= self.startTimeUnixNano)
                continue; // starts after the point we are at, or lies before the span
            const qint64 kidEnd = std::min(kid.endTimeUnixNano, f.cursor);
            emit(f.span, kidEnd, f.cursor);
            f.cursor = std::max(kid.startTimeUnixNano, self.startTimeUnixNano);
            stack.append({k, kidEnd, 0}); // invalidates f
            descended = true;
            break;
        }
        if (descended)
            continue;
        emit(f.span, self.startTimeUnixNano, f.cursor);
        stack.removeLast();
    }
    std::reverse(out.begin(), out.end());
    return out;
}

QList<ServiceTime> TraceAnalysis::serviceBreakdown(const QList<SpanView> &spans, qint64 traceDurationNs)
{
    QHash<QString, ServiceTime> byService;
    for (const SpanView &v : spans) {
        ServiceTime &t = byService[v.span.serviceName];
        t.service = v.span.serviceName;
        t.selfTimeNs += v.selfTimeNs;
        ++t.spans;
    }
    QList<ServiceTime> out = byService.values();
    for (ServiceTime &t : out)
        t.fraction = traceDurationNs > 0 ? double(t.selfTimeNs) / double(traceDurationNs) : 0.0;
    std::sort(out.begin(), out.end(), [](const ServiceTime &a, const ServiceTime &b) {
        return a.selfTimeNs != b.selfTimeNs ? a.selfTimeNs > b.selfTimeNs : a.service < b.service;
    });
    return out;
}

TraceList TraceAnalysis::listTraces(const TraceFilter &filter) const
{
    TraceList list;
    list.result = m_store.searchTraces(filter);
    list.hasMore = qint64(filter.offset) + list.result.traces.size() < list.result.totalCount;
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000000;
    qint64 earliest = now;
    for (const TraceSummary &t : list.result.traces)
        earliest = std::min(earliest, t.startNs);
    list.rangeStartNs = filter.startFromNs.value_or(earliest);
    list.rangeEndNs = filter.startToNs.value_or(now);
    return list;
}

std::optional<TraceDetails> TraceAnalysis::trace(const QByteArray &traceId) const
{
    std::optional<TraceSummary> summary = m_store.traceSummary(traceId);
    if (!summary)
        return std::nullopt;
    TraceDetails details;
    details.summary = *summary;
    details.spans = buildTree(m_store.traceSpans(traceId));
    details.metrics = metricsOf(details.spans);
    details.criticalPath = criticalPath(details.spans);
    details.serviceBreakdown = serviceBreakdown(details.spans, details.summary.durationNs());
    details.note = m_store.traceNote(traceId);
    if (details.note)
        details.summary.note = details.note->text;
    return details;
}

namespace {

// A whole trace's skeleton (Store::traceSkeleton()) as a tree, with what a partial load needs.
struct Skeleton
{
    QList<SpanView> tree;
    QList<QList<int>> children; // per tree index, in start order
    QList<qint64> descendants; // per tree index
    QList<bool> critical; // per tree index: on the critical path
    QList<CriticalSegment> criticalPath;
};

Skeleton skeletonOf(QList<Span> spans)
{
    Skeleton k;
    k.tree = TraceAnalysis::buildTree(std::move(spans));
    const qsizetype n = k.tree.size();
    k.children.resize(n);
    k.descendants.fill(0, n);
    k.critical.fill(false, n);
    for (qsizetype i = 0; i < n; ++i)
        if (k.tree[i].parentIndex >= 0)
            k.children[k.tree[i].parentIndex].append(int(i));
    for (qsizetype i = n - 1; i >= 0; --i) // tree order: children after their parent
        if (k.tree[i].parentIndex >= 0)
            k.descendants[k.tree[i].parentIndex] += k.descendants[i] + 1;
    k.criticalPath = TraceAnalysis::criticalPath(k.tree);
    for (const CriticalSegment &c : std::as_const(k.criticalPath))
        k.critical[c.span] = true;
    return k;
}

// Breadth-first from `first` (always taken): whole sets of children while they fit the budget,
// stopping at the first that does not, so what loads is the top of the tree.
QList<bool> chooseLoaded(const Skeleton &k, const QList<int> &first, int budget)
{
    QList<bool> loaded(k.tree.size(), false);
    QList<int> queue = first;
    for (int i : first)
        loaded[i] = true;
    qint64 count = first.size();
    for (qsizetype q = 0; q < queue.size(); ++q) {
        const QList<int> &kids = k.children[queue[q]];
        if (kids.isEmpty())
            continue;
        if (count + kids.size() > budget)
            break;
        for (int c : kids) {
            loaded[c] = true;
            queue.append(c);
        }
        count += kids.size();
    }
    return loaded;
}

// The loaded spans in tree order with their full payload read from the store; `outIndex` maps
// tree indices to indices in the result.
QList<SpanView> loadedViews(const Store &store, const QByteArray &traceId, const Skeleton &k,
    const QList<bool> &loaded, QList<int> *outIndex)
{
    QList<SpanView> out;
    QList<QByteArray> ids;
    outIndex->fill(-1, k.tree.size());
    for (qsizetype i = 0; i < k.tree.size(); ++i) {
        if (!loaded[i])
            continue;
        SpanView v = k.tree[i];
        v.parentIndex = v.parentIndex >= 0 ? outIndex->at(v.parentIndex) : -1;
        const QList<int> &kids = k.children[i];
        v.unloadedDescendants = !kids.isEmpty() && !loaded[kids.constFirst()] ? k.descendants[i] : 0;
        v.onCriticalPath = k.critical[i];
        (*outIndex)[i] = int(out.size());
        ids.append(v.span.spanId);
        out.append(std::move(v));
    }
    QHash<QByteArray, Span> full;
    full.reserve(ids.size());
    for (Span &s : store.traceSpansByIds(traceId, ids))
        full.insert(s.spanId, std::move(s));
    for (SpanView &v : out) {
        const auto it = full.constFind(v.span.spanId);
        if (it == full.constEnd())
            continue; // deleted meanwhile: the skeleton's fields are all there is
        v.span = *it;
        v.status = spanStatus(v.span);
    }
    return out;
}

} // namespace

std::optional<TraceDetails> TraceAnalysis::trace(const QByteArray &traceId, int spanBudget) const
{
    const std::optional<TraceSummary> summary = m_store.traceSummary(traceId);
    if (!summary)
        return std::nullopt;
    if (spanBudget <= 0 || summary->spanCount <= spanBudget)
        return trace(traceId);
    Skeleton k = skeletonOf(m_store.traceSkeleton(traceId));
    if (k.tree.size() <= spanBudget)
        return trace(traceId);
    QList<int> roots;
    for (qsizetype i = 0; i < k.tree.size(); ++i)
        if (k.tree[i].parentIndex < 0)
            roots.append(int(i));
    QList<int> outIndex;
    TraceDetails details;
    details.partial = true;
    details.summary = *summary;
    details.spans = loadedViews(m_store, traceId, k, chooseLoaded(k, roots, spanBudget), &outIndex);
    details.metrics = metricsOf(k.tree);
    for (const CriticalSegment &c : std::as_const(k.criticalPath))
        if (outIndex[c.span] >= 0)
            details.criticalPath.append({outIndex[c.span], c.startNs, c.endNs});
    details.serviceBreakdown = serviceBreakdown(k.tree, details.summary.durationNs());
    details.note = m_store.traceNote(traceId);
    if (details.note)
        details.summary.note = details.note->text;
    return details;
}

std::optional<TraceSubtree> TraceAnalysis::subtree(const QByteArray &traceId, const QByteArray &spanId, int spanBudget) const
{
    Skeleton k = skeletonOf(m_store.traceSkeleton(traceId));
    qsizetype parent = -1;
    for (qsizetype i = 0; i < k.tree.size() && parent < 0; ++i)
        if (k.tree[i].span.spanId == spanId)
            parent = i;
    if (parent < 0)
        return std::nullopt;
    TraceSubtree out;
    out.traceId = traceId;
    out.parentSpanId = spanId;
    QList<int> outIndex;
    out.spans = loadedViews(m_store, traceId, k, chooseLoaded(k, k.children[parent], spanBudget), &outIndex);
    return out;
}

QString TraceAnalysis::noteProblem(const QString &text)
{
    if (text.trimmed().isEmpty())
        return QStringLiteral("must not be empty");
    const qsizetype bytes = text.toUtf8().size();
    if (bytes > kMaxNoteBytes)
        return QStringLiteral("must be at most %1 bytes of UTF-8, got %2").arg(kMaxNoteBytes).arg(bytes);
    return {};
}

NoteChange TraceAnalysis::setNote(
    const QByteArray &traceId, const QString &text, const QString &author, QString *error) const
{
    if (const QString problem = noteProblem(text); !problem.isEmpty()) {
        if (error)
            *error = QStringLiteral("the note ") + problem;
        return NoteChange::Failed;
    }
    return m_store.setTraceNote(traceId, text, author, error);
}

NoteChange TraceAnalysis::deleteNote(const QByteArray &traceId, QString *error) const
{
    if (!m_store.traceSummary(traceId))
        return NoteChange::NoTrace;
    return m_store.deleteTraceNote(traceId, error);
}

QString TraceAnalysis::noteExcerpt(const QString &text, qsizetype maxChars)
{
    QString line = text.trimmed();
    const qsizetype end = line.indexOf(u'\n');
    const bool more = end >= 0;
    if (more)
        line = line.left(end).trimmed();
    if (line.size() > maxChars)
        return line.left(std::max<qsizetype>(0, maxChars - 1)) + u'…';
    return more ? line + u'…' : line;
}

} // namespace spanlight
