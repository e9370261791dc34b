#include "httptestclient.h"
#include "spanlightdprocess.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

// A real OpenTelemetry SDK (the JS one, from npm, pinned by tests/e2e/otel-js/package-lock.json)
// exports OTLP/HTTP (protobuf, JSON) and OTLP/gRPC (plain, gzip) to spanlightd; every span must
// read back through the API exactly.
class TestOtelSdk : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void exportAndReadBack_data();
    void exportAndReadBack();
    void zipkinExportAndReadBack();

private:
    QJsonObject getJson(const QString &path, int *status);

    QTemporaryDir m_dir;
    std::unique_ptr<SpanlightdProcess> m_server;
    QNetworkAccessManager m_nam;
    QString m_node;
    QString m_script;
    QString m_zipkinScript;
};

void TestOtelSdk::initTestCase()
{
    m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
    QVERIFY2(!m_node.isEmpty(), "node is not installed (scripts/test.sh installs it)");
    const QString dir = QString::fromLocal8Bit(qgetenv("SPANLIGHT_TEST_DATA")) + QStringLiteral("/otel-js");
    m_script = dir + QStringLiteral("/export.js");
    m_zipkinScript = dir + QStringLiteral("/export-zipkin.js");
    if (!QFile::exists(dir + QStringLiteral("/node_modules/@opentelemetry/sdk-trace-base/package.json")))
        QSKIP("the OpenTelemetry JS SDK is not installed (scripts/test.sh runs npm ci in tests/e2e/otel-js; "
              "in CI a failed install is an error)");
    const QProcessEnvironment env
        = SpanlightdProcess::testEnvironment(m_dir.path(), QStringLiteral("otel.db"), QStringLiteral("otel"));
    m_server = std::make_unique<SpanlightdProcess>(env);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
}

void TestOtelSdk::cleanupTestCase()
{
    if (m_server)
        QVERIFY2(m_server->terminate(), qPrintable(m_server->log()));
}

QJsonObject TestOtelSdk::getJson(const QString &path, int *status)
{
    const testsupport::Reply r = testsupport::request(m_nam, "GET", m_server->apiPort(), path, {}, {{"Authorization", "Bearer otel"}});
    *status = r.status;
    return r.json();
}

void TestOtelSdk::exportAndReadBack_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::newRow("otlp-proto") << "proto";
    QTest::newRow("otlp-json") << "json";
    QTest::newRow("otlp-grpc") << "grpc";
    QTest::newRow("otlp-grpc-gzip") << "grpc-gzip";
}

void TestOtelSdk::exportAndReadBack()
{
    QFETCH(QString, protocol);
    QProcess node;
    const QString url = protocol.startsWith(u"grpc")
        ? QStringLiteral("http://127.0.0.1:%1").arg(m_server->otlpGrpcPort())
        : QStringLiteral("http://127.0.0.1:%1/v1/traces").arg(m_server->otlpHttpPort());
    node.start(m_node, {m_script, url, protocol});
    QVERIFY(node.waitForFinished(60000));
    const QByteArray out = node.readAllStandardOutput();
    QVERIFY2(node.exitCode() == 0, node.readAllStandardError().constData());
    const QJsonObject result = QJsonDocument::fromJson(out).object();
    QVERIFY2(result.value(QStringLiteral("exported")).toBool(), out.constData());
    const QJsonArray expected = result.value(QStringLiteral("spans")).toArray();
    QCOMPARE(expected.size(), 5); // three spans of the shop service, two of payments

    static const char *const kinds[] = {"internal", "server", "client", "producer", "consumer"};
    for (const QJsonValue &value : expected) {
        const QJsonObject want = value.toObject();
        const QString traceId = want.value(QStringLiteral("trace_id")).toString();
        const QString spanId = want.value(QStringLiteral("span_id")).toString();
        int status = 0;
        const QJsonObject got = getJson(QStringLiteral("/traces/%1/spans").arg(traceId), &status);
        QCOMPARE(status, 200);
        QJsonObject span;
        for (const QJsonValue &s : got.value(QStringLiteral("spans")).toArray())
            if (s.toObject().value(QStringLiteral("span_id")).toString() == spanId)
                span = s.toObject();
        QVERIFY2(!span.isEmpty(), qPrintable(QStringLiteral("span %1 not found").arg(spanId)));
        QCOMPARE(span.value(QStringLiteral("parent_span_id")).toString(), want.value(QStringLiteral("parent_span_id")).toString());
        QCOMPARE(span.value(QStringLiteral("operation_name")).toString(), want.value(QStringLiteral("name")).toString());
        QCOMPARE(span.value(QStringLiteral("service_name")).toString(), want.value(QStringLiteral("service_name")).toString());
        QCOMPARE(span.value(QStringLiteral("kind")).toString(),
                 QLatin1String(kinds[want.value(QStringLiteral("kind")).toInt()]));
        QCOMPARE(span.value(QStringLiteral("start_time_unix_nano")).toString(),
                 want.value(QStringLiteral("start_time_unix_nano")).toString());
        QCOMPARE(span.value(QStringLiteral("end_time_unix_nano")).toString(),
                 want.value(QStringLiteral("end_time_unix_nano")).toString());
        const int code = want.value(QStringLiteral("status_code")).toInt(); // 0 unset, 1 ok, 2 error
        QCOMPARE(span.value(QStringLiteral("status_code")).toString(),
                 QLatin1String(code == 2 ? "error" : code == 1 ? "ok" : "unset"));
        QCOMPARE(span.value(QStringLiteral("status_message")).toString(), want.value(QStringLiteral("status_message")).toString());
        if (want.value(QStringLiteral("name")).toString() == u"POST /pay")
            QCOMPARE(span.value(QStringLiteral("status")).toString(), QStringLiteral("timeout"));
        const QJsonObject wantAttrs = want.value(QStringLiteral("attributes")).toObject();
        const QJsonObject gotAttrs = span.value(QStringLiteral("attributes")).toObject();
        QCOMPARE(gotAttrs.keys(), wantAttrs.keys());
        for (const QString &key : wantAttrs.keys())
            QVERIFY2(testsupport::sameJsonValue(gotAttrs.value(key), wantAttrs.value(key)), qPrintable(key));
        const QJsonArray wantEvents = want.value(QStringLiteral("events")).toArray();
        const QJsonArray gotLogs = span.value(QStringLiteral("logs")).toArray();
        QCOMPARE(gotLogs.size(), wantEvents.size());
        for (qsizetype i = 0; i < wantEvents.size(); ++i) {
            const QJsonObject we = wantEvents[i].toObject();
            const QJsonObject ge = gotLogs[i].toObject();
            QCOMPARE(ge.value(QStringLiteral("name")).toString(), we.value(QStringLiteral("name")).toString());
            QCOMPARE(ge.value(QStringLiteral("timestamp_unix_nano")).toString(),
                     we.value(QStringLiteral("time_unix_nano")).toString());
            QCOMPARE(ge.value(QStringLiteral("fields")).toObject(), we.value(QStringLiteral("attributes")).toObject());
        }
        const QJsonArray wantLinks = want.value(QStringLiteral("links")).toArray();
        const QJsonArray gotLinks = span.value(QStringLiteral("links")).toArray();
        QCOMPARE(gotLinks.size(), wantLinks.size());
        for (qsizetype i = 0; i < wantLinks.size(); ++i) {
            QCOMPARE(gotLinks[i].toObject().value(QStringLiteral("span_id")).toString(),
                     wantLinks[i].toObject().value(QStringLiteral("span_id")).toString());
            QCOMPARE(gotLinks[i].toObject().value(QStringLiteral("trace_id")).toString(),
                     wantLinks[i].toObject().value(QStringLiteral("trace_id")).toString());
        }
    }
    // the trace as a whole
    int status = 0;
    const QString traceId = expected.first().toObject().value(QStringLiteral("trace_id")).toString();
    const QJsonObject trace = getJson(QStringLiteral("/traces/") + traceId, &status);
    QCOMPARE(status, 200);
    QCOMPARE(trace.value(QStringLiteral("operation_name")).toString(), QStringLiteral("GET /cart"));
    QCOMPARE(trace.value(QStringLiteral("service_name")).toString(), QStringLiteral("shop-") + protocol);
    QCOMPARE(trace.value(QStringLiteral("status")).toString(), QStringLiteral("timeout"));
    QCOMPARE(trace.value(QStringLiteral("duration_ms")).toDouble(), 100.0);
    const QJsonArray errors = trace.value(QStringLiteral("error_spans")).toArray();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().toObject().value(QStringLiteral("error_type")).toString(), QStringLiteral("TimeoutError"));
    QVERIFY(errors.first().toObject().value(QStringLiteral("stack_trace")).toString().contains(QStringLiteral("shop.js:10")));
}

// The same SDK through its Zipkin exporter (Zipkin v2 JSON) to the Zipkin receiver. Zipkin
// carries microseconds, string tags and annotations without attributes; export-zipkin.js prints
// what Spanlight must hold within those limits, and every span must read back so.
void TestOtelSdk::zipkinExportAndReadBack()
{
    QProcess node;
    node.start(m_node, {m_zipkinScript, QStringLiteral("http://127.0.0.1:%1/api/v2/spans").arg(m_server->zipkinPort())});
    QVERIFY(node.waitForFinished(60000));
    const QByteArray out = node.readAllStandardOutput();
    QVERIFY2(node.exitCode() == 0, node.readAllStandardError().constData());
    const QJsonObject result = QJsonDocument::fromJson(out).object();
    QVERIFY2(result.value(QStringLiteral("exported")).toBool(), out.constData());
    const QJsonArray expected = result.value(QStringLiteral("spans")).toArray();
    QCOMPARE(expected.size(), 5);

    auto micros = [](const QJsonValue &nanos) { return QString::number(nanos.toString().toLongLong() / 1000); };
    const QString traceId = expected.first().toObject().value(QStringLiteral("trace_id")).toString();
    int status = 0;
    const QJsonObject got = getJson(QStringLiteral("/traces/%1/spans").arg(traceId), &status);
    QCOMPARE(status, 200);
    const QJsonArray spans = got.value(QStringLiteral("spans")).toArray();
    QCOMPARE(spans.size(), expected.size());
    for (const QJsonValue &value : expected) {
        const QJsonObject want = value.toObject();
        const QString spanId = want.value(QStringLiteral("span_id")).toString();
        QJsonObject span;
        for (const QJsonValue &s : spans)
            if (s.toObject().value(QStringLiteral("span_id")).toString() == spanId)
                span = s.toObject();
        QVERIFY2(!span.isEmpty(), qPrintable(QStringLiteral("span %1 not found").arg(spanId)));
        const QString name = want.value(QStringLiteral("name")).toString();
        QCOMPARE(span.value(QStringLiteral("parent_span_id")).toString(),
                 want.value(QStringLiteral("parent_span_id")).toString());
        QCOMPARE(span.value(QStringLiteral("operation_name")).toString(), name);
        QCOMPARE(span.value(QStringLiteral("service_name")).toString(),
                 want.value(QStringLiteral("service_name")).toString());
        QCOMPARE(span.value(QStringLiteral("resource")).toObject().value(QStringLiteral("service.name")).toString(),
                 want.value(QStringLiteral("service_name")).toString());
        QCOMPARE(span.value(QStringLiteral("kind")).toString(), want.value(QStringLiteral("kind")).toString());
        QCOMPARE(micros(span.value(QStringLiteral("start_time_unix_nano"))),
                 want.value(QStringLiteral("start_time_unix_micro")).toString());
        QCOMPARE(micros(span.value(QStringLiteral("end_time_unix_nano"))),
                 want.value(QStringLiteral("end_time_unix_micro")).toString());
        QCOMPARE(span.value(QStringLiteral("status_code")).toString(), want.value(QStringLiteral("status_code")).toString());
        QCOMPARE(span.value(QStringLiteral("status_message")).toString(),
                 want.value(QStringLiteral("status_message")).toString());
        QCOMPARE(span.value(QStringLiteral("attributes")).toObject(), want.value(QStringLiteral("attributes")).toObject());
        const QJsonArray wantEvents = want.value(QStringLiteral("events")).toArray();
        const QJsonArray gotLogs = span.value(QStringLiteral("logs")).toArray();
        QCOMPARE(gotLogs.size(), wantEvents.size());
        for (qsizetype i = 0; i < wantEvents.size(); ++i) {
            const QJsonObject we = wantEvents[i].toObject();
            const QJsonObject ge = gotLogs[i].toObject();
            QCOMPARE(ge.value(QStringLiteral("name")).toString(), we.value(QStringLiteral("name")).toString());
            QCOMPARE(micros(ge.value(QStringLiteral("timestamp_unix_nano"))),
                     we.value(QStringLiteral("time_unix_micro")).toString());
        }
        QVERIFY(span.value(QStringLiteral("links")).toArray().isEmpty()); // Zipkin has none
    }
    const QJsonObject trace = getJson(QStringLiteral("/traces/") + traceId, &status);
    QCOMPARE(status, 200);
    QCOMPARE(trace.value(QStringLiteral("operation_name")).toString(), QStringLiteral("GET /checkout"));
    QCOMPARE(trace.value(QStringLiteral("service_name")).toString(), QStringLiteral("zipkin-frontend"));
    QCOMPARE(trace.value(QStringLiteral("status")).toString(), QStringLiteral("error"));
    QCOMPARE(trace.value(QStringLiteral("duration_ms")).toDouble(), 100.0);
    QCOMPARE(trace.value(QStringLiteral("error_spans")).toArray().size(), 2);
}

QTEST_GUILESS_MAIN(TestOtelSdk)
#include "tst_otel_sdk.moc"
