#include "pipeline.h"

#include "storage/store.h"

namespace spanlight {

QFuture<IngestOutcome> IngestPipeline::submit(SpanBatch batch)
{
    m_counters.spansReceived += batch.spans.size() + batch.rejectedSpans;
    validateBatch(batch); // decoders validate already; this keeps the promise for any caller
    m_counters.spansRejectedInvalid += batch.rejectedSpans;
    const LimitEffects effects = applySpanLimits(batch, m_limits);
    m_counters.spansRejectedRequestLimit += effects.spansOverRequestLimit;
    m_counters.attributesDropped += effects.attributesDropped;
    m_counters.valuesTruncated += effects.valuesTruncated;
    m_counters.spansRejected += batch.rejectedSpans;

    if (m_limits.samplingRate < 1.0) {
        const qsizetype before = batch.spans.size();
        batch.spans.removeIf([rate = m_limits.samplingRate](const Span &s) {
            return !sampleTrace(s.traceId, rate) && !alwaysKeep(s);
        });
        m_counters.spansSampledOut += before - batch.spans.size();
    }

    IngestOutcome base;
    base.rejectedSpans = batch.rejectedSpans;
    base.rejectMessage = batch.rejectReasons.join(QStringLiteral("; "));
    if (batch.spans.isEmpty()) {
        base.status = IngestOutcome::Status::Committed;
        return QtFuture::makeReadyFuture(base);
    }
    if (const int wait = m_rateLimiter.admit(batch.spans); wait > 0) {
        ++m_counters.requestsRateLimited;
        m_counters.spansRejectedRateLimited += batch.spans.size();
        base.status = IngestOutcome::Status::RateLimited;
        base.retryAfterSeconds = wait;
        base.error = QStringLiteral("over the limit of %1 traces per second (MAX_TRACES_PER_SECOND); retry in %2 s")
                         .arg(m_limits.maxTracesPerSecond)
                         .arg(wait);
        return QtFuture::makeReadyFuture(base);
    }
    const qint64 count = batch.spans.size();
    // Implicitly shared: keeping the spans for the hook costs a reference, not a copy.
    QList<Span> forHook = m_committedHook ? batch.spans : QList<Span>();
    const int protocol = int(batch.protocol);
    return m_store.write(std::move(batch.spans)).then(QtFuture::Launch::Sync, [this, base, count, forHook, protocol](const WriteResult &r) {
        IngestOutcome out = base;
        switch (r.status) {
        case WriteResult::Status::Committed:
            out.status = IngestOutcome::Status::Committed;
            out.acceptedSpans = count;
            m_counters.spansAccepted += count;
            m_counters.spansAcceptedByProtocol[size_t(protocol)] += count;
            if (m_committedHook)
                m_committedHook(forHook);
            break;
        case WriteResult::Status::QueueFull:
            m_counters.spansRejectedOverloaded += count;
            out.status = IngestOutcome::Status::Overloaded;
            out.error = QStringLiteral("the ingest queue is full; retry later");
            ++m_counters.requestsOverloaded;
            break;
        case WriteResult::Status::Closed:
            m_counters.spansRejectedOverloaded += count;
            out.status = IngestOutcome::Status::Overloaded;
            out.error = QStringLiteral("the server is shutting down; retry later");
            ++m_counters.requestsOverloaded;
            break;
        case WriteResult::Status::Failed:
            out.status = IngestOutcome::Status::Failed;
            out.error = QStringLiteral("storing the spans failed: ") + r.error;
            out.retryAfterSeconds = 5;
            ++m_counters.requestsFailed;
            break;
        }
        return out;
    });
}

} // namespace spanlight
