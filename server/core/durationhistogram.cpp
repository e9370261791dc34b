#include "durationhistogram.h"

#include <algorithm>

namespace spanlight {

int DurationHistogram::bucketOf(qint64 durationNs)
{
    // lower_bound: the first bound >= the duration, so a duration equal to a bound is in that
    // bound's bucket, as `le` (less or equal) means.
    return int(std::lower_bound(kBoundsNs.begin(), kBoundsNs.end(), std::max<qint64>(durationNs, 0))
        - kBoundsNs.begin());
}

void DurationHistogram::record(qint64 durationNs)
{
    // Relaxed: the counters order nothing else, and each one only ever grows.
    m_buckets[size_t(bucketOf(durationNs))].fetch_add(1, std::memory_order_relaxed);
    m_sumNs.fetch_add(std::max<qint64>(durationNs, 0), std::memory_order_relaxed);
}

DurationHistogram::Snapshot DurationHistogram::snapshot() const
{
    Snapshot s;
    for (size_t i = 0; i < m_buckets.size(); ++i) {
        s.buckets[i] = m_buckets[i].load(std::memory_order_relaxed);
        s.count += s.buckets[i];
    }
    s.sumNs = m_sumNs.load(std::memory_order_relaxed);
    return s;
}

QByteArray prometheusLabelSet(const PrometheusLabels &labels)
{
    if (labels.isEmpty())
        return {};
    QByteArray out = "{";
    for (qsizetype i = 0; i < labels.size(); ++i) {
        if (i > 0)
            out += ',';
        out += labels[i].first + "=\"";
        for (const char c : labels[i].second) {
            if (c == '\\')
                out += "\\\\";
            else if (c == '"')
                out += "\\\"";
            else if (c == '\n')
                out += "\\n";
            else
                out += c;
        }
        out += '"';
    }
    return out + '}';
}

QByteArray prometheusHistogram(
    const char *name, const char *help, const QList<PrometheusHistogramSeries> &series)
{
    QByteArray out = QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " histogram\n";
    for (const PrometheusHistogramSeries &one : series) {
        const DurationHistogram::Snapshot s = one.histogram->snapshot();
        qint64 cumulative = 0;
        for (int i = 0; i < DurationHistogram::kBucketCount; ++i) {
            cumulative += s.buckets[size_t(i)];
            PrometheusLabels labels = one.labels;
            labels.append({ "le",
                i < int(DurationHistogram::kBoundsNs.size())
                    ? QByteArray::number(double(DurationHistogram::kBoundsNs[size_t(i)]) / 1e9, 'g', 15)
                    : QByteArray("+Inf") });
            out += QByteArray(name) + "_bucket" + prometheusLabelSet(labels) + ' '
                + QByteArray::number(cumulative) + '\n';
        }
        const QByteArray labels = prometheusLabelSet(one.labels);
        out += QByteArray(name) + "_sum" + labels + ' ' + QByteArray::number(double(s.sumNs) / 1e9, 'g', 15)
            + '\n';
        out += QByteArray(name) + "_count" + labels + ' ' + QByteArray::number(s.count) + '\n';
    }
    return out;
}

} // namespace spanlight
