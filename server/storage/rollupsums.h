#pragma once

#include "core/latencyhistogram.h"
#include "core/span.h"
#include "rowcodec.h"

#include <QHash>
#include <QMap>
#include <QString>

#include <tuple>

// Private to the storage library: what stored spans add to the derived tables (rollups, latency
// buckets, request rollups, hourly error groups), summed in memory per key. The writer adds these
// sums when it stores spans; TraceDeleter takes the very same sums away when it deletes them, so
// the two cannot drift apart.
namespace spanlight::storage {

// A span is an entry span (a "request" of its service) when it is SERVER or CONSUMER, or a root.
bool isEntrySpan(const Span &s);

// Keys of span_rollups and rollup_buckets; ordered like the primary keys, so that concurrent
// writers on one PostgreSQL lock rows in the same order.
struct RollupKey
{
    QString service;
    qint64 minuteNs = 0; // or the hour, for the hourly tables
    QString operation;
    int kind = 0;
    int entry = 0;
    bool operator==(const RollupKey &) const = default;
    auto tie() const { return std::tie(service, minuteNs, operation, kind, entry); }
    bool operator<(const RollupKey &o) const { return tie() < o.tie(); }
};

inline size_t qHash(const RollupKey &k, size_t seed = 0)
{
    return qHashMulti(seed, k.service, k.minuteNs, k.operation, k.kind, k.entry);
}

struct RollupCounts
{
    qint64 spans = 0;
    qint64 errors = 0;
    qint64 durationSumNs = 0;
    qint64 durationMaxNs = 0;
    qint64 lastStartNs = 0;

    void add(const RollupCounts &o)
    {
        lastStartNs = spans == 0 ? o.lastStartNs : std::max(lastStartNs, o.lastStartNs);
        spans += o.spans;
        errors += o.errors;
        durationSumNs += o.durationSumNs;
        durationMaxNs = std::max(durationMaxNs, o.durationMaxNs);
    }
};

// The per-minute sums of a group, summed again per hour: the rows of the hourly tables.
template<typename Value, typename Add>
QHash<RollupKey, Value> perHour(const QHash<RollupKey, Value> &perMinute, Add add)
{
    QHash<RollupKey, Value> out;
    for (auto it = perMinute.cbegin(); it != perMinute.cend(); ++it) {
        RollupKey hour = it.key();
        hour.minuteNs = hourOf(hour.minuteNs);
        add(out[hour], it.value());
    }
    return out;
}

// The requests of every service in one minute or hour: a row of request_rollups(_hourly).
struct RequestSums
{
    RollupCounts counts;
    LatencyHistogram histogram;
};

// The entry keys of the rollups and buckets, summed over services and operations per minute (or
// per hour, with `floor` = hourOf). Ordered by time: the lock order of the upserts.
QMap<qint64, RequestSums> requestSums(const QHash<RollupKey, RollupCounts> &rollups,
    const QHash<RollupKey, LatencyHistogram> &histograms, qint64 (*floor)(qint64));

qint64 sameMinute(qint64 minuteNs);

// A row of error_groups_hourly: what errorGroups() groups by, and the hour. Ordered like the
// primary key (one lock order for concurrent writers on one PostgreSQL).
struct ErrorGroupKey
{
    QString fingerprint;
    QString service;
    QString type;
    int root = 0;
    int kind = 0;
    qint64 hourNs = 0;
    bool operator==(const ErrorGroupKey &) const = default;
    auto tie() const { return std::tie(fingerprint, service, type, root, kind, hourNs); }
    bool operator<(const ErrorGroupKey &o) const { return tie() < o.tie(); }
};

inline size_t qHash(const ErrorGroupKey &k, size_t seed = 0)
{
    return qHashMulti(seed, k.fingerprint, k.service, k.type, k.root, k.kind, k.hourNs);
}

struct ErrorGroupCounts
{
    qint64 count = 0;
    qint64 lastNs = 0;
};

// What a set of stored spans adds to the rollup tables: per minute, summed per key.
struct SpanSums
{
    QHash<RollupKey, RollupCounts> rollups;
    QHash<RollupKey, LatencyHistogram> histograms; // kind 0: buckets are kept per entry flag only
    QHash<ErrorGroupKey, ErrorGroupCounts> errorGroups;

    // A stored span's rollup row and latency bucket.
    void addSpan(const Span &span);
    // A stored error span's hourly group (its errors row carries the same fields).
    void addError(const Span &span, const QString &type, const QString &fingerprint);
};

} // namespace spanlight::storage
