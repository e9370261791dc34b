#include "rootcause.h"

#include "core/ids.h"

#include <QHash>
#include <QMap>

#include <algorithm>

namespace spanlight {

namespace {

bool isFailed(const Span &s)
{
    return s.statusCode == StatusCode::Error;
}

RootCauseStep stepOf(const Span &s)
{
    RootCauseStep step;
    step.spanId = s.spanId;
    step.service = s.serviceName;
    step.operation = s.name;
    step.kind = s.kind;
    step.failed = isFailed(s);
    if (step.failed) {
        const SpanError e = spanError(s);
        step.errorType = e.type;
        step.errorMessage = e.message;
    }
    step.durationNs = s.durationNano();
    return step;
}

} // namespace

QList<qsizetype> originChain(const QList<SpanView> &spans, qsizetype start)
{
    if (start < 0 || start >= spans.size())
        return {};
    // Tree order puts parents before children, so one backward pass gives every span the length
    // of its longest chain of failed descendants (0 for a span that did not fail) and the child
    // that starts it.
    QList<int> depth(spans.size(), 0);
    QList<qsizetype> next(spans.size(), -1);
    for (qsizetype i = spans.size() - 1; i >= 0; --i) {
        if (!isFailed(spans[i].span))
            continue;
        depth[i] = std::max(depth[i], 1);
        const qsizetype parent = spans[i].parentIndex;
        if (parent < 0 || !isFailed(spans[parent].span))
            continue;
        // Backwards, so among equal chains the earliest sibling (first in tree order) wins.
        if (depth[i] + 1 >= depth[parent]) {
            depth[parent] = depth[i] + 1;
            next[parent] = i;
        }
    }
    QList<qsizetype> chain { start };
    for (qsizetype at = next[start]; at >= 0 && chain.size() <= spans.size(); at = next[at])
        chain.append(at);
    return chain;
}

std::optional<RootCause> RootCauseAnalysis::rootCause(const QByteArray &traceId, const QByteArray &spanId) const
{
    const std::optional<ErrorRecord> record = m_store.error(traceId, spanId);
    if (!record)
        return std::nullopt;
    RootCause out;
    out.error = *record;
    const QList<SpanView> spans = TraceAnalysis::buildTree(m_store.traceSpans(traceId));
    qsizetype start = -1;
    for (qsizetype i = 0; i < spans.size() && start < 0; ++i)
        if (spans[i].span.spanId == spanId)
            start = i;
    for (qsizetype i : originChain(spans, start))
        out.chain.append(stepOf(spans[i].span));
    if (out.chain.isEmpty()) { // the error row without its span (being deleted): it is its own origin
        RootCauseStep step;
        step.spanId = record->spanId;
        step.service = record->service;
        step.operation = record->operation;
        step.kind = record->kind;
        step.failed = true;
        step.errorType = record->type;
        step.errorMessage = record->message;
        out.chain.append(step);
    }
    return out;
}

ErrorOrigins RootCauseAnalysis::origins(const TimeWindow &window) const
{
    ErrorOrigins out;
    ErrorFilter filter;
    filter.fromNs = window.fromNs;
    filter.toNs = window.toNs - 1;
    for (const ErrorGroup &g : m_store.errorGroups(filter))
        out.totalErrors += g.count;
    // The newest errors, by trace (a trace is read once however many of its spans failed).
    QList<QByteArray> traceOrder;
    QHash<QByteArray, QList<ErrorRecord>> byTrace;
    for (const ErrorRecord &r : m_store.errors(filter, kMaxErrors, 0)) {
        if (!byTrace.contains(r.traceId)) {
            if (traceOrder.size() >= kMaxTraces)
                continue;
            traceOrder.append(r.traceId);
        }
        byTrace[r.traceId].append(r);
    }
    using Key = std::tuple<QString, QString, QString>;
    QMap<Key, ErrorOrigin> groups;
    QHash<QString, qint64> perService;
    for (const QByteArray &traceId : std::as_const(traceOrder)) {
        const QList<SpanView> spans = TraceAnalysis::buildTree(m_store.traceSpans(traceId));
        QHash<QByteArray, qsizetype> index;
        for (qsizetype i = 0; i < spans.size(); ++i)
            index.insert(spans[i].span.spanId, i);
        for (const ErrorRecord &r : byTrace.value(traceId)) {
            const QList<qsizetype> chain = originChain(spans, index.value(r.spanId, -1));
            RootCauseStep origin;
            if (chain.isEmpty()) {
                origin.spanId = r.spanId;
                origin.service = r.service;
                origin.operation = r.operation;
                origin.errorType = r.type;
            } else {
                origin = stepOf(spans[chain.constLast()].span);
            }
            ErrorOrigin &g = groups[Key { origin.service, origin.operation, origin.errorType }];
            g.service = origin.service;
            g.operation = origin.operation;
            g.type = origin.errorType;
            ++g.errors;
            const QString exampleId = idToHex(traceId) + idToHex(origin.spanId);
            if (g.exampleErrorIds.size() < 5 && !g.exampleErrorIds.contains(exampleId))
                g.exampleErrorIds.append(exampleId);
            auto affected = std::find_if(g.affected.begin(), g.affected.end(),
                [&r](const AffectedService &a) { return a.service == r.service; });
            if (affected == g.affected.end())
                affected = g.affected.insert(g.affected.end(), AffectedService { r.service, 0, 0 });
            ++affected->errors;
            ++perService[r.service];
            ++out.analysedErrors;
        }
    }
    for (ErrorOrigin &g : groups) {
        g.share = double(g.errors) / double(out.analysedErrors);
        for (AffectedService &a : g.affected)
            a.share = double(a.errors) / double(perService.value(a.service));
        std::sort(g.affected.begin(), g.affected.end(), [](const AffectedService &a, const AffectedService &b) {
            return a.errors != b.errors ? a.errors > b.errors : a.service < b.service;
        });
        out.origins.append(g);
    }
    std::sort(out.origins.begin(), out.origins.end(), [](const ErrorOrigin &a, const ErrorOrigin &b) {
        return a.errors != b.errors ? a.errors > b.errors
                                    : std::tie(a.service, a.operation, a.type) < std::tie(b.service, b.operation, b.type);
    });
    return out;
}

} // namespace spanlight
