#include "analysis/anomalyanalysis.h"
#include "demo/faultworkload.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace spanlight;

namespace {

const qint64 kMs = 1000000;
const qint64 kSecond = 1000 * kMs;
const qint64 kMinute = 60 * kSecond;
const qint64 kT0 = qint64(1699999200) * kSecond; // an hour boundary
const qint64 kNow = kT0 + 59 * kMinute + 30 * kSecond; // the 1h window is then [kT0, kT0 + 60 min)
// Less than half a baseline (15 buckets) before the end: the step is still an open anomaly.
const qint64 kVersionChange = kT0 + 48 * kMinute;
const qint64 kBurstFrom = kT0 + 25 * kMinute;
const qint64 kBurstTo = kT0 + 31 * kMinute;

MetricBucket bucket(qint64 startNs, qint64 spans, qint64 errors, double ms)
{
    MetricBucket b;
    b.startNs = startNs;
    b.spans = spans;
    b.errors = errors;
    b.histogram.record(qint64(ms * double(kMs)), spans);
    return b;
}

// A steady series of 40 one-minute buckets (20 history) of 20 spans at 50 ms, with `change`
// applied to the buckets [from, to).
OperationSeries steadySeries(qsizetype from = 0, qsizetype to = 0, double ms = 50, qint64 spans = 20,
    qint64 errors = 0)
{
    OperationSeries s;
    s.service = QStringLiteral("svc");
    s.operation = QStringLiteral("op");
    s.bucketNs = kMinute;
    s.firstJudged = 20;
    for (qsizetype i = 0; i < 40; ++i) {
        const bool changed = i >= from && i < to;
        // A little spread: 48..52 ms.
        s.buckets.append(bucket(kT0 + i * kMinute, changed ? spans : 20, changed ? errors : 0,
            changed ? ms : 48 + double(i % 5)));
    }
    return s;
}

const Anomaly *find(const QList<Anomaly> &list, const char *service, const char *operation, AnomalyMetric metric)
{
    for (const Anomaly &a : list)
        if (a.service == QLatin1String(service) && a.operation == QLatin1String(operation) && a.metric == metric)
            return &a;
    return nullptr;
}

const Regression *find(const QList<Regression> &list, const char *service, const char *operation, AnomalyMetric metric)
{
    for (const Regression &r : list)
        if (r.service == QLatin1String(service) && r.operation == QLatin1String(operation) && r.metric == metric)
            return &r;
    return nullptr;
}

// Runs `statements` on the postgres database of the server `url` names (CREATE/DROP DATABASE).
bool pgAdmin(const QUrl &url, const QStringList &statements)
{
    bool ok = false;
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("admin"));
        admin.setHostName(url.host());
        admin.setPort(url.port(5432));
        admin.setUserName(url.userName());
        admin.setPassword(url.password());
        admin.setDatabaseName(QStringLiteral("postgres"));
        ok = admin.open();
        for (const QString &sql : statements)
            ok = QSqlQuery(admin).exec(sql) && ok;
        if (!ok)
            qWarning().noquote() << "PostgreSQL admin:" << admin.lastError().text();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("admin"));
    return ok;
}

QString describe(const AnomalyReport &report)
{
    QStringList out;
    for (const Anomaly &a : report.anomalies)
        out.append(QStringLiteral("anomaly %1/%2 %3 at +%4 min, %5 vs %6")
                       .arg(a.service, a.operation, anomalyMetricName(a.metric))
                       .arg((a.startedNs - kT0) / kMinute)
                       .arg(a.observed)
                       .arg(a.expected));
    for (const Regression &r : report.regressions)
        out.append(QStringLiteral("regression %1/%2 %3 %4->%5 %6 -> %7")
                       .arg(r.service, r.operation, anomalyMetricName(r.metric), r.beforeVersion, r.afterVersion)
                       .arg(r.before)
                       .arg(r.after));
    return out.join(u'\n');
}

} // namespace

// The anomaly and regression rules on hand-made series, then the whole analysis over the fault
// workload (demo/faultworkload.h) written through a real store, with and without its faults.
class TestAnomalyAnalysis : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void robustBaselines_data();
    void robustBaselines();
    void band_data();
    void band();
    void severities();
    void steadySeriesHasNoAnomaly();
    void consecutiveBucketsMerge();
    void endedAnomaly();
    void throughputDropButNotWhileFilling();
    void sparseTrafficIsNoAnomaly();
    void unjudgedBucketsNeitherExtendNorEnd();
    void errorRateNeedsErrors();
    void newOperationHasNoBaseline();
    void silenceIsNoBaseline();
    void versionChanges();
    void comparedSides();
    void levelShift();
    void burstIsNoLevelShift();
    void workload_data();
    void workload();
    void cleanupTestCase();

private:
    // A fresh store for `backend` ("sqlite" or "postgres"); null with a skip message when not available.
    std::unique_ptr<Store> openStore(const QString &backend, QString *skip);

    QTemporaryDir m_dir;
    QStringList m_pgDatabases;
    int m_counter = 0;
};

void TestAnomalyAnalysis::robustBaselines_data()
{
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<double>("median");
    QTest::addColumn<double>("mad");
    QTest::newRow("none") << QList<double>() << 0.0 << 0.0;
    QTest::newRow("odd") << QList<double> { 3, 1, 2 } << 2.0 << 1.0;
    QTest::newRow("even") << QList<double> { 4, 1, 3, 2 } << 2.5 << 1.0;
    // One wild outlier moves neither.
    QTest::newRow("outlier") << QList<double> { 10, 11, 9, 10, 1000 } << 10.0 << 1.0;
}

void TestAnomalyAnalysis::robustBaselines()
{
    QFETCH(QList<double>, values);
    QFETCH(double, median);
    QFETCH(double, mad);
    const RobustBaseline b = robustBaseline(values);
    QCOMPARE(b.median, median);
    QCOMPARE(b.mad, mad);
    QCOMPARE(b.samples, values.size());
}

void TestAnomalyAnalysis::band_data()
{
    QTest::addColumn<int>("metric");
    QTest::addColumn<double>("observed");
    QTest::addColumn<double>("median");
    QTest::addColumn<double>("mad");
    QTest::addColumn<bool>("anomalous");
    QTest::addColumn<double>("score");
    const int p95 = int(AnomalyMetric::LatencyP95);
    const int errors = int(AnomalyMetric::ErrorRate);
    const int throughput = int(AnomalyMetric::Throughput);
    // MAD 10 -> tolerance 3.5 * 1.4826 * 10 = 51.891 ms > the 25 ms floor; score = deviation / 14.826.
    QTest::newRow("p95 inside") << p95 << 150.0 << 100.0 << 10.0 << false << 50 / 14.826;
    QTest::newRow("p95 above") << p95 << 160.0 << 100.0 << 10.0 << true << 60 / 14.826;
    QTest::newRow("p95 below is fine") << p95 << 10.0 << 100.0 << 10.0 << false << 90 / 14.826;
    // MAD 0: the floor (25% of 100 ms) is the band; score = deviation / (25 / 3.5).
    QTest::newRow("p95 floor inside") << p95 << 125.0 << 100.0 << 0.0 << false << 3.5;
    QTest::newRow("p95 floor above") << p95 << 126.0 << 100.0 << 0.0 << true << 26 / (25 / 3.5);
    QTest::newRow("errors floor") << errors << 0.05 << 0.0 << 0.0 << false << 3.5;
    QTest::newRow("errors above") << errors << 0.5 << 0.0 << 0.0 << true << 35.0;
    QTest::newRow("errors fewer") << errors << 0.0 << 0.5 << 0.0 << false << 35.0;
    QTest::newRow("throughput drop") << throughput << 1.0 << 10.0 << 0.0 << true << 9 / (5 / 3.5);
    QTest::newRow("throughput rise") << throughput << 16.0 << 10.0 << 0.0 << true << 6 / (5 / 3.5);
    QTest::newRow("throughput zero baseline") << throughput << 16.0 << 0.0 << 0.0 << false << 0.0;
}

void TestAnomalyAnalysis::band()
{
    QFETCH(int, metric);
    QFETCH(double, observed);
    QFETCH(double, median);
    QFETCH(double, mad);
    QFETCH(bool, anomalous);
    QFETCH(double, score);
    RobustBaseline b;
    b.median = median;
    b.mad = mad;
    const BandVerdict v = judgeBucket(AnomalyMetric(metric), observed, b, AnomalyOptions());
    QCOMPARE(v.anomalous, anomalous);
    QVERIFY2(qAbs(v.score - score) < 1e-9, qPrintable(QString::number(v.score)));
}

void TestAnomalyAnalysis::severities()
{
    QCOMPARE(anomalySeverity(3.6, 3.5), Severity::Low);
    QCOMPARE(anomalySeverity(7.0, 3.5), Severity::Medium);
    QCOMPARE(anomalySeverity(14.0, 3.5), Severity::High);
    QCOMPARE(anomalySeverity(27.9, 3.5), Severity::High);
    QCOMPARE(anomalySeverity(28.0, 3.5), Severity::Critical);
}

void TestAnomalyAnalysis::steadySeriesHasNoAnomaly()
{
    QVERIFY(detectAnomalies(steadySeries(), AnomalyOptions()).isEmpty());
    QVERIFY(detectLevelShifts(steadySeries(), AnomalyOptions()).isEmpty());
}

void TestAnomalyAnalysis::consecutiveBucketsMerge()
{
    // Buckets 30..39 at 200 ms (the series' end): one open anomaly from bucket 30.
    const QList<Anomaly> found = detectAnomalies(steadySeries(30, 40, 200), AnomalyOptions());
    QCOMPARE(found.size(), 2); // p95 and p50
    const Anomaly *a = find(found, "svc", "op", AnomalyMetric::LatencyP95);
    QVERIFY(a);
    QCOMPARE(a->startedNs, kT0 + 30 * kMinute);
    QVERIFY(!a->endedNs);
    QVERIFY(qAbs(a->observed - 200) < 200 * 0.02);
    QVERIFY(qAbs(a->expected - 50) < 50 * 0.03);
    QVERIFY(a->score > 3.5);
    QCOMPARE(a->severity, anomalySeverity(a->score, 3.5));
    QCOMPARE(a->id.size(), 16);
    QVERIFY(find(found, "svc", "op", AnomalyMetric::LatencyP50));
}

void TestAnomalyAnalysis::endedAnomaly()
{
    const QList<Anomaly> found = detectAnomalies(steadySeries(25, 28, 200), AnomalyOptions());
    const Anomaly *a = find(found, "svc", "op", AnomalyMetric::LatencyP95);
    QVERIFY(a);
    QCOMPARE(a->startedNs, kT0 + 25 * kMinute);
    QCOMPARE(a->endedNs, std::optional<qint64>(kT0 + 28 * kMinute));
    // Buckets in the history part are never judged.
    QVERIFY(detectAnomalies(steadySeries(10, 15, 200), AnomalyOptions()).isEmpty());
}

void TestAnomalyAnalysis::throughputDropButNotWhileFilling()
{
    OperationSeries s = steadySeries(35, 40, 50, 4);
    s.completeBeforeNs = kT0 + 39 * kMinute + 10 * kSecond; // bucket 39 is still filling
    const QList<Anomaly> found = detectAnomalies(s, AnomalyOptions());
    const Anomaly *a = find(found, "svc", "op", AnomalyMetric::Throughput);
    QVERIFY(a);
    QCOMPARE(a->startedNs, kT0 + 35 * kMinute);
    // Whether the filling bucket is still low is not known yet: the anomaly is not over.
    QVERIFY(!a->endedNs);
    QCOMPARE(a->observed, 4.0 / 60);
    QCOMPARE(a->expected, 20.0 / 60);
    // Four spans are too few to judge latency or errors.
    QCOMPARE(found.size(), 1);
}

// A quiet operation's ordinary noise: two spans a minute, and a minute without any, is a
// Poisson count, not a drop; and with twelve spans a minute one slow span is the bucket's p95,
// so p95 is not judged under twenty spans (the p50 still is). A real drop of a busy operation is
// still found.
void TestAnomalyAnalysis::sparseTrafficIsNoAnomaly()
{
    OperationSeries quiet = steadySeries(0, 40, 50, 2);
    quiet.buckets[33].spans = 0;
    quiet.buckets[33].histogram = LatencyHistogram();
    QVERIFY2(detectAnomalies(quiet, AnomalyOptions()).isEmpty(), "a quiet minute of a quiet operation");

    OperationSeries outlier = steadySeries(0, 40, 50, 12);
    outlier.buckets[33].histogram = LatencyHistogram();
    outlier.buckets[33].histogram.record(50 * kMs, 11);
    outlier.buckets[33].histogram.record(500 * kMs, 1);
    QVERIFY2(detectAnomalies(outlier, AnomalyOptions()).isEmpty(), "one slow span of twelve");
    // With twenty spans, three slow ones (15 %) are the p95: an anomaly, as before.
    OperationSeries slow = steadySeries();
    slow.buckets[33].histogram = LatencyHistogram();
    slow.buckets[33].histogram.record(50 * kMs, 17);
    slow.buckets[33].histogram.record(500 * kMs, 3);
    QVERIFY(find(detectAnomalies(slow, AnomalyOptions()), "svc", "op", AnomalyMetric::LatencyP95));

    OperationSeries busy = steadySeries(30, 40, 50, 200);
    for (qsizetype i = 0; i < 30; ++i)
        busy.buckets[i].spans = 600 + (i % 3) * 10;
    const Anomaly *drop = find(detectAnomalies(busy, AnomalyOptions()), "svc", "op", AnomalyMetric::Throughput);
    QVERIFY(drop);
    QCOMPARE(drop->startedNs, kT0 + 30 * kMinute);
}

void TestAnomalyAnalysis::unjudgedBucketsNeitherExtendNorEnd()
{
    // Slow buckets 30..31, then 32..33 with too few spans to judge, then a normal 34: the anomaly
    // ends where the unjudged buckets began.
    OperationSeries s = steadySeries(30, 32, 200);
    s.buckets[32] = bucket(kT0 + 32 * kMinute, 3, 0, 200);
    s.buckets[33] = bucket(kT0 + 33 * kMinute, 3, 0, 200);
    const Anomaly *a = find(detectAnomalies(s, AnomalyOptions()), "svc", "op", AnomalyMetric::LatencyP95);
    QVERIFY(a);
    QCOMPARE(a->endedNs, std::optional<qint64>(kT0 + 32 * kMinute));
    // Slow again in 34: one anomaly across the gap.
    s.buckets[34] = bucket(kT0 + 34 * kMinute, 20, 0, 200);
    a = find(detectAnomalies(s, AnomalyOptions()), "svc", "op", AnomalyMetric::LatencyP95);
    QVERIFY(a);
    QCOMPARE(a->startedNs, kT0 + 30 * kMinute);
    QCOMPARE(a->endedNs, std::optional<qint64>(kT0 + 35 * kMinute));
    // Unjudged to the end: still open.
    s.buckets[34] = bucket(kT0 + 34 * kMinute, 3, 0, 50);
    for (qsizetype i = 35; i < 40; ++i)
        s.buckets[i] = bucket(kT0 + i * kMinute, 3, 0, 50);
    a = find(detectAnomalies(s, AnomalyOptions()), "svc", "op", AnomalyMetric::LatencyP95);
    QVERIFY(a);
    QVERIFY(!a->endedNs);
}

void TestAnomalyAnalysis::errorRateNeedsErrors()
{
    // 2 of 20 failed: 10% is beyond the 5-point floor, but two errors are not a pattern.
    QVERIFY(find(detectAnomalies(steadySeries(30, 32, 50, 20, 2), AnomalyOptions()), "svc", "op",
                 AnomalyMetric::ErrorRate)
        == nullptr);
    const QList<Anomaly> found = detectAnomalies(steadySeries(30, 32, 50, 20, 10), AnomalyOptions());
    const Anomaly *a = find(found, "svc", "op", AnomalyMetric::ErrorRate);
    QVERIFY(a);
    QCOMPARE(a->observed, 0.5);
    QCOMPARE(a->expected, 0.0);
    QCOMPARE(a->endedNs, std::optional<qint64>(kT0 + 32 * kMinute));
}

void TestAnomalyAnalysis::newOperationHasNoBaseline()
{
    // Silent until bucket 15: its start is no throughput anomaly, and a slow bucket 21 has only
    // six buckets of history (fewer than minBaselineBuckets): not judged.
    OperationSeries s = steadySeries(21, 22, 200);
    for (qsizetype i = 0; i < 15; ++i)
        s.buckets[i] = MetricBucket { s.buckets[i].startNs, 0, 0, {} };
    QVERIFY(detectAnomalies(s, AnomalyOptions()).isEmpty());
    // With twelve buckets of history (bucket 27), the same slowness is judged.
    s.buckets[21] = bucket(kT0 + 21 * kMinute, 20, 0, 50);
    s.buckets[27] = bucket(kT0 + 27 * kMinute, 20, 0, 200);
    const Anomaly *a = find(detectAnomalies(s, AnomalyOptions()), "svc", "op", AnomalyMetric::LatencyP95);
    QVERIFY(a);
    QCOMPARE(a->startedNs, kT0 + 27 * kMinute);
}

void TestAnomalyAnalysis::silenceIsNoBaseline()
{
    // Traffic starts in bucket 14 (a partial bucket of 5 spans): the 14 empty buckets before are
    // no history, else from bucket 28 the median of silence and traffic would call the steady
    // 20 spans a minute a throughput anomaly.
    OperationSeries s = steadySeries();
    for (qsizetype i = 0; i < 14; ++i)
        s.buckets[i] = MetricBucket { s.buckets[i].startNs, 0, 0, {} };
    s.buckets[14] = bucket(kT0 + 14 * kMinute, 5, 0, 50);
    const QList<Anomaly> found = detectAnomalies(s, AnomalyOptions());
    QVERIFY2(found.isEmpty(), qPrintable(anomalyMetricName(found.value(0).metric)));
}

void TestAnomalyAnalysis::versionChanges()
{
    const QList<ServiceVersionSample> samples = {
        { 0, QStringLiteral("a"), QStringLiteral("1"), 3 },
        { 1, QStringLiteral("a"), QStringLiteral("1"), 3 },
        { 1, QStringLiteral("b"), QString(), 3 }, // no version: never a change
        { 2, QStringLiteral("a"), QStringLiteral("1"), 1 }, // rollout: both
        { 2, QStringLiteral("a"), QStringLiteral("2"), 2 },
        { 3, QStringLiteral("a"), QStringLiteral("2"), 3 },
        { 4, QStringLiteral("a"), QStringLiteral("2"), 3 },
        { 5, QStringLiteral("c"), QStringLiteral("9"), 3 }, // one version only
    };
    const QList<VersionChange> changes = spanlight::versionChanges(samples);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes[0].service, QStringLiteral("a"));
    QCOMPARE(changes[0].before, QStringLiteral("1"));
    QCOMPARE(changes[0].after, QStringLiteral("2"));
    QCOMPARE(changes[0].firstMixed, 2);
    QCOMPARE(changes[0].firstAfter, 3);
}

void TestAnomalyAnalysis::comparedSides()
{
    const OperationSeries s = steadySeries(30, 40, 120, 20, 6);
    const QList<Regression> found = compareSides(s, 0, 30, 30, 40, AnomalyOptions());
    const Regression *p95 = find(found, "svc", "op", AnomalyMetric::LatencyP95);
    QVERIFY(p95);
    QVERIFY(qAbs(p95->before - 52) < 52 * 0.03);
    QVERIFY(qAbs(p95->after - 120) < 120 * 0.03);
    QVERIFY(p95->changePercent > 120);
    QCOMPARE(p95->detectedNs, kT0 + 30 * kMinute);
    const Regression *errors = find(found, "svc", "op", AnomalyMetric::ErrorRate);
    QVERIFY(errors);
    QCOMPARE(errors->after, 0.3);
    // The same sides without a change: nothing.
    QVERIFY(compareSides(steadySeries(), 0, 30, 30, 40, AnomalyOptions()).isEmpty());
}

void TestAnomalyAnalysis::levelShift()
{
    const QList<Regression> found = detectLevelShifts(steadySeries(28, 40, 100), AnomalyOptions());
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].metric, AnomalyMetric::LatencyP95);
    QCOMPARE(found[0].detectedNs, kT0 + 28 * kMinute);
    QVERIFY(found[0].beforeVersion.isEmpty());
    QVERIFY(found[0].changePercent > 80);
}

void TestAnomalyAnalysis::burstIsNoLevelShift()
{
    // Three slow buckets in the middle of the judged ones are an anomaly, not a new level.
    QVERIFY(detectLevelShifts(steadySeries(28, 31, 300), AnomalyOptions()).isEmpty());
}

std::unique_ptr<Store> TestAnomalyAnalysis::openStore(const QString &backend, QString *skip)
{
    QString url;
    if (backend == u"sqlite") {
        url = QStringLiteral("sqlite://") + m_dir.path() + QStringLiteral("/anomalies%1.db").arg(++m_counter);
    } else {
        const QString base = qEnvironmentVariable("SPANLIGHT_TEST_PG_URL");
        if (base.isEmpty()) {
            *skip = QStringLiteral("SPANLIGHT_TEST_PG_URL is not set: PostgreSQL rows skipped");
            return nullptr;
        }
        QUrl u(base);
        const QString name
            = QStringLiteral("spanlight_anomaly%1_%2").arg(QCoreApplication::applicationPid()).arg(++m_counter);
        if (!pgAdmin(u, { QStringLiteral("CREATE DATABASE ") + name }))
            qWarning() << "cannot create" << name;
        m_pgDatabases.append(name);
        u.setPath(u'/' + name);
        url = u.toString();
    }
    QString error;
    std::unique_ptr<Store> store = Store::open(url, &error);
    if (!store)
        qWarning().noquote() << "cannot open" << url << error;
    return store;
}

void TestAnomalyAnalysis::cleanupTestCase()
{
    if (m_pgDatabases.isEmpty())
        return;
    QStringList drops;
    for (const QString &name : std::as_const(m_pgDatabases))
        drops.append(QStringLiteral("DROP DATABASE IF EXISTS ") + name);
    pgAdmin(QUrl(qEnvironmentVariable("SPANLIGHT_TEST_PG_URL")), drops);
}

void TestAnomalyAnalysis::workload_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<bool>("faults");
    for (const char *backend : { "sqlite", "postgres" }) {
        QTest::addRow("%s steady", backend) << QString::fromLatin1(backend) << false;
        QTest::addRow("%s faults", backend) << QString::fromLatin1(backend) << true;
    }
}

void TestAnomalyAnalysis::workload()
{
    QFETCH(QString, backend);
    QFETCH(bool, faults);
    QVERIFY(m_dir.isValid());
    QString skip;
    std::unique_ptr<Store> store = openStore(backend, &skip);
    if (!skip.isEmpty())
        QSKIP(qPrintable(skip));
    QVERIFY(store);
    AnomalyQuery q;
    q.window = windowEndingAt(kNow, 60 * kMinute);
    q.nowNs = kNow;
    QCOMPARE(q.window.fromNs, kT0);

    demo::FaultWorkload w;
    w.fromNs = kT0 - 35 * kMinute;
    w.toNs = kNow;
    if (faults) {
        w.versionChangeNs = kVersionChange;
        w.errorBurst = std::make_pair(kBurstFrom, kBurstTo);
        w.nPlusOne = true;
    }
    QString error;
    QVERIFY2(w.writeTo(*store, &error), qPrintable(error));

    const AnomalyReport report = AnomalyAnalysis(*store).analyse(q);
    if (!faults) {
        QVERIFY2(report.anomalies.isEmpty() && report.regressions.isEmpty(), qPrintable(describe(report)));
        return;
    }
    // The version step: an open latency anomaly of checkout from the change, with the time
    // attributed to checkout itself, and a regression naming both versions.
    const Anomaly *step = find(report.anomalies, "checkout", "POST /checkout", AnomalyMetric::LatencyP95);
    QVERIFY2(step, qPrintable(describe(report)));
    QCOMPARE(step->startedNs, kVersionChange);
    QVERIFY(!step->endedNs);
    QVERIFY2(step->observed > step->expected + 100, qPrintable(describe(report)));
    QVERIFY(!step->attribution.isEmpty());
    QCOMPARE(step->attribution[0].service, QStringLiteral("checkout"));
    QCOMPARE(step->attribution[0].operation, QStringLiteral("POST /checkout"));
    QVERIFY2(step->attribution[0].extraMs() > 100 && step->attribution[0].extraMs() < 140,
        qPrintable(QString::number(step->attribution[0].extraMs())));

    const Regression *regression = find(report.regressions, "checkout", "POST /checkout", AnomalyMetric::LatencyP95);
    QVERIFY2(regression, qPrintable(describe(report)));
    QCOMPARE(regression->beforeVersion, QStringLiteral("1.4.0"));
    QCOMPARE(regression->afterVersion, QStringLiteral("1.5.0"));
    QCOMPARE(regression->detectedNs, kVersionChange);
    QVERIFY2(regression->changePercent > 100, qPrintable(describe(report)));
    // A versioned service's changes are its version changes, never level shifts.
    for (const Regression &r : report.regressions)
        if (r.service == u"checkout")
            QVERIFY2(!r.beforeVersion.isEmpty() && !r.afterVersion.isEmpty(), qPrintable(describe(report)));
    // Only checkout's version changed: its callee is compared with nothing.
    QVERIFY(!find(report.regressions, "inventory", "reserve", AnomalyMetric::LatencyP95));

    // The error burst: inventory-db's failures, started and ended with the burst.
    const Anomaly *burst = find(report.anomalies, "inventory-db", "UPDATE stock", AnomalyMetric::ErrorRate);
    QVERIFY2(burst, qPrintable(describe(report)));
    QCOMPARE(burst->startedNs, kBurstFrom);
    QCOMPARE(burst->endedNs, std::optional<qint64>(kBurstTo));
    QVERIFY(burst->observed > 0.3);
    QCOMPARE(burst->expected, 0.0);

    // The N+1 loop is steady: not an anomaly (it is a recommendation).
    for (const Anomaly &a : report.anomalies)
        QVERIFY2(a.service != u"cart" && a.service != u"cart-db", qPrintable(describe(report)));
}

QTEST_GUILESS_MAIN(TestAnomalyAnalysis)
#include "tst_anomalyanalysis.moc"
