#pragma once

#include "core/span.h"

#include <QMutex>
#include <QSet>

#include <atomic>
#include <functional>
#include <optional>

namespace spanlight {

// The limits every receiver's spans pass through (same code path for all protocols).
struct IngestLimits
{
    double samplingRate = 1.0; // TRACE_SAMPLING_RATE
    qint64 maxTracesPerSecond = 0; // MAX_TRACES_PER_SECOND; 0: unlimited
    int maxSpansPerRequest = 50000; // MAX_SPANS_PER_REQUEST: spans past this are rejected
    int maxAttributesPerSpan = 128; // MAX_ATTRIBUTES_PER_SPAN: more are dropped and counted
    int maxAttributeValueLength = 16384; // MAX_ATTRIBUTE_VALUE_LENGTH (characters): longer strings are truncated
};

// Trace-id consistent sampling: a trace is kept or dropped whole, the same way on every
// instance. The decision compares the low 56 bits of the trace id (the random part of a W3C
// trace id) with rate * 2^56, like OpenTelemetry's TraceIdRatioBased sampler.
bool sampleTrace(const QByteArray &traceId, double rate);

// Spans kept whatever the sampling rate: failed spans and Zipkin debug spans.
bool alwaysKeep(const Span &span);

// What applySpanLimits changed, for the metrics.
struct LimitEffects
{
    qint64 spansOverRequestLimit = 0;
    qint64 attributesDropped = 0;
    qint64 valuesTruncated = 0;
};

// Drops attributes past the per-span limit (counting them in droppedAttributesCount, as
// OpenTelemetry SDKs do), truncates long string values (in attributes, event attributes and
// resource attributes) and flags a truncated span with the attribute
// `spanlight.truncated_attributes` listing the keys. Rejects spans past the per-request limit.
LimitEffects applySpanLimits(SpanBatch &batch, const IngestLimits &limits);

// A budget of new traces per second that several instances share (REDIS_URL): takes `cost`
// of `rate` and returns 0, or the seconds to wait (>= 1, nothing taken), or nullopt when the
// shared budget cannot be asked now (the limiter then decides alone).
using SharedTraceBudget = std::function<std::optional<int>(qint64 cost, qint64 rate)>;

// How the limiter decided, for /metrics.
struct RateLimitDecisions
{
    std::atomic<qint64> sharedAdmitted = 0;
    std::atomic<qint64> sharedLimited = 0;
    std::atomic<qint64> localAdmitted = 0; // alone: no shared budget, or it could not answer
    std::atomic<qint64> localLimited = 0;
    std::atomic<qint64> fallbacks = 0; // decided alone although a shared budget is configured
};

// MAX_TRACES_PER_SECOND as a token bucket over new trace ids: spans of a trace admitted in the
// last two seconds cost nothing, so a trace that arrives in several requests counts once.
// With a shared budget, new traces are charged there instead of to the bucket; which traces
// were admitted lately stays in this instance's memory (a trace split over two instances
// counts on each). Thread-safe; the clock is injectable for tests.
class TraceRateLimiter
{
public:
    explicit TraceRateLimiter(qint64 tracesPerSecond, std::function<qint64()> nowMs = {});

    // Set before the first admit().
    void setSharedBudget(SharedTraceBudget budget) { m_shared = std::move(budget); }

    // Admits the batch's traces, or returns the seconds to wait (>= 1) without taking anything.
    int admit(const QList<Span> &spans);

    const RateLimitDecisions &decisions() const { return m_decisions; }

private:
    void refill(qint64 now);

    QMutex m_mutex;
    qint64 m_rate;
    std::function<qint64()> m_nowMs;
    double m_tokens;
    qint64 m_lastMs = 0;
    qint64 m_generationStartMs = 0;
    QSet<QByteArray> m_recent; // admitted this second
    QSet<QByteArray> m_previous; // admitted the second before
    SharedTraceBudget m_shared;
    RateLimitDecisions m_decisions;
};

} // namespace spanlight
