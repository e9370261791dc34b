#include "core/span.h"
#include "ingest/otlpcodec.h"
#include "spanlightserver.h"
#include "storage/store.h"

#include "testconfig.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace spanlight;

// Forwarding from one server to a second one over real HTTP on loopback: OTLP/HTTP, Jaeger
// Thrift, Zipkin JSON and OTLP/gRPC, and an endpoint that is down at first (retries, then delivery; ingest never waits).
class TestForwarding : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void forwardingProtocols_data();
    void forwardingProtocols();
    void endpointDownThenUp();

private:
    std::unique_ptr<SpanlightServer> server(const QString &name, std::function<void(Config &)> tweak = {});
    int post(quint16 port, const QList<Span> &spans);
    bool dependencyUp(SpanlightServer &server, const QString &name);
    static QList<Span> trace(quint8 seed);

    QTemporaryDir m_dir;
    QNetworkAccessManager m_nam;
};

std::unique_ptr<SpanlightServer> TestForwarding::server(const QString &name, std::function<void(Config &)> tweak)
{
    Config c = ephemeralConfig(m_dir.filePath(name + QStringLiteral(".db")), QStringLiteral("t"));
    if (tweak)
        tweak(c);
    auto s = std::make_unique<SpanlightServer>(c);
    QString error;
    if (!s->start(&error))
        qWarning() << "server" << name << "did not start:" << error;
    return s;
}

QList<Span> TestForwarding::trace(quint8 seed)
{
    QList<Span> out;
    const QByteArray traceId = QByteArray(15, char(0x40)) + char(seed);
    for (int i = 0; i < 3; ++i) {
        Span s;
        s.traceId = traceId;
        s.spanId = QByteArray(7, char(0x50)) + char(i + 1);
        if (i > 0)
            s.parentSpanId = QByteArray(7, char(0x50)) + char(1);
        s.name = QStringLiteral("op-%1").arg(i);
        s.kind = i == 0 ? SpanKind::Server : SpanKind::Client;
        s.serviceName = i == 2 ? QStringLiteral("db-proxy") : QStringLiteral("front");
        s.resourceAttributes.insert(QStringLiteral("service.name"), s.serviceName);
        s.startTimeUnixNano = qint64(1735689600) * 1000000000 + i * 1000000;
        s.endTimeUnixNano = s.startTimeUnixNano + 5000000;
        s.attributes.insert(QStringLiteral("i"), i);
        out.append(s);
    }
    return out;
}

int TestForwarding::post(quint16 port, const QList<Span> &spans)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/traces").arg(port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-protobuf"));
    QNetworkReply *reply = m_nam.post(request, encodeOtlpProtobuf(spans));
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

bool TestForwarding::dependencyUp(SpanlightServer &server, const QString &name)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/health").arg(server.apiPort())));
    request.setRawHeader("Authorization", "Bearer t");
    QNetworkReply *reply = m_nam.get(request);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    const QJsonObject health = QJsonDocument::fromJson(reply->readAll()).object();
    return health.value(QStringLiteral("dependencies")).toObject().value(name).toBool();
}

void TestForwarding::forwardingProtocols_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::newRow("otlp-http") << "otlp";
    QTest::newRow("jaeger-thrift") << "jaeger";
    QTest::newRow("zipkin-json") << "zipkin";
    QTest::newRow("otlp-grpc") << "grpc";
}

void TestForwarding::forwardingProtocols()
{
    QFETCH(QString, protocol);
    auto b = server(QStringLiteral("b-") + protocol);
    QVERIFY(b->apiPort());
    auto a = server(QStringLiteral("a-") + protocol, [&](Config &c) {
        if (protocol == u"otlp")
            c.otlpEndpoint = QStringLiteral("http://127.0.0.1:%1").arg(b->otlpHttpPort());
        else if (protocol == u"grpc")
            c.otlpEndpoint = QStringLiteral("grpc://127.0.0.1:%1").arg(b->port(SpanlightServer::Listener::OtlpGrpc));
        else if (protocol == u"jaeger")
            c.jaegerEndpoint = QStringLiteral("http://127.0.0.1:%1/api/traces").arg(b->port(SpanlightServer::Listener::Jaeger));
        else
            c.zipkinEndpoint = QStringLiteral("http://127.0.0.1:%1/api/v2/spans").arg(b->port(SpanlightServer::Listener::Zipkin));
    });
    QVERIFY(a->apiPort());
    const QList<Span> spans = trace(protocol == u"otlp" ? 1 : protocol == u"jaeger" ? 2 : protocol == u"zipkin" ? 4 : 5);
    QCOMPARE(post(a->otlpHttpPort(), spans), 200);
    QTRY_COMPARE_WITH_TIMEOUT(b->store()->traceSpans(spans.first().traceId).size(), 3, 10000);
    const QString dependency = protocol == u"jaeger" ? QStringLiteral("jaeger")
        : protocol == u"zipkin"                      ? QStringLiteral("zipkin")
                                                     : QStringLiteral("opentelemetry");
    QVERIFY(dependencyUp(*a, dependency));
    const QList<Span> got = b->store()->traceSpans(spans.first().traceId);
    for (const Span &want : spans) {
        const auto it = std::find_if(got.begin(), got.end(), [&](const Span &s) { return s.spanId == want.spanId; });
        QVERIFY(it != got.end());
        QCOMPARE(it->parentSpanId, want.parentSpanId);
        QCOMPARE(it->name, want.name);
        QCOMPARE(it->serviceName, want.serviceName);
        QCOMPARE(it->kind, want.kind);
        QCOMPARE(it->startTimeUnixNano / 1000, want.startTimeUnixNano / 1000); // Jaeger carries µs
        // Zipkin tags are strings
        QCOMPARE(it->attributes.value(QStringLiteral("i")).toVariant().toLongLong(),
                 want.attributes.value(QStringLiteral("i")).toInteger());
    }
}

void TestForwarding::endpointDownThenUp()
{
    // a port that nothing listens on yet
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    auto a = server(QStringLiteral("a-down"), [&](Config &c) { c.otlpEndpoint = QStringLiteral("http://127.0.0.1:%1/").arg(port); });
    QVERIFY(a->apiPort());
    const QList<Span> spans = trace(3);
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(post(a->otlpHttpPort(), spans), 200); // ingest does not wait for the forward
    QVERIFY(timer.elapsed() < 5000);
    QTest::qWait(800); // a few failed attempts
    QVERIFY(!dependencyUp(*a, QStringLiteral("opentelemetry")));
    auto b = server(QStringLiteral("b-late"), [&](Config &c) { c.otlpHttpPort = port; });
    QCOMPARE(b->otlpHttpPort(), port);
    QTRY_COMPARE_WITH_TIMEOUT(b->store()->traceSpans(spans.first().traceId).size(), 3, 15000);
    QVERIFY(dependencyUp(*a, QStringLiteral("opentelemetry")));
}

QTEST_GUILESS_MAIN(TestForwarding)
#include "tst_forwarding.moc"
