#include "serviceanalysis.h"

#include "core/ids.h"
#include "core/timeformat.h"

#include <QHash>
#include <QMap>

#include <algorithm>

namespace spanlight {

namespace {

const qint64 kMinuteNs = qint64(60) * 1000000000;
const qint64 kHourNs = 60 * kMinuteNs;

struct NamedDuration
{
    const char *name;
    qint64 ns;
};

const NamedDuration kTimeRanges[] = {
    { "15m", 15 * kMinuteNs },
    { "1h", kHourNs },
    { "6h", 6 * kHourNs },
    { "24h", 24 * kHourNs },
    { "7d", 7 * 24 * kHourNs },
    { "30d", 30 * 24 * kHourNs },
};
const NamedDuration kGranularities[] = { { "1m", kMinuteNs }, { "5m", 5 * kMinuteNs }, { "1h", kHourNs } };

template<size_t N> std::optional<qint64> lookup(const NamedDuration (&table)[N], const QString &name)
{
    for (const NamedDuration &d : table)
        if (name == QLatin1String(d.name))
            return d.ns;
    return std::nullopt;
}

template<size_t N> QStringList names(const NamedDuration (&table)[N])
{
    QStringList out;
    for (const NamedDuration &d : table)
        out.append(QLatin1String(d.name));
    return out;
}

double ratio(qint64 part, qint64 whole)
{
    return whole > 0 ? double(part) / double(whole) : 0.0;
}

double avgMs(qint64 sumNs, qint64 count)
{
    return count > 0 ? nanosToMillis(sumNs) / double(count) : 0.0;
}

double quantileMs(const LatencyHistogram &h, double q)
{
    return h.quantileNs(q) / 1e6;
}

OperationStats statsOf(const RollupRow &r)
{
    OperationStats s;
    s.service = r.service;
    s.name = r.operation;
    s.count = r.spans;
    s.errors = r.errors;
    s.avgDurationMs = avgMs(r.durationSumNs, r.spans);
    s.maxDurationMs = nanosToMillis(r.durationMaxNs);
    s.errorRate = ratio(r.errors, r.spans);
    return s;
}

bool moreSpans(const OperationStats &a, const OperationStats &b)
{
    return a.count != b.count ? a.count > b.count : a.name < b.name;
}

HalfTrends trendsOfHalves(const RollupRow (&half)[2])
{
    HalfTrends t;
    t.responseTime
        = trendOf(avgMs(half[0].durationSumNs, half[0].spans), avgMs(half[1].durationSumNs, half[1].spans));
    t.errorRate = trendOf(ratio(half[0].errors, half[0].spans), ratio(half[1].errors, half[1].spans));
    t.throughput = trendOf(double(half[0].spans), double(half[1].spans));
    return t;
}

} // namespace

QString trendName(Trend trend)
{
    switch (trend) {
    case Trend::Up:
        return QStringLiteral("up");
    case Trend::Down:
        return QStringLiteral("down");
    case Trend::Stable:
        break;
    }
    return QStringLiteral("stable");
}

Trend trendOf(double firstHalf, double secondHalf)
{
    if (firstHalf <= 0)
        return secondHalf > 0 ? Trend::Up : Trend::Stable;
    const double change = (secondHalf - firstHalf) / firstHalf;
    if (change > kTrendThreshold)
        return Trend::Up;
    if (change < -kTrendThreshold)
        return Trend::Down;
    return Trend::Stable;
}

std::optional<qint64> timeRangeNs(const QString &name)
{
    return lookup(kTimeRanges, name);
}

std::optional<qint64> granularityNs(const QString &name)
{
    return lookup(kGranularities, name);
}

QStringList timeRangeNames()
{
    return names(kTimeRanges);
}

QStringList granularityNames()
{
    return names(kGranularities);
}

TimeWindow windowEndingAt(qint64 nowNs, qint64 rangeNs, qint64 stepNs)
{
    const qint64 step = std::max<qint64>(kMinuteNs, stepNs);
    const qint64 end = (nowNs - ((nowNs % step) + step) % step) + step;
    return { end - rangeNs, end };
}

QString ErrorView::errorId() const
{
    return idToHex(record.traceId) + idToHex(record.spanId);
}

QStringList ServiceAnalysis::newErrorTypes(const QString &service, const TimeWindow &window, qint64 trailingNs) const
{
    auto typesIn = [&](qint64 fromNs, qint64 toNs) {
        ErrorFilter f;
        f.service = service;
        f.fromNs = fromNs;
        f.toNs = toNs - 1; // inclusive
        QStringList types;
        for (const ErrorGroup &g : m_store.errorGroups(f))
            if (!types.contains(g.type))
                types.append(g.type);
        return types;
    };
    const QStringList before = typesIn(window.fromNs - trailingNs, window.fromNs);
    QStringList fresh;
    for (const QString &type : typesIn(window.fromNs, window.toNs))
        if (!before.contains(type))
            fresh.append(type);
    fresh.sort();
    return fresh;
}

ServicesOverview ServiceAnalysis::services() const
{
    ServicesOverview out;
    RollupQuery q;
    q.byService = true;
    q.byOperation = true;
    const QList<RollupRow> rows = m_store.rollups(q);
    const QHash<QString, qint64> traces = m_store.tracesPerService();
    QMap<QString, ServiceSummary> byName;
    QHash<QString, qint64> durationSums;
    QHash<QString, qint64> errorCounts;
    for (const RollupRow &r : rows) {
        ServiceSummary &s = byName[r.service];
        s.name = r.service;
        s.spans += r.spans;
        errorCounts[r.service] += r.errors;
        durationSums[r.service] += r.durationSumNs;
        s.lastSpanStartNs = std::max(s.lastSpanStartNs, r.lastStartNs);
        s.operations.append(statsOf(r));
    }
    for (ServiceSummary &s : byName) {
        s.traces = traces.value(s.name);
        s.avgDurationMs = avgMs(durationSums.value(s.name), s.spans);
        s.errorRate = ratio(errorCounts.value(s.name), s.spans);
        std::sort(s.operations.begin(), s.operations.end(), moreSpans);
        out.services.append(s);
    }
    const StoreStats stats = m_store.stats();
    out.totalTraces = stats.traces;
    out.totalSpans = stats.spans;
    return out;
}

std::optional<QList<OperationStats>> ServiceAnalysis::operations(const QString &service) const
{
    if (!m_store.hasService(service))
        return std::nullopt;
    RollupQuery q;
    q.service = service;
    q.byOperation = true;
    q.byKind = true;
    QMap<QString, RollupRow> sums;
    QHash<QString, QStringList> kinds;
    for (const RollupRow &r : m_store.rollups(q)) {
        RollupRow &s = sums[r.operation];
        s.service = service;
        s.operation = r.operation;
        s.spans += r.spans;
        s.errors += r.errors;
        s.durationSumNs += r.durationSumNs;
        s.durationMaxNs = std::max(s.durationMaxNs, r.durationMaxNs);
        const QString kind = spanKindName(r.kind);
        if (!kinds[r.operation].contains(kind))
            kinds[r.operation].append(kind);
    }
    QHash<QString, double> p95;
    q.byKind = false;
    for (const HistogramRow &h : m_store.latencyHistograms(q))
        p95.insert(h.operation, quantileMs(h.histogram, 0.95));
    QList<OperationStats> out;
    for (const RollupRow &r : std::as_const(sums)) {
        OperationStats s = statsOf(r);
        s.p95DurationMs = p95.value(r.operation);
        s.spanKinds = kinds.value(r.operation);
        std::sort(s.spanKinds.begin(), s.spanKinds.end());
        out.append(s);
    }
    std::sort(out.begin(), out.end(), moreSpans);
    return out;
}

HalfTrends ServiceAnalysis::halfTrends(RollupQuery q, const TimeWindow &window) const
{
    // Minutes are assigned to a half by their start; slot 0 is the first half.
    q.fromNs = window.fromNs;
    q.toNs = window.toNs;
    q.slotNs = std::max<qint64>(1, window.rangeNs() / 2);
    q.byService = q.byOperation = q.byKind = false;
    RollupRow half[2];
    for (const RollupRow &r : m_store.rollups(q))
        if (r.slot == 0 || r.slot == 1)
            half[r.slot] = r;
    return trendsOfHalves(half);
}

ServicePerformance ServiceAnalysis::performance(
    const QString &service, const QString &operation, const TimeWindow &window) const
{
    ServicePerformance p;
    p.service = service;
    p.window = window;
    RollupQuery q;
    q.service = service;
    q.operation = operation;
    q.entryOnly = true;
    q.fromNs = window.fromNs;
    q.toNs = window.toNs;
    const double seconds = double(window.rangeNs()) / 1e9;

    q.byOperation = true;
    qint64 durationSum = 0;
    for (const RollupRow &r : m_store.rollups(q)) {
        OperationStats s = statsOf(r);
        s.throughputPerSecond = seconds > 0 ? double(r.spans) / seconds : 0.0;
        p.operations.append(s);
        p.totalRequests += r.spans;
        p.failedRequests += r.errors;
        durationSum += r.durationSumNs;
    }
    std::sort(p.operations.begin(), p.operations.end(), moreSpans);
    p.errorRate = ratio(p.failedRequests, p.totalRequests);
    p.avgResponseMs = avgMs(durationSum, p.totalRequests);
    p.throughputPerSecond = seconds > 0 ? double(p.totalRequests) / seconds : 0.0;

    q.byOperation = false;
    const QList<HistogramRow> histograms = m_store.latencyHistograms(q);
    if (!histograms.isEmpty()) {
        const LatencyHistogram &h = histograms.constFirst().histogram;
        p.p50Ms = quantileMs(h, 0.50);
        p.p95Ms = quantileMs(h, 0.95);
        p.p99Ms = quantileMs(h, 0.99);
    }
    p.trends = halfTrends(q, window);
    return p;
}

TrendSeries ServiceAnalysis::trends(
    const QString &service, const QString &operation, const TimeWindow &window, qint64 granularityNs) const
{
    RollupQuery q;
    q.service = service;
    q.operation = operation;
    q.entryOnly = operation.isEmpty();
    return trendSeries(q, window, granularityNs, true);
}

TrendSeries ServiceAnalysis::spanTrends(const TimeWindow &window, qint64 granularityNs) const
{
    return trendSeries(RollupQuery(), window, granularityNs, false);
}

QList<qint64> ServiceAnalysis::traceStarts(const TimeWindow &window, qint64 granularityNs) const
{
    // One count per slot over the summaries' start index: the slots split the window, so together
    // they read what a single count of the window reads (the dashboard's 15 minutes, not a month).
    QList<qint64> counts;
    const qint64 slots = granularityNs > 0 ? window.rangeNs() / granularityNs : 0;
    for (qint64 i = 0; i < slots; ++i) {
        TraceFilter f;
        f.startFromNs = window.fromNs + i * granularityNs;
        f.startToNs = *f.startFromNs + granularityNs - 1; // inclusive
        f.limit = 0; // the count only
        counts.append(m_store.searchTraces(f).totalCount);
    }
    return counts;
}

TrendSeries ServiceAnalysis::trendSeries(
    RollupQuery q, const TimeWindow &window, qint64 granularityNs, bool percentiles) const
{
    TrendSeries t;
    t.window = window;
    t.granularityNs = granularityNs;
    const qint64 slots = granularityNs > 0 ? window.rangeNs() / granularityNs : 0;
    for (qint64 i = 0; i < slots; ++i) {
        TrendPoint point;
        point.startNs = window.fromNs + i * granularityNs;
        t.points.append(point);
    }
    q.fromNs = window.fromNs;
    q.toNs = window.toNs;
    q.slotNs = granularityNs;
    const double seconds = double(granularityNs) / 1e9;
    // When each half of the window is whole slots (every range and granularity the API offers),
    // the halves are sums of the slots: no third read of the window.
    const bool halvesFromSlots = slots > 0 && slots % 2 == 0 && slots * granularityNs == window.rangeNs();
    RollupRow half[2];
    for (const RollupRow &r : m_store.rollups(q)) {
        if (r.slot < 0 || r.slot >= slots)
            continue;
        RollupRow &h = half[r.slot < slots / 2 ? 0 : 1];
        h.spans += r.spans;
        h.errors += r.errors;
        h.durationSumNs += r.durationSumNs;
        TrendPoint &point = t.points[r.slot];
        point.count = r.spans;
        point.avgDurationMs = avgMs(r.durationSumNs, r.spans);
        point.errorRate = ratio(r.errors, r.spans);
        point.throughputPerSecond = double(r.spans) / seconds;
    }
    const QList<HistogramRow> histograms = percentiles ? m_store.latencyHistograms(q) : QList<HistogramRow>();
    for (const HistogramRow &h : histograms) {
        if (h.slot < 0 || h.slot >= slots)
            continue;
        t.points[h.slot].p50DurationMs = quantileMs(h.histogram, 0.50);
        t.points[h.slot].p95DurationMs = quantileMs(h.histogram, 0.95);
        t.points[h.slot].p99DurationMs = quantileMs(h.histogram, 0.99);
    }
    if (halvesFromSlots) {
        t.trends = trendsOfHalves(half);
    } else {
        q.slotNs = 0;
        t.trends = halfTrends(q, window);
    }
    return t;
}

Slowest ServiceAnalysis::slowest(const SlowestQuery &query) const
{
    Slowest out;
    TraceFilter f;
    f.service = query.service;
    f.operation = query.operation;
    f.startFromNs = query.window.fromNs;
    f.startToNs = query.window.toNs - 1;
    f.limit = query.limit;
    f.sort = TraceSort::Duration;
    out.traces = m_store.searchTraces(f).traces;

    RollupQuery q;
    q.service = query.service;
    q.operation = query.operation;
    q.fromNs = query.window.fromNs;
    q.toNs = query.window.toNs;
    q.byService = true;
    q.byOperation = true;
    for (const RollupRow &r : m_store.rollups(q))
        out.operations.append(statsOf(r));
    std::sort(
        out.operations.begin(), out.operations.end(), [](const OperationStats &a, const OperationStats &b) {
            if (a.avgDurationMs != b.avgDurationMs)
                return a.avgDurationMs > b.avgDurationMs;
            return std::tie(a.service, a.name) < std::tie(b.service, b.name);
        });
    if (out.operations.size() > query.limit)
        out.operations.resize(query.limit);
    return out;
}

ErrorList ServiceAnalysis::errors(const ErrorQuery &query) const
{
    ErrorList out;
    ErrorFilter filter = query.filter;
    filter.fingerprints.reset();
    // The fingerprint includes service and type, so filtering by them does not change how often
    // a fingerprint repeats: the groups of this filter hold every repeat in the window.
    const QList<ErrorGroup> groups = m_store.errorGroups(filter);
    QHash<QString, qint64> repeats;
    for (const ErrorGroup &g : groups)
        repeats[g.fingerprint] += g.count;
    auto severityOf = [&repeats](const QString &fingerprint, bool isRoot, SpanKind kind) {
        return errorSeverity({ isRoot, kind, repeats.value(fingerprint, 1) });
    };

    QStringList matching;
    QMap<QString, ErrorTypeCount> types;
    QMap<QString, ServiceErrors> services;
    for (const ErrorGroup &g : groups) {
        const Severity severity = severityOf(g.fingerprint, g.isRoot, g.kind);
        if (query.severity && severity != *query.severity)
            continue;
        if (!matching.contains(g.fingerprint))
            matching.append(g.fingerprint);
        out.totalCount += g.count;
        ErrorTypeCount &t = types[g.type];
        t.type = g.type;
        t.count += g.count;
        t.severity = std::max(t.severity, severity);
        ServiceErrors &s = services[g.service];
        s.service = g.service;
        s.count += g.count;
        s.lastNs = std::max(s.lastNs, g.lastNs);
    }
    out.types = types.values();
    std::sort(out.types.begin(), out.types.end(), [](const ErrorTypeCount &a, const ErrorTypeCount &b) {
        return a.count != b.count ? a.count > b.count : a.type < b.type;
    });
    out.services = services.values();
    std::sort(out.services.begin(), out.services.end(), [](const ServiceErrors &a, const ServiceErrors &b) {
        return a.count != b.count ? a.count > b.count : a.service < b.service;
    });

    // The IN list narrows the scan; past a few thousand fingerprints it would hit the databases'
    // parameter limits, and the rows are checked one by one anyway.
    if (query.severity && matching.size() <= 2000)
        filter.fingerprints = matching;
    // A fingerprint can fail at sites of different severity (an operation that is sometimes the
    // root), so rows are still checked one by one; pages continue until the limit is reached.
    const int page = std::max(query.limit, 100);
    for (int offset = 0; out.errors.size() < query.limit; offset += page) {
        const QList<ErrorRecord> rows = m_store.errors(filter, page, offset);
        for (const ErrorRecord &r : rows) {
            const Severity severity = severityOf(r.fingerprint, r.isRoot, r.kind);
            if (query.severity && severity != *query.severity)
                continue;
            out.errors.append({ r, severity });
            if (out.errors.size() >= query.limit)
                break;
        }
        if (rows.size() < page)
            break;
    }
    return out;
}

std::optional<ErrorDetails> ServiceAnalysis::error(const QByteArray &traceId, const QByteArray &spanId) const
{
    const std::optional<ErrorRecord> record = m_store.error(traceId, spanId);
    if (!record)
        return std::nullopt;
    ErrorFilter f;
    f.fingerprints = QStringList { record->fingerprint };
    qint64 repeats = 0;
    for (const ErrorGroup &g : m_store.errorGroups(f))
        repeats += g.count;
    ErrorDetails d;
    d.error.record = *record;
    d.error.severity = errorSeverity({ record->isRoot, record->kind, std::max<qint64>(1, repeats) });
    if (const auto summary = m_store.traceSummary(traceId)) {
        d.rootService = summary->serviceName;
        d.rootOperation = summary->operationName;
    }
    if (const auto span = m_store.span(traceId, spanId))
        d.events = span->events;
    return d;
}

DependencyGraph ServiceAnalysis::dependencies(const TimeWindow &window) const
{
    RollupQuery requests;
    requests.fromNs = window.fromNs;
    requests.toNs = window.toNs;
    requests.entryOnly = true;
    requests.byService = true;
    return buildDependencyGraph(m_store.dependencies(window.fromNs, window.toNs), m_store.rollups(requests));
}

std::optional<DependencyImpact> ServiceAnalysis::impact(const QString &name, const TimeWindow &window) const
{
    const DependencyGraph graph = dependencies(window);
    if (std::optional<DependencyImpact> impact = dependencyImpact(graph, name))
        return impact;
    if (!m_store.hasService(name))
        return std::nullopt;
    DependencyImpact idle;
    idle.node.id = idle.node.name = name;
    return idle;
}

} // namespace spanlight
