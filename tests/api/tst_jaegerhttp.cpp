#include "ingest/jaegercodec.h"
#include "spanlightserver.h"

#include "httptestclient.h"
#include "prometheustext.h"
#include "testconfig.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
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
    return testsupport::fixture(QStringLiteral("../ingest/data/") + QLatin1String(name));
}

Span makeSpan(const char *traceId, const char *spanId, const QString &service)
{
    Span s;
    s.traceId = QByteArray::fromHex(traceId);
    s.spanId = QByteArray::fromHex(spanId);
    s.name = QStringLiteral("op");
    s.startTimeUnixNano = qint64(1735700000) * 1000000000;
    s.endTimeUnixNano = s.startTimeUnixNano + 3000000;
    s.serviceName = service;
    s.resourceAttributes = { { QStringLiteral("service.name"), service } };
    return s;
}

} // namespace

// Jaeger's POST /api/traces over real HTTP against an in-process server on ephemeral ports.
class TestJaegerHttp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void acceptsGolden();
    void acceptsOtherMediaTypeAndGzip_data();
    void acceptsOtherMediaTypeAndGzip();
    void refuses_data();
    void refuses();
    void requestDurationsCounted();

private:
    Reply call(const QByteArray &method, quint16 port, const QString &path, const QByteArray &body,
        const QList<QPair<QByteArray, QByteArray>> &headers);
    Reply api(const QString &path)
    {
        return call("GET", m_server->apiPort(), path, {}, { { "Authorization", "Bearer t" } });
    }

    QTemporaryDir m_dir;
    std::unique_ptr<SpanlightServer> m_server;
    QNetworkAccessManager m_nam;
};

Reply TestJaegerHttp::call(const QByteArray &method, quint16 port, const QString &path,
    const QByteArray &body, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return testsupport::request(m_nam, method, port, path, body, headers);
}

void TestJaegerHttp::initTestCase()
{
    QVERIFY(m_dir.isValid());
    Config c = ephemeralConfig(m_dir.filePath(QStringLiteral("jaeger.db")), QStringLiteral("t"));
    c.settingsFile = m_dir.filePath(QStringLiteral("spanlight.conf"));
    c.maxBodyBytes = 64 * 1024;
    m_server = std::make_unique<SpanlightServer>(c);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QVERIFY(m_server->jaegerHttpPort() != 0);
    QVERIFY(m_server->jaegerHttpPort() != m_server->otlpHttpPort());
}

void TestJaegerHttp::cleanupTestCase()
{
    m_server->stop();
}

void TestJaegerHttp::acceptsGolden()
{
    const Reply r = call("POST", m_server->jaegerHttpPort(), QStringLiteral("/api/traces"),
        fixture("tracer_128bit.thrift"), { { "Content-Type", "application/x-thrift" } });
    QCOMPARE(r.status, 202); // as Jaeger's collector answers
    QCOMPARE(r.body, QByteArray());
    // 202 means committed: the trace reads back at once
    const Reply t = api(QStringLiteral("/traces/0f0e0d0c0b0a0908a0b0c0d000001000"));
    QCOMPARE(t.status, 200);
    const QJsonObject trace = t.json();
    QCOMPARE(trace.value(QStringLiteral("spans")).toArray().size(), 3);
    QCOMPARE(trace.value(QStringLiteral("service_name")).toString(), QStringLiteral("frontend"));
    QCOMPARE(trace.value(QStringLiteral("operation_name")).toString(), QStringLiteral("GET /checkout"));
    QCOMPARE(trace.value(QStringLiteral("status")).toString(), QStringLiteral("timeout")); // "db timed out"
    const QJsonArray errors = trace.value(QStringLiteral("error_spans")).toArray();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(
        errors[0].toObject().value(QStringLiteral("error_type")).toString(), QStringLiteral("TimeoutError"));
    QVERIFY(errors[0]
                .toObject()
                .value(QStringLiteral("stack_trace"))
                .toString()
                .contains(QLatin1String("db.js:7")));
}

void TestJaegerHttp::acceptsOtherMediaTypeAndGzip_data()
{
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<bool>("gzip");
    QTest::addColumn<QByteArray>("traceId");
    QTest::newRow("vnd.apache.thrift.binary") << QByteArray("application/vnd.apache.thrift.binary") << false
                                              << QByteArray("00000000000000000000000000000a01");
    QTest::newRow("gzip") << QByteArray("application/x-thrift") << true
                          << QByteArray("00000000000000000000000000000a02");
}

void TestJaegerHttp::acceptsOtherMediaTypeAndGzip()
{
    QFETCH(QByteArray, type);
    QFETCH(bool, gzip);
    QFETCH(QByteArray, traceId);
    const QList<QByteArray> batches = encodeJaegerThrift(
        { makeSpan(traceId.constData(), "00000000000000b1", QStringLiteral("inventory")) });
    QCOMPARE(batches.size(), 1);
    QList<QPair<QByteArray, QByteArray>> headers { { "Content-Type", type } };
    if (gzip)
        headers.append(qMakePair(QByteArray("Content-Encoding"), QByteArray("gzip")));
    const Reply r = call("POST", m_server->jaegerHttpPort(), QStringLiteral("/api/traces"),
        gzip ? gzipped(batches[0]) : batches[0], headers);
    QCOMPARE(r.status, 202);
    const Reply t = api(QStringLiteral("/traces/") + QString::fromLatin1(traceId));
    QCOMPARE(t.status, 200);
    QCOMPARE(t.json().value(QStringLiteral("service_name")).toString(), QStringLiteral("inventory"));
    QCOMPARE(t.json().value(QStringLiteral("duration_ms")).toDouble(), 3.0);
}

void TestJaegerHttp::refuses_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    const QByteArray golden = fixture("tracer_64bit.thrift");
    const QString path = QStringLiteral("/api/traces");
    QTest::newRow("truncated") << QByteArray("POST") << path << golden.left(golden.size() / 2)
                               << QByteArray("application/x-thrift") << QByteArray() << 400
                               << QStringLiteral("invalid_body") << QStringLiteral("Batch.");
    QTest::newRow("json body") << QByteArray("POST") << path << QByteArray("{}")
                               << QByteArray("application/x-thrift") << QByteArray() << 400
                               << QStringLiteral("invalid_body")
                               << QStringLiteral("Batch: unknown field type 123");
    QTest::newRow("json type")
        << QByteArray("POST") << path << QByteArray("[]") << QByteArray("application/json") << QByteArray()
        << 415 << QStringLiteral("unsupported_media_type")
        << QStringLiteral("unsupported Content-Type 'application/json'; use application/x-thrift");
    QTest::newRow("bad gzip") << QByteArray("POST") << path << QByteArray("nope")
                              << QByteArray("application/x-thrift") << QByteArray("gzip") << 400
                              << QStringLiteral("invalid_body") << QString();
    QTest::newRow("brotli") << QByteArray("POST") << path << golden << QByteArray("application/x-thrift")
                            << QByteArray("br") << 415 << QStringLiteral("unsupported_media_type")
                            << QStringLiteral("unsupported Content-Encoding");
    QTest::newRow("GET") << QByteArray("GET") << path << QByteArray() << QByteArray("application/x-thrift")
                         << QByteArray() << 405 << QStringLiteral("method_not_allowed")
                         << QStringLiteral("use POST");
    QTest::newRow("wrong path") << QByteArray("POST") << QStringLiteral("/api/v2/spans") << golden
                                << QByteArray("application/x-thrift") << QByteArray() << 404
                                << QStringLiteral("not_found")
                                << QStringLiteral("no such endpoint /api/v2/spans");
    QTest::newRow("too large") << QByteArray("POST") << path << QByteArray(100 * 1024, '\0')
                               << QByteArray("application/x-thrift") << QByteArray() << 413 << QString()
                               << QString();
}

void TestJaegerHttp::refuses()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, encoding);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QList<QPair<QByteArray, QByteArray>> headers { { "Content-Type", type } };
    if (!encoding.isEmpty())
        headers.append({ "Content-Encoding", encoding });
    const Reply r = call(method, m_server->jaegerHttpPort(), path, body, headers);
    QCOMPARE(r.status, status);
    if (!code.isEmpty()) { // 413 comes from the listener before the receiver sees the request
        QCOMPARE(r.contentType, QByteArray("application/json"));
        const QJsonObject error = r.json().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
        QVERIFY2(error.value(QStringLiteral("message")).toString().startsWith(message), r.body.constData());
        QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
    }
    QCOMPARE(api(QStringLiteral("/health")).status, 200); // still serving
}

void TestJaegerHttp::requestDurationsCounted()
{
    // Every answered Jaeger request, accepted or refused, is one more in the jaeger histogram.
    const char *const count = "tracing_ingest_request_duration_seconds_count";
    const testsupport::PrometheusText before = testsupport::scrapeMetrics(m_nam, m_server->apiPort(), "t");
    QVERIFY2(before.ok(), qPrintable(before.error));
    const QString path = QStringLiteral("/api/traces");
    QCOMPARE(call("POST", m_server->jaegerHttpPort(), path, fixture("tracer_64bit.thrift"),
                 { { "Content-Type", "application/x-thrift" } })
                 .status,
        202);
    QCOMPARE(
        call("POST", m_server->jaegerHttpPort(), path, "{}", { { "Content-Type", "application/x-thrift" } })
            .status,
        400);
    QCOMPARE(call("GET", m_server->jaegerHttpPort(), path, {}, {}).status, 405);
    const testsupport::PrometheusText after = testsupport::scrapeMetrics(m_nam, m_server->apiPort(), "t");
    QVERIFY2(after.ok(), qPrintable(after.error));
    QVERIFY2(testsupport::firstDecrease(before, after).isEmpty(),
        qPrintable(testsupport::firstDecrease(before, after)));
    QCOMPARE(after.value(count, { { "protocol", "jaeger" } }),
        before.value(count, { { "protocol", "jaeger" } }) + 3);
    QCOMPARE(
        after.value(count, { { "protocol", "zipkin" } }), before.value(count, { { "protocol", "zipkin" } }));
}

QTEST_GUILESS_MAIN(TestJaegerHttp)
#include "tst_jaegerhttp.moc"
