#pragma once

#include "tracesource.h"

#include <QJsonObject>
#include <QMutex>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

namespace spanlight {

// Where a remote spanlightd is and how to talk to it.
struct RemoteTarget
{
    QUrl url; // http(s)://host:port of the REST API, optionally with a path prefix
    QString token; // sent as "Authorization: Bearer <token>"; empty: no header
    QString caFile; // optional PEM file of one more trusted CA (or a self-signed certificate)
    int timeoutMs = 15000; // per request, connect to last byte
    qint64 maxBodyBytes = qint64(64) * 1024 * 1024; // a larger answer is an error, not memory
};

// One GET's outcome: the JSON object, or why there is none.
struct RemoteReply
{
    int status = 0; // HTTP status, 0 when there was no answer
    QJsonObject json;
    QByteArray body;
    QString error; // empty: a 2xx with the JSON (or text) read
    bool ok() const { return error.isEmpty(); }
};

// The console's TraceSource over a remote spanlightd's REST API: every read is a blocking GET on
// the calling thread (the controller's worker, never the GUI thread) through a
// QNetworkAccessManager of that call, bounded by the target's timeout and body limit, and the
// JSON is decoded back into the analysis structs. Trace figures derived from the spans (metrics,
// critical path, service breakdown) are recomputed by TraceAnalysis's own functions over the spans
// the API returns. The read methods cannot return an error; each call reports its outcome to
// `report` instead (on the calling thread: an empty message for success), and a failed read
// gives the empty default value.
class RemoteTraceSource final : public TraceSource
{
public:
    using Reporter = std::function<void(const QString &error)>;
    explicit RemoteTraceSource(RemoteTarget target, Reporter report = {});

    TraceList listTraces(const TraceFilter &filter) const override;
    std::optional<TraceDetails> trace(const QByteArray &traceId) const override;
    std::optional<TraceDetails> traceTop(const QByteArray &traceId, int spanBudget) const override;
    std::optional<TraceSubtree> traceSubtree(const QByteArray &traceId, const QByteArray &spanId,
        int spanBudget) const override;
    ServicesOverview servicesOverview() const override;
    ServicePerformance servicePerformance(const QString &service, const TimeWindow &window) const override;
    ErrorList errors(const ErrorQuery &query) const override;
    DependencyGraph dependencies(const TimeWindow &window) const override;
    std::optional<DependencyImpact> impact(const QString &name, const TimeWindow &window) const override;
    TrendSeries trends(const QString &service, const QString &operation, const TimeWindow &window,
        qint64 granularityNs) const override;
    TrendSeries spanTrends(const TimeWindow &window, qint64 granularityNs) const override;
    QList<qint64> traceStarts(const TimeWindow &window, qint64 granularityNs) const override;
    Slowest slowest(const SlowestQuery &query) const override;
    // GET /anomalies, /recommendations, /errors/origins with the window as start_time/end_time;
    // the API's figures are rounded (0.001 ms, 0.0001 of a rate, 0.01 of a score).
    AnomalyReport anomalies(const QString &service, const QString &operation, const TimeWindow &window) const override;
    Recommendations recommendations(const QString &service, const TimeWindow &window) const override;
    ErrorOrigins errorOrigins(const TimeWindow &window) const override;
    // GET /errors/{error_id}/root-cause; the error carries its ids, service, operation and type.
    std::optional<RootCause> rootCause(const QByteArray &traceId, const QByteArray &spanId) const override;
    StorageStatus storageStatus() const override; // counts from /health, bytes from /metrics
    QList<SenderStats> ingestSenders() const override; // GET /ingest/senders
    std::optional<QList<AlertRuleView>> alertRules(QString *error) const override; // GET /alerts/rules
    // POST /alerts/rules or PUT /alerts/rules/{id} with keep_webhooks: a 400 is Invalid with the
    // server's message, a 401/403 Failed with it (a reader's token may not change rules).
    AlertChange saveAlertRule(const AlertRule &rule) const override;
    AlertChange deleteAlertRule(qint64 id) const override; // DELETE /alerts/rules/{id}
    std::optional<QList<AlertEvent>> alertHistory(const AlertEventFilter &filter, QString *error) const override; // GET /alerts

    // GET path?query against the target; blocking. Non-2xx answers carry the API's message.
    RemoteReply get(const QString &path, const QUrlQuery &query = {}) const;
    // Another method (POST, PUT, DELETE) with a JSON body (none when empty); blocking as get().
    RemoteReply send(const QByteArray &method, const QString &path, const QByteArray &body = {}) const;
    const RemoteTarget &target() const { return m_target; }
    QString lastError() const;

private:
    // get() and report its outcome; `notFoundIsOk`: a 404 is an answer (an unknown id), not a failure.
    RemoteReply fetch(const QString &path, const QUrlQuery &query, bool notFoundIsOk = false) const;
    RemoteReply request(const QByteArray &method, const QString &path, const QUrlQuery &query, const QByteArray &body) const;
    AlertChange alertChange(const RemoteReply &reply, qint64 id) const;
    TrendSeries trendSeries(QUrlQuery query, const TimeWindow &window, qint64 granularityNs) const;

    RemoteTarget m_target;
    Reporter m_report;
    mutable QMutex m_mutex;
    mutable QString m_lastError;
};

} // namespace spanlight
