#pragma once

#include "core/durationhistogram.h"
#include "core/span.h"

#include <QtGlobal>

#include <array>

#include <atomic>

namespace spanlight {

// Counters of the ingest path, shared by every receiver and shown by /health and /metrics.
struct IngestCounters
{
    std::atomic<qint64> requests = 0;
    std::atomic<qint64> spansReceived = 0; // decoded, before validation
    std::atomic<qint64> spansAccepted = 0; // committed
    std::atomic<qint64> spansRejected = 0; // refused by validation
    std::atomic<qint64> requestsRejected = 0; // undecodable, too large, wrong type
    std::atomic<qint64> requestsOverloaded = 0; // queue full
    std::atomic<qint64> requestsFailed = 0; // the store failed
    std::atomic<qint64> requestsRateLimited = 0; // over MAX_TRACES_PER_SECOND
    std::atomic<qint64> requestsUnauthorized = 0; // no token, a wrong one, or one without ingest rights
    std::atomic<qint64> spansSampledOut = 0; // dropped by TRACE_SAMPLING_RATE
    std::atomic<qint64> attributesDropped = 0; // past MAX_ATTRIBUTES_PER_SPAN
    std::atomic<qint64> valuesTruncated = 0; // past MAX_ATTRIBUTE_VALUE_LENGTH
    std::array<std::atomic<qint64>, kIngestProtocolCount> spansAcceptedByProtocol = {};
    // Spans refused by reason: invalid (validation), request_limit (MAX_SPANS_PER_REQUEST),
    // rate_limited and overloaded (their whole request was refused, to be retried).
    std::atomic<qint64> spansRejectedInvalid = 0;
    std::atomic<qint64> spansRejectedRequestLimit = 0;
    std::atomic<qint64> spansRejectedRateLimited = 0;
    std::atomic<qint64> spansRejectedOverloaded = 0;
    // Every answered ingest request, accepted or refused, by protocol: from the complete body
    // (HTTP: the listener's hand-over; gRPC: Export) to the answer handed back, which includes
    // the wait for the commit. Requests the listener or gRPC refuse on their own (a body over
    // MAX_BODY_BYTES, a malformed HTTP request) never reach a receiver and are not here.
    std::array<DurationHistogram, kIngestProtocolCount> requestDurationByProtocol;
};

} // namespace spanlight
