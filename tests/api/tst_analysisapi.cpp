#include "core/span.h"
#include "core/timeformat.h"
#include "ingest/otlpcodec.h"
#include "spanlightserver.h"

#include "httptestclient.h"
#include "testconfig.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace spanlight;

namespace {

// The shared test client's reply, with the API's error message at hand.
struct Reply : testsupport::Reply
{
    QString errorMessage() const
    {
        return json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    }
};

const qint64 kMs = 1000000;
const qint64 kSecond = 1000 * kMs;

bool near(double value, double expected, double relative)
{
    return qAbs(value - expected) <= relative * qAbs(expected);
}

} // namespace

// The analysis endpoints over real HTTP against an in-process server with its own store: a small
// workload ingested over OTLP/HTTP ten minutes before now, with hand-computed figures.
//   shop  GET /cart  SERVER roots of traces 1..4 at t + i s, 10i ms; trace 4 fails (CartError)
//   stock reserve    CLIENT child of trace 1, 5 ms, fails with HTTP 503
class TestAnalysisApi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void authRequired_data();
    void authRequired();
    void services();
    void operations();
    void performance();
    void errors();
    void errorFilters_data();
    void errorFilters();
    void errorById();
    void slowest();
    void trends();
    void dependencies();
    void impact();
    void explicitWindow();
    void traceListFilters();
    void badParameters_data();
    void badParameters();
    void notFound_data();
    void notFound();
    void compareTraces();
    void compareRefusals_data();
    void compareRefusals();
    void serviceNameWithSlash(); // last: it adds a service to the workload

private:
    Reply call(const QByteArray &method, quint16 port, const QString &pathAndQuery,
        const QByteArray &body = {}, const QByteArray &contentType = {}, bool auth = true);
    Reply api(const QString &pathAndQuery) { return call("GET", m_server->apiPort(), pathAndQuery); }

    QTemporaryDir m_dir;
    std::unique_ptr<SpanlightServer> m_server;
    QNetworkAccessManager m_nam;
    qint64 m_t = 0;
};

Reply TestAnalysisApi::call(const QByteArray &method, quint16 port, const QString &pathAndQuery,
    const QByteArray &body, const QByteArray &contentType, bool auth)
{
    testsupport::Headers headers;
    if (auth)
        headers.append(qMakePair(QByteArray("Authorization"), QByteArray("Bearer test-token")));
    if (!contentType.isEmpty())
        headers.append(qMakePair(QByteArray("Content-Type"), contentType));
    return {testsupport::request(m_nam, method, port, pathAndQuery, body, headers)};
}

static Span makeSpan(int trace, int id, int parent, const char *service, const char *name, SpanKind kind,
    qint64 start, qint64 duration)
{
    Span s;
    s.traceId = QByteArray::fromHex(QByteArray::number(0xa0 + trace, 16).rightJustified(32, '0'));
    s.spanId = QByteArray::fromHex(QByteArray::number(id, 16).rightJustified(16, '0'));
    if (parent)
        s.parentSpanId = QByteArray::fromHex(QByteArray::number(parent, 16).rightJustified(16, '0'));
    s.serviceName = QString::fromLatin1(service);
    s.resourceAttributes.insert(QStringLiteral("service.name"), s.serviceName);
    s.name = QString::fromLatin1(name);
    s.kind = kind;
    s.startTimeUnixNano = start;
    s.endTimeUnixNano = start + duration;
    return s;
}

void TestAnalysisApi::initTestCase()
{
    QVERIFY(m_dir.isValid());
    Config c = ephemeralConfig(m_dir.filePath(QStringLiteral("analysis.db")), QStringLiteral("test-token"));
    c.settingsFile = m_dir.filePath(QStringLiteral("spanlight.conf"));
    m_server = std::make_unique<SpanlightServer>(c);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));

    m_t = (QDateTime::currentMSecsSinceEpoch() - 10 * 60 * 1000) * kMs;
    QList<Span> spans;
    for (int i = 1; i <= 4; ++i) {
        Span s = makeSpan(
            i, 0x100 + i, 0, "shop", "GET /cart", SpanKind::Server, m_t + i * kSecond, 10 * i * kMs);
        s.attributes.insert(QStringLiteral("http.route"), QStringLiteral("/cart"));
        if (i == 4) {
            s.statusCode = StatusCode::Error;
            SpanEvent e;
            e.name = QStringLiteral("exception");
            e.timeUnixNano = s.startTimeUnixNano + kMs;
            e.attributes.insert(QStringLiteral("exception.type"), QStringLiteral("CartError"));
            e.attributes.insert(QStringLiteral("exception.message"), QStringLiteral("cart 17 missing"));
            e.attributes.insert(QStringLiteral("exception.stacktrace"), QStringLiteral("at cart()"));
            s.events.append(e);
        }
        spans.append(s);
    }
    Span reserve
        = makeSpan(1, 0x201, 0x101, "stock", "reserve", SpanKind::Client, m_t + kSecond + kMs, 5 * kMs);
    reserve.statusCode = StatusCode::Error;
    reserve.statusMessage = QStringLiteral("unavailable");
    reserve.attributes.insert(QStringLiteral("http.status_code"), 503);
    spans.append(reserve);
    const Reply r = call("POST", m_server->otlpHttpPort(), QStringLiteral("/v1/traces"),
        encodeOtlpProtobuf(spans), "application/x-protobuf", false);
    QCOMPARE(r.status, 200);
}

void TestAnalysisApi::cleanupTestCase()
{
    m_server->stop();
}

void TestAnalysisApi::authRequired_data()
{
    QTest::addColumn<QString>("path");
    for (const char *path : { "/services", "/services/shop/operations", "/services/shop/performance",
             "/errors", "/errors/000000000000000000000000000000a40000000000000104", "/performance/slowest",
             "/performance/trends", "/dependencies", "/dependencies/shop/impact",
             "/traces/000000000000000000000000000000a1/compare/000000000000000000000000000000a2" })
        QTest::newRow(path) << QString::fromLatin1(path);
}

void TestAnalysisApi::authRequired()
{
    QFETCH(QString, path);
    const Reply r = call("GET", m_server->apiPort(), path, {}, {}, false);
    QCOMPARE(r.status, 401);
    QVERIFY(!r.body.contains("shop"));
}

void TestAnalysisApi::services()
{
    const Reply r = api(QStringLiteral("/services"));
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("total_services")).toInt(), 2);
    QCOMPARE(o.value(QStringLiteral("total_traces")).toInt(), 4);
    QCOMPARE(o.value(QStringLiteral("total_spans")).toInt(), 5);
    const QJsonArray services = o.value(QStringLiteral("services")).toArray();
    QCOMPARE(services.size(), 2);
    const QJsonObject shop = services[0].toObject();
    QCOMPARE(shop.value(QStringLiteral("name")).toString(), QStringLiteral("shop"));
    QCOMPARE(shop.value(QStringLiteral("traces_count")).toInt(), 4);
    QCOMPARE(shop.value(QStringLiteral("spans_count")).toInt(), 4);
    QCOMPARE(shop.value(QStringLiteral("avg_duration_ms")).toDouble(), 25.0);
    QCOMPARE(shop.value(QStringLiteral("error_rate")).toDouble(), 0.25);
    QVERIFY(shop.value(QStringLiteral("last_trace")).toString().endsWith(u'Z'));
    const QJsonArray ops = shop.value(QStringLiteral("operations")).toArray();
    QCOMPARE(ops.size(), 1);
    const QJsonObject cart = ops[0].toObject();
    QCOMPARE(cart.value(QStringLiteral("name")).toString(), QStringLiteral("GET /cart"));
    QCOMPARE(cart.value(QStringLiteral("count")).toInt(), 4);
    QCOMPARE(cart.value(QStringLiteral("avg_duration_ms")).toDouble(), 25.0);
    QCOMPARE(cart.value(QStringLiteral("error_rate")).toDouble(), 0.25);
    const QJsonObject stock = services[1].toObject();
    QCOMPARE(stock.value(QStringLiteral("name")).toString(), QStringLiteral("stock"));
    QCOMPARE(stock.value(QStringLiteral("traces_count")).toInt(), 1);
    QCOMPARE(stock.value(QStringLiteral("error_rate")).toDouble(), 1.0);
}

void TestAnalysisApi::operations()
{
    Reply r = api(QStringLiteral("/services/shop/operations"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("service_name")).toString(), QStringLiteral("shop"));
    QJsonArray ops = r.json().value(QStringLiteral("operations")).toArray();
    QCOMPARE(ops.size(), 1);
    const QJsonObject cart = ops[0].toObject();
    QCOMPARE(cart.value(QStringLiteral("count")).toInt(), 4);
    QVERIFY(
        near(cart.value(QStringLiteral("p95_duration_ms")).toDouble(), 40.0, 0.02)); // nearest rank 4 of 4
    QCOMPARE(cart.value(QStringLiteral("span_kinds")).toArray(), QJsonArray { QStringLiteral("server") });
    QCOMPARE(cart.value(QStringLiteral("error_rate")).toDouble(), 0.25);
    r = api(QStringLiteral("/services/stock/operations"));
    ops = r.json().value(QStringLiteral("operations")).toArray();
    QCOMPARE(ops[0].toObject().value(QStringLiteral("span_kinds")).toArray(),
        QJsonArray { QStringLiteral("client") });
}

void TestAnalysisApi::performance()
{
    Reply r = api(QStringLiteral("/services/shop/performance"));
    QCOMPARE(r.status, 200);
    QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("service_name")).toString(), QStringLiteral("shop"));
    QCOMPARE(o.value(QStringLiteral("time_range")).toString(), QStringLiteral("24h"));
    QCOMPARE(o.value(QStringLiteral("total_requests")).toInt(), 4);
    QCOMPARE(o.value(QStringLiteral("successful_requests")).toInt(), 3);
    QCOMPARE(o.value(QStringLiteral("failed_requests")).toInt(), 1);
    QCOMPARE(o.value(QStringLiteral("error_rate")).toDouble(), 0.25);
    QCOMPARE(o.value(QStringLiteral("avg_response_time_ms")).toDouble(), 25.0);
    QVERIFY(near(o.value(QStringLiteral("p50_response_time_ms")).toDouble(), 20.0, 0.02));
    QVERIFY(near(o.value(QStringLiteral("p95_response_time_ms")).toDouble(), 40.0, 0.02));
    QVERIFY(near(o.value(QStringLiteral("p99_response_time_ms")).toDouble(), 40.0, 0.02));
    QVERIFY(near(o.value(QStringLiteral("throughput_per_second")).toDouble(), 4.0 / 86400.0, 1e-9));
    const QJsonArray ops = o.value(QStringLiteral("operations")).toArray();
    QCOMPARE(ops.size(), 1);
    QCOMPARE(ops[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("GET /cart"));
    QVERIFY(near(
        ops[0].toObject().value(QStringLiteral("throughput_per_second")).toDouble(), 4.0 / 86400.0, 1e-9));
    // Everything happened in the second half of the range.
    const QJsonObject trends = o.value(QStringLiteral("trends")).toObject();
    QCOMPARE(trends.value(QStringLiteral("response_time_trend")).toString(), QStringLiteral("up"));
    QCOMPARE(trends.value(QStringLiteral("error_rate_trend")).toString(), QStringLiteral("up"));
    QCOMPARE(trends.value(QStringLiteral("throughput_trend")).toString(), QStringLiteral("up"));

    r = api(QStringLiteral("/services/shop/performance?time_range=15m&operation=GET%20%2Fcart"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("time_range")).toString(), QStringLiteral("15m"));
    QCOMPARE(r.json().value(QStringLiteral("total_requests")).toInt(), 4);
    QVERIFY(near(r.json().value(QStringLiteral("throughput_per_second")).toDouble(), 4.0 / 900.0, 1e-9));
    r = api(QStringLiteral("/services/shop/performance?operation=nope"));
    QCOMPARE(r.json().value(QStringLiteral("total_requests")).toInt(), 0);
    QCOMPARE(r.json()
                 .value(QStringLiteral("trends"))
                 .toObject()
                 .value(QStringLiteral("throughput_trend"))
                 .toString(),
        QStringLiteral("stable"));
    // A CLIENT span that is not a root is no request.
    r = api(QStringLiteral("/services/stock/performance"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("total_requests")).toInt(), 0);
}

void TestAnalysisApi::errors()
{
    const Reply r = api(QStringLiteral("/errors"));
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("total_count")).toInt(), 2);
    const QJsonArray errors = o.value(QStringLiteral("errors")).toArray();
    QCOMPARE(errors.size(), 2);
    const QJsonObject cart = errors[0].toObject(); // newest first
    QCOMPARE(cart.value(QStringLiteral("error_id")).toString(),
        QStringLiteral("000000000000000000000000000000a40000000000000104"));
    QCOMPARE(cart.value(QStringLiteral("trace_id")).toString(),
        QStringLiteral("000000000000000000000000000000a4"));
    QCOMPARE(cart.value(QStringLiteral("span_id")).toString(), QStringLiteral("0000000000000104"));
    QCOMPARE(cart.value(QStringLiteral("service_name")).toString(), QStringLiteral("shop"));
    QCOMPARE(cart.value(QStringLiteral("operation_name")).toString(), QStringLiteral("GET /cart"));
    QCOMPARE(cart.value(QStringLiteral("error_type")).toString(), QStringLiteral("CartError"));
    QCOMPARE(cart.value(QStringLiteral("error_message")).toString(), QStringLiteral("cart 17 missing"));
    QCOMPARE(cart.value(QStringLiteral("stack_trace")).toString(), QStringLiteral("at cart()"));
    QCOMPARE(cart.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
    QVERIFY(cart.value(QStringLiteral("timestamp")).toString().endsWith(u'Z'));
    QCOMPARE(cart.value(QStringLiteral("tags")).toObject().value(QStringLiteral("http.route")).toString(),
        QStringLiteral("/cart"));
    const QJsonObject stock = errors[1].toObject();
    QCOMPARE(stock.value(QStringLiteral("error_type")).toString(), QStringLiteral("HTTP 503"));
    QCOMPARE(stock.value(QStringLiteral("severity")).toString(), QStringLiteral("medium"));
    QCOMPARE(
        stock.value(QStringLiteral("tags")).toObject().value(QStringLiteral("http.status_code")).toString(),
        QStringLiteral("503"));
    QVERIFY(!stock.contains(QStringLiteral("stack_trace")));

    const QJsonArray types = o.value(QStringLiteral("error_types")).toArray();
    QCOMPARE(types.size(), 2);
    QCOMPARE(types[0].toObject(),
        (QJsonObject { { QStringLiteral("type"), QStringLiteral("CartError") },
            { QStringLiteral("count"), 1 }, { QStringLiteral("severity"), QStringLiteral("critical") } }));
    QCOMPARE(types[1].toObject().value(QStringLiteral("severity")).toString(), QStringLiteral("medium"));
    const QJsonArray services = o.value(QStringLiteral("services_with_errors")).toArray();
    QCOMPARE(services.size(), 2);
    QCOMPARE(services[0].toObject().value(QStringLiteral("service_name")).toString(), QStringLiteral("shop"));
    QCOMPARE(services[0].toObject().value(QStringLiteral("error_count")).toInt(), 1);
    QCOMPARE(services[0].toObject().value(QStringLiteral("last_error")).toString(),
        cart.value(QStringLiteral("timestamp")).toString());
}

void TestAnalysisApi::errorFilters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("listed");
    QTest::addColumn<int>("total");
    QTest::newRow("service") << "service=stock" << 1 << 1;
    QTest::newRow("unknown service") << "service=nope" << 0 << 0;
    QTest::newRow("type") << "error_type=CartError" << 1 << 1;
    QTest::newRow("type with space") << "error_type=HTTP%20503" << 1 << 1;
    QTest::newRow("critical") << "severity=critical" << 1 << 1;
    QTest::newRow("medium, any case") << "severity=MEDIUM" << 1 << 1;
    QTest::newRow("low") << "severity=low" << 0 << 0;
    QTest::newRow("limit") << "limit=1" << 1 << 2;
    QTest::newRow("window around") << "start_time=2020-01-01T00:00:00Z&end_time=2100-01-01T00:00:00Z" << 2
                                   << 2;
    QTest::newRow("window after") << "start_time=2100-01-01T00:00:00Z" << 0 << 0;
    QTest::newRow("window before") << "end_time=2020-01-01T00:00:00Z" << 0 << 0;
}

void TestAnalysisApi::errorFilters()
{
    QFETCH(QString, query);
    QFETCH(int, listed);
    QFETCH(int, total);
    const Reply r = api(QStringLiteral("/errors?") + query);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("errors")).toArray().size(), listed);
    QCOMPARE(r.json().value(QStringLiteral("total_count")).toInt(), total);
}

void TestAnalysisApi::errorById()
{
    Reply r = api(QStringLiteral("/errors/000000000000000000000000000000A40000000000000104"));
    QCOMPARE(r.status, 200);
    QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("error_id")).toString(),
        QStringLiteral("000000000000000000000000000000a40000000000000104"));
    QCOMPARE(o.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
    QCOMPARE(o.value(QStringLiteral("root_service_name")).toString(), QStringLiteral("shop"));
    QCOMPARE(o.value(QStringLiteral("root_operation_name")).toString(), QStringLiteral("GET /cart"));
    QCOMPARE(o.value(QStringLiteral("stack_trace")).toString(), QStringLiteral("at cart()"));
    QCOMPARE(o.value(QStringLiteral("span_kind")).toString(), QStringLiteral("server"));
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{16}$"))
                .match(o.value(QStringLiteral("fingerprint")).toString())
                .hasMatch());
    const QJsonArray events = o.value(QStringLiteral("events")).toArray();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("exception"));
    QCOMPARE(events[0]
                 .toObject()
                 .value(QStringLiteral("attributes"))
                 .toObject()
                 .value(QStringLiteral("exception.type")),
        QJsonValue(QStringLiteral("CartError")));

    r = api(QStringLiteral("/errors/000000000000000000000000000000a10000000000000201"));
    QCOMPARE(r.status, 200);
    o = r.json();
    QCOMPARE(o.value(QStringLiteral("service_name")).toString(), QStringLiteral("stock"));
    QCOMPARE(o.value(QStringLiteral("root_service_name")).toString(), QStringLiteral("shop"));
    QCOMPARE(o.value(QStringLiteral("events")).toArray().size(), 0);
}

void TestAnalysisApi::slowest()
{
    Reply r = api(QStringLiteral("/performance/slowest"));
    QCOMPARE(r.status, 200);
    QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("time_range")).toString(), QStringLiteral("24h"));
    QJsonArray traces = o.value(QStringLiteral("traces")).toArray();
    QCOMPARE(traces.size(), 4);
    const QJsonObject first = traces[0].toObject();
    QCOMPARE(first.value(QStringLiteral("trace_id")).toString(),
        QStringLiteral("000000000000000000000000000000a4"));
    QCOMPARE(first.value(QStringLiteral("duration_ms")).toDouble(), 40.0);
    QCOMPARE(first.value(QStringLiteral("status")).toString(), QStringLiteral("error"));
    QCOMPARE(first.value(QStringLiteral("service_name")).toString(), QStringLiteral("shop"));
    QCOMPARE(first.value(QStringLiteral("operation_name")).toString(), QStringLiteral("GET /cart"));
    QVERIFY(first.value(QStringLiteral("start_time")).toString().endsWith(u'Z'));
    QCOMPARE(first.value(QStringLiteral("tags")).toObject().value(QStringLiteral("http.route")).toString(),
        QStringLiteral("/cart"));
    QCOMPARE(traces[3].toObject().value(QStringLiteral("duration_ms")).toDouble(), 10.0);
    const QJsonArray ops = o.value(QStringLiteral("operations")).toArray();
    QCOMPARE(ops.size(), 2);
    QCOMPARE(ops[0].toObject(),
        (QJsonObject { { QStringLiteral("service_name"), QStringLiteral("shop") },
            { QStringLiteral("operation_name"), QStringLiteral("GET /cart") },
            { QStringLiteral("avg_duration_ms"), 25.0 }, { QStringLiteral("max_duration_ms"), 40.0 },
            { QStringLiteral("count"), 4 }, { QStringLiteral("error_rate"), 0.25 } }));
    QCOMPARE(ops[1].toObject().value(QStringLiteral("operation_name")).toString(), QStringLiteral("reserve"));

    r = api(QStringLiteral("/performance/slowest?service=stock&limit=1&time_range=1h"));
    QCOMPARE(r.status, 200);
    traces = r.json().value(QStringLiteral("traces")).toArray();
    QCOMPARE(traces.size(), 1);
    QCOMPARE(traces[0].toObject().value(QStringLiteral("trace_id")).toString(),
        QStringLiteral("000000000000000000000000000000a1"));
    QCOMPARE(r.json().value(QStringLiteral("operations")).toArray().size(), 1);
    r = api(QStringLiteral("/performance/slowest?limit=2"));
    QCOMPARE(r.json().value(QStringLiteral("traces")).toArray().size(), 2);
}

void TestAnalysisApi::trends()
{
    Reply r = api(QStringLiteral("/performance/trends?service=shop&time_range=1h&granularity=1m"));
    QCOMPARE(r.status, 200);
    QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("service_name")).toString(), QStringLiteral("shop"));
    QVERIFY(!o.contains(QStringLiteral("operation_name")));
    QCOMPARE(o.value(QStringLiteral("time_range")).toString(), QStringLiteral("1h"));
    QCOMPARE(o.value(QStringLiteral("granularity")).toString(), QStringLiteral("1m"));
    const QJsonArray points = o.value(QStringLiteral("data_points")).toArray();
    QCOMPARE(points.size(), 60);
    double requests = 0;
    int empty = 0;
    qint64 previous = 0;
    for (const QJsonValue &v : points) {
        const QJsonObject p = v.toObject();
        const QString ts = p.value(QStringLiteral("timestamp")).toString();
        QVERIFY2(ts.endsWith(QLatin1String(":00.000000Z")), qPrintable(ts)); // minute boundaries
        const qint64 at = QDateTime::fromString(ts, Qt::ISODateWithMs).toMSecsSinceEpoch();
        if (previous)
            QCOMPARE(at - previous, 60000);
        previous = at;
        requests += p.value(QStringLiteral("throughput_per_second")).toDouble() * 60.0;
        if (p.value(QStringLiteral("throughput_per_second")).toDouble() == 0) {
            ++empty;
            for (const char *key : { "avg_duration_ms", "p50_duration_ms", "p95_duration_ms", "p99_duration_ms", "error_rate" })
                QCOMPARE(p.value(QLatin1String(key)).toDouble(), 0.0);
        }
    }
    QVERIFY(near(requests, 4.0, 1e-9));
    QVERIFY(empty >= 58); // the four requests lie within five seconds
    const QJsonObject t = o.value(QStringLiteral("trends")).toObject();
    QCOMPARE(t.value(QStringLiteral("duration_trend")).toString(), QStringLiteral("up"));
    QCOMPARE(t.value(QStringLiteral("throughput_trend")).toString(), QStringLiteral("up"));
    QCOMPARE(t.value(QStringLiteral("error_rate_trend")).toString(), QStringLiteral("up"));

    r = api(QStringLiteral("/performance/trends"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("granularity")).toString(), QStringLiteral("5m"));
    QCOMPARE(r.json().value(QStringLiteral("time_range")).toString(), QStringLiteral("24h"));
    QCOMPARE(r.json().value(QStringLiteral("data_points")).toArray().size(), 288);
    QVERIFY(!r.json().contains(QStringLiteral("service_name")));
    r = api(QStringLiteral("/performance/trends?time_range=30d&granularity=1h"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("data_points")).toArray().size(), 720);
    r = api(
        QStringLiteral("/performance/trends?service=stock&operation=reserve&time_range=15m&granularity=1m"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("operation_name")).toString(), QStringLiteral("reserve"));
    double reserveErrors = 0;
    for (const QJsonValue &v : r.json().value(QStringLiteral("data_points")).toArray())
        reserveErrors += v.toObject().value(QStringLiteral("error_rate")).toDouble();
    QCOMPARE(reserveErrors, 1.0); // one failed span in one bucket
}

// shop's trace 1 root calls stock's reserve (5 ms, failed): one edge. stock has no entry span
// (reserve is a CLIENT child), so its figures are those of the calls into it.
void TestAnalysisApi::dependencies()
{
    const Reply r = api(QStringLiteral("/dependencies?time_range=1h"));
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("time_range")).toString(), QStringLiteral("1h"));
    const QJsonArray nodes = o.value(QStringLiteral("graph")).toObject().value(QStringLiteral("nodes")).toArray();
    QCOMPARE(nodes.size(), 2);
    QCOMPARE(nodes[0].toObject().value(QStringLiteral("id")).toString(), QStringLiteral("shop"));
    QCOMPARE(nodes[0].toObject().value(QStringLiteral("type")).toString(), QStringLiteral("service"));
    QCOMPARE(nodes[1].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("stock"));
    const QJsonArray edges = o.value(QStringLiteral("graph")).toObject().value(QStringLiteral("edges")).toArray();
    QCOMPARE(edges.size(), 1);
    const QJsonObject e = edges[0].toObject();
    QCOMPARE(e.value(QStringLiteral("source")).toString(), QStringLiteral("shop"));
    QCOMPARE(e.value(QStringLiteral("target")).toString(), QStringLiteral("stock"));
    QCOMPARE(e.value(QStringLiteral("weight")).toInt(), 1);
    QCOMPARE(e.value(QStringLiteral("avg_latency_ms")).toDouble(), 5.0);
    QCOMPARE(e.value(QStringLiteral("error_rate")).toDouble(), 1.0);

    const QJsonArray services = o.value(QStringLiteral("services")).toArray();
    QCOMPARE(services.size(), 2);
    const QJsonObject shop = services[0].toObject();
    QCOMPARE(shop.value(QStringLiteral("name")).toString(), QStringLiteral("shop"));
    QCOMPARE(shop.value(QStringLiteral("dependencies")).toArray(), QJsonArray({ QStringLiteral("stock") }));
    QCOMPARE(shop.value(QStringLiteral("dependents")).toArray(), QJsonArray());
    QCOMPARE(shop.value(QStringLiteral("call_count")).toInt(), 4);
    QCOMPARE(shop.value(QStringLiteral("avg_latency_ms")).toDouble(), 25.0);
    QCOMPARE(shop.value(QStringLiteral("error_rate")).toDouble(), 0.25);
    const QJsonObject stock = services[1].toObject();
    QCOMPARE(stock.value(QStringLiteral("dependents")).toArray(), QJsonArray({ QStringLiteral("shop") }));
    QCOMPARE(stock.value(QStringLiteral("call_count")).toInt(), 1);
    QCOMPARE(stock.value(QStringLiteral("error_rate")).toDouble(), 1.0);

    // shop's self time: 25 ms per request minus 1 x 5 ms over 4 requests; stock's: 5 ms.
    const QJsonArray paths = o.value(QStringLiteral("critical_paths")).toArray();
    QCOMPARE(paths.size(), 1);
    const QJsonObject path = paths[0].toObject();
    QCOMPARE(path.value(QStringLiteral("path")).toArray(), QJsonArray({ QStringLiteral("shop"), QStringLiteral("stock") }));
    QCOMPARE(path.value(QStringLiteral("total_latency_ms")).toDouble(), 28.75);
    QCOMPARE(path.value(QStringLiteral("bottleneck_service")).toString(), QStringLiteral("shop"));

    // The default range is 24h, which holds the workload too.
    QCOMPARE(api(QStringLiteral("/dependencies")).json().value(QStringLiteral("graph"))
                 .toObject().value(QStringLiteral("edges")).toArray().size(), 1);
}

void TestAnalysisApi::impact()
{
    Reply r = api(QStringLiteral("/dependencies/stock/impact?time_range=1h"));
    QCOMPARE(r.status, 200);
    QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("service_name")).toString(), QStringLiteral("stock"));
    QCOMPARE(o.value(QStringLiteral("dependents")).toArray(), QJsonArray({ QStringLiteral("shop") }));
    QCOMPARE(o.value(QStringLiteral("transitive_dependents")).toArray(), QJsonArray({ QStringLiteral("shop") }));
    QCOMPARE(o.value(QStringLiteral("dependencies")).toArray(), QJsonArray());
    QCOMPARE(o.value(QStringLiteral("call_count")).toInt(), 1);
    QCOMPARE(o.value(QStringLiteral("avg_latency_ms")).toDouble(), 5.0);
    QCOMPARE(o.value(QStringLiteral("impact_score")).toDouble(), 1.0); // every request of the only root
    QCOMPARE(o.value(QStringLiteral("critical_paths")).toArray().size(), 1);

    // A root reaches itself: all of its own requests.
    r = api(QStringLiteral("/dependencies/shop/impact"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("transitive_dependents")).toArray(), QJsonArray());
    QCOMPARE(r.json().value(QStringLiteral("dependencies")).toArray(), QJsonArray({ QStringLiteral("stock") }));
    QCOMPARE(r.json().value(QStringLiteral("impact_score")).toDouble(), 1.0);
}

// start_time + end_time instead of time_range (what the remote console asks), and the trend
// series of every span and of trace starts.
void TestAnalysisApi::explicitWindow()
{
    const qint64 minute = 60 * kSecond;
    const qint64 from = m_t - m_t % minute;
    auto window = [](qint64 a, qint64 b) {
        return QStringLiteral("start_time=%1&end_time=%2").arg(isoFromNanos(a), isoFromNanos(b));
    };
    const QString around = window(from, from + 10 * minute);
    const QString before = window(from - 60 * minute, from - 50 * minute);
    auto sumOf = [](const QJsonObject &o, qsizetype *points = nullptr) {
        qint64 sum = 0;
        const QJsonArray data = o.value(QStringLiteral("data_points")).toArray();
        for (const QJsonValue &v : data)
            sum += v.toObject().value(QStringLiteral("count")).toInteger();
        if (points)
            *points = data.size();
        return sum;
    };

    Reply r = api(QStringLiteral("/performance/trends?granularity=1m&") + around);
    QCOMPARE(r.status, 200);
    qsizetype points = 0;
    QCOMPARE(sumOf(r.json(), &points), 4); // the requests: shop's four roots
    QCOMPARE(points, 10);
    QCOMPARE(r.json().value(QStringLiteral("data_points")).toArray().first().toObject().value(QStringLiteral("timestamp")).toString(),
        isoFromNanos(from));
    r = api(QStringLiteral("/performance/trends?granularity=1m&series=spans&") + around);
    QCOMPARE(r.status, 200);
    QCOMPARE(sumOf(r.json()), 5); // every span, the CLIENT one too
    r = api(QStringLiteral("/performance/trends?granularity=5m&series=trace_starts&") + around);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("series")).toString(), QStringLiteral("trace_starts"));
    QCOMPARE(sumOf(r.json(), &points), 4);
    QCOMPARE(points, 2);
    r = api(QStringLiteral("/performance/trends?granularity=1m&series=trace_starts&") + before);
    QCOMPARE(sumOf(r.json()), 0);

    r = api(QStringLiteral("/services/shop/performance?") + around);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("total_requests")).toInt(), 4);
    r = api(QStringLiteral("/services/shop/performance?") + before);
    QCOMPARE(r.json().value(QStringLiteral("total_requests")).toInt(), 0);

    r = api(QStringLiteral("/dependencies?") + around);
    QCOMPARE(r.json().value(QStringLiteral("graph")).toObject().value(QStringLiteral("edges")).toArray().size(), 1);
    r = api(QStringLiteral("/dependencies?") + before);
    QCOMPARE(r.json().value(QStringLiteral("graph")).toObject().value(QStringLiteral("edges")).toArray().size(), 0);

    r = api(QStringLiteral("/dependencies/stock/impact?") + around);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("dependents")).toArray(), QJsonArray{QStringLiteral("shop")});

    r = api(QStringLiteral("/performance/slowest?") + around);
    QCOMPARE(r.json().value(QStringLiteral("traces")).toArray().size(), 4);
    r = api(QStringLiteral("/performance/slowest?") + before);
    QCOMPARE(r.json().value(QStringLiteral("traces")).toArray().size(), 0);
}

// status, tag and sort on the trace search (the console's Traces page filters), and the list
// items' error_count and has_root.
void TestAnalysisApi::traceListFilters()
{
    auto traces = [this](const QString &query) {
        const Reply r = api(QStringLiteral("/traces?") + query);
        return r.status == 200 ? r.json().value(QStringLiteral("traces")).toArray() : QJsonArray{QStringLiteral("failed")};
    };
    QCOMPARE(traces(QStringLiteral("status=error")).size(), 2); // trace 1 (its reserve failed) and 4
    QCOMPARE(traces(QStringLiteral("status=success")).size(), 2);
    QCOMPARE(traces(QStringLiteral("tag=http.route:/cart")).size(), 4);
    QCOMPARE(traces(QStringLiteral("tag=http.route:/cart&tag=http.route:/other")).size(), 0);
    const QJsonArray slowest = traces(QStringLiteral("sort=duration&service=shop"));
    QCOMPARE(slowest.size(), 4);
    QCOMPARE(slowest[0].toObject().value(QStringLiteral("duration_ms")).toDouble(), 40.0);
    QCOMPARE(slowest[3].toObject().value(QStringLiteral("duration_ms")).toDouble(), 10.0);
    const QJsonArray newest = traces(QStringLiteral("sort=start_time"));
    QCOMPARE(newest[0].toObject().value(QStringLiteral("duration_ms")).toDouble(), 40.0); // trace 4 started last
    QCOMPARE(newest[0].toObject().value(QStringLiteral("error_count")).toInt(), 1);
    QCOMPARE(newest[0].toObject().value(QStringLiteral("has_root")).toBool(), true);
    QCOMPARE(newest[3].toObject().value(QStringLiteral("error_count")).toInt(), 1); // trace 1: the reserve span
    QCOMPARE(newest[2].toObject().value(QStringLiteral("error_count")).toInt(), 0);
}

void TestAnalysisApi::badParameters_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("parameter");
    QTest::newRow("performance time_range") << "/services/shop/performance?time_range=2h"
                                            << "time_range";
    QTest::newRow("performance empty time_range") << "/services/shop/performance?time_range="
                                                  << "time_range";
    QTest::newRow("errors severity") << "/errors?severity=urgent"
                                     << "severity";
    QTest::newRow("errors limit zero") << "/errors?limit=0"
                                       << "limit";
    QTest::newRow("errors limit huge") << "/errors?limit=5000"
                                       << "limit";
    QTest::newRow("errors limit text") << "/errors?limit=ten"
                                       << "limit";
    QTest::newRow("errors start_time") << "/errors?start_time=yesterday"
                                       << "start_time";
    QTest::newRow("errors end_time") << "/errors?end_time=2025-01-01T00:00:00"
                                     << "end_time";
    QTest::newRow("errors inverted")
        << "/errors?start_time=2025-01-02T00:00:00Z&end_time=2025-01-01T00:00:00Z"
        << "start_time";
    QTest::newRow("error id not hex") << "/errors/xyz"
                                      << "error_id";
    QTest::newRow("error id too short") << "/errors/000000000000000000000000000000a4"
                                        << "error_id";
    QTest::newRow("slowest time_range") << "/performance/slowest?time_range=1y"
                                        << "time_range";
    QTest::newRow("slowest limit") << "/performance/slowest?limit=0"
                                   << "limit";
    QTest::newRow("trends granularity") << "/performance/trends?granularity=10m"
                                        << "granularity";
    QTest::newRow("trends time_range") << "/performance/trends?time_range=90d"
                                       << "time_range";
    QTest::newRow("7d by 1m: 10080 points") << "/performance/trends?time_range=7d&granularity=1m"
                                            << "granularity";
    QTest::newRow("7d by 5m: 2016 points") << "/performance/trends?time_range=7d&granularity=5m"
                                           << "granularity";
    QTest::newRow("30d by 5m") << "/performance/trends?time_range=30d&granularity=5m"
                               << "granularity";
    QTest::newRow("dependencies time_range") << "/dependencies?time_range=1w"
                                             << "time_range";
    QTest::newRow("impact time_range") << "/dependencies/shop/impact?time_range=-1h"
                                       << "time_range";
    QTest::newRow("start_time without end_time") << "/performance/trends?start_time=2025-01-01T00:00:00Z"
                                                 << "end_time";
    QTest::newRow("end_time without start_time") << "/dependencies?end_time=2025-01-01T00:00:00Z"
                                                 << "start_time";
    QTest::newRow("window inverted") << "/services/shop/performance?start_time=2025-01-02T00:00:00Z&end_time=2025-01-01T00:00:00Z"
                                     << "start_time";
    QTest::newRow("window end_time") << "/performance/slowest?start_time=2025-01-01T00:00:00Z&end_time=tomorrow"
                                     << "end_time";
    QTest::newRow("window of 60d by 1m") << "/performance/trends?granularity=1m&start_time=2025-01-01T00:00:00Z&end_time=2025-03-02T00:00:00Z"
                                         << "granularity";
    QTest::newRow("trends series") << "/performance/trends?series=bytes"
                                   << "series";
    QTest::newRow("series of one service") << "/performance/trends?series=spans&service=shop"
                                           << "series";
    QTest::newRow("traces status") << "/traces?status=broken"
                                   << "status";
    QTest::newRow("traces tag") << "/traces?tag=novalue"
                                << "tag";
    QTest::newRow("traces sort") << "/traces?sort=oldest"
                                 << "sort";
}

void TestAnalysisApi::badParameters()
{
    QFETCH(QString, path);
    QFETCH(QString, parameter);
    const Reply r = api(path);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("invalid_parameter"));
    QVERIFY2(r.errorMessage().startsWith(parameter + u' '), qPrintable(r.errorMessage()));
}

void TestAnalysisApi::notFound_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("operations") << "/services/nope/operations";
    QTest::newRow("performance") << "/services/nope/performance";
    QTest::newRow("slowest") << "/performance/slowest?service=nope";
    QTest::newRow("trends") << "/performance/trends?service=nope";
    QTest::newRow("error id") << "/errors/000000000000000000000000000000a40000000000000999";
    QTest::newRow("error id of a span without error")
        << "/errors/000000000000000000000000000000a10000000000000101";
    QTest::newRow("service without endpoint") << "/services/shop";
    QTest::newRow("performance root") << "/performance";
    QTest::newRow("impact") << "/dependencies/nope/impact";
}

void TestAnalysisApi::notFound()
{
    QFETCH(QString, path);
    const Reply r = api(path);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("not_found"));
}

void TestAnalysisApi::compareTraces()
{
    const QString one = QStringLiteral("000000000000000000000000000000a1");
    const QString two = QStringLiteral("000000000000000000000000000000a2");
    // trace 1: GET /cart 10 ms (5 ms self) with stock reserve 5 ms; trace 2: GET /cart 20 ms alone
    Reply r = api(QStringLiteral("/traces/%1/compare/%2").arg(one, two));
    QCOMPARE(r.status, 200);
    QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("baseline")).toObject(),
             QJsonObject({{QStringLiteral("trace_id"), one}, {QStringLiteral("duration_ms"), 10}, {QStringLiteral("span_count"), 2}}));
    QCOMPARE(o.value(QStringLiteral("candidate")).toObject(),
             QJsonObject({{QStringLiteral("trace_id"), two}, {QStringLiteral("duration_ms"), 20}, {QStringLiteral("span_count"), 1}}));
    QCOMPARE(o.value(QStringLiteral("matched")).toInt(), 1);
    QCOMPARE(o.value(QStringLiteral("only_in_baseline")).toInt(), 1);
    QCOMPARE(o.value(QStringLiteral("only_in_candidate")).toInt(), 0);
    QJsonArray spans = o.value(QStringLiteral("spans")).toArray();
    QCOMPARE(spans.size(), 2);
    const QJsonObject root = spans[0].toObject();
    QCOMPARE(root, QJsonObject({{QStringLiteral("path"), QJsonArray{QStringLiteral("shop: GET /cart")}},
                                {QStringLiteral("service_name"), QStringLiteral("shop")},
                                {QStringLiteral("operation_name"), QStringLiteral("GET /cart")},
                                {QStringLiteral("status"), QStringLiteral("matched")},
                                {QStringLiteral("baseline_span_id"), QStringLiteral("0000000000000101")},
                                {QStringLiteral("candidate_span_id"), QStringLiteral("0000000000000102")},
                                {QStringLiteral("baseline_duration_ms"), 10},
                                {QStringLiteral("candidate_duration_ms"), 20},
                                {QStringLiteral("delta_ms"), 10},
                                {QStringLiteral("delta_percent"), 100},
                                {QStringLiteral("self_delta_ms"), 15}}));
    QCOMPARE(spans[1].toObject(),
             QJsonObject({{QStringLiteral("path"), QJsonArray{QStringLiteral("shop: GET /cart"), QStringLiteral("stock: reserve")}},
                          {QStringLiteral("service_name"), QStringLiteral("stock")},
                          {QStringLiteral("operation_name"), QStringLiteral("reserve")},
                          {QStringLiteral("status"), QStringLiteral("only_in_baseline")},
                          {QStringLiteral("baseline_span_id"), QStringLiteral("0000000000000201")},
                          {QStringLiteral("baseline_duration_ms"), 5}}));

    // the other way round: faster, and the reserve is new
    r = api(QStringLiteral("/traces/%1/compare/%2").arg(two, one.toUpper()));
    QCOMPARE(r.status, 200);
    o = r.json();
    QCOMPARE(o.value(QStringLiteral("only_in_candidate")).toInt(), 1);
    spans = o.value(QStringLiteral("spans")).toArray();
    QCOMPARE(spans[0].toObject().value(QStringLiteral("delta_ms")).toDouble(), -10.0);
    QCOMPARE(spans[0].toObject().value(QStringLiteral("delta_percent")).toDouble(), -50.0);
    QCOMPARE(spans[1].toObject().value(QStringLiteral("status")).toString(), QStringLiteral("only_in_candidate"));
    QCOMPARE(spans[1].toObject().value(QStringLiteral("candidate_span_id")).toString(), QStringLiteral("0000000000000201"));
    QVERIFY(!spans[1].toObject().contains(QStringLiteral("delta_ms")));

    // with itself: everything matched, nothing changed; limit cuts the list, not the counts
    r = api(QStringLiteral("/traces/%1/compare/%1?limit=1").arg(one));
    QCOMPARE(r.status, 200);
    o = r.json();
    QCOMPARE(o.value(QStringLiteral("matched")).toInt(), 2);
    QCOMPARE(o.value(QStringLiteral("only_in_baseline")).toInt(), 0);
    spans = o.value(QStringLiteral("spans")).toArray();
    QCOMPARE(spans.size(), 1);
    QCOMPARE(spans[0].toObject().value(QStringLiteral("delta_ms")).toDouble(), 0.0);
    QCOMPARE(spans[0].toObject().value(QStringLiteral("delta_percent")).toDouble(), 0.0);

    // listed in /openapi.json with both path parameters and limit
    const QJsonObject op = api(QStringLiteral("/openapi.json"))
                               .json()
                               .value(QStringLiteral("paths"))
                               .toObject()
                               .value(QStringLiteral("/traces/{trace_id}/compare/{other_trace_id}"))
                               .toObject()
                               .value(QStringLiteral("get"))
                               .toObject();
    QStringList names;
    for (const QJsonValue &p : op.value(QStringLiteral("parameters")).toArray())
        names.append(p.toObject().value(QStringLiteral("name")).toString());
    QCOMPARE(names, QStringList({QStringLiteral("trace_id"), QStringLiteral("other_trace_id"), QStringLiteral("limit")}));
}

void TestAnalysisApi::compareRefusals_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    const QString one = QStringLiteral("000000000000000000000000000000a1");
    const QString unknown = QStringLiteral("000000000000000000000000000000ff");
    QTest::newRow("baseline malformed") << QStringLiteral("/traces/xyz/compare/%1").arg(one) << 400
                                        << QStringLiteral("trace_id must be 32 (or 16) hex digits, got 'xyz'");
    QTest::newRow("candidate malformed") << QStringLiteral("/traces/%1/compare/12345").arg(one) << 400
                                         << QStringLiteral("other_trace_id must be 32 (or 16) hex digits, got '12345'");
    QTest::newRow("limit zero") << QStringLiteral("/traces/%1/compare/%1?limit=0").arg(one) << 400
                                << QStringLiteral("limit must be an integer from 1 to 2147483647, got '0'");
    QTest::newRow("baseline unknown") << QStringLiteral("/traces/%1/compare/%2").arg(unknown, one) << 404
                                      << QStringLiteral("no trace with id %1 (trace_id)").arg(unknown);
    QTest::newRow("candidate unknown") << QStringLiteral("/traces/%1/compare/%2").arg(one, unknown) << 404
                                       << QStringLiteral("no trace with id %1 (other_trace_id)").arg(unknown);
    QTest::newRow("both unknown: the first named") << QStringLiteral("/traces/%1/compare/%1").arg(unknown) << 404
                                                   << QStringLiteral("no trace with id %1 (trace_id)").arg(unknown);
}

void TestAnalysisApi::compareRefusals()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, message);
    const Reply r = api(path);
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorMessage(), message);
}

void TestAnalysisApi::serviceNameWithSlash()
{
    const Span s = makeSpan(9, 0x901, 0, "team/a b", "GET /x", SpanKind::Server, m_t, 7 * kMs);
    QCOMPARE(call("POST", m_server->otlpHttpPort(), QStringLiteral("/v1/traces"), encodeOtlpProtobuf({ s }),
                 "application/x-protobuf", false)
                 .status,
        200);
    // The name's '/' is encoded in its path segment; an unencoded one is another path.
    Reply r = api(QStringLiteral("/services/team%2Fa%20b/operations"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("service_name")).toString(), QStringLiteral("team/a b"));
    QCOMPARE(r.json().value(QStringLiteral("operations")).toArray().size(), 1);
    QCOMPARE(api(QStringLiteral("/services/team%2Fa%20b/performance?time_range=1h")).status, 200);
    QCOMPARE(api(QStringLiteral("/dependencies/team%2Fa%20b/impact")).status, 200);
    QCOMPARE(api(QStringLiteral("/services/team/a%20b/operations")).status, 404);
}

QTEST_GUILESS_MAIN(TestAnalysisApi)
#include "tst_analysisapi.moc"
