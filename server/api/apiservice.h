#pragma once

#include "analysis/anomalyanalysis.h"
#include "core/accesscontrol.h"
#include "core/durationhistogram.h"
#include "http/httptypes.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QMap>
#include <QMutex>
#include <QStringList>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <optional>

namespace spanlight {

class Store;
class RedisQueryCache;
struct IngestCounters;
class IngestSenders;

struct ApiOptions
{
    QString token; // an admin bearer token; used when `access` is null
    std::shared_ptr<const AccessControl> access; // the server's tokens and roles
    Store *store = nullptr;
    const IngestCounters *counters = nullptr; // for /metrics; may be null
    const IngestSenders *senders = nullptr; // for /ingest/senders; may be null (an empty table)
    // Exporters configured per dependency name (jaeger, zipkin, opentelemetry); reachability lands with forwarding.
    std::function<bool(const QString &)> dependencyUp;
    std::function<QByteArray()> extraMetrics; // more Prometheus text for /metrics (forwarding)
    QStringList corsOrigins = {QStringLiteral("*")}; // CORS_ALLOWED_ORIGINS: "*" or exact origins
    // REDIS_URL with QUERY_CACHE_SECONDS > 0: analysis answers shared by every instance for a
    // few seconds (X-Cache: hit, miss, or bypass while Redis is unavailable). Null: no cache, no header.
    std::shared_ptr<RedisQueryCache> queryCache;
    AnomalyOptions anomalies; // ANOMALY_MARGIN, ANOMALY_BASELINE_BUCKETS; GET /anomalies?margin= overrides the margin
};

// The REST API of DESIGN.md: authentication, parameter validation, JSON rendering.
// Queries run on the service's own thread pool, never on the HTTP thread.
class ApiService
{
public:
    explicit ApiService(ApiOptions options);
    ~ApiService();

    void handle(HttpRequest &&request, HttpRespond respond);
    HttpHandler handler()
    {
        return [this](HttpRequest &&r, HttpRespond respond) { handle(std::move(r), std::move(respond)); };
    }
    void waitForIdle() { m_pool.waitForDone(); }

    // One REST endpoint: a path pattern ("/services/{service_name}/performance"), its query
    // parameters and a summary. The router and /openapi.json both come from this one table.
    struct Route
    {
        QString pattern;
        QString summary;
        QStringList queryParameters;
        std::function<HttpResponse(const ApiService &, const QStringList &pathArguments, const HttpRequest &)> handler;
        Permission permission = Permission::Read; // Manage: admin only, and audited
        QByteArray method = "GET"; // GET routes answer HEAD too
    };
    static const QList<Route> &routes();
    // Whether the query cache may keep the route's answers: the analysis endpoints, which every
    // reader may read and which read only stored data; not /, /health, /metrics (live figures),
    // /openapi.json (static), the alerts (live state) or anything admin-only such as /audit.
    static bool cacheable(const Route &route);
    // The OpenAPI 3 description of routes().
    static QJsonObject openApi();

private:
    // Every endpoint reads (viewer or admin); the answer to a request that may not.
    // The route's permission (Read for a path no route matches); refusals and admin actions go
    // to the audit log.
    std::optional<HttpResponse> refusal(const HttpRequest &request, const Route *route, const HttpHeaders &cors) const;
    // The CORS headers for a request from `origin` (none when the origin is not allowed).
    HttpHeaders corsHeaders(const QByteArray &origin) const;
    HttpResponse root() const;
    HttpResponse health() const;
    HttpResponse ingestSenders() const;
    HttpResponse listTraces(const HttpRequest &request) const;
    HttpResponse traceDetails(const QString &id, const HttpRequest &request) const;
    HttpResponse traceSpans(const QString &id, const HttpRequest &request) const;
    HttpResponse compareTraces(const QString &baselineId, const QString &candidateId, const HttpRequest &request) const;
    HttpResponse metrics() const;
    HttpResponse services() const;
    HttpResponse serviceOperations(const QString &service) const;
    HttpResponse servicePerformance(const QString &service, const HttpRequest &request) const;
    HttpResponse errors(const HttpRequest &request) const;
    HttpResponse errorDetails(const QString &id) const;
    HttpResponse dependencies(const HttpRequest &request) const;
    HttpResponse impact(const QString &service, const HttpRequest &request) const;
    HttpResponse slowest(const HttpRequest &request) const;
    HttpResponse trends(const HttpRequest &request) const;
    HttpResponse anomalies(const HttpRequest &request) const;
    HttpResponse rootCause(const QString &errorId) const;
    HttpResponse recommendations(const HttpRequest &request) const;
    HttpResponse errorOrigins(const HttpRequest &request) const;
    HttpResponse audit(const HttpRequest &request) const;
    HttpResponse deleteTrace(const QString &id) const;
    HttpResponse deleteTracesWithAttribute(const HttpRequest &request) const;
    HttpResponse traceNote(const QString &id) const;
    HttpResponse putTraceNote(const QString &id, const HttpRequest &request) const;
    HttpResponse deleteTraceNote(const QString &id) const;
    // After a change that succeeded (200): no instance may answer from the query cache with what
    // was there before (a cache that cannot be cleared expires within QUERY_CACHE_SECONDS; the
    // answer says so).
    HttpResponse changed(HttpResponse r) const;
    // Alert rules and history (alertsapi.cpp).
    HttpResponse alertRules() const;
    HttpResponse alertRule(const QString &id) const;
    HttpResponse createAlertRule(const HttpRequest &request) const;
    HttpResponse updateAlertRule(const QString &id, const HttpRequest &request) const;
    HttpResponse deleteAlertRule(const QString &id) const;
    HttpResponse alerts(const HttpRequest &request) const;
    // Runs one deletion at a time; a second one meanwhile is answered 409.
    HttpResponse deletion(const std::function<HttpResponse()> &run) const;
    // Finds the route for `method` and `path` (percent-encoded; each segment is decoded after
    // splitting) and fills its path arguments; null when none matches. `allowed` gets the methods
    // of the routes with that path, so that a wrong method can be told from an unknown path.
    static const Route *match(const QByteArray &method, const QString &path, QStringList *arguments,
        QByteArrayList *allowed);
    // `respond`, recording the request's duration and status under its route (index into
    // routes(), or routes().size() for a path no route matches).
    HttpRespond measured(qsizetype route, HttpRespond respond);
    QByteArray requestMetrics() const;

    ApiOptions m_options;
    QElapsedTimer m_uptime;
    qint64 m_startedMs = 0;
    // Per route, the last one for unmatched paths: durations, and answers by status code.
    std::unique_ptr<DurationHistogram[]> m_routeDurations;
    mutable QMutex m_answersMutex;
    QMap<QPair<qsizetype, int>, qint64> m_answers; // (route, status) -> requests
    mutable QMutex m_deletionMutex; // held while a deletion runs
    QThreadPool m_pool; // destroyed first: its tasks answer through the members above
};

} // namespace spanlight
