#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

#include <array>
#include <atomic>

namespace spanlight {

// A request-duration histogram for /metrics with Prometheus' fixed `le` buckets: 1 ms to 10 s
// and +Inf, upper bounds inclusive. record() takes no lock and may be called from any thread
// (HTTP listeners, decode pools, the store's writer, gRPC's threads). Unlike LatencyHistogram
// (percentiles of stored spans) it is never merged or stored: it only counts since start.
class DurationHistogram
{
public:
    // The finite upper bounds in nanoseconds, ascending; a duration lands in the first bucket
    // whose bound it does not exceed, else in +Inf.
    static constexpr std::array<qint64, 13> kBoundsNs
        = { 1'000'000, 2'500'000, 5'000'000, 10'000'000, 25'000'000, 50'000'000, 100'000'000, 250'000'000,
              500'000'000, 1'000'000'000, 2'500'000'000, 5'000'000'000, 10'000'000'000 };
    static constexpr int kBucketCount = int(kBoundsNs.size()) + 1; // the last one is +Inf

    static int bucketOf(qint64 durationNs); // a negative duration counts as 0

    void record(qint64 durationNs);

    // The counts read at one moment. `buckets` are per bucket (not cumulative) and `count` is
    // their sum, so a rendered +Inf bucket always equals _count; `sumNs` is read separately and
    // may include or miss a duration being recorded at that instant.
    struct Snapshot
    {
        std::array<qint64, kBucketCount> buckets = {};
        qint64 count = 0;
        qint64 sumNs = 0;
    };
    Snapshot snapshot() const;

private:
    std::array<std::atomic<qint64>, kBucketCount> m_buckets = {};
    std::atomic<qint64> m_sumNs = 0;
};

// The labels of one Prometheus series, in the order they are written: {{"route", "/traces"}}.
using PrometheusLabels = QList<QPair<QByteArray, QByteArray>>;

// `{a="x",b="y"}` with values escaped as the text format requires (\\, \" and \n); empty for
// no labels.
QByteArray prometheusLabelSet(const PrometheusLabels &labels);

struct PrometheusHistogramSeries
{
    PrometheusLabels labels;
    const DurationHistogram *histogram = nullptr;
};

// One histogram family in the Prometheus text format: `# HELP`, a single
// `# TYPE <name> histogram`, then for each series <name>_bucket{...,le="..."} (cumulative,
// ending with le="+Inf"), <name>_sum (seconds) and <name>_count.
QByteArray prometheusHistogram(
    const char *name, const char *help, const QList<PrometheusHistogramSeries> &series);

} // namespace spanlight
