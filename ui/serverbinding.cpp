#include "serverbinding.h"

#include "consolecontroller.h"
#include "displaytext.h"
#include "spanlightserver.h"
#include "analysis/anomalyanalysis.h"
#include "analysis/recommendations.h"
#include "analysis/rootcause.h"
#include "analysis/serviceanalysis.h"
#include "demo/demoworkload.h"
#include "ingest/pipeline.h"
#include "ingest/traceimport.h"
#include "storage/store.h"

#include <QDateTime>
#include <QFileInfo>

namespace spanlight {

namespace {

// The store's reads are safe from any thread (each thread gets its own connection).
class StoreTraceSource final : public TraceSource
{
public:
    StoreTraceSource(const Store &store, const IngestSenders *senders, const AnomalyOptions &anomalyOptions)
        : m_store(store), m_senders(senders), m_anomalyOptions(anomalyOptions), m_analysis(store), m_services(store),
          m_alerts(store)
    {
    }
    TraceList listTraces(const TraceFilter &filter) const override { return m_analysis.listTraces(filter); }
    std::optional<TraceDetails> trace(const QByteArray &traceId) const override { return m_analysis.trace(traceId); }
    std::optional<TraceDetails> traceTop(const QByteArray &traceId, int spanBudget) const override
    {
        return m_analysis.trace(traceId, spanBudget);
    }
    std::optional<TraceSubtree> traceSubtree(const QByteArray &traceId, const QByteArray &spanId,
        int spanBudget) const override
    {
        return m_analysis.subtree(traceId, spanId, spanBudget);
    }

    ServicesOverview servicesOverview() const override { return m_services.services(); }
    ServicePerformance servicePerformance(const QString &service, const TimeWindow &window) const override
    {
        return m_services.performance(service, {}, window);
    }
    ErrorList errors(const ErrorQuery &query) const override { return m_services.errors(query); }
    DependencyGraph dependencies(const TimeWindow &window) const override { return m_services.dependencies(window); }
    std::optional<DependencyImpact> impact(const QString &name, const TimeWindow &window) const override
    {
        return m_services.impact(name, window);
    }
    TrendSeries trends(const QString &service, const QString &operation, const TimeWindow &window,
        qint64 granularityNs) const override
    {
        return m_services.trends(service, operation, window, granularityNs);
    }
    TrendSeries spanTrends(const TimeWindow &window, qint64 granularityNs) const override
    {
        return m_services.spanTrends(window, granularityNs);
    }
    QList<qint64> traceStarts(const TimeWindow &window, qint64 granularityNs) const override
    {
        return m_services.traceStarts(window, granularityNs);
    }
    Slowest slowest(const SlowestQuery &query) const override { return m_services.slowest(query); }
    AnomalyReport anomalies(const QString &service, const QString &operation, const TimeWindow &window) const override
    {
        AnomalyQuery q;
        q.service = service;
        q.operation = operation;
        q.window = window;
        q.bucketNs = anomalyBucketNs(window.rangeNs()); // as GET /anomalies
        q.nowNs = QDateTime::currentMSecsSinceEpoch() * 1000000;
        return AnomalyAnalysis(m_store, m_anomalyOptions).analyse(q);
    }
    Recommendations recommendations(const QString &service, const TimeWindow &window) const override
    {
        return RecommendationAnalysis(m_store).recommendations(service, window);
    }
    ErrorOrigins errorOrigins(const TimeWindow &window) const override { return RootCauseAnalysis(m_store).origins(window); }
    std::optional<RootCause> rootCause(const QByteArray &traceId, const QByteArray &spanId) const override
    {
        return RootCauseAnalysis(m_store).rootCause(traceId, spanId);
    }
    NoteChange setNote(const QByteArray &traceId, const QString &text, const QString &author,
        QString *error) const override
    {
        return m_analysis.setNote(traceId, text, author, error);
    }
    NoteChange deleteNote(const QByteArray &traceId, QString *error) const override
    {
        return m_analysis.deleteNote(traceId, error);
    }
    std::optional<QList<AlertRuleView>> alertRules(QString *error) const override { return m_alerts.rules(error); }
    AlertChange saveAlertRule(const AlertRule &rule) const override
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000000;
        return rule.id ? m_alerts.replace(rule, now, true) : m_alerts.add(rule, now);
    }
    AlertChange deleteAlertRule(qint64 id) const override { return m_alerts.remove(id); }
    std::optional<QList<AlertEvent>> alertHistory(const AlertEventFilter &filter, QString *error) const override
    {
        return m_alerts.history(filter, error);
    }
    StorageStatus storageStatus() const override
    {
        const StoreStats stats = m_store.stats();
        return { m_store.databaseSizeBytes(), stats.spans, stats.traces };
    }
    QList<SenderStats> ingestSenders() const override { return m_senders ? m_senders->snapshot() : QList<SenderStats>(); }

private:
    const Store &m_store;
    const IngestSenders *m_senders;
    const AnomalyOptions m_anomalyOptions;
    TraceAnalysis m_analysis;
    ServiceAnalysis m_services;
    AlertRuleBook m_alerts;
};

} // namespace

ImportOutcome importOutcome(const TraceImportResult &result)
{
    ImportOutcome out;
    out.fileName = QFileInfo(result.path).fileName();
    out.error = result.error;
    out.spans = result.spans;
    out.traces = result.traces;
    out.rejectedSpans = result.rejectedSpans;
    out.rejectMessage = result.rejectMessage;
    out.firstTraceId = result.firstTraceId;
    return out;
}

std::shared_ptr<const TraceSource> storeTraceSource(
    const Store &store, const IngestSenders *senders, const AnomalyOptions &anomalyOptions)
{
    return std::make_shared<StoreTraceSource>(store, senders, anomalyOptions);
}

void attachServer(ConsoleController &controller, SpanlightServer &server)
{
    // What binds the console to the embedded server, again after a remote server was used.
    auto committed = std::make_shared<QMetaObject::Connection>();
    auto attach = [&controller, &server, committed] {
        const Config &config = server.config();
        ConsoleEndpoints endpoints;
        endpoints.apiUrl = listenerUrl(config.serviceHost, server.apiPort());
        endpoints.otlpHttpUrl = listenerUrl(config.bindAddr, server.otlpHttpPort(), QStringLiteral("/v1/traces"));
        endpoints.otlpGrpcUrl = listenerUrl(config.bindAddr, server.otlpGrpcPort());
        endpoints.zipkinUrl = listenerUrl(config.bindAddr, server.zipkinPort(), QStringLiteral("/api/v2/spans"));
        endpoints.jaegerUrl = listenerUrl(config.bindAddr, server.jaegerHttpPort(), QStringLiteral("/api/traces"));
        endpoints.apiToken = server.config().apiToken;
        endpoints.storageUrl = storageDisplayUrl(config.databaseUrl);
        controller.setEndpoints(endpoints);
        ServerFacts facts;
        facts.known = true;
        facts.retentionDays = config.retentionDays;
        facts.samplingRate = config.samplingRate;
        facts.maxTracesPerSecond = config.maxTracesPerSecond;
        for (const QString &endpoint : { config.jaegerEndpoint, config.zipkinEndpoint, config.otlpEndpoint })
            if (!endpoint.isEmpty())
                facts.forwarding.append(storageDisplayUrl(endpoint)); // without a password in the URL
        controller.settingsPage()->setServerFacts(facts);
        controller.settingsPage()->setTokenRegenerator(
            [&server](QString *error) { return server.regenerateApiToken(error); }, server.canRegenerateApiToken());

        Store *store = server.store();
        if (!store)
            return;
        // Emitted on the writer thread; the controller lives on the GUI thread, so this queues.
        *committed = QObject::connect(store, &Store::committed, &controller, &ConsoleController::notifyCommitted);
        controller.setSource(
            storeTraceSource(*store, server.pipeline() ? &server.pipeline()->senders() : nullptr, server.anomalyOptions()));
        controller.setDemoLoader([store] {
            demo::DemoOptions options;
            options.nowNs = QDateTime::currentMSecsSinceEpoch() * 1000000;
            const demo::DemoLoad load = demo::loadDemo(*store, options);
            return DemoLoadOutcome{load.ok, load.error, load.facts.spans, load.facts.traces, load.seconds};
        });
        if (IngestPipeline *pipeline = server.pipeline())
            controller.setImporter(
                [pipeline](const QString &path) { return importOutcome(importTraceFile(*pipeline, path)); });
    };
    attach();
    controller.connection()->setLocalBinding(attach, [committed] { QObject::disconnect(*committed); });
}

} // namespace spanlight
