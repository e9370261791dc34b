#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QMap>

namespace spanlight {

// A mergeable, log-bucketed latency histogram (the DDSketch idea): bucket i holds durations in
// (γ^(i-1), γ^i] with γ = (1 + α) / (1 − α) and α = 0.02, and a quantile is answered with the
// bucket's representative 2γ^i / (γ + 1). Any quantile read back is within 2% (relative) of a
// recorded duration of that rank. Durations are nanoseconds; 0 has a bucket of its own.
// Sparse: a histogram costs only the buckets it uses (a few hundred cover 1 µs to 1 h).
// Per-minute rollups keep one per (service, operation); percentiles over any range come from
// merging them, never from sorting spans.
class LatencyHistogram
{
public:
    static constexpr double kRelativeAccuracy = 0.02;

    void record(qint64 durationNs, qint64 count = 1);
    void merge(const LatencyHistogram &other);
    // Takes away what merge() would add (spans deleted from a rollup); a bucket never goes below
    // zero, and emptied buckets are removed.
    void subtract(const LatencyHistogram &other);
    // Adds `count` durations to bucket `index` as buckets() named it (rollups store these pairs).
    void addToBucket(int index, qint64 count);
    const QMap<int, qint64> &buckets() const { return m_buckets; } // index -> count, ascending

    qint64 count() const { return m_count; }
    bool isEmpty() const { return m_count == 0; }
    // The q-quantile (0 <= q <= 1) in nanoseconds, or 0 when empty. The rank is ceil(q * count),
    // at least 1, like the nearest-rank definition of a percentile.
    double quantileNs(double q) const;

    // Compact text form for the store: "index:count,index:count,..." (ascending index).
    QByteArray serialize() const;
    static LatencyHistogram deserialize(QByteArrayView text); // tolerant: skips bad pairs
    void mergeSerialized(QByteArrayView text); // adds serialize()'s pairs, in any order; skips bad ones

    bool operator==(const LatencyHistogram &) const = default;

private:
    static int bucketOf(qint64 durationNs);
    static double valueOf(int bucket);

    QMap<int, qint64> m_buckets; // bucket index -> count; index 0 holds durations of 0
    qint64 m_count = 0;
};

} // namespace spanlight
