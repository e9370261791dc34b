#pragma once

#include "alertrules.h"
#include "core/latencyhistogram.h"
#include "core/span.h"

#include <QFuture>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace spanlight {

// The outcome of one write() as the ingest path sees it.
struct WriteResult
{
    enum class Status { Committed, QueueFull, Failed, Closed };
    Status status = Status::Failed;
    qint64 spansWritten = 0;
    QString error;
    bool ok() const { return status == Status::Committed; }
};

// Trace status as the API names it.
enum class TraceStatus : int { Success = 0, Error = 1, Timeout = 2 };

// One row of trace_summaries, kept current as late spans arrive.
struct TraceSummary
{
    QByteArray traceId;
    QByteArray rootSpanId; // the root span, else the earliest span seen
    QString serviceName; // of that span
    QString operationName; // of that span
    QJsonObject rootAttributes; // attributes of that span
    bool hasRoot = false; // a span without parent has arrived
    qint64 startNs = 0; // earliest start of any span
    qint64 endNs = 0; // latest end of any span
    qint64 spanCount = 0;
    qint64 errorCount = 0;
    TraceStatus status = TraceStatus::Success;
    QString errorMessage; // status message of the first error span
    QString note; // the trace's note (trace_notes), empty without one; searchTraces() fills it
    qint64 durationNs() const { return endNs - startNs; }
};

// What a trace search is ordered by; ties go newest first, then by trace id.
enum class TraceSort : int { StartTime, Duration, SpanCount, ErrorCount };

// Trace search. `service` matches a trace with any span of that service; `operation`
// a trace with any span of that name (of that service, when both are given).
// Times bound the trace start; durations the trace's whole duration. `status` Success matches
// traces without error spans, Error every failed trace (Error and Timeout: a timeout is an error
// span that says it timed out), Timeout only timed-out ones. Span and error-span counts are the
// trace summary's, bounds inclusive. Newest first unless `sort` says otherwise.
struct TraceFilter
{
    QString service;
    QString operation;
    std::optional<qint64> startFromNs;
    std::optional<qint64> startToNs;
    std::optional<qint64> minDurationNs;
    std::optional<qint64> maxDurationNs;
    std::optional<TraceStatus> status;
    // Tags: each key=value must be an attribute of the trace's root span (trace_summaries'
    // root_attributes; the earliest span until the root arrives). A value matches a string
    // attribute equal to it, or a number or boolean attribute written the same way.
    QList<std::pair<QString, QString>> rootAttributes;
    std::optional<qint64> minSpans;
    std::optional<qint64> maxSpans;
    std::optional<qint64> minErrors; // spans with error status
    std::optional<qint64> maxErrors;
    std::optional<bool> hasNote; // set: only traces with (true) or without (false) a note
    int limit = 100;
    int offset = 0;
    TraceSort sort = TraceSort::StartTime;
    bool descending = true; // the largest (newest, slowest, most spans or errors) first
};

// The note a person wrote on a trace (trace_notes): stored with the trace, deleted with it.
struct TraceNote
{
    QByteArray traceId;
    QString text;
    QString author; // the token's name (its role when it has none), or "console"
    qint64 createdNs = 0;
    qint64 updatedNs = 0;
};

// What Store::setTraceNote() and deleteTraceNote() did.
enum class NoteChange { Done, NoTrace, NoNote, Failed };

struct TraceSearchResult
{
    QList<TraceSummary> traces;
    qint64 totalCount = 0; // all matches, ignoring limit/offset
};

struct StoreStats
{
    qint64 traces = 0;
    qint64 spans = 0;
};

// A read of the rollups / latency buckets: sums over the per-minute rows that match, grouped as
// asked. Rows are keyed by the minute their spans started in. The hours that a window (and each
// of its slots) covers whole are read from the hourly tables instead, with the same result.
struct RollupQuery
{
    QString service; // empty: every service
    QString operation; // empty: every operation
    std::optional<qint64> fromNs; // minute >= fromNs
    std::optional<qint64> toNs; // minute < toNs
    bool entryOnly = false; // only entry spans: SERVER or CONSUMER kind, or root spans ("requests")
    bool byService = false;
    bool byOperation = false;
    bool byKind = false; // rollups() only: buckets are not kept per kind
    qint64 slotNs = 0; // > 0: grouped by slot = (minute - fromNs) / slotNs; needs fromNs
};

struct RollupRow
{
    QString service; // when grouped by service
    QString operation; // when grouped by operation
    SpanKind kind = SpanKind::Unspecified; // when grouped by kind
    qint64 slot = 0; // when grouped by slot
    qint64 spans = 0;
    qint64 errors = 0;
    qint64 durationSumNs = 0;
    qint64 durationMaxNs = 0;
    qint64 lastStartNs = 0; // latest span start
};

struct HistogramRow
{
    QString service;
    QString operation;
    qint64 slot = 0;
    LatencyHistogram histogram;
};

// Calls from one service to another service or to an external system, summed over the
// per-minute rows of dependency_rollups (minute >= fromNs, < toNs; whole hours from the hourly table).
struct DependencyRow
{
    QString source; // the calling service
    QString target; // the called service, or the external system's name
    bool external = false;
    qint64 calls = 0;
    qint64 errors = 0;
    qint64 durationSumNs = 0; // of the called spans (external: of the calling CLIENT spans)
};

// One row of `errors`: a stored span with error status, described by spanError().
struct ErrorRecord
{
    QByteArray traceId;
    QByteArray spanId;
    qint64 timeNs = 0; // the span's start
    QString service;
    QString operation;
    SpanKind kind = SpanKind::Unspecified;
    bool isRoot = false;
    QString type;
    QString message;
    QString stackTrace;
    QString fingerprint; // errorFingerprint()
    QJsonObject attributes; // of the span
};

struct ErrorFilter
{
    QString service;
    QString type;
    std::optional<qint64> fromNs; // inclusive
    std::optional<qint64> toNs; // inclusive
    std::optional<QStringList> fingerprints; // set: only these (an empty list matches nothing)
};

// Errors of one fingerprint at one site (root or not, kind): what severity needs.
struct ErrorGroup
{
    QString fingerprint;
    QString service;
    QString type;
    bool isRoot = false;
    SpanKind kind = SpanKind::Unspecified;
    qint64 count = 0;
    qint64 lastNs = 0;
};

// One row of the audit log: an authentication failure or an admin action, `count` times
// between timeNs and lastNs.
struct AuditEntry
{
    qint64 timeNs = 0;
    qint64 lastNs = 0;
    QString actor; // the token's name, or "-" when no known token was presented
    QString role; // viewer, ingest, admin, or empty
    QString action; // "GET /audit", "ingest OTLP/HTTP"
    QString outcome; // "allowed", or "denied: " and why
    QString remote; // the peer's address
    qint64 count = 1;
};

// What a deletion removed (DELETE /traces, retention).
struct DeleteResult
{
    bool ok = false;
    QString error; // set when a transaction failed; what earlier ones deleted stays deleted
    qint64 traces = 0;
    qint64 spans = 0;
};

// A trace as the oldest-first scan of retention sees it.
struct TraceAge
{
    QByteArray traceId;
    qint64 startNs = 0;
    qint64 spanCount = 0;
};

// A day partition of spans (PostgreSQL), as retention sees it.
struct SpanPartitionInfo
{
    QString name;
    qint64 fromNs = 0; // the smallest qint64: every start before toNs
    qint64 toNs = 0; // exclusive; the largest qint64: no end
    bool detached = false; // by retention, its traces being deleted before the table is dropped
};

// What Store::purgeDetachedPartitions() did.
struct PartitionStep
{
    bool ok = false;
    QString error; // set when a step failed; what earlier steps deleted stays deleted
    bool done = false; // no detached partition is left
    int dropped = 0; // detached partitions' tables dropped
    qint64 traces = 0;
    qint64 spans = 0;
};

// The one store: QtSql with SQLite and PostgreSQL dialects. Writes go through a bounded
// queue to a single writer thread that commits many batches per transaction (group commit);
// a write's future finishes only after its spans are committed. Reads may come from any
// thread (each thread uses its own connection).
class Store : public QObject
{
    Q_OBJECT
public:
    ~Store() override;

    // Opens (creating if needed) the database named by `databaseUrl` (sqlite:///abs/path.db,
    // sqlite://:memory: is not supported, postgresql://user:pass@host:port/db), runs the
    // migrations and starts the writer. On failure returns null and sets `error`.
    static std::unique_ptr<Store> open(const QString &databaseUrl, QString *error, int queueCapacity = 256);

    QString databaseUrl() const;
    bool isPostgres() const;
    qsizetype queuedBatches() const; // waiting for the writer now
    // Bytes the database takes: the SQLite file with its WAL, or pg_database_size(); -1 unknown.
    qint64 databaseSizeBytes() const;

    // Thread-safe. Queues the spans for the writer; when the queue is full the future is
    // already finished with Status::QueueFull. Spans must have passed validateSpan().
    QFuture<WriteResult> write(QList<Span> spans);

    // Stops taking writes, commits what is queued, stops the writer. Idempotent.
    void close();

    TraceSearchResult searchTraces(const TraceFilter &filter) const;
    std::optional<TraceSummary> traceSummary(const QByteArray &traceId) const;
    QList<Span> traceSpans(const QByteArray &traceId) const; // ordered by start time, then span id
    // The shape of a trace without its payload: every span with only trace and span id, parent
    // id, name, service, start, end and status code (no attributes, events or links, so no JSON
    // to decode), ordered like traceSpans(). What a partial load of a big trace analyses.
    QList<Span> traceSkeleton(const QByteArray &traceId) const;
    // The full spans of a trace with these span ids (ids not stored are left out), in no order.
    QList<Span> traceSpansByIds(const QByteArray &traceId, const QList<QByteArray> &spanIds) const;
    StoreStats stats() const;
    qint64 tracesEndingAfter(qint64 unixNanos) const; // traces with a span ending after this time
    bool ping(QString *error = nullptr) const; // a real round trip to the database
    std::optional<Span> span(const QByteArray &traceId, const QByteArray &spanId) const;

    // Notes on traces. traceNote() reads; the changes run on the writer thread, each one
    // transaction. setTraceNote() creates or replaces the note of a stored trace (NoTrace for an
    // unknown one; `created` keeps its first time); deleteTraceNote() is NoNote when there was none.
    // Failed (with `error`) when the database refused or the store is closed.
    std::optional<TraceNote> traceNote(const QByteArray &traceId) const;
    NoteChange setTraceNote(const QByteArray &traceId, const QString &text, const QString &author,
        QString *error = nullptr) const;
    NoteChange deleteTraceNote(const QByteArray &traceId, QString *error = nullptr) const;

    // Analysis reads (rollups and errors are written with the spans, in the same transaction).
    // The audit log. appendAudit() writes in its own short transaction, beside the span writer
    // (SQLite: waiting for its lock within busy_timeout). auditEntries() is newest first.
    bool appendAudit(const QList<AuditEntry> &entries, QString *error) const;
    QList<AuditEntry> auditEntries(std::optional<qint64> fromNs, std::optional<qint64> toNs, int limit) const;

    // Alert rules and their history (docs/storage.md, "Alerts"). Like appendAudit(), each write is
    // a short transaction of its own beside the span writer. Failures set `error`.
    std::optional<QList<AlertRule>> alertRules(QString *error = nullptr) const; // by id
    std::optional<AlertRule> alertRule(qint64 id, QString *error = nullptr) const; // null: unknown id or failure
    std::optional<qint64> addAlertRule(const AlertRule &rule, QString *error) const; // its new id
    // False when no rule has rule.id; nothing on failure. Resets the rule's pending time.
    std::optional<bool> updateAlertRule(const AlertRule &rule, QString *error) const;
    std::optional<bool> deleteAlertRule(qint64 id, QString *error) const; // with its history
    // The evaluator's claim of one round: true for the one caller, of every instance on the
    // database, that finds the rule last evaluated before `staleBeforeNs` (and marks it `nowNs`).
    bool claimAlertRule(qint64 id, qint64 nowNs, qint64 staleBeforeNs, QString *error = nullptr) const;
    bool setAlertPending(qint64 id, std::optional<qint64> sinceNs, QString *error = nullptr) const;
    // Opens an event (the rule fires) and clears its pending time; nothing when one is open already.
    std::optional<qint64> fireAlert(qint64 ruleId, qint64 startedNs, double observed, QString *error = nullptr) const;
    bool resolveAlert(qint64 eventId, qint64 resolvedNs, std::optional<double> value, QString *error = nullptr) const;
    bool addAlertDelivery(qint64 eventId, const AlertDelivery &delivery, QString *error = nullptr) const;
    std::optional<QList<AlertEvent>> alertEvents(const AlertEventFilter &filter, QString *error = nullptr) const; // newest first
    qint64 firingAlerts() const; // open events; -1 on failure

    QList<RollupRow> rollups(const RollupQuery &query) const;
    QList<HistogramRow> latencyHistograms(const RollupQuery &query) const;
    QList<DependencyRow> dependencies(std::optional<qint64> fromNs, std::optional<qint64> toNs) const;
    bool hasService(const QString &service) const; // any span of it stored
    QHash<QString, qint64> tracesPerService() const; // traces with at least one span of the service
    QList<ErrorGroup> errorGroups(const ErrorFilter &filter) const;
    QList<ErrorRecord> errors(const ErrorFilter &filter, int limit, int offset) const; // newest first
    std::optional<ErrorRecord> error(const QByteArray &traceId, const QByteArray &spanId) const;

    // Deletion (the right to be forgotten, retention). Thread-safe. deleteTraces() removes the
    // traces with every row derived from their spans (errors, edges, summaries, and their share
    // of each rollup), in transactions of at most kDeleteChunk traces that the writer thread runs
    // between span writes (one chunk's wait at most for ingest). Unknown ids are skipped. Fails
    // once the store is closed.
    static constexpr int kDeleteChunk = 50;
    DeleteResult deleteTraces(const QList<QByteArray> &traceIds) const;
    // For retention: the same, except that the per-minute and per-hour rollups keep counting the
    // spans, until dropRollupsBefore() deletes their whole old hours (far less work per trace).
    DeleteResult purgeTraces(const QList<QByteArray> &traceIds) const;
    // Deletes the rollup, latency bucket, request rollup, dependency edge and hourly error group
    // rows of the oldest hour before `hourNs` (an hour's start), in one transaction on the writer
    // thread. Returns the time it deleted up to (`hourNs` once nothing is left before it), or
    // nothing with `error` set. Call again until it returns `hourNs`.
    std::optional<qint64> dropRollupsBefore(qint64 hourNs, QString *error) const;
    // Up to `limit` traces, the earliest start first; only those that started before `beforeNs` if set.
    QList<TraceAge> oldestTraces(std::optional<qint64> beforeNs, int limit) const;
    // The traces with a span whose attribute, or resource attribute, `key` has the value `value`
    // (a string as it is, a number or boolean as JSON writes it). A scan over every span, in
    // slices; null with `error` set when a read failed.
    std::optional<QList<QByteArray>> tracesWithAttribute(
        const QString &key, const QString &value, QString *error) const;
    // Bytes of the store's pages in use: SQLite's page count less its free pages (space that
    // deletions freed is reused, not returned to the file system); -1 on PostgreSQL or on failure.
    qint64 usedBytes() const;
    // Deletes audit rows that began before `beforeNs` (on the writer thread); -1 on failure.
    qint64 deleteAuditBefore(qint64 beforeNs) const;

    // PostgreSQL keeps spans in one partition per UTC day of their start (docs/storage.md, "Day
    // partitions"); retention drops whole days. SQLite has no partitions.
    bool partitionsSpans() const;
    QList<SpanPartitionInfo> spanPartitions(QString *error = nullptr) const;
    // Detaches the partitions whose days end at or before `beforeNs` (on the writer thread): no
    // span goes into them again. Returns how many, or nothing with `error` set.
    std::optional<int> detachSpanPartitionsBefore(qint64 beforeNs, QString *error) const;
    // Runs up to `maxSteps` steps on the writer thread, two queued at a time, each one
    // transaction: up to `maxTraces` traces of the oldest detached partition deleted (every row
    // of them, their spans in other partitions too; the rollups are left to dropRollupsBefore()),
    // or its table dropped once none is left. Call until `done`.
    PartitionStep purgeDetachedPartitions(int maxTraces, int maxSteps) const;

Q_SIGNALS:
    // Emitted from the writer thread after each commit.
    void committed(qint64 spans, qint64 traces);

private:
    Store();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace spanlight
