#include "core/config.h"
#include "core/span.h"
#include "ingest/otlpcodec.h"
#include "spanlightserver.h"
#include "storage/store.h"

#include "opentelemetry/proto/collector/trace/v1/trace_service.grpc.pb.h"

#include "httptestclient.h"
#include "testconfig.h"

#include <grpcpp/grpcpp.h>

#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <chrono>

using namespace spanlight;
namespace otlpcollector = opentelemetry::proto::collector::trace::v1;

namespace {

QString dataPath(const char *name)
{
    return QString::fromLocal8Bit(qgetenv("SPANLIGHT_TEST_DATA")) + QStringLiteral("/data/tls/") + QLatin1String(name);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

struct Answer
{
    int status = 0; // 0: no HTTP answer
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QSslCertificate peer;
};

} // namespace

// Every listener speaks TLS when TLS_CERT / TLS_KEY are set: the REST API and the HTTP ingest
// ports over HTTPS, OTLP/gRPC with TLS credentials. A real server on ephemeral loopback ports,
// clients that trust only the test certificate (tests/api/data/tls).
class TestTls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void apiOverHttps();
    void ingestOverHttps();
    void plainHttpIsRefused();
    void untrustedClientFailsTheHandshake();
    void grpcOverTls();
    void badFilesStopTheStart_data();
    void badFilesStopTheStart();

private:
    Answer send(const QByteArray &method, quint16 port, const QString &path, const QByteArray &body = {},
                const QByteArray &contentType = {}, bool trust = true);

    QTemporaryDir m_dir;
    QNetworkAccessManager m_nam;
    QSslCertificate m_cert;
    std::unique_ptr<SpanlightServer> m_server;
};

void TestTls::initTestCase()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("this Qt has no TLS backend");
    QVERIFY(m_dir.isValid());
    const QList<QSslCertificate> certs = QSslCertificate::fromPath(dataPath("cert.pem"));
    QCOMPARE(certs.size(), 1);
    m_cert = certs.first();
    Config c = ephemeralConfig(m_dir.filePath(QStringLiteral("tls.db")));
    c.settingsFile = m_dir.filePath(QStringLiteral("tls.conf"));
    c.tlsCert = dataPath("cert.pem");
    c.tlsKey = dataPath("key.pem");
    m_server = std::make_unique<SpanlightServer>(c);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
}

void TestTls::cleanupTestCase()
{
    if (m_server)
        m_server->stop();
}

Answer TestTls::send(const QByteArray &method, quint16 port, const QString &path, const QByteArray &body,
                     const QByteArray &contentType, bool trust)
{
    QNetworkRequest request(QUrl(QStringLiteral("https://127.0.0.1:%1%2").arg(port).arg(path)));
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setCaCertificates(trust ? QList<QSslCertificate>{m_cert} : QList<QSslCertificate>{});
    request.setSslConfiguration(ssl);
    request.setRawHeader("Authorization", "Bearer test-token");
    if (!contentType.isEmpty())
        request.setRawHeader("Content-Type", contentType);
    // The trusting requests share one manager (and its kept-alive connections); an untrusting one
    // needs its own, or it would ride a connection that has passed its handshake already.
    QNetworkAccessManager untrusting;
    QNetworkReply *reply = (trust ? m_nam : untrusting).sendCustomRequest(request, method, body);
    QEventLoop loop;
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Answer a;
    a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    a.body = reply->readAll();
    a.error = reply->error();
    a.peer = reply->sslConfiguration().peerCertificate();
    reply->abort();
    reply->deleteLater();
    return a;
}

void TestTls::apiOverHttps()
{
    const Answer a = send("GET", m_server->apiPort(), QStringLiteral("/health"));
    QCOMPARE(a.status, 200);
    QCOMPARE(a.peer, m_cert); // the server presented TLS_CERT
    QVERIFY(a.body.contains("\"status\""));
}

void TestTls::ingestOverHttps()
{
    const quint16 ports[] = {m_server->otlpHttpPort(), m_server->port(SpanlightServer::Listener::Zipkin)};
    const char *paths[] = {"/v1/traces", "/api/v2/spans"};
    const char *fixtures[] = {"../ingest/data/trace_full.json", "../ingest/data/zipkin_trace_full.json"};
    for (int i = 0; i < 2; ++i) {
        const qint64 before = m_server->store()->stats().spans;
        const Answer a = send("POST", ports[i], QLatin1String(paths[i]), testsupport::fixture(QLatin1String(fixtures[i])),
                              "application/json");
        QVERIFY2(a.status == 200 || a.status == 202, a.body.constData());
        QVERIFY(m_server->store()->stats().spans > before);
    }
    const Answer jaeger = send("POST", m_server->port(SpanlightServer::Listener::Jaeger), QStringLiteral("/api/traces"),
                               testsupport::fixture(QStringLiteral("../ingest/data/tracer_128bit.thrift")),
                               "application/x-thrift");
    QCOMPARE(jaeger.status, 202);
}

void TestTls::plainHttpIsRefused()
{
    // A plain-HTTP request on a TLS port gets no HTTP answer, and the port keeps serving TLS.
    const testsupport::Reply plain = testsupport::request(m_nam, "GET", m_server->apiPort(), QStringLiteral("/health"),
                                                          {}, {{"Authorization", "Bearer test-token"}}, 5000);
    QCOMPARE(plain.status, 0);
    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, m_server->otlpHttpPort());
    QVERIFY(raw.waitForConnected(5000));
    raw.write("POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
    QVERIFY(raw.waitForDisconnected(10000) || raw.state() == QAbstractSocket::UnconnectedState);
    QVERIFY(!raw.readAll().startsWith("HTTP/1.1"));
    QCOMPARE(send("GET", m_server->apiPort(), QStringLiteral("/health")).status, 200);
}

void TestTls::untrustedClientFailsTheHandshake()
{
    const Answer a = send("GET", m_server->apiPort(), QStringLiteral("/health"), {}, {}, false);
    QCOMPARE(a.status, 0);
    QCOMPARE(a.error, QNetworkReply::SslHandshakeFailedError);
    QCOMPARE(send("GET", m_server->apiPort(), QStringLiteral("/health")).status, 200);
}

void TestTls::grpcOverTls()
{
    const std::string target = QStringLiteral("127.0.0.1:%1").arg(m_server->port(SpanlightServer::Listener::OtlpGrpc)).toStdString();
    Span span;
    span.traceId = QByteArray::fromHex("7a000000000000000000000000000001");
    span.spanId = QByteArray::fromHex("7a00000000000001");
    span.name = QStringLiteral("over tls");
    span.serviceName = QStringLiteral("tls-client");
    span.kind = SpanKind::Server;
    span.startTimeUnixNano = 1764590000000000000;
    span.endTimeUnixNano = span.startTimeUnixNano + 5000000;
    otlpcollector::ExportTraceServiceRequest request;
    const QByteArray encoded = encodeOtlpProtobuf({span});
    QVERIFY(request.ParseFromArray(encoded.constData(), int(encoded.size())));

    auto exportOn = [&](const std::shared_ptr<grpc::ChannelCredentials> &credentials) {
        grpc::ChannelArguments args;
        args.SetSslTargetNameOverride("127.0.0.1");
        auto stub = otlpcollector::TraceService::NewStub(grpc::CreateCustomChannel(target, credentials, args));
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
        otlpcollector::ExportTraceServiceResponse response;
        return stub->Export(&context, request, &response);
    };
    grpc::SslCredentialsOptions trusting;
    trusting.pem_root_certs = readFile(dataPath("cert.pem")).toStdString();
    const grpc::Status ok = exportOn(grpc::SslCredentials(trusting));
    QVERIFY2(ok.ok(), ok.error_message().c_str());
    QCOMPARE(m_server->store()->traceSpans(span.traceId).size(), 1);
    // A plaintext client cannot talk to the TLS port.
    const grpc::Status plain = exportOn(grpc::InsecureChannelCredentials());
    QCOMPARE(plain.error_code(), grpc::StatusCode::UNAVAILABLE);
}

void TestTls::badFilesStopTheStart_data()
{
    QTest::addColumn<QByteArray>("cert");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QString>("error");
    const QByteArray cert = readFile(dataPath("cert.pem"));
    const QByteArray key = readFile(dataPath("key.pem"));
    QTest::newRow("no certificate") << QByteArray("not a certificate\n") << key << QStringLiteral("TLS_CERT");
    QTest::newRow("no key") << cert << QByteArray("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
                            << QStringLiteral("TLS_KEY");
    QTest::newRow("key in the cert's place") << key << key << QStringLiteral("TLS_CERT");
    QTest::newRow("key of another certificate") << cert << readFile(dataPath("other-key.pem"))
                                                << QStringLiteral("TLS_KEY");
}

void TestTls::badFilesStopTheStart()
{
    QFETCH(QByteArray, cert);
    QFETCH(QByteArray, key);
    QFETCH(QString, error);
    static int n = 0;
    ++n;
    const QString certPath = m_dir.filePath(QStringLiteral("cert-%1.pem").arg(n));
    const QString keyPath = m_dir.filePath(QStringLiteral("key-%1.pem").arg(n));
    for (const auto &[path, text] : {std::pair{certPath, cert}, std::pair{keyPath, key}}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    }
    Config c = ephemeralConfig(m_dir.filePath(QStringLiteral("bad-%1.db").arg(n)));
    c.settingsFile = m_dir.filePath(QStringLiteral("bad.conf"));
    c.tlsCert = certPath;
    c.tlsKey = keyPath;
    SpanlightServer server(c);
    QString why;
    QVERIFY(!server.start(&why));
    QVERIFY2(why.startsWith(error), qPrintable(why));
    QCOMPARE(server.apiPort(), quint16(0));
}

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
