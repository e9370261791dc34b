#include "latencyhistogram.h"

#include <cmath>
#include <limits>

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

void LatencyHistogram::subtract(const LatencyHistogram &other)
{
    for (auto it = other.m_buckets.cbegin(); it != other.m_buckets.cend(); ++it) {
        const auto mine = m_buckets.find(it.key());
        if (mine == m_buckets.end() || it.value() <= 0)
            continue;
        const qint64 taken = std::min(*mine, it.value());
        m_count -= taken;
        if (taken == *mine)
            m_buckets.erase(mine);
        else
            *mine -= taken;
    }
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

LatencyHistogram LatencyHistogram::deserialize(QByteArrayView text)
{
    LatencyHistogram h;
    h.mergeSerialized(text);
    return h;
}

void LatencyHistogram::mergeSerialized(QByteArrayView text)
{
    // One pass without allocations: a trend over every service merges a few hundred pairs from
    // each of up to 2,000 rows. A pair is accepted only as digits ':' digits with index >= 0
    // and count > 0, without overflow; anything else up to the next ',' is skipped.
    const char *p = text.data();
    const char *const end = p + text.size();
    auto digits = [&p, end](qint64 limit, qint64 *value) {
        const char *const first = p;
        qint64 v = 0;
        while (p < end && *p >= '0' && *p <= '9') {
            const int d = *p - '0';
            if (v > (limit - d) / 10)
                return false;
            v = v * 10 + d;
            ++p;
        }
        *value = v;
        return p > first;
    };
    while (p < end) {
        qint64 index = 0, count = 0;
        const bool ok = digits(std::numeric_limits<int>::max(), &index) && p < end && *p++ == ':'
            && digits(std::numeric_limits<qint64>::max(), &count) && (p == end || *p == ',') && count > 0
            && m_count <= std::numeric_limits<qint64>::max() - count;
        if (ok) {
            m_buckets[int(index)] += count;
            m_count += count;
        }
        while (p < end && *p != ',')
            ++p;
        if (p < end)
            ++p;
    }
}

} // namespace spanlight
