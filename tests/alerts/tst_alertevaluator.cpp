#include "alerts/alertevaluator.h"
#include "analysis/alertmetrics.h"
#include "storage/store.h"

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
const qint64 kT0 = qint64(1699999200) * kSecond + 10 * kSecond; // 10 s into a minute

Span request(int serial, qint64 start, qint64 durationNs, const QString &service, const QString &errorType = {})
{
    Span s;
    s.traceId = QByteArray(16, '\x0c');
    s.traceId[12] = char(serial >> 24);
    s.traceId[13] = char(serial >> 16);
    s.traceId[14] = char(serial >> 8);
    s.traceId[15] = char(serial);
    s.spanId = s.traceId.right(8);
    s.startTimeUnixNano = start;
    s.endTimeUnixNano = start + durationNs;
    s.serviceName = service;
    s.name = QStringLiteral("POST /checkout");
    s.kind = SpanKind::Server;
    if (!errorType.isEmpty()) {
        s.statusCode = StatusCode::Error;
        s.events.append({ start, QStringLiteral("exception"),
            QJsonObject { { QStringLiteral("exception.type"), errorType } }, 0 });
    }
    return s;
}

} // namespace

// The evaluator against a real store (SQLite, and PostgreSQL with SPANLIGHT_TEST_PG_URL) on a
// fake clock: one runOnce() per evaluation round, spans written through the store at the clock's
// times, so each round reads the rollups the writer keeps.
class TestAlertEvaluator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();
    void conditions_data();
    void conditions();
    void firesAfterForDurationAndResolves();
    void pendingStartsOverWhenTheConditionBreaks();
    void stateSurvivesARestart();
    void instancesDoNotDoubleFire();
    void disabledRuleResolves();
    void changedRuleStartsOver();
    void newErrorType();
    void latencyRule();
    void anomalyRule();
    void steadyWorkloadFiresNothing();

private:
    std::unique_ptr<AlertEvaluator> evaluator(const AnomalyOptions &anomalies = {});
    void write(int ok, int failed, qint64 at, const QString &service = QStringLiteral("checkout"),
        const QString &errorType = QStringLiteral("IOError"), qint64 durationNs = 20 * kMs);
    qint64 addRule(const QString &metric, const QString &comparator, double threshold, qint64 forNs,
        const QString &service = QStringLiteral("checkout"));
    QList<AlertEvent> events(std::optional<bool> firing = std::nullopt);
    bool pgAdmin(const QString &sql);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_url;
    QString m_pgDatabase;
    std::unique_ptr<Store> m_store;
    qint64 m_now = kT0;
    int m_serial = 0;
};

void TestAlertEvaluator::initTestCase_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

bool TestAlertEvaluator::pgAdmin(const QString &sql)
{
    const QUrl url(qEnvironmentVariable("SPANLIGHT_TEST_PG_URL"));
    bool ok = false;
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("alerts-admin"));
        admin.setHostName(url.host());
        admin.setPort(url.port(5432));
        admin.setUserName(url.userName());
        admin.setPassword(url.password());
        admin.setDatabaseName(QStringLiteral("postgres"));
        ok = admin.open() && QSqlQuery(admin).exec(sql);
        if (!ok)
            qWarning().noquote() << sql << "failed:" << admin.lastError().text();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("alerts-admin"));
    return ok;
}

void TestAlertEvaluator::init()
{
    QFETCH_GLOBAL(QString, dialect);
    m_now = kT0;
    if (dialect == u"sqlite") {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_url = QStringLiteral("sqlite://") + m_dir->filePath(QStringLiteral("alerts.db"));
    } else {
        if (qEnvironmentVariableIsEmpty("SPANLIGHT_TEST_PG_URL"))
            QSKIP("SPANLIGHT_TEST_PG_URL is not set: PostgreSQL rows skipped");
        static int counter = 0;
        m_pgDatabase = QStringLiteral("spanlight_alerts%1_%2").arg(QCoreApplication::applicationPid()).arg(++counter);
        QVERIFY(pgAdmin(QStringLiteral("CREATE DATABASE ") + m_pgDatabase));
        QUrl url(qEnvironmentVariable("SPANLIGHT_TEST_PG_URL"));
        url.setPath(u'/' + m_pgDatabase);
        m_url = url.toString();
    }
    QString error;
    m_store = Store::open(m_url, &error);
    QVERIFY2(m_store, qPrintable(error));
}

void TestAlertEvaluator::cleanup()
{
    m_store.reset();
    if (!m_pgDatabase.isEmpty())
        pgAdmin(QStringLiteral("DROP DATABASE IF EXISTS ") + m_pgDatabase + QStringLiteral(" WITH (FORCE)"));
    m_pgDatabase.clear();
    m_dir.reset();
}

std::unique_ptr<AlertEvaluator> TestAlertEvaluator::evaluator(const AnomalyOptions &anomalies)
{
    AlertOptions o;
    o.anomalies = anomalies;
    o.interval = std::chrono::milliseconds(60000);
    o.nowNs = [this] { return m_now; };
    return std::make_unique<AlertEvaluator>(*m_store, o);
}

void TestAlertEvaluator::write(int ok, int failed, qint64 at, const QString &service, const QString &errorType,
    qint64 durationNs)
{
    QList<Span> spans;
    for (int i = 0; i < ok; ++i)
        spans.append(request(++m_serial, at + i * kMs, durationNs, service));
    for (int i = 0; i < failed; ++i)
        spans.append(request(++m_serial, at + i * kMs, durationNs, service, errorType));
    QFuture<WriteResult> f = m_store->write(spans);
    f.waitForFinished();
    QVERIFY2(f.result().ok(), qPrintable(f.result().error));
}

qint64 TestAlertEvaluator::addRule(
    const QString &metric, const QString &comparator, double threshold, qint64 forNs, const QString &service)
{
    AlertRule r;
    r.name = metric + QStringLiteral(" rule");
    r.metric = metric;
    r.service = service;
    r.comparator = comparator;
    r.threshold = threshold;
    r.forNs = forNs;
    r.severity = QStringLiteral("high");
    r.createdNs = r.updatedNs = m_now;
    QString error;
    const std::optional<qint64> id = m_store->addAlertRule(r, &error);
    if (!id)
        qWarning().noquote() << error;
    return id.value_or(0);
}

QList<AlertEvent> TestAlertEvaluator::events(std::optional<bool> firing)
{
    AlertEventFilter f;
    f.firing = firing;
    return m_store->alertEvents(f).value_or(QList<AlertEvent>());
}

void TestAlertEvaluator::conditions_data()
{
    QTest::addColumn<QString>("comparator");
    QTest::addColumn<double>("value");
    QTest::addColumn<bool>("holds");
    QTest::newRow("> above") << ">" << 0.6 << true;
    QTest::newRow("> equal") << ">" << 0.5 << false;
    QTest::newRow(">= equal") << ">=" << 0.5 << true;
    QTest::newRow("< below") << "<" << 0.4 << true;
    QTest::newRow("< equal") << "<" << 0.5 << false;
    QTest::newRow("<= equal") << "<=" << 0.5 << true;
    QTest::newRow("<= above") << "<=" << 0.6 << false;
    QTest::newRow("unknown") << "==" << 0.5 << false;
}

void TestAlertEvaluator::conditions()
{
    QFETCH(QString, comparator);
    QFETCH(double, value);
    QFETCH(bool, holds);
    QCOMPARE(alertConditionHolds(comparator, value, 0.5), holds);
}

void TestAlertEvaluator::firesAfterForDurationAndResolves()
{
    const qint64 id = addRule(QStringLiteral("error_rate"), QStringLiteral(">"), 0.5, 2 * kMinute);
    QVERIFY(id > 0);
    auto e = evaluator();
    write(2, 8, m_now - 5 * kSecond);

    QVERIFY(e->runOnce());
    QVERIFY(events().isEmpty());
    QCOMPARE(m_store->alertRule(id)->pendingSinceNs, std::optional<qint64>(m_now));
    const qint64 since = m_now;

    m_now += kMinute; // held for 1 of 2 minutes
    QVERIFY(e->runOnce());
    QVERIFY(events().isEmpty());

    m_now += kMinute;
    QVERIFY(e->runOnce());
    QList<AlertEvent> firing = events(true);
    QCOMPARE(firing.size(), 1);
    QCOMPARE(firing[0].ruleId, id);
    QCOMPARE(firing[0].startedNs, since + 2 * kMinute);
    QCOMPARE(firing[0].observed, 0.8);
    QCOMPARE(firing[0].severity, QStringLiteral("high"));
    QVERIFY(!m_store->alertRule(id)->pendingSinceNs);
    QCOMPARE(e->counters().fired.load(), 1);
    QCOMPARE(e->counters().firing.load(), 1);

    m_now += kMinute; // still failing: the same alert goes on
    QVERIFY(e->runOnce());
    QCOMPARE(events().size(), 1);

    write(90, 0, m_now - kSecond); // 8 of 100 failed now
    m_now += kMinute;
    QVERIFY(e->runOnce());
    QVERIFY(events(true).isEmpty());
    const QList<AlertEvent> resolved = events(false);
    QCOMPARE(resolved.size(), 1);
    QCOMPARE(resolved[0].id, firing[0].id);
    QCOMPARE(resolved[0].resolvedNs, std::optional<qint64>(m_now));
    QCOMPARE(resolved[0].resolvedValue, std::optional<double>(0.08));
    QCOMPARE(e->counters().resolved.load(), 1);
    QCOMPARE(e->counters().firing.load(), 0);
    QCOMPARE(e->counters().evaluations.load(), 5);
}

void TestAlertEvaluator::pendingStartsOverWhenTheConditionBreaks()
{
    const qint64 id = addRule(QStringLiteral("error_rate"), QStringLiteral(">"), 0.5, 2 * kMinute);
    auto e = evaluator();
    write(0, 5, m_now - kSecond);
    QVERIFY(e->runOnce());
    QVERIFY(m_store->alertRule(id)->pendingSinceNs);

    write(20, 0, m_now + kSecond); // 5 of 25 failed
    m_now += kMinute;
    QVERIFY(e->runOnce());
    QVERIFY(!m_store->alertRule(id)->pendingSinceNs);

    write(0, 30, m_now - kSecond); // 35 of 55 failed: holds again, from now
    const qint64 again = m_now + kMinute;
    m_now = again;
    QVERIFY(e->runOnce());
    QCOMPARE(m_store->alertRule(id)->pendingSinceNs, std::optional<qint64>(again));
    m_now += kMinute;
    QVERIFY(e->runOnce());
    QVERIFY(events().isEmpty()); // 1 minute since it held again, not 3 since it first did
    m_now += kMinute;
    QVERIFY(e->runOnce());
    QCOMPARE(events(true).size(), 1);
}

void TestAlertEvaluator::stateSurvivesARestart()
{
    const qint64 id = addRule(QStringLiteral("error_rate"), QStringLiteral(">="), 0.5, 0);
    write(0, 10, m_now - kSecond);
    qint64 eventId = 0;
    {
        auto e = evaluator();
        QVERIFY(e->runOnce());
        QCOMPARE(events(true).size(), 1);
        eventId = events(true)[0].id;
    }
    m_store->close();
    m_store.reset();
    QString error;
    m_store = Store::open(m_url, &error);
    QVERIFY2(m_store, qPrintable(error));

    auto e = evaluator();
    m_now += kMinute;
    QVERIFY(e->runOnce());
    QCOMPARE(events().size(), 1); // still the one firing alert, not a second
    QCOMPARE(e->counters().fired.load(), 0);
    QCOMPARE(e->counters().firing.load(), 1);

    write(30, 0, m_now);
    m_now += kMinute;
    QVERIFY(e->runOnce());
    const QList<AlertEvent> resolved = events(false);
    QCOMPARE(resolved.size(), 1);
    QCOMPARE(resolved[0].id, eventId);
    QCOMPARE(resolved[0].ruleId, id);
}

void TestAlertEvaluator::instancesDoNotDoubleFire()
{
    const qint64 id = addRule(QStringLiteral("error_rate"), QStringLiteral(">"), 0.5, 0);
    write(0, 10, m_now - kSecond);
    // A second server on the same database, its rounds at the same moments.
    QString error;
    std::unique_ptr<Store> other = Store::open(m_url, &error);
    QVERIFY2(other, qPrintable(error));
    AlertOptions o;
    o.nowNs = [this] { return m_now; };
    AlertEvaluator first(*m_store, o);
    AlertEvaluator second(*other, o);
    for (int round = 0; round < 3; ++round) {
        QVERIFY(first.runOnce());
        QVERIFY(second.runOnce());
        m_now += kMinute;
    }
    QCOMPARE(first.counters().evaluations.load() + second.counters().evaluations.load(), 3);
    QCOMPARE(second.counters().evaluations.load(), 0);
    QCOMPARE(events().size(), 1);
    QCOMPARE(first.counters().fired.load() + second.counters().fired.load(), 1);
    // Even without the claim, the database keeps one open alert per rule.
    QVERIFY(!m_store->fireAlert(id, m_now, 1.0));
    QCOMPARE(events().size(), 1);
}

void TestAlertEvaluator::disabledRuleResolves()
{
    const qint64 id = addRule(QStringLiteral("error_rate"), QStringLiteral(">"), 0.5, 0);
    write(0, 10, m_now - kSecond);
    auto e = evaluator();
    QVERIFY(e->runOnce());
    QCOMPARE(events(true).size(), 1);
    AlertRule rule = *m_store->alertRule(id);
    rule.enabled = false;
    QString error;
    QCOMPARE(m_store->updateAlertRule(rule, &error), std::optional<bool>(true));
    m_now += kMinute;
    QVERIFY(e->runOnce());
    const QList<AlertEvent> resolved = events(false);
    QCOMPARE(resolved.size(), 1);
    QVERIFY(!resolved[0].resolvedValue); // not measured: the rule is off
    m_now += kMinute;
    QVERIFY(e->runOnce());
    QCOMPARE(events().size(), 1);
}

void TestAlertEvaluator::changedRuleStartsOver()
{
    const qint64 id = addRule(QStringLiteral("error_rate"), QStringLiteral(">"), 0.5, 2 * kMinute);
    write(0, 10, m_now - kSecond);
    auto e = evaluator();
    QVERIFY(e->runOnce());
    QVERIFY(m_store->alertRule(id)->pendingSinceNs);
    // The pending time meant the old condition: a changed rule waits its whole duration again.
    AlertRule rule = *m_store->alertRule(id);
    rule.threshold = 0.6;
    QString error;
    QCOMPARE(m_store->updateAlertRule(rule, &error), std::optional<bool>(true));
    QVERIFY(!m_store->alertRule(id)->pendingSinceNs);
    QCOMPARE(m_store->alertRule(id)->threshold, 0.6);
    rule.id = 4242;
    QCOMPARE(m_store->updateAlertRule(rule, &error), std::optional<bool>(false));
}

void TestAlertEvaluator::newErrorType()
{
    // Timeouts are old news: seen two hours ago. DeadlockDetected is not.
    write(0, 3, m_now - 2 * 60 * kMinute, QStringLiteral("checkout"), QStringLiteral("TimeoutError"));
    write(0, 3, m_now - kSecond, QStringLiteral("checkout"), QStringLiteral("TimeoutError"));
    write(0, 2, m_now - kSecond, QStringLiteral("inventory"), QStringLiteral("DeadlockDetected"));
    const ServiceAnalysis analysis(*m_store);
    QCOMPARE(alertMetricValue(analysis, QStringLiteral("new_error_type"), QStringLiteral("checkout"), {}, m_now), 0.0);
    QCOMPARE(alertMetricValue(analysis, QStringLiteral("new_error_type"), QStringLiteral("inventory"), {}, m_now), 1.0);
    QCOMPARE(analysis.newErrorTypes({}, windowEndingAt(m_now, kAlertWindowNs), kNewErrorTypeTrailingNs),
        QStringList { QStringLiteral("DeadlockDetected") });

    addRule(QStringLiteral("new_error_type"), QStringLiteral(">"), 0, 0, QStringLiteral("checkout"));
    const qint64 inventory = addRule(QStringLiteral("new_error_type"), QStringLiteral(">"), 0, 0, QStringLiteral("inventory"));
    auto e = evaluator();
    QVERIFY(e->runOnce());
    const QList<AlertEvent> firing = events(true);
    QCOMPARE(firing.size(), 1);
    QCOMPARE(firing[0].ruleId, inventory);
    QCOMPARE(firing[0].observed, 1.0);
}

void TestAlertEvaluator::latencyRule()
{
    write(95, 0, m_now - kSecond, QStringLiteral("checkout"), {}, 20 * kMs);
    write(5, 0, m_now - kSecond, QStringLiteral("checkout"), {}, 900 * kMs);
    const ServiceAnalysis analysis(*m_store);
    const double p95 = *alertMetricValue(analysis, QStringLiteral("latency_p95"), QStringLiteral("checkout"), {}, m_now);
    const double p99 = *alertMetricValue(analysis, QStringLiteral("latency_p99"), QStringLiteral("checkout"), {}, m_now);
    QVERIFY2(qAbs(p95 - 20) <= 0.4, qPrintable(QString::number(p95))); // within 2%
    QVERIFY2(qAbs(p99 - 900) <= 18, qPrintable(QString::number(p99)));
    QCOMPARE(*alertMetricValue(analysis, QStringLiteral("throughput"), QStringLiteral("checkout"), {}, m_now),
        100.0 / 300.0); // five minutes
    QVERIFY(!alertMetricValue(analysis, QStringLiteral("cpu"), QStringLiteral("checkout"), {}, m_now));

    addRule(QStringLiteral("latency_p95"), QStringLiteral(">"), 500, 0);
    const qint64 p99Rule = addRule(QStringLiteral("latency_p99"), QStringLiteral(">"), 500, 0);
    auto e = evaluator();
    QVERIFY(e->runOnce());
    const QList<AlertEvent> firing = events(true);
    QCOMPARE(firing.size(), 1);
    QCOMPARE(firing[0].ruleId, p99Rule);
}

void TestAlertEvaluator::anomalyRule()
{
    // Forty steady minutes of 20 ms requests: no anomaly, the score is 0 and the rule waits.
    for (int minute = 40; minute >= 1; --minute)
        write(30, 0, m_now - minute * kMinute, QStringLiteral("checkout"), {}, 20 * kMs);
    const ServiceAnalysis analysis(*m_store);
    QCOMPARE(*alertMetricValue(analysis, QStringLiteral("anomaly"), QStringLiteral("checkout"), {}, m_now), 0.0);
    addRule(QStringLiteral("anomaly"), QStringLiteral(">"), 3, 0);
    auto e = evaluator();
    QVERIFY(e->runOnce());
    QVERIFY(events().isEmpty());
    // A minute later (the next round) that minute's requests take 400 ms: a latency anomaly,
    // still going on, fires it.
    m_now += kMinute;
    write(30, 0, m_now - 20 * kSecond, QStringLiteral("checkout"), {}, 400 * kMs);
    const double score = *alertMetricValue(analysis, QStringLiteral("anomaly"), QStringLiteral("checkout"), {}, m_now);
    QVERIFY2(score > 3, qPrintable(QString::number(score)));

    // The evaluator judges by the server's anomaly rule: one that wants more spans per bucket
    // than a minute has sees no anomaly.
    AnomalyOptions strict;
    strict.minSpans = 31;
    QCOMPARE(*alertMetricValue(analysis, QStringLiteral("anomaly"), QStringLiteral("checkout"), {}, m_now, strict), 0.0);
    QVERIFY(evaluator(strict)->runOnce());
    QVERIFY(events(true).isEmpty());

    m_now += 31 * kSecond; // past the strict round's claim; the slow minute is still the last whole one
    QVERIFY(e->runOnce());
    QCOMPARE(events(true).size(), 1);
}

void TestAlertEvaluator::steadyWorkloadFiresNothing()
{
    // Two services at a steady rate with a steady trickle of a known error type, for 20 rounds.
    write(0, 1, m_now - 3 * 60 * kMinute, QStringLiteral("checkout"), QStringLiteral("IOError"));
    addRule(QStringLiteral("error_rate"), QStringLiteral(">"), 0.1, 0);
    addRule(QStringLiteral("latency_p95"), QStringLiteral(">"), 200, 0);
    addRule(QStringLiteral("throughput"), QStringLiteral("<"), 0.05, kMinute);
    addRule(QStringLiteral("new_error_type"), QStringLiteral(">"), 0, 0);
    addRule(QStringLiteral("error_rate"), QStringLiteral(">"), 0.1, 0, QString()); // every service
    auto e = evaluator();
    for (int round = 0; round < 20; ++round) {
        write(48, 1, m_now - 20 * kSecond, QStringLiteral("checkout"), QStringLiteral("IOError"), (15 + round % 10) * kMs);
        write(30, 0, m_now - 20 * kSecond, QStringLiteral("payments"), {}, 40 * kMs);
        QVERIFY(e->runOnce());
        m_now += kMinute;
    }
    QCOMPARE(e->counters().evaluations.load(), 100);
    QVERIFY(events().isEmpty());
    QCOMPARE(e->counters().fired.load(), 0);
}

QTEST_GUILESS_MAIN(TestAlertEvaluator)
#include "tst_alertevaluator.moc"
