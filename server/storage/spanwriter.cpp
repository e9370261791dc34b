#include "spanwriter.h"

#include "core/latencyhistogram.h"
#include "core/logging.h"
#include "core/spanerror.h"
#include "edgewriter.h"
#include "rollupsums.h"
#include "rowcodec.h"
#include "statement.h"

#include <QDateTime>
#include <QHash>
#include <QMap>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace spanlight::storage {

namespace {

// What the spans of one group add to one trace summary. The same merge rules run here (within
// the group) and in the upsert below (group against the stored row), so the result does not
// depend on how spans were split into batches or in which order they arrived.
struct TraceAggregate
{
    QByteArray traceId;
    // The representative span: a root beats a non-root, then the earlier start, then the smaller id.
    QByteArray repSpanId;
    qint64 repStartNs = 0;
    bool hasRoot = false;
    QString service;
    QString operation;
    QJsonObject repAttributes;
    qint64 startNs = 0;
    qint64 endNs = 0;
    qint64 spanCount = 0;
    qint64 errorCount = 0;
    int status = 0; // 0 success, 1 error, 2 timeout: the maximum over spans
    // The first error span: the earliest start, then the smaller id.
    bool hasError = false;
    QByteArray errorSpanId;
    qint64 errorStartNs = 0;
    QString errorMessage;

    void add(const Span &s)
    {
        const bool root = s.isRoot();
        const bool better = spanCount == 0 || (root && !hasRoot)
            || (root == hasRoot
                && (s.startTimeUnixNano < repStartNs
                    || (s.startTimeUnixNano == repStartNs && s.spanId < repSpanId)));
        if (better) {
            repSpanId = s.spanId;
            repStartNs = s.startTimeUnixNano;
            hasRoot = root;
            service = s.serviceName;
            operation = s.name;
            repAttributes = s.attributes;
        }
        startNs = spanCount == 0 ? s.startTimeUnixNano : std::min(startNs, s.startTimeUnixNano);
        endNs = spanCount == 0 ? s.endTimeUnixNano : std::max(endNs, s.endTimeUnixNano);
        ++spanCount;
        if (!isErrorSpan(s))
            return;
        ++errorCount;
        status = std::max(status, isTimeoutError(s) ? 2 : 1);
        if (!hasError || s.startTimeUnixNano < errorStartNs
            || (s.startTimeUnixNano == errorStartNs && s.spanId < errorSpanId)) {
            hasError = true;
            errorSpanId = s.spanId;
            errorStartNs = s.startTimeUnixNano;
            errorMessage = s.statusMessage;
        }
    }
};

QString insertSpanSql()
{
    QStringList marks;
    for (int i = 0; i <= spanColumnCount(); ++i)
        marks.append(QStringLiteral("?"));
    return QStringLiteral("INSERT INTO spans (") + spanColumns() + QStringLiteral(", external_target) VALUES (")
        + marks.join(u',') + QStringLiteral(") ON CONFLICT DO NOTHING"); // spans_trace_span, see migration 9
}

QString upsertSummarySql()
{
    const QString newRep = QStringLiteral(
        "(excluded.has_root > trace_summaries.has_root OR (excluded.has_root = trace_summaries.has_root AND"
        " (excluded.root_start_ns < trace_summaries.root_start_ns OR (excluded.root_start_ns = "
        "trace_summaries.root_start_ns"
        " AND excluded.root_span_id < trace_summaries.root_span_id))))");
    const QString newError
        = QStringLiteral("(excluded.error_start_ns IS NOT NULL AND (trace_summaries.error_start_ns IS NULL"
                         " OR excluded.error_start_ns < trace_summaries.error_start_ns OR "
                         "(excluded.error_start_ns = trace_summaries.error_start_ns"
                         " AND excluded.error_span_id < trace_summaries.error_span_id)))");
    auto pick = [](const QString &condition, const char *column) {
        const QLatin1String c(column);
        return QString(c + QStringLiteral(" = CASE WHEN ") + condition + QStringLiteral(" THEN excluded.") + c
            + QStringLiteral(" ELSE trace_summaries.") + c + QStringLiteral(" END"));
    };
    QStringList set;
    for (const char *c :
        { "root_span_id", "root_start_ns", "service_name", "operation_name", "root_attributes", "has_root" })
        set.append(pick(newRep, c));
    set.append(pick(QStringLiteral("excluded.start_ns < trace_summaries.start_ns"), "start_ns"));
    set.append(pick(QStringLiteral("excluded.end_ns > trace_summaries.end_ns"), "end_ns"));
    set.append(QStringLiteral("span_count = trace_summaries.span_count + excluded.span_count"));
    set.append(QStringLiteral("error_count = trace_summaries.error_count + excluded.error_count"));
    set.append(pick(QStringLiteral("excluded.status > trace_summaries.status"), "status"));
    for (const char *c : { "error_span_id", "error_start_ns", "error_message" })
        set.append(pick(newError, c));
    return QStringLiteral(
               "INSERT INTO trace_summaries (trace_id, root_span_id, root_start_ns, service_name, "
               "operation_name,"
               " root_attributes, has_root, start_ns, end_ns, span_count, error_count, status, error_span_id,"
               " error_start_ns, error_message) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
               " ON CONFLICT (trace_id) DO UPDATE SET ")
        + set.join(QStringLiteral(", "))
        // The row as the upsert left it: its span_count equals the group's own only when this
        // statement created it (a stored row counts at least one span already). So a new trace is
        // told by the same atomic statement that creates it, and two servers on one PostgreSQL
        // cannot both count one trace, as they could with a probe before the upsert.
        + QStringLiteral(" RETURNING span_count");
}

// span_rollups or span_rollups_hourly (timeColumn minute_ns or hour_ns).
QString upsertRollupSql(const char *table, const char *timeColumn)
{
    return QStringLiteral(
        "INSERT INTO %1 (service_name, %2, operation_name, kind, is_entry, span_count,"
        " error_count, duration_sum_ns, duration_max_ns, last_start_ns) VALUES (?,?,?,?,?,?,?,?,?,?)"
        " ON CONFLICT (service_name, %2, operation_name, kind, is_entry) DO UPDATE SET"
        " span_count = %1.span_count + excluded.span_count,"
        " error_count = %1.error_count + excluded.error_count,"
        " duration_sum_ns = %1.duration_sum_ns + excluded.duration_sum_ns,"
        " duration_max_ns = CASE WHEN excluded.duration_max_ns > %1.duration_max_ns"
        " THEN excluded.duration_max_ns ELSE %1.duration_max_ns END,"
        " last_start_ns = CASE WHEN excluded.last_start_ns > %1.last_start_ns"
        " THEN excluded.last_start_ns ELSE %1.last_start_ns END")
        .arg(QLatin1String(table), QLatin1String(timeColumn));
}

// rollup_buckets or rollup_buckets_hourly.
QString upsertBucketSql(const char *table, const char *timeColumn)
{
    return QStringLiteral(
        "INSERT INTO %1 (service_name, %2, operation_name, is_entry, bucket, bucket_count)"
        " VALUES (?,?,?,?,?,?) ON CONFLICT (service_name, %2, operation_name, is_entry, bucket)"
        " DO UPDATE SET bucket_count = %1.bucket_count + excluded.bucket_count")
        .arg(QLatin1String(table), QLatin1String(timeColumn));
}

// Upserts each key once, in key order (concurrent writers on one PostgreSQL lock rows in one order).
bool upsertRollups(QSqlDatabase &db, Dialect dialect, const QHash<RollupKey, RollupCounts> &rollups,
    const char *table, const char *timeColumn, QString *error)
{
    const std::unique_ptr<Statement> upsert
        = Statement::prepare(db, dialect, upsertRollupSql(table, timeColumn), error);
    if (!upsert)
        return false;
    QList<RollupKey> keys = rollups.keys();
    std::sort(keys.begin(), keys.end());
    for (const RollupKey &k : std::as_const(keys)) {
        const RollupCounts &c = *rollups.constFind(k);
        upsert->bindText(0, k.service);
        upsert->bindInt(1, k.minuteNs);
        upsert->bindText(2, k.operation);
        upsert->bindInt(3, k.kind);
        upsert->bindInt(4, k.entry);
        upsert->bindInt(5, c.spans);
        upsert->bindInt(6, c.errors);
        upsert->bindInt(7, c.durationSumNs);
        upsert->bindInt(8, c.durationMaxNs);
        upsert->bindInt(9, c.lastStartNs);
        if (!upsert->exec()) {
            *error = upsert->errorText();
            return false;
        }
    }
    return true;
}

bool upsertBuckets(QSqlDatabase &db, Dialect dialect, const QHash<RollupKey, LatencyHistogram> &histograms,
    const char *table, const char *timeColumn, QString *error)
{
    const std::unique_ptr<Statement> bucket
        = Statement::prepare(db, dialect, upsertBucketSql(table, timeColumn), error);
    if (!bucket)
        return false;
    QList<RollupKey> keys = histograms.keys();
    std::sort(keys.begin(), keys.end());
    for (const RollupKey &k : std::as_const(keys)) {
        const QMap<int, qint64> &buckets = histograms.constFind(k)->buckets(); // not [], a copy
        for (auto it = buckets.cbegin(); it != buckets.cend(); ++it) {
            bucket->bindText(0, k.service);
            bucket->bindInt(1, k.minuteNs);
            bucket->bindText(2, k.operation);
            bucket->bindInt(3, k.entry);
            bucket->bindInt(4, it.key());
            bucket->bindInt(5, it.value());
            if (!bucket->exec()) {
                *error = bucket->errorText();
                return false;
            }
        }
    }
    return true;
}

// A new slot is one insert; an existing one is read (locked on PostgreSQL), merged and written
// back: histograms are text, so the database cannot add them itself.
bool upsertRequestRollups(QSqlDatabase &db, Dialect dialect, const QMap<qint64, RequestSums> &sums,
    const char *table, const char *timeColumn, QString *error)
{
    const QString t = QLatin1String(table);
    const QString time = QLatin1String(timeColumn);
    const std::unique_ptr<Statement> insert = Statement::prepare(db, dialect,
        QStringLiteral("INSERT INTO %1 (%2, span_count, error_count, duration_sum_ns, duration_max_ns,"
                       " last_start_ns, histogram) VALUES (?,?,?,?,?,?,?) ON CONFLICT (%2) DO NOTHING")
            .arg(t, time),
        error);
    const std::unique_ptr<Statement> select = Statement::prepare(db, dialect,
        QStringLiteral("SELECT histogram FROM %1 WHERE %2 = ?").arg(t, time) + forUpdateSql(dialect), error);
    const std::unique_ptr<Statement> update = Statement::prepare(db, dialect,
        QStringLiteral("UPDATE %1 SET span_count = span_count + ?, error_count = error_count + ?,"
                       " duration_sum_ns = duration_sum_ns + ?,"
                       " duration_max_ns = CASE WHEN duration_max_ns > ? THEN duration_max_ns ELSE ? END,"
                       " last_start_ns = CASE WHEN last_start_ns > ? THEN last_start_ns ELSE ? END,"
                       " histogram = ? WHERE %2 = ?")
            .arg(t, time),
        error);
    if (!insert || !select || !update)
        return false;
    for (auto it = sums.cbegin(); it != sums.cend(); ++it) {
        const RollupCounts &c = it->counts;
        insert->bindInt(0, it.key());
        insert->bindInt(1, c.spans);
        insert->bindInt(2, c.errors);
        insert->bindInt(3, c.durationSumNs);
        insert->bindInt(4, c.durationMaxNs);
        insert->bindInt(5, c.lastStartNs);
        const QByteArray text = it->histogram.serialize(); // bound by reference: alive until exec()
        insert->bindUtf8Text(6, text);
        if (!insert->exec()) {
            *error = insert->errorText();
            return false;
        }
        if (insert->changes() > 0)
            continue;
        select->bindInt(0, it.key());
        if (!select->query()) {
            *error = select->errorText();
            return false;
        }
        LatencyHistogram merged = it->histogram;
        while (select->next())
            merged.mergeSerialized(select->textValue(0).toUtf8());
        if (!select->ok()) {
            *error = select->errorText();
            return false;
        }
        update->bindInt(0, c.spans);
        update->bindInt(1, c.errors);
        update->bindInt(2, c.durationSumNs);
        update->bindInt(3, c.durationMaxNs);
        update->bindInt(4, c.durationMaxNs);
        update->bindInt(5, c.lastStartNs);
        update->bindInt(6, c.lastStartNs);
        const QByteArray mergedText = merged.serialize();
        update->bindUtf8Text(7, mergedText);
        update->bindInt(8, it.key());
        if (!update->exec()) {
            *error = update->errorText();
            return false;
        }
    }
    return true;
}

QString insertErrorSql()
{
    return QStringLiteral(
        "INSERT INTO errors (trace_id, span_id, time_ns, service_name, operation_name, kind, is_root,"
        " error_type, error_message, stack_trace, fingerprint) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
}

bool upsertErrorGroups(
    QSqlDatabase &db, Dialect dialect, const QHash<ErrorGroupKey, ErrorGroupCounts> &groups, QString *error)
{
    const std::unique_ptr<Statement> upsert = Statement::prepare(db, dialect,
        QStringLiteral(
            "INSERT INTO error_groups_hourly (fingerprint, service_name, error_type, is_root, kind,"
            " hour_ns, error_count, last_ns) VALUES (?,?,?,?,?,?,?,?)"
            " ON CONFLICT (fingerprint, service_name, error_type, is_root, kind, hour_ns) DO UPDATE SET"
            " error_count = error_groups_hourly.error_count + excluded.error_count,"
            " last_ns = CASE WHEN excluded.last_ns > error_groups_hourly.last_ns"
            " THEN excluded.last_ns ELSE error_groups_hourly.last_ns END"),
        error);
    if (!upsert)
        return false;
    QList<ErrorGroupKey> keys = groups.keys();
    std::sort(keys.begin(), keys.end());
    for (const ErrorGroupKey &k : std::as_const(keys)) {
        const ErrorGroupCounts &c = *groups.constFind(k);
        upsert->bindText(0, k.fingerprint);
        upsert->bindText(1, k.service);
        upsert->bindText(2, k.type);
        upsert->bindInt(3, k.root);
        upsert->bindInt(4, k.kind);
        upsert->bindInt(5, k.hourNs);
        upsert->bindInt(6, c.count);
        upsert->bindInt(7, c.lastNs);
        if (!upsert->exec()) {
            *error = upsert->errorText();
            return false;
        }
    }
    return true;
}

} // namespace

SpanWriter::SpanWriter(QString connectionName, Dialect dialect)
    : m_connectionName(std::move(connectionName))
    , m_dialect(dialect)
    , m_partitions(dialect)
{ }

SpanWriter::Outcome SpanWriter::write(const QList<const QList<Span> *> &batches)
{
    Outcome out;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    // Not a reason to fail the write: spans_default takes every start without a partition.
    QString partitionError;
    if (!m_partitions.ensureFor(db, batches, QDateTime::currentMSecsSinceEpoch() * 1000000, &partitionError)
        && m_partitionFailures++ % 100 == 0)
        qCWarning(lcStorage).noquote() << partitionError << "(the spans go into spans_default meanwhile)";
    {
        QSqlQuery begin(db);
        if (!begin.exec(beginWriteSql(m_dialect))) {
            out.error
                = QStringLiteral("cannot begin a write transaction: ") + sqlErrorText(begin.lastError());
            return out;
        }
    }
    if (writeInTransaction(db, batches, out)) {
        QSqlQuery commit(db);
        if (commit.exec(QStringLiteral("COMMIT"))) {
            out.ok = true;
            return out;
        }
        out.error = QStringLiteral("commit failed: ") + sqlErrorText(commit.lastError());
    }
    QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
    out.inserted.clear();
    out.spans = out.traces = 0;
    return out;
}

bool SpanWriter::writeInTransaction(QSqlDatabase &db, const QList<const QList<Span> *> &batches, Outcome &out)
{
    auto fail = [&out](const QString &what, const QString &error) {
        out.error = what + QStringLiteral(": ") + error;
        return false;
    };
    QString error;

    const std::unique_ptr<Statement> insert = Statement::prepare(db, m_dialect, insertSpanSql(), &error);
    if (!insert)
        return fail(QStringLiteral("cannot prepare the span insert"), error);

    QHash<QByteArray, TraceAggregate> traces;
    struct Operation
    {
        QString service;
        QString operation;
        QByteArray traceId;
    };
    QList<Operation> operations;
    QHash<QByteArray, QSet<std::pair<QString, QString>>> operationsPerTrace;
    SpanBinder binder;
    // Rollups are summed per key in memory first: one upsert per key and group, not per span.
    SpanSums sums;
    const QHash<RollupKey, RollupCounts> &rollups = sums.rollups;
    const QHash<RollupKey, LatencyHistogram> &histograms = sums.histograms;
    QList<const Span *> failedSpans; // inserted spans with error status
    // Once a minute (and at the first write), in the same transaction, before children are matched.
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    if (nowMs - m_lastExpiryMs >= 60 * 1000) {
        if (!EdgeWriter::dropExpired(db, m_dialect, nowMs * 1000000, &error))
            return fail(QStringLiteral("cannot expire waiting dependency edges"), error);
        m_lastExpiryMs = nowMs;
    }
    EdgeWriter edges(db, m_dialect);
    if (!edges.prepare(batches, &error))
        return fail(QStringLiteral("cannot read waiting dependency edges"), error);

    for (const QList<Span> *batch : batches) {
        qint64 inserted = 0;
        for (const Span &span : *batch) {
            binder.bind(*insert, span);
            const QString externalTarget = edges.externalTargetOf(span);
            insert->bindText(spanColumnCount(), externalTarget);
            if (!insert->exec())
                return fail(QStringLiteral("cannot insert span"), insert->errorText());
            // ON CONFLICT DO NOTHING: a span written before changes nothing, not even the counts.
            if (insert->changes() <= 0)
                continue;
            ++inserted;
            edges.addInserted(span, externalTarget);
            sums.addSpan(span);
            if (isErrorSpan(span))
                failedSpans.append(&span);
            TraceAggregate &agg = traces[span.traceId];
            agg.traceId = span.traceId;
            agg.add(span);
            auto &ops = operationsPerTrace[span.traceId];
            const std::pair<QString, QString> key(nonNull(span.serviceName), nonNull(span.name));
            if (!ops.contains(key)) {
                ops.insert(key);
                operations.append({ key.first, key.second, span.traceId });
            }
        }
        out.inserted.append(inserted);
        out.spans += inserted;
    }

    if (!failedSpans.isEmpty()) {
        const std::unique_ptr<Statement> errorInsert
            = Statement::prepare(db, m_dialect, insertErrorSql(), &error);
        if (!errorInsert)
            return fail(QStringLiteral("cannot prepare the error insert"), error);
        for (const Span *span : std::as_const(failedSpans)) {
            const SpanError e = spanError(*span);
            const QString &service = nonNull(span->serviceName);
            const QString &operation = nonNull(span->name);
            const QString fingerprint = errorFingerprint(service, operation, e.type, e.message);
            errorInsert->bindBlob(0, span->traceId);
            errorInsert->bindBlob(1, span->spanId);
            errorInsert->bindInt(2, span->startTimeUnixNano);
            errorInsert->bindText(3, service);
            errorInsert->bindText(4, operation);
            errorInsert->bindInt(5, int(span->kind));
            errorInsert->bindInt(6, span->isRoot() ? 1 : 0);
            errorInsert->bindText(7, e.type);
            errorInsert->bindText(8, e.message);
            errorInsert->bindText(9, e.stackTrace);
            errorInsert->bindText(10, fingerprint);
            if (!errorInsert->exec())
                return fail(QStringLiteral("cannot insert an error"), errorInsert->errorText());
            sums.addError(*span, e.type, fingerprint);
        }
        // Each error row is also counted in exactly one hourly group row.
        if (!upsertErrorGroups(db, m_dialect, sums.errorGroups, &error))
            return fail(QStringLiteral("cannot update an hourly error group"), error);
    }

    if (!edges.write(&error))
        return fail(QStringLiteral("cannot write dependency edges"), error);

    // Sorted, so that concurrent writers (several servers on one PostgreSQL) lock rows in one order.
    QList<QByteArray> traceIds = traces.keys();
    std::sort(traceIds.begin(), traceIds.end());

    qint64 newTraces = 0; // summaries created by this transaction
    if (!traceIds.isEmpty()) {
        const std::unique_ptr<Statement> upsert
            = Statement::prepare(db, m_dialect, upsertSummarySql(), &error);
        if (!upsert)
            return fail(QStringLiteral("cannot prepare the summary upsert"), error);
        for (const QByteArray &id : std::as_const(traceIds)) {
            const TraceAggregate &a = traces[id];
            const QByteArray repAttributes = attributesToJson(a.repAttributes);
            upsert->bindBlob(0, a.traceId);
            upsert->bindBlob(1, a.repSpanId);
            upsert->bindInt(2, a.repStartNs);
            upsert->bindText(3, nonNull(a.service));
            upsert->bindText(4, nonNull(a.operation));
            upsert->bindUtf8Text(5, repAttributes);
            upsert->bindInt(6, a.hasRoot ? 1 : 0);
            upsert->bindInt(7, a.startNs);
            upsert->bindInt(8, a.endNs);
            upsert->bindInt(9, a.spanCount);
            upsert->bindInt(10, a.errorCount);
            upsert->bindInt(11, a.status);
            if (a.hasError) {
                upsert->bindBlob(12, a.errorSpanId);
                upsert->bindInt(13, a.errorStartNs);
            } else {
                upsert->bindNull(12);
                upsert->bindNull(13);
            }
            upsert->bindText(14, a.errorMessage);
            if (!upsert->query())
                return fail(QStringLiteral("cannot update the trace summary"), upsert->errorText());
            qint64 storedSpans = -1;
            while (upsert->next())
                storedSpans = upsert->intValue(0);
            if (!upsert->ok())
                return fail(QStringLiteral("cannot update the trace summary"), upsert->errorText());
            if (storedSpans == a.spanCount)
                ++newTraces;
        }
    }

    if (!operations.isEmpty()) {
        // A (service, trace) pair the database did not have yet adds a trace to the service.
        const std::unique_ptr<Statement> pair = Statement::prepare(db, m_dialect,
            QStringLiteral("INSERT INTO trace_services (service_name, trace_id) VALUES (?, ?) ON CONFLICT DO NOTHING"),
            &error);
        if (!pair)
            return fail(QStringLiteral("cannot prepare the trace service insert"), error);
        QMap<QString, qint64> newTraces; // sorted: one lock order for concurrent writers
        QSet<std::pair<QString, QByteArray>> seen;
        for (const Operation &o : std::as_const(operations)) {
            if (seen.contains({ o.service, o.traceId }))
                continue;
            seen.insert({ o.service, o.traceId });
            pair->bindText(0, o.service);
            pair->bindBlob(1, o.traceId);
            if (!pair->exec())
                return fail(QStringLiteral("cannot insert a trace service"), pair->errorText());
            if (pair->changes() > 0)
                ++newTraces[o.service];
        }
        if (!newTraces.isEmpty()) {
            const std::unique_ptr<Statement> total = Statement::prepare(db, m_dialect,
                QStringLiteral("INSERT INTO service_totals (service_name, trace_count) VALUES (?, ?)"
                               " ON CONFLICT (service_name) DO UPDATE SET"
                               " trace_count = service_totals.trace_count + excluded.trace_count"),
                &error);
            if (!total)
                return fail(QStringLiteral("cannot prepare the service total upsert"), error);
            for (auto it = newTraces.cbegin(); it != newTraces.cend(); ++it) {
                total->bindText(0, it.key());
                total->bindInt(1, it.value());
                if (!total->exec())
                    return fail(QStringLiteral("cannot update a service total"), total->errorText());
            }
        }
        const std::unique_ptr<Statement> op = Statement::prepare(db, m_dialect,
            QStringLiteral(
                "INSERT INTO trace_operations (service_name, operation_name, trace_id) VALUES (?, ?, ?)"
                " ON CONFLICT DO NOTHING"),
            &error);
        if (!op)
            return fail(QStringLiteral("cannot prepare the operation insert"), error);
        for (const Operation &o : std::as_const(operations)) {
            op->bindText(0, o.service);
            op->bindText(1, o.operation);
            op->bindBlob(2, o.traceId);
            if (!op->exec())
                return fail(QStringLiteral("cannot insert a trace operation"), op->errorText());
        }
    }
    if (!rollups.isEmpty()) {
        // The hourly tables get the same sums, per hour: the hours a window covers whole are read
        // there instead of minute by minute.
        const QHash<RollupKey, RollupCounts> hourlyRollups
            = perHour(rollups, [](RollupCounts &sum, const RollupCounts &c) { sum.add(c); });
        const QHash<RollupKey, LatencyHistogram> hourlyHistograms
            = perHour(histograms, [](LatencyHistogram &sum, const LatencyHistogram &h) { sum.merge(h); });
        if (!upsertRollups(db, m_dialect, rollups, "span_rollups", "minute_ns", &error))
            return fail(QStringLiteral("cannot update a rollup"), error);
        if (!upsertBuckets(db, m_dialect, histograms, "rollup_buckets", "minute_ns", &error))
            return fail(QStringLiteral("cannot update a latency bucket"), error);
        if (!upsertRollups(db, m_dialect, hourlyRollups, "span_rollups_hourly", "hour_ns", &error))
            return fail(QStringLiteral("cannot update an hourly rollup"), error);
        if (!upsertBuckets(db, m_dialect, hourlyHistograms, "rollup_buckets_hourly", "hour_ns", &error))
            return fail(QStringLiteral("cannot update an hourly latency bucket"), error);
        if (!upsertRequestRollups(db, m_dialect, requestSums(rollups, histograms, sameMinute), "request_rollups",
                "minute_ns", &error))
            return fail(QStringLiteral("cannot update a request rollup"), error);
        if (!upsertRequestRollups(db, m_dialect, requestSums(rollups, histograms, hourOf), "request_rollups_hourly",
                "hour_ns", &error))
            return fail(QStringLiteral("cannot update an hourly request rollup"), error);
    }
    if (out.spans > 0) {
        // Every write updates this one row: it comes last, so that concurrent writers on one
        // PostgreSQL wait for each other on it only from here to their commits.
        const std::unique_ptr<Statement> totals = Statement::prepare(db, m_dialect,
            QStringLiteral(
                "INSERT INTO store_totals (id, span_count, trace_count) VALUES (1, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET span_count = store_totals.span_count + excluded.span_count,"
                " trace_count = store_totals.trace_count + excluded.trace_count"),
            &error);
        if (!totals)
            return fail(QStringLiteral("cannot prepare the store totals update"), error);
        totals->bindInt(0, out.spans);
        totals->bindInt(1, newTraces);
        if (!totals->exec())
            return fail(QStringLiteral("cannot update the store totals"), totals->errorText());
    }
    out.traces = traceIds.size();
    return true;
}

} // namespace spanlight::storage
