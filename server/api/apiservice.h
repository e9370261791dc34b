#pragma once

#include "http/httptypes.h"

#include <QElapsedTimer>
#include <QString>
#include <QThreadPool>

#include <functional>

namespace spanlight {

class Store;
struct IngestCounters;

struct ApiOptions
{
    QString token; // the bearer token every request must carry
    Store *store = nullptr;
    const IngestCounters *counters = nullptr; // for /metrics; may be null
    // Exporters configured per dependency name (jaeger, zipkin, opentelemetry); reachability lands with forwarding.
    std::function<bool(const QString &)> dependencyUp;
    std::function<QByteArray()> extraMetrics; // more Prometheus text for /metrics (forwarding)
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

private:
    bool authorized(const HttpRequest &request) const;
    HttpResponse root() const;
    HttpResponse health() const;
    HttpResponse listTraces(const HttpRequest &request) const;
    HttpResponse traceDetails(const QString &id) const;
    HttpResponse traceSpans(const QString &id, const HttpRequest &request) const;
    HttpResponse metrics() const;
    HttpResponse services() const;
    HttpResponse serviceOperations(const QString &service) const;
    HttpResponse servicePerformance(const QString &service, const HttpRequest &request) const;
    HttpResponse errors(const HttpRequest &request) const;
    HttpResponse errorDetails(const QString &id) const;
    HttpResponse slowest(const HttpRequest &request) const;
    HttpResponse trends(const HttpRequest &request) const;

    ApiOptions m_options;
    QElapsedTimer m_uptime;
    qint64 m_startedMs = 0;
    QThreadPool m_pool;
};

} // namespace spanlight
