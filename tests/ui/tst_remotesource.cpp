#include "consolecontroller.h"
#include "remoteconnection.h"
#include "remotetracesource.h"
#include "serverbinding.h"
#include "spanlightserver.h"
#include "core/accesscontrol.h"
#include "core/ids.h"
#include "core/timeformat.h"
#include "demo/faultworkload.h"

#include "storeworkload.h"
#include "ingest/otlpcodec.h"
#include "ingest/pipeline.h"
#include "httptestclient.h"
#include "testconfig.h"

#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace spanlight;
using namespace spanlight::test;

namespace {

const QString kToken = QStringLiteral("remote-test-token");

TimeWindow hourWindow()
{
    return {kWorkT0, kWorkT0 + 60 * kWorkMinute};
}

// The summary fields the REST API carries (all of them but the root span id).
void compareSummary(const TraceSummary &remote, const TraceSummary &local)
{
    QCOMPARE(idToHex(remote.traceId), idToHex(local.traceId));
    QCOMPARE(remote.serviceName, local.serviceName);
    QCOMPARE(remote.operationName, local.operationName);
    QCOMPARE(remote.startNs, local.startNs);
    QCOMPARE(remote.endNs, local.endNs);
    QCOMPARE(remote.status, local.status);
    QCOMPARE(remote.errorMessage, local.errorMessage);
    QCOMPARE(remote.rootAttributes, tagsOf(local.rootAttributes));
}

// `withMax`: the JSON carries the longest duration (the slowest operations do, the services'
// operations do not).
void compareOperations(const QList<OperationStats> &remote, const QList<OperationStats> &local, bool withMax = true)
{
    QCOMPARE(remote.size(), local.size());
    for (qsizetype i = 0; i < local.size(); ++i) {
        QCOMPARE(remote[i].service, local[i].service);
        QCOMPARE(remote[i].name, local[i].name);
        QCOMPARE(remote[i].count, local[i].count);
        QCOMPARE(remote[i].errors, local[i].errors);
        QCOMPARE(remote[i].avgDurationMs, local[i].avgDurationMs);
        if (withMax)
            QCOMPARE(remote[i].maxDurationMs, local[i].maxDurationMs);
        QCOMPARE(remote[i].errorRate, local[i].errorRate);
        QCOMPARE(remote[i].throughputPerSecond, local[i].throughputPerSecond);
    }
}

void compareTrend(const TrendSeries &remote, const TrendSeries &local)
{
    QCOMPARE(remote.window.fromNs, local.window.fromNs);
    QCOMPARE(remote.window.toNs, local.window.toNs);
    QCOMPARE(remote.granularityNs, local.granularityNs);
    QCOMPARE(remote.points.size(), local.points.size());
    for (qsizetype i = 0; i < local.points.size(); ++i) {
        const TrendPoint &r = remote.points[i];
        const TrendPoint &l = local.points[i];
        QCOMPARE(r.startNs, l.startNs);
        QCOMPARE(r.count, l.count);
        QCOMPARE(r.avgDurationMs, l.avgDurationMs);
        QCOMPARE(r.p50DurationMs, l.p50DurationMs);
        QCOMPARE(r.p95DurationMs, l.p95DurationMs);
        QCOMPARE(r.p99DurationMs, l.p99DurationMs);
        QCOMPARE(r.errorRate, l.errorRate);
        QCOMPARE(r.throughputPerSecond, l.throughputPerSecond);
    }
    QCOMPARE(remote.trends.responseTime, local.trends.responseTime);
    QCOMPARE(remote.trends.errorRate, local.trends.errorRate);
    QCOMPARE(remote.trends.throughput, local.trends.throughput);
}

void comparePaths(const QList<CriticalPath> &remote, const QList<CriticalPath> &local)
{
    QCOMPARE(remote.size(), local.size());
    for (qsizetype i = 0; i < local.size(); ++i) {
        QCOMPARE(remote[i].path, local[i].path);
        QCOMPARE(remote[i].totalLatencyMs, local[i].totalLatencyMs);
        QCOMPARE(remote[i].bottleneck, local[i].bottleneck);
    }
}

void compareNode(const DependencyNode &remote, const DependencyNode &local)
{
    QCOMPARE(remote.id, local.id);
    QCOMPARE(remote.name, local.name);
    QCOMPARE(remote.external, local.external);
    QCOMPARE(remote.requests, local.requests);
    QCOMPARE(remote.avgLatencyMs, local.avgLatencyMs);
    QCOMPARE(remote.errorRate, local.errorRate);
    QCOMPARE(remote.selfTimeMs, local.selfTimeMs);
}

// A loopback port that refuses connections: one that was just free.
quint16 closedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

} // namespace

// RemoteTraceSource against a real spanlightd API (SpanlightServer in process, ephemeral loopback
// ports) over the shop workload: every read gives what the store-backed source gives for the same
// data, method by method; failures (wrong token, no server, no answer, not JSON, too large) give
// a clear message and the empty value, within the timeout. Then the console's RemoteConnection.
class TestRemoteSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void listTraces_data();
    void listTraces();
    void listTracesByCounts();
    void trace();
    void unknownTrace();
    void partialTraceAndSubtree();
    void services();
    void performance();
    void errors();
    void dependencies();
    void impact();
    void trends();
    void spanTrendsAndTraceStarts();
    void slowest();
    void storageStatus();
    void ingestSenders();
    void anomalies();
    void recommendations();
    void errorOrigins();
    void rootCause();
    void wrongToken();
    void serverStopped();
    void noAnswer();
    void notJson();
    void tooLarge();
    void connectAtStart();
    void consoleConnectsAtStart_data();
    void consoleConnectsAtStart();
    void alertRules();
    void alertHistory();
    void alertRulesNeedAnAdmin();
    void connection(); // stops the server: the last one

private:
    RemoteTarget target() const
    {
        RemoteTarget t;
        t.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->apiPort()));
        t.token = kToken;
        return t;
    }

    // A second server with the fault workload ending now (the anomaly analysis judges buckets
    // against the wall clock), read over the hour of whole minutes before now.
    void startFaultServer();

    QTemporaryDir m_dir;
    std::unique_ptr<SpanlightServer> m_server;
    std::unique_ptr<SpanlightServer> m_faultServer;
    std::shared_ptr<const TraceSource> m_faultLocal;
    std::unique_ptr<RemoteTraceSource> m_faultRemote;
    TimeWindow m_faultWindow;
    std::shared_ptr<const TraceSource> m_local;
    std::unique_ptr<RemoteTraceSource> m_remote;
    QStringList m_reports;
};

void TestRemoteSource::initTestCase()
{
    QVERIFY(m_dir.isValid());
    Config c = ephemeralConfig(m_dir.filePath(QStringLiteral("remote.db")), kToken);
    c.settingsFile = m_dir.filePath(QStringLiteral("spanlight.conf"));
    QFile tokens(m_dir.filePath(QStringLiteral("tokens")));
    QVERIFY(tokens.open(QIODevice::WriteOnly));
    tokens.write("viewer " + AccessControl::hashToken("viewer-secret") + " grafana\n");
    tokens.close();
    c.tokensFile = tokens.fileName();
    c.alertIntervalMs = 3600000; // the rules of these tests are evaluated by hand, never on their own
    m_server = std::make_unique<SpanlightServer>(c);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QFuture<WriteResult> written = m_server->store()->write(Workload::shop().spans);
    written.waitForFinished();
    QVERIFY2(written.result().ok(), qPrintable(written.result().error));
    m_local = storeTraceSource(*m_server->store(), &m_server->pipeline()->senders());
    m_remote = std::make_unique<RemoteTraceSource>(target(), [this](const QString &e) { m_reports.append(e); });
}

void TestRemoteSource::startFaultServer()
{
    if (m_faultServer)
        return;
    const qint64 minuteNs = qint64(60) * 1000000000;
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000000;
    const qint64 minute = now - now % minuteNs;
    Config c = ephemeralConfig(m_dir.filePath(QStringLiteral("faults.db")), kToken);
    c.settingsFile = m_dir.filePath(QStringLiteral("spanlight.conf"));
    m_faultServer = std::make_unique<SpanlightServer>(c);
    QString error;
    QVERIFY2(m_faultServer->start(&error), qPrintable(error));
    demo::FaultWorkload w;
    w.fromNs = minute - 95 * minuteNs;
    w.toNs = now;
    w.versionChangeNs = minute - 8 * minuteNs;
    w.errorBurst = std::make_pair(minute - 30 * minuteNs, minute - 24 * minuteNs);
    w.nPlusOne = true;
    QVERIFY2(w.writeTo(*m_faultServer->store(), &error), qPrintable(error));
    m_faultLocal = storeTraceSource(*m_faultServer->store());
    RemoteTarget t = target();
    t.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_faultServer->apiPort()));
    m_faultRemote = std::make_unique<RemoteTraceSource>(t, [this](const QString &e) { m_reports.append(e); });
    // Whole minutes that are all over before either read: no bucket is still filling.
    m_faultWindow = {minute - 60 * minuteNs, minute};
}

void TestRemoteSource::cleanupTestCase()
{
    m_remote.reset();
    m_local.reset();
    m_faultRemote.reset();
    m_faultLocal.reset();
    if (m_server)
        m_server->stop();
    if (m_faultServer)
        m_faultServer->stop();
}

void TestRemoteSource::listTraces_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<int>("status"); // -1: any
    QTest::addColumn<bool>("slowestFirst"); // sort by duration, longest first
    QTest::addColumn<qint64>("minDurationNs");
    QTest::addColumn<bool>("window");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("offset");
    QTest::newRow("newest") << QString() << -1 << false << qint64(0) << false << 200 << 0;
    QTest::newRow("page two") << QString() << -1 << false << qint64(0) << false << 20 << 20;
    QTest::newRow("service") << QStringLiteral("checkout") << -1 << false << qint64(0) << false << 50 << 0;
    QTest::newRow("errors slowest") << QString() << int(TraceStatus::Error) << true << qint64(0) << false << 50 << 0;
    QTest::newRow("success") << QString() << int(TraceStatus::Success) << false << qint64(0) << false << 50 << 0;
    QTest::newRow("long in window") << QString() << -1 << true << 40 * kWorkMs << true << 30 << 0;
}

// The trace-level filters and sorts travel too: span and error counts, oldest first.
void TestRemoteSource::listTracesByCounts()
{
    TraceFilter f;
    f.minSpans = 3;
    f.maxSpans = 40;
    f.minErrors = 0;
    f.maxErrors = 1;
    f.sort = TraceSort::SpanCount;
    f.descending = false;
    f.limit = 50;
    const TraceList local = m_local->listTraces(f);
    const TraceList remote = m_remote->listTraces(f);
    QVERIFY(!local.result.traces.isEmpty());
    QCOMPARE(remote.result.totalCount, local.result.totalCount);
    QCOMPARE(remote.result.traces.size(), local.result.traces.size());
    for (qsizetype i = 0; i < local.result.traces.size(); ++i) {
        QCOMPARE(remote.result.traces[i].traceId, local.result.traces[i].traceId);
        QCOMPARE(remote.result.traces[i].spanCount, local.result.traces[i].spanCount);
    }
    f.sort = TraceSort::ErrorCount;
    f.descending = true;
    f.minErrors = 1;
    f.maxErrors = std::nullopt;
    const TraceList localErrors = m_local->listTraces(f);
    const TraceList remoteErrors = m_remote->listTraces(f);
    QCOMPARE(remoteErrors.result.totalCount, localErrors.result.totalCount);
    for (qsizetype i = 0; i < localErrors.result.traces.size(); ++i)
        QCOMPARE(remoteErrors.result.traces[i].traceId, localErrors.result.traces[i].traceId);
}

void TestRemoteSource::listTraces()
{
    QFETCH(QString, service);
    QFETCH(int, status);
    QFETCH(bool, slowestFirst);
    QFETCH(qint64, minDurationNs);
    QFETCH(bool, window);
    QFETCH(int, limit);
    QFETCH(int, offset);
    TraceFilter f;
    f.service = service;
    if (status >= 0)
        f.status = TraceStatus(status);
    if (slowestFirst)
        f.sort = TraceSort::Duration;
    if (minDurationNs > 0)
        f.minDurationNs = minDurationNs;
    if (window) {
        f.startFromNs = kWorkT0 + 10 * kWorkMinute;
        f.startToNs = kWorkT0 + 40 * kWorkMinute;
    }
    f.limit = limit;
    f.offset = offset;
    m_reports.clear();
    const TraceList local = m_local->listTraces(f);
    const TraceList remote = m_remote->listTraces(f);
    QCOMPARE(m_reports, QStringList{QString()});
    QVERIFY(!local.result.traces.isEmpty());
    QCOMPARE(remote.result.totalCount, local.result.totalCount);
    QCOMPARE(remote.hasMore, local.hasMore);
    if (window) { // else the range ends "now", a moment later for the second read
        QCOMPARE(remote.rangeStartNs, local.rangeStartNs);
        QCOMPARE(remote.rangeEndNs, local.rangeEndNs);
    }
    QCOMPARE(remote.result.traces.size(), local.result.traces.size());
    for (qsizetype i = 0; i < local.result.traces.size(); ++i) {
        compareSummary(remote.result.traces[i], local.result.traces[i]);
        QCOMPARE(remote.result.traces[i].spanCount, local.result.traces[i].spanCount);
        QCOMPARE(remote.result.traces[i].errorCount, local.result.traces[i].errorCount);
        QCOMPARE(remote.result.traces[i].hasRoot, local.result.traces[i].hasRoot);
    }
}

void TestRemoteSource::trace()
{
    // A failed checkout trace: three services, an error span with an exception event.
    TraceFilter f;
    f.status = TraceStatus::Error;
    f.limit = 1;
    const TraceList failed = m_local->listTraces(f);
    QCOMPARE(failed.result.traces.size(), 1);
    const QByteArray id = failed.result.traces.first().traceId;
    const std::optional<TraceDetails> local = m_local->trace(id);
    m_reports.clear();
    const std::optional<TraceDetails> remote = m_remote->trace(id);
    QVERIFY(local);
    QVERIFY(remote);
    QCOMPARE(m_reports, QStringList{QString()});
    compareSummary(remote->summary, local->summary);
    QCOMPARE(remote->summary.spanCount, local->summary.spanCount);
    QCOMPARE(remote->summary.errorCount, local->summary.errorCount);
    QCOMPARE(remote->spans.size(), local->spans.size());
    QVERIFY(local->spans.size() >= 3);
    for (qsizetype i = 0; i < local->spans.size(); ++i) {
        const SpanView &r = remote->spans[i];
        const SpanView &l = local->spans[i];
        QCOMPARE(r.status, l.status);
        QCOMPARE(r.depth, l.depth);
        QCOMPARE(r.parentIndex, l.parentIndex);
        QCOMPARE(r.selfTimeNs, l.selfTimeNs);
        QCOMPARE(r.span.traceId, l.span.traceId);
        QCOMPARE(r.span.spanId, l.span.spanId);
        QCOMPARE(r.span.parentSpanId, l.span.parentSpanId);
        QCOMPARE(r.span.name, l.span.name);
        QCOMPARE(r.span.serviceName, l.span.serviceName);
        QCOMPARE(r.span.kind, l.span.kind);
        QCOMPARE(r.span.startTimeUnixNano, l.span.startTimeUnixNano);
        QCOMPARE(r.span.endTimeUnixNano, l.span.endTimeUnixNano);
        QCOMPARE(r.span.attributes, l.span.attributes);
        QCOMPARE(r.span.resourceAttributes, l.span.resourceAttributes);
        QCOMPARE(r.span.statusCode, l.span.statusCode);
        QCOMPARE(r.span.statusMessage, l.span.statusMessage);
        QCOMPARE(r.span.events, l.span.events);
        QCOMPARE(r.span.links, l.span.links);
    }
    QCOMPARE(remote->metrics.totalSpans, local->metrics.totalSpans);
    QCOMPARE(remote->metrics.errorSpans, local->metrics.errorSpans);
    QCOMPARE(remote->metrics.averageSpanDurationMs, local->metrics.averageSpanDurationMs);
    QCOMPARE(remote->metrics.slowestSpanDurationMs, local->metrics.slowestSpanDurationMs);
    QCOMPARE(remote->metrics.fastestSpanDurationMs, local->metrics.fastestSpanDurationMs);
    QCOMPARE(remote->criticalPath, local->criticalPath);
    QCOMPARE(remote->serviceBreakdown.size(), local->serviceBreakdown.size());
    for (qsizetype i = 0; i < local->serviceBreakdown.size(); ++i) {
        QCOMPARE(remote->serviceBreakdown[i].service, local->serviceBreakdown[i].service);
        QCOMPARE(remote->serviceBreakdown[i].selfTimeNs, local->serviceBreakdown[i].selfTimeNs);
        QCOMPARE(remote->serviceBreakdown[i].spans, local->serviceBreakdown[i].spans);
        QCOMPARE(remote->serviceBreakdown[i].fraction, local->serviceBreakdown[i].fraction);
    }
}

// A big trace over a small budget: the remote's top and subtree are the store source's.
void TestRemoteSource::partialTraceAndSubtree()
{
    TraceFilter f;
    f.sort = TraceSort::SpanCount;
    f.descending = true;
    f.limit = 1;
    const TraceList biggest = m_local->listTraces(f);
    QCOMPARE(biggest.result.traces.size(), 1);
    const QByteArray id = biggest.result.traces.first().traceId;
    QVERIFY2(biggest.result.traces.first().spanCount > 2, qPrintable(QString::number(biggest.result.traces.first().spanCount)));
    const std::optional<TraceDetails> local = m_local->traceTop(id, 1);
    m_reports.clear();
    const std::optional<TraceDetails> remote = m_remote->traceTop(id, 1);
    QVERIFY(local);
    QVERIFY(remote);
    QCOMPARE(m_reports, QStringList{QString()});
    QVERIFY(local->partial);
    QVERIFY(remote->partial);
    compareSummary(remote->summary, local->summary);
    QCOMPARE(remote->summary.spanCount, local->summary.spanCount);
    QCOMPARE(remote->summary.errorCount, local->summary.errorCount);
    const auto compareViews = [](const QList<SpanView> &r, const QList<SpanView> &l) {
        QCOMPARE(r.size(), l.size());
        for (qsizetype i = 0; i < l.size(); ++i) {
            QCOMPARE(r[i].span.spanId, l[i].span.spanId);
            QCOMPARE(r[i].span.attributes, l[i].span.attributes);
            QCOMPARE(r[i].status, l[i].status);
            QCOMPARE(r[i].depth, l[i].depth);
            QCOMPARE(r[i].parentIndex, l[i].parentIndex);
            QCOMPARE(r[i].selfTimeNs, l[i].selfTimeNs);
            QCOMPARE(r[i].unloadedDescendants, l[i].unloadedDescendants);
            QCOMPARE(r[i].onCriticalPath, l[i].onCriticalPath);
        }
    };
    compareViews(remote->spans, local->spans);
    QVERIFY(local->spans.size() < local->summary.spanCount);
    QCOMPARE(remote->metrics.totalSpans, local->metrics.totalSpans);
    QCOMPARE(remote->metrics.errorSpans, local->metrics.errorSpans);
    QCOMPARE(remote->metrics.averageSpanDurationMs, local->metrics.averageSpanDurationMs);
    QCOMPARE(remote->metrics.slowestSpanDurationMs, local->metrics.slowestSpanDurationMs);
    QCOMPARE(remote->criticalPath.size(), local->criticalPath.size());
    for (qsizetype i = 0; i < local->criticalPath.size(); ++i)
        QCOMPARE(remote->criticalPath[i].span, local->criticalPath[i].span);
    QCOMPARE(remote->serviceBreakdown.size(), local->serviceBreakdown.size());
    for (qsizetype i = 0; i < local->serviceBreakdown.size(); ++i) {
        QCOMPARE(remote->serviceBreakdown[i].service, local->serviceBreakdown[i].service);
        QCOMPARE(remote->serviceBreakdown[i].selfTimeNs, local->serviceBreakdown[i].selfTimeNs);
        QCOMPARE(remote->serviceBreakdown[i].spans, local->serviceBreakdown[i].spans);
    }

    // Below the first span with unloaded descendants.
    const auto more = std::find_if(local->spans.cbegin(), local->spans.cend(),
        [](const SpanView &v) { return v.unloadedDescendants > 0; });
    QVERIFY(more != local->spans.cend());
    const auto localSub = m_local->traceSubtree(id, more->span.spanId, 1);
    const auto remoteSub = m_remote->traceSubtree(id, more->span.spanId, 1);
    QVERIFY(localSub);
    QVERIFY(remoteSub);
    QVERIFY(!localSub->spans.isEmpty());
    QCOMPARE(remoteSub->traceId, id);
    QCOMPARE(remoteSub->parentSpanId, more->span.spanId);
    compareViews(remoteSub->spans, localSub->spans);
    m_reports.clear();
    QVERIFY(!m_remote->traceSubtree(id, QByteArray(8, '\x5a'), 4));
    QCOMPARE(m_reports, QStringList{QString()}); // an unknown span is an answer, not a failure
}

void TestRemoteSource::unknownTrace()
{
    m_reports.clear();
    QVERIFY(!m_remote->trace(workTraceId(999999)));
    QCOMPARE(m_reports, QStringList{QString()}); // an answer, not a failure
    QVERIFY(m_remote->lastError().isEmpty());
}

void TestRemoteSource::services()
{
    const ServicesOverview local = m_local->servicesOverview();
    const ServicesOverview remote = m_remote->servicesOverview();
    QVERIFY(local.services.size() >= 4);
    QCOMPARE(remote.totalTraces, local.totalTraces);
    QCOMPARE(remote.totalSpans, local.totalSpans);
    QCOMPARE(remote.services.size(), local.services.size());
    for (qsizetype i = 0; i < local.services.size(); ++i) {
        QCOMPARE(remote.services[i].name, local.services[i].name);
        QCOMPARE(remote.services[i].traces, local.services[i].traces);
        QCOMPARE(remote.services[i].spans, local.services[i].spans);
        QCOMPARE(remote.services[i].avgDurationMs, local.services[i].avgDurationMs);
        QCOMPARE(remote.services[i].errorRate, local.services[i].errorRate);
        QCOMPARE(remote.services[i].lastSpanStartNs, local.services[i].lastSpanStartNs);
        compareOperations(remote.services[i].operations, local.services[i].operations, false);
    }
}

void TestRemoteSource::performance()
{
    for (const QString &service : {QStringLiteral("frontend"), QStringLiteral("checkout"), QStringLiteral("nobody")}) {
        const ServicePerformance local = m_local->servicePerformance(service, hourWindow());
        const ServicePerformance remote = m_remote->servicePerformance(service, hourWindow());
        QCOMPARE(remote.service, service);
        QCOMPARE(remote.window.fromNs, local.window.fromNs);
        QCOMPARE(remote.window.toNs, local.window.toNs);
        QCOMPARE(remote.totalRequests, local.totalRequests);
        QCOMPARE(remote.failedRequests, local.failedRequests);
        QCOMPARE(remote.errorRate, local.errorRate);
        QCOMPARE(remote.avgResponseMs, local.avgResponseMs);
        QCOMPARE(remote.p50Ms, local.p50Ms);
        QCOMPARE(remote.p95Ms, local.p95Ms);
        QCOMPARE(remote.p99Ms, local.p99Ms);
        QCOMPARE(remote.throughputPerSecond, local.throughputPerSecond);
        compareOperations(remote.operations, local.operations, false);
        QCOMPARE(remote.trends.responseTime, local.trends.responseTime);
        QCOMPARE(remote.trends.errorRate, local.trends.errorRate);
        QCOMPARE(remote.trends.throughput, local.trends.throughput);
    }
    QVERIFY(m_local->servicePerformance(QStringLiteral("frontend"), hourWindow()).totalRequests > 0);
}

void TestRemoteSource::errors()
{
    ErrorQuery all;
    all.limit = 1000;
    ErrorQuery filtered;
    filtered.filter.service = QStringLiteral("checkout");
    filtered.filter.fromNs = kWorkT0 + 5 * kWorkMinute;
    filtered.filter.toNs = kWorkT0 + 50 * kWorkMinute;
    filtered.limit = 7;
    for (const ErrorQuery &q : {all, filtered}) {
        const ErrorList local = m_local->errors(q);
        const ErrorList remote = m_remote->errors(q);
        QVERIFY(!local.errors.isEmpty());
        QCOMPARE(remote.totalCount, local.totalCount);
        QCOMPARE(remote.errors.size(), local.errors.size());
        for (qsizetype i = 0; i < local.errors.size(); ++i) {
            const ErrorRecord &r = remote.errors[i].record;
            const ErrorRecord &l = local.errors[i].record;
            QCOMPARE(remote.errors[i].errorId(), local.errors[i].errorId());
            QCOMPARE(remote.errors[i].severity, local.errors[i].severity);
            QCOMPARE(r.timeNs, l.timeNs);
            QCOMPARE(r.service, l.service);
            QCOMPARE(r.operation, l.operation);
            QCOMPARE(r.type, l.type);
            QCOMPARE(r.message, l.message);
            QCOMPARE(r.stackTrace, l.stackTrace);
        }
        QCOMPARE(remote.types.size(), local.types.size());
        for (qsizetype i = 0; i < local.types.size(); ++i) {
            QCOMPARE(remote.types[i].type, local.types[i].type);
            QCOMPARE(remote.types[i].count, local.types[i].count);
            QCOMPARE(remote.types[i].severity, local.types[i].severity);
        }
        QCOMPARE(remote.services.size(), local.services.size());
        for (qsizetype i = 0; i < local.services.size(); ++i) {
            QCOMPARE(remote.services[i].service, local.services[i].service);
            QCOMPARE(remote.services[i].count, local.services[i].count);
            QCOMPARE(remote.services[i].lastNs, local.services[i].lastNs);
        }
    }
}

void TestRemoteSource::dependencies()
{
    const DependencyGraph local = m_local->dependencies(hourWindow());
    const DependencyGraph remote = m_remote->dependencies(hourWindow());
    QVERIFY(!local.edges.isEmpty());
    QVERIFY(local.nodes.size() >= 4);
    QCOMPARE(remote.nodes.size(), local.nodes.size());
    for (qsizetype i = 0; i < local.nodes.size(); ++i)
        compareNode(remote.nodes[i], local.nodes[i]);
    QCOMPARE(remote.edges.size(), local.edges.size());
    for (qsizetype i = 0; i < local.edges.size(); ++i) {
        QCOMPARE(remote.edges[i].source, local.edges[i].source);
        QCOMPARE(remote.edges[i].target, local.edges[i].target);
        QCOMPARE(remote.edges[i].calls, local.edges[i].calls);
        QCOMPARE(remote.edges[i].errors, local.edges[i].errors);
        QCOMPARE(remote.edges[i].avgLatencyMs, local.edges[i].avgLatencyMs);
        QCOMPARE(remote.edges[i].errorRate, local.edges[i].errorRate);
    }
    QCOMPARE(remote.services.size(), local.services.size());
    for (qsizetype i = 0; i < local.services.size(); ++i) {
        QCOMPARE(remote.services[i].name, local.services[i].name);
        QCOMPARE(remote.services[i].dependencies, local.services[i].dependencies);
        QCOMPARE(remote.services[i].dependents, local.services[i].dependents);
        QCOMPARE(remote.services[i].callCount, local.services[i].callCount);
        QCOMPARE(remote.services[i].avgLatencyMs, local.services[i].avgLatencyMs);
        QCOMPARE(remote.services[i].errorRate, local.services[i].errorRate);
    }
    comparePaths(remote.criticalPaths, local.criticalPaths);
}

void TestRemoteSource::impact()
{
    const DependencyGraph graph = m_local->dependencies(hourWindow());
    QStringList names;
    for (const DependencyNode &n : graph.nodes)
        names.append(n.name);
    QVERIFY(names.size() >= 4);
    for (const QString &name : std::as_const(names)) {
        const std::optional<DependencyImpact> local = m_local->impact(name, hourWindow());
        const std::optional<DependencyImpact> remote = m_remote->impact(name, hourWindow());
        QVERIFY(local);
        QVERIFY2(remote, qPrintable(name));
        compareNode(remote->node, local->node);
        QCOMPARE(remote->dependencies, local->dependencies);
        QCOMPARE(remote->dependents, local->dependents);
        QCOMPARE(remote->transitiveDependents, local->transitiveDependents);
        comparePaths(remote->criticalPaths, local->criticalPaths);
        QCOMPARE(remote->impactScore, local->impactScore);
    }
    m_reports.clear();
    QVERIFY(!m_remote->impact(QStringLiteral("nobody"), hourWindow()));
    QCOMPARE(m_reports, QStringList{QString()});
}

void TestRemoteSource::trends()
{
    const qint64 fiveMinutes = 5 * kWorkMinute;
    compareTrend(m_remote->trends({}, {}, hourWindow(), kWorkMinute), m_local->trends({}, {}, hourWindow(), kWorkMinute));
    compareTrend(m_remote->trends(QStringLiteral("frontend"), {}, hourWindow(), fiveMinutes),
        m_local->trends(QStringLiteral("frontend"), {}, hourWindow(), fiveMinutes));
    compareTrend(m_remote->trends(QStringLiteral("checkout"), QStringLiteral("POST /checkout"), hourWindow(), kWorkMinute),
        m_local->trends(QStringLiteral("checkout"), QStringLiteral("POST /checkout"), hourWindow(), kWorkMinute));
    const TrendSeries local = m_local->trends({}, {}, hourWindow(), kWorkMinute);
    QCOMPARE(local.points.size(), 60);
    QVERIFY(local.points[3].count > 0);
}

void TestRemoteSource::spanTrendsAndTraceStarts()
{
    const TimeWindow window{kWorkT0 + 45 * kWorkMinute, kWorkT0 + 60 * kWorkMinute}; // the dashboard's 15 minutes
    compareTrend(m_remote->spanTrends(window, kWorkMinute), m_local->spanTrends(window, kWorkMinute));
    const QList<qint64> starts = m_local->traceStarts(window, kWorkMinute);
    QCOMPARE(starts.size(), 15);
    QVERIFY(starts[0] > 0);
    QCOMPARE(m_remote->traceStarts(window, kWorkMinute), starts);
}

void TestRemoteSource::slowest()
{
    SlowestQuery all;
    all.window = hourWindow();
    SlowestQuery one;
    one.service = QStringLiteral("frontend");
    one.operation = QStringLiteral("GET /cart");
    one.window = hourWindow();
    one.limit = 5;
    for (const SlowestQuery &q : {all, one}) {
        const Slowest local = m_local->slowest(q);
        const Slowest remote = m_remote->slowest(q);
        QVERIFY(!local.traces.isEmpty());
        QCOMPARE(remote.traces.size(), local.traces.size());
        for (qsizetype i = 0; i < local.traces.size(); ++i)
            compareSummary(remote.traces[i], local.traces[i]);
        QCOMPARE(remote.operations.size(), local.operations.size());
        for (qsizetype i = 0; i < local.operations.size(); ++i) {
            QCOMPARE(remote.operations[i].service, local.operations[i].service);
            QCOMPARE(remote.operations[i].name, local.operations[i].name);
            QCOMPARE(remote.operations[i].count, local.operations[i].count);
            QCOMPARE(remote.operations[i].avgDurationMs, local.operations[i].avgDurationMs);
            QCOMPARE(remote.operations[i].maxDurationMs, local.operations[i].maxDurationMs);
            QCOMPARE(remote.operations[i].errorRate, local.operations[i].errorRate);
        }
    }
}

void TestRemoteSource::storageStatus()
{
    const StorageStatus local = m_local->storageStatus();
    const StorageStatus remote = m_remote->storageStatus();
    QVERIFY(local.traces > 0);
    QCOMPARE(remote.traces, local.traces);
    QCOMPARE(remote.spans, local.spans);
    QVERIFY(remote.bytes > 0);
}

void TestRemoteSource::ingestSenders()
{
    // One stored span and one malformed request over OTLP/HTTP: two senders, read both ways.
    QNetworkAccessManager nam;
    Span span;
    span.traceId = QByteArray::fromHex("7a017a017a017a017a017a017a017a01");
    span.spanId = QByteArray::fromHex("7a017a017a017a01");
    span.name = QStringLiteral("post");
    span.serviceName = QStringLiteral("ledger");
    span.kind = SpanKind::Server;
    span.startTimeUnixNano = kWorkT0;
    span.endTimeUnixNano = kWorkT0 + 2 * kWorkMs;
    const testsupport::Reply good = testsupport::request(nam, "POST", m_server->otlpHttpPort(),
        QStringLiteral("/v1/traces"), encodeOtlpJson({span}), {qMakePair(QByteArray("Content-Type"), QByteArray("application/json"))});
    QCOMPARE(good.status, 200);
    const testsupport::Reply bad = testsupport::request(nam, "POST", m_server->otlpHttpPort(),
        QStringLiteral("/v1/traces"), QByteArray("{nope"), {qMakePair(QByteArray("Content-Type"), QByteArray("application/json"))});
    QCOMPARE(bad.status, 400);
    const QList<SenderStats> local = m_local->ingestSenders();
    const QList<SenderStats> remote = m_remote->ingestSenders();
    QVERIFY(local.size() >= 2);
    QCOMPARE(remote.size(), local.size());
    for (qsizetype i = 0; i < local.size(); ++i) {
        QCOMPARE(remote[i].protocol, local[i].protocol);
        QCOMPARE(remote[i].address, local[i].address);
        QCOMPARE(remote[i].service, local[i].service);
        QCOMPARE(remote[i].acceptedSpans, local[i].acceptedSpans);
        QCOMPARE(remote[i].rejectedSpans, local[i].rejectedSpans);
        QCOMPARE(remote[i].refusedRequests, local[i].refusedRequests);
        QCOMPARE(remote[i].lastProblem, local[i].lastProblem);
        QCOMPARE(remote[i].lastSeenMs, local[i].lastSeenMs);
    }
    const auto ledger = std::find_if(remote.begin(), remote.end(), [](const SenderStats &s) { return s.service == u"ledger"_qs; });
    QVERIFY(ledger != remote.end());
    QCOMPARE(ledger->protocol, IngestProtocolId::OtlpHttp);
    QCOMPARE(ledger->acceptedSpans, 1);
    const auto none = std::find_if(remote.begin(), remote.end(), [](const SenderStats &s) { return s.service.isEmpty(); });
    QVERIFY(none != remote.end());
    QCOMPARE(none->refusedRequests[size_t(RequestRefusal::Malformed)], 1);
}

// The API rounds its figures to what a reader can use; the remote value is the local one rounded.
#define COMPARE_ROUNDED(remote, local, unit) \
    QVERIFY2(std::abs(double(remote) - double(local)) <= (unit) / 2 + 1e-9, \
        qPrintable(QStringLiteral("%1 vs %2").arg(double(remote)).arg(double(local))))

void TestRemoteSource::anomalies()
{
    startFaultServer();
    struct Filter
    {
        QString service;
        QString operation;
    };
    for (const Filter &f : {Filter{}, Filter{QStringLiteral("checkout"), {}},
             Filter{QStringLiteral("inventory-db"), QStringLiteral("UPDATE stock")}}) {
        m_reports.clear();
        const AnomalyReport local = m_faultLocal->anomalies(f.service, f.operation, m_faultWindow);
        const AnomalyReport remote = m_faultRemote->anomalies(f.service, f.operation, m_faultWindow);
        QCOMPARE(m_reports, QStringList{QString()});
        QVERIFY(!local.anomalies.isEmpty());
        QCOMPARE(remote.anomalies.size(), local.anomalies.size());
        for (qsizetype i = 0; i < local.anomalies.size(); ++i) {
            const Anomaly &r = remote.anomalies[i];
            const Anomaly &l = local.anomalies[i];
            QCOMPARE(r.id, l.id);
            QCOMPARE(r.service, l.service);
            QCOMPARE(r.operation, l.operation);
            QCOMPARE(r.metric, l.metric);
            QCOMPARE(r.startedNs, l.startedNs);
            QCOMPARE(r.endedNs, l.endedNs);
            const double unit = l.metric == AnomalyMetric::ErrorRate ? 1e-4 : 1e-3;
            COMPARE_ROUNDED(r.observed, l.observed, unit);
            COMPARE_ROUNDED(r.expected, l.expected, unit);
            COMPARE_ROUNDED(r.score, l.score, 0.01);
            QCOMPARE(r.severity, l.severity);
            QCOMPARE(r.attribution.size(), l.attribution.size());
            for (qsizetype k = 0; k < l.attribution.size(); ++k) {
                QCOMPARE(r.attribution[k].service, l.attribution[k].service);
                QCOMPARE(r.attribution[k].operation, l.attribution[k].operation);
                COMPARE_ROUNDED(r.attribution[k].baselineSelfMs, l.attribution[k].baselineSelfMs, 1e-3);
                COMPARE_ROUNDED(r.attribution[k].anomalySelfMs, l.attribution[k].anomalySelfMs, 1e-3);
            }
        }
        QCOMPARE(remote.regressions.size(), local.regressions.size());
        for (qsizetype i = 0; i < local.regressions.size(); ++i) {
            const Regression &r = remote.regressions[i];
            const Regression &l = local.regressions[i];
            QCOMPARE(r.service, l.service);
            QCOMPARE(r.operation, l.operation);
            QCOMPARE(r.metric, l.metric);
            QCOMPARE(r.beforeVersion, l.beforeVersion);
            QCOMPARE(r.afterVersion, l.afterVersion);
            COMPARE_ROUNDED(r.before, l.before, l.metric == AnomalyMetric::ErrorRate ? 1e-4 : 1e-3);
            COMPARE_ROUNDED(r.after, l.after, l.metric == AnomalyMetric::ErrorRate ? 1e-4 : 1e-3);
            COMPARE_ROUNDED(r.changePercent, l.changePercent, 0.1);
            QCOMPARE(r.detectedNs, l.detectedNs);
        }
    }
    // The version step is among them, with where its time went.
    const AnomalyReport checkout = m_faultRemote->anomalies(QStringLiteral("checkout"), {}, m_faultWindow);
    const auto step = std::find_if(checkout.anomalies.cbegin(), checkout.anomalies.cend(),
        [](const Anomaly &a) { return a.operation == u"POST /checkout" && a.metric == AnomalyMetric::LatencyP95; });
    QVERIFY(step != checkout.anomalies.cend());
    QVERIFY(!step->attribution.isEmpty());
    QVERIFY(!checkout.regressions.isEmpty());
    QCOMPARE(checkout.regressions.constFirst().afterVersion, QStringLiteral("1.5.0"));
    // An unknown service is an answer (none), not a failure.
    m_reports.clear();
    QVERIFY(m_faultRemote->anomalies(QStringLiteral("nobody"), {}, m_faultWindow).anomalies.isEmpty());
    QCOMPARE(m_reports, QStringList{QString()});
}

void TestRemoteSource::recommendations()
{
    startFaultServer();
    for (const QString &service : {QString(), QStringLiteral("cart")}) {
        const Recommendations local = m_faultLocal->recommendations(service, m_faultWindow);
        const Recommendations remote = m_faultRemote->recommendations(service, m_faultWindow);
        QVERIFY(!local.recommendations.isEmpty());
        QCOMPARE(remote.sampledTraces, local.sampledTraces);
        QCOMPARE(remote.recommendations.size(), local.recommendations.size());
        for (qsizetype i = 0; i < local.recommendations.size(); ++i) {
            const Recommendation &r = remote.recommendations[i];
            const Recommendation &l = local.recommendations[i];
            QCOMPARE(r.id, l.id);
            QCOMPARE(r.rule, l.rule);
            QCOMPARE(r.title, l.title);
            QCOMPARE(r.description, l.description);
            QCOMPARE(r.service, l.service);
            QCOMPARE(r.operation, l.operation);
            COMPARE_ROUNDED(r.impactMs, l.impactMs, 1e-3);
            QCOMPARE(r.occurrences, l.occurrences);
            QCOMPARE(r.exampleTraceIds, l.exampleTraceIds);
        }
    }
    const Recommendations cart = m_faultRemote->recommendations(QStringLiteral("cart"), m_faultWindow);
    QCOMPARE(cart.recommendations.constFirst().rule, QStringLiteral("n_plus_one"));
}

void TestRemoteSource::errorOrigins()
{
    startFaultServer();
    const ErrorOrigins local = m_faultLocal->errorOrigins(m_faultWindow);
    const ErrorOrigins remote = m_faultRemote->errorOrigins(m_faultWindow);
    QVERIFY(!local.origins.isEmpty());
    QCOMPARE(remote.totalErrors, local.totalErrors);
    QCOMPARE(remote.analysedErrors, local.analysedErrors);
    QCOMPARE(remote.origins.size(), local.origins.size());
    for (qsizetype i = 0; i < local.origins.size(); ++i) {
        const ErrorOrigin &r = remote.origins[i];
        const ErrorOrigin &l = local.origins[i];
        QCOMPARE(r.service, l.service);
        QCOMPARE(r.operation, l.operation);
        QCOMPARE(r.type, l.type);
        QCOMPARE(r.errors, l.errors);
        COMPARE_ROUNDED(r.share, l.share, 1e-4);
        QCOMPARE(r.exampleErrorIds, l.exampleErrorIds);
        QCOMPARE(r.affected.size(), l.affected.size());
        for (qsizetype k = 0; k < l.affected.size(); ++k) {
            QCOMPARE(r.affected[k].service, l.affected[k].service);
            QCOMPARE(r.affected[k].errors, l.affected[k].errors);
            COMPARE_ROUNDED(r.affected[k].share, l.affected[k].share, 1e-4);
        }
    }
    QCOMPARE(local.origins.constFirst().service, QStringLiteral("inventory-db"));
    QCOMPARE(local.origins.constFirst().type, QStringLiteral("DeadlockDetected"));
}

void TestRemoteSource::rootCause()
{
    startFaultServer();
    // The root span's error of a failed checkout leads down to the database.
    ErrorQuery q;
    q.filter.service = QStringLiteral("frontend");
    q.limit = 5;
    const ErrorList errors = m_faultLocal->errors(q);
    QVERIFY(!errors.errors.isEmpty());
    for (const ErrorView &e : errors.errors) {
        const std::optional<RootCause> local = m_faultLocal->rootCause(e.record.traceId, e.record.spanId);
        const std::optional<RootCause> remote = m_faultRemote->rootCause(e.record.traceId, e.record.spanId);
        QVERIFY(local);
        QVERIFY(remote);
        QCOMPARE(remote->error.traceId, local->error.traceId);
        QCOMPARE(remote->error.spanId, local->error.spanId);
        QCOMPARE(remote->error.service, local->error.service);
        QCOMPARE(remote->error.operation, local->error.operation);
        QCOMPARE(remote->error.type, local->error.type);
        QCOMPARE(remote->chain.size(), local->chain.size());
        for (qsizetype i = 0; i < local->chain.size(); ++i) {
            const RootCauseStep &r = remote->chain[i];
            const RootCauseStep &l = local->chain[i];
            QCOMPARE(r.spanId, l.spanId);
            QCOMPARE(r.service, l.service);
            QCOMPARE(r.operation, l.operation);
            QCOMPARE(r.kind, l.kind);
            QCOMPARE(r.failed, l.failed);
            QCOMPARE(r.errorType, l.errorType);
            QCOMPARE(r.errorMessage, l.errorMessage);
            QCOMPARE(nanosToMillis(r.durationNs), nanosToMillis(l.durationNs));
        }
        QCOMPARE(local->origin().service, QStringLiteral("inventory-db"));
    }
    // An id that is no error: null, and not a failure of the connection.
    m_reports.clear();
    QVERIFY(!m_faultRemote->rootCause(QByteArray(16, '\x5a'), QByteArray(8, '\x5a')));
    QCOMPARE(m_reports, QStringList{QString()});
}

void TestRemoteSource::wrongToken()
{
    RemoteTarget t = target();
    t.token = QStringLiteral("not-the-token");
    QStringList reports;
    const RemoteTraceSource wrong(t, [&reports](const QString &e) { reports.append(e); });
    const TraceList list = wrong.listTraces({});
    QVERIFY(list.result.traces.isEmpty());
    QCOMPARE(reports.size(), 1);
    QVERIFY2(reports[0].contains(QStringLiteral("refused the token (401)")), qPrintable(reports[0]));
    QCOMPARE(wrong.lastError(), reports[0]);
    QVERIFY(!wrong.trace(workTraceId(1))); // a refusal is no "unknown trace" either
    QCOMPARE(reports.size(), 2);
    QVERIFY(!reports[1].isEmpty());
}

void TestRemoteSource::serverStopped()
{
    const quint16 port = closedPort();
    QVERIFY(port);
    RemoteTarget t = target();
    t.url.setPort(port);
    const RemoteTraceSource gone(t);
    QVERIFY(gone.servicesOverview().services.isEmpty());
    QVERIFY2(gone.lastError().contains(QStringLiteral("refused the connection")), qPrintable(gone.lastError()));
}

void TestRemoteSource::noAnswer()
{
    // Accepts the connection and never answers: the request ends at the timeout with its message.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    RemoteTarget t;
    t.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()));
    t.timeoutMs = 300;
    const RemoteTraceSource source(t);
    QVERIFY(source.dependencies(hourWindow()).nodes.isEmpty());
    QVERIFY2(source.lastError().contains(QStringLiteral("no answer from 127.0.0.1:%1 within 0.3 s").arg(silent.serverPort())),
        qPrintable(source.lastError()));
}

void TestRemoteSource::notJson()
{
    // Answers every request with a 200 that is not JSON (a proxy's page, another service).
    QTcpServer other;
    QVERIFY(other.listen(QHostAddress::LocalHost, 0));
    connect(&other, &QTcpServer::newConnection, &other, [&other] {
        while (QTcpSocket *socket = other.nextPendingConnection())
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n<html></html>");
            });
    });
    RemoteTarget t;
    t.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(other.serverPort()));
    const RemoteTraceSource source(t);
    QVERIFY(source.listTraces({}).result.traces.isEmpty());
    QVERIFY2(source.lastError().contains(QStringLiteral("did not answer /traces with a JSON object")),
        qPrintable(source.lastError()));
}

void TestRemoteSource::tooLarge()
{
    RemoteTarget t = target();
    t.maxBodyBytes = 1024; // the trace list of 200 traces is far more
    const RemoteTraceSource source(t);
    QVERIFY(source.listTraces({}).result.traces.isEmpty());
    QVERIFY2(source.lastError().contains(QStringLiteral("larger than")), qPrintable(source.lastError()));
}

void TestRemoteSource::connectAtStart()
{
    // spanlight --connect URL: the token from SPANLIGHT_CONNECT_TOKEN, else the remembered one.
    const QString file = m_dir.filePath(QStringLiteral("start.conf"));
    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(m_server->apiPort());
    {
        ConsoleController controller;
        controller.settings()->setSettingsFile(file);
        RemoteConnection *connection = controller.connection();
        QSignalSpy finished(connection, &RemoteConnection::connectFinished);
        QSignalSpy failed(connection, &RemoteConnection::startConnectFailed);
        // No token at all: refused, and the console is told so it can offer the dialog on URL.
        connection->connectAtStart(url, {});
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QCOMPARE(finished[0][0].toBool(), false);
        QVERIFY(!connection->isRemote());
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed[0][0].toString(), url);
        QVERIFY2(connection->connectError().contains(QStringLiteral("401")), qPrintable(connection->connectError()));
        // The environment's token: attached, and the token is not written anywhere.
        connection->connectAtStart(url, kToken);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
        QCOMPARE(finished[1][0].toBool(), true);
        QCOMPARE(failed.size(), 1);
        QVERIFY(connection->isRemote());
        QCOMPARE(connection->target(), QStringLiteral("127.0.0.1:%1").arg(m_server->apiPort()));
        QCOMPARE(connection->recentUrls(), QStringList { url });
        QCOMPARE(connection->rememberedToken(url), QString());
        QTRY_COMPARE_WITH_TIMEOUT(controller.traces()->rowCount(), 200, 20000);
        // The dialog with "Remember the token" ticked keeps it for the next start.
        connection->connectTo(url, kToken, true);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 20000);
        QCOMPARE(connection->rememberedToken(url), kToken);
        // A later failure of the dialog's is not one of the start's.
        connection->connectTo(url, QStringLiteral("wrong"), false);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 4, 20000);
        QCOMPARE(failed.size(), 1);
        connection->connectTo(url, kToken, true);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 5, 20000);
        controller.shutdown();
    }
    // The next start, without the variable: the remembered token attaches.
    ConsoleController controller;
    controller.settings()->setSettingsFile(file);
    RemoteConnection *connection = controller.connection();
    QSignalSpy finished(connection, &RemoteConnection::connectFinished);
    connection->connectAtStart(url, {});
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished[0][0].toBool(), true);
    QVERIFY(connection->isRemote());
    QCOMPARE(connection->rememberedToken(url), kToken);
    // The variable wins over the remembered token (a wrong one fails), and neither a failure nor
    // a success with it drops the remembered one.
    connection->connectAtStart(url, QStringLiteral("wrong"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
    QCOMPARE(finished[1][0].toBool(), false);
    QCOMPARE(connection->rememberedToken(url), kToken);
    connection->connectAtStart(url, kToken);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 20000);
    QCOMPARE(finished[2][0].toBool(), true);
    QCOMPARE(connection->rememberedToken(url), kToken);
    // Not an http(s) address: refused at once, nothing probed.
    QVERIFY(!RemoteConnection::serverUrl(QStringLiteral("ftp://example.org")).isValid());
    QVERIFY(!RemoteConnection::serverUrl(QStringLiteral("  ")).isValid());
    QCOMPARE(RemoteConnection::serverUrl(QStringLiteral("127.0.0.1:8007")).toString(), QStringLiteral("http://127.0.0.1:8007"));
    connection->connectAtStart(QStringLiteral("ftp://example.org"), kToken);
    QCOMPARE(finished.size(), 4);
    QCOMPARE(finished[3][0].toBool(), false);
    QVERIFY(!connection->isConnecting());
    QVERIFY(connection->connectError().startsWith(QStringLiteral("Enter the server's address")));
    controller.shutdown();
}

void TestRemoteSource::consoleConnectsAtStart_data()
{
    QTest::addColumn<QString>("token"); // SPANLIGHT_CONNECT_TOKEN
    QTest::addColumn<QString>("expected"); // in the console's log
    QTest::newRow("the environment's token") << kToken << QStringLiteral("attached to 127.0.0.1:%1");
    QTest::newRow("a wrong token") << QStringLiteral("wrong") << QStringLiteral("cannot attach to http://127.0.0.1:%1 - ");
}

void TestRemoteSource::consoleConnectsAtStart()
{
    // The console binary: spanlight --connect URL, offscreen, beside an embedded server of its own
    // on ephemeral ports; its log says whether it attached to this test's server.
    QFETCH(QString, token);
    QFETCH(QString, expected);
    QVERIFY2(qEnvironmentVariableIsSet("SPANLIGHT_BIN"), "SPANLIGHT_BIN names the console binary");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("SPANLIGHT_CONFIG"), dir.filePath(QStringLiteral("spanlight.conf")));
    env.insert(QStringLiteral("DATABASE_URL"), QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("own.db")));
    for (const char *port : { "SERVICE_PORT", "OTLP_HTTP_PORT", "OTLP_GRPC_PORT", "ZIPKIN_PORT", "JAEGER_HTTP_PORT" })
        env.insert(QLatin1String(port), QStringLiteral("0"));
    env.insert(QStringLiteral("SPANLIGHT_CONNECT_TOKEN"), token);
    QProcess console;
    console.setProcessEnvironment(env);
    console.setProcessChannelMode(QProcess::MergedChannels);
    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(m_server->apiPort());
    console.start(qEnvironmentVariable("SPANLIGHT_BIN"), { QStringLiteral("--connect"), url });
    QVERIFY(console.waitForStarted(10000));
    QByteArray log;
    const QByteArray want = expected.arg(m_server->apiPort()).toUtf8();
    QTRY_VERIFY2_WITH_TIMEOUT((log += console.readAll()).contains(want) || console.state() == QProcess::NotRunning,
        log.constData(), 60000);
    QVERIFY2(log.contains(want), log.constData());
    if (token != kToken)
        QVERIFY2(log.contains("401"), log.constData());
    QVERIFY2(!log.contains(kToken.toUtf8()), "the token is never logged");
    console.terminate(); // SIGTERM: the console closes its window and stops its server
    if (!console.waitForFinished(30000)) {
        console.kill();
        console.waitForFinished(5000);
        QFAIL("the console did not stop on SIGTERM");
    }
    QCOMPARE(console.exitCode(), 0);
}

void TestRemoteSource::connection()
{
    ConsoleController controller;
    controller.settings()->setSettingsFile(m_dir.filePath(QStringLiteral("console.conf")));
    RemoteConnection *connection = controller.connection();
    QVERIFY(!connection->isRemote());
    QCOMPARE(connection->target(), QStringLiteral("local"));
    QSignalSpy finished(connection, &RemoteConnection::connectFinished);
    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(m_server->apiPort());

    // A wrong token is refused at the connection, not later on a page.
    connection->connectTo(url, QStringLiteral("wrong"), false);
    QVERIFY(connection->isConnecting());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished[0][0].toBool(), false);
    QVERIFY2(connection->connectError().contains(QStringLiteral("401")), qPrintable(connection->connectError()));
    QVERIFY(!connection->isRemote());

    connection->connectTo(url, kToken, true);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
    QCOMPARE(finished[1][0].toBool(), true);
    QVERIFY(connection->isRemote());
    QCOMPARE(connection->target(), QStringLiteral("127.0.0.1:%1").arg(m_server->apiPort()));
    QCOMPARE(controller.apiUrl(), url);
    QVERIFY(!controller.isDemoAvailable());
    QVERIFY(!controller.isImportAvailable());
    QCOMPARE(connection->recentUrls(), QStringList{url});
    QCOMPARE(connection->rememberedToken(url), kToken);
    // The trace list comes from the remote.
    QTRY_COMPARE_WITH_TIMEOUT(controller.traces()->rowCount(), 200, 20000);
    // The Settings page shows the remote's health.
    bool health = false;
    for (int row = 0; row < controller.settingsPage()->serverSettings()->rowCount(); ++row)
        health = health
            || controller.settingsPage()->serverSettings()->index(row).data(CaptionedTextModel::TextRole).toString() == u"healthy";
    QVERIFY(health);

    // Without "remember" the token is not kept, and the newest URL comes first.
    connection->connectTo(QStringLiteral("http://localhost:%1").arg(m_server->apiPort()), kToken, false);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 20000);
    QCOMPARE(connection->recentUrls().size(), 2);
    QCOMPARE(connection->rememberedToken(connection->recentUrls().first()), QString());
    QCOMPARE(connection->rememberedToken(url), kToken);

    // A server that stops shows in the status line while attached, at the next poll.
    controller.setPageRefreshIntervalMs(1000);
    QVERIFY(controller.statusText().startsWith(QStringLiteral("Live from localhost:")));
    m_remote.reset();
    m_local.reset();
    m_server->stop();
    m_server.reset();
    QTRY_VERIFY_WITH_TIMEOUT(connection->error().contains(QStringLiteral("refused the connection")), 30000);
    QCOMPARE(controller.statusText(), connection->error());

    // Back to local (this console has none), then a server that is not there at all.
    const quint16 port = closedPort();
    connection->useLocal();
    QVERIFY(!connection->isRemote());
    connection->connectTo(QStringLiteral("http://127.0.0.1:%1").arg(port), kToken, false);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 4, 20000);
    QCOMPARE(finished[3][0].toBool(), false);
    QVERIFY2(connection->connectError().contains(QStringLiteral("refused the connection")), qPrintable(connection->connectError()));
    controller.shutdown();
}


namespace {

AlertRule exampleRule(const QString &name)
{
    AlertRule r;
    r.name = name;
    r.metric = QStringLiteral("error_rate");
    r.service = QStringLiteral("checkout");
    r.comparator = QStringLiteral(">");
    r.threshold = 0.05;
    r.forNs = qint64(300) * 1000000000;
    r.severity = QStringLiteral("high");
    return r;
}

void compareRules(const QList<AlertRuleView> &remote, const QList<AlertRuleView> &local)
{
    QCOMPARE(remote.size(), local.size());
    for (qsizetype i = 0; i < local.size(); ++i) {
        const AlertRule &r = remote[i].rule;
        const AlertRule &l = local[i].rule;
        QCOMPARE(r.id, l.id);
        QCOMPARE(r.name, l.name);
        QCOMPARE(r.metric, l.metric);
        QCOMPARE(r.service, l.service);
        QCOMPARE(r.operation, l.operation);
        QCOMPARE(r.comparator, l.comparator);
        QCOMPARE(r.threshold, l.threshold);
        QCOMPARE(r.forNs, l.forNs);
        QCOMPARE(r.severity, l.severity);
        QCOMPARE(r.enabled, l.enabled);
        QCOMPARE(r.webhooks.size(), l.webhooks.size());
        QCOMPARE(r.pendingSinceNs, l.pendingSinceNs);
        QCOMPARE(r.createdNs / 1000000, l.createdNs / 1000000); // ISO text keeps milliseconds at least
        QCOMPARE(int(remote[i].state), int(local[i].state));
    }
}

} // namespace

void TestRemoteSource::alertRules()
{
    const RemoteTraceSource remote(target());
    // Added remotely, read both ways: the same rules with the same states.
    const AlertChange added = remote.saveAlertRule(exampleRule(QStringLiteral("checkout errors")));
    QVERIFY2(added.ok(), qPrintable(added.message()));
    QVERIFY(added.id > 0);
    AlertRule withHook = exampleRule(QStringLiteral("with a hook"));
    withHook.webhooks = { { QStringLiteral("https://hooks.example.com/services/T0/secret"), true } };
    const AlertChange hooked = m_local->saveAlertRule(withHook);
    QVERIFY2(hooked.ok(), qPrintable(hooked.message()));
    QVERIFY(m_server->store()->setAlertPending(hooked.id, kWorkT0));

    QString error;
    const std::optional<QList<AlertRuleView>> local = m_local->alertRules(&error);
    QVERIFY2(local, qPrintable(error));
    const std::optional<QList<AlertRuleView>> remoteRules = remote.alertRules(&error);
    QVERIFY2(remoteRules, qPrintable(error));
    QVERIFY(local->size() >= 2);
    compareRules(*remoteRules, *local);
    QCOMPARE(int(remoteRules->last().state), int(AlertRuleState::Pending));
    QCOMPARE(remoteRules->last().rule.webhooks.first().url, u"https://hooks.example.com/..."_qs); // the origin only

    // A remote edit keeps the stored webhooks it never saw whole.
    AlertRule edited = remoteRules->last().rule;
    edited.name = QStringLiteral("renamed");
    edited.enabled = false;
    const AlertChange changed = remote.saveAlertRule(edited);
    QVERIFY2(changed.ok(), qPrintable(changed.message()));
    const std::optional<AlertRule> stored = m_server->store()->alertRule(hooked.id);
    QVERIFY(stored);
    QCOMPARE(stored->name, u"renamed"_qs);
    QVERIFY(!stored->enabled);
    QCOMPARE(stored->webhooks, withHook.webhooks);

    // A refusal says the same both ways: the field and why.
    AlertRule bad = exampleRule(QStringLiteral("bad"));
    bad.metric = QStringLiteral("latency_p42");
    for (const TraceSource *source : { static_cast<const TraceSource *>(&remote), m_local.get() }) {
        const AlertChange refused = source->saveAlertRule(bad);
        QCOMPARE(int(refused.outcome), int(AlertChange::Outcome::Invalid));
        QCOMPARE(refused.problem.field, u"metric"_qs);
        QVERIFY2(refused.message().startsWith(u"metric is an unknown metric 'latency_p42'"_qs), qPrintable(refused.message()));
    }
    bad = exampleRule(QStringLiteral("no number"));
    bad.threshold = qQNaN();
    QCOMPARE(remote.saveAlertRule(bad).message(), m_local->saveAlertRule(bad).message());
    QCOMPARE(m_local->saveAlertRule(bad).problem.field, u"threshold"_qs);

    // Deleted remotely: gone for both; a second delete is an unknown id.
    const AlertChange deleted = remote.deleteAlertRule(added.id);
    QVERIFY2(deleted.ok(), qPrintable(deleted.message()));
    QCOMPARE(int(remote.deleteAlertRule(added.id).outcome), int(AlertChange::Outcome::NotFound));
    QCOMPARE(int(m_local->deleteAlertRule(added.id).outcome), int(AlertChange::Outcome::NotFound));
    QCOMPARE(m_local->alertRules(&error)->size(), local->size() - 1);
    QCOMPARE(remote.alertRules(&error)->size(), local->size() - 1);
}

void TestRemoteSource::alertHistory()
{
    const RemoteTraceSource remote(target());
    const AlertChange rule = m_local->saveAlertRule(exampleRule(QStringLiteral("history")));
    QVERIFY(rule.ok());
    Store &store = *m_server->store();
    const std::optional<qint64> first = store.fireAlert(rule.id, kWorkT0, 0.2);
    QVERIFY(first);
    QVERIFY(store.resolveAlert(*first, kWorkT0 + kWorkMinute, 0.01));
    AlertDelivery d;
    d.url = QStringLiteral("https://hooks.example.com/secret");
    d.event = QStringLiteral("firing");
    d.attempts = 4;
    d.httpStatus = 503;
    d.error = QStringLiteral("HTTP 503");
    d.timeNs = kWorkT0 + 1000000;
    QVERIFY(store.addAlertDelivery(*first, d));
    const std::optional<qint64> second = store.fireAlert(rule.id, kWorkT0 + 2 * kWorkMinute, 0.3);
    QVERIFY(second);

    for (const std::optional<bool> &firing : { std::optional<bool>(), std::optional<bool>(true), std::optional<bool>(false) }) {
        AlertEventFilter f;
        f.firing = firing;
        f.ruleId = rule.id;
        QString error;
        const std::optional<QList<AlertEvent>> local = m_local->alertHistory(f, &error);
        QVERIFY2(local, qPrintable(error));
        const std::optional<QList<AlertEvent>> remoteEvents = remote.alertHistory(f, &error);
        QVERIFY2(remoteEvents, qPrintable(error));
        QCOMPARE(local->size(), firing ? 1 : 2);
        QCOMPARE(remoteEvents->size(), local->size());
        for (qsizetype i = 0; i < local->size(); ++i) {
            const AlertEvent &r = remoteEvents->at(i);
            const AlertEvent &l = local->at(i);
            QCOMPARE(r.id, l.id);
            QCOMPARE(r.ruleId, l.ruleId);
            QCOMPARE(r.ruleName, l.ruleName);
            QCOMPARE(r.service, l.service);
            QCOMPARE(r.severity, l.severity);
            QCOMPARE(r.startedNs, l.startedNs);
            QCOMPARE(r.resolvedNs, l.resolvedNs);
            QCOMPARE(r.observed, l.observed);
            QCOMPARE(r.resolvedValue, l.resolvedValue);
            QCOMPARE(r.deliveries.size(), l.deliveries.size());
            for (qsizetype k = 0; k < l.deliveries.size(); ++k) {
                QCOMPARE(r.deliveries[k].attempts, l.deliveries[k].attempts);
                QCOMPARE(r.deliveries[k].ok, l.deliveries[k].ok);
                QCOMPARE(r.deliveries[k].httpStatus, l.deliveries[k].httpStatus);
                QCOMPARE(r.deliveries[k].error, l.deliveries[k].error);
                QCOMPARE(r.deliveries[k].timeNs, l.deliveries[k].timeNs);
            }
        }
        if (firing && *firing)
            QCOMPARE(remoteEvents->first().id, *second);
        if (firing && !*firing)
            QCOMPARE(remoteEvents->first().deliveries.size(), 1);
    }
}

void TestRemoteSource::alertRulesNeedAnAdmin()
{
    // A reader's token lists the rules but may not change them: the server's 403 message shows.
    RemoteTarget t = target();
    t.token = QStringLiteral("viewer-secret");
    const RemoteTraceSource viewer(t);
    QString error;
    QVERIFY2(viewer.alertRules(&error), qPrintable(error));
    const AlertChange refused = viewer.saveAlertRule(exampleRule(QStringLiteral("not mine")));
    QCOMPARE(int(refused.outcome), int(AlertChange::Outcome::Failed));
    QVERIFY2(refused.message().contains(u"(403)"_qs), qPrintable(refused.message()));
    QVERIFY2(refused.message().contains(u"admin"_qs), qPrintable(refused.message()));
    QCOMPARE(int(viewer.deleteAlertRule(1).outcome), int(AlertChange::Outcome::Failed));
}

QTEST_MAIN(TestRemoteSource)
#include "tst_remotesource.moc"
