#include "tracecomparison.h"

#include <QHash>

#include <algorithm>
#include <limits>

namespace spanlight {

QString spanPresenceName(SpanPresence presence)
{
    switch (presence) {
    case SpanPresence::OnlyInBaseline:
        return QStringLiteral("only_in_baseline");
    case SpanPresence::OnlyInCandidate:
        return QStringLiteral("only_in_candidate");
    case SpanPresence::Matched:
        break;
    }
    return QStringLiteral("matched");
}

namespace {

ComparedTrace sideOf(const TraceDetails &details)
{
    ComparedTrace side;
    side.traceId = details.summary.traceId;
    side.spanCount = details.spans.size();
    if (details.spans.isEmpty())
        return side;
    if (side.traceId.isEmpty())
        side.traceId = details.spans.first().span.traceId;
    qint64 start = std::numeric_limits<qint64>::max();
    qint64 end = std::numeric_limits<qint64>::min();
    for (const SpanView &v : details.spans) {
        start = std::min(start, v.span.startTimeUnixNano);
        end = std::max(end, v.span.endTimeUnixNano);
    }
    side.durationNs = end - start;
    return side;
}

// Children of every span in tree order (so in start order), the top-level spans last.
QList<QList<int>> childrenOf(const QList<SpanView> &spans)
{
    QList<QList<int>> children(spans.size() + 1);
    for (int i = 0; i < spans.size(); ++i)
        children[spans[i].parentIndex >= 0 ? spans[i].parentIndex : spans.size()].append(i);
    return children;
}

QString pathStep(const Span &span)
{
    return span.serviceName + QStringLiteral(": ") + span.name;
}

// Matching compares service and operation apart: "a: b" + "c" is not "a" + "b: c".
using SpanKey = QPair<QString, QString>;
SpanKey keyOf(const Span &span)
{
    return {span.serviceName, span.name};
}

// One span (or pair of spans) still to visit, with the path of its parent.
struct Visit
{
    int baseline = -1;
    int candidate = -1;
    QStringList parentPath;
};

} // namespace

bool regressionFirst(const SpanDiff &a, const SpanDiff &b)
{
    auto rank = [](SpanPresence p) {
        return p == SpanPresence::Matched ? 0 : p == SpanPresence::OnlyInCandidate ? 1 : 2;
    };
    if (a.presence != b.presence)
        return rank(a.presence) < rank(b.presence);
    if (a.isMatched()) {
        if (a.deltaNs != b.deltaNs)
            return a.deltaNs > b.deltaNs;
    } else {
        const qint64 da = std::max(a.baselineDurationNs, a.candidateDurationNs);
        const qint64 db = std::max(b.baselineDurationNs, b.candidateDurationNs);
        if (da != db)
            return da > db;
    }
    return a.treeOrder < b.treeOrder;
}

TraceComparison compareTraces(const TraceDetails &baseline, const TraceDetails &candidate)
{
    TraceComparison out;
    out.baseline = sideOf(baseline);
    out.candidate = sideOf(candidate);
    const QList<SpanView> &a = baseline.spans;
    const QList<SpanView> &b = candidate.spans;
    const QList<QList<int>> aKids = childrenOf(a);
    const QList<QList<int>> bKids = childrenOf(b);
    out.spans.reserve(std::max(a.size(), b.size()));

    // Pairs the children of a matched pair (or the two top levels): the k-th child of one
    // (service, operation) in A with the k-th of that key in B. Returns the visits in the
    // order of A's children, B's unmatched ones after them.
    auto pairChildren = [&](const QList<int> &inA, const QList<int> &inB, const QStringList &path) {
        QHash<SpanKey, QList<int>> bByKey;
        for (int j : inB)
            bByKey[keyOf(b[j].span)].append(j);
        QHash<SpanKey, int> used;
        QList<bool> bMatched(inB.size(), false);
        QHash<int, int> bPosition;
        for (int k = 0; k < inB.size(); ++k)
            bPosition.insert(inB[k], k);
        QList<Visit> visits;
        visits.reserve(inA.size() + inB.size());
        for (int i : inA) {
            const SpanKey key = keyOf(a[i].span);
            int &n = used[key];
            const QList<int> &same = bByKey.value(key);
            if (n < same.size()) {
                bMatched[bPosition.value(same[n])] = true;
                visits.append({i, same[n], path});
            } else {
                visits.append({i, -1, path});
            }
            ++n;
        }
        for (int k = 0; k < inB.size(); ++k) {
            if (!bMatched[k])
                visits.append({-1, inB[k], path});
        }
        return visits;
    };

    // Depth first with our own stack: traces may be deep.
    QList<Visit> stack = pairChildren(aKids.last(), bKids.last(), {});
    std::reverse(stack.begin(), stack.end());
    while (!stack.isEmpty()) {
        const Visit v = stack.takeLast();
        const Span &span = v.baseline >= 0 ? a[v.baseline].span : b[v.candidate].span;
        SpanDiff d;
        d.path = v.parentPath;
        d.path.append(pathStep(span));
        d.serviceName = span.serviceName;
        d.operationName = span.name;
        d.depth = int(d.path.size()) - 1;
        d.baselineIndex = v.baseline;
        d.candidateIndex = v.candidate;
        d.treeOrder = int(out.spans.size());
        if (v.baseline >= 0)
            d.baselineSpanId = a[v.baseline].span.spanId;
        if (v.candidate >= 0)
            d.candidateSpanId = b[v.candidate].span.spanId;
        QList<Visit> next;
        if (v.baseline >= 0 && v.candidate >= 0) {
            d.presence = SpanPresence::Matched;
            d.baselineDurationNs = a[v.baseline].span.durationNano();
            d.candidateDurationNs = b[v.candidate].span.durationNano();
            d.deltaNs = d.candidateDurationNs - d.baselineDurationNs;
            d.selfDeltaNs = b[v.candidate].selfTimeNs - a[v.baseline].selfTimeNs;
            if (d.baselineDurationNs > 0)
                d.deltaPercent = double(d.deltaNs) * 100.0 / double(d.baselineDurationNs);
            else if (d.deltaNs == 0)
                d.deltaPercent = 0.0;
            ++out.matched;
            next = pairChildren(aKids[v.baseline], bKids[v.candidate], d.path);
        } else if (v.baseline >= 0) {
            d.presence = SpanPresence::OnlyInBaseline;
            d.baselineDurationNs = a[v.baseline].span.durationNano();
            ++out.onlyInBaseline;
            for (int c : aKids[v.baseline])
                next.append({c, -1, d.path});
        } else {
            d.presence = SpanPresence::OnlyInCandidate;
            d.candidateDurationNs = b[v.candidate].span.durationNano();
            ++out.onlyInCandidate;
            for (int c : bKids[v.candidate])
                next.append({-1, c, d.path});
        }
        out.spans.append(std::move(d));
        for (auto it = next.crbegin(); it != next.crend(); ++it)
            stack.append(*it);
    }
    std::stable_sort(out.spans.begin(), out.spans.end(), regressionFirst);
    return out;
}

} // namespace spanlight
