#pragma once

#include "dependencyanalysis.h"
#include "errorseverity.h"
#include "storage/store.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace spanlight {

// How a figure moved over a time range.
enum class Trend { Stable, Up, Down };
QString trendName(Trend trend); // "stable", "up", "down"

// A change of more than this fraction is a trend.
constexpr double kTrendThreshold = 0.10;

// The one trend rule: the second half of a range against the first. Up when the second half is
// more than 10% above the first, down when more than 10% below, else stable (exactly 10% is
// stable). From a first half of 0: up when the second half is above 0, else stable.
Trend trendOf(double firstHalf, double secondHalf);

// The API's time ranges (15m, 1h, 6h, 24h, 7d, 30d) and trend granularities (1m, 5m, 1h).
std::optional<qint64> timeRangeNs(const QString &name);
std::optional<qint64> granularityNs(const QString &name);
QStringList timeRangeNames();
QStringList granularityNames();
// A trend series may have at most this many points (range / granularity).
constexpr qint64 kMaxTrendPoints = 2000;

// A range of whole rollup minutes [fromNs, toNs) that ends with the minute (or `stepNs`) holding
// `nowNs`, so the current, still filling minute is part of it.
struct TimeWindow
{
    qint64 fromNs = 0;
    qint64 toNs = 0;
    qint64 rangeNs() const { return toNs - fromNs; }
};
TimeWindow windowEndingAt(qint64 nowNs, qint64 rangeNs, qint64 stepNs = qint64(60) * 1000000000);

struct OperationStats
{
    QString service;
    QString name;
    qint64 count = 0;
    qint64 errors = 0;
    double avgDurationMs = 0;
    double maxDurationMs = 0;
    double errorRate = 0; // fraction 0..1 of the spans with error status
    double p95DurationMs = 0; // operations() only
    double throughputPerSecond = 0; // performance() only
    QStringList spanKinds; // operations() only
};

struct ServiceSummary
{
    QString name;
    qint64 traces = 0; // traces with at least one span of the service
    qint64 spans = 0;
    double avgDurationMs = 0;
    double errorRate = 0;
    qint64 lastSpanStartNs = 0; // the latest start of any of its spans
    QList<OperationStats> operations; // most spans first
};

struct ServicesOverview
{
    QList<ServiceSummary> services; // by name
    qint64 totalTraces = 0;
    qint64 totalSpans = 0;
};

struct HalfTrends
{
    Trend responseTime = Trend::Stable; // average duration
    Trend errorRate = Trend::Stable;
    Trend throughput = Trend::Stable; // span count
};

// A service's requests (entry spans: SERVER/CONSUMER kind, or root spans) over a window.
struct ServicePerformance
{
    QString service;
    TimeWindow window;
    qint64 totalRequests = 0;
    qint64 failedRequests = 0;
    double errorRate = 0;
    double avgResponseMs = 0;
    double p50Ms = 0;
    double p95Ms = 0;
    double p99Ms = 0;
    double throughputPerSecond = 0;
    QList<OperationStats> operations; // entry operations, most requests first
    HalfTrends trends;
};

struct TrendPoint
{
    qint64 startNs = 0;
    qint64 count = 0;
    double avgDurationMs = 0;
    double p50DurationMs = 0;
    double p95DurationMs = 0;
    double p99DurationMs = 0;
    double errorRate = 0;
    double throughputPerSecond = 0;
};

struct TrendSeries
{
    TimeWindow window;
    qint64 granularityNs = 0;
    QList<TrendPoint> points; // every slot of the window, empty ones with zeros
    HalfTrends trends;
};

struct ErrorView
{
    ErrorRecord record;
    Severity severity = Severity::Low;
    QString errorId() const; // 48 hex digits: trace id then span id
};

struct ErrorTypeCount
{
    QString type;
    qint64 count = 0;
    Severity severity = Severity::Low; // the most severe error of that type
};

struct ServiceErrors
{
    QString service;
    qint64 count = 0;
    qint64 lastNs = 0;
};

struct ErrorQuery
{
    ErrorFilter filter; // fingerprints are set by the analysis
    std::optional<Severity> severity;
    int limit = 100;
};

struct ErrorList
{
    QList<ErrorView> errors; // newest first
    qint64 totalCount = 0; // every match, ignoring the limit
    QList<ErrorTypeCount> types; // most frequent first
    QList<ServiceErrors> services; // most errors first
};

struct ErrorDetails
{
    ErrorView error;
    QString rootService; // of the trace's representative span
    QString rootOperation;
    QList<SpanEvent> events; // of the failed span
};

struct SlowestQuery
{
    QString service;
    QString operation;
    TimeWindow window;
    int limit = 20;
};

struct Slowest
{
    QList<TraceSummary> traces; // longest first
    QList<OperationStats> operations; // highest average first
};

// The service, performance and error figures of the analysis API, computed once here for the
// REST API and the console, from the rollups and error rows the writer keeps. Percentiles come
// from merged LatencyHistogram buckets (within 2% of the exact nearest-rank value).
class ServiceAnalysis
{
public:
    explicit ServiceAnalysis(const Store &store)
        : m_store(store)
    { }

    ServicesOverview services() const;
    bool hasService(const QString &service) const { return m_store.hasService(service); }
    const Store &store() const { return m_store; }
    std::optional<QList<OperationStats>> operations(const QString &service) const; // null: unknown service
    ServicePerformance performance(
        const QString &service, const QString &operation, const TimeWindow &window) const;
    // Without an operation the series counts the requests (entry spans) of the service (of every
    // service without one); with an operation, every span of that operation.
    TrendSeries trends(const QString &service, const QString &operation, const TimeWindow &window,
        qint64 granularityNs) const;
    // Every span of every service and kind, not only requests, per slot: what the collector takes
    // in (the console's spans/s). Points have no percentiles: those describe requests, and client
    // or internal spans mixed into them would say nothing about a service's latency.
    TrendSeries spanTrends(const TimeWindow &window, qint64 granularityNs) const;
    // How many traces started (by their earliest span) in each slot of the window; the counts
    // add up to the window's trace count.
    QList<qint64> traceStarts(const TimeWindow &window, qint64 granularityNs) const;
    Slowest slowest(const SlowestQuery &query) const;
    // Severity: errorSeverity() with repeats = errors of the same fingerprint in the filter's window.
    ErrorList errors(const ErrorQuery &query) const;
    // The error types of `service` (of any service when empty) in the window that none of its
    // errors had in the `trailingNs` before the window, by name.
    QStringList newErrorTypes(const QString &service, const TimeWindow &window, qint64 trailingNs) const;
    // Repeats are counted over all stored errors.
    std::optional<ErrorDetails> error(const QByteArray &traceId, const QByteArray &spanId) const;
    // The service dependency graph of the window (edges by the called span's start minute).
    DependencyGraph dependencies(const TimeWindow &window) const;
    // Null for a name that is neither a stored service nor a node of the window's graph; a
    // stored service without calls in the window gets an impact of zeros.
    std::optional<DependencyImpact> impact(const QString &name, const TimeWindow &window) const;

private:
    HalfTrends halfTrends(RollupQuery query, const TimeWindow &window) const;
    TrendSeries trendSeries(
        RollupQuery query, const TimeWindow &window, qint64 granularityNs, bool percentiles) const;

    const Store &m_store;
};

} // namespace spanlight
