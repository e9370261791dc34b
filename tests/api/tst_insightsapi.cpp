#include "core/timeformat.h"
#include "demo/faultworkload.h"
#include "spanlightserver.h"
#include "storage/store.h"

#include "httptestclient.h"
#include "testconfig.h"

#include <QDateTime>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

using namespace spanlight;

namespace {

const qint64 kMinute = qint64(60) * 1000000000;

struct Reply : testsupport::Reply
{
    QString errorMessage() const
    {
        return json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    }
};

QJsonObject findItem(const QJsonArray &items, const QString &service, const QString &operation, const QString &metric)
{
    for (const QJsonValue &v : items) {
        const QJsonObject o = v.toObject();
        if (o.value(QStringLiteral("service_name")).toString() == service
            && o.value(QStringLiteral("operation_name")).toString() == operation
            && (metric.isEmpty() || o.value(QStringLiteral("metric")).toString() == metric))
            return o;
    }
    return {};
}

} // namespace

// The insight endpoints over real HTTP against two in-process servers with their own stores, fed
// the fault workload (demo/faultworkload.h) through the real Store, ending now: one steady, one
// with a version change of checkout 8 minutes ago (a latency step), an error burst of
// inventory-db 30..24 minutes ago and an N+1 loop in cart. The steady one must report nothing.
constexpr double kFaultyMargin = 5.0;

class TestInsightsApi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void authRequired_data();
    void authRequired();
    void anomalies();
    void anomaliesOfOneService();
    void steadyHasNoAnomalies();
    void anomalyMargin();
    void rootCause();
    void errorOrigins();
    void steadyHasNoErrorOrigins();
    void recommendations();
    void steadyHasNoRecommendations();
    void listedInOpenApi();
    void ownWindow_data();
    void ownWindow();
    void badParameters_data();
    void badParameters();
    void notFound_data();
    void notFound();

private:
    Reply api(SpanlightServer &server, const QString &pathAndQuery, bool auth = true);

    QTemporaryDir m_dir;
    std::unique_ptr<SpanlightServer> m_faulty;
    std::unique_ptr<SpanlightServer> m_steady;
    QNetworkAccessManager m_nam;
    qint64 m_versionChangeNs = 0;
    qint64 m_burstFromNs = 0;
    qint64 m_burstToNs = 0;
};

Reply TestInsightsApi::api(SpanlightServer &server, const QString &pathAndQuery, bool auth)
{
    testsupport::Headers headers;
    if (auth)
        headers.append(qMakePair(QByteArray("Authorization"), QByteArray("Bearer test-token")));
    return {testsupport::request(m_nam, "GET", server.apiPort(), pathAndQuery, {}, headers, 30000)};
}

void TestInsightsApi::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000000;
    const qint64 minute = now - now % kMinute;
    m_versionChangeNs = minute - 8 * kMinute;
    m_burstFromNs = minute - 30 * kMinute;
    m_burstToNs = minute - 24 * kMinute;
    for (const bool faults : { false, true }) {
        Config c = ephemeralConfig(m_dir.filePath(faults ? QStringLiteral("faulty.db") : QStringLiteral("steady.db")));
        c.settingsFile = m_dir.filePath(QStringLiteral("spanlight.conf"));
        if (faults)
            c.anomalyMargin = kFaultyMargin; // ANOMALY_MARGIN; anomalyMargin() checks it is used
        auto server = std::make_unique<SpanlightServer>(c);
        QString error;
        QVERIFY2(server->start(&error), qPrintable(error));
        demo::FaultWorkload w;
        w.fromNs = minute - 95 * kMinute;
        w.toNs = now;
        if (faults) {
            w.versionChangeNs = m_versionChangeNs;
            w.errorBurst = std::make_pair(m_burstFromNs, m_burstToNs);
            w.nPlusOne = true;
        }
        QVERIFY2(w.writeTo(*server->store(), &error), qPrintable(error));
        (faults ? m_faulty : m_steady) = std::move(server);
    }
}

void TestInsightsApi::cleanupTestCase()
{
    m_faulty->stop();
    m_steady->stop();
}

void TestInsightsApi::authRequired_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("anomalies") << QStringLiteral("/anomalies");
    QTest::newRow("origins") << QStringLiteral("/errors/origins");
    QTest::newRow("recommendations") << QStringLiteral("/recommendations");
    QTest::newRow("root cause") << QStringLiteral("/errors/000000000000000000000000000000a40000000000000104/root-cause");
}

void TestInsightsApi::authRequired()
{
    QFETCH(QString, path);
    const Reply r = api(*m_faulty, path, false);
    QCOMPARE(r.status, 401);
    QVERIFY(!r.body.contains("checkout"));
}

void TestInsightsApi::anomalies()
{
    const Reply r = api(*m_faulty, QStringLiteral("/anomalies?time_range=1h"));
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("time_range")).toString(), QStringLiteral("1h"));
    QCOMPARE(o.value(QStringLiteral("bucket_seconds")).toDouble(), 60.0);
    const QJsonArray anomalies = o.value(QStringLiteral("anomalies")).toArray();
    const QJsonArray regressions = o.value(QStringLiteral("regressions")).toArray();

    // The latency step after checkout's version change: open, with the time in checkout itself.
    const QJsonObject step
        = findItem(anomalies, QStringLiteral("checkout"), QStringLiteral("POST /checkout"), QStringLiteral("latency_p95"));
    QVERIFY2(!step.isEmpty(), r.body.constData());
    QCOMPARE(step.value(QStringLiteral("started_at")).toString(), isoFromNanos(m_versionChangeNs));
    QVERIFY(!step.contains(QStringLiteral("ended_at")));
    QCOMPARE(step.value(QStringLiteral("id")).toString().size(), 16);
    QVERIFY(step.value(QStringLiteral("observed")).toDouble() > step.value(QStringLiteral("expected")).toDouble() + 100);
    QVERIFY(step.value(QStringLiteral("score")).toDouble() > 3.5);
    QVERIFY(QStringList({QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high"), QStringLiteral("critical")})
                .contains(step.value(QStringLiteral("severity")).toString()));
    const QJsonObject top = step.value(QStringLiteral("attribution")).toArray().first().toObject();
    QCOMPARE(top.value(QStringLiteral("service_name")).toString(), QStringLiteral("checkout"));
    QCOMPARE(top.value(QStringLiteral("operation_name")).toString(), QStringLiteral("POST /checkout"));
    QVERIFY(top.value(QStringLiteral("extra_ms")).toDouble() > 100);

    const QJsonObject regression = findItem(
        regressions, QStringLiteral("checkout"), QStringLiteral("POST /checkout"), QStringLiteral("latency_p95"));
    QVERIFY2(!regression.isEmpty(), r.body.constData());
    QCOMPARE(regression.value(QStringLiteral("before_version")).toString(), QStringLiteral("1.4.0"));
    QCOMPARE(regression.value(QStringLiteral("after_version")).toString(), QStringLiteral("1.5.0"));
    QCOMPARE(regression.value(QStringLiteral("detected_at")).toString(), isoFromNanos(m_versionChangeNs));
    QVERIFY(regression.value(QStringLiteral("change_percent")).toDouble() > 100);
    QVERIFY(regression.value(QStringLiteral("after")).toDouble() > regression.value(QStringLiteral("before")).toDouble());

    // The error burst of the downstream database, over.
    const QJsonObject burst = findItem(
        anomalies, QStringLiteral("inventory-db"), QStringLiteral("UPDATE stock"), QStringLiteral("error_rate"));
    QVERIFY2(!burst.isEmpty(), r.body.constData());
    QCOMPARE(burst.value(QStringLiteral("started_at")).toString(), isoFromNanos(m_burstFromNs));
    QCOMPARE(burst.value(QStringLiteral("ended_at")).toString(), isoFromNanos(m_burstToNs));
    QCOMPARE(burst.value(QStringLiteral("expected")).toDouble(), 0.0);
    QVERIFY(burst.value(QStringLiteral("observed")).toDouble() > 0.3);
    QVERIFY(!burst.contains(QStringLiteral("attribution")));
}

void TestInsightsApi::anomaliesOfOneService()
{
    const Reply r = api(*m_faulty, QStringLiteral("/anomalies?service=inventory-db&operation=UPDATE%20stock&time_range=1h"));
    QCOMPARE(r.status, 200);
    const QJsonArray anomalies = r.json().value(QStringLiteral("anomalies")).toArray();
    QVERIFY(!anomalies.isEmpty());
    for (const QJsonValue &v : anomalies) {
        QCOMPARE(v.toObject().value(QStringLiteral("service_name")).toString(), QStringLiteral("inventory-db"));
        QCOMPARE(v.toObject().value(QStringLiteral("operation_name")).toString(), QStringLiteral("UPDATE stock"));
    }
    // The default range (24h, 24-minute buckets) answers too.
    QCOMPARE(api(*m_faulty, QStringLiteral("/anomalies")).status, 200);
}

void TestInsightsApi::steadyHasNoAnomalies()
{
    for (const char *range : { "15m", "1h", "6h", "24h" }) {
        const Reply r = api(*m_steady, QStringLiteral("/anomalies?time_range=") + QLatin1String(range));
        QCOMPARE(r.status, 200);
        QVERIFY2(r.json().value(QStringLiteral("anomalies")).toArray().isEmpty(), r.body.constData());
        QVERIFY2(r.json().value(QStringLiteral("regressions")).toArray().isEmpty(), r.body.constData());
    }
}

// A bucket is an anomaly when its score exceeds the margin: the server's (ANOMALY_MARGIN), or
// the request's. The faulty workload's steps are far outside every band, so each margin still
// reports them, with scores above it (at 3.5 one score is 4.55).
void TestInsightsApi::anomalyMargin()
{
    for (const double margin : { 0.0, 1.0, 50.0 }) {
        const QString query = margin > 0 ? QStringLiteral("&margin=%1").arg(margin) : QString();
        const Reply r = api(*m_faulty, QStringLiteral("/anomalies?time_range=1h") + query);
        QCOMPARE(r.status, 200);
        const QJsonArray anomalies = r.json().value(QStringLiteral("anomalies")).toArray();
        QVERIFY2(!anomalies.isEmpty(), r.body.constData());
        for (const QJsonValue &v : anomalies)
            QVERIFY2(v.toObject().value(QStringLiteral("score")).toDouble() > (margin > 0 ? margin : kFaultyMargin),
                qPrintable(query + u' ' + QString::fromUtf8(r.body)));
    }
}

void TestInsightsApi::rootCause()
{
    const Reply list = api(*m_faulty, QStringLiteral("/errors?service=checkout&limit=1"));
    QCOMPARE(list.status, 200);
    const QString id = list.json().value(QStringLiteral("errors")).toArray().first().toObject().value(QStringLiteral("error_id")).toString();
    QCOMPARE(id.size(), 48);
    const Reply r = api(*m_faulty, QStringLiteral("/errors/%1/root-cause").arg(id));
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("error_id")).toString(), id);
    QCOMPARE(o.value(QStringLiteral("service_name")).toString(), QStringLiteral("checkout"));
    const QJsonObject origin = o.value(QStringLiteral("origin")).toObject();
    QCOMPARE(origin.value(QStringLiteral("service_name")).toString(), QStringLiteral("inventory-db"));
    QCOMPARE(origin.value(QStringLiteral("operation_name")).toString(), QStringLiteral("UPDATE stock"));
    QCOMPARE(origin.value(QStringLiteral("error_type")).toString(), QStringLiteral("DeadlockDetected"));
    QCOMPARE(origin.value(QStringLiteral("span_kind")).toString(), QStringLiteral("client"));
    QCOMPARE(origin.value(QStringLiteral("error_id")).toString().left(32), id.left(32));
    const QJsonArray chain = o.value(QStringLiteral("chain")).toArray();
    QCOMPARE(chain.size(), 3);
    QCOMPARE(chain[0].toObject().value(QStringLiteral("service_name")).toString(), QStringLiteral("checkout"));
    QCOMPARE(chain[1].toObject().value(QStringLiteral("service_name")).toString(), QStringLiteral("inventory"));
    QCOMPARE(chain[2].toObject(), origin.isEmpty() ? QJsonObject() : [&] {
        QJsonObject last = origin;
        last.remove(QStringLiteral("error_id"));
        return last;
    }());
    QCOMPARE(o.value(QStringLiteral("summary")).toString(),
        QStringLiteral("checkout POST /checkout failed because of inventory-db UPDATE stock: DeadlockDetected"));
    // The origin's own error is its own origin.
    const Reply self = api(*m_faulty, QStringLiteral("/errors/%1/root-cause").arg(origin.value(QStringLiteral("error_id")).toString()));
    QCOMPARE(self.status, 200);
    QCOMPARE(self.json().value(QStringLiteral("chain")).toArray().size(), 1);
}

void TestInsightsApi::errorOrigins()
{
    const Reply r = api(*m_faulty, QStringLiteral("/errors/origins?time_range=1h"));
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    const QJsonArray origins = o.value(QStringLiteral("origins")).toArray();
    QCOMPARE(origins.size(), 1);
    const QJsonObject g = origins.first().toObject();
    QCOMPARE(g.value(QStringLiteral("service_name")).toString(), QStringLiteral("inventory-db"));
    QCOMPARE(g.value(QStringLiteral("operation_name")).toString(), QStringLiteral("UPDATE stock"));
    QCOMPARE(g.value(QStringLiteral("error_type")).toString(), QStringLiteral("DeadlockDetected"));
    QCOMPARE(g.value(QStringLiteral("share")).toDouble(), 1.0);
    const qint64 total = o.value(QStringLiteral("total_errors")).toInteger();
    QVERIFY(total > 20);
    QCOMPARE(o.value(QStringLiteral("analysed_errors")).toInteger(), total);
    QCOMPARE(g.value(QStringLiteral("error_count")).toInteger(), total);
    QCOMPARE(g.value(QStringLiteral("example_error_ids")).toArray().size(), 5);
    const QJsonObject checkout = findItem(g.value(QStringLiteral("affected_services")).toArray(),
        QStringLiteral("checkout"), QString(), QString());
    QCOMPARE(checkout.value(QStringLiteral("share")).toDouble(), 1.0);
    QCOMPARE(checkout.value(QStringLiteral("error_count")).toInteger() * 4, total);
    QCOMPARE(checkout.value(QStringLiteral("summary")).toString(),
        QStringLiteral("100% of checkout errors start in inventory-db: DeadlockDetected"));
    // 15 minutes ago the burst was over.
    const Reply recent = api(*m_faulty, QStringLiteral("/errors/origins?time_range=15m"));
    QCOMPARE(recent.status, 200);
    QVERIFY(recent.json().value(QStringLiteral("origins")).toArray().isEmpty());
}

void TestInsightsApi::steadyHasNoErrorOrigins()
{
    const Reply r = api(*m_steady, QStringLiteral("/errors/origins"));
    QCOMPARE(r.status, 200);
    QVERIFY(r.json().value(QStringLiteral("origins")).toArray().isEmpty());
    QCOMPARE(r.json().value(QStringLiteral("total_errors")).toInteger(), 0);
}

void TestInsightsApi::recommendations()
{
    const Reply r = api(*m_faulty, QStringLiteral("/recommendations?service=cart&time_range=1h"));
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("sampled_traces")).toInteger(), 200);
    const QJsonArray list = o.value(QStringLiteral("recommendations")).toArray();
    QCOMPARE(list.size(), 1);
    const QJsonObject n = list.first().toObject();
    QCOMPARE(n.value(QStringLiteral("rule")).toString(), QStringLiteral("n_plus_one"));
    QCOMPARE(n.value(QStringLiteral("service_name")).toString(), QStringLiteral("cart"));
    QCOMPARE(n.value(QStringLiteral("operation_name")).toString(), QStringLiteral("GET /cart/items"));
    QCOMPARE(n.value(QStringLiteral("id")).toString().size(), 16);
    // Every sampled trace with cart has the loop: half of the alternating traffic.
    QCOMPARE(n.value(QStringLiteral("occurrences")).toInteger(), 200);
    // 12 calls of ~3 ms: 11 of them saved.
    const double impact = n.value(QStringLiteral("impact_ms")).toDouble();
    QVERIFY2(impact > 11 * 3 * 0.85 && impact < 11 * 3.3, qPrintable(QString::number(impact)));
    QVERIFY(n.value(QStringLiteral("title")).toString().contains(QStringLiteral("N+1")));
    QVERIFY2(n.value(QStringLiteral("description")).toString().contains(QStringLiteral("cart-db SELECT item x12")),
        qPrintable(n.value(QStringLiteral("description")).toString()));
    const QJsonArray examples = n.value(QStringLiteral("example_trace_ids")).toArray();
    QCOMPARE(examples.size(), 5);
    const Reply trace = api(*m_faulty, QStringLiteral("/traces/") + examples.first().toString());
    QCOMPARE(trace.status, 200);
    QVERIFY(trace.body.contains("SELECT item"));

    // Over every service: the version step left checkout spending its time itself.
    const QJsonArray all = api(*m_faulty, QStringLiteral("/recommendations?time_range=15m")).json()
                               .value(QStringLiteral("recommendations")).toArray();
    QVERIFY(!findItem(all, QStringLiteral("cart"), QStringLiteral("GET /cart/items"), QString()).isEmpty());
    const QJsonObject self = findItem(all, QStringLiteral("checkout"), QStringLiteral("POST /checkout"), QString());
    QCOMPARE(self.value(QStringLiteral("rule")).toString(), QStringLiteral("self_time"));
}

void TestInsightsApi::steadyHasNoRecommendations()
{
    for (const char *range : { "15m", "24h" }) {
        const Reply r = api(*m_steady, QStringLiteral("/recommendations?time_range=") + QLatin1String(range));
        QCOMPARE(r.status, 200);
        QVERIFY2(r.json().value(QStringLiteral("recommendations")).toArray().isEmpty(), r.body.constData());
        QCOMPARE(r.json().value(QStringLiteral("sampled_traces")).toInteger(), 200);
    }
}

void TestInsightsApi::listedInOpenApi()
{
    const QJsonObject paths = api(*m_faulty, QStringLiteral("/openapi.json")).json().value(QStringLiteral("paths")).toObject();
    const QJsonObject anomalies = paths.value(QStringLiteral("/anomalies")).toObject().value(QStringLiteral("get")).toObject();
    QVERIFY(!anomalies.isEmpty());
    QStringList names;
    for (const QJsonValue &p : anomalies.value(QStringLiteral("parameters")).toArray())
        names.append(p.toObject().value(QStringLiteral("name")).toString());
    QCOMPARE(names, QStringList({QStringLiteral("service"), QStringLiteral("operation"), QStringLiteral("time_range"),
                        QStringLiteral("margin"), QStringLiteral("start_time"), QStringLiteral("end_time")}));
    QVERIFY(paths.contains(QStringLiteral("/errors/origins")));
    QVERIFY(paths.contains(QStringLiteral("/recommendations")));
    QVERIFY(paths.value(QStringLiteral("/errors/{error_id}/root-cause")).toObject().value(QStringLiteral("get")).toObject()
                .value(QStringLiteral("responses")).toObject().contains(QStringLiteral("404")));
}

// start_time and end_time give a window of the client's own (the remote console's): only what
// starts in it counts, and the anomaly bucket follows its length.
void TestInsightsApi::ownWindow_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("list");
    QTest::newRow("anomalies") << QStringLiteral("/anomalies") << QStringLiteral("anomalies");
    QTest::newRow("origins") << QStringLiteral("/errors/origins") << QStringLiteral("origins");
    QTest::newRow("recommendations") << QStringLiteral("/recommendations") << QStringLiteral("recommendations");
}

void TestInsightsApi::ownWindow()
{
    QFETCH(QString, path);
    QFETCH(QString, list);
    const auto windowed = [&](qint64 fromNs, qint64 toNs) {
        return api(*m_faulty, path + QStringLiteral("?start_time=") + isoFromNanos(fromNs) + QStringLiteral("&end_time=")
            + isoFromNanos(toNs));
    };
    // The hour around the faults finds them; an hour before the workload began finds none.
    const Reply faults = windowed(m_burstFromNs - 40 * kMinute, m_burstToNs + 20 * kMinute);
    QCOMPARE(faults.status, 200);
    QVERIFY2(!faults.json().value(list).toArray().isEmpty(), faults.body.constData());
    const Reply quiet = windowed(m_burstFromNs - 130 * kMinute, m_burstFromNs - 70 * kMinute);
    QCOMPARE(quiet.status, 200);
    QVERIFY2(quiet.json().value(list).toArray().isEmpty(), quiet.body.constData());
    if (path == u"/anomalies")
        QCOMPARE(faults.json().value(QStringLiteral("bucket_seconds")).toDouble(), 60.0);
    // Both or neither.
    const Reply half = api(*m_faulty, path + QStringLiteral("?start_time=") + isoFromNanos(m_burstFromNs));
    QCOMPARE(half.status, 400);
    QVERIFY2(half.errorMessage().startsWith(u"end_time "), qPrintable(half.errorMessage()));
    const Reply backwards = windowed(m_burstToNs, m_burstFromNs);
    QCOMPARE(backwards.status, 400);
    QVERIFY2(backwards.errorMessage().startsWith(u"start_time "), qPrintable(backwards.errorMessage()));
}

void TestInsightsApi::badParameters_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("parameter");
    QTest::newRow("anomalies time_range") << "/anomalies?time_range=2h" << "time_range";
    QTest::newRow("anomalies empty time_range") << "/anomalies?time_range=" << "time_range";
    QTest::newRow("origins time_range") << "/errors/origins?time_range=1w" << "time_range";
    QTest::newRow("recommendations time_range") << "/recommendations?time_range=1" << "time_range";
    QTest::newRow("anomalies margin small") << "/anomalies?margin=0.9" << "margin";
    QTest::newRow("anomalies margin text") << "/anomalies?margin=wide" << "margin";
    QTest::newRow("anomalies margin nan") << "/anomalies?margin=nan" << "margin";
    QTest::newRow("root cause id not hex") << "/errors/xyz/root-cause" << "error_id";
    QTest::newRow("root cause id too short") << "/errors/000000000000000000000000000000a4/root-cause" << "error_id";
}

void TestInsightsApi::badParameters()
{
    QFETCH(QString, path);
    QFETCH(QString, parameter);
    const Reply r = api(*m_faulty, path);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("invalid_parameter"));
    QVERIFY2(r.errorMessage().startsWith(parameter + u' '), qPrintable(r.errorMessage()));
}

void TestInsightsApi::notFound_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("anomalies of an unknown service") << "/anomalies?service=nope";
    QTest::newRow("recommendations of an unknown service") << "/recommendations?service=nope";
    QTest::newRow("root cause of an unknown error") << "/errors/000000000000000000000000000000a40000000000000999/root-cause";
}

void TestInsightsApi::notFound()
{
    QFETCH(QString, path);
    const Reply r = api(*m_faulty, path);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("not_found"));
}

QTEST_GUILESS_MAIN(TestInsightsApi)
#include "tst_insightsapi.moc"
