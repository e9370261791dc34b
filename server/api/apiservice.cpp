#include "apiservice.h"

#include "core/accesscontrol.h"
#include "core/config.h"

#include "apijson.h"
#include "apiparams.h"
#include "core/ids.h"
#include "core/logging.h"
#include "core/timeformat.h"
#include "core/ingestcounters.h"
#include "storage/store.h"
#include "analysis/anomalyanalysis.h"
#include "analysis/recommendations.h"
#include "analysis/rootcause.h"
#include "analysis/serviceanalysis.h"
#include "redis/querycache.h"

#include <QScopeGuard>
#include <QUrl>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtConcurrent>

namespace spanlight {


ApiService::ApiService(ApiOptions options)
    : m_options(std::move(options)),
      m_routeDurations(std::make_unique<DurationHistogram[]>(size_t(routes().size() + 1)))
{
    if (!m_options.access) {
        QString unused;
        m_options.access = std::make_shared<const AccessControl>(*AccessControl::load(m_options.token, {}, &unused));
    }
    m_uptime.start();
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    m_pool.setMaxThreadCount(4);
    // The store keeps one reader connection per thread for the store's lifetime: threads that
    // expired and were replaced would leave their connections behind.
    m_pool.setExpiryTimeout(-1);
    m_pool.setObjectName(QStringLiteral("api-queries"));
}

ApiService::~ApiService()
{
    m_pool.waitForDone();
}

std::optional<HttpResponse> ApiService::refusal(const HttpRequest &request, const Route *route,
                                                const HttpHeaders &cors) const
{
    const Permission needed = route ? route->permission : Permission::Read;
    const AccessCheck check = m_options.access->check(request.header("authorization"), needed);
    // By route pattern, and one name for every unknown path: the audit log keys its rows by action,
    // and a client must not make a new row per request by varying the path.
    const QString action = QString::fromLatin1(request.method.left(16)) + u' '
        + (route ? route->pattern : QStringLiteral("(no such endpoint)"));
    const QString remote = request.peer.toString();
    if (check.allowed()) {
        if (needed == Permission::Manage)
            m_options.access->report(check, action, remote);
        return std::nullopt;
    }
    m_options.access->report(check, action, remote);
    HttpResponse r = HttpResponse::error(check.httpStatus(),
        check.httpStatus() == 403 ? QStringLiteral("forbidden") : QStringLiteral("unauthorized"), check.message);
    r.headers = cors;
    if (check.httpStatus() == 401)
        r.addHeader("WWW-Authenticate", "Bearer realm=\"spanlight\"");
    return r;
}

HttpHeaders ApiService::corsHeaders(const QByteArray &origin) const
{
    if (m_options.corsOrigins.contains(QStringLiteral("*")))
        return {{"Access-Control-Allow-Origin", "*"}};
    if (!origin.isEmpty() && m_options.corsOrigins.contains(QString::fromUtf8(origin)))
        return {{"Access-Control-Allow-Origin", origin}, {"Vary", "Origin"}};
    return {{"Vary", "Origin"}}; // a browser on another origin gets no permission
}

HttpRespond ApiService::measured(qsizetype route, HttpRespond respond)
{
    QElapsedTimer timer;
    timer.start();
    return [this, route, timer, respond = std::move(respond)](HttpResponse &&r) {
        m_routeDurations[size_t(route)].record(timer.nsecsElapsed());
        {
            const QMutexLocker lock(&m_answersMutex);
            ++m_answers[{route, r.status}];
        }
        respond(std::move(r));
    };
}

void ApiService::handle(HttpRequest &&request, HttpRespond respond)
{
    // Matched before anything else so that every answer, a 401 or a preflight too, is measured
    // under the route pattern (a raw path would make one series per trace id).
    QStringList arguments;
    QByteArrayList allowed;
    const Route *matched = match(request.method, request.encodedPath.isEmpty() ? request.path : request.encodedPath,
        &arguments, &allowed);
    respond = measured(matched ? matched - routes().constData() : routes().size(), std::move(respond));
    const HttpHeaders cors = corsHeaders(request.header("origin"));
    if (request.method == "OPTIONS") { // CORS preflight carries no credentials
        HttpResponse r;
        r.status = 204;
        r.headers = cors;
        if (cors.first().first == "Access-Control-Allow-Origin") {
            r.addHeader("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
            r.addHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
            r.addHeader("Access-Control-Max-Age", "600");
        }
        respond(std::move(r));
        return;
    }
    if (std::optional<HttpResponse> refused = refusal(request, matched, cors)) {
        respond(std::move(*refused));
        return;
    }
    const QString path = request.path;
    std::function<HttpResponse()> route;
    if (matched)
        route = [this, matched, arguments, request] { return matched->handler(*this, arguments, request); };

    HttpResponse immediate;
    if (!route && !allowed.isEmpty()) {
        if (allowed.contains("GET"))
            allowed.insert(allowed.indexOf("GET") + 1, "HEAD");
        immediate = HttpResponse::error(405, QStringLiteral("method_not_allowed"),
                                        QStringLiteral("%1 is not allowed on %2; use %3")
                                            .arg(QString::fromLatin1(request.method.left(16)), path,
                                                 QString::fromLatin1(allowed.join(" or "))));
        immediate.addHeader("Allow", allowed.join(", ") + ", OPTIONS");
    } else if (!route) {
        immediate = notFound(QStringLiteral("no such endpoint: %1").arg(path));
    } else {
        std::shared_ptr<RedisQueryCache> cache
            = m_options.queryCache && request.method == "GET" && cacheable(*matched) ? m_options.queryCache : nullptr;
        const QByteArray key = cache ? RedisQueryCache::key(matched->pattern, arguments, request.query) : QByteArray();
        const quint64 generation = cache ? cache->generation() : 0;
        m_pool.start([route = std::move(route), respond, cors, cache = std::move(cache), key, generation] {
            HttpResponse r;
            QByteArray state;
            if (cache) {
                QByteArray body;
                switch (cache->get(key, &body)) {
                case RedisQueryCache::Lookup::Hit:
                    r.contentType = "application/json";
                    r.body = std::move(body);
                    state = "hit";
                    break;
                case RedisQueryCache::Lookup::Miss:
                    state = "miss";
                    break;
                case RedisQueryCache::Lookup::Unavailable:
                    state = "bypass";
                    break;
                }
            }
            if (state != "hit") {
                r = route();
                if (state == "miss" && r.status == 200 && cache->generation() == generation)
                    cache->put(key, r.body); // not when traces were deleted meanwhile
            }
            if (!state.isEmpty())
                r.addHeader("X-Cache", state);
            r.headers += cors;
            respond(std::move(r));
        });
        return;
    }
    immediate.headers += cors;
    respond(std::move(immediate));
}

const QList<ApiService::Route> &ApiService::routes()
{
    using A = const QStringList &;
    using R = const HttpRequest &;
    static const QList<Route> table = {
        {QStringLiteral("/"), QStringLiteral("Service status"), {}, [](const ApiService &s, A, R) { return s.root(); }},
        {QStringLiteral("/health"), QStringLiteral("Health of the service and its dependencies"), {},
         [](const ApiService &s, A, R) { return s.health(); }},
        {QStringLiteral("/metrics"), QStringLiteral("Prometheus metrics (text format)"), {},
         [](const ApiService &s, A, R) { return s.metrics(); }},
        {QStringLiteral("/openapi.json"), QStringLiteral("This description"), {},
         [](const ApiService &, A, R) { return HttpResponse::json(200, openApi()); }},
        {QStringLiteral("/traces"),
         QStringLiteral("Search traces by service, operation, time, duration, span and error-span counts and note; "
                        "newest first unless sort and order say otherwise"),
         {QStringLiteral("service"), QStringLiteral("operation"), QStringLiteral("start_time"), QStringLiteral("end_time"),
          QStringLiteral("duration_min"), QStringLiteral("duration_max"), QStringLiteral("min_spans"),
          QStringLiteral("max_spans"), QStringLiteral("min_errors"), QStringLiteral("max_errors"),
          QStringLiteral("has_note"), QStringLiteral("status"), QStringLiteral("tag"), QStringLiteral("sort"),
          QStringLiteral("order"), QStringLiteral("limit"), QStringLiteral("offset")},
         [](const ApiService &s, A, R r) { return s.listTraces(r); }},
        {QStringLiteral("/traces/{trace_id}"),
         QStringLiteral("A trace with its spans, errors and critical path; with span_budget, a trace of more spans "
                        "comes as the top of its tree (partial)"),
         {QStringLiteral("span_budget")},
         [](const ApiService &s, A a, R r) { return s.traceDetails(a[0], r); }},
        {QStringLiteral("/traces/{trace_id}/spans"),
         QStringLiteral("The spans of a trace; with parent, the descendants of that span (the top of them within "
                        "span_budget), for expanding a partial trace"),
         {QStringLiteral("operation"), QStringLiteral("status"), QStringLiteral("parent"), QStringLiteral("span_budget")},
         [](const ApiService &s, A a, R r) { return s.traceSpans(a[0], r); }},
        {QStringLiteral("/traces/{trace_id}/compare/{other_trace_id}"),
         QStringLiteral("Per-span latency diff against another trace, biggest regressions first"),
         {QStringLiteral("limit")}, [](const ApiService &s, A a, R r) { return s.compareTraces(a[0], a[1], r); }},
        {QStringLiteral("/services"), QStringLiteral("Every service with its operations"), {},
         [](const ApiService &s, A, R) { return s.services(); }},
        {QStringLiteral("/services/{service_name}/operations"), QStringLiteral("The operations of a service"), {},
         [](const ApiService &s, A a, R) { return s.serviceOperations(a[0]); }},
        {QStringLiteral("/services/{service_name}/performance"), QStringLiteral("A service's requests: rates, percentiles, trends"),
         {QStringLiteral("time_range"), QStringLiteral("start_time"), QStringLiteral("end_time"), QStringLiteral("operation")},
         [](const ApiService &s, A a, R r) { return s.servicePerformance(a[0], r); }},
        {QStringLiteral("/errors"), QStringLiteral("Errors with types, severities and services"),
         {QStringLiteral("service"), QStringLiteral("error_type"), QStringLiteral("start_time"), QStringLiteral("end_time"),
          QStringLiteral("severity"), QStringLiteral("limit")},
         [](const ApiService &s, A, R r) { return s.errors(r); }},
        // Before /errors/{error_id}, which would take "origins" for an id.
        {QStringLiteral("/errors/origins"),
         QStringLiteral("The window's errors grouped by where they started (service, operation, type), with shares"),
         {QStringLiteral("time_range"), QStringLiteral("start_time"), QStringLiteral("end_time")},
         [](const ApiService &s, A, R r) { return s.errorOrigins(r); }},
        {QStringLiteral("/errors/{error_id}"), QStringLiteral("One error with its span's events"), {},
         [](const ApiService &s, A a, R) { return s.errorDetails(a[0]); }},
        {QStringLiteral("/dependencies"), QStringLiteral("The service dependency graph with its critical paths"),
         {QStringLiteral("time_range"), QStringLiteral("start_time"), QStringLiteral("end_time")}, [](const ApiService &s, A, R r) { return s.dependencies(r); }},
        {QStringLiteral("/audit"),
         QStringLiteral("The audit log: authentication failures and admin actions, newest first (admin only)"),
         {QStringLiteral("start_time"), QStringLiteral("end_time"), QStringLiteral("limit")},
         [](const ApiService &s, A, R r) { return s.audit(r); }, Permission::Manage},
        {QStringLiteral("/traces/{trace_id}"),
         QStringLiteral("Deletes a trace with every row derived from it: errors, edges, its share of the rollups (admin only)"),
         {}, [](const ApiService &s, A a, R) { return s.deleteTrace(a[0]); }, Permission::Manage, "DELETE"},
        {QStringLiteral("/traces"),
         QStringLiteral("Deletes every trace with a span or resource attribute key:value, and all derived from them (admin only)"),
         {QStringLiteral("attribute")},
         [](const ApiService &s, A, R r) { return s.deleteTracesWithAttribute(r); }, Permission::Manage, "DELETE"},
        {QStringLiteral("/traces/{trace_id}/note"), QStringLiteral("The note on a trace"), {},
         [](const ApiService &s, A a, R) { return s.traceNote(a[0]); }},
        {QStringLiteral("/traces/{trace_id}/note"),
         QStringLiteral("Writes the note on a trace: a JSON body {\"text\": ...} of 1 to 10240 bytes (admin only)"), {},
         [](const ApiService &s, A a, R r) { return s.putTraceNote(a[0], r); }, Permission::Manage, "PUT"},
        {QStringLiteral("/traces/{trace_id}/note"), QStringLiteral("Deletes the note on a trace (admin only)"), {},
         [](const ApiService &s, A a, R) { return s.deleteTraceNote(a[0]); }, Permission::Manage, "DELETE"},
        {QStringLiteral("/dependencies/{service_name}/impact"),
         QStringLiteral("What depends on a service (or external system) and how much traffic it carries"),
         {QStringLiteral("time_range"), QStringLiteral("start_time"), QStringLiteral("end_time")}, [](const ApiService &s, A a, R r) { return s.impact(a[0], r); }},
        {QStringLiteral("/performance/slowest"), QStringLiteral("The slowest traces and operations"),
         {QStringLiteral("service"), QStringLiteral("operation"), QStringLiteral("time_range"), QStringLiteral("start_time"),
          QStringLiteral("end_time"), QStringLiteral("limit")},
         [](const ApiService &s, A, R r) { return s.slowest(r); }},
        {QStringLiteral("/performance/trends"), QStringLiteral("Latency, error rate and throughput over time"),
         {QStringLiteral("service"), QStringLiteral("operation"), QStringLiteral("time_range"), QStringLiteral("start_time"),
          QStringLiteral("end_time"), QStringLiteral("granularity"), QStringLiteral("series")},
         [](const ApiService &s, A, R r) { return s.trends(r); }},
        {QStringLiteral("/ingest/senders"),
         QStringLiteral("Ingest health: per sender (protocol, address, service) stored and refused spans, this instance"),
         {}, [](const ApiService &s, A, R) { return s.ingestSenders(); }},
        {QStringLiteral("/errors/{error_id}/root-cause"),
         QStringLiteral("The way from an error down its trace to the deepest failing span whose children succeeded"),
         {}, [](const ApiService &s, A a, R) { return s.rootCause(a[0]); }},
        {QStringLiteral("/anomalies"),
         QStringLiteral("Anomalous buckets of latency, error rate and throughput per operation, and regressions "
                        "after version changes or level shifts"),
         {QStringLiteral("service"), QStringLiteral("operation"), QStringLiteral("time_range"), QStringLiteral("margin"),
          QStringLiteral("start_time"), QStringLiteral("end_time")},
         [](const ApiService &s, A, R r) { return s.anomalies(r); }},
        {QStringLiteral("/recommendations"),
         QStringLiteral("Rule-based fixes (N+1 calls, sequential calls, slow statements, retry storms, fan-out, "
                        "uninstrumented time) with evidence, from a sample of the window's traces"),
         {QStringLiteral("service"), QStringLiteral("time_range"), QStringLiteral("start_time"), QStringLiteral("end_time")},
         [](const ApiService &s, A, R r) { return s.recommendations(r); }},
        {QStringLiteral("/alerts/rules"), QStringLiteral("Every alert rule with its state (webhook URLs shortened to their origin)"),
         {}, [](const ApiService &s, A, R) { return s.alertRules(); }},
        {QStringLiteral("/alerts/rules"), QStringLiteral("Adds an alert rule (admin only); the body is the rule as JSON"), {},
         [](const ApiService &s, A, R r) { return s.createAlertRule(r); }, Permission::Manage, "POST"},
        {QStringLiteral("/alerts/rules/{rule_id}"), QStringLiteral("One alert rule with its state"), {},
         [](const ApiService &s, A a, R) { return s.alertRule(a[0]); }},
        {QStringLiteral("/alerts/rules/{rule_id}"), QStringLiteral("Replaces an alert rule (admin only); the body is the rule as JSON"),
         {}, [](const ApiService &s, A a, R r) { return s.updateAlertRule(a[0], r); }, Permission::Manage, "PUT"},
        {QStringLiteral("/alerts/rules/{rule_id}"), QStringLiteral("Deletes an alert rule with its history (admin only)"), {},
         [](const ApiService &s, A a, R) { return s.deleteAlertRule(a[0]); }, Permission::Manage, "DELETE"},
        {QStringLiteral("/alerts"), QStringLiteral("Alert history, newest first: firing and resolved alerts with their webhook deliveries"),
         {QStringLiteral("state"), QStringLiteral("rule_id"), QStringLiteral("service"), QStringLiteral("limit")},
         [](const ApiService &s, A, R r) { return s.alerts(r); }},
    };
    return table;
}

bool ApiService::cacheable(const Route &route)
{
    static const QStringList live = {QStringLiteral("/"), QStringLiteral("/health"), QStringLiteral("/metrics"),
                                     QStringLiteral("/openapi.json"), QStringLiteral("/ingest/senders")};
    // Alerts change with every evaluation round and every rule edit, on any instance.
    return route.permission == Permission::Read && !live.contains(route.pattern)
        && !route.pattern.startsWith(QLatin1String("/alerts"));
}

const ApiService::Route *ApiService::match(const QByteArray &method, const QString &path, QStringList *arguments,
    QByteArrayList *allowed)
{
    // Segments are decoded after splitting: a service named "a/b" is /services/a%2Fb/operations.
    QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    for (QString &part : parts)
        part = QUrl::fromPercentEncoding(part.toUtf8());
    for (const Route &route : routes()) {
        const QStringList pattern = route.pattern.split(u'/', Qt::SkipEmptyParts);
        if (pattern.size() != parts.size())
            continue;
        QStringList args;
        bool ok = true;
        for (qsizetype i = 0; i < parts.size() && ok; ++i) {
            if (pattern[i].startsWith(u'{'))
                args.append(parts[i]);
            else
                ok = pattern[i] == parts[i];
        }
        if (!ok)
            continue;
        if (route.method == method || (route.method == "GET" && method == "HEAD")) {
            *arguments = args;
            return &route;
        }
        if (!allowed->contains(route.method))
            allowed->append(route.method);
    }
    return nullptr;
}

QJsonObject ApiService::openApi()
{
    auto error = [](const char *description) {
        return QJsonObject{{QStringLiteral("description"), QLatin1String(description)},
                           {QStringLiteral("content"),
                            QJsonObject{{QStringLiteral("application/json"),
                                         QJsonObject{{QStringLiteral("schema"),
                                                      QJsonObject{{QStringLiteral("$ref"),
                                                                   QStringLiteral("#/components/schemas/Error")}}}}}}}};
    };
    QJsonObject paths;
    for (const Route &route : routes()) {
        QJsonArray parameters;
        for (const QString &segment : route.pattern.split(u'/', Qt::SkipEmptyParts))
            if (segment.startsWith(u'{'))
                parameters.append(QJsonObject{{QStringLiteral("name"), segment.mid(1, segment.size() - 2)},
                                              {QStringLiteral("in"), QStringLiteral("path")},
                                              {QStringLiteral("required"), true},
                                              {QStringLiteral("schema"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}});
        for (const QString &name : route.queryParameters)
            parameters.append(QJsonObject{{QStringLiteral("name"), name},
                                          {QStringLiteral("in"), QStringLiteral("query")},
                                          {QStringLiteral("required"), false},
                                          {QStringLiteral("schema"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}});
        QJsonObject responses{{QStringLiteral("200"), QJsonObject{{QStringLiteral("description"), QStringLiteral("OK")}}},
                              {QStringLiteral("401"), error("missing or wrong bearer token")}};
        if (!parameters.isEmpty())
            responses.insert(QStringLiteral("400"), error("a parameter is invalid; the message names it"));
        if (route.pattern.contains(u'{'))
            responses.insert(QStringLiteral("404"), error("no such item"));
        if (route.permission == Permission::Manage)
            responses.insert(QStringLiteral("403"), error("the token's role may not do this (admin only)"));
        QJsonObject operation{{QStringLiteral("summary"), route.summary}, {QStringLiteral("responses"), responses}};
        if (!parameters.isEmpty())
            operation.insert(QStringLiteral("parameters"), parameters);
        if (route.method == "PUT") // the one body the API reads: {"text": ...}
            operation.insert(
                QStringLiteral("requestBody"),
                QJsonObject{{QStringLiteral("required"), true},
                            {QStringLiteral("content"),
                             QJsonObject{{QStringLiteral("application/json"),
                                          QJsonObject{{QStringLiteral("schema"),
                                                       QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                                                   {QStringLiteral("required"), QJsonArray{QStringLiteral("text")}},
                                                                   {QStringLiteral("properties"),
                                                                    QJsonObject{{QStringLiteral("text"),
                                                                                 QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}}}}}}}}}});
        QJsonObject item = paths.value(route.pattern).toObject();
        item.insert(QString::fromLatin1(route.method.toLower()), operation);
        paths.insert(route.pattern, item);
    }
    const QJsonObject errorSchema{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("properties"),
         QJsonObject{{QStringLiteral("error"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                  {QStringLiteral("properties"),
                                   QJsonObject{{QStringLiteral("code"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
                                               {QStringLiteral("message"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}}}}}}}};
    return {
        {QStringLiteral("openapi"), QStringLiteral("3.0.3")},
        {QStringLiteral("info"), QJsonObject{{QStringLiteral("title"), QStringLiteral("Spanlight REST API")},
                                             {QStringLiteral("version"), QStringLiteral(SPANLIGHT_VERSION)}}},
        {QStringLiteral("paths"), paths},
        {QStringLiteral("components"),
         QJsonObject{{QStringLiteral("schemas"), QJsonObject{{QStringLiteral("Error"), errorSchema}}},
                     {QStringLiteral("securitySchemes"),
                      QJsonObject{{QStringLiteral("bearer"), QJsonObject{{QStringLiteral("type"), QStringLiteral("http")},
                                                                         {QStringLiteral("scheme"), QStringLiteral("bearer")}}}}}}},
        {QStringLiteral("security"), QJsonArray{QJsonObject{{QStringLiteral("bearer"), QJsonArray()}}}},
    };
}

HttpResponse ApiService::root() const
{
    return HttpResponse::json(
        200, {{QStringLiteral("service"), QStringLiteral("spanlight")},
              {QStringLiteral("version"), QStringLiteral(SPANLIGHT_VERSION)},
              {QStringLiteral("status"), QStringLiteral("running")},
              {QStringLiteral("description"),
               QStringLiteral("Spanlight tracing service: OpenTelemetry, Zipkin and Jaeger collector with trace analysis")},
              {QStringLiteral("timestamp"), isoFromNanos(QDateTime::currentMSecsSinceEpoch() * 1000000)},
              {QStringLiteral("uptime_seconds"), double(m_uptime.elapsed()) / 1000.0}});
}

HttpResponse ApiService::ingestSenders() const
{
    return HttpResponse::json(200, ingestSendersJson(m_options.senders ? m_options.senders->snapshot() : QList<SenderStats>()));
}

HttpResponse ApiService::health() const
{
    QString dbError;
    const bool dbUp = m_options.store->ping(&dbError);
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000000;
    StoreStats stats;
    qint64 active = 0;
    if (dbUp) {
        stats = m_options.store->stats();
        active = m_options.store->tracesEndingAfter(now - qint64(300) * 1000000000);
    }
    auto dep = [this](const char *name) {
        return m_options.dependencyUp ? m_options.dependencyUp(QLatin1String(name)) : false;
    };
    QJsonObject o{
        {QStringLiteral("status"), dbUp ? QStringLiteral("healthy") : QStringLiteral("unhealthy")},
        {QStringLiteral("service"), QStringLiteral("spanlight")},
        {QStringLiteral("timestamp"), isoFromNanos(now)},
        {QStringLiteral("uptime_seconds"), double(m_uptime.elapsed()) / 1000.0},
        {QStringLiteral("active_traces"), active},
        {QStringLiteral("traces_processed"), stats.traces},
        {QStringLiteral("spans_processed"), stats.spans},
        {QStringLiteral("dependencies"),
         QJsonObject{{QStringLiteral("jaeger"), dep("jaeger")},
                     {QStringLiteral("zipkin"), dep("zipkin")},
                     {QStringLiteral("opentelemetry"), dep("opentelemetry")},
                     {QStringLiteral("database"), dbUp}}},
    };
    if (!dbUp)
        o.insert(QStringLiteral("error"), QString(QStringLiteral("database unreachable: ") + dbError));
    return HttpResponse::json(dbUp ? 200 : 503, o);
}

HttpResponse ApiService::listTraces(const HttpRequest &request) const
{
    Params p{request.query, std::nullopt};
    TraceFilter f;
    f.service = p.text("service");
    f.operation = p.text("operation");
    f.startFromNs = p.time("start_time");
    f.startToNs = p.time("end_time");
    f.minDurationNs = p.millisAsNanos("duration_min");
    f.maxDurationNs = p.millisAsNanos("duration_max");
    auto count = [&p](const char *name) -> std::optional<qint64> {
        if (!p.has(name))
            return std::nullopt;
        return p.integer(name, 0, 0, std::numeric_limits<int>::max());
    };
    f.minSpans = count("min_spans");
    f.maxSpans = count("max_spans");
    f.minErrors = count("min_errors");
    f.maxErrors = count("max_errors");
    const QString hasNote = p.choice("has_note", {QStringLiteral("true"), QStringLiteral("false")}, QString());
    if (!hasNote.isEmpty())
        f.hasNote = hasNote == u"true";
    static const QStringList sorts = {QStringLiteral("start_time"), QStringLiteral("duration"),
                                      QStringLiteral("span_count"), QStringLiteral("error_count")};
    const QString sort = p.choice("sort", sorts, sorts.first());
    f.sort = TraceSort(std::max<qsizetype>(0, sorts.indexOf(sort)));
    f.descending = p.choice("order", {QStringLiteral("asc"), QStringLiteral("desc")}, QStringLiteral("desc")) == u"desc";
    f.limit = p.integer("limit", 100, 1, 10000);
    f.offset = p.integer("offset", 0, 0, std::numeric_limits<int>::max());
    if (p.has("status")) {
        const QString status = p.choice("status", {QStringLiteral("success"), QStringLiteral("error"), QStringLiteral("timeout")}, {});
        f.status = status == u"success" ? TraceStatus::Success : status == u"error" ? TraceStatus::Error : TraceStatus::Timeout;
    }
    // tag=key:value, repeatable: each must be an attribute of the trace's root span.
    for (const QString &tag : request.query.allQueryItemValues(QStringLiteral("tag"), QUrl::FullyDecoded)) {
        const qsizetype colon = tag.indexOf(u':');
        if (colon <= 0)
            return badParameter(QStringLiteral("tag"), QStringLiteral("must be key:value with a non-empty key, got '%1'").arg(tag.left(80)));
        f.rootAttributes.append({tag.left(colon), tag.mid(colon + 1)});
    }
    if (p.error)
        return std::move(*p.error);
    if (f.minSpans && f.maxSpans && *f.minSpans > *f.maxSpans)
        return badParameter(QStringLiteral("min_spans"), QStringLiteral("must not be greater than max_spans"));
    if (f.minErrors && f.maxErrors && *f.minErrors > *f.maxErrors)
        return badParameter(QStringLiteral("min_errors"), QStringLiteral("must not be greater than max_errors"));
    if (f.startFromNs && f.startToNs && *f.startFromNs > *f.startToNs)
        return badParameter(QStringLiteral("start_time"), QStringLiteral("must not be after end_time"));
    if (f.minDurationNs && f.maxDurationNs && *f.minDurationNs > *f.maxDurationNs)
        return badParameter(QStringLiteral("duration_min"), QStringLiteral("must not be greater than duration_max"));
    const TraceAnalysis analysis(*m_options.store);
    return HttpResponse::json(200, traceListJson(analysis.listTraces(f)));
}

static std::optional<QByteArray> parseTraceId(const QString &text, HttpResponse *error,
                                              const QString &name = QStringLiteral("trace_id"))
{
    const QByteArray id = idFromHex(text, 16);
    if (id.isEmpty()) {
        *error = badParameter(name,
                              QStringLiteral("must be 32 (or 16) hex digits, got '%1'").arg(text.left(80)));
        return std::nullopt;
    }
    return id;
}

static constexpr int kMaxSpanBudget = 1000000;

HttpResponse ApiService::traceDetails(const QString &idText, const HttpRequest &request) const
{
    HttpResponse error;
    const auto id = parseTraceId(idText, &error);
    if (!id)
        return error;
    Params p{request.query, std::nullopt};
    const int budget = p.integer("span_budget", 0, 1, kMaxSpanBudget);
    if (p.error)
        return std::move(*p.error);
    const TraceAnalysis analysis(*m_options.store);
    const auto details = p.has("span_budget") ? analysis.trace(*id, budget) : analysis.trace(*id);
    if (!details)
        return notFound(QStringLiteral("no trace with id %1").arg(idToHex(*id)));
    return HttpResponse::json(200, traceDetailsJson(*details));
}

HttpResponse ApiService::traceSpans(const QString &idText, const HttpRequest &request) const
{
    HttpResponse error;
    const auto id = parseTraceId(idText, &error);
    if (!id)
        return error;
    Params p{request.query, std::nullopt};
    const QString operation = p.text("operation");
    const QString status = p.text("status").toLower();
    if (p.has("status") && status != u"success" && status != u"error" && status != u"timeout")
        return badParameter(QStringLiteral("status"),
                            QStringLiteral("must be success, error or timeout, got '%1'").arg(p.text("status")));
    const int budget = p.integer("span_budget", TraceAnalysis::kLazySpanBudget, 1, kMaxSpanBudget);
    if (p.error)
        return std::move(*p.error);
    if (p.has("span_budget") && !p.has("parent"))
        return badParameter(QStringLiteral("span_budget"), QStringLiteral("is only allowed with parent"));
    const QByteArray parent = p.has("parent") ? idFromHex(p.text("parent"), 8) : QByteArray();
    if (p.has("parent") && parent.isEmpty())
        return badParameter(QStringLiteral("parent"),
                            QStringLiteral("must be 16 hex digits, got '%1'").arg(p.text("parent").left(80)));
    const TraceAnalysis analysis(*m_options.store);
    QList<SpanView> views;
    if (!parent.isEmpty()) {
        if (!m_options.store->traceSummary(*id))
            return notFound(QStringLiteral("no trace with id %1").arg(idToHex(*id)));
        auto sub = analysis.subtree(*id, parent, budget);
        if (!sub)
            return notFound(QStringLiteral("no span %1 in trace %2").arg(idToHex(parent), idToHex(*id)));
        views = std::move(sub->spans);
    } else {
        auto details = analysis.trace(*id);
        if (!details)
            return notFound(QStringLiteral("no trace with id %1").arg(idToHex(*id)));
        views = std::move(details->spans);
    }
    QJsonArray spans;
    for (const SpanView &v : std::as_const(views)) {
        if (!operation.isEmpty() && v.span.name != operation)
            continue;
        if (!status.isEmpty() && traceStatusName(v.status) != status)
            continue;
        spans.append(spanJson(v, !parent.isEmpty()));
    }
    QJsonObject o{{QStringLiteral("trace_id"), idToHex(*id)},
                  {QStringLiteral("spans"), spans},
                  {QStringLiteral("total_count"), spans.size()}};
    if (!parent.isEmpty())
        o.insert(QStringLiteral("parent_span_id"), idToHex(parent));
    return HttpResponse::json(200, o);
}

HttpResponse ApiService::compareTraces(const QString &baselineText, const QString &candidateText,
                                       const HttpRequest &request) const
{
    HttpResponse error;
    const auto baselineId = parseTraceId(baselineText, &error);
    if (!baselineId)
        return error;
    const auto candidateId = parseTraceId(candidateText, &error, QStringLiteral("other_trace_id"));
    if (!candidateId)
        return error;
    Params p{request.query, std::nullopt};
    const int limit = p.integer("limit", std::numeric_limits<int>::max(), 1, std::numeric_limits<int>::max());
    if (p.error)
        return std::move(*p.error);
    const TraceAnalysis analysis(*m_options.store);
    const auto baseline = analysis.trace(*baselineId);
    if (!baseline)
        return notFound(QStringLiteral("no trace with id %1 (trace_id)").arg(idToHex(*baselineId)));
    const auto candidate = *candidateId == *baselineId ? baseline : analysis.trace(*candidateId);
    if (!candidate)
        return notFound(QStringLiteral("no trace with id %1 (other_trace_id)").arg(idToHex(*candidateId)));
    return HttpResponse::json(200, traceComparisonJson(spanlight::compareTraces(*baseline, *candidate), limit));
}

HttpResponse ApiService::metrics() const
{
    QByteArray out;
    auto metric = [&out](const char *name, const char *type, const char *help, double value) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n' + name + ' '
            + QByteArray::number(value, 'g', 15) + '\n';
    };
    // One metric with a value per label: "# HELP", "# TYPE", then name{label="value"} lines.
    auto labelled = [&out](const char *name, const char *type, const char *help, const char *label,
                           const QList<QPair<QByteArray, double>> &values) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
        for (const auto &[value, number] : values)
            out += QByteArray(name) + '{' + label + "=\"" + value + "\"} " + QByteArray::number(number, 'g', 15) + '\n';
    };
    const StoreStats stats = m_options.store->stats();
    metric("tracing_traces_total", "gauge", "Traces stored.", double(stats.traces));
    metric("tracing_stored_spans", "gauge", "Spans stored.", double(stats.spans));
    metric("tracing_database_size_bytes", "gauge", "Bytes the database takes (SQLite: the file and its WAL).",
           double(m_options.store->databaseSizeBytes()));
    metric("tracing_ingest_queue_depth", "gauge", "Batches waiting for the store's writer.",
           double(m_options.store->queuedBatches()));
    metric("tracing_uptime_seconds", "gauge", "Seconds since the server started.", double(m_uptime.elapsed()) / 1000.0);
    if (m_options.counters) {
        const IngestCounters &c = *m_options.counters;
        QList<QPair<QByteArray, double>> byProtocol;
        for (int i = 0; i < kIngestProtocolCount; ++i)
            byProtocol.append({ingestProtocolLabel(IngestProtocolId(i)), double(c.spansAcceptedByProtocol[size_t(i)])});
        labelled("tracing_spans_total", "counter", "Spans committed, by the protocol they came in by.", "protocol",
                 byProtocol);
        labelled("tracing_spans_rejected_total", "counter",
                 "Spans refused: invalid, past MAX_SPANS_PER_REQUEST, or in a request refused as rate-limited or "
                 "overloaded (which clients retry).",
                 "reason",
                 {{"invalid", double(c.spansRejectedInvalid)},
                  {"request_limit", double(c.spansRejectedRequestLimit)},
                  {"rate_limited", double(c.spansRejectedRateLimited)},
                  {"overloaded", double(c.spansRejectedOverloaded)}});
        metric("tracing_ingest_requests_total", "counter", "Ingest requests received.", double(c.requests));
        metric("tracing_ingest_spans_received_total", "counter", "Spans decoded from ingest requests.",
               double(c.spansReceived));
        metric("tracing_ingest_spans_accepted_total", "counter", "Spans committed to storage.", double(c.spansAccepted));
        metric("tracing_ingest_spans_rejected_total", "counter", "Spans refused by validation.", double(c.spansRejected));
        metric("tracing_ingest_requests_rejected_total", "counter", "Requests refused as malformed or too large.",
               double(c.requestsRejected));
        metric("tracing_ingest_requests_unauthorized_total", "counter",
               "Ingest requests refused for a missing or wrong token, or one without the ingest role.",
               double(c.requestsUnauthorized));
        metric("tracing_ingest_requests_overloaded_total", "counter", "Requests answered 503 because the queue was full.",
               double(c.requestsOverloaded));
        metric("tracing_ingest_requests_failed_total", "counter", "Requests whose spans could not be stored.",
               double(c.requestsFailed));
        metric("tracing_ingest_requests_rate_limited_total", "counter",
               "Requests answered 429 / RESOURCE_EXHAUSTED over MAX_TRACES_PER_SECOND.", double(c.requestsRateLimited));
        metric("tracing_ingest_spans_sampled_out_total", "counter", "Spans dropped by TRACE_SAMPLING_RATE.",
               double(c.spansSampledOut));
        metric("tracing_ingest_attributes_dropped_total", "counter", "Attributes dropped past MAX_ATTRIBUTES_PER_SPAN.",
               double(c.attributesDropped));
        metric("tracing_ingest_values_truncated_total", "counter",
               "Attribute values truncated past MAX_ATTRIBUTE_VALUE_LENGTH.", double(c.valuesTruncated));
        QList<PrometheusHistogramSeries> durations;
        for (int i = 0; i < kIngestProtocolCount; ++i)
            durations.append({{{"protocol", ingestProtocolLabel(IngestProtocolId(i))}},
                              &c.requestDurationByProtocol[size_t(i)]});
        out += prometheusHistogram("tracing_ingest_request_duration_seconds",
                                   "Ingest requests, accepted or refused, from the complete body to the "
                                   "answer (which waits for the commit), by protocol.",
                                   durations);
    }
    out += requestMetrics();
    if (const RedisQueryCache *cache = m_options.queryCache.get())
        labelled("tracing_query_cache_requests_total", "counter",
                 "Cacheable API requests by how the shared query cache (REDIS_URL) answered: hit, miss, or bypass "
                 "(Redis unavailable, the query ran alone).",
                 "result",
                 {{"hit", double(cache->hits())}, {"miss", double(cache->misses())}, {"bypass", double(cache->unavailable())}});
    if (m_options.extraMetrics)
        out += m_options.extraMetrics();
    HttpResponse r;
    r.contentType = "text/plain; version=0.0.4; charset=utf-8";
    r.body = out;
    return r;
}

QByteArray ApiService::requestMetrics() const
{
    const QList<Route> &table = routes();
    auto routeLabels = [&table](qsizetype route) {
        return route < table.size()
            ? PrometheusLabels{{"method", table[route].method}, {"route", table[route].pattern.toUtf8()}}
            : PrometheusLabels{{"method", "any"}, {"route", "unmatched"}};
    };
    // Every route's series, zero or not, so that rates start at the first scrape.
    QList<PrometheusHistogramSeries> durations;
    for (qsizetype i = 0; i <= table.size(); ++i)
        durations.append({routeLabels(i), &m_routeDurations[size_t(i)]});
    QByteArray out = prometheusHistogram("tracing_http_request_duration_seconds",
                                         "REST API requests from their arrival to the answer handed to the "
                                         "listener, by route pattern (\"unmatched\" for unknown paths).",
                                         durations);
    out += "# HELP tracing_http_requests_total REST API requests answered, by route pattern and status "
           "code.\n# TYPE tracing_http_requests_total counter\n";
    QMap<QPair<qsizetype, int>, qint64> answers;
    {
        const QMutexLocker lock(&m_answersMutex);
        answers = m_answers;
    }
    for (auto it = answers.cbegin(); it != answers.cend(); ++it) {
        PrometheusLabels labels = routeLabels(it.key().first);
        labels.append({"code", QByteArray::number(it.key().second)});
        out += "tracing_http_requests_total" + prometheusLabelSet(labels) + ' '
            + QByteArray::number(it.value()) + '\n';
    }
    return out;
}

static qint64 nowNanos()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000000;
}

static HttpResponse unknownService(const QString &service)
{
    return notFound(QStringLiteral("no service named '%1'").arg(service.left(200)));
}

// time_range with the API's default.
static QString timeRangeParam(Params &p)
{
    return p.choice("time_range", timeRangeNames(), QStringLiteral("24h"));
}

// The window of an analysis read: start_time and end_time together (a client's own window, as the
// remote console asks), else time_range ending now, in whole `stepNs`.
static std::optional<TimeWindow> windowParam(Params &p, const QString &range, qint64 stepNs = qint64(60) * 1000000000)
{
    const std::optional<qint64> from = p.time("start_time");
    const std::optional<qint64> to = p.time("end_time");
    if (p.error)
        return std::nullopt;
    if (from.has_value() != to.has_value()) {
        p.error = badParameter(QLatin1String(from ? "end_time" : "start_time"),
                               QStringLiteral("must be given together with %1").arg(QLatin1String(from ? "start_time" : "end_time")));
        return std::nullopt;
    }
    if (!from)
        return windowEndingAt(nowNanos(), *timeRangeNs(range), stepNs);
    if (*from >= *to) {
        p.error = badParameter(QStringLiteral("start_time"), QStringLiteral("must be before end_time"));
        return std::nullopt;
    }
    return TimeWindow{*from, *to};
}

HttpResponse ApiService::services() const
{
    const ServiceAnalysis analysis(*m_options.store);
    return HttpResponse::json(200, servicesJson(analysis.services()));
}

HttpResponse ApiService::serviceOperations(const QString &service) const
{
    const ServiceAnalysis analysis(*m_options.store);
    const auto operations = analysis.operations(service);
    if (!operations)
        return unknownService(service);
    return HttpResponse::json(200, serviceOperationsJson(service, *operations));
}

HttpResponse ApiService::servicePerformance(const QString &service, const HttpRequest &request) const
{
    Params p{request.query, std::nullopt};
    const QString range = timeRangeParam(p);
    const QString operation = p.text("operation");
    const std::optional<TimeWindow> window = windowParam(p, range);
    if (p.error)
        return std::move(*p.error);
    const ServiceAnalysis analysis(*m_options.store);
    if (!analysis.hasService(service))
        return unknownService(service);
    return HttpResponse::json(200, servicePerformanceJson(analysis.performance(service, operation, *window), range));
}

HttpResponse ApiService::errors(const HttpRequest &request) const
{
    Params p{request.query, std::nullopt};
    ErrorQuery q;
    q.filter.service = p.text("service");
    q.filter.type = p.text("error_type");
    q.filter.fromNs = p.time("start_time");
    q.filter.toNs = p.time("end_time");
    q.limit = p.integer("limit", 100, 1, 1000);
    if (p.error)
        return std::move(*p.error);
    if (p.has("severity")) {
        q.severity = severityFromName(p.text("severity"));
        if (!q.severity)
            return badParameter(QStringLiteral("severity"),
                                QStringLiteral("must be one of low, medium, high, critical, got '%1'")
                                    .arg(p.text("severity").left(80)));
    }
    if (q.filter.fromNs && q.filter.toNs && *q.filter.fromNs > *q.filter.toNs)
        return badParameter(QStringLiteral("start_time"), QStringLiteral("must not be after end_time"));
    const ServiceAnalysis analysis(*m_options.store);
    return HttpResponse::json(200, errorListJson(analysis.errors(q)));
}

HttpResponse ApiService::audit(const HttpRequest &request) const
{
    Params p{request.query, std::nullopt};
    const std::optional<qint64> fromNs = p.time("start_time");
    const std::optional<qint64> toNs = p.time("end_time");
    const int limit = p.integer("limit", 100, 1, 1000);
    if (p.error)
        return std::move(*p.error);
    if (fromNs && toNs && *fromNs > *toNs)
        return badParameter(QStringLiteral("start_time"), QStringLiteral("must not be after end_time"));
    QJsonArray entries;
    for (const AuditEntry &e : m_options.store->auditEntries(fromNs, toNs, limit))
        entries.append(QJsonObject{
            {QStringLiteral("time"), isoFromNanos(e.timeNs)},
            {QStringLiteral("last_time"), isoFromNanos(e.lastNs)},
            {QStringLiteral("actor"), e.actor},
            {QStringLiteral("role"), e.role},
            {QStringLiteral("action"), e.action},
            {QStringLiteral("outcome"), e.outcome},
            {QStringLiteral("remote"), e.remote},
            {QStringLiteral("count"), e.count},
        });
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("entries"), entries},
                                               {QStringLiteral("count"), entries.size()}});
}

HttpResponse ApiService::deletion(const std::function<HttpResponse()> &run) const
{
    if (!m_deletionMutex.tryLock())
        return HttpResponse::error(409, QStringLiteral("deletion_running"),
                                   QStringLiteral("another deletion is running; retry when it has finished"));
    const auto unlock = qScopeGuard([this] { m_deletionMutex.unlock(); });
    return changed(run());
}

HttpResponse ApiService::changed(HttpResponse r) const
{
    if (m_options.queryCache && r.status == 200 && !m_options.queryCache->clear())
        r.addHeader("Warning", "199 spanlight \"the query cache could not be cleared; cached answers expire within "
                               "QUERY_CACHE_SECONDS\"");
    return r;
}

static HttpResponse noteChangeFailed(const QString &error)
{
    return HttpResponse::error(503, QStringLiteral("storage_error"), error);
}

HttpResponse ApiService::traceNote(const QString &idText) const
{
    HttpResponse error;
    const auto id = parseTraceId(idText, &error);
    if (!id)
        return error;
    if (const std::optional<TraceNote> note = m_options.store->traceNote(*id))
        return HttpResponse::json(200, traceNoteJson(*note));
    if (!m_options.store->traceSummary(*id))
        return notFound(QStringLiteral("no trace with id %1").arg(idToHex(*id)));
    return notFound(QStringLiteral("trace %1 has no note").arg(idToHex(*id)));
}

HttpResponse ApiService::putTraceNote(const QString &idText, const HttpRequest &request) const
{
    HttpResponse error;
    const auto id = parseTraceId(idText, &error);
    if (!id)
        return error;
    QJsonParseError parseError;
    const QJsonDocument body = QJsonDocument::fromJson(request.body, &parseError);
    if (!body.isObject())
        return HttpResponse::error(400, QStringLiteral("invalid_body"),
                                   QStringLiteral("the body must be a JSON object such as {\"text\": \"...\"}%1")
                                       .arg(parseError.error == QJsonParseError::NoError
                                                ? QString()
                                                : QStringLiteral(": ") + parseError.errorString()));
    const QJsonValue text = body.object().value(QStringLiteral("text"));
    if (!text.isString())
        return badParameter(QStringLiteral("text"), text.isUndefined() ? QStringLiteral("is required")
                                                                       : QStringLiteral("must be a string"));
    if (const QString problem = TraceAnalysis::noteProblem(text.toString()); !problem.isEmpty())
        return badParameter(QStringLiteral("text"), problem);
    // Who wrote it: the token's name (its role when the tokens file gives none).
    const Principal who = m_options.access->check(request.header("authorization"), Permission::Manage).principal;
    const QString author = who.name.isEmpty() ? roleName(who.role) : who.name;
    const TraceAnalysis analysis(*m_options.store);
    QString failure;
    switch (analysis.setNote(*id, text.toString(), author, &failure)) {
    case NoteChange::Done:
    case NoteChange::NoNote:
        break;
    case NoteChange::NoTrace:
        return notFound(QStringLiteral("no trace with id %1").arg(idToHex(*id)));
    case NoteChange::Failed:
        return noteChangeFailed(failure);
    }
    const std::optional<TraceNote> note = m_options.store->traceNote(*id);
    if (!note) // deleted with its trace meanwhile
        return notFound(QStringLiteral("no trace with id %1").arg(idToHex(*id)));
    return changed(HttpResponse::json(200, traceNoteJson(*note)));
}

HttpResponse ApiService::deleteTraceNote(const QString &idText) const
{
    HttpResponse error;
    const auto id = parseTraceId(idText, &error);
    if (!id)
        return error;
    const TraceAnalysis analysis(*m_options.store);
    QString failure;
    switch (analysis.deleteNote(*id, &failure)) {
    case NoteChange::Done:
        break;
    case NoteChange::NoTrace:
        return notFound(QStringLiteral("no trace with id %1").arg(idToHex(*id)));
    case NoteChange::NoNote:
        return notFound(QStringLiteral("trace %1 has no note").arg(idToHex(*id)));
    case NoteChange::Failed:
        return noteChangeFailed(failure);
    }
    return changed(HttpResponse::json(
        200, {{QStringLiteral("trace_id"), idToHex(*id)}, {QStringLiteral("deleted"), true}}));
}

static HttpResponse deletedJson(const DeleteResult &result, std::optional<qsizetype> matched = std::nullopt)
{
    if (!result.ok)
        return HttpResponse::error(503, QStringLiteral("storage_error"),
                                   QStringLiteral("the deletion failed after %1 traces: %2; repeat it to finish")
                                       .arg(result.traces).arg(result.error));
    QJsonObject out{{QStringLiteral("deleted_traces"), result.traces}, {QStringLiteral("deleted_spans"), result.spans}};
    if (matched)
        out.insert(QStringLiteral("matched_traces"), qint64(*matched));
    return HttpResponse::json(200, out);
}

HttpResponse ApiService::deleteTrace(const QString &idText) const
{
    HttpResponse error;
    const auto id = parseTraceId(idText, &error);
    if (!id)
        return error;
    return deletion([&] {
        const DeleteResult result = m_options.store->deleteTraces({*id});
        if (result.ok && result.traces == 0)
            return notFound(QStringLiteral("no trace with id %1").arg(idToHex(*id)));
        return deletedJson(result);
    });
}

HttpResponse ApiService::deleteTracesWithAttribute(const HttpRequest &request) const
{
    // Only the one filter: a parameter this endpoint ignored (service=..., a misspelt name) would
    // widen a deletion silently.
    for (const auto &item : request.query.queryItems(QUrl::FullyDecoded))
        if (item.first != u"attribute")
            return badParameter(item.first, QStringLiteral("is not a filter of DELETE /traces; it takes attribute=key:value only"));
    const QStringList values = request.query.allQueryItemValues(QStringLiteral("attribute"), QUrl::FullyDecoded);
    if (values.size() != 1)
        return badParameter(QStringLiteral("attribute"),
                            values.isEmpty() ? QStringLiteral("is required, as key:value (e.g. user.id:42)")
                                             : QStringLiteral("must be given once"));
    const QString &filter = values.constFirst();
    const qsizetype colon = filter.indexOf(u':');
    if (colon <= 0)
        return badParameter(QStringLiteral("attribute"),
                            QStringLiteral("must be key:value with a non-empty key, got '%1'").arg(filter.left(80)));
    const QString key = filter.left(colon);
    const QString value = filter.mid(colon + 1);
    return deletion([&] {
        QString error;
        const std::optional<QList<QByteArray>> ids = m_options.store->tracesWithAttribute(key, value, &error);
        if (!ids)
            return HttpResponse::error(503, QStringLiteral("storage_error"),
                                       QStringLiteral("cannot search the spans: %1").arg(error));
        return deletedJson(m_options.store->deleteTraces(*ids), ids->size());
    });
}

// An error id is the failed span's trace id (32 hex digits) followed by its span id (16).
static std::optional<std::pair<QByteArray, QByteArray>> parseErrorId(const QString &idText, HttpResponse *error)
{
    const QByteArray traceId = idText.size() == 48 ? idFromHex(QStringView(idText).left(32), 16) : QByteArray();
    const QByteArray spanId = idText.size() == 48 ? idFromHex(QStringView(idText).mid(32), 8) : QByteArray();
    if (traceId.isEmpty() || spanId.isEmpty()) {
        *error = badParameter(QStringLiteral("error_id"),
                              QStringLiteral("must be 48 hex digits, got '%1'").arg(idText.left(80)));
        return std::nullopt;
    }
    return std::make_pair(traceId, spanId);
}

HttpResponse ApiService::errorDetails(const QString &idText) const
{
    HttpResponse error;
    const auto id = parseErrorId(idText, &error);
    if (!id)
        return error;
    const auto &[traceId, spanId] = *id;
    const ServiceAnalysis analysis(*m_options.store);
    const auto details = analysis.error(traceId, spanId);
    if (!details)
        return notFound(QStringLiteral("no error with id %1").arg(idText.toLower()));
    return HttpResponse::json(200, errorDetailsJson(*details));
}

HttpResponse ApiService::dependencies(const HttpRequest &request) const
{
    Params p{request.query, std::nullopt};
    const QString range = timeRangeParam(p);
    const std::optional<TimeWindow> window = windowParam(p, range);
    if (p.error)
        return std::move(*p.error);
    const ServiceAnalysis analysis(*m_options.store);
    return HttpResponse::json(200, dependenciesJson(analysis.dependencies(*window), range));
}

HttpResponse ApiService::impact(const QString &service, const HttpRequest &request) const
{
    Params p{request.query, std::nullopt};
    const QString range = timeRangeParam(p);
    const std::optional<TimeWindow> window = windowParam(p, range);
    if (p.error)
        return std::move(*p.error);
    const ServiceAnalysis analysis(*m_options.store);
    const std::optional<DependencyImpact> impact = analysis.impact(service, *window);
    if (!impact)
        return notFound(QStringLiteral("no service or external system named %1").arg(service));
    return HttpResponse::json(200, impactJson(*impact, range));
}

HttpResponse ApiService::slowest(const HttpRequest &request) const
{
    Params p{request.query, std::nullopt};
    SlowestQuery q;
    q.service = p.text("service");
    q.operation = p.text("operation");
    const QString range = timeRangeParam(p);
    q.limit = p.integer("limit", 20, 1, 1000);
    const std::optional<TimeWindow> window = windowParam(p, range);
    if (p.error)
        return std::move(*p.error);
    const ServiceAnalysis analysis(*m_options.store);
    if (!q.service.isEmpty() && !analysis.hasService(q.service))
        return unknownService(q.service);
    q.window = *window;
    return HttpResponse::json(200, slowestJson(analysis.slowest(q), range));
}

HttpResponse ApiService::trends(const HttpRequest &request) const
{
    Params p{request.query, std::nullopt};
    const QString service = p.text("service");
    const QString operation = p.text("operation");
    const QString range = timeRangeParam(p);
    const QString granularity = p.choice("granularity", granularityNames(), QStringLiteral("5m"));
    // requests (entry spans, or an operation's spans), spans (every span), trace_starts (traces
    // started per slot): the three series the console's dashboard and performance page draw.
    const QString series = p.choice("series", {QStringLiteral("requests"), QStringLiteral("spans"), QStringLiteral("trace_starts")},
                                    QStringLiteral("requests"));
    if (p.error)
        return std::move(*p.error);
    const qint64 stepNs = *granularityNs(granularity);
    const std::optional<TimeWindow> window = windowParam(p, range, stepNs);
    if (p.error)
        return std::move(*p.error);
    if (window->rangeNs() / stepNs > kMaxTrendPoints)
        return badParameter(QStringLiteral("granularity"),
                            QStringLiteral("%1 over %2 gives %3 points; at most %4 are served, use a coarser granularity")
                                .arg(granularity, p.has("start_time") ? QStringLiteral("the window") : range)
                                .arg(window->rangeNs() / stepNs)
                                .arg(kMaxTrendPoints));
    if (series != u"requests" && (!service.isEmpty() || !operation.isEmpty()))
        return badParameter(QStringLiteral("series"), QStringLiteral("%1 covers every service; leave out service and operation").arg(series));
    const ServiceAnalysis analysis(*m_options.store);
    if (!service.isEmpty() && !analysis.hasService(service))
        return unknownService(service);
    if (series == u"trace_starts")
        return HttpResponse::json(200, traceStartsJson(analysis.traceStarts(*window, stepNs), *window, stepNs, range, granularity));
    const TrendSeries trend = series == u"spans" ? analysis.spanTrends(*window, stepNs)
                                                 : analysis.trends(service, operation, *window, stepNs);
    return HttpResponse::json(200, trendsJson(trend, service, operation, range, granularity));
}

HttpResponse ApiService::anomalies(const HttpRequest &request) const
{
    Params p{request.query, std::nullopt};
    AnomalyQuery q;
    q.service = p.text("service");
    q.operation = p.text("operation");
    const QString range = timeRangeParam(p);
    AnomalyOptions options = m_options.anomalies;
    options.margin = p.number("margin", options.margin, kMinAnomalyMargin, kMaxAnomalyMargin);
    const std::optional<TimeWindow> window = p.error ? std::nullopt : windowParam(p, range, anomalyBucketNs(*timeRangeNs(range)));
    if (p.error)
        return std::move(*p.error);
    if (!q.service.isEmpty() && !m_options.store->hasService(q.service))
        return unknownService(q.service);
    q.nowNs = nowNanos();
    q.window = *window;
    q.bucketNs = anomalyBucketNs(window->rangeNs()); // the range's bucket, also for a window of the client's
    const AnomalyAnalysis analysis(*m_options.store, options);
    return HttpResponse::json(200, anomaliesJson(analysis.analyse(q), range, q.bucketNs));
}

HttpResponse ApiService::rootCause(const QString &idText) const
{
    HttpResponse error;
    const auto id = parseErrorId(idText, &error);
    if (!id)
        return error;
    const RootCauseAnalysis analysis(*m_options.store);
    const std::optional<RootCause> cause = analysis.rootCause(id->first, id->second);
    if (!cause)
        return notFound(QStringLiteral("no error with id %1").arg(idText.toLower()));
    return HttpResponse::json(200, rootCauseJson(*cause));
}

HttpResponse ApiService::errorOrigins(const HttpRequest &request) const
{
    Params p{request.query, std::nullopt};
    const QString range = timeRangeParam(p);
    const std::optional<TimeWindow> window = windowParam(p, range);
    if (p.error)
        return std::move(*p.error);
    const RootCauseAnalysis analysis(*m_options.store);
    return HttpResponse::json(200, errorOriginsJson(analysis.origins(*window), range));
}

HttpResponse ApiService::recommendations(const HttpRequest &request) const
{
    Params p{request.query, std::nullopt};
    const QString service = p.text("service");
    const QString range = timeRangeParam(p);
    const std::optional<TimeWindow> window = windowParam(p, range);
    if (p.error)
        return std::move(*p.error);
    if (!service.isEmpty() && !m_options.store->hasService(service))
        return unknownService(service);
    const RecommendationAnalysis analysis(*m_options.store);
    return HttpResponse::json(200, recommendationsJson(analysis.recommendations(service, *window), range));
}

} // namespace spanlight
