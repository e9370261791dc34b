#include "dashboardpage.h"

#include "consolecontroller.h"
#include "displaytext.h"
#include "servicemodels.h"

#include <QLocale>

#include <climits>

namespace spanlight {

namespace {

constexpr qint64 kMinuteNs = qint64(60) * 1000000000;

int clampedCount(qint64 n)
{
    return int(std::min<qint64>(n, INT_MAX));
}

} // namespace

DashboardPage::DashboardPage(ConsoleController *controller)
    : ConsolePage(controller)
    , m_kpis(new KpiModel(this))
    , m_recent(new TraceListModel(this))
    , m_services(new TopServiceModel(this))
    , m_errors(new ErrorGroupModel(this))
{
    setTimeRange(QStringLiteral("15m"));
    setLive(true);
    connect(controller, &ConsoleController::endpointsChanged, this, &DashboardPage::setupChanged);
}

DashboardSnapshot DashboardPage::query(const TraceSource &source, const TimeWindow &window)
{
    DashboardSnapshot s;
    s.window = window;
    s.spans = source.spanTrends(window, kMinuteNs);
    s.traceStarts = source.traceStarts(window, kMinuteNs);
    s.requests = source.trends({}, {}, window, kMinuteNs);
    s.allRequests = source.servicePerformance({}, window);
    const ServicesOverview overview = source.servicesOverview();
    s.storedTraces = overview.totalTraces;
    for (const ServiceSummary &service : overview.services)
        s.services.append(source.servicePerformance(service.name, window));
    TraceFilter recent;
    recent.startFromNs = window.fromNs;
    recent.limit = kRecentTraces;
    s.recent = source.listTraces(recent);
    ErrorQuery errors;
    errors.filter.fromNs = window.fromNs;
    errors.filter.toNs = window.toNs - 1; // the filter's end is inclusive, the window's is not
    errors.limit = kErrorFetchLimit;
    s.errors = source.errors(errors);
    return s;
}

QList<KpiRow> DashboardPage::kpisOf(const DashboardSnapshot &s)
{
    const double seconds = double(s.window.rangeNs()) / 1e9;
    const double minutes = seconds / 60;

    KpiRow spans { QStringLiteral("spans"), tr("Spans per second"), {}, {}, {}, 0, false };
    qint64 spanCount = 0;
    for (const TrendPoint &p : s.spans.points) {
        spanCount += p.count;
        spans.sparkline.append(p.throughputPerSecond);
    }
    spans.value = seconds > 0 ? double(spanCount) / seconds : 0;
    spans.valueText = ratePerSecondText(spans.value);
    spans.detailText = tr("%Ln span(s)", "", clampedCount(spanCount));

    KpiRow traces { QStringLiteral("traces"), tr("Traces"), {}, {}, {}, 0, false };
    qint64 traceCount = 0;
    for (const qint64 n : s.traceStarts) {
        traceCount += n;
        traces.sparkline.append(qreal(n));
    }
    traces.value = double(traceCount);
    traces.valueText = countText(traceCount);
    const double perMinute = minutes > 0 ? double(traceCount) / minutes : 0;
    traces.detailText = tr("%1 a minute").arg(QLocale().toString(perMinute, 'f', perMinute < 10 ? 1 : 0));

    const ServicePerformance &all = s.allRequests;
    KpiRow errors { QStringLiteral("errors"), tr("Error rate"), {}, {}, {}, all.errorRate, false };
    KpiRow latency { QStringLiteral("latency"), tr("p95 latency"), {}, {}, {}, all.p95Ms, false };
    for (const TrendPoint &p : s.requests.points) {
        errors.sparkline.append(p.errorRate);
        latency.sparkline.append(p.p95DurationMs);
    }
    errors.valueText = percentText(all.errorRate);
    errors.detailText = tr("%1 of %Ln request(s) failed", "", clampedCount(all.totalRequests))
                            .arg(countText(all.failedRequests));
    errors.alert = all.errorRate > kAlertErrorRate;
    if (all.totalRequests > 0) {
        latency.valueText = millisText(all.p95Ms);
        latency.detailText = tr("p50 %1 · p99 %2").arg(millisText(all.p50Ms), millisText(all.p99Ms));
    } else {
        latency.valueText = QStringLiteral("–"); // no requests, no latency; not "0 ns"
        latency.detailText = tr("No requests");
    }
    return { spans, traces, errors, latency };
}

bool DashboardPage::startQuery(const TimeWindow &window)
{
    return controller()->run(
        this, [window](const TraceSource &source) { return query(source, window); },
        [this, generation = generation()](DashboardSnapshot snapshot) {
            if (takeResult(generation))
                apply(snapshot);
        });
}

void DashboardPage::apply(const DashboardSnapshot &snapshot)
{
    m_kpis->setKpis(kpisOf(snapshot));
    m_recent->setTraces(snapshot.recent.result.traces);
    m_services->setServices(snapshot.services, kTopServices);
    m_errors->setErrors(snapshot.errors.errors, controller()->nowNs());
    m_spans = 0;
    for (const TrendPoint &p : snapshot.spans.points)
        m_spans += p.count;
    if (m_spans == 0) // a source that serves traces but no rollups still has something to show
        m_spans = snapshot.recent.result.traces.size();
    m_storedTraces = snapshot.storedTraces;
    m_errorCount = snapshot.errors.totalCount;
    Q_EMIT resultApplied();
}

QString DashboardPage::emptyTitle() const
{
    if (!controller()->isConnected())
        return tr("Not connected");
    if (!isLoaded())
        return tr("Loading…");
    if (m_storedTraces == 0)
        return tr("No spans yet");
    return tr("Nothing in the last 15 minutes");
}

QString DashboardPage::emptyText() const
{
    if (!controller()->isConnected())
        return tr("The console is not attached to a server, so there is nothing to show.");
    if (!isLoaded())
        return {};
    const QString more = tr("Zipkin and Jaeger clients work too; Settings (Ctrl+8) lists every endpoint.");
    if (m_storedTraces == 0)
        return tr("Point an OpenTelemetry SDK at Spanlight and these figures fill in within seconds: set the "
                  "variable below in your service's environment.")
            + u' ' + more;
    return tr("The store holds %Ln trace(s) from earlier; the Traces page (Ctrl+2) lists them. New spans "
              "show up "
              "here within seconds.",
               "", clampedCount(m_storedTraces))
        + u' ' + more;
}

QString DashboardPage::errorsSummary() const
{
    return tr("%Ln error(s)", "", clampedCount(m_errorCount));
}

QString DashboardPage::liveText() const
{
    if (!isLoaded())
        return {};
    const int seconds = std::max(1, controller()->pageRefreshIntervalMs() / 1000);
    return tr("Last 15 minutes · live, every %Ln second(s)", "", seconds);
}

QString DashboardPage::setupSnippet() const
{
    return otlpEndpointVariable(controller()->otlpHttpUrl());
}

void DashboardPage::copySetupSnippet() const
{
    controller()->copyToClipboard(setupSnippet());
}

void DashboardPage::openTrace(int row)
{
    const QString id = m_recent->traceIdAt(row);
    if (!id.isEmpty())
        controller()->openTraceSpan(id, {});
}

void DashboardPage::openError(int row)
{
    if (const ErrorGroupRow *g = m_errors->rowAt(row))
        controller()->openTraceSpan(g->traceIdHex, g->spanIdHex);
}

void DashboardPage::openService(const QString &name)
{
    if (name.isEmpty())
        return;
    controller()->servicesPage()->selectService(name);
    controller()->setCurrentPage(ConsoleController::Services);
}

} // namespace spanlight
