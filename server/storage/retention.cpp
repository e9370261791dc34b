#include "retention.h"

#include "core/logging.h"
#include "spanpartitions.h"
#include "store.h"

#include <QDateTime>

#include <cmath>

namespace spanlight {

namespace {

constexpr qint64 kHourNs = qint64(3600) * 1000000000;
constexpr int kBatchTraces = 4 * Store::kDeleteChunk;
constexpr qint64 kBatchSpans = 20000;

} // namespace

RetentionJob::RetentionJob(const Store &store, RetentionPolicy policy)
    : m_store(store)
    , m_policy(std::move(policy))
{ }

RetentionJob::~RetentionJob()
{
    stop();
}

void RetentionJob::start()
{
    if (m_thread.joinable())
        return;
    m_thread = std::thread([this] {
        for (;;) {
            runOnce();
            std::unique_lock lock(m_mutex);
            if (m_wake.wait_for(lock, m_policy.interval, [this] { return stopping(); }))
                return;
        }
    });
}

void RetentionJob::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

qint64 RetentionJob::now() const
{
    return m_policy.nowNs ? m_policy.nowNs() : QDateTime::currentMSecsSinceEpoch() * 1000000;
}

QString RetentionJob::lastError() const
{
    std::lock_guard lock(m_mutex);
    return m_lastError;
}

void RetentionJob::fail(const QString &error)
{
    qCWarning(lcStorage).noquote() << "retention:" << error;
    ++m_counters.failures;
    std::lock_guard lock(m_mutex);
    m_lastError = error;
}

bool RetentionJob::deleteOldest(std::optional<qint64> beforeNs, std::optional<qint64> spanBudget,
    std::atomic<qint64> &traces, std::atomic<qint64> &spans)
{
    qint64 deletedSpans = 0;
    int emptyRounds = 0;
    while (!stopping() && (!spanBudget || deletedSpans < *spanBudget)) {
        // Up to kBatchTraces traces and about kBatchSpans spans per call (one trace at least):
        // the store deletes them kDeleteChunk traces per transaction, two queued at a time.
        QList<QByteArray> ids;
        qint64 chunkSpans = 0;
        for (const TraceAge &t : m_store.oldestTraces(beforeNs, kBatchTraces)) {
            if ((spanBudget && deletedSpans + chunkSpans >= *spanBudget)
                || (!ids.isEmpty() && chunkSpans + t.spanCount > kBatchSpans))
                break;
            ids.append(t.traceId);
            chunkSpans += t.spanCount;
        }
        if (ids.isEmpty())
            return true;
        const DeleteResult r = m_store.purgeTraces(ids);
        traces += r.traces;
        spans += r.spans;
        deletedSpans += r.spans;
        if (!r.ok) {
            fail(QStringLiteral("cannot delete old traces: ") + r.error);
            return false;
        }
        if (r.traces == 0) { // listed but already gone (another server, a DELETE): read again, once
            if (++emptyRounds > 1)
                return true;
            continue;
        }
        emptyRounds = 0;
    }
    return true;
}

bool RetentionJob::dropPartitions(qint64 beforeNs)
{
    QString error;
    bool ok = true;
    // A lock timeout (a long query on spans) is no reason to skip the rest: the days detached
    // before are purged below, and the next run detaches these.
    if (!m_store.detachSpanPartitionsBefore(beforeNs, &error)) {
        fail(QStringLiteral("cannot detach old partitions: ") + error);
        ok = false;
    }
    // Also the partitions an earlier run (or another server) detached and did not finish.
    while (!stopping()) {
        // 10 steps (2,000 traces) per call, so that stop() does not wait long.
        const PartitionStep step = m_store.purgeDetachedPartitions(kBatchTraces, 10);
        m_counters.tracesByAge += step.traces;
        m_counters.spansByAge += step.spans;
        m_counters.partitionsDropped += step.dropped;
        if (!step.ok) {
            fail(QStringLiteral("cannot delete the traces of an old partition: ") + step.error);
            return false;
        }
        if (step.done)
            break;
    }
    return ok;
}

bool RetentionJob::dropRollups(qint64 beforeNs)
{
    const qint64 hourNs = beforeNs - ((beforeNs % kHourNs) + kHourNs) % kHourNs;
    // An hour per transaction, until done or stopping; bounded, in case spans with old times keep
    // arriving behind it (a client whose clock is days behind): the next run goes on.
    for (int step = 0; step < 24 * 366 && !stopping(); ++step) {
        QString error;
        const std::optional<qint64> upTo = m_store.dropRollupsBefore(hourNs, &error);
        if (!upTo) {
            fail(QStringLiteral("cannot delete old rollups: ") + error);
            return false;
        }
        if (*upTo >= hourNs)
            break;
    }
    return true;
}

bool RetentionJob::runOnce()
{
    const qint64 start = now();
    qint64 cutoff = start - qint64(m_policy.retentionDays) * storage::kDayNs;
    bool partitionsOk = true;
    if (m_store.partitionsSpans()) {
        // PostgreSQL: by whole UTC days, the days wholly before the cutoff (so a trace stays up to
        // a day longer than on SQLite); everything derived from their traces goes as on SQLite,
        // the spans go with their partition's table. The traces left before the day (a partition
        // from before migration 9 that also holds later days) are deleted row by row below.
        // After a failure, the row deletion waits for the next run: it would delete traces of a
        // day still attached row by row, or of one detached but not yet done without its spans.
        cutoff = storage::dayOf(cutoff);
        partitionsOk = dropPartitions(cutoff);
    }
    if (partitionsOk) {
        if (!deleteOldest(cutoff, std::nullopt, m_counters.tracesByAge, m_counters.spansByAge))
            return false;
        // The rollups of the deleted spans go by whole hours: from the cutoff's hour on, they still
        // count the spans of that hour's deleted traces (at most an hour more than the traces).
        if (!dropRollups(cutoff))
            return false;
    }

    if (m_policy.maxUsedBytes > 0 && !stopping()) {
        const qint64 used = m_store.usedBytes();
        if (used > m_policy.maxUsedBytes) {
            // Spans in proportion to the excess, down to 10% under the cap; freed pages are reused
            // rather than returned, and index pages empty more slowly than the rows go, so the
            // next run measures again instead of deleting until the number moves.
            const double target = 0.9 * double(m_policy.maxUsedBytes);
            const qint64 spans = m_store.stats().spans;
            const qint64 budget = std::max<qint64>(1, qint64(std::ceil((double(used) - target) / double(used) * double(spans))));
            qCInfo(lcStorage).noquote() << QStringLiteral("retention: the store uses %1 MB, over MAX_DB_SIZE_MB (%2 MB); deleting the oldest traces (about %3 spans)")
                                                .arg(used / 1000000).arg(m_policy.maxUsedBytes / 1000000).arg(budget);
            if (!deleteOldest(std::nullopt, budget, m_counters.tracesBySize, m_counters.spansBySize))
                return false;
            const QList<TraceAge> oldest = m_store.oldestTraces(std::nullopt, 1);
            if (!dropRollups(oldest.isEmpty() ? now() : oldest.constFirst().startNs))
                return false;
        }
    }

    const int auditDays = std::max(m_policy.minAuditDays, m_policy.retentionDays);
    const qint64 audit = m_store.deleteAuditBefore(start - qint64(auditDays) * storage::kDayNs);
    if (audit < 0) {
        fail(QStringLiteral("cannot delete old audit rows"));
        return false;
    }
    m_counters.auditRows += audit;
    m_counters.usedBytes = m_store.usedBytes();
    m_counters.lastRunUnixNs = now();
    ++m_counters.runs;
    return partitionsOk;
}

QByteArray RetentionJob::metrics() const
{
    QByteArray out;
    auto metric = [&out](const char *name, const char *type, const char *help, const QList<std::pair<QByteArray, double>> &values) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
        for (const auto &[labels, value] : values)
            out += QByteArray(name) + labels + ' ' + QByteArray::number(value, 'g', 15) + '\n';
    };
    const RetentionCounters &c = m_counters;
    metric("tracing_retention_days", "gauge", "TRACE_RETENTION_DAYS: traces that started longer ago are deleted.",
        { { {}, double(m_policy.retentionDays) } });
    metric("tracing_retention_max_used_bytes", "gauge", "MAX_DB_SIZE_MB in bytes (0: no cap).",
        { { {}, double(m_policy.maxUsedBytes) } });
    metric("tracing_database_used_bytes", "gauge",
        "Bytes of the SQLite store's pages in use (space freed by deletions is reused); -1 on PostgreSQL.",
        { { {}, double(m_store.usedBytes()) } });
    metric("tracing_retention_deleted_traces_total", "counter",
        "Traces deleted by retention: past TRACE_RETENTION_DAYS (age) or over MAX_DB_SIZE_MB (size).",
        { { "{reason=\"age\"}", double(c.tracesByAge) }, { "{reason=\"size\"}", double(c.tracesBySize) } });
    metric("tracing_retention_deleted_spans_total", "counter", "Spans deleted by retention, by reason.",
        { { "{reason=\"age\"}", double(c.spansByAge) }, { "{reason=\"size\"}", double(c.spansBySize) } });
    metric("tracing_retention_runs_total", "counter", "Retention runs finished.", { { {}, double(c.runs) } });
    metric("tracing_retention_failures_total", "counter", "Retention runs stopped by a storage error.",
        { { {}, double(c.failures) } });
    metric("tracing_retention_last_run_timestamp_seconds", "gauge", "When the last retention run finished (Unix time).",
        { { {}, double(c.lastRunUnixNs) / 1e9 } });
    metric("tracing_retention_dropped_partitions_total", "counter",
        "PostgreSQL: day partitions of spans dropped by retention (after deleting their traces' other rows).",
        { { {}, double(c.partitionsDropped) } });
    metric("tracing_audit_rows_deleted_total", "counter",
        "Audit rows deleted for age (kept 90 days, or TRACE_RETENTION_DAYS if longer).", { { {}, double(c.auditRows) } });
    return out;
}

} // namespace spanlight
