#include "core/ids.h"
#include "core/span.h"
#include "storage/store.h"
#include "ingest/otlpcodec.h"
#include "api/apiservice.h"
#include "spanlightserver.h"

#include "httptestclient.h"
#include "prometheustext.h"
#include "testconfig.h"

#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>


using namespace spanlight;

namespace {

using testsupport::Reply;
using testsupport::gzipped;

QByteArray fixture(const char *name)
{
    return testsupport::fixture(QStringLiteral("data/") + QLatin1String(name));
}

const char *const kTraceId = "5b8efff798038103d269b633813fc60c";

} // namespace

// The REST API and OTLP/HTTP ingest over real HTTP against an in-process server on ephemeral ports.
class TestApi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void ingestJson();
    void authRequired_data();
    void authRequired();
    void rootAndHealth();
    void listTraces();
    void listFilters_data();
    void listFilters();
    void listSorted_data();
    void listSorted();
    void badParameters_data();
    void badParameters();
    void traceDetails();
    void traceSpansFilter();
    void partialTraceAndSubtree();
    void partialTraceBadParameters_data();
    void partialTraceBadParameters();
    void unknownAndMalformedIds_data();
    void unknownAndMalformedIds();
    void routing();
    void ingestProtobufGzip();
    void ingestErrors_data();
    void ingestErrors();
    void partialSuccess();
    void lateRootUpdatesSummary();
    void metrics();
    void requestDurations();
    void openApiDescribesEveryRoute();
    void corsAllowedOrigins();

private:
    Reply call(const QByteArray &method, quint16 port, const QString &pathAndQuery, const QByteArray &body = {},
               QList<QPair<QByteArray, QByteArray>> headers = {}, bool auth = true);
    Reply api(const QString &pathAndQuery) { return call("GET", m_server->apiPort(), pathAndQuery); }
    Reply ingest(const QByteArray &body, const QByteArray &type, QList<QPair<QByteArray, QByteArray>> headers = {})
    {
        headers.append({"Content-Type", type});
        return call("POST", m_server->otlpHttpPort(), QStringLiteral("/v1/traces"), body, headers, false);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<SpanlightServer> m_server;
    QNetworkAccessManager m_nam;
};

Reply TestApi::call(const QByteArray &method, quint16 port, const QString &pathAndQuery, const QByteArray &body,
                    QList<QPair<QByteArray, QByteArray>> headers, bool auth)
{
    if (auth)
        headers.append(qMakePair(QByteArray("Authorization"), QByteArray("Bearer test-token")));
    return testsupport::request(m_nam, method, port, pathAndQuery, body, headers);
}

void TestApi::initTestCase()
{
    QVERIFY(m_dir.isValid());
    Config c = ephemeralConfig(m_dir.filePath(QStringLiteral("api.db")), QStringLiteral("test-token"));
    c.settingsFile = m_dir.filePath(QStringLiteral("spanlight.conf"));
    c.maxBodyBytes = 256 * 1024;
    m_server = std::make_unique<SpanlightServer>(c);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QVERIFY(m_server->apiPort() != 0);
    QVERIFY(m_server->otlpHttpPort() != 0);
}

void TestApi::cleanupTestCase()
{
    m_server->stop();
}

void TestApi::ingestJson()
{
    const Reply r = ingest(fixture("checkout.json"), "application/json");
    QCOMPARE(r.status, 200);
    QVERIFY2(r.contentType.startsWith("application/json"), r.contentType.constData());
    QCOMPARE(r.json(), QJsonObject()); // no partial_success when every span was taken
}

void TestApi::authRequired_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("authorization");
    for (const char *path : {"/", "/health", "/traces", "/traces/5b8efff798038103d269b633813fc60c",
                             "/traces/5b8efff798038103d269b633813fc60c/spans", "/metrics", "/nothing-here"}) {
        QTest::addRow("%s none", path) << QString::fromLatin1(path) << QByteArray();
        QTest::addRow("%s wrong", path) << QString::fromLatin1(path) << QByteArray("Bearer wrong-token");
        QTest::addRow("%s basic", path) << QString::fromLatin1(path) << QByteArray("Basic dGVzdC10b2tlbg==");
        QTest::addRow("%s prefix", path) << QString::fromLatin1(path) << QByteArray("Bearer test-toke");
    }
}

void TestApi::authRequired()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, authorization);
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    const Reply r = call("GET", m_server->apiPort(), path, {}, headers, false);
    QCOMPARE(r.status, 401);
    QVERIFY(r.header("WWW-Authenticate").startsWith("Bearer"));
    const QJsonObject error = r.json().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("unauthorized"));
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
    QVERIFY(!r.body.contains("frontend")); // no data leaks
}

void TestApi::rootAndHealth()
{
    Reply r = api(QStringLiteral("/"));
    QCOMPARE(r.status, 200);
    QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("service")).toString(), QStringLiteral("spanlight"));
    for (const char *key : {"version", "status", "description", "timestamp"})
        QVERIFY2(o.value(QLatin1String(key)).isString(), key);
    QVERIFY(o.value(QStringLiteral("uptime_seconds")).isDouble());

    r = api(QStringLiteral("/health"));
    QCOMPARE(r.status, 200);
    o = r.json();
    QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("healthy"));
    QCOMPARE(o.value(QStringLiteral("traces_processed")).toInteger(), 1);
    QCOMPARE(o.value(QStringLiteral("spans_processed")).toInteger(), 3);
    QVERIFY(o.value(QStringLiteral("active_traces")).isDouble());
    const QJsonObject deps = o.value(QStringLiteral("dependencies")).toObject();
    QCOMPARE(deps.value(QStringLiteral("database")).toBool(), true);
    QCOMPARE(deps.value(QStringLiteral("jaeger")).toBool(), false);
    QCOMPARE(deps.value(QStringLiteral("zipkin")).toBool(), false);
    QCOMPARE(deps.value(QStringLiteral("opentelemetry")).toBool(), false);
    QVERIFY(!o.contains(QStringLiteral("error")));
}

void TestApi::listTraces()
{
    const Reply r = api(QStringLiteral("/traces"));
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("total_count")).toInteger(), 1);
    QCOMPARE(o.value(QStringLiteral("has_more")).toBool(), false);
    const QJsonObject range = o.value(QStringLiteral("time_range")).toObject();
    QVERIFY(range.value(QStringLiteral("start")).toString().endsWith(u'Z'));
    QVERIFY(range.value(QStringLiteral("end")).toString().endsWith(u'Z'));
    const QJsonArray traces = o.value(QStringLiteral("traces")).toArray();
    QCOMPARE(traces.size(), 1);
    const QJsonObject t = traces.first().toObject();
    QCOMPARE(t.value(QStringLiteral("trace_id")).toString(), QLatin1String(kTraceId));
    QCOMPARE(t.value(QStringLiteral("service_name")).toString(), QStringLiteral("frontend"));
    QCOMPARE(t.value(QStringLiteral("operation_name")).toString(), QStringLiteral("GET /checkout"));
    QCOMPARE(t.value(QStringLiteral("start_time")).toString(), QStringLiteral("2025-01-01T00:00:00.000000Z"));
    QCOMPARE(t.value(QStringLiteral("duration_ms")).toDouble(), 250.0);
    QCOMPARE(t.value(QStringLiteral("status")).toString(), QStringLiteral("error"));
    QCOMPARE(t.value(QStringLiteral("spans_count")).toInteger(), 3);
    QCOMPARE(t.value(QStringLiteral("error_message")).toString(), QStringLiteral("payment failed"));
    const QJsonObject tags = t.value(QStringLiteral("tags")).toObject();
    QCOMPARE(tags.value(QStringLiteral("http.request.method")).toString(), QStringLiteral("GET"));
    QCOMPARE(tags.value(QStringLiteral("big.number")).toString(), QStringLiteral("9007199254740993"));
    QCOMPARE(tags.value(QStringLiteral("cached")).toString(), QStringLiteral("false"));
}

void TestApi::listFilters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("expected");
    QTest::newRow("root service") << "service=frontend" << 1;
    QTest::newRow("child service") << "service=payments" << 1;
    QTest::newRow("unknown service") << "service=nope" << 0;
    QTest::newRow("child operation") << "operation=charge" << 1;
    QTest::newRow("operation of other service") << "service=frontend&operation=charge" << 0;
    QTest::newRow("service and operation") << "service=payments&operation=SELECT%20accounts" << 1;
    QTest::newRow("duration_min below") << "duration_min=249.5" << 1;
    QTest::newRow("duration_min above") << "duration_min=250.5" << 0;
    QTest::newRow("duration_max above") << "duration_max=300" << 1;
    QTest::newRow("duration_max below") << "duration_max=100" << 0;
    QTest::newRow("window around") << "start_time=2024-12-31T23:00:00Z&end_time=2025-01-01T01:00:00Z" << 1;
    QTest::newRow("window after") << "start_time=2025-01-02T00:00:00Z" << 0;
    QTest::newRow("window before") << "end_time=2024-12-31T00:00:00Z" << 0;
    QTest::newRow("offset past end") << "offset=1" << 0;
    // The checkout trace: 3 spans, 2 of them failed.
    QTest::newRow("min_spans met") << "min_spans=3" << 1;
    QTest::newRow("min_spans above") << "min_spans=4" << 0;
    QTest::newRow("max_spans below") << "max_spans=2" << 0;
    QTest::newRow("span range") << "min_spans=3&max_spans=3" << 1;
    QTest::newRow("min_errors met") << "min_errors=2" << 1;
    QTest::newRow("min_errors above") << "min_errors=3" << 0;
    QTest::newRow("max_errors below") << "max_errors=1" << 0;
    QTest::newRow("without note") << "has_note=false" << 1;
    QTest::newRow("with note") << "has_note=true" << 0;
    QTest::newRow("sorted") << "sort=error_count&order=asc" << 1;
}

namespace {

// OTLP/JSON for service "sorter": per trace (id, spans, failed spans, duration in ms, seconds ago).
QByteArray shapedTraces(const QList<std::array<int, 5>> &shapes)
{
    QJsonArray spans;
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000000;
    for (const auto &[id, count, failed, ms, ago] : shapes) {
        const QString trace = QStringLiteral("%1").arg(id, 32, 16, QLatin1Char('0'));
        const qint64 start = now - qint64(ago) * 1000000000;
        for (int n = 1; n <= count; ++n) {
            QJsonObject o{{QStringLiteral("traceId"), trace},
                          {QStringLiteral("spanId"), QStringLiteral("%1").arg(n, 16, 16, QLatin1Char('0'))},
                          {QStringLiteral("name"), n == 1 ? QStringLiteral("sort") : QStringLiteral("step")},
                          {QStringLiteral("startTimeUnixNano"), QString::number(start + (n - 1) * 1000)},
                          {QStringLiteral("endTimeUnixNano"), QString::number(start + (n == 1 ? ms * 1000000LL : (n - 1) * 1000 + 2000))}};
            if (n > 1)
                o.insert(QStringLiteral("parentSpanId"), QStringLiteral("%1").arg(1, 16, 16, QLatin1Char('0')));
            if (n <= failed)
                o.insert(QStringLiteral("status"), QJsonObject{{QStringLiteral("code"), 2}});
            spans.append(o);
        }
    }
    const QJsonObject resource{{QStringLiteral("attributes"),
                                QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("service.name")},
                                                       {QStringLiteral("value"),
                                                        QJsonObject{{QStringLiteral("stringValue"), QStringLiteral("sorter")}}}}}}};
    const QJsonObject request{
        {QStringLiteral("resourceSpans"),
         QJsonArray{QJsonObject{{QStringLiteral("resource"), resource},
                                {QStringLiteral("scopeSpans"), QJsonArray{QJsonObject{{QStringLiteral("spans"), spans}}}}}}}};
    return QJsonDocument(request).toJson(QJsonDocument::Compact);
}

} // namespace

// Traces of service "sorter" (spans, failed spans, duration, age):
//   a1: 4, 0, 30 ms, 40 s   a2: 2, 2, 80 ms, 30 s   a3: 3, 1, 10 ms, 20 s   a4: 1, 0, 50 ms, 10 s
void TestApi::listSorted_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");
    const auto ids = [](std::initializer_list<int> list) {
        QStringList out;
        for (const int id : list)
            out.append(QStringLiteral("%1").arg(id, 32, 16, QLatin1Char('0')));
        return out;
    };
    QTest::newRow("default: newest first") << "" << ids({0xa4, 0xa3, 0xa2, 0xa1});
    QTest::newRow("oldest first") << "sort=start_time&order=asc" << ids({0xa1, 0xa2, 0xa3, 0xa4});
    QTest::newRow("order alone") << "order=asc" << ids({0xa1, 0xa2, 0xa3, 0xa4});
    QTest::newRow("slowest first") << "sort=duration" << ids({0xa2, 0xa4, 0xa1, 0xa3});
    QTest::newRow("fastest first") << "sort=duration&order=asc" << ids({0xa3, 0xa1, 0xa4, 0xa2});
    QTest::newRow("most spans") << "sort=span_count&order=desc" << ids({0xa1, 0xa3, 0xa2, 0xa4});
    QTest::newRow("fewest spans") << "sort=span_count&order=asc" << ids({0xa4, 0xa2, 0xa3, 0xa1});
    QTest::newRow("most errors (ties newest first)") << "sort=error_count" << ids({0xa2, 0xa3, 0xa4, 0xa1});
    QTest::newRow("fewest errors") << "sort=error_count&order=asc" << ids({0xa4, 0xa1, 0xa3, 0xa2});
    QTest::newRow("span range") << "min_spans=2&max_spans=3" << ids({0xa3, 0xa2});
    QTest::newRow("failed, fewest errors first") << "min_errors=1&sort=error_count&order=asc" << ids({0xa3, 0xa2});
    QTest::newRow("without errors") << "max_errors=0" << ids({0xa4, 0xa1});
    QTest::newRow("a page of the most spans") << "sort=span_count&limit=2&offset=1" << ids({0xa3, 0xa2});
}

void TestApi::listSorted()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    if (api(QStringLiteral("/traces?service=sorter")).json().value(QStringLiteral("total_count")).toInteger() == 0)
        QCOMPARE(ingest(shapedTraces({{0xa1, 4, 0, 30, 40}, {0xa2, 2, 2, 80, 30}, {0xa3, 3, 1, 10, 20}, {0xa4, 1, 0, 50, 10}}),
                        "application/json")
                     .status,
                 200);
    const Reply r = api(QStringLiteral("/traces?service=sorter&") + query);
    QCOMPARE(r.status, 200);
    QStringList got;
    for (const QJsonValue &t : r.json().value(QStringLiteral("traces")).toArray())
        got.append(t.toObject().value(QStringLiteral("trace_id")).toString());
    QCOMPARE(got, expected);
    const QJsonObject first = r.json().value(QStringLiteral("traces")).toArray().first().toObject();
    QCOMPARE(first.value(QStringLiteral("has_note")).toBool(), false);
    QVERIFY(first.value(QStringLiteral("error_count")).isDouble());
}

void TestApi::listFilters()
{
    QFETCH(QString, query);
    QFETCH(int, expected);
    const Reply r = api(QStringLiteral("/traces?") + query);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("traces")).toArray().size(), expected);
    if (!query.startsWith(u"offset"))
        QCOMPARE(r.json().value(QStringLiteral("total_count")).toInteger(), expected);
}

void TestApi::badParameters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("parameter");
    QTest::newRow("limit negative") << "limit=-1" << "limit";
    QTest::newRow("limit text") << "limit=abc" << "limit";
    QTest::newRow("limit zero") << "limit=0" << "limit";
    QTest::newRow("limit huge") << "limit=100000" << "limit";
    QTest::newRow("offset negative") << "offset=-2" << "offset";
    QTest::newRow("start text") << "start_time=yesterday" << "start_time";
    QTest::newRow("end no zone") << "end_time=2025-01-01T00:00:00" << "end_time";
    QTest::newRow("duration text") << "duration_min=fast" << "duration_min";
    QTest::newRow("duration negative") << "duration_max=-5" << "duration_max";
    QTest::newRow("inverted window") << "start_time=2025-01-02T00:00:00Z&end_time=2025-01-01T00:00:00Z" << "start_time";
    QTest::newRow("inverted durations") << "duration_min=10&duration_max=5" << "duration_min";
    QTest::newRow("min_spans negative") << "min_spans=-1" << "min_spans";
    QTest::newRow("max_spans text") << "max_spans=many" << "max_spans";
    QTest::newRow("min_errors fraction") << "min_errors=1.5" << "min_errors";
    QTest::newRow("max_errors negative") << "max_errors=-3" << "max_errors";
    QTest::newRow("inverted span range") << "min_spans=5&max_spans=2" << "min_spans";
    QTest::newRow("inverted error range") << "min_errors=3&max_errors=1" << "min_errors";
    QTest::newRow("unknown sort") << "sort=name" << "sort";
    QTest::newRow("sort in another case") << "sort=DURATION" << "sort";
    QTest::newRow("unknown order") << "order=up" << "order";
    QTest::newRow("has_note not a boolean") << "has_note=yes" << "has_note";
}

void TestApi::badParameters()
{
    QFETCH(QString, query);
    QFETCH(QString, parameter);
    const Reply r = api(QStringLiteral("/traces?") + query);
    QCOMPARE(r.status, 400);
    const QJsonObject error = r.json().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_parameter"));
    QVERIFY2(error.value(QStringLiteral("message")).toString().startsWith(parameter),
             qPrintable(error.value(QStringLiteral("message")).toString()));
}

void TestApi::traceDetails()
{
    const Reply r = api(QStringLiteral("/traces/") + QLatin1String(kTraceId).toString().toUpper());
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("trace_id")).toString(), QLatin1String(kTraceId));
    QCOMPARE(o.value(QStringLiteral("service_name")).toString(), QStringLiteral("frontend"));
    QCOMPARE(o.value(QStringLiteral("end_time")).toString(), QStringLiteral("2025-01-01T00:00:00.250000Z"));
    QCOMPARE(o.value(QStringLiteral("duration_ms")).toDouble(), 250.0);
    QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("error"));

    const QJsonArray spans = o.value(QStringLiteral("spans")).toArray();
    QCOMPARE(spans.size(), 3);
    // tree order: root, charge, its SELECT child
    const QJsonObject root = spans[0].toObject();
    const QJsonObject charge = spans[1].toObject();
    const QJsonObject select = spans[2].toObject();
    QCOMPARE(root.value(QStringLiteral("span_id")).toString(), QStringLiteral("eee19b7ec3c1b174"));
    QVERIFY(!root.contains(QStringLiteral("parent_span_id")));
    QCOMPARE(charge.value(QStringLiteral("parent_span_id")).toString(), QStringLiteral("eee19b7ec3c1b174"));
    QCOMPARE(select.value(QStringLiteral("parent_span_id")).toString(), QStringLiteral("1111111111111111"));
    QCOMPARE(charge.value(QStringLiteral("service_name")).toString(), QStringLiteral("payments"));
    QCOMPARE(charge.value(QStringLiteral("operation_name")).toString(), QStringLiteral("charge"));
    QCOMPARE(charge.value(QStringLiteral("duration_ms")).toDouble(), 180.0);
    QCOMPARE(charge.value(QStringLiteral("start_time_unix_nano")).toString(), QStringLiteral("1735689600010000000"));
    QCOMPARE(charge.value(QStringLiteral("kind")).toString(), QStringLiteral("client"));
    QCOMPARE(charge.value(QStringLiteral("status")).toString(), QStringLiteral("error"));
    QCOMPARE(select.value(QStringLiteral("status")).toString(), QStringLiteral("success"));
    QCOMPARE(charge.value(QStringLiteral("depth")).toInt(), 1);
    QCOMPARE(select.value(QStringLiteral("depth")).toInt(), 2);
    QCOMPARE(charge.value(QStringLiteral("self_time_ms")).toDouble(), 140.0);
    QCOMPARE(root.value(QStringLiteral("tags")).toObject().value(QStringLiteral("ratio")).toString(),
             QStringLiteral("0.25"));
    QCOMPARE(root.value(QStringLiteral("attributes")).toObject().value(QStringLiteral("big.number")).toInteger(),
             Q_INT64_C(9007199254740993));
    QCOMPARE(root.value(QStringLiteral("resource")).toObject().value(QStringLiteral("service.version")).toString(),
             QStringLiteral("1.4.2"));

    const QJsonArray logs = root.value(QStringLiteral("logs")).toArray();
    QCOMPARE(logs.size(), 1);
    const QJsonObject log = logs.first().toObject();
    QCOMPARE(log.value(QStringLiteral("timestamp")).toString(), QStringLiteral("2025-01-01T00:00:00.200000Z"));
    QCOMPARE(log.value(QStringLiteral("level")).toString(), QStringLiteral("error"));
    QCOMPARE(log.value(QStringLiteral("message")).toString(), QStringLiteral("card declined"));
    QCOMPARE(log.value(QStringLiteral("fields")).toObject().value(QStringLiteral("exception.type")).toString(),
             QStringLiteral("PaymentDeclined"));

    const QJsonArray errors = o.value(QStringLiteral("error_spans")).toArray();
    QCOMPARE(errors.size(), 2);
    const QJsonObject rootError = errors[0].toObject();
    QCOMPARE(rootError.value(QStringLiteral("span_id")).toString(), QStringLiteral("eee19b7ec3c1b174"));
    QCOMPARE(rootError.value(QStringLiteral("error_type")).toString(), QStringLiteral("PaymentDeclined"));
    QCOMPARE(rootError.value(QStringLiteral("error_message")).toString(), QStringLiteral("payment failed"));
    QCOMPARE(rootError.value(QStringLiteral("stack_trace")).toString(), QStringLiteral("at pay()\nat checkout()"));
    const QJsonObject chargeError = errors[1].toObject();
    QCOMPARE(chargeError.value(QStringLiteral("error_type")).toString(), QStringLiteral("Error"));
    QCOMPARE(chargeError.value(QStringLiteral("error_message")).toString(), QStringLiteral("declined"));
    QVERIFY(!chargeError.contains(QStringLiteral("stack_trace")));

    const QJsonObject m = o.value(QStringLiteral("performance_metrics")).toObject();
    QCOMPARE(m.value(QStringLiteral("total_spans")).toInteger(), 3);
    QCOMPARE(m.value(QStringLiteral("error_spans")).toInteger(), 2);
    QCOMPARE(m.value(QStringLiteral("slowest_span_duration")).toDouble(), 250.0);
    QCOMPARE(m.value(QStringLiteral("fastest_span_duration")).toDouble(), 40.0);
    QVERIFY(qAbs(m.value(QStringLiteral("average_span_duration")).toDouble() - (250.0 + 180.0 + 40.0) / 3) < 1e-9);
}

void TestApi::traceSpansFilter()
{
    const QString base = QStringLiteral("/traces/") + QLatin1String(kTraceId) + QStringLiteral("/spans");
    Reply r = api(base);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("spans")).toArray().size(), 3);
    r = api(base + QStringLiteral("?status=error"));
    QCOMPARE(r.json().value(QStringLiteral("spans")).toArray().size(), 2);
    r = api(base + QStringLiteral("?operation=charge"));
    const QJsonArray spans = r.json().value(QStringLiteral("spans")).toArray();
    QCOMPARE(spans.size(), 1);
    QCOMPARE(spans.first().toObject().value(QStringLiteral("span_id")).toString(), QStringLiteral("1111111111111111"));
    r = api(base + QStringLiteral("?status=broken"));
    QCOMPARE(r.status, 400);
    QVERIFY(r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().startsWith(
        QStringLiteral("status")));
}

// A trace of 124 spans: a root, three children, 40 grandchildren under each.
static QByteArray lazyTraceId()
{
    return QByteArray::fromHex("7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a01");
}

static QByteArray lazySpanId(int n)
{
    return QByteArray::fromHex("0000000000000000").left(4) + QByteArray::fromHex(QByteArray::number(0x10000000 + n, 16));
}

void TestApi::partialTraceAndSubtree()
{
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch() * 1000000 - 60000000000LL;
    QList<Span> spans;
    const auto add = [&](int id, int parent, qint64 startMs, qint64 endMs, const QString &name) {
        Span s;
        s.traceId = lazyTraceId();
        s.spanId = lazySpanId(id);
        if (parent)
            s.parentSpanId = lazySpanId(parent);
        s.name = name;
        s.serviceName = QStringLiteral("lazy");
        s.startTimeUnixNano = t0 + startMs * 1000000;
        s.endTimeUnixNano = t0 + endMs * 1000000;
        s.attributes = QJsonObject{{QStringLiteral("n"), id}};
        spans.append(s);
    };
    add(1, 0, 0, 1000, QStringLiteral("batch"));
    for (int c = 0; c < 3; ++c) {
        add(10 + c, 1, c * 300, c * 300 + 290, QStringLiteral("shard"));
        for (int g = 0; g < 40; ++g)
            add(100 + c * 100 + g, 10 + c, c * 300 + g * 7, c * 300 + g * 7 + 5, QStringLiteral("lookup"));
    }
    QFuture<WriteResult> w = m_server->store()->write(spans);
    w.waitForFinished();
    QVERIFY(w.result().ok());
    const QString base = QStringLiteral("/traces/") + idToHex(lazyTraceId());

    Reply r = api(base);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("spans")).toArray().size(), 124);
    QVERIFY(!r.json().contains(QStringLiteral("partial")));

    r = api(base + QStringLiteral("?span_budget=10"));
    QCOMPARE(r.status, 200);
    QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("partial")).toBool(), true);
    QCOMPARE(o.value(QStringLiteral("loaded_spans")).toInt(), 4);
    QCOMPARE(o.value(QStringLiteral("performance_metrics")).toObject().value(QStringLiteral("total_spans")).toInt(), 124);
    QJsonArray top = o.value(QStringLiteral("spans")).toArray();
    QCOMPARE(top.size(), 4);
    QCOMPARE(top[0].toObject().value(QStringLiteral("span_id")).toString(), idToHex(lazySpanId(1)));
    QCOMPARE(top[0].toObject().value(QStringLiteral("unloaded_descendants")).toInt(), 0);
    QCOMPARE(top[0].toObject().value(QStringLiteral("on_critical_path")).toBool(), true);
    for (int c = 1; c <= 3; ++c) {
        const QJsonObject shard = top[c].toObject();
        QCOMPARE(shard.value(QStringLiteral("operation_name")).toString(), QStringLiteral("shard"));
        QCOMPARE(shard.value(QStringLiteral("unloaded_descendants")).toInt(), 40);
        QCOMPARE(shard.value(QStringLiteral("depth")).toInt(), 1);
    }
    // A budget the trace fits in: whole, without the partial fields.
    r = api(base + QStringLiteral("?span_budget=124"));
    QCOMPARE(r.json().value(QStringLiteral("spans")).toArray().size(), 124);
    QVERIFY(!r.json().contains(QStringLiteral("partial")));

    // The subtree of the second shard: its 40 lookups, even over a budget of 5.
    r = api(base + QStringLiteral("/spans?parent=") + idToHex(lazySpanId(11)) + QStringLiteral("&span_budget=5"));
    QCOMPARE(r.status, 200);
    o = r.json();
    QCOMPARE(o.value(QStringLiteral("parent_span_id")).toString(), idToHex(lazySpanId(11)));
    const QJsonArray below = o.value(QStringLiteral("spans")).toArray();
    QCOMPARE(below.size(), 40);
    QCOMPARE(o.value(QStringLiteral("total_count")).toInt(), 40);
    for (qsizetype g = 0; g < below.size(); ++g) {
        const QJsonObject l = below[g].toObject();
        QCOMPARE(l.value(QStringLiteral("span_id")).toString(), idToHex(lazySpanId(200 + int(g))));
        QCOMPARE(l.value(QStringLiteral("parent_span_id")).toString(), idToHex(lazySpanId(11)));
        QCOMPARE(l.value(QStringLiteral("depth")).toInt(), 2);
        QCOMPARE(l.value(QStringLiteral("unloaded_descendants")).toInt(), 0);
        QCOMPARE(l.value(QStringLiteral("attributes")).toObject().value(QStringLiteral("n")).toInt(), 200 + int(g));
    }
    // The filters apply to a subtree too.
    r = api(base + QStringLiteral("/spans?parent=") + idToHex(lazySpanId(1)) + QStringLiteral("&operation=shard"));
    QCOMPARE(r.json().value(QStringLiteral("spans")).toArray().size(), 3);
}

void TestApi::partialTraceBadParameters_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("parameter");
    const QString base = QStringLiteral("/traces/") + idToHex(lazyTraceId());
    QTest::newRow("budget zero") << base + u"?span_budget=0"_qs << 400 << "span_budget";
    QTest::newRow("budget text") << base + u"?span_budget=many"_qs << 400 << "span_budget";
    QTest::newRow("budget huge") << base + u"?span_budget=99999999"_qs << 400 << "span_budget";
    QTest::newRow("unknown trace, budget") << "/traces/00000000000000000000000000000001?span_budget=5" << 404 << "";
    QTest::newRow("parent not hex") << base + u"/spans?parent=xyz"_qs << 400 << "parent";
    QTest::newRow("parent short") << base + u"/spans?parent=0102"_qs << 400 << "parent";
    QTest::newRow("subtree budget zero") << base + u"/spans?parent="_qs + idToHex(lazySpanId(11)) + u"&span_budget=0"_qs << 400
                                         << "span_budget";
    QTest::newRow("budget without parent") << base + u"/spans?span_budget=5"_qs << 400 << "span_budget";
    QTest::newRow("unknown parent") << base + u"/spans?parent=0123456789abcdef"_qs << 404 << "";
    QTest::newRow("unknown trace, parent") << u"/traces/00000000000000000000000000000001/spans?parent="_qs + idToHex(lazySpanId(11))
                                           << 404 << "";
}

void TestApi::partialTraceBadParameters()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, parameter);
    const Reply r = api(path);
    QCOMPARE(r.status, status);
    const QJsonObject error = r.json().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), status == 404 ? u"not_found"_qs : u"invalid_parameter"_qs);
    if (!parameter.isEmpty())
        QVERIFY2(error.value(QStringLiteral("message")).toString().startsWith(parameter + u' '),
            qPrintable(error.value(QStringLiteral("message")).toString()));
}

void TestApi::unknownAndMalformedIds_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::newRow("unknown") << "/traces/00000000000000000000000000000001" << 404;
    QTest::newRow("unknown spans") << "/traces/00000000000000000000000000000001/spans" << 404;
    QTest::newRow("not hex") << "/traces/xyz" << 400;
    QTest::newRow("too long") << "/traces/5b8efff798038103d269b633813fc60c00" << 400;
    QTest::newRow("not hex spans") << "/traces/xyz/spans" << 400;
}

void TestApi::unknownAndMalformedIds()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    const Reply r = api(path);
    QCOMPARE(r.status, status);
    QCOMPARE(r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             status == 404 ? QStringLiteral("not_found") : QStringLiteral("invalid_parameter"));
}

void TestApi::routing()
{
    Reply r = api(QStringLiteral("/no/such/thing"));
    QCOMPARE(r.status, 404);
    r = call("POST", m_server->apiPort(), QStringLiteral("/traces"), "{}");
    QCOMPARE(r.status, 405);
    QVERIFY(r.header("Allow").contains("GET"));
    r = call("OPTIONS", m_server->apiPort(), QStringLiteral("/traces"), {}, {}, false);
    QCOMPARE(r.status, 204);
    QVERIFY(r.header("Access-Control-Allow-Headers").contains("Authorization"));
}

static Span makeSpan(const char *traceHex, const char *spanHex, const char *parentHex, const char *service,
                     const char *name, qint64 start, qint64 end)
{
    Span s;
    s.traceId = QByteArray::fromHex(traceHex);
    s.spanId = QByteArray::fromHex(spanHex);
    s.parentSpanId = QByteArray::fromHex(parentHex);
    s.serviceName = QString::fromLatin1(service);
    s.resourceAttributes.insert(QStringLiteral("service.name"), s.serviceName);
    s.name = QString::fromLatin1(name);
    s.kind = SpanKind::Server;
    s.startTimeUnixNano = start;
    s.endTimeUnixNano = end;
    return s;
}

void TestApi::ingestProtobufGzip()
{
    const qint64 t0 = qint64(1735700000) * 1000000000;
    const QList<Span> spans = {makeSpan("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1", "00000000000000a1", "", "inventory", "reserve", t0,
                                        t0 + 5000000)};
    const QByteArray body = encodeOtlpProtobuf(spans);
    const Reply r = ingest(gzipped(body), "application/x-protobuf", {{"Content-Encoding", "gzip"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.contentType, QByteArray("application/x-protobuf"));
    const Reply t = api(QStringLiteral("/traces/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1"));
    QCOMPARE(t.status, 200);
    QCOMPARE(t.json().value(QStringLiteral("service_name")).toString(), QStringLiteral("inventory"));
    QCOMPARE(t.json().value(QStringLiteral("duration_ms")).toDouble(), 5.0);
}

void TestApi::ingestErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<int>("status");
    QTest::newRow("text/plain") << QByteArray("hello") << QByteArray("text/plain") << QByteArray() << 415;
    QTest::newRow("bad json") << QByteArray("{\"resourceSpans\": [") << QByteArray("application/json") << QByteArray()
                              << 400;
    QTest::newRow("json not object") << QByteArray("[1,2]") << QByteArray("application/json") << QByteArray() << 400;
    QTest::newRow("bad protobuf") << QByteArray("\x0a\xff\xff\xff\xff\x0f", 6) << QByteArray("application/x-protobuf")
                                  << QByteArray() << 400;
    QTest::newRow("bad gzip") << QByteArray("not gzip at all") << QByteArray("application/json") << QByteArray("gzip")
                              << 400;
    QTest::newRow("brotli") << QByteArray("x") << QByteArray("application/json") << QByteArray("br") << 415;
    QTest::newRow("too large") << QByteArray(300 * 1024, ' ') << QByteArray("application/json") << QByteArray() << 413;
    QTest::newRow("gzip bomb") << gzipped(QByteArray(2 * 1024 * 1024, ' ')) << QByteArray("application/json")
                               << QByteArray("gzip") << 413;
}

void TestApi::ingestErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, encoding);
    QFETCH(int, status);
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!encoding.isEmpty())
        headers.append({"Content-Encoding", encoding});
    const Reply r = ingest(body, type, headers);
    QCOMPARE(r.status, status);
    if (type == "application/json" && status != 413)
        QVERIFY2(!r.json().value(QStringLiteral("message")).toString().isEmpty(), r.body.constData());
    // the server still takes good data afterwards
    QCOMPARE(api(QStringLiteral("/health")).status, 200);
}

void TestApi::partialSuccess()
{
    QByteArray body = fixture("checkout.json");
    body.replace("\"spanId\": \"EEE19B7EC3C1B174\"", "\"spanId\": \"NOT-HEX-AT-ALL!!\""); // the root span becomes invalid
    body.replace("5B8EFFF798038103D269B633813FC60C", "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB2");
    const Reply r = ingest(body, "application/json");
    QCOMPARE(r.status, 200);
    const QJsonObject partial = r.json().value(QStringLiteral("partialSuccess")).toObject();
    QCOMPARE(partial.value(QStringLiteral("rejectedSpans")).toVariant().toLongLong(), 1);
    QVERIFY(!partial.value(QStringLiteral("errorMessage")).toString().isEmpty());
    const Reply t = api(QStringLiteral("/traces/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2"));
    QCOMPARE(t.status, 200);
    QCOMPARE(t.json().value(QStringLiteral("spans")).toArray().size(), 2);
}

void TestApi::lateRootUpdatesSummary()
{
    const qint64 t0 = qint64(1735800000) * 1000000000;
    const char *trace = "cccccccccccccccccccccccccccccc03";
    // the child arrives first, the root later
    QCOMPARE(ingest(encodeOtlpProtobuf({makeSpan(trace, "00000000000000c2", "00000000000000c1", "db", "query",
                                                 t0 + 1000000, t0 + 3000000)}),
                    "application/x-protobuf")
                 .status,
             200);
    Reply t = api(QStringLiteral("/traces/") + QLatin1String(trace));
    QCOMPARE(t.json().value(QStringLiteral("service_name")).toString(), QStringLiteral("db"));
    QCOMPARE(ingest(encodeOtlpProtobuf({makeSpan(trace, "00000000000000c1", "", "api", "GET /items", t0, t0 + 10000000)}),
                    "application/x-protobuf")
                 .status,
             200);
    t = api(QStringLiteral("/traces/") + QLatin1String(trace));
    QCOMPARE(t.json().value(QStringLiteral("service_name")).toString(), QStringLiteral("api"));
    QCOMPARE(t.json().value(QStringLiteral("operation_name")).toString(), QStringLiteral("GET /items"));
    QCOMPARE(t.json().value(QStringLiteral("duration_ms")).toDouble(), 10.0);
    QCOMPARE(t.json().value(QStringLiteral("spans")).toArray().size(), 2);
}

void TestApi::metrics()
{
    const Reply r = api(QStringLiteral("/metrics"));
    QCOMPARE(r.status, 200);
    QVERIFY(r.contentType.startsWith("text/plain"));
    QVERIFY(r.body.contains("\ntracing_traces_total "));
    QVERIFY(r.body.contains("# TYPE tracing_ingest_spans_accepted_total counter"));
    // By this point the suite has sent OTLP/JSON, gzipped OTLP protobuf and a request with one invalid span.
    auto value = [&r](const QByteArray &line) {
        for (const QByteArray &l : r.body.split('\n'))
            if (l.startsWith(QByteArray(line + ' ')))
                return l.mid(line.size() + 1).toDouble();
        return -1.0;
    };
    QVERIFY(value("tracing_spans_total{protocol=\"otlp_http\"}") >= 5);
    QCOMPARE(value("tracing_spans_total{protocol=\"zipkin\"}"), 0.0);
    QCOMPARE(value("tracing_spans_rejected_total{reason=\"invalid\"}"), 1.0);
    QVERIFY(value("tracing_database_size_bytes") > 0);
    QCOMPARE(value("tracing_ingest_queue_depth"), 0.0);

    const testsupport::PrometheusText parsed = testsupport::parsePrometheusText(r.body);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.types.value("tracing_ingest_request_duration_seconds"), QByteArray("histogram"));
    QCOMPARE(parsed.types.value("tracing_http_request_duration_seconds"), QByteArray("histogram"));
    QCOMPARE(parsed.types.value("tracing_http_requests_total"), QByteArray("counter"));
    // One series per protocol id, the same ones as tracing_spans_total.
    QCOMPARE(parsed.series("tracing_ingest_request_duration_seconds_count").size(),
             parsed.series("tracing_spans_total").size());
    // Every ingest request this suite sent reached a receiver and was answered, so each one is
    // in a histogram (413s refused by the listener before the body was read are in neither).
    double answered = 0;
    for (const auto &sample : parsed.series("tracing_ingest_request_duration_seconds_count"))
        answered += sample.value;
    QCOMPARE(answered, parsed.value("tracing_ingest_requests_total"));
}

void TestApi::requestDurations()
{
    using Labels = testsupport::PrometheusText::Labels;
    auto scrape = [this] { return testsupport::scrapeMetrics(m_nam, m_server->apiPort(), "test-token"); };
    const testsupport::PrometheusText before = scrape();
    QVERIFY2(before.ok(), qPrintable(before.error));

    // Three OTLP/HTTP requests, accepted or refused: each is counted once, under otlp_http only.
    QCOMPARE(ingest("{}", "application/json").status, 200);
    QCOMPARE(ingest("{\"resourceSpans\": [", "application/json").status, 400);
    QCOMPARE(ingest("hello", "text/plain").status, 415);
    const testsupport::PrometheusText afterIngest = scrape();
    QVERIFY2(afterIngest.ok(), qPrintable(afterIngest.error));
    QVERIFY2(testsupport::firstDecrease(before, afterIngest).isEmpty(),
             qPrintable(testsupport::firstDecrease(before, afterIngest)));
    const char *const ingestCount = "tracing_ingest_request_duration_seconds_count";
    QCOMPARE(afterIngest.value(ingestCount, {{"protocol", "otlp_http"}}),
             before.value(ingestCount, {{"protocol", "otlp_http"}}) + 3);
    for (const char *other : {"otlp_grpc", "zipkin", "jaeger", "other"})
        QCOMPARE(afterIngest.value(ingestCount, {{"protocol", other}}),
                 before.value(ingestCount, {{"protocol", other}}));
    QCOMPARE(afterIngest.value("tracing_ingest_request_duration_seconds_bucket",
                               {{"protocol", "otlp_http"}, {"le", "+Inf"}}),
             afterIngest.value(ingestCount, {{"protocol", "otlp_http"}}));

    // API calls are counted under their route pattern, whatever the id in the path, with the
    // status code on the counter; a 401 too, and unknown paths under "unmatched".
    const QString tracePath = QStringLiteral("/traces/") + QLatin1String(kTraceId);
    QCOMPARE(api(tracePath).status, 200);
    QCOMPARE(api(QStringLiteral("/traces/00000000000000000000000000000abc")).status, 404);
    QCOMPARE(api(QStringLiteral("/traces/not-hex")).status, 400);
    QCOMPARE(call("GET", m_server->apiPort(), tracePath, {}, {}, false).status, 401);
    QCOMPARE(api(QStringLiteral("/no/such/endpoint")).status, 404);
    const testsupport::PrometheusText after = scrape();
    QVERIFY2(after.ok(), qPrintable(after.error));
    QVERIFY2(testsupport::firstDecrease(afterIngest, after).isEmpty(),
             qPrintable(testsupport::firstDecrease(afterIngest, after)));

    const char *const httpCount = "tracing_http_request_duration_seconds_count";
    const Labels trace{{"method", "GET"}, {"route", "/traces/{trace_id}"}};
    QCOMPARE(after.value(httpCount, trace), before.value(httpCount, trace) + 4);
    auto answers = [](const testsupport::PrometheusText &t, const char *route, const char *code) {
        const char *method = qstrcmp(route, "unmatched") == 0 ? "any" : "GET";
        return std::max(0.0,
                        t.value("tracing_http_requests_total", {{"method", method}, {"route", route}, {"code", code}}));
    };
    QCOMPARE(answers(after, "/traces/{trace_id}", "200"), answers(before, "/traces/{trace_id}", "200") + 1);
    QCOMPARE(answers(after, "/traces/{trace_id}", "404"), answers(before, "/traces/{trace_id}", "404") + 1);
    QCOMPARE(answers(after, "/traces/{trace_id}", "400"), answers(before, "/traces/{trace_id}", "400") + 1);
    QCOMPARE(answers(after, "/traces/{trace_id}", "401"), answers(before, "/traces/{trace_id}", "401") + 1);
    QCOMPARE(after.value(httpCount, {{"method", "any"}, {"route", "unmatched"}}),
             before.value(httpCount, {{"method", "any"}, {"route", "unmatched"}}) + 1);
    QCOMPARE(answers(after, "unmatched", "404"), answers(before, "unmatched", "404") + 1);
    // A scrape is recorded once it is answered: the one before and the one after the ingest.
    QCOMPARE(after.value(httpCount, {{"method", "GET"}, {"route", "/metrics"}}),
             before.value(httpCount, {{"method", "GET"}, {"route", "/metrics"}}) + 2);
    QCOMPARE(answers(after, "/metrics", "200"), answers(before, "/metrics", "200") + 2);

    // Route labels are patterns from the route table, never raw paths.
    QStringList patterns{QStringLiteral("unmatched")};
    for (const ApiService::Route &route : ApiService::routes())
        patterns.append(route.pattern);
    QCOMPARE(after.series(httpCount).size(), patterns.size());
    for (const char *name : {httpCount, "tracing_http_requests_total"})
        for (const auto &sample : after.series(name))
            QVERIFY2(patterns.contains(QString::fromUtf8(sample.labels.value("route"))),
                     sample.labels.value("route").constData());
    double answered = 0;
    for (const auto &sample : after.series("tracing_http_requests_total"))
        answered += sample.value;
    double measured = 0;
    for (const auto &sample : after.series(httpCount))
        measured += sample.value;
    QCOMPARE(answered, measured);
}

void TestApi::openApiDescribesEveryRoute()
{
    const Reply r = api(QStringLiteral("/openapi.json"));
    QCOMPARE(r.status, 200);
    const QJsonObject doc = r.json();
    QCOMPARE(doc.value(QStringLiteral("openapi")).toString(), QStringLiteral("3.0.3"));
    const QJsonObject paths = doc.value(QStringLiteral("paths")).toObject();
    // Every endpoint the API documents (README, the issues) is described ...
    for (const char *documented : {"/", "/health", "/metrics", "/openapi.json", "/traces", "/traces/{trace_id}",
                                   "/traces/{trace_id}/spans", "/traces/{trace_id}/compare/{other_trace_id}", "/services", "/services/{service_name}/operations",
                                   "/services/{service_name}/performance", "/errors", "/errors/{error_id}",
                                   "/performance/slowest", "/performance/trends", "/anomalies", "/errors/origins",
                                   "/errors/{error_id}/root-cause", "/recommendations"})
        QVERIFY2(paths.contains(QLatin1String(documented)), documented);
    // ... and every described path is routed: a request reaches its handler, never the
    // "no such endpoint" answer, and every path parameter the pattern names is declared.
    for (auto it = paths.constBegin(); it != paths.constEnd(); ++it) {
        QString path = it.key();
        const QJsonObject get = it.value().toObject().value(QStringLiteral("get")).toObject();
        QVERIFY2(!get.value(QStringLiteral("summary")).toString().isEmpty(), qPrintable(path));
        QStringList declared;
        for (const QJsonValue &p : get.value(QStringLiteral("parameters")).toArray())
            if (p.toObject().value(QStringLiteral("in")).toString() == u"path")
                declared.append(p.toObject().value(QStringLiteral("name")).toString());
        static const QRegularExpression placeholder(QStringLiteral("\\{([a-z_]+)\\}"));
        for (auto m = placeholder.globalMatch(path); m.hasNext();)
            QVERIFY2(declared.contains(m.next().captured(1)), qPrintable(path));
        path.replace(placeholder, QStringLiteral("00000000000000000000000000000001"));
        const Reply answer = api(path);
        QVERIFY2(answer.status != 404
                     || !answer.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message"))
                             .toString().startsWith(QStringLiteral("no such endpoint")),
                 qPrintable(path));
    }
    QVERIFY(api(QStringLiteral("/not-described")).json().value(QStringLiteral("error")).toObject()
                .value(QStringLiteral("message")).toString().startsWith(QStringLiteral("no such endpoint")));
}

void TestApi::corsAllowedOrigins()
{
    // The default: any origin (a web frontend anywhere may use its token).
    Reply r = call("GET", m_server->apiPort(), QStringLiteral("/health"), {}, {{"Origin", "https://anywhere.example"}});
    QCOMPARE(r.header("Access-Control-Allow-Origin"), QByteArray("*"));

    Config c = ephemeralConfig(m_dir.filePath(QStringLiteral("cors.db")));
    c.corsOrigins = {QStringLiteral("https://ui.example.com")};
    SpanlightServer server(c);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    r = call("GET", server.apiPort(), QStringLiteral("/health"), {}, {{"Origin", "https://ui.example.com"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Access-Control-Allow-Origin"), QByteArray("https://ui.example.com"));
    QVERIFY(r.header("Vary").contains("Origin"));
    r = call("GET", server.apiPort(), QStringLiteral("/health"), {}, {{"Origin", "https://evil.example"}});
    QCOMPARE(r.status, 200); // the server answers; the browser withholds it from that page
    QVERIFY(r.header("Access-Control-Allow-Origin").isEmpty());
    r = call("OPTIONS", server.apiPort(), QStringLiteral("/traces"), {}, {{"Origin", "https://ui.example.com"}}, false);
    QCOMPARE(r.status, 204);
    QVERIFY(r.header("Access-Control-Allow-Headers").contains("Authorization"));
    r = call("OPTIONS", server.apiPort(), QStringLiteral("/traces"), {}, {{"Origin", "https://evil.example"}}, false);
    QCOMPARE(r.status, 204);
    QVERIFY(r.header("Access-Control-Allow-Origin").isEmpty());
    QVERIFY(r.header("Access-Control-Allow-Headers").isEmpty());
    server.stop();
}

QTEST_GUILESS_MAIN(TestApi)
#include "tst_api.moc"
