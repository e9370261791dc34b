#include "latencyhistogram.h"

#include <cmath>

namespace spanlight {

namespace {
const double kGamma = (1.0 + LatencyHistogram::kRelativeAccuracy) / (1.0 - LatencyHistogram::kRelativeAccuracy);
const double kLogGamma = std::log(kGamma);
} // namespace

int LatencyHistogram::bucketOf(qint64 durationNs)
{
    if (durationNs <= 0)
        return 0;
    // Index 1 and up: ceil(log_γ(d)) + 1, so that durations of 1 ns land in bucket 1.
    return int(std::ceil(std::log(double(durationNs)) / kLogGamma)) + 1;
}

double LatencyHistogram::valueOf(int bucket)
{
    if (bucket <= 0)
        return 0.0;
    return 2.0 * std::pow(kGamma, bucket - 1) / (kGamma + 1.0);
}

void LatencyHistogram::record(qint64 durationNs, qint64 count)
{
    if (count <= 0)
        return;
    m_buckets[bucketOf(durationNs)] += count;
    m_count += count;
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    for (auto it = other.m_buckets.cbegin(); it != other.m_buckets.cend(); ++it)
        m_buckets[it.key()] += it.value();
    m_count += other.m_count;
}

void LatencyHistogram::addToBucket(int index, qint64 count)
{
    if (count <= 0 || index < 0)
        return;
    m_buckets[index] += count;
    m_count += count;
}

double LatencyHistogram::quantileNs(double q) const
{
    if (m_count == 0)
        return 0.0;
    q = std::clamp(q, 0.0, 1.0);
    const qint64 rank = std::max<qint64>(1, qint64(std::ceil(q * double(m_count))));
    qint64 seen = 0;
    for (auto it = m_buckets.cbegin(); it != m_buckets.cend(); ++it) {
        seen += it.value();
        if (seen >= rank)
            return valueOf(it.key());
    }
    return valueOf(m_buckets.lastKey());
}

QByteArray LatencyHistogram::serialize() const
{
    QByteArray out;
    out.reserve(int(m_buckets.size()) * 8);
    for (auto it = m_buckets.cbegin(); it != m_buckets.cend(); ++it) {
        if (!out.isEmpty())
            out += ',';
        out += QByteArray::number(it.key()) + ':' + QByteArray::number(it.value());
    }
    return out;
}

LatencyHistogram LatencyHistogram::deserialize(const QByteArray &text)
{
    LatencyHistogram h;
    for (const QByteArray &pair : text.split(',')) {
        const qsizetype colon = pair.indexOf(':');
        if (colon <= 0)
            continue;
        bool okIndex = false, okCount = false;
        const int index = pair.left(colon).toInt(&okIndex);
        const qint64 count = pair.mid(colon + 1).toLongLong(&okCount);
        if (!okIndex || !okCount || index < 0 || count <= 0)
            continue;
        h.m_buckets[index] += count;
        h.m_count += count;
    }
    return h;
}

} // namespace spanlight
