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
