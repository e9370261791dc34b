#pragma once

#include "core/span.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

#include <array>
#include <functional>

namespace spanlight {

// Why spans of a request were not stored (counted in spans).
enum class SpanRejection : int { Invalid, RequestLimit, SampledOut, RateLimited, Overloaded, Failed };
constexpr int kSpanRejectionCount = 6;
// Why a whole request was refused before its spans were known (counted in requests): a body
// that does not decode, one that inflates past the size limit (a body over MAX_BODY_BYTES is
// refused by the listener before any receiver and is not here), no or a wrong token, a wrong
// method, path or media type, too many concurrent gRPC exports. Requests refused for the rate limit, overload or a store failure count their
// spans above instead.
enum class RequestRefusal : int { Malformed, TooLarge, Unauthorized, Unsupported, Busy };
constexpr int kRequestRefusalCount = 5;

const char *spanRejectionName(SpanRejection reason); // "invalid", "request_limit", "sampled_out", ...
const char *requestRefusalName(RequestRefusal reason); // "malformed", "too_large", "unauthorized", "unsupported", "busy"

// What one sender sent: a (protocol, remote address, service name) seen by this instance since
// it started. The service is empty for what came before a service name was known (a refused
// request) or could not be told apart (invalid spans of a request that mixes services).
struct SenderStats
{
    IngestProtocolId protocol = IngestProtocolId::Other;
    QString address; // "127.0.0.1", "::1"; for imports "file"
    QString service;
    qint64 firstSeenMs = 0; // Unix milliseconds
    qint64 lastSeenMs = 0;
    qint64 acceptedSpans = 0; // committed
    double spansPerSecond = 0; // committed over about the last kRateWindowSeconds (55-60 s, as covered)
    std::array<qint64, kSpanRejectionCount> rejectedSpans = {};
    std::array<qint64, kRequestRefusalCount> refusedRequests = {};
    QString lastProblem; // the latest rejection's or refusal's message
    qint64 lastProblemMs = 0;
    qint64 totalRejectedSpans() const;
    qint64 totalRefusedRequests() const;
};

// The ingest-health table: per sender, committed spans and their rate, rejected spans and
// refused requests by reason, the latest problem. In memory, per instance, for the console's
// ingest-health view and GET /ingest/senders. Bounded: past `maxSenders` the sender seen
// longest ago is forgotten. Thread-safe (receivers and the writer's thread record).
class IngestSenders
{
public:
    static constexpr int kRateWindowSeconds = 60;

    explicit IngestSenders(std::function<qint64()> nowMs = {}, int maxSenders = 1000);

    void accepted(IngestProtocolId protocol, const QString &address, const QString &service, qint64 spans);
    void rejected(IngestProtocolId protocol, const QString &address, const QString &service, SpanRejection reason,
        qint64 spans, const QString &message);
    void refused(IngestProtocolId protocol, const QString &address, RequestRefusal reason, const QString &message);

    // Every sender, the one seen last first.
    QList<SenderStats> snapshot() const;

private:
    static constexpr int kBucketMs = 5000;
    static constexpr int kBuckets = kRateWindowSeconds * 1000 / kBucketMs;
    struct Key
    {
        IngestProtocolId protocol;
        QString address;
        QString service;
        bool operator==(const Key &) const = default;
    };
    friend size_t qHash(const Key &key, size_t seed) noexcept
    {
        return qHashMulti(seed, int(key.protocol), key.address, key.service);
    }
    struct Entry
    {
        SenderStats stats;
        std::array<qint64, kBuckets> bucketIndex = {}; // which 5 s bucket each slot counts
        std::array<qint64, kBuckets> bucketSpans = {};
    };
    Entry &entry(const Key &key, qint64 now); // with the lock held
    qint64 now() const;

    std::function<qint64()> m_nowMs;
    int m_maxSenders;
    mutable QMutex m_mutex;
    QHash<Key, Entry> m_entries;
};

} // namespace spanlight
