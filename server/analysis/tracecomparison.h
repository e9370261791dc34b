#pragma once

#include "analysis/traceanalysis.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace spanlight {

// Whether a compared span is in both traces or in one of them only.
enum class SpanPresence { Matched, OnlyInBaseline, OnlyInCandidate };
QString spanPresenceName(SpanPresence presence); // "matched", "only_in_baseline", "only_in_candidate"

// One span of a comparison: a pair of matched spans, or a span of one trace with no counterpart.
struct SpanDiff
{
    SpanPresence presence = SpanPresence::Matched;
    QStringList path; // "service: operation" from the top of the tree down to this span
    QString serviceName;
    QString operationName;
    int depth = 0; // path.size() - 1
    int baselineIndex = -1; // in the baseline's TraceDetails::spans; -1 when only in the candidate
    int candidateIndex = -1; // in the candidate's; -1 when only in the baseline
    QByteArray baselineSpanId; // empty when only in the candidate
    QByteArray candidateSpanId; // empty when only in the baseline
    qint64 baselineDurationNs = 0;
    qint64 candidateDurationNs = 0;
    // Matched spans only (0 otherwise): candidate minus baseline.
    qint64 deltaNs = 0;
    qint64 selfDeltaNs = 0;
    std::optional<double> deltaPercent; // of the baseline's duration; none when that is 0 and the delta not
    int treeOrder = 0; // position in a walk of both trees (baseline's order, candidate-only spans after their siblings)

    bool isMatched() const { return presence == SpanPresence::Matched; }
};

// One side of a comparison.
struct ComparedTrace
{
    QByteArray traceId;
    qint64 durationNs = 0;
    qint64 spanCount = 0;
};

struct TraceComparison
{
    ComparedTrace baseline;
    ComparedTrace candidate;
    qint64 matched = 0;
    qint64 onlyInBaseline = 0;
    qint64 onlyInCandidate = 0;
    // Biggest regression first: matched spans by delta (largest increase first, ties in tree
    // order), then spans only in the candidate, then spans only in the baseline, each by
    // duration (longest first, ties in tree order).
    QList<SpanDiff> spans;
};

// The per-span latency diff of two traces (baseline A, candidate B). Spans match by their path
// of (service, operation) from the top of the tree, and among siblings of one path by their
// occurrence in start order: the 3rd `db.query` under `GET /cart` in A is the 3rd in B. Spans
// without a parent in the trace (roots, orphans, several roots) are siblings at the top. A span
// whose parent has no match has none either: its whole subtree is only in its trace.
TraceComparison compareTraces(const TraceDetails &baseline, const TraceDetails &candidate);

// The order of TraceComparison::spans; the console's default sort.
bool regressionFirst(const SpanDiff &a, const SpanDiff &b);

} // namespace spanlight
