#pragma once

#include "core/spanerror.h"
#include "storage/store.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace spanlight {

// Status of one span as the API and the console name it.
TraceStatus spanStatus(const Span &span);
QString traceStatusName(TraceStatus status); // "success", "error", "timeout"


// An attribute value as the API's string-valued `tags` show it.
QJsonObject tagsOf(const QJsonObject &attributes); // every value through attributeText

// One span with what the views derive from it; spans of a trace come in tree order
// (parents before children, siblings by start time) with their depth.
struct SpanView
{
    Span span;
    TraceStatus status = TraceStatus::Success;
    int depth = 0;
    int parentIndex = -1; // index in TraceDetails::spans, -1 for roots and orphans
    qint64 selfTimeNs = 0; // duration not covered by children
    // Only in a partial load (TraceAnalysis::trace() with a span budget, subtree()): the
    // descendants of this span that are not loaded (all of them or none: a span's children are
    // loaded together), and whether the span is on the whole trace's critical path.
    qint64 unloadedDescendants = 0;
    bool onCriticalPath = false;
};

struct PerformanceMetrics
{
    qint64 totalSpans = 0;
    qint64 errorSpans = 0;
    double averageSpanDurationMs = 0;
    double slowestSpanDurationMs = 0;
    double fastestSpanDurationMs = 0;
};

// One stretch of the critical path: the time in [startNs, endNs) that span `span` (an index in
// TraceDetails::spans) spends itself, with no child it waits for.
struct CriticalSegment
{
    int span = -1;
    qint64 startNs = 0;
    qint64 endNs = 0;
    bool operator==(const CriticalSegment &) const = default;
};

// Time a service spends itself (no child running) in one trace.
struct ServiceTime
{
    QString service;
    qint64 selfTimeNs = 0;
    qint64 spans = 0;
    double fraction = 0; // of the trace's duration
};

struct TraceDetails
{
    TraceSummary summary;
    QList<SpanView> spans;
    PerformanceMetrics metrics;
    QList<CriticalSegment> criticalPath; // in time order
    QList<ServiceTime> serviceBreakdown; // largest first
    std::optional<TraceNote> note; // the note on the trace, if it has one
    // A partial load: `spans` is the top of the tree; summary, metrics and service breakdown are
    // still the whole trace's, `criticalPath` lists the segments of the loaded spans and
    // SpanView::onCriticalPath marks the loaded spans on the whole trace's path.
    bool partial = false;
};

// The descendants of one span of a trace, loaded on demand below a partial load: in tree
// order with their depth in the whole trace; `parentIndex` is an index in `spans`, -1 for the
// children of `parentSpanId`. Self times and critical-path marks are the whole trace's.
struct TraceSubtree
{
    QByteArray traceId;
    QByteArray parentSpanId;
    QList<SpanView> spans;
};

struct TraceList
{
    TraceSearchResult result;
    bool hasMore = false;
    qint64 rangeStartNs = 0;
    qint64 rangeEndNs = 0;
};

// Trace search and trace details, computed once here for the REST API and the console.
class TraceAnalysis
{
public:
    explicit TraceAnalysis(const Store &store) : m_store(store) { }

    TraceList listTraces(const TraceFilter &filter) const;
    std::optional<TraceDetails> trace(const QByteArray &traceId) const;

    // Big traces load lazily. With a span budget, a trace of more spans than `spanBudget` comes
    // as its top (`partial`): the roots, then breadth-first whole sets of siblings while they fit
    // the budget; figures are computed over the whole trace's skeleton (Store::traceSkeleton()).
    // subtree() loads a loaded span's descendants the same way (its children always, even more
    // than the budget, so every expansion makes progress); null when the trace or span is unknown.
    static constexpr int kLazySpanBudget = 20000;
    std::optional<TraceDetails> trace(const QByteArray &traceId, int spanBudget) const;
    std::optional<TraceSubtree> subtree(const QByteArray &traceId, const QByteArray &spanId, int spanBudget) const;

    // Notes on traces, for the REST API and the console alike. A note is 1 to kMaxNoteBytes
    // bytes of UTF-8 with something other than white space; noteProblem() says why a text is not
    // one (empty when it is). setNote() refuses such a text with Failed and the reason.
    static constexpr qsizetype kMaxNoteBytes = 10 * 1024;
    static QString noteProblem(const QString &text);
    NoteChange setNote(const QByteArray &traceId, const QString &text, const QString &author, QString *error) const;
    NoteChange deleteNote(const QByteArray &traceId, QString *error) const;
    // The first line of a note, at most `maxChars` characters ("…" when cut): how lists show it.
    static QString noteExcerpt(const QString &text, qsizetype maxChars);

    // Orders spans into tree order and fills depth, parent index and self time.
    static QList<SpanView> buildTree(QList<Span> spans);
    static PerformanceMetrics metricsOf(const QList<SpanView> &spans);

    // The critical path: walking back from the root's end, at each moment the span that the
    // trace is waiting for — the child that finished last before that moment (children that
    // overlap are clipped), else the span itself. The segments cover the root's duration.
    static QList<CriticalSegment> criticalPath(const QList<SpanView> &spans);
    static QList<ServiceTime> serviceBreakdown(const QList<SpanView> &spans, qint64 traceDurationNs);

private:
    const Store &m_store;
};

} // namespace spanlight
