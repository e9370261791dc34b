#pragma once

#include "core/ingestcounters.h"
#include "core/span.h"
#include "ingest/guards.h"
#include "core/ingestsenders.h"

#include <QFuture>
#include <QString>

#include <functional>

namespace spanlight {

class Store;

// What the pipeline did with one request's spans.
struct IngestOutcome
{
    // Committed: stored (2xx). RateLimited: over MAX_TRACES_PER_SECOND (HTTP 429, gRPC
    // RESOURCE_EXHAUSTED). Overloaded: the writer's queue is full or the server is stopping
    // (HTTP 503, gRPC UNAVAILABLE). Failed: the store failed (HTTP 503, gRPC UNAVAILABLE).
    // Every status but Committed is retryable after `retryAfterSeconds`.
    enum class Status { Committed, RateLimited, Overloaded, Failed };
    Status status = Status::Failed;
    qint64 acceptedSpans = 0;
    qint64 rejectedSpans = 0;
    QString rejectMessage; // why spans were rejected (partial success)
    QString error; // for every status but Committed
    int retryAfterSeconds = 1;
};

// validate -> limit -> sample -> rate-limit -> bounded queue -> single writer, the same for
// every receiver. The future finishes only after the accepted spans are committed.
class IngestPipeline
{
public:
    explicit IngestPipeline(Store &store, IngestLimits limits = {}, std::function<qint64()> nowMs = {})
        : m_store(store), m_limits(limits), m_rateLimiter(limits.maxTracesPerSecond, std::move(nowMs))
    {
    }
    const IngestLimits &limits() const { return m_limits; }

    // Called with every batch's spans after their commit (on the writer's thread; must not
    // block). Forwarding hangs here. Set before the first submit().
    void setCommittedHook(std::function<void(const QList<Span> &)> hook) { m_committedHook = std::move(hook); }

    QFuture<IngestOutcome> submit(SpanBatch batch);

    // MAX_TRACES_PER_SECOND shared with other instances (REDIS_URL). Set before the first submit().
    void setSharedTraceBudget(SharedTraceBudget budget) { m_rateLimiter.setSharedBudget(std::move(budget)); }
    const RateLimitDecisions &rateLimitDecisions() const { return m_rateLimiter.decisions(); }

    IngestCounters &counters() { return m_counters; }
    const IngestCounters &counters() const { return m_counters; }
    // Per sender (protocol, address, service): what submit() stored and refused; receivers add
    // the requests they refuse before decoding.
    IngestSenders &senders() { return m_senders; }
    const IngestSenders &senders() const { return m_senders; }

private:
    Store &m_store;
    IngestLimits m_limits;
    TraceRateLimiter m_rateLimiter;
    IngestCounters m_counters;
    IngestSenders m_senders;
    std::function<void(const QList<Span> &)> m_committedHook;
};

} // namespace spanlight
