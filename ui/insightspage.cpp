#include "insightspage.h"

#include "consolecontroller.h"
#include "displaytext.h"
#include "core/ids.h"

namespace spanlight {

InsightsPage::InsightsPage(ConsoleController *controller)
    : ConsolePage(controller)
    , m_anomalies(new AnomalyModel(this))
    , m_regressions(new RegressionModel(this))
    , m_recommendations(new RecommendationModel(this))
    , m_origins(new ErrorOriginModel(this))
{
}

QStringList InsightsPage::serviceOptions() const
{
    QStringList options { tr("All services") };
    options += m_serviceNames;
    // A filter on a service that is gone stays visible, so the combo box can show it.
    if (!m_service.isEmpty() && !m_serviceNames.contains(m_service))
        options.append(m_service);
    return options;
}

int InsightsPage::serviceIndex() const
{
    return m_service.isEmpty() ? 0 : int(serviceOptions().indexOf(m_service));
}

void InsightsPage::setServiceIndex(int index)
{
    const QStringList options = serviceOptions();
    if (index >= 0 && index < options.size())
        setServiceFilter(index == 0 ? QString() : options[index]);
}

void InsightsPage::setServiceFilter(const QString &service)
{
    if (service == m_service)
        return;
    m_service = service;
    Q_EMIT serviceOptionsChanged();
    Q_EMIT filterChanged();
    parametersChanged();
}

qint64 InsightsPage::windowStepNs() const
{
    return anomalyBucketNs(timeRangeNs(timeRange()).value_or(qint64(3600) * 1000000000));
}

QString InsightsPage::exampleTrace(const TraceSource &source, const QString &service, const QString &operation,
    const TimeWindow &window, AnomalyMetric metric)
{
    TraceFilter f;
    f.service = service;
    f.operation = operation;
    f.startFromNs = window.fromNs;
    f.startToNs = window.toNs;
    f.limit = 1;
    if (metric == AnomalyMetric::LatencyP95 || metric == AnomalyMetric::LatencyP50)
        f.sort = TraceSort::Duration;
    else if (metric == AnomalyMetric::ErrorRate)
        f.status = TraceStatus::Error;
    const TraceList list = source.listTraces(f);
    return list.result.traces.isEmpty() ? QString() : idToHex(list.result.traces.constFirst().traceId);
}

InsightsSnapshot InsightsPage::query(const TraceSource &source, const QString &service, const TimeWindow &window)
{
    InsightsSnapshot s;
    for (const ServiceSummary &summary : source.servicesOverview().services)
        s.serviceNames.append(summary.name);
    s.report = source.anomalies(service, {}, window);
    s.recommendations = source.recommendations(service, window);
    s.origins = source.errorOrigins(window);
    for (const Anomaly &a : s.report.anomalies.mid(0, kExampleLookups)) {
        const TimeWindow during { a.startedNs, a.endedNs.value_or(window.toNs) };
        s.anomalyTraces.insert(a.id, exampleTrace(source, a.service, a.operation, during, a.metric));
    }
    for (const Regression &g : s.report.regressions.mid(0, kExampleLookups)) {
        const TimeWindow after { g.detectedNs, window.toNs };
        s.regressionTraces.insert(RegressionModel::keyOf(g), exampleTrace(source, g.service, g.operation, after, g.metric));
    }
    return s;
}

bool InsightsPage::startQuery(const TimeWindow &window)
{
    return controller()->run(
        this, [service = m_service, window](const TraceSource &source) { return query(source, service, window); },
        [this, generation = generation()](InsightsSnapshot snapshot) {
            if (takeResult(generation))
                apply(snapshot);
        });
}

void InsightsPage::apply(const InsightsSnapshot &snapshot)
{
    if (snapshot.serviceNames != m_serviceNames) {
        m_serviceNames = snapshot.serviceNames;
        Q_EMIT serviceOptionsChanged();
        Q_EMIT filterChanged(); // the index of the chosen service may have moved
    }
    const qint64 now = controller()->nowNs();
    m_anomalies->setAnomalies(snapshot.report.anomalies, snapshot.anomalyTraces, now);
    m_regressions->setRegressions(snapshot.report.regressions, snapshot.regressionTraces, now);
    m_recommendations->setRecommendations(snapshot.recommendations.recommendations);
    m_origins->setOrigins(snapshot.origins.origins, m_service);
    m_totalErrors = snapshot.origins.totalErrors;
    m_analysedErrors = snapshot.origins.analysedErrors;
    m_sampledTraces = snapshot.recommendations.sampledTraces;
    Q_EMIT resultApplied();
}

bool InsightsPage::hasInsights() const
{
    return m_anomalies->count() > 0 || m_regressions->count() > 0 || m_recommendations->count() > 0
        || m_origins->count() > 0;
}

QString InsightsPage::summaryText() const
{
    return QStringList { tr("%n anomaly(s)", "", m_anomalies->count()), tr("%n regression(s)", "", m_regressions->count()),
        tr("%n recommendation(s)", "", m_recommendations->count()), tr("%n error origin(s)", "", m_origins->count()) }
        .join(QStringLiteral(" · "));
}

QString InsightsPage::originsCaption() const
{
    if (m_totalErrors == 0)
        return tr("No errors in this time range.");
    if (m_analysedErrors >= m_totalErrors)
        return tr("Each of the %n error(s) followed down its trace to the span where it started.", "", int(m_totalErrors));
    return tr("The newest %1 of %2 errors followed down their traces to the span where they started.")
        .arg(countText(m_analysedErrors), countText(m_totalErrors));
}

QString InsightsPage::recommendationsCaption() const
{
    return tr("From the newest %n trace(s) of the time range.", "", int(m_sampledTraces));
}

QString InsightsPage::emptyText() const
{
    if (!controller()->isConnected())
        return tr("Not connected to a server.");
    if (!isLoaded())
        return tr("Loading…");
    if (hasInsights())
        return {};
    return tr("Nothing unusual in this time range. This page compares every operation's latency, error rate and "
              "throughput with its own recent baseline, compares them before and after a service.version change, "
              "checks the traces for N+1 calls, sequential calls that could run in parallel, slow statements, retry "
              "storms, large fan-out and uninstrumented time, and follows errors to the span where they start. "
              "Pick a longer range, or send more traffic: Settings (Ctrl+8) lists the endpoints.");
}

void InsightsPage::openAnomaly(int row)
{
    if (const AnomalyRow *r = m_anomalies->rowAt(row); r && !r->traceIdHex.isEmpty())
        controller()->openTraceSpan(r->traceIdHex, {});
}

void InsightsPage::openRegression(int row)
{
    if (const RegressionRow *r = m_regressions->rowAt(row); r && !r->traceIdHex.isEmpty())
        controller()->openTraceSpan(r->traceIdHex, {});
}

void InsightsPage::openRecommendation(int row)
{
    if (const RecommendationRow *r = m_recommendations->rowAt(row); r && !r->traceIdHex.isEmpty())
        controller()->openTraceSpan(r->traceIdHex, {});
}

void InsightsPage::openOrigin(int row)
{
    if (const ErrorOriginRow *r = m_origins->rowAt(row); r && !r->traceIdHex.isEmpty())
        controller()->openTraceSpan(r->traceIdHex, r->spanIdHex);
}

} // namespace spanlight
