#pragma once

#include <QString>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace spanlight {

class Store;

// What retention keeps (TRACE_RETENTION_DAYS, MAX_DB_SIZE_MB) and how often it looks.
struct RetentionPolicy
{
    int retentionDays = 7; // traces that started longer ago are deleted
    qint64 maxUsedBytes = 0; // SQLite: the pages in use are kept under this; 0: no cap
    int minAuditDays = 90; // audit rows are kept this long, or retentionDays if longer
    std::chrono::milliseconds interval { 60000 };
    std::function<qint64()> nowNs; // the clock (Unix ns); the system clock when empty
};

// For /metrics; written by the job, read from any thread.
struct RetentionCounters
{
    std::atomic<qint64> runs = 0; // finished runs
    std::atomic<qint64> failures = 0; // runs stopped by a storage error
    std::atomic<qint64> tracesByAge = 0;
    std::atomic<qint64> spansByAge = 0;
    std::atomic<qint64> tracesBySize = 0;
    std::atomic<qint64> spansBySize = 0;
    std::atomic<qint64> auditRows = 0;
    std::atomic<qint64> partitionsDropped = 0; // PostgreSQL: day partitions of spans
    std::atomic<qint64> lastRunUnixNs = 0; // when the last run finished
    std::atomic<qint64> usedBytes = -1; // Store::usedBytes() after the last run
};

// Enforces a RetentionPolicy on its own thread, once at start and then every interval: deletes
// the traces that started before the retention window (oldest first, Store::kDeleteChunk traces
// per transaction on the store's writer, between span writes), then, over the size cap, the oldest traces
// until about 10% under it, then old audit rows. Everything derived from a trace goes with it
// (Store::deleteTraces).
class RetentionJob
{
public:
    RetentionJob(const Store &store, RetentionPolicy policy);
    ~RetentionJob(); // stop()

    void start();
    // Ends the thread after the chunk in progress. Idempotent.
    void stop();
    // One run on the calling thread (tests; the thread calls it too). False on a storage error.
    bool runOnce();
    const RetentionCounters &counters() const { return m_counters; }
    QString lastError() const;

    // The Prometheus text of the counters and the policy.
    QByteArray metrics() const;

private:
    qint64 now() const;
    bool stopping() const { return m_stopping.load(); }
    // Deletes the oldest traces (that started before `beforeNs` when set) until `spanBudget`
    // spans are gone (when set) or none are left; adds to the counters.
    bool deleteOldest(std::optional<qint64> beforeNs, std::optional<qint64> spanBudget,
        std::atomic<qint64> &traces, std::atomic<qint64> &spans);
    // PostgreSQL: detaches the day partitions before `beforeNs` (a day's start), deletes their
    // traces and drops them; adds to the age counters.
    bool dropPartitions(qint64 beforeNs);
    // Deletes the rollup rows of the hours before the one holding `beforeNs`.
    bool dropRollups(qint64 beforeNs);
    void fail(const QString &error);

    const Store &m_store;
    const RetentionPolicy m_policy;
    RetentionCounters m_counters;
    mutable std::mutex m_mutex; // guards m_lastError and the wake-up
    std::condition_variable m_wake;
    QString m_lastError;
    std::atomic<bool> m_stopping = false;
    std::thread m_thread;
};

} // namespace spanlight
