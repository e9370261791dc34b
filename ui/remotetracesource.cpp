#include "remotetracesource.h"

#include "core/ids.h"
#include "core/timeformat.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace spanlight {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("spanlight::RemoteTraceSource", text);
}

qint64 nanosFromMillis(double ms)
{
    return std::llround(ms * 1e6);
}

qint64 nanosOf(const QJsonValue &iso)
{
    return nanosFromIso(iso.toString()).value_or(0);
}

qint64 nanosFromText(const QJsonValue &text)
{
    return text.toString().toLongLong();
}

QStringList stringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &e : v.toArray())
        out.append(e.toString());
    return out;
}

// The inverse of a name function over an enum's values 0..last: one table, the server's names.
template<typename E, typename F>
E fromName(const QString &name, F nameOf, int last, E fallback)
{
    for (int i = 0; i <= last; ++i)
        if (nameOf(E(i)) == name)
            return E(i);
    return fallback;
}

TraceStatus statusFrom(const QJsonValue &v)
{
    return fromName(v.toString(), traceStatusName, 2, TraceStatus::Success);
}

Trend trendFrom(const QJsonValue &v)
{
    return fromName(v.toString(), trendName, 2, Trend::Stable);
}

HalfTrends halfTrendsFrom(const QJsonObject &o, const char *durationKey)
{
    HalfTrends t;
    t.responseTime = trendFrom(o.value(QLatin1String(durationKey)));
    t.errorRate = trendFrom(o.value(QStringLiteral("error_rate_trend")));
    t.throughput = trendFrom(o.value(QStringLiteral("throughput_trend")));
    return t;
}

QString isoParam(qint64 ns)
{
    return isoFromNanos(ns);
}

void addWindow(QUrlQuery &q, const TimeWindow &w)
{
    q.addQueryItem(QStringLiteral("start_time"), isoParam(w.fromNs));
    q.addQueryItem(QStringLiteral("end_time"), isoParam(w.toNs));
}

void addText(QUrlQuery &q, const char *name, const QString &value)
{
    if (!value.isEmpty())
        q.addQueryItem(QLatin1String(name), value);
}

QString pathSegment(const QString &name)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(name));
}

// Granularities the API serves by name (1m, 5m, 1h); another step has no name.
QString granularityName(qint64 stepNs)
{
    for (const QString &name : granularityNames())
        if (granularityNs(name) == stepNs)
            return name;
    return {};
}

OperationStats operationFrom(const QJsonObject &o, const QString &service)
{
    OperationStats s;
    s.service = o.contains(QStringLiteral("service_name")) ? o.value(QStringLiteral("service_name")).toString() : service;
    s.name = o.value(o.contains(QStringLiteral("operation_name")) ? QStringLiteral("operation_name") : QStringLiteral("name")).toString();
    s.count = o.value(QStringLiteral("count")).toInteger();
    s.avgDurationMs = o.value(QStringLiteral("avg_duration_ms")).toDouble();
    s.maxDurationMs = o.value(QStringLiteral("max_duration_ms")).toDouble();
    s.errorRate = o.value(QStringLiteral("error_rate")).toDouble();
    s.errors = std::llround(double(s.count) * s.errorRate);
    s.throughputPerSecond = o.value(QStringLiteral("throughput_per_second")).toDouble();
    return s;
}

TraceSummary summaryFrom(const QJsonObject &o)
{
    TraceSummary t;
    t.traceId = idFromHex(o.value(QStringLiteral("trace_id")).toString(), 16);
    t.serviceName = o.value(QStringLiteral("service_name")).toString();
    t.operationName = o.value(QStringLiteral("operation_name")).toString();
    t.rootAttributes = o.value(QStringLiteral("tags")).toObject();
    t.startNs = nanosOf(o.value(QStringLiteral("start_time")));
    t.endNs = t.startNs + nanosFromMillis(o.value(QStringLiteral("duration_ms")).toDouble());
    t.status = statusFrom(o.value(QStringLiteral("status")));
    t.spanCount = o.value(QStringLiteral("spans_count")).toInteger();
    t.errorCount = o.value(QStringLiteral("error_count")).toInteger();
    t.hasRoot = o.value(QStringLiteral("has_root")).toBool();
    t.errorMessage = o.value(QStringLiteral("error_message")).toString();
    t.note = o.value(QStringLiteral("note")).toString(); // the list's excerpt of it
    return t;
}

Span spanFrom(const QJsonObject &o, const QByteArray &traceId)
{
    Span s;
    s.traceId = traceId;
    s.spanId = idFromHex(o.value(QStringLiteral("span_id")).toString(), 8);
    if (o.contains(QStringLiteral("parent_span_id")))
        s.parentSpanId = idFromHex(o.value(QStringLiteral("parent_span_id")).toString(), 8);
    s.name = o.value(QStringLiteral("operation_name")).toString();
    s.serviceName = o.value(QStringLiteral("service_name")).toString();
    s.kind = fromName(o.value(QStringLiteral("kind")).toString(), spanKindName, 5, SpanKind::Unspecified);
    s.startTimeUnixNano = nanosFromText(o.value(QStringLiteral("start_time_unix_nano")));
    s.endTimeUnixNano = nanosFromText(o.value(QStringLiteral("end_time_unix_nano")));
    s.attributes = o.value(QStringLiteral("attributes")).toObject();
    s.resourceAttributes = o.value(QStringLiteral("resource")).toObject();
    s.statusCode = fromName(o.value(QStringLiteral("status_code")).toString(), statusCodeName, 2, StatusCode::Unset);
    s.statusMessage = o.value(QStringLiteral("status_message")).toString();
    const QJsonObject scope = o.value(QStringLiteral("scope")).toObject();
    s.scopeName = scope.value(QStringLiteral("name")).toString();
    s.scopeVersion = scope.value(QStringLiteral("version")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("logs")).toArray()) {
        const QJsonObject l = v.toObject();
        SpanEvent e;
        e.timeUnixNano = nanosFromText(l.value(QStringLiteral("timestamp_unix_nano")));
        e.name = l.value(QStringLiteral("name")).toString();
        e.attributes = l.value(QStringLiteral("fields")).toObject();
        s.events.append(e);
    }
    for (const QJsonValue &v : o.value(QStringLiteral("links")).toArray()) {
        const QJsonObject l = v.toObject();
        SpanLink link;
        link.traceId = idFromHex(l.value(QStringLiteral("trace_id")).toString(), 16);
        link.spanId = idFromHex(l.value(QStringLiteral("span_id")).toString(), 8);
        link.attributes = l.value(QStringLiteral("attributes")).toObject();
        s.links.append(link);
    }
    return s;
}

QList<CriticalPath> criticalPathsFrom(const QJsonValue &v)
{
    QList<CriticalPath> out;
    for (const QJsonValue &e : v.toArray()) {
        const QJsonObject o = e.toObject();
        out.append({stringList(o.value(QStringLiteral("path"))), o.value(QStringLiteral("total_latency_ms")).toDouble(),
                    o.value(QStringLiteral("bottleneck_service")).toString()});
    }
    return out;
}

DependencyNode nodeFrom(const QJsonObject &o)
{
    DependencyNode n;
    n.name = o.value(o.contains(QStringLiteral("name")) ? QStringLiteral("name") : QStringLiteral("service_name")).toString();
    n.external = o.value(QStringLiteral("type")).toString() == u"external";
    n.id = o.contains(QStringLiteral("id")) ? o.value(QStringLiteral("id")).toString()
                                            : (n.external ? externalNodeId(n.name) : n.name);
    n.requests = o.value(QStringLiteral("call_count")).toInteger();
    n.avgLatencyMs = o.value(QStringLiteral("avg_latency_ms")).toDouble();
    n.errorRate = o.value(QStringLiteral("error_rate")).toDouble();
    n.selfTimeMs = o.value(QStringLiteral("self_time_ms")).toDouble();
    return n;
}

// The API's {"error": {"message": ...}} or the start of whatever else came.
QString apiMessage(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    const QString message = o.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    return message.isEmpty() ? QString::fromUtf8(body.left(200)).simplified() : message;
}

} // namespace

RemoteTraceSource::RemoteTraceSource(RemoteTarget target, Reporter report)
    : m_target(std::move(target)), m_report(std::move(report))
{
}

QString RemoteTraceSource::lastError() const
{
    const QMutexLocker lock(&m_mutex);
    return m_lastError;
}

RemoteReply RemoteTraceSource::get(const QString &path, const QUrlQuery &query) const
{
    return request("GET", path, query, {});
}

RemoteReply RemoteTraceSource::send(const QByteArray &method, const QString &path, const QByteArray &body) const
{
    return request(method, path, {}, body);
}

RemoteReply RemoteTraceSource::request(const QByteArray &method, const QString &path, const QUrlQuery &query,
    const QByteArray &body) const
{
    RemoteReply out;
    QUrl url = m_target.url;
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + path, QUrl::TolerantMode);
    url.setQuery(query);
    const QString where = m_target.url.host() + (m_target.url.port() > 0 ? u':' + QString::number(m_target.url.port()) : QString());
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty()) {
        out.error = tr("not an http:// or https:// address: %1").arg(m_target.url.toString());
        return out;
    }

    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false); // the server speaks HTTP/1.1
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_target.timeoutMs);
    request.setRawHeader("Accept", "application/json");
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!m_target.token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_target.token.toUtf8());
    if (url.scheme() == u"https" && !m_target.caFile.isEmpty()) {
        const QList<QSslCertificate> extra = QSslCertificate::fromPath(m_target.caFile, QSsl::Pem);
        if (extra.isEmpty()) {
            out.error = tr("no PEM certificate in %1").arg(m_target.caFile);
            return out;
        }
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(extra);
        request.setSslConfiguration(ssl);
    }

    // Made on this thread for this call: the worker thread owns it, nothing is shared.
    QNetworkAccessManager nam;
    QNetworkReply *reply = method == "GET" ? nam.get(request) : nam.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    bool timedOut = false;
    bool tooLarge = false;
    QStringList sslErrors;
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        reply->abort();
    });
    QObject::connect(reply, &QNetworkReply::downloadProgress, &loop, [&](qint64 received, qint64 total) {
        if (received > m_target.maxBodyBytes || total > m_target.maxBodyBytes) {
            tooLarge = true;
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::sslErrors, &loop, [&](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            sslErrors.append(e.errorString());
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    deadline.start(m_target.timeoutMs + 1000); // the transfer timeout first; this one bounds the rest
    if (!reply->isFinished())
        loop.exec();
    deadline.stop();

    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->isOpen() ? reply->readAll() : QByteArray(); // closed by an abort
    const QNetworkReply::NetworkError error = reply->error();
    const QString errorString = reply->errorString();
    delete reply;

    const double seconds = m_target.timeoutMs / 1000.0;
    if (tooLarge) {
        out.error = tr("the answer of %1 is larger than %2 MB").arg(path).arg(m_target.maxBodyBytes / (1024 * 1024));
    } else if (timedOut || error == QNetworkReply::TimeoutError || error == QNetworkReply::OperationCanceledError) {
        out.error = tr("no answer from %1 within %2 s").arg(where).arg(seconds);
    } else if (!sslErrors.isEmpty() || error == QNetworkReply::SslHandshakeFailedError) {
        out.error = tr("TLS failure with %1: %2").arg(where, sslErrors.isEmpty() ? errorString : sslErrors.join(QStringLiteral("; ")));
    } else if (out.status == 401) {
        out.error = tr("%1 refused the token (401): %2").arg(where, apiMessage(out.body));
    } else if (out.status == 403 && method != "GET") {
        out.error = tr("the token may not make changes on %1 (403): %2").arg(where, apiMessage(out.body));
    } else if (out.status == 403) {
        out.error = tr("the token may not read from %1 (403): %2").arg(where, apiMessage(out.body));
    } else if (out.status >= 300) {
        out.error = tr("%1 answered %2 to %3: %4").arg(where).arg(out.status).arg(path, apiMessage(out.body));
    } else if (error == QNetworkReply::ConnectionRefusedError) {
        out.error = tr("%1 refused the connection (is spanlightd running there?)").arg(where);
    } else if (error == QNetworkReply::HostNotFoundError) {
        out.error = tr("no host named %1").arg(m_target.url.host());
    } else if (error != QNetworkReply::NoError || out.status == 0) {
        out.error = tr("cannot reach %1: %2").arg(where, errorString);
    }
    if (out.error.isEmpty() && path != u"/metrics") {
        QJsonParseError parse;
        const QJsonDocument doc = QJsonDocument::fromJson(out.body, &parse);
        if (parse.error != QJsonParseError::NoError || !doc.isObject())
            out.error = tr("%1 did not answer %2 with a JSON object: %3")
                            .arg(where, path, parse.error != QJsonParseError::NoError ? parse.errorString() : tr("not an object"));
        else
            out.json = doc.object();
    }
    return out;
}

RemoteReply RemoteTraceSource::fetch(const QString &path, const QUrlQuery &query, bool notFoundIsOk) const
{
    RemoteReply r = get(path, query);
    const bool failed = !r.ok() && !(notFoundIsOk && r.status == 404);
    const QString message = failed ? r.error : QString();
    {
        const QMutexLocker lock(&m_mutex);
        m_lastError = message;
    }
    if (m_report)
        m_report(message);
    return r;
}

TraceList RemoteTraceSource::listTraces(const TraceFilter &filter) const
{
    QUrlQuery q;
    addText(q, "service", filter.service);
    addText(q, "operation", filter.operation);
    if (filter.startFromNs)
        q.addQueryItem(QStringLiteral("start_time"), isoParam(*filter.startFromNs));
    if (filter.startToNs)
        q.addQueryItem(QStringLiteral("end_time"), isoParam(*filter.startToNs));
    if (filter.minDurationNs)
        q.addQueryItem(QStringLiteral("duration_min"), QString::number(double(*filter.minDurationNs) / 1e6, 'f', 6));
    if (filter.maxDurationNs)
        q.addQueryItem(QStringLiteral("duration_max"), QString::number(double(*filter.maxDurationNs) / 1e6, 'f', 6));
    if (filter.status)
        q.addQueryItem(QStringLiteral("status"), traceStatusName(*filter.status));
    for (const auto &[key, value] : filter.rootAttributes)
        q.addQueryItem(QStringLiteral("tag"), QString(key + u':' + value));
    const auto addCount = [&q](const char *name, const std::optional<qint64> &value) {
        if (value)
            q.addQueryItem(QLatin1String(name), QString::number(*value));
    };
    addCount("min_spans", filter.minSpans);
    addCount("max_spans", filter.maxSpans);
    addCount("min_errors", filter.minErrors);
    addCount("max_errors", filter.maxErrors);
    if (filter.hasNote)
        q.addQueryItem(QStringLiteral("has_note"), *filter.hasNote ? QStringLiteral("true") : QStringLiteral("false"));
    static const char *const sorts[] = {"start_time", "duration", "span_count", "error_count"};
    q.addQueryItem(QStringLiteral("sort"), QLatin1String(sorts[std::clamp(int(filter.sort), 0, 3)]));
    q.addQueryItem(QStringLiteral("order"), filter.descending ? QStringLiteral("desc") : QStringLiteral("asc"));
    q.addQueryItem(QStringLiteral("limit"), QString::number(qBound(1, filter.limit, 10000)));
    if (filter.offset > 0)
        q.addQueryItem(QStringLiteral("offset"), QString::number(filter.offset));
    const RemoteReply r = fetch(QStringLiteral("/traces"), q);
    TraceList list;
    if (!r.ok())
        return list;
    for (const QJsonValue &v : r.json.value(QStringLiteral("traces")).toArray())
        list.result.traces.append(summaryFrom(v.toObject()));
    list.result.totalCount = r.json.value(QStringLiteral("total_count")).toInteger();
    list.hasMore = r.json.value(QStringLiteral("has_more")).toBool();
    const QJsonObject range = r.json.value(QStringLiteral("time_range")).toObject();
    list.rangeStartNs = nanosOf(range.value(QStringLiteral("start")));
    list.rangeEndNs = nanosOf(range.value(QStringLiteral("end")));
    return list;
}

// A span of /traces/{id} or /traces/{id}/spans as the analysis gave it.
static SpanView spanViewFrom(const QJsonObject &o, const QByteArray &traceId)
{
    SpanView view;
    view.span = spanFrom(o, traceId);
    view.status = statusFrom(o.value(QStringLiteral("status")));
    view.depth = o.value(QStringLiteral("depth")).toInt();
    view.selfTimeNs = nanosFromMillis(o.value(QStringLiteral("self_time_ms")).toDouble());
    view.unloadedDescendants = o.value(QStringLiteral("unloaded_descendants")).toInteger();
    view.onCriticalPath = o.value(QStringLiteral("on_critical_path")).toBool();
    return view;
}

// Spans in tree order with parent indices among themselves (-1: parent not in the list).
static QList<SpanView> spanViewsFrom(const QJsonArray &array, const QByteArray &traceId)
{
    QList<SpanView> spans;
    QHash<QByteArray, int> indexOf;
    for (const QJsonValue &v : array) {
        SpanView view = spanViewFrom(v.toObject(), traceId);
        view.parentIndex = indexOf.value(view.span.parentSpanId, -1); // tree order: parents come first
        indexOf.insert(view.span.spanId, int(spans.size()));
        spans.append(std::move(view));
    }
    return spans;
}

std::optional<TraceDetails> RemoteTraceSource::trace(const QByteArray &traceId) const
{
    return traceTop(traceId, 0);
}

std::optional<TraceDetails> RemoteTraceSource::traceTop(const QByteArray &traceId, int spanBudget) const
{
    QUrlQuery query;
    if (spanBudget > 0)
        query.addQueryItem(QStringLiteral("span_budget"), QString::number(spanBudget));
    const RemoteReply r = fetch(QStringLiteral("/traces/") + idToHex(traceId), query, true);
    if (!r.ok())
        return std::nullopt;
    TraceDetails d;
    d.summary = summaryFrom(r.json);
    d.summary.traceId = traceId;
    d.spans = spanViewsFrom(r.json.value(QStringLiteral("spans")).toArray(), traceId);
    // The summary's times exactly (the JSON's ISO times are to the microsecond).
    for (qsizetype i = 0; i < d.spans.size(); ++i) {
        const Span &s = d.spans[i].span;
        d.summary.startNs = i == 0 ? s.startTimeUnixNano : qMin(d.summary.startNs, s.startTimeUnixNano);
        d.summary.endNs = i == 0 ? s.endTimeUnixNano : qMax(d.summary.endNs, s.endTimeUnixNano);
    }
    d.summary.hasRoot = std::any_of(d.spans.cbegin(), d.spans.cend(), [](const SpanView &v) { return v.span.isRoot(); });
    d.partial = r.json.value(QStringLiteral("partial")).toBool();
    if (!d.partial) {
        d.summary.spanCount = d.spans.size();
        d.summary.errorCount = r.json.value(QStringLiteral("error_spans")).toArray().size();
        d.metrics = TraceAnalysis::metricsOf(d.spans);
        d.criticalPath = TraceAnalysis::criticalPath(d.spans);
        d.serviceBreakdown = TraceAnalysis::serviceBreakdown(d.spans, d.summary.durationNs());
        return d;
    }
    // A partial trace: the whole trace's figures come from the server, they cannot be recomputed.
    const QJsonObject m = r.json.value(QStringLiteral("performance_metrics")).toObject();
    d.metrics.totalSpans = m.value(QStringLiteral("total_spans")).toInteger();
    d.metrics.errorSpans = m.value(QStringLiteral("error_spans")).toInteger();
    d.metrics.averageSpanDurationMs = m.value(QStringLiteral("average_span_duration")).toDouble();
    d.metrics.slowestSpanDurationMs = m.value(QStringLiteral("slowest_span_duration")).toDouble();
    d.metrics.fastestSpanDurationMs = m.value(QStringLiteral("fastest_span_duration")).toDouble();
    d.summary.spanCount = d.metrics.totalSpans;
    d.summary.errorCount = d.metrics.errorSpans;
    QHash<QByteArray, int> indexOf;
    for (qsizetype i = 0; i < d.spans.size(); ++i)
        indexOf.insert(d.spans[i].span.spanId, int(i));
    for (const QJsonValue &v : r.json.value(QStringLiteral("critical_path")).toArray()) {
        const QJsonObject o = v.toObject();
        const int span = indexOf.value(idFromHex(o.value(QStringLiteral("span_id")).toString(), 8), -1);
        const auto start = nanosFromIso(o.value(QStringLiteral("start_time")).toString());
        if (span < 0 || !start)
            continue;
        d.criticalPath.append({span, *start, *start + nanosFromMillis(o.value(QStringLiteral("duration_ms")).toDouble())});
    }
    for (const QJsonValue &v : r.json.value(QStringLiteral("service_breakdown")).toArray()) {
        const QJsonObject o = v.toObject();
        ServiceTime t;
        t.service = o.value(QStringLiteral("service_name")).toString();
        t.selfTimeNs = nanosFromMillis(o.value(QStringLiteral("self_time_ms")).toDouble());
        t.spans = o.value(QStringLiteral("spans")).toInteger();
        t.fraction = o.value(QStringLiteral("fraction")).toDouble();
        d.serviceBreakdown.append(t);
    }
    return d;
}

std::optional<TraceSubtree> RemoteTraceSource::traceSubtree(const QByteArray &traceId, const QByteArray &spanId,
    int spanBudget) const
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("parent"), idToHex(spanId));
    query.addQueryItem(QStringLiteral("span_budget"), QString::number(std::max(1, spanBudget)));
    const RemoteReply r = fetch(QStringLiteral("/traces/") + idToHex(traceId) + QStringLiteral("/spans"), query, true);
    if (!r.ok())
        return std::nullopt;
    TraceSubtree sub;
    sub.traceId = traceId;
    sub.parentSpanId = spanId;
    sub.spans = spanViewsFrom(r.json.value(QStringLiteral("spans")).toArray(), traceId);
    return sub;
}

ServicesOverview RemoteTraceSource::servicesOverview() const
{
    const RemoteReply r = fetch(QStringLiteral("/services"), {});
    ServicesOverview out;
    if (!r.ok())
        return out;
    for (const QJsonValue &v : r.json.value(QStringLiteral("services")).toArray()) {
        const QJsonObject o = v.toObject();
        ServiceSummary s;
        s.name = o.value(QStringLiteral("name")).toString();
        s.traces = o.value(QStringLiteral("traces_count")).toInteger();
        s.spans = o.value(QStringLiteral("spans_count")).toInteger();
        s.avgDurationMs = o.value(QStringLiteral("avg_duration_ms")).toDouble();
        s.errorRate = o.value(QStringLiteral("error_rate")).toDouble();
        s.lastSpanStartNs = nanosOf(o.value(QStringLiteral("last_trace")));
        for (const QJsonValue &op : o.value(QStringLiteral("operations")).toArray())
            s.operations.append(operationFrom(op.toObject(), s.name));
        out.services.append(s);
    }
    out.totalTraces = r.json.value(QStringLiteral("total_traces")).toInteger();
    out.totalSpans = r.json.value(QStringLiteral("total_spans")).toInteger();
    return out;
}

ServicePerformance RemoteTraceSource::servicePerformance(const QString &service, const TimeWindow &window) const
{
    QUrlQuery q;
    addWindow(q, window);
    const RemoteReply r = fetch(QStringLiteral("/services/") + pathSegment(service) + QStringLiteral("/performance"), q, true);
    ServicePerformance p;
    p.service = service;
    p.window = window;
    if (!r.ok() || r.status == 404)
        return p;
    p.totalRequests = r.json.value(QStringLiteral("total_requests")).toInteger();
    p.failedRequests = r.json.value(QStringLiteral("failed_requests")).toInteger();
    p.errorRate = r.json.value(QStringLiteral("error_rate")).toDouble();
    p.avgResponseMs = r.json.value(QStringLiteral("avg_response_time_ms")).toDouble();
    p.p50Ms = r.json.value(QStringLiteral("p50_response_time_ms")).toDouble();
    p.p95Ms = r.json.value(QStringLiteral("p95_response_time_ms")).toDouble();
    p.p99Ms = r.json.value(QStringLiteral("p99_response_time_ms")).toDouble();
    p.throughputPerSecond = r.json.value(QStringLiteral("throughput_per_second")).toDouble();
    for (const QJsonValue &v : r.json.value(QStringLiteral("operations")).toArray())
        p.operations.append(operationFrom(v.toObject(), {})); // as ServiceAnalysis: the service is p.service
    p.trends = halfTrendsFrom(r.json.value(QStringLiteral("trends")).toObject(), "response_time_trend");
    return p;
}

ErrorList RemoteTraceSource::errors(const ErrorQuery &query) const
{
    QUrlQuery q;
    addText(q, "service", query.filter.service);
    addText(q, "error_type", query.filter.type);
    if (query.filter.fromNs)
        q.addQueryItem(QStringLiteral("start_time"), isoParam(*query.filter.fromNs));
    if (query.filter.toNs)
        q.addQueryItem(QStringLiteral("end_time"), isoParam(*query.filter.toNs));
    if (query.severity)
        q.addQueryItem(QStringLiteral("severity"), severityName(*query.severity));
    q.addQueryItem(QStringLiteral("limit"), QString::number(qBound(1, query.limit, 1000)));
    const RemoteReply r = fetch(QStringLiteral("/errors"), q);
    ErrorList out;
    if (!r.ok())
        return out;
    for (const QJsonValue &v : r.json.value(QStringLiteral("errors")).toArray()) {
        const QJsonObject o = v.toObject();
        ErrorView e;
        e.record.traceId = idFromHex(o.value(QStringLiteral("trace_id")).toString(), 16);
        e.record.spanId = idFromHex(o.value(QStringLiteral("span_id")).toString(), 8);
        e.record.timeNs = nanosOf(o.value(QStringLiteral("timestamp")));
        e.record.service = o.value(QStringLiteral("service_name")).toString();
        e.record.operation = o.value(QStringLiteral("operation_name")).toString();
        e.record.type = o.value(QStringLiteral("error_type")).toString();
        e.record.message = o.value(QStringLiteral("error_message")).toString();
        e.record.stackTrace = o.value(QStringLiteral("stack_trace")).toString();
        e.record.attributes = o.value(QStringLiteral("tags")).toObject();
        e.severity = severityFromName(o.value(QStringLiteral("severity")).toString()).value_or(Severity::Low);
        out.errors.append(e);
    }
    out.totalCount = r.json.value(QStringLiteral("total_count")).toInteger();
    for (const QJsonValue &v : r.json.value(QStringLiteral("error_types")).toArray()) {
        const QJsonObject o = v.toObject();
        out.types.append({o.value(QStringLiteral("type")).toString(), o.value(QStringLiteral("count")).toInteger(),
                          severityFromName(o.value(QStringLiteral("severity")).toString()).value_or(Severity::Low)});
    }
    for (const QJsonValue &v : r.json.value(QStringLiteral("services_with_errors")).toArray()) {
        const QJsonObject o = v.toObject();
        out.services.append({o.value(QStringLiteral("service_name")).toString(),
                             o.value(QStringLiteral("error_count")).toInteger(), nanosOf(o.value(QStringLiteral("last_error")))});
    }
    return out;
}

DependencyGraph RemoteTraceSource::dependencies(const TimeWindow &window) const
{
    QUrlQuery q;
    addWindow(q, window);
    const RemoteReply r = fetch(QStringLiteral("/dependencies"), q);
    DependencyGraph g;
    if (!r.ok())
        return g;
    for (const QJsonValue &v : r.json.value(QStringLiteral("services")).toArray()) {
        const QJsonObject o = v.toObject();
        ServiceDependencies s;
        s.name = o.value(QStringLiteral("name")).toString();
        s.dependencies = stringList(o.value(QStringLiteral("dependencies")));
        s.dependents = stringList(o.value(QStringLiteral("dependents")));
        s.callCount = o.value(QStringLiteral("call_count")).toInteger();
        s.avgLatencyMs = o.value(QStringLiteral("avg_latency_ms")).toDouble();
        s.errorRate = o.value(QStringLiteral("error_rate")).toDouble();
        g.services.append(s);
    }
    const QJsonObject graph = r.json.value(QStringLiteral("graph")).toObject();
    for (const QJsonValue &v : graph.value(QStringLiteral("nodes")).toArray())
        g.nodes.append(nodeFrom(v.toObject()));
    for (const QJsonValue &v : graph.value(QStringLiteral("edges")).toArray()) {
        const QJsonObject o = v.toObject();
        DependencyEdge e;
        e.source = o.value(QStringLiteral("source")).toString();
        e.target = o.value(QStringLiteral("target")).toString();
        e.calls = o.value(QStringLiteral("weight")).toInteger();
        e.errors = o.value(QStringLiteral("error_count")).toInteger();
        e.avgLatencyMs = o.value(QStringLiteral("avg_latency_ms")).toDouble();
        e.errorRate = o.value(QStringLiteral("error_rate")).toDouble();
        g.edges.append(e);
    }
    g.criticalPaths = criticalPathsFrom(r.json.value(QStringLiteral("critical_paths")));
    return g;
}

std::optional<DependencyImpact> RemoteTraceSource::impact(const QString &name, const TimeWindow &window) const
{
    QUrlQuery q;
    addWindow(q, window);
    const RemoteReply r = fetch(QStringLiteral("/dependencies/") + pathSegment(name) + QStringLiteral("/impact"), q, true);
    if (!r.ok() || r.status == 404)
        return std::nullopt;
    DependencyImpact i;
    i.node = nodeFrom(r.json);
    i.dependencies = stringList(r.json.value(QStringLiteral("dependencies")));
    i.dependents = stringList(r.json.value(QStringLiteral("dependents")));
    i.transitiveDependents = stringList(r.json.value(QStringLiteral("transitive_dependents")));
    i.criticalPaths = criticalPathsFrom(r.json.value(QStringLiteral("critical_paths")));
    i.impactScore = r.json.value(QStringLiteral("impact_score")).toDouble();
    return i;
}

TrendSeries RemoteTraceSource::trendSeries(QUrlQuery q, const TimeWindow &window, qint64 granularityNs) const
{
    TrendSeries t = emptyTrend(window, granularityNs);
    const QString granularity = granularityName(granularityNs);
    if (granularity.isEmpty()) {
        if (m_report)
            m_report(tr("the server has no trend granularity of %1 s").arg(granularityNs / 1000000000));
        return t;
    }
    addWindow(q, window);
    q.addQueryItem(QStringLiteral("granularity"), granularity);
    const RemoteReply r = fetch(QStringLiteral("/performance/trends"), q, true);
    if (!r.ok() || r.status == 404)
        return t;
    for (const QJsonValue &v : r.json.value(QStringLiteral("data_points")).toArray()) {
        const QJsonObject o = v.toObject();
        TrendPoint p;
        p.startNs = nanosOf(o.value(QStringLiteral("timestamp")));
        p.count = o.value(QStringLiteral("count")).toInteger();
        p.avgDurationMs = o.value(QStringLiteral("avg_duration_ms")).toDouble();
        p.p50DurationMs = o.value(QStringLiteral("p50_duration_ms")).toDouble();
        p.p95DurationMs = o.value(QStringLiteral("p95_duration_ms")).toDouble();
        p.p99DurationMs = o.value(QStringLiteral("p99_duration_ms")).toDouble();
        p.errorRate = o.value(QStringLiteral("error_rate")).toDouble();
        p.throughputPerSecond = o.value(QStringLiteral("throughput_per_second")).toDouble();
        t.points.append(p);
    }
    t.trends = halfTrendsFrom(r.json.value(QStringLiteral("trends")).toObject(), "duration_trend");
    return t;
}

TrendSeries RemoteTraceSource::trends(const QString &service, const QString &operation, const TimeWindow &window,
    qint64 granularityNs) const
{
    QUrlQuery q;
    addText(q, "service", service);
    addText(q, "operation", operation);
    return trendSeries(q, window, granularityNs);
}

TrendSeries RemoteTraceSource::spanTrends(const TimeWindow &window, qint64 granularityNs) const
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("series"), QStringLiteral("spans"));
    return trendSeries(q, window, granularityNs);
}

QList<qint64> RemoteTraceSource::traceStarts(const TimeWindow &window, qint64 granularityNs) const
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("series"), QStringLiteral("trace_starts"));
    QList<qint64> counts;
    for (const TrendPoint &p : trendSeries(q, window, granularityNs).points)
        counts.append(p.count);
    return counts;
}

Slowest RemoteTraceSource::slowest(const SlowestQuery &query) const
{
    QUrlQuery q;
    addText(q, "service", query.service);
    addText(q, "operation", query.operation);
    addWindow(q, query.window);
    q.addQueryItem(QStringLiteral("limit"), QString::number(qBound(1, query.limit, 1000)));
    const RemoteReply r = fetch(QStringLiteral("/performance/slowest"), q, true);
    Slowest out;
    if (!r.ok() || r.status == 404)
        return out;
    for (const QJsonValue &v : r.json.value(QStringLiteral("traces")).toArray())
        out.traces.append(summaryFrom(v.toObject()));
    for (const QJsonValue &v : r.json.value(QStringLiteral("operations")).toArray())
        out.operations.append(operationFrom(v.toObject(), {}));
    return out;
}

AnomalyReport RemoteTraceSource::anomalies(const QString &service, const QString &operation, const TimeWindow &window) const
{
    QUrlQuery q;
    addText(q, "service", service);
    addText(q, "operation", operation);
    addWindow(q, window);
    const RemoteReply r = fetch(QStringLiteral("/anomalies"), q, true);
    AnomalyReport out;
    if (!r.ok() || r.status == 404)
        return out;
    const auto metricFrom = [](const QJsonValue &v) {
        return fromName(v.toString(), anomalyMetricName, int(AnomalyMetric::Throughput), AnomalyMetric::LatencyP95);
    };
    for (const QJsonValue &v : r.json.value(QStringLiteral("anomalies")).toArray()) {
        const QJsonObject o = v.toObject();
        Anomaly a;
        a.id = o.value(QStringLiteral("id")).toString();
        a.service = o.value(QStringLiteral("service_name")).toString();
        a.operation = o.value(QStringLiteral("operation_name")).toString();
        a.metric = metricFrom(o.value(QStringLiteral("metric")));
        a.startedNs = nanosOf(o.value(QStringLiteral("started_at")));
        if (o.contains(QStringLiteral("ended_at")))
            a.endedNs = nanosOf(o.value(QStringLiteral("ended_at")));
        a.observed = o.value(QStringLiteral("observed")).toDouble();
        a.expected = o.value(QStringLiteral("expected")).toDouble();
        a.score = o.value(QStringLiteral("score")).toDouble();
        a.severity = severityFromName(o.value(QStringLiteral("severity")).toString()).value_or(Severity::Low);
        for (const QJsonValue &e : o.value(QStringLiteral("attribution")).toArray()) {
            const QJsonObject t = e.toObject();
            a.attribution.append({t.value(QStringLiteral("service_name")).toString(),
                                  t.value(QStringLiteral("operation_name")).toString(),
                                  t.value(QStringLiteral("baseline_self_ms")).toDouble(),
                                  t.value(QStringLiteral("anomaly_self_ms")).toDouble()});
        }
        out.anomalies.append(a);
    }
    for (const QJsonValue &v : r.json.value(QStringLiteral("regressions")).toArray()) {
        const QJsonObject o = v.toObject();
        Regression g;
        g.service = o.value(QStringLiteral("service_name")).toString();
        g.operation = o.value(QStringLiteral("operation_name")).toString();
        g.metric = metricFrom(o.value(QStringLiteral("metric")));
        g.beforeVersion = o.value(QStringLiteral("before_version")).toString();
        g.afterVersion = o.value(QStringLiteral("after_version")).toString();
        g.before = o.value(QStringLiteral("before")).toDouble();
        g.after = o.value(QStringLiteral("after")).toDouble();
        g.changePercent = o.value(QStringLiteral("change_percent")).toDouble();
        g.detectedNs = nanosOf(o.value(QStringLiteral("detected_at")));
        out.regressions.append(g);
    }
    return out;
}

Recommendations RemoteTraceSource::recommendations(const QString &service, const TimeWindow &window) const
{
    QUrlQuery q;
    addText(q, "service", service);
    addWindow(q, window);
    const RemoteReply r = fetch(QStringLiteral("/recommendations"), q, true);
    Recommendations out;
    if (!r.ok() || r.status == 404)
        return out;
    for (const QJsonValue &v : r.json.value(QStringLiteral("recommendations")).toArray()) {
        const QJsonObject o = v.toObject();
        Recommendation c;
        c.id = o.value(QStringLiteral("id")).toString();
        c.rule = o.value(QStringLiteral("rule")).toString();
        c.title = o.value(QStringLiteral("title")).toString();
        c.description = o.value(QStringLiteral("description")).toString();
        c.service = o.value(QStringLiteral("service_name")).toString();
        c.operation = o.value(QStringLiteral("operation_name")).toString();
        c.impactMs = o.value(QStringLiteral("impact_ms")).toDouble();
        c.occurrences = o.value(QStringLiteral("occurrences")).toInteger();
        c.exampleTraceIds = stringList(o.value(QStringLiteral("example_trace_ids")));
        out.recommendations.append(c);
    }
    out.sampledTraces = r.json.value(QStringLiteral("sampled_traces")).toInteger();
    return out;
}

ErrorOrigins RemoteTraceSource::errorOrigins(const TimeWindow &window) const
{
    QUrlQuery q;
    addWindow(q, window);
    const RemoteReply r = fetch(QStringLiteral("/errors/origins"), q);
    ErrorOrigins out;
    if (!r.ok())
        return out;
    for (const QJsonValue &v : r.json.value(QStringLiteral("origins")).toArray()) {
        const QJsonObject o = v.toObject();
        ErrorOrigin g;
        g.service = o.value(QStringLiteral("service_name")).toString();
        g.operation = o.value(QStringLiteral("operation_name")).toString();
        g.type = o.value(QStringLiteral("error_type")).toString();
        g.errors = o.value(QStringLiteral("error_count")).toInteger();
        g.share = o.value(QStringLiteral("share")).toDouble();
        g.exampleErrorIds = stringList(o.value(QStringLiteral("example_error_ids")));
        for (const QJsonValue &e : o.value(QStringLiteral("affected_services")).toArray()) {
            const QJsonObject a = e.toObject();
            g.affected.append({a.value(QStringLiteral("service_name")).toString(),
                               a.value(QStringLiteral("error_count")).toInteger(), a.value(QStringLiteral("share")).toDouble()});
        }
        out.origins.append(g);
    }
    out.totalErrors = r.json.value(QStringLiteral("total_errors")).toInteger();
    out.analysedErrors = r.json.value(QStringLiteral("analysed_errors")).toInteger();
    return out;
}

std::optional<RootCause> RemoteTraceSource::rootCause(const QByteArray &traceId, const QByteArray &spanId) const
{
    const RemoteReply r = fetch(QStringLiteral("/errors/") + idToHex(traceId) + idToHex(spanId) + QStringLiteral("/root-cause"), {}, true);
    if (!r.ok() || r.status == 404)
        return std::nullopt;
    RootCause cause;
    cause.error.traceId = traceId;
    cause.error.spanId = spanId;
    cause.error.service = r.json.value(QStringLiteral("service_name")).toString();
    cause.error.operation = r.json.value(QStringLiteral("operation_name")).toString();
    cause.error.type = r.json.value(QStringLiteral("error_type")).toString();
    for (const QJsonValue &v : r.json.value(QStringLiteral("chain")).toArray()) {
        const QJsonObject o = v.toObject();
        RootCauseStep step;
        step.spanId = idFromHex(o.value(QStringLiteral("span_id")).toString(), 8);
        step.service = o.value(QStringLiteral("service_name")).toString();
        step.operation = o.value(QStringLiteral("operation_name")).toString();
        step.kind = fromName(o.value(QStringLiteral("span_kind")).toString(), spanKindName, 5, SpanKind::Unspecified);
        step.failed = o.value(QStringLiteral("status")).toString() == u"error";
        step.errorType = o.value(QStringLiteral("error_type")).toString();
        step.errorMessage = o.value(QStringLiteral("error_message")).toString();
        step.durationNs = nanosFromMillis(o.value(QStringLiteral("duration_ms")).toDouble());
        cause.chain.append(step);
    }
    if (cause.chain.isEmpty()) // the API's chain is never empty; an answer without one is no cause
        return std::nullopt;
    return cause;
}

StorageStatus RemoteTraceSource::storageStatus() const
{
    StorageStatus s;
    const RemoteReply health = fetch(QStringLiteral("/health"), {});
    if (!health.ok())
        return s;
    s.traces = health.json.value(QStringLiteral("traces_processed")).toInteger();
    s.spans = health.json.value(QStringLiteral("spans_processed")).toInteger();
    // The size is a Prometheus gauge: "tracing_database_size_bytes <n>" on a line of its own.
    const RemoteReply metrics = get(QStringLiteral("/metrics"));
    if (metrics.ok())
        for (const QByteArray &line : metrics.body.split('\n'))
            if (line.startsWith("tracing_database_size_bytes "))
                s.bytes = qint64(line.mid(28).trimmed().toDouble());
    return s;
}

QList<SenderStats> RemoteTraceSource::ingestSenders() const
{
    QList<SenderStats> out;
    const RemoteReply r = fetch(QStringLiteral("/ingest/senders"), {});
    if (!r.ok())
        return out;
    const auto msOf = [](const QJsonValue &v) { return nanosOf(v) / 1000000; };
    for (const QJsonValue &v : r.json.value(QStringLiteral("senders")).toArray()) {
        const QJsonObject o = v.toObject();
        SenderStats s;
        const QString protocol = o.value(QStringLiteral("protocol")).toString();
        s.protocol = IngestProtocolId::Other;
        for (int i = 0; i < kIngestProtocolCount; ++i)
            if (protocol == QLatin1String(ingestProtocolLabel(IngestProtocolId(i))))
                s.protocol = IngestProtocolId(i);
        s.address = o.value(QStringLiteral("remote_address")).toString();
        s.service = o.value(QStringLiteral("service_name")).toString(); // null: none known
        s.firstSeenMs = msOf(o.value(QStringLiteral("first_seen")));
        s.lastSeenMs = msOf(o.value(QStringLiteral("last_seen")));
        s.acceptedSpans = o.value(QStringLiteral("accepted_spans")).toInteger();
        s.spansPerSecond = o.value(QStringLiteral("spans_per_second")).toDouble();
        const QJsonObject rejected = o.value(QStringLiteral("rejected_spans")).toObject();
        for (int i = 0; i < kSpanRejectionCount; ++i)
            s.rejectedSpans[size_t(i)] = rejected.value(QLatin1String(spanRejectionName(SpanRejection(i)))).toInteger();
        const QJsonObject refused = o.value(QStringLiteral("refused_requests")).toObject();
        for (int i = 0; i < kRequestRefusalCount; ++i)
            s.refusedRequests[size_t(i)] = refused.value(QLatin1String(requestRefusalName(RequestRefusal(i)))).toInteger();
        const QJsonObject problem = o.value(QStringLiteral("last_problem")).toObject();
        s.lastProblem = problem.value(QStringLiteral("message")).toString();
        s.lastProblemMs = problem.isEmpty() ? 0 : msOf(problem.value(QStringLiteral("at")));
        out.append(s);
    }
    return out;
}

namespace {

AlertRuleView alertRuleFrom(const QJsonObject &o)
{
    AlertRuleView v;
    AlertRule &r = v.rule;
    r.id = o.value(QStringLiteral("id")).toInteger();
    r.name = o.value(QStringLiteral("name")).toString();
    r.metric = o.value(QStringLiteral("metric")).toString();
    r.service = o.value(QStringLiteral("service_name")).toString(); // null: every service
    r.operation = o.value(QStringLiteral("operation_name")).toString();
    r.comparator = o.value(QStringLiteral("comparator")).toString();
    r.threshold = o.value(QStringLiteral("threshold")).toDouble();
    r.forNs = std::llround(o.value(QStringLiteral("for_seconds")).toDouble() * 1e9);
    r.severity = o.value(QStringLiteral("severity")).toString();
    r.enabled = o.value(QStringLiteral("enabled")).toBool();
    for (const QJsonValue &w : o.value(QStringLiteral("webhooks")).toArray()) // their origins only
        r.webhooks.append({ w.toObject().value(QStringLiteral("url")).toString(),
            w.toObject().value(QStringLiteral("format")).toString() == u"slack" });
    if (const QJsonValue since = o.value(QStringLiteral("pending_since")); since.isString())
        r.pendingSinceNs = nanosOf(since);
    r.createdNs = nanosOf(o.value(QStringLiteral("created_at")));
    r.updatedNs = nanosOf(o.value(QStringLiteral("updated_at")));
    const QString state = o.value(QStringLiteral("state")).toString();
    v.state = fromName(state, alertRuleStateName, int(AlertRuleState::Disabled), AlertRuleState::Ok);
    return v;
}

AlertEvent alertEventFrom(const QJsonObject &o)
{
    AlertEvent e;
    e.id = o.value(QStringLiteral("id")).toInteger();
    e.ruleId = o.value(QStringLiteral("rule_id")).toInteger();
    e.ruleName = o.value(QStringLiteral("rule_name")).toString();
    e.metric = o.value(QStringLiteral("metric")).toString();
    e.service = o.value(QStringLiteral("service_name")).toString();
    e.operation = o.value(QStringLiteral("operation_name")).toString();
    e.severity = o.value(QStringLiteral("severity")).toString();
    e.startedNs = nanosOf(o.value(QStringLiteral("started_at")));
    if (const QJsonValue resolved = o.value(QStringLiteral("resolved_at")); resolved.isString())
        e.resolvedNs = nanosOf(resolved);
    e.observed = o.value(QStringLiteral("observed")).toDouble();
    if (const QJsonValue value = o.value(QStringLiteral("resolved_value")); value.isDouble())
        e.resolvedValue = value.toDouble();
    for (const QJsonValue &v : o.value(QStringLiteral("deliveries")).toArray()) {
        const QJsonObject d = v.toObject();
        AlertDelivery delivery;
        delivery.url = d.value(QStringLiteral("url")).toString();
        delivery.event = d.value(QStringLiteral("event")).toString();
        delivery.attempts = d.value(QStringLiteral("attempts")).toInt();
        delivery.ok = d.value(QStringLiteral("ok")).toBool();
        delivery.httpStatus = d.value(QStringLiteral("http_status")).toInt();
        delivery.error = d.value(QStringLiteral("error")).toString();
        delivery.timeNs = nanosOf(d.value(QStringLiteral("time")));
        e.deliveries.append(delivery);
    }
    return e;
}

// A rule as the body of POST /alerts/rules, or of a PUT that keeps the stored webhooks (this
// source only sees their origins).
QByteArray alertRuleBody(const AlertRule &r)
{
    const auto textOrNull = [](const QString &text) { return text.isEmpty() ? QJsonValue() : QJsonValue(text); };
    QJsonObject o {
        { QStringLiteral("name"), r.name },
        { QStringLiteral("metric"), r.metric },
        { QStringLiteral("service_name"), textOrNull(r.service) },
        { QStringLiteral("operation_name"), textOrNull(r.operation) },
        { QStringLiteral("comparator"), r.comparator },
        { QStringLiteral("for_seconds"), double(r.forNs) / 1e9 },
        { QStringLiteral("severity"), r.severity },
        { QStringLiteral("enabled"), r.enabled },
    };
    // A threshold that is no number stays out, so that the server names it.
    if (std::isfinite(r.threshold))
        o.insert(QStringLiteral("threshold"), r.threshold);
    if (r.id)
        o.insert(QStringLiteral("keep_webhooks"), true);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

std::optional<QList<AlertRuleView>> RemoteTraceSource::alertRules(QString *error) const
{
    const RemoteReply r = fetch(QStringLiteral("/alerts/rules"), {});
    if (!r.ok()) {
        *error = r.error;
        return std::nullopt;
    }
    QList<AlertRuleView> out;
    for (const QJsonValue &v : r.json.value(QStringLiteral("rules")).toArray())
        out.append(alertRuleFrom(v.toObject()));
    return out;
}

AlertChange RemoteTraceSource::alertChange(const RemoteReply &reply, qint64 id) const
{
    AlertChange c;
    c.id = id;
    if (reply.ok()) {
        c.outcome = AlertChange::Outcome::Done;
        if (!c.id)
            c.id = reply.json.value(QStringLiteral("id")).toInteger();
    } else if (reply.status == 400) {
        // The server's message is "<field> <why>", as AlertRuleProblem::message().
        const QString message = apiMessage(reply.body);
        const qsizetype space = message.indexOf(u' ');
        c.outcome = AlertChange::Outcome::Invalid;
        c.problem = { message.left(space), space < 0 ? QString() : message.mid(space + 1) };
    } else if (reply.status == 404) {
        c.outcome = AlertChange::Outcome::NotFound;
    } else {
        c.outcome = AlertChange::Outcome::Failed;
        c.error = reply.error;
    }
    return c;
}

AlertChange RemoteTraceSource::saveAlertRule(const AlertRule &rule) const
{
    const RemoteReply r = rule.id
        ? send("PUT", QStringLiteral("/alerts/rules/%1").arg(rule.id), alertRuleBody(rule))
        : send("POST", QStringLiteral("/alerts/rules"), alertRuleBody(rule));
    return alertChange(r, rule.id);
}

AlertChange RemoteTraceSource::deleteAlertRule(qint64 id) const
{
    return alertChange(send("DELETE", QStringLiteral("/alerts/rules/%1").arg(id)), id);
}

std::optional<QList<AlertEvent>> RemoteTraceSource::alertHistory(const AlertEventFilter &filter, QString *error) const
{
    QUrlQuery q;
    if (filter.firing)
        q.addQueryItem(QStringLiteral("state"), *filter.firing ? QStringLiteral("firing") : QStringLiteral("resolved"));
    if (filter.ruleId)
        q.addQueryItem(QStringLiteral("rule_id"), QString::number(*filter.ruleId));
    addText(q, "service", filter.service);
    q.addQueryItem(QStringLiteral("limit"), QString::number(std::clamp(filter.limit, 1, 1000)));
    const RemoteReply r = fetch(QStringLiteral("/alerts"), q);
    if (!r.ok()) {
        *error = r.error;
        return std::nullopt;
    }
    QList<AlertEvent> out;
    for (const QJsonValue &v : r.json.value(QStringLiteral("alerts")).toArray())
        out.append(alertEventFrom(v.toObject()));
    return out;
}

} // namespace spanlight
