#include "rollupsums.h"

#include "rowcodec.h"

namespace spanlight::storage {

bool isEntrySpan(const Span &s)
{
    return s.kind == SpanKind::Server || s.kind == SpanKind::Consumer || s.isRoot();
}

QMap<qint64, RequestSums> requestSums(const QHash<RollupKey, RollupCounts> &rollups,
    const QHash<RollupKey, LatencyHistogram> &histograms, qint64 (*floor)(qint64))
{
    QMap<qint64, RequestSums> out;
    for (auto it = rollups.cbegin(); it != rollups.cend(); ++it)
        if (it.key().entry)
            out[floor(it.key().minuteNs)].counts.add(it.value());
    for (auto it = histograms.cbegin(); it != histograms.cend(); ++it)
        if (it.key().entry)
            out[floor(it.key().minuteNs)].histogram.merge(it.value());
    return out;
}

qint64 sameMinute(qint64 minuteNs)
{
    return minuteNs;
}

void SpanSums::addSpan(const Span &span)
{
    const bool failed = isErrorSpan(span);
    const qint64 durationNs = rollupDurationNs(span);
    RollupKey key { nonNull(span.serviceName), minuteOf(span.startTimeUnixNano), nonNull(span.name),
        int(span.kind), isEntrySpan(span) ? 1 : 0 };
    RollupCounts &counts = rollups[key];
    ++counts.spans;
    counts.errors += failed ? 1 : 0;
    counts.durationSumNs += durationNs;
    counts.durationMaxNs = std::max(counts.durationMaxNs, durationNs);
    counts.lastStartNs
        = counts.spans == 1 ? span.startTimeUnixNano : std::max(counts.lastStartNs, span.startTimeUnixNano);
    key.kind = 0;
    histograms[key].record(durationNs);
}

void SpanSums::addError(const Span &span, const QString &type, const QString &fingerprint)
{
    ErrorGroupCounts &group = errorGroups[{ fingerprint, nonNull(span.serviceName), type, span.isRoot() ? 1 : 0,
        int(span.kind), hourOf(span.startTimeUnixNano) }];
    group.lastNs = group.count == 0 ? span.startTimeUnixNano : std::max(group.lastNs, span.startTimeUnixNano);
    ++group.count;
}

} // namespace spanlight::storage
