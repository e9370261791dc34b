#include "migrations.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace spanlight::storage {

namespace {

struct Migration
{
    int version;
    const char *description;
    QList<const char *> statements; // portable DDL, see portableSql()
    QList<const char *> postgresStatements = {}; // after them, on PostgreSQL only
};

// A time column floored to the hour like hourOf(), also before 1970: % keeps the dividend's sign
// on both dialects, so the remainder is brought into [0, 1 h) first. Portable integer arithmetic.
#define SPANLIGHT_HOUR_OF(column)                                                                            \
    "(" column " - ((" column " % 3600000000000) + 3600000000000) % 3600000000000)"
#define SPANLIGHT_HOUR_OF_MINUTE SPANLIGHT_HOUR_OF("minute_ns")

// Append only: a released migration is never edited, a change is a new number.
const QList<Migration> &migrations()
{
    static const QList<Migration> all = {
        { 1, "spans, trace summaries, trace operations",
            {
                // Every Span field; ids as raw bytes, attribute maps and event/link lists as compact JSON.
                "CREATE TABLE spans ("
                " id {ID},"
                " trace_id {BLOB} NOT NULL,"
                " span_id {BLOB} NOT NULL,"
                " parent_span_id {BLOB},"
                " trace_state TEXT,"
                " flags {BIGINT} NOT NULL DEFAULT 0,"
                " name TEXT,"
                " kind INTEGER NOT NULL DEFAULT 0,"
                " start_ns {BIGINT} NOT NULL,"
                " end_ns {BIGINT} NOT NULL,"
                " status_code INTEGER NOT NULL DEFAULT 0,"
                " status_message TEXT,"
                " service_name TEXT,"
                " attributes TEXT,"
                " dropped_attributes_count {BIGINT} NOT NULL DEFAULT 0,"
                " events TEXT,"
                " dropped_events_count {BIGINT} NOT NULL DEFAULT 0,"
                " links TEXT,"
                " dropped_links_count {BIGINT} NOT NULL DEFAULT 0,"
                " resource_attributes TEXT,"
                " scope_name TEXT,"
                " scope_version TEXT,"
                " scope_attributes TEXT)",
                // The only index on spans: it serves trace lookups and makes duplicates detectable.
                "CREATE UNIQUE INDEX spans_trace_span ON spans (trace_id, span_id)",
                "CREATE TABLE trace_summaries ("
                " trace_id {BLOB} NOT NULL PRIMARY KEY,"
                " root_span_id {BLOB} NOT NULL,"
                " root_start_ns {BIGINT} NOT NULL,"
                " service_name TEXT NOT NULL,"
                " operation_name TEXT NOT NULL,"
                " root_attributes TEXT,"
                " has_root INTEGER NOT NULL,"
                " start_ns {BIGINT} NOT NULL,"
                " end_ns {BIGINT} NOT NULL,"
                " span_count {BIGINT} NOT NULL,"
                " error_count {BIGINT} NOT NULL,"
                " status INTEGER NOT NULL,"
                " error_span_id {BLOB},"
                " error_start_ns {BIGINT},"
                " error_message TEXT)",
                "CREATE INDEX trace_summaries_start ON trace_summaries (start_ns)",
                "CREATE TABLE trace_operations ("
                " service_name TEXT NOT NULL,"
                " operation_name TEXT NOT NULL,"
                " trace_id {BLOB} NOT NULL,"
                " PRIMARY KEY (service_name, operation_name, trace_id)){WITHOUT_ROWID}",
            } },
        { 2, "per-minute rollups, latency buckets, errors",
            {
                // Per minute (start_ns floored) per service, operation, kind and entry flag (1: a
                // SERVER/CONSUMER or root span, a "request"). Upserted by adding, so several writers
                // can share one PostgreSQL database.
                "CREATE TABLE span_rollups ("
                " service_name TEXT NOT NULL,"
                " minute_ns {BIGINT} NOT NULL,"
                " operation_name TEXT NOT NULL,"
                " kind INTEGER NOT NULL,"
                " is_entry INTEGER NOT NULL,"
                " span_count {BIGINT} NOT NULL,"
                " error_count {BIGINT} NOT NULL,"
                " duration_sum_ns {BIGINT} NOT NULL,"
                " duration_max_ns {BIGINT} NOT NULL,"
                " last_start_ns {BIGINT} NOT NULL,"
                " PRIMARY KEY (service_name, minute_ns, operation_name, kind, is_entry)){WITHOUT_ROWID}",
                "CREATE INDEX span_rollups_minute ON span_rollups (minute_ns)",
                // LatencyHistogram buckets (index -> count) of the same keys, without the kind.
                "CREATE TABLE rollup_buckets ("
                " service_name TEXT NOT NULL,"
                " minute_ns {BIGINT} NOT NULL,"
                " operation_name TEXT NOT NULL,"
                " is_entry INTEGER NOT NULL,"
                " bucket INTEGER NOT NULL,"
                " bucket_count {BIGINT} NOT NULL,"
                " PRIMARY KEY (service_name, minute_ns, operation_name, is_entry, bucket)){WITHOUT_ROWID}",
                "CREATE INDEX rollup_buckets_minute ON rollup_buckets (minute_ns)",
                // One row per stored span with error status; the error id is hex(trace_id || span_id).
                // No key on (trace_id, span_id), a second random-key index next to the spans' one: a
                // lookup by id finds the span's start through the spans index, then the row through
                // errors_time. Only new spans produce rows, so there are no duplicates to refuse.
                // No (service_name, time_ns) index either: it is inserted into in the middle (the end
                // of each service's run); in the ingest bench it made ~200 ms export stalls, which
                // the writer also shows without it in about half of the runs, happen in every run.
                // A service filter scans the window's errors by time.
                "CREATE TABLE errors ("
                " trace_id {BLOB} NOT NULL,"
                " span_id {BLOB} NOT NULL,"
                " time_ns {BIGINT} NOT NULL,"
                " service_name TEXT NOT NULL,"
                " operation_name TEXT NOT NULL,"
                " kind INTEGER NOT NULL,"
                " is_root INTEGER NOT NULL,"
                " error_type TEXT NOT NULL,"
                " error_message TEXT,"
                " stack_trace TEXT,"
                " fingerprint TEXT NOT NULL)",
                "CREATE INDEX errors_time ON errors (time_ns)",
            } },
        { 3, "service dependency edges, traces per service",
            {
                // The external system a CLIENT/PRODUCER span was counted as calling (peer.service,
                // db.system:db.name, ...) while it had no child span; set back to NULL, and the
                // edge taken back, when a child arrives later. NULL for every other span.
                "ALTER TABLE spans ADD COLUMN external_target TEXT",
                // Per minute of the child span's start: calls from source_service to target, a
                // service (target_type 0) or an external system (1). Upserted by adding, like
                // span_rollups; a late child of a CLIENT span adds a negative external delta.
                "CREATE TABLE dependency_rollups ("
                " minute_ns {BIGINT} NOT NULL,"
                " source_service TEXT NOT NULL,"
                " target TEXT NOT NULL,"
                " target_type INTEGER NOT NULL,"
                " call_count {BIGINT} NOT NULL,"
                " error_count {BIGINT} NOT NULL,"
                " duration_sum_ns {BIGINT} NOT NULL,"
                " PRIMARY KEY (minute_ns, source_service, target, target_type)){WITHOUT_ROWID}",
                // Spans whose parent span had not arrived when they were stored; the parent's
                // arrival turns them into edges and deletes them.
                "CREATE TABLE pending_edges ("
                " trace_id {BLOB} NOT NULL,"
                " parent_span_id {BLOB} NOT NULL,"
                " span_id {BLOB} NOT NULL,"
                " service_name TEXT NOT NULL,"
                " minute_ns {BIGINT} NOT NULL,"
                " duration_ns {BIGINT} NOT NULL,"
                " is_error INTEGER NOT NULL,"
                " created_ns {BIGINT} NOT NULL,"
                " PRIMARY KEY (trace_id, parent_span_id, span_id)){WITHOUT_ROWID}",
                // For dropping children whose parent never came (kPendingEdgeLifetimeNs).
                "CREATE INDEX pending_edges_created ON pending_edges (created_ns)",
                // Which services a trace has spans of, and per service how many traces: GET /services
                // and a trace search by service alone read these instead of counting distinct
                // traces over trace_operations (seconds at millions of spans).
                "CREATE TABLE trace_services ("
                " service_name TEXT NOT NULL,"
                " trace_id {BLOB} NOT NULL,"
                " PRIMARY KEY (service_name, trace_id)){WITHOUT_ROWID}",
                "INSERT INTO trace_services (service_name, trace_id)"
                " SELECT DISTINCT service_name, trace_id FROM trace_operations",
                "CREATE TABLE service_totals ("
                " service_name TEXT NOT NULL PRIMARY KEY,"
                " trace_count {BIGINT} NOT NULL)",
                "INSERT INTO service_totals (service_name, trace_count)"
                " SELECT service_name, COUNT(*) FROM trace_services GROUP BY service_name",
            } },
        { 4, "hourly rollups, latency buckets and dependency edges",
            {
                // The per-minute tables summed per hour (hour_ns: the minute floored to the hour),
                // upserted by adding in the same transaction from the same in-memory sums. Reads
                // take a window's whole hours from here and only its edge minutes from the minute
                // tables. No time index: reads go per service along the primary key.
                "CREATE TABLE span_rollups_hourly ("
                " service_name TEXT NOT NULL,"
                " hour_ns {BIGINT} NOT NULL,"
                " operation_name TEXT NOT NULL,"
                " kind INTEGER NOT NULL,"
                " is_entry INTEGER NOT NULL,"
                " span_count {BIGINT} NOT NULL,"
                " error_count {BIGINT} NOT NULL,"
                " duration_sum_ns {BIGINT} NOT NULL,"
                " duration_max_ns {BIGINT} NOT NULL,"
                " last_start_ns {BIGINT} NOT NULL,"
                " PRIMARY KEY (service_name, hour_ns, operation_name, kind, is_entry)){WITHOUT_ROWID}",
                "CREATE TABLE rollup_buckets_hourly ("
                " service_name TEXT NOT NULL,"
                " hour_ns {BIGINT} NOT NULL,"
                " operation_name TEXT NOT NULL,"
                " is_entry INTEGER NOT NULL,"
                " bucket INTEGER NOT NULL,"
                " bucket_count {BIGINT} NOT NULL,"
                " PRIMARY KEY (service_name, hour_ns, operation_name, is_entry, bucket)){WITHOUT_ROWID}",
                "CREATE TABLE dependency_rollups_hourly ("
                " hour_ns {BIGINT} NOT NULL,"
                " source_service TEXT NOT NULL,"
                " target TEXT NOT NULL,"
                " target_type INTEGER NOT NULL,"
                " call_count {BIGINT} NOT NULL,"
                " error_count {BIGINT} NOT NULL,"
                " duration_sum_ns {BIGINT} NOT NULL,"
                " PRIMARY KEY (hour_ns, source_service, target, target_type)){WITHOUT_ROWID}",
                // Backfill from the minute tables, one statement per table.
                "INSERT INTO span_rollups_hourly (service_name, hour_ns, operation_name, kind, is_entry,"
                " span_count, error_count, duration_sum_ns, duration_max_ns, last_start_ns)"
                " SELECT service_name, " SPANLIGHT_HOUR_OF_MINUTE ", operation_name, kind, is_entry, SUM(span_count),"
                " SUM(error_count), SUM(duration_sum_ns), MAX(duration_max_ns), MAX(last_start_ns)"
                " FROM span_rollups GROUP BY 1, 2, 3, 4, 5",
                "INSERT INTO rollup_buckets_hourly (service_name, hour_ns, operation_name, is_entry, bucket,"
                " bucket_count)"
                " SELECT service_name, " SPANLIGHT_HOUR_OF_MINUTE ", operation_name, is_entry, bucket, SUM(bucket_count)"
                " FROM rollup_buckets GROUP BY 1, 2, 3, 4, 5",
                "INSERT INTO dependency_rollups_hourly (hour_ns, source_service, target, target_type,"
                " call_count, error_count, duration_sum_ns)"
                " SELECT " SPANLIGHT_HOUR_OF_MINUTE ", source_service, target, target_type, SUM(call_count),"
                " SUM(error_count), SUM(duration_sum_ns)"
                " FROM dependency_rollups GROUP BY 1, 2, 3, 4",
            } },
        { 5, "request rollups over every service, trace times by id",
            {
                // A trace search by service or operation looks up each candidate trace by id for
                // its times (duration and time filters, the count, the newest-first page): from
                // this index alone instead of the autoindex plus the (wide) row, 121 -> 33 ms for
                // 43,675 candidates at 10M spans. SQLite's planner prefers the unique autoindex,
                // so the search names this one (INDEXED BY).
                "CREATE INDEX trace_summaries_times ON trace_summaries (trace_id, start_ns, end_ns)",
                // The entry spans ("requests") of every service together, per minute and per hour:
                // what a trend over all services reads (GET /performance/trends without a service),
                // one row per slot instead of one per service, operation and latency bucket (a
                // week's buckets over every service were 200k hourly rows to sort at 10M spans).
                // The latency histogram is LatencyHistogram::serialize()'s text; the writer merges
                // into it (read, merge, write back, the row locked on PostgreSQL).
                "CREATE TABLE request_rollups ("
                " minute_ns {BIGINT} NOT NULL PRIMARY KEY,"
                " span_count {BIGINT} NOT NULL,"
                " error_count {BIGINT} NOT NULL,"
                " duration_sum_ns {BIGINT} NOT NULL,"
                " duration_max_ns {BIGINT} NOT NULL,"
                " last_start_ns {BIGINT} NOT NULL,"
                " histogram TEXT NOT NULL){WITHOUT_ROWID}",
                "CREATE TABLE request_rollups_hourly ("
                " hour_ns {BIGINT} NOT NULL PRIMARY KEY,"
                " span_count {BIGINT} NOT NULL,"
                " error_count {BIGINT} NOT NULL,"
                " duration_sum_ns {BIGINT} NOT NULL,"
                " duration_max_ns {BIGINT} NOT NULL,"
                " last_start_ns {BIGINT} NOT NULL,"
                " histogram TEXT NOT NULL){WITHOUT_ROWID}",
                // Backfill from the per-service tables; the histogram's pairs may come in any order.
                "INSERT INTO request_rollups (minute_ns, span_count, error_count, duration_sum_ns,"
                " duration_max_ns, last_start_ns, histogram)"
                " SELECT r.minute_ns, r.spans, r.errors, r.duration_sum, r.duration_max, r.last_start,"
                " COALESCE(b.histogram, '') FROM"
                " (SELECT minute_ns, SUM(span_count) AS spans, SUM(error_count) AS errors,"
                " SUM(duration_sum_ns) AS duration_sum, MAX(duration_max_ns) AS duration_max,"
                " MAX(last_start_ns) AS last_start FROM span_rollups WHERE is_entry = 1 GROUP BY minute_ns) r"
                " LEFT JOIN (SELECT minute_ns, {GROUP_CONCAT}(CAST(bucket AS TEXT) || ':' || CAST(n AS TEXT), ',')"
                " AS histogram FROM (SELECT minute_ns, bucket, SUM(bucket_count) AS n FROM rollup_buckets"
                " WHERE is_entry = 1 GROUP BY minute_ns, bucket) x GROUP BY minute_ns) b"
                " ON b.minute_ns = r.minute_ns",
                "INSERT INTO request_rollups_hourly (hour_ns, span_count, error_count, duration_sum_ns,"
                " duration_max_ns, last_start_ns, histogram)"
                " SELECT r.hour_ns, r.spans, r.errors, r.duration_sum, r.duration_max, r.last_start,"
                " COALESCE(b.histogram, '') FROM"
                " (SELECT hour_ns, SUM(span_count) AS spans, SUM(error_count) AS errors,"
                " SUM(duration_sum_ns) AS duration_sum, MAX(duration_max_ns) AS duration_max,"
                " MAX(last_start_ns) AS last_start FROM span_rollups_hourly WHERE is_entry = 1 GROUP BY hour_ns) r"
                " LEFT JOIN (SELECT hour_ns, {GROUP_CONCAT}(CAST(bucket AS TEXT) || ':' || CAST(n AS TEXT), ',')"
                " AS histogram FROM (SELECT hour_ns, bucket, SUM(bucket_count) AS n FROM rollup_buckets_hourly"
                " WHERE is_entry = 1 GROUP BY hour_ns, bucket) x GROUP BY hour_ns) b"
                " ON b.hour_ns = r.hour_ns",
            } },
        { 6, "store totals, trace end index, hourly error groups",
            {
                // What stats() answers (/health, /metrics), kept by the writer in the spans'
                // transaction instead of summed over every summary: spans inserted, and traces whose
                // summary row was created. One row, updated last in each write (several servers on
                // one PostgreSQL wait for each other on it only until their commits).
                "CREATE TABLE store_totals ("
                " id INTEGER NOT NULL PRIMARY KEY,"
                " span_count {BIGINT} NOT NULL,"
                " trace_count {BIGINT} NOT NULL)",
                // Each stored span is in exactly one summary's span_count.
                "INSERT INTO store_totals (id, span_count, trace_count)"
                " SELECT 1, COALESCE(SUM(span_count), 0), COUNT(*) FROM trace_summaries",
                // Active traces (end_ns after five minutes ago) as a range of the newest entries; a
                // summary's end moves only when a later span arrives, near the recent end.
                "CREATE INDEX trace_summaries_end ON trace_summaries (end_ns)",
                // The errors per group of errorGroups() per hour of time_ns, upserted by adding like
                // the hourly rollups. Reads take a window's whole hours from here and only the edge
                // hours' rows from errors. Keyed by the group first, so that a read groups along the
                // key without sorting and a fingerprint is a seek; the table is small enough (about
                // one row per group and hour with errors) that a time window scans all of it.
                "CREATE TABLE error_groups_hourly ("
                " fingerprint TEXT NOT NULL,"
                " service_name TEXT NOT NULL,"
                " error_type TEXT NOT NULL,"
                " is_root INTEGER NOT NULL,"
                " kind INTEGER NOT NULL,"
                " hour_ns {BIGINT} NOT NULL,"
                " error_count {BIGINT} NOT NULL,"
                " last_ns {BIGINT} NOT NULL,"
                " PRIMARY KEY (fingerprint, service_name, error_type, is_root, kind, hour_ns))"
                "{WITHOUT_ROWID}",
                "INSERT INTO error_groups_hourly (fingerprint, service_name, error_type, is_root, kind,"
                " hour_ns, error_count, last_ns)"
                " SELECT fingerprint, service_name, error_type, is_root, kind,"
                " " SPANLIGHT_HOUR_OF("time_ns") ", COUNT(*), MAX(time_ns)"
                " FROM errors GROUP BY 1, 2, 3, 4, 5, 6",
            } },
        { 7, "audit log",
            {
                // Authentication failures and admin actions (GET /audit): who (a token's name from
                // TOKENS_FILE, never a token), what, when, from where. Repeats within a second are
                // one row with a count, so a client retrying a wrong token cannot flood it.
                "CREATE TABLE audit ("
                " id {ID},"
                " time_ns {BIGINT} NOT NULL,"
                " last_ns {BIGINT} NOT NULL,"
                " actor TEXT NOT NULL,"
                " role TEXT NOT NULL,"
                " action TEXT NOT NULL,"
                " outcome TEXT NOT NULL,"
                " remote TEXT NOT NULL,"
                " event_count {BIGINT} NOT NULL)",
                "CREATE INDEX audit_time ON audit (time_ns)",
            } },
        { 8, "time indexes on the hourly tables, children whose edge was never counted",
            {
                // Retention deletes whole old hours (TraceDeleter::dropRollupsBefore); the other
                // time-keyed tables have a time index or a primary key that leads with the time. A
                // row's hour never changes, so only a new row adds an index entry.
                "CREATE INDEX span_rollups_hourly_hour ON span_rollups_hourly (hour_ns)",
                "CREATE INDEX rollup_buckets_hourly_hour ON rollup_buckets_hourly (hour_ns)",
                "CREATE INDEX error_groups_hourly_hour ON error_groups_hourly (hour_ns)",
                // Children whose parent did not arrive within kPendingEdgeLifetimeNs: their edge was
                // never counted, also if the parent comes later. Deleting such a trace must not take
                // the edge back out of dependency_rollups. Written when pending_edges expire.
                "CREATE TABLE uncounted_edges ("
                " trace_id {BLOB} NOT NULL,"
                " span_id {BLOB} NOT NULL,"
                " PRIMARY KEY (trace_id, span_id)){WITHOUT_ROWID}",
            } },
        { 9, "spans partitioned by day on PostgreSQL",
            {
                // The partitions of spans (PostgreSQL; empty on SQLite), see SpanPartitions. A
                // partition holds the spans that start in [from_ns, to_ns); retention detaches
                // the ones wholly before its cutoff (retired = 1), deletes their traces' other rows
                // in chunks (`cursor`: the last trace id done, in the chunk's transaction), then
                // drops the table.
                "CREATE TABLE span_partitions ("
                " name TEXT NOT NULL PRIMARY KEY,"
                " from_ns {BIGINT} NOT NULL,"
                " to_ns {BIGINT} NOT NULL,"
                " retired INTEGER NOT NULL DEFAULT 0,"
                " cursor {BLOB})",
            },
            {
                "CREATE SEQUENCE span_partition_numbers",
                // The table as it was becomes the first partition: every start before the day after
                // its latest span (MINVALUE, so also late spans of that time). spans_default takes
                // the starts of days without a partition (SpanPartitions::ensureFor says which). A partitioned table's
                // unique keys must hold its partition key, so a span is the same span when its
                // trace id, span id and start agree; a partition may not have its own identity
                // column, so ids come from a plain sequence that goes on where the old ids ended.
                "DO $$\n"
                "DECLARE\n"
                "  latest BIGINT;\n"
                "  boundary BIGINT;\n"
                "BEGIN\n"
                "  ALTER TABLE spans RENAME TO spans_unpartitioned;\n"
                "  ALTER INDEX spans_trace_span RENAME TO spans_unpartitioned_trace_span;\n"
                "  ALTER TABLE spans_unpartitioned ALTER COLUMN id DROP IDENTITY;\n"
                "  CREATE SEQUENCE span_ids;\n"
                "  PERFORM setval('span_ids', COALESCE((SELECT MAX(id) FROM spans_unpartitioned), 0) + 1, false);\n"
                "  CREATE TABLE spans (LIKE spans_unpartitioned INCLUDING DEFAULTS) PARTITION BY RANGE (start_ns);\n"
                "  ALTER TABLE spans ALTER COLUMN id SET DEFAULT nextval('span_ids');\n"
                "  ALTER SEQUENCE span_ids OWNED BY spans.id;\n"
                "  CREATE UNIQUE INDEX spans_trace_span ON spans (trace_id, span_id, start_ns);\n"
                "  CREATE INDEX spans_id ON spans (id);\n"
                "  CREATE TABLE spans_default PARTITION OF spans DEFAULT;\n"
                "  SELECT MAX(start_ns) INTO latest FROM spans_unpartitioned;\n"
                "  IF latest IS NULL THEN\n"
                "    DROP TABLE spans_unpartitioned;\n"
                "  ELSE\n"
                "    boundary := CASE WHEN latest >= 9223285636854775807 THEN NULL\n"
                "      ELSE latest - ((latest % 86400000000000) + 86400000000000) % 86400000000000 + 86400000000000 END;\n"
                "    IF boundary IS NULL THEN\n"
                "      ALTER TABLE spans ATTACH PARTITION spans_unpartitioned FOR VALUES FROM (MINVALUE) TO (MAXVALUE);\n"
                "    ELSE\n"
                "      EXECUTE format('ALTER TABLE spans ATTACH PARTITION spans_unpartitioned"
                " FOR VALUES FROM (MINVALUE) TO (%s)', boundary);\n"
                "    END IF;\n"
                "    INSERT INTO span_partitions (name, from_ns, to_ns)\n"
                "      VALUES ('spans_unpartitioned', -9223372036854775808, COALESCE(boundary, 9223372036854775807));\n"
                "    DROP INDEX spans_unpartitioned_trace_span;\n"
                "  END IF;\n"
                "END\n"
                "$$",
            } },
        { 10, "notes on traces",
            {
                // One note per trace, written by a person (PUT /traces/{id}/note, the console's
                // Trace page): stored with the trace and deleted with it (TraceDeleter). The
                // search reads a page's notes by key; has_note probes the key per summary.
                "CREATE TABLE trace_notes ("
                " trace_id {BLOB} NOT NULL PRIMARY KEY,"
                " note_text TEXT NOT NULL,"
                " author TEXT NOT NULL,"
                " created_ns {BIGINT} NOT NULL,"
                " updated_ns {BIGINT} NOT NULL)",
            } },
        { 11, "alert rules, alert history and webhook deliveries",
            {
                // Alert rules (GET/POST /alerts/rules) with the evaluator's state: pending_since_ns
                // while the condition holds but not yet for for_ns, and last_evaluated_ns, the claim
                // by which one instance of several on the database evaluates a rule per round.
                "CREATE TABLE alert_rules ("
                " id {ID},"
                " name TEXT NOT NULL,"
                " metric TEXT NOT NULL,"
                " service_name TEXT NOT NULL,"
                " operation_name TEXT NOT NULL,"
                " comparator TEXT NOT NULL,"
                " threshold DOUBLE PRECISION NOT NULL,"
                " for_ns {BIGINT} NOT NULL,"
                " severity TEXT NOT NULL,"
                " enabled INTEGER NOT NULL,"
                " webhooks TEXT NOT NULL,"
                " created_ns {BIGINT} NOT NULL,"
                " updated_ns {BIGINT} NOT NULL,"
                " pending_since_ns {BIGINT},"
                " last_evaluated_ns {BIGINT} NOT NULL DEFAULT 0)",
                // One row per firing: open (resolved_ns NULL) while it fires. At most one open row
                // per rule, whichever instance tries to fire it.
                "CREATE TABLE alert_history ("
                " id {ID},"
                " rule_id {BIGINT} NOT NULL,"
                " started_ns {BIGINT} NOT NULL,"
                " resolved_ns {BIGINT},"
                " observed DOUBLE PRECISION NOT NULL,"
                " resolved_value DOUBLE PRECISION)",
                "CREATE INDEX alert_history_rule ON alert_history (rule_id, started_ns)",
                "CREATE UNIQUE INDEX alert_history_open ON alert_history (rule_id) WHERE resolved_ns IS NULL",
                // Webhook notifications of an event, one row per target and event after the last attempt.
                "CREATE TABLE alert_deliveries ("
                " id {ID},"
                " event_id {BIGINT} NOT NULL,"
                " url TEXT NOT NULL,"
                " event TEXT NOT NULL,"
                " attempts INTEGER NOT NULL,"
                " ok INTEGER NOT NULL,"
                " http_status INTEGER NOT NULL,"
                " error TEXT NOT NULL,"
                " time_ns {BIGINT} NOT NULL)",
                "CREATE INDEX alert_deliveries_event ON alert_deliveries (event_id)",
            } },
    };
    return all;
}

// Serialises concurrent starts of several servers against one PostgreSQL database.
const char *const kPostgresMigrationLock = "SELECT pg_advisory_xact_lock(1936748142)";

bool exec(QSqlQuery &q, const QString &sql, QString *error, const QString &context)
{
    if (q.exec(sql))
        return true;
    *error = context + QStringLiteral(": ") + sqlErrorText(q.lastError());
    return false;
}

} // namespace

int latestSchemaVersion()
{
    return migrations().constLast().version;
}

bool runMigrations(QSqlDatabase &db, Dialect dialect, QString *error, int upToVersion)
{
    QSqlQuery q(db);
    if (!exec(q,
            portableSql(dialect,
                QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version ("
                               " version INTEGER NOT NULL PRIMARY KEY,"
                               " description TEXT,"
                               " applied_at_ns {BIGINT} NOT NULL)")),
            error, QStringLiteral("cannot create schema_version")))
        return false;

    for (const Migration &m : migrations()) {
        if (m.version > upToVersion)
            break;
        const QString context
            = QStringLiteral("migration %1 (%2)").arg(m.version).arg(QLatin1String(m.description));
        if (!exec(q, beginWriteSql(dialect), error, context))
            return false;
        auto rollback = [&db] { QSqlQuery(db).exec(QStringLiteral("ROLLBACK")); };
        if (dialect == Dialect::Postgres && !exec(q, QLatin1String(kPostgresMigrationLock), error, context)) {
            rollback();
            return false;
        }
        if (!exec(
                q, QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version"), error, context)) {
            rollback();
            return false;
        }
        const int current = q.next() ? q.value(0).toInt() : 0;
        q.finish();
        if (current > latestSchemaVersion()) {
            rollback();
            *error = QStringLiteral("database schema version %1 is newer than this Spanlight supports (%2); "
                                    "use a newer Spanlight or another database")
                         .arg(current)
                         .arg(latestSchemaVersion());
            return false;
        }
        if (current >= m.version) {
            if (!exec(q, QStringLiteral("COMMIT"), error, context))
                return false;
            continue;
        }
        QList<const char *> statements = m.statements;
        if (dialect == Dialect::Postgres)
            statements += m.postgresStatements;
        for (const char *statement : std::as_const(statements)) {
            if (!exec(q, portableSql(dialect, QLatin1String(statement)), error, context)) {
                rollback();
                return false;
            }
        }
        q.prepare(QStringLiteral(
            "INSERT INTO schema_version (version, description, applied_at_ns) VALUES (?, ?, ?)"));
        q.bindValue(0, m.version);
        q.bindValue(1, QString::fromLatin1(m.description));
        q.bindValue(2, QDateTime::currentMSecsSinceEpoch() * 1000000);
        if (!q.exec()) {
            *error = context + QStringLiteral(": ") + sqlErrorText(q.lastError());
            rollback();
            return false;
        }
        if (!exec(q, QStringLiteral("COMMIT"), error, context)) {
            rollback();
            return false;
        }
    }
    return true;
}

} // namespace spanlight::storage
