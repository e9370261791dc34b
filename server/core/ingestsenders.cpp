#include "ingestsenders.h"

#include <QDateTime>

#include <algorithm>
#include <numeric>

namespace spanlight {

const char *spanRejectionName(SpanRejection reason)
{
    switch (reason) {
    case SpanRejection::Invalid: return "invalid";
    case SpanRejection::RequestLimit: return "request_limit";
    case SpanRejection::SampledOut: return "sampled_out";
    case SpanRejection::RateLimited: return "rate_limited";
    case SpanRejection::Overloaded: return "overloaded";
    case SpanRejection::Failed: return "failed";
    }
    return "invalid";
}

const char *requestRefusalName(RequestRefusal reason)
{
    switch (reason) {
    case RequestRefusal::Malformed: return "malformed";
    case RequestRefusal::TooLarge: return "too_large";
    case RequestRefusal::Unauthorized: return "unauthorized";
    case RequestRefusal::Unsupported: return "unsupported";
    case RequestRefusal::Busy: return "busy";
    }
    return "malformed";
}

qint64 SenderStats::totalRejectedSpans() const
{
    return std::accumulate(rejectedSpans.begin(), rejectedSpans.end(), qint64(0));
}

qint64 SenderStats::totalRefusedRequests() const
{
    return std::accumulate(refusedRequests.begin(), refusedRequests.end(), qint64(0));
}

IngestSenders::IngestSenders(std::function<qint64()> nowMs, int maxSenders)
    : m_nowMs(std::move(nowMs)), m_maxSenders(std::max(1, maxSenders))
{
}

qint64 IngestSenders::now() const
{
    return m_nowMs ? m_nowMs() : QDateTime::currentMSecsSinceEpoch();
}

IngestSenders::Entry &IngestSenders::entry(const Key &key, qint64 now)
{
    auto it = m_entries.find(key);
    if (it == m_entries.end()) {
        if (m_entries.size() >= m_maxSenders) {
            auto oldest = std::min_element(m_entries.begin(), m_entries.end(), [](const Entry &a, const Entry &b) {
                return a.stats.lastSeenMs < b.stats.lastSeenMs;
            });
            m_entries.erase(oldest);
        }
        Entry e;
        e.stats.protocol = key.protocol;
        e.stats.address = key.address;
        e.stats.service = key.service;
        e.stats.firstSeenMs = now;
        it = m_entries.insert(key, e);
    }
    it->stats.lastSeenMs = std::max(it->stats.lastSeenMs, now);
    return *it;
}

void IngestSenders::accepted(IngestProtocolId protocol, const QString &address, const QString &service, qint64 spans)
{
    const qint64 t = now();
    QMutexLocker lock(&m_mutex);
    Entry &e = entry({protocol, address, service}, t);
    e.stats.acceptedSpans += spans;
    const qint64 bucket = t / kBucketMs;
    const size_t slot = size_t(bucket % kBuckets);
    if (e.bucketIndex[slot] != bucket) {
        e.bucketIndex[slot] = bucket;
        e.bucketSpans[slot] = 0;
    }
    e.bucketSpans[slot] += spans;
}

void IngestSenders::rejected(IngestProtocolId protocol, const QString &address, const QString &service,
    SpanRejection reason, qint64 spans, const QString &message)
{
    if (spans <= 0)
        return;
    const qint64 t = now();
    QMutexLocker lock(&m_mutex);
    Entry &e = entry({protocol, address, service}, t);
    e.stats.rejectedSpans[size_t(reason)] += spans;
    if (!message.isEmpty()) {
        e.stats.lastProblem = message;
        e.stats.lastProblemMs = t;
    }
}

void IngestSenders::refused(IngestProtocolId protocol, const QString &address, RequestRefusal reason,
    const QString &message)
{
    const qint64 t = now();
    QMutexLocker lock(&m_mutex);
    Entry &e = entry({protocol, address, QString()}, t);
    ++e.stats.refusedRequests[size_t(reason)];
    e.stats.lastProblem = message;
    e.stats.lastProblemMs = t;
}

QList<SenderStats> IngestSenders::snapshot() const
{
    const qint64 t = now();
    const qint64 current = t / kBucketMs;
    QList<SenderStats> out;
    {
        QMutexLocker lock(&m_mutex);
        out.reserve(m_entries.size());
        for (const Entry &e : m_entries) {
            SenderStats s = e.stats;
            qint64 spans = 0;
            // The current bucket and the whole ones before it within the window.
            for (int i = 0; i < kBuckets; ++i) {
                if (e.bucketIndex[size_t(i)] > current - kBuckets && e.bucketIndex[size_t(i)] <= current)
                    spans += e.bucketSpans[size_t(i)];
            }
            // The whole buckets before the current one and the part of it gone by.
            const double covered = double((kBuckets - 1) * kBucketMs + t % kBucketMs) / 1000.0; // 55..60 s
            s.spansPerSecond = double(spans) / covered;
            out.append(std::move(s));
        }
    }
    std::sort(out.begin(), out.end(), [](const SenderStats &a, const SenderStats &b) {
        if (a.lastSeenMs != b.lastSeenMs)
            return a.lastSeenMs > b.lastSeenMs;
        return std::tie(a.service, a.address) < std::tie(b.service, b.address);
    });
    return out;
}

} // namespace spanlight
