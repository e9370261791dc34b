#include "analysis/serviceanalysis.h"

#include <QTemporaryDir>
#include <QTest>

using namespace spanlight;

namespace {

const qint64 kMs = 1000000;
const qint64 kSecond = 1000 * kMs;
const qint64 kMinute = 60 * kSecond;
const qint64 kT0 = qint64(1699999200) * kSecond; // an hour boundary
const qint64 kNow = kT0 + 59 * kMinute + 30 * kSecond; // the 1h window is then [kT0, kT0 + 60 min)

QByteArray bytes(int n, int size, char fill)
{
    QByteArray id(size, fill);
    id[size - 2] = char(n >> 8);
    id[size - 1] = char(n);
    return id;
}

Span span(int trace, int id, int parent, qint64 start, qint64 duration, const char *service, const char *name,
    SpanKind kind)
{
    Span s;
    s.traceId = bytes(trace, 16, '\x0a');
    s.spanId = bytes(id, 8, '\x0b');
    if (parent)
        s.parentSpanId = bytes(parent, 8, '\x0b');
    s.startTimeUnixNano = start;
    s.endTimeUnixNano = start + duration;
    s.serviceName = QLatin1String(service);
    s.name = QLatin1String(name);
    s.kind = kind;
    return s;
}

Span failed(Span s, const QString &message)
{
    s.statusCode = StatusCode::Error;
    s.statusMessage = message;
    return s;
}

bool near(double value, double expected, double relative)
{
    return qAbs(value - expected) <= relative * expected;
}

} // namespace

// The analysis figures over a hand-built workload with hand-computed numbers (see fixture()).
class TestServiceAnalysis : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void trendRule_data();
    void trendRule();
    void ranges();
    void services();
    void operations();
    void performance();
    void performanceOfOneOperation();
    void trendSeries();
    void spanTrendsAndTraceStarts();
    void slowest();
    void errors();
    void errorSeverityRepeats();
    void errorById();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
};

// Service "api", window [T0, T0 + 1h):
//  - first half: 10 requests GET /a (SERVER roots) at T0 + 2i min, i = 1..10, lasting 10i ms; i = 10 fails;
//  - second half: 20 requests GET /b at T0 + 30 + j min, j = 0..19, lasting 10(j+1) ms; j < 4 fail (HTTP
//  500);
//  - 12 SELECT CLIENT spans (2 ms) under GET /b j = 10 at T0 + 40 min + 5k ms; k = 0..9 fail alike.
// Service "worker": one failed root INTERNAL span "job" at T0 + 45 min, 50 ms.
void TestServiceAnalysis::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    m_store = Store::open(QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("a.db")), &error);
    QVERIFY2(m_store, qPrintable(error));
    QList<Span> spans;
    for (int i = 1; i <= 10; ++i) {
        Span s = span(i, 1, 0, kT0 + 2 * i * kMinute, 10 * i * kMs, "api", "GET /a", SpanKind::Server);
        spans.append(i == 10 ? failed(s, QStringLiteral("bad")) : s);
    }
    for (int j = 0; j < 20; ++j) {
        Span s = span(
            100 + j, 1, 0, kT0 + (30 + j) * kMinute, 10 * (j + 1) * kMs, "api", "GET /b", SpanKind::Server);
        if (j < 4) {
            s.attributes.insert(QStringLiteral("http.status_code"), 500);
            s = failed(s, QStringLiteral("internal error %1").arg(j));
        }
        spans.append(s);
    }
    for (int k = 0; k < 12; ++k) {
        Span s = span(
            110, 10 + k, 1, kT0 + 40 * kMinute + 5 * k * kMs, 2 * kMs, "api", "SELECT", SpanKind::Client);
        if (k < 10) {
            SpanEvent e;
            e.name = QStringLiteral("exception");
            e.timeUnixNano = s.startTimeUnixNano;
            e.attributes.insert(QStringLiteral("exception.type"), QStringLiteral("ConnectionError"));
            e.attributes.insert(QStringLiteral("exception.stacktrace"), QStringLiteral("at db.connect()"));
            s.events.append(e);
            s = failed(s, QStringLiteral("connection refused after %1 ms").arg(1000 + k));
        }
        spans.append(s);
    }
    spans.append(failed(span(500, 1, 0, kT0 + 45 * kMinute, 50 * kMs, "worker", "job", SpanKind::Internal),
        QStringLiteral("job failed")));
    QFuture<WriteResult> f = m_store->write(spans);
    f.waitForFinished();
    QVERIFY(f.result().ok());
    QCOMPARE(f.result().spansWritten, 43);
}

void TestServiceAnalysis::trendRule_data()
{
    QTest::addColumn<double>("first");
    QTest::addColumn<double>("second");
    QTest::addColumn<QString>("expected");
    QTest::newRow("equal") << 100.0 << 100.0 << "stable";
    QTest::newRow("+10% is stable") << 100.0 << 110.0 << "stable";
    QTest::newRow("-10% is stable") << 100.0 << 90.0 << "stable";
    QTest::newRow("just over +10%") << 100.0 << 110.5 << "up";
    QTest::newRow("just under -10%") << 100.0 << 89.5 << "down";
    QTest::newRow("doubled") << 0.1 << 0.2 << "up";
    QTest::newRow("from zero") << 0.0 << 3.0 << "up";
    QTest::newRow("to zero") << 3.0 << 0.0 << "down";
    QTest::newRow("both zero") << 0.0 << 0.0 << "stable";
}

void TestServiceAnalysis::trendRule()
{
    QFETCH(double, first);
    QFETCH(double, second);
    QFETCH(QString, expected);
    QCOMPARE(trendName(trendOf(first, second)), expected);
}

void TestServiceAnalysis::ranges()
{
    QCOMPARE(timeRangeNs(QStringLiteral("15m")), 15 * kMinute);
    QCOMPARE(timeRangeNs(QStringLiteral("24h")), 24 * 60 * kMinute);
    QCOMPARE(timeRangeNs(QStringLiteral("30d")), 30 * 24 * 60 * kMinute);
    QVERIFY(!timeRangeNs(QStringLiteral("2h")));
    QCOMPARE(granularityNs(QStringLiteral("5m")), 5 * kMinute);
    QVERIFY(!granularityNs(QStringLiteral("10m")));
    const TimeWindow w = windowEndingAt(kNow, 60 * kMinute);
    QCOMPARE(w.fromNs, kT0);
    QCOMPARE(w.toNs, kT0 + 60 * kMinute);
    const TimeWindow h = windowEndingAt(kNow, 6 * 60 * kMinute, 60 * kMinute);
    QCOMPARE(h.toNs % (60 * kMinute), 0);
    QVERIFY(h.toNs > kNow && h.toNs - kNow <= 60 * kMinute);
}

void TestServiceAnalysis::services()
{
    const ServicesOverview o = ServiceAnalysis(*m_store).services();
    QCOMPARE(o.totalTraces, 31);
    QCOMPARE(o.totalSpans, 43);
    QCOMPARE(o.services.size(), 2);
    const ServiceSummary &api = o.services[0];
    QCOMPARE(api.name, QStringLiteral("api"));
    QCOMPARE(api.traces, 30);
    QCOMPARE(api.spans, 42);
    QVERIFY(near(api.errorRate, 15.0 / 42.0, 1e-9));
    QVERIFY(near(api.avgDurationMs, (550.0 + 2100.0 + 24.0) / 42.0, 1e-9));
    QCOMPARE(api.lastSpanStartNs, kT0 + 49 * kMinute);
    QCOMPARE(api.operations.size(), 3);
    QCOMPARE(api.operations[0].name, QStringLiteral("GET /b")); // most spans first
    QCOMPARE(api.operations[0].count, 20);
    QVERIFY(near(api.operations[0].avgDurationMs, 105.0, 1e-9));
    QVERIFY(near(api.operations[0].errorRate, 0.2, 1e-9));
    QCOMPARE(api.operations[1].name, QStringLiteral("SELECT"));
    QCOMPARE(api.operations[2].name, QStringLiteral("GET /a"));
    QCOMPARE(o.services[1].name, QStringLiteral("worker"));
    QCOMPARE(o.services[1].errorRate, 1.0);
}

void TestServiceAnalysis::operations()
{
    const ServiceAnalysis a(*m_store);
    QVERIFY(!a.operations(QStringLiteral("nope")));
    const QList<OperationStats> ops = *a.operations(QStringLiteral("api"));
    QCOMPARE(ops.size(), 3);
    QCOMPARE(ops[0].name, QStringLiteral("GET /b"));
    // nearest rank 19 of 10, 20, ..., 200 ms
    QVERIFY2(near(ops[0].p95DurationMs, 190.0, 0.02), qPrintable(QString::number(ops[0].p95DurationMs)));
    QCOMPARE(ops[0].spanKinds, QStringList { QStringLiteral("server") });
    QCOMPARE(ops[1].name, QStringLiteral("SELECT"));
    QCOMPARE(ops[1].count, 12);
    QVERIFY(near(ops[1].errorRate, 10.0 / 12.0, 1e-9));
    QVERIFY(near(ops[1].p95DurationMs, 2.0, 0.02));
    QCOMPARE(ops[1].spanKinds, QStringList { QStringLiteral("client") });
}

void TestServiceAnalysis::performance()
{
    const ServicePerformance p = ServiceAnalysis(*m_store).performance(
        QStringLiteral("api"), QString(), windowEndingAt(kNow, 60 * kMinute));
    // Requests are the 30 SERVER roots; the SELECT client spans are not requests.
    QCOMPARE(p.totalRequests, 30);
    QCOMPARE(p.failedRequests, 5);
    QVERIFY(near(p.errorRate, 5.0 / 30.0, 1e-9));
    QVERIFY(near(p.avgResponseMs, 2650.0 / 30.0, 1e-9));
    // Durations 10,10,20,20,...,100,100,110,...,200: nearest ranks 15, 29 and 30 of 30.
    QVERIFY2(near(p.p50Ms, 80.0, 0.02), qPrintable(QString::number(p.p50Ms)));
    QVERIFY2(near(p.p95Ms, 190.0, 0.02), qPrintable(QString::number(p.p95Ms)));
    QVERIFY2(near(p.p99Ms, 200.0, 0.02), qPrintable(QString::number(p.p99Ms)));
    QVERIFY(near(p.throughputPerSecond, 30.0 / 3600.0, 1e-9));
    QCOMPARE(p.operations.size(), 2);
    QCOMPARE(p.operations[0].name, QStringLiteral("GET /b"));
    QVERIFY(near(p.operations[0].throughputPerSecond, 20.0 / 3600.0, 1e-9));
    // First half: 10 requests, avg 55 ms, 10% failed; second: 20, avg 105 ms, 20% failed.
    QCOMPARE(trendName(p.trends.responseTime), QStringLiteral("up"));
    QCOMPARE(trendName(p.trends.errorRate), QStringLiteral("up"));
    QCOMPARE(trendName(p.trends.throughput), QStringLiteral("up"));

    // The window after: no requests at all.
    const ServicePerformance later = ServiceAnalysis(*m_store).performance(
        QStringLiteral("api"), QString(), windowEndingAt(kNow + 24 * 60 * kMinute, 15 * kMinute));
    QCOMPARE(later.totalRequests, 0);
    QCOMPARE(later.p99Ms, 0.0);
    QCOMPARE(trendName(later.trends.throughput), QStringLiteral("stable"));
}

void TestServiceAnalysis::performanceOfOneOperation()
{
    // GET /a lies in the first half only: everything goes down.
    const ServicePerformance p = ServiceAnalysis(*m_store).performance(
        QStringLiteral("api"), QStringLiteral("GET /a"), windowEndingAt(kNow, 60 * kMinute));
    QCOMPARE(p.totalRequests, 10);
    QCOMPARE(p.failedRequests, 1);
    QVERIFY(near(p.avgResponseMs, 55.0, 1e-9));
    QVERIFY(near(p.p50Ms, 50.0, 0.02));
    QCOMPARE(trendName(p.trends.throughput), QStringLiteral("down"));
    QCOMPARE(trendName(p.trends.responseTime), QStringLiteral("down"));
}

void TestServiceAnalysis::trendSeries()
{
    const TrendSeries t = ServiceAnalysis(*m_store).trends(
        QStringLiteral("api"), QString(), windowEndingAt(kNow, 60 * kMinute, 5 * kMinute), 5 * kMinute);
    QCOMPARE(t.points.size(), 12);
    QCOMPARE(t.points[0].startNs, kT0);
    QCOMPARE(t.points[11].startNs, kT0 + 55 * kMinute);
    // Slot 0 (0-5 min): GET /a at 2 and 4 min, 10 and 20 ms.
    QCOMPARE(t.points[0].count, 2);
    QVERIFY(near(t.points[0].avgDurationMs, 15.0, 1e-9));
    QVERIFY(near(t.points[0].p99DurationMs, 20.0, 0.02));
    QVERIFY(near(t.points[0].throughputPerSecond, 2.0 / 300.0, 1e-9));
    // Slot 5 (25-30 min) and 10, 11 (50-60 min) are empty and present with zeros.
    for (int empty : { 5, 10, 11 }) {
        QCOMPARE(t.points[empty].count, 0);
        QCOMPARE(t.points[empty].avgDurationMs, 0.0);
        QCOMPARE(t.points[empty].p95DurationMs, 0.0);
        QCOMPARE(t.points[empty].errorRate, 0.0);
        QCOMPARE(t.points[empty].throughputPerSecond, 0.0);
    }
    // Slot 6 (30-35 min): GET /b j = 0..4, 10..50 ms, 4 failed.
    QCOMPARE(t.points[6].count, 5);
    QVERIFY(near(t.points[6].avgDurationMs, 30.0, 1e-9));
    QVERIFY(near(t.points[6].errorRate, 0.8, 1e-9));
    QVERIFY(near(t.points[6].p95DurationMs, 50.0, 0.02));
    QVERIFY(near(t.points[6].p50DurationMs, 30.0, 0.02)); // nearest rank 3 of 5
    QCOMPARE(trendName(t.trends.throughput), QStringLiteral("up"));
    // The series' halves are sums of its slots when each half is whole slots (12 of 5 minutes),
    // else a read of their own (15 of 1 minute): both say what the window's requests say.
    auto sameTrends = [](const HalfTrends &a, const HalfTrends &b) {
        return a.responseTime == b.responseTime && a.errorRate == b.errorRate && a.throughput == b.throughput;
    };
    const ServiceAnalysis analysis(*m_store);
    const TimeWindow hour = windowEndingAt(kNow, 60 * kMinute, 5 * kMinute);
    QVERIFY(sameTrends(t.trends, analysis.performance(QStringLiteral("api"), QString(), hour).trends));
    const TimeWindow quarter = windowEndingAt(kNow, 15 * kMinute, kMinute);
    QVERIFY(sameTrends(analysis.trends(QStringLiteral("api"), QString(), quarter, kMinute).trends,
        analysis.performance(QStringLiteral("api"), QString(), quarter).trends));

    // With an operation, every span of it counts (SELECT is a CLIENT span).
    const TrendSeries select = ServiceAnalysis(*m_store).trends(QStringLiteral("api"),
        QStringLiteral("SELECT"), windowEndingAt(kNow, 60 * kMinute, kMinute), kMinute);
    QCOMPARE(select.points.size(), 60);
    QCOMPARE(select.points[40].count, 12);
    QCOMPARE(select.points[41].count, 0);
    QVERIFY(near(select.points[40].errorRate, 10.0 / 12.0, 1e-9));
}

void TestServiceAnalysis::spanTrendsAndTraceStarts()
{
    const ServiceAnalysis analysis(*m_store);
    const TimeWindow hour = windowEndingAt(kNow, 60 * kMinute, 5 * kMinute);
    const TrendSeries spans = analysis.spanTrends(hour, 5 * kMinute);
    QCOMPARE(spans.points.size(), 12);
    // Every span counts, of every service and kind: slot 8 (40-45 min) holds GET /b j = 10..14
    // and the 12 SELECT client spans under j = 10, 10 of which failed.
    QCOMPARE(spans.points[8].count, 5 + 12);
    QVERIFY(near(spans.points[8].errorRate, 10.0 / 17.0, 1e-9));
    QVERIFY(near(spans.points[8].avgDurationMs, ((110 + 120 + 130 + 140 + 150) + 12 * 2) / 17.0, 1e-9));
    QVERIFY(near(spans.points[8].throughputPerSecond, 17.0 / 300.0, 1e-9));
    QCOMPARE(spans.points[8].p95DurationMs, 0.0); // no percentiles over mixed kinds
    // Slot 9 (45-50 min): GET /b j = 15..19 and worker's job, which is a root, of another service.
    QCOMPARE(spans.points[9].count, 6);
    qint64 total = 0;
    for (const TrendPoint &p : spans.points)
        total += p.count;
    QCOMPARE(total, 43); // every span written

    // Traces by their start: GET /a at 2i min (one per trace), GET /b at 30 + j min (the
    // SELECTs belong to trace 110), the job at 45 min.
    const QList<qint64> starts = analysis.traceStarts(hour, 5 * kMinute);
    QCOMPARE(starts.size(), 12);
    // 0-5 min: i = 1, 2 (2 and 4 min); 5-10: i = 3, 4; 10-15: i = 5, 6, 7 (10, 12, 14 min).
    QCOMPARE(starts[0], 2);
    QCOMPARE(starts[1], 2);
    QCOMPARE(starts[2], 3);
    QCOMPARE(starts[5], 0); // 25-30 min
    QCOMPARE(starts[6], 5); // GET /b j = 0..4
    QCOMPARE(starts[9], 5 + 1); // j = 15..19 and the job
    QCOMPARE(starts[10], 0);
    qint64 traces = 0;
    for (qint64 n : starts)
        traces += n;
    QCOMPARE(traces, 10 + 20 + 1);
    // By minute over the last 15 (45-60 min): j = 15 and the job start at 45 min, j = 16..19 one
    // a minute after, then nothing.
    const QList<qint64> minutes = analysis.traceStarts(windowEndingAt(kNow, 15 * kMinute), kMinute);
    QCOMPARE(minutes, (QList<qint64> { 2, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }));
    QCOMPARE(analysis.traceStarts(hour, 0), QList<qint64>());
}

void TestServiceAnalysis::slowest()
{
    SlowestQuery q;
    q.window = windowEndingAt(kNow, 60 * kMinute);
    q.limit = 3;
    const Slowest s = ServiceAnalysis(*m_store).slowest(q);
    QCOMPARE(s.traces.size(), 3);
    QCOMPARE(s.traces[0].durationNs(), 200 * kMs);
    QCOMPARE(s.traces[1].durationNs(), 190 * kMs);
    QCOMPARE(s.operations.size(), 3);
    QCOMPARE(s.operations[0].name, QStringLiteral("GET /b"));
    QVERIFY(near(s.operations[0].avgDurationMs, 105.0, 1e-9));
    QCOMPARE(s.operations[0].maxDurationMs, 200.0);
    QCOMPARE(s.operations[1].name, QStringLiteral("GET /a"));
    QCOMPARE(s.operations[2].name, QStringLiteral("job"));
    q.service = QStringLiteral("worker");
    const Slowest w = ServiceAnalysis(*m_store).slowest(q);
    QCOMPARE(w.traces.size(), 1);
    QCOMPARE(w.operations.size(), 1);
    QCOMPARE(w.operations[0].errorRate, 1.0);
}

void TestServiceAnalysis::errors()
{
    ErrorQuery q;
    const ErrorList all = ServiceAnalysis(*m_store).errors(q);
    QCOMPARE(all.totalCount, 16);
    QCOMPARE(all.errors.size(), 16);
    QCOMPARE(all.errors[0].record.service, QStringLiteral("worker")); // newest first: 45 min
    QCOMPARE(all.errors[0].severity, Severity::Critical); // a root failed
    QCOMPARE(all.types.size(), 3);
    QCOMPARE(all.types[0].type, QStringLiteral("ConnectionError"));
    QCOMPARE(all.types[0].count, 10);
    QCOMPARE(all.types[0].severity, Severity::High); // medium, raised: 10 repeats
    QCOMPARE(all.types[1].type, QStringLiteral("HTTP 500"));
    QCOMPARE(all.types[1].count, 4);
    QCOMPARE(all.types[2].type, QStringLiteral("Error"));
    QCOMPARE(all.types[2].count, 2);
    QCOMPARE(all.services.size(), 2);
    QCOMPARE(all.services[0].service, QStringLiteral("api"));
    QCOMPARE(all.services[0].count, 15);
    QCOMPARE(all.services[0].lastNs, kT0 + 40 * kMinute + 45 * kMs);
    QCOMPARE(all.services[1].lastNs, kT0 + 45 * kMinute);

    q.severity = Severity::High;
    q.limit = 4;
    const ErrorList high = ServiceAnalysis(*m_store).errors(q);
    QCOMPARE(high.totalCount, 10);
    QCOMPARE(high.errors.size(), 4);
    for (const ErrorView &e : high.errors) {
        QCOMPARE(e.record.type, QStringLiteral("ConnectionError"));
        QCOMPARE(e.record.stackTrace, QStringLiteral("at db.connect()"));
    }
    q = {};
    q.filter.type = QStringLiteral("HTTP 500");
    const ErrorList http = ServiceAnalysis(*m_store).errors(q);
    QCOMPARE(http.totalCount, 4);
    QCOMPARE(http.errors[0].record.attributes.value(QStringLiteral("http.status_code")).toInteger(), 500);
    q = {};
    q.filter.service = QStringLiteral("worker");
    q.severity = Severity::Medium;
    QCOMPARE(ServiceAnalysis(*m_store).errors(q).totalCount, 0);
}

void TestServiceAnalysis::errorSeverityRepeats()
{
    // The window holds 9 of the 10 ConnectionErrors: below the repeat threshold, medium.
    ErrorQuery q;
    q.filter.fromNs = kT0 + 40 * kMinute + 5 * kMs;
    q.filter.type = QStringLiteral("ConnectionError");
    const ErrorList l = ServiceAnalysis(*m_store).errors(q);
    QCOMPARE(l.totalCount, 9);
    QCOMPARE(l.types.size(), 1);
    QCOMPARE(l.types[0].severity, Severity::Medium);
    for (const ErrorView &e : l.errors)
        QCOMPARE(e.severity, Severity::Medium);
}

void TestServiceAnalysis::errorById()
{
    const ServiceAnalysis a(*m_store);
    const QByteArray trace = bytes(110, 16, '\x0a');
    const auto d = a.error(trace, bytes(10, 8, '\x0b'));
    QVERIFY(d);
    QCOMPARE(d->error.errorId(), QString::fromLatin1(QByteArray(trace + bytes(10, 8, '\x0b')).toHex()));
    QCOMPARE(d->error.severity, Severity::High);
    QCOMPARE(d->rootService, QStringLiteral("api"));
    QCOMPARE(d->rootOperation, QStringLiteral("GET /b"));
    QCOMPARE(d->events.size(), 1);
    QCOMPARE(d->error.record.message, QStringLiteral("connection refused after 1000 ms"));
    QVERIFY(!a.error(trace, bytes(11 + 10, 8, '\x0b'))); // SELECT k = 11 did not fail
}

QTEST_GUILESS_MAIN(TestServiceAnalysis)
#include "tst_serviceanalysis.moc"
