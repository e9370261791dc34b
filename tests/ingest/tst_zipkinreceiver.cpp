#include "ingest/zipkincodec.h"
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
    return testsupport::fixture(QStringLiteral("data/") + QLatin1String(name));
}

const QString kTrace = QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736");

} // namespace

// Zipkin v2 over real HTTP against an in-process server on ephemeral ports; spans are read back
// through the REST API.
class TestZipkinReceiver : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void jsonAccepted();
    void sharedHalvesReadBack();
    void protobufGzipIsIdempotent();
    void partialRejection();
    void emptyListAccepted();
    void errors_data();
    void errors();
    void requestDurationsCounted();

private:
    Reply call(const QByteArray &method, quint16 port, const QString &path, const QByteArray &body = {},
        const QList<QPair<QByteArray, QByteArray>> &headers = {});
    Reply post(
        const QByteArray &body, const QByteArray &type, QList<QPair<QByteArray, QByteArray>> headers = {})
    {
        headers.append({ "Content-Type", type });
        return call("POST", m_server->zipkinPort(), QStringLiteral("/api/v2/spans"), body, headers);
    }
    QJsonArray traceSpans(const QString &traceId);

    QTemporaryDir m_dir;
    std::unique_ptr<SpanlightServer> m_server;
    QNetworkAccessManager m_nam;
};

Reply TestZipkinReceiver::call(const QByteArray &method, quint16 port, const QString &path,
    const QByteArray &body, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return testsupport::request(m_nam, method, port, path, body, headers);
}

QJsonArray TestZipkinReceiver::traceSpans(const QString &traceId)
{
    const Reply r = call("GET", m_server->apiPort(), QStringLiteral("/traces/%1/spans").arg(traceId), {},
        { { "Authorization", "Bearer zipkin-token" } });
    if (r.status != 200)
        return {};
    return r.json().value(QStringLiteral("spans")).toArray();
}

void TestZipkinReceiver::initTestCase()
{
    QVERIFY(m_dir.isValid());
    Config c = ephemeralConfig(m_dir.filePath(QStringLiteral("zipkin.db")), QStringLiteral("zipkin-token"));
    c.settingsFile = m_dir.filePath(QStringLiteral("spanlight.conf"));
    c.maxBodyBytes = 256 * 1024;
    m_server = std::make_unique<SpanlightServer>(c);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QVERIFY(m_server->zipkinPort() != 0);
    QVERIFY(m_server->zipkinPort() != m_server->otlpHttpPort());
}

void TestZipkinReceiver::cleanupTestCase()
{
    m_server->stop();
}

void TestZipkinReceiver::jsonAccepted()
{
    const Reply r = post(fixture("zipkin_trace_full.json"), "application/json");
    QCOMPARE(r.status, 202); // as Zipkin answers
    QVERIFY(r.body.isEmpty());
    QVERIFY(r.header("X-Spanlight-Rejected-Spans").isEmpty());
    // A 2xx means committed: the spans are readable right away.
    const QJsonArray spans = traceSpans(kTrace);
    QCOMPARE(spans.size(), 7);
    QCOMPARE(traceSpans(QStringLiteral("0000000000000000463ac35c9f6413ad")).size(), 1); // the 64-bit trace

    QJsonObject root;
    for (const QJsonValue &v : spans)
        if (v.toObject().value(QStringLiteral("span_id")).toString() == u"00f067aa0ba902b7")
            root = v.toObject();
    QCOMPARE(root.value(QStringLiteral("service_name")).toString(), QStringLiteral("frontend"));
    QCOMPARE(root.value(QStringLiteral("kind")).toString(), QStringLiteral("server"));
    QCOMPARE(
        root.value(QStringLiteral("start_time_unix_nano")).toString(), QStringLiteral("1700000000000000000"));
    QCOMPARE(
        root.value(QStringLiteral("end_time_unix_nano")).toString(), QStringLiteral("1700000000150000000"));
    const QJsonObject attributes = root.value(QStringLiteral("attributes")).toObject();
    QCOMPARE(attributes.value(QStringLiteral("http.method")).toString(), QStringLiteral("GET"));
    QCOMPARE(attributes.value(QStringLiteral("network.peer.address")).toString(),
        QStringLiteral("2001:db8::c001"));
    QCOMPARE(
        root.value(QStringLiteral("resource")).toObject().value(QStringLiteral("service.name")).toString(),
        QStringLiteral("frontend"));
    const QJsonArray logs = root.value(QStringLiteral("logs")).toArray();
    QCOMPARE(logs.size(), 1);
    QCOMPARE(
        logs.first().toObject().value(QStringLiteral("name")).toString(), QStringLiteral("checkout.start"));
    QCOMPARE(logs.first().toObject().value(QStringLiteral("timestamp_unix_nano")).toString(),
        QStringLiteral("1700000000000100000"));
}

void TestZipkinReceiver::sharedHalvesReadBack()
{
    // Both halves of the shared RPC span are stored: the client under the shared id, the server
    // under the derived one, beneath it.
    const QString derived = QString::fromLatin1(
        zipkinSharedSpanId(QByteArray::fromHex(kTrace.toLatin1()), QByteArray::fromHex("b7ad6b7169203331"))
            .toHex());
    QJsonObject client, server;
    for (const QJsonValue &v : traceSpans(kTrace)) {
        const QString spanId = v.toObject().value(QStringLiteral("span_id")).toString();
        if (spanId == u"b7ad6b7169203331")
            client = v.toObject();
        else if (spanId == derived)
            server = v.toObject();
    }
    QVERIFY(!client.isEmpty());
    QVERIFY(!server.isEmpty());
    QCOMPARE(client.value(QStringLiteral("kind")).toString(), QStringLiteral("client"));
    QCOMPARE(client.value(QStringLiteral("service_name")).toString(), QStringLiteral("frontend"));
    QCOMPARE(client.value(QStringLiteral("status_code")).toString(), QStringLiteral("error"));
    QCOMPARE(client.value(QStringLiteral("status_message")).toString(), QStringLiteral("upstream failed"));
    QCOMPARE(server.value(QStringLiteral("kind")).toString(), QStringLiteral("server"));
    QCOMPARE(server.value(QStringLiteral("service_name")).toString(), QStringLiteral("payments"));
    QCOMPARE(server.value(QStringLiteral("parent_span_id")).toString(), QStringLiteral("b7ad6b7169203331"));
    QCOMPARE(server.value(QStringLiteral("attributes"))
                 .toObject()
                 .value(QStringLiteral("zipkin.shared_span_id"))
                 .toString(),
        QStringLiteral("b7ad6b7169203331"));
    QCOMPARE(server.value(QStringLiteral("status_message")).toString(), QStringLiteral("card declined"));
}

void TestZipkinReceiver::protobufGzipIsIdempotent()
{
    // The protobuf golden is the same trace: the same ids (derived ones included), so nothing new.
    const Reply r = post(gzipped(fixture("zipkin_trace_full.pb")), "application/x-protobuf",
        { { "Content-Encoding", "gzip" } });
    QCOMPARE(r.status, 202);
    QVERIFY(r.body.isEmpty());
    QCOMPARE(traceSpans(kTrace).size(), 7);

    QByteArray renamed = fixture("zipkin_trace_full.json");
    renamed.replace(kTrace.toLatin1(), "5af7183fb1d4cf5f5af7183fb1d4cf5f");
    const Reply gz = post(gzipped(renamed), "application/json", { { "Content-Encoding", "gzip" } });
    QCOMPARE(gz.status, 202);
    QCOMPARE(traceSpans(QStringLiteral("5af7183fb1d4cf5f5af7183fb1d4cf5f")).size(), 7);
}

void TestZipkinReceiver::partialRejection()
{
    const Reply r = post(fixture("zipkin_bad_spans.json"), "application/json; charset=utf-8");
    QCOMPARE(r.status, 202);
    QCOMPARE(r.header("X-Spanlight-Rejected-Spans"), QByteArray("10"));
    QVERIFY(r.contentType.startsWith("application/json"));
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("rejected_spans")).toInteger(), 10);
    QVERIFY2(
        o.value(QStringLiteral("error_message")).toString().contains(QStringLiteral("span has no timestamp")),
        r.body.constData());
    QCOMPARE(traceSpans(QStringLiteral("000000000000000086154a4ba6e91385")).size(), 1);
}

void TestZipkinReceiver::emptyListAccepted()
{
    const Reply r = post("[]", "application/json");
    QCOMPARE(r.status, 202);
    QVERIFY(r.body.isEmpty());
}

void TestZipkinReceiver::errors_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    const QString spans = QStringLiteral("/api/v2/spans");
    const QByteArray good = fixture("zipkin_spec_example.json");
    QTest::newRow("not JSON") << QByteArray("POST") << spans << QByteArray("{nope")
                              << QByteArray("application/json") << QByteArray() << 400 << "bad_request"
                              << "invalid JSON at offset";
    QTest::newRow("wrong JSON type") << QByteArray("POST") << spans << QByteArray("[{\"name\":5}]")
                                     << QByteArray("application/json") << QByteArray() << 400 << "bad_request"
                                     << "spans[0].name: not a string";
    QTest::newRow("OTLP/JSON body") << QByteArray("POST") << spans << QByteArray("{\"resourceSpans\":[]}")
                                    << QByteArray("application/json") << QByteArray() << 400 << "bad_request"
                                    << "not a JSON array of spans";
    QTest::newRow("bad protobuf") << QByteArray("POST") << spans << QByteArray("\x0a\x10xy", 4)
                                  << QByteArray("application/x-protobuf") << QByteArray() << 400
                                  << "bad_request"
                                  << "invalid protobuf: spans[0]: length 16 runs past the end";
    QTest::newRow("text/plain") << QByteArray("POST") << spans << good << QByteArray("text/plain")
                                << QByteArray() << 415 << "unsupported_media_type"
                                << "use application/json or application/x-protobuf";
    QTest::newRow("thrift") << QByteArray("POST") << spans << good << QByteArray("application/x-thrift")
                            << QByteArray() << 415 << "unsupported_media_type"
                            << "application/x-thrift";
    QTest::newRow("brotli") << QByteArray("POST") << spans << good << QByteArray("application/json")
                            << QByteArray("br") << 415 << "unsupported_media_type"
                            << "Content-Encoding 'br'";
    QTest::newRow("corrupt gzip") << QByteArray("POST") << spans << QByteArray("\x1f\x8b\x08\x00garbage")
                                  << QByteArray("application/json") << QByteArray("gzip") << 400
                                  << "bad_request"
                                  << "";
    QTest::newRow("v1 path") << QByteArray("POST") << QStringLiteral("/api/v1/spans") << good
                             << QByteArray("application/json") << QByteArray() << 404 << "not_found"
                             << "/api/v2/spans";
    QTest::newRow("GET") << QByteArray("GET") << spans << QByteArray() << QByteArray() << QByteArray() << 405
                         << "method_not_allowed"
                         << "use POST";
    QTest::newRow("too large") << QByteArray("POST") << spans << QByteArray(300 * 1024, ' ')
                               << QByteArray("application/json") << QByteArray() << 413 << ""
                               << "";
}

void TestZipkinReceiver::errors()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, encoding);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!type.isEmpty())
        headers.append({ "Content-Type", type });
    if (!encoding.isEmpty())
        headers.append({ "Content-Encoding", encoding });
    const Reply r = call(method, m_server->zipkinPort(), path, body, headers);
    QCOMPARE(r.status, status);
    const QJsonObject error = r.json().value(QStringLiteral("error")).toObject();
    if (!code.isEmpty()) {
        QVERIFY2(r.contentType.startsWith("application/json"), r.contentType.constData());
        QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
        QVERIFY2(error.value(QStringLiteral("message")).toString().contains(message), r.body.constData());
        QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
    }
    if (status == 405)
        QCOMPARE(r.header("Allow"), QByteArray("POST"));
    // the receiver still takes good data afterwards
    QCOMPARE(post("[]", "application/json").status, 202);
}

void TestZipkinReceiver::requestDurationsCounted()
{
    // Every answered Zipkin request, accepted or refused, is one more in the zipkin histogram.
    const char *const count = "tracing_ingest_request_duration_seconds_count";
    const testsupport::PrometheusText before
        = testsupport::scrapeMetrics(m_nam, m_server->apiPort(), "zipkin-token");
    QVERIFY2(before.ok(), qPrintable(before.error));
    QCOMPARE(post("[]", "application/json").status, 202);
    QCOMPARE(post(fixture("zipkin_trace_full.json"), "application/json").status, 202);
    QCOMPARE(post("[{", "application/json").status, 400);
    QCOMPARE(post("[]", "text/plain").status, 415);
    const testsupport::PrometheusText after
        = testsupport::scrapeMetrics(m_nam, m_server->apiPort(), "zipkin-token");
    QVERIFY2(after.ok(), qPrintable(after.error));
    QVERIFY2(testsupport::firstDecrease(before, after).isEmpty(),
        qPrintable(testsupport::firstDecrease(before, after)));
    QCOMPARE(after.value(count, { { "protocol", "zipkin" } }),
        before.value(count, { { "protocol", "zipkin" } }) + 4);
    QCOMPARE(after.value(count, { { "protocol", "otlp_http" } }),
        before.value(count, { { "protocol", "otlp_http" } }));
    QCOMPARE(after.value("tracing_ingest_request_duration_seconds_bucket",
                 { { "protocol", "zipkin" }, { "le", "+Inf" } }),
        after.value(count, { { "protocol", "zipkin" } }));
}

QTEST_GUILESS_MAIN(TestZipkinReceiver)
#include "tst_zipkinreceiver.moc"
