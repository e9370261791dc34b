#include "core/accesscontrol.h"
#include "core/span.h"
#include "ingest/otlpcodec.h"
#include "ingest/otlpgrpcreceiver.h"
#include "ingest/pipeline.h"
#include "spanlightserver.h"
#include "storage/store.h"

#include "opentelemetry/proto/collector/trace/v1/trace_service.grpc.pb.h"
#include "spanlight/rpc_error_details.pb.h"
#include "spanlight/rpc_status.pb.h"

#include "httptestclient.h"
#include "prometheustext.h"
#include "testconfig.h"

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <future>
#include <optional>
#include <thread>

using namespace spanlight;
namespace otlpcollector = opentelemetry::proto::collector::trace::v1;

namespace {

constexpr qint64 kMaxBodyBytes = 256 * 1024;
const char *const kExportMethod = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

QByteArray fixture(const char *name)
{
    QFile f(QString::fromLocal8Bit(qgetenv("SPANLIGHT_TEST_DATA")) + QStringLiteral("/data/")
        + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return f.readAll();
}

otlpcollector::ExportTraceServiceRequest requestFrom(const QByteArray &bytes)
{
    otlpcollector::ExportTraceServiceRequest request;
    if (!request.ParseFromArray(bytes.constData(), int(bytes.size())))
        qFatal("not an ExportTraceServiceRequest");
    return request;
}

// `count` spans of one new trace; `padding` bytes of attribute make the request as large as needed.
QList<Span> traceOf(quint8 trace, int count, qsizetype padding = 0)
{
    QList<Span> spans;
    for (int i = 0; i < count; ++i) {
        Span s;
        s.traceId = QByteArray(15, '\x42') + char(trace);
        s.spanId = QByteArray(7, '\x17') + char(i + 1);
        if (i > 0)
            s.parentSpanId = spans.first().spanId;
        s.name = QStringLiteral("op-%1").arg(i);
        s.kind = SpanKind::Client;
        s.startTimeUnixNano = 1'700'000'000'000'000'000 + i * 1000;
        s.endTimeUnixNano = s.startTimeUnixNano + 500;
        s.serviceName = QStringLiteral("grpc-test");
        s.resourceAttributes = { { QStringLiteral("service.name"), s.serviceName } };
        s.scopeName = QStringLiteral("tst_otlpgrpc");
        if (padding > 0)
            s.attributes.insert(QStringLiteral("padding"), QString(padding / count, u'x'));
        spans.append(s);
    }
    return spans;
}

// What the store is expected to hold for a request: our decoder's reading, per trace in the
// store's order (start time, then span id).
QList<Span> storedOrder(QList<Span> spans)
{
    std::stable_sort(spans.begin(), spans.end(), [](const Span &a, const Span &b) {
        return a.startTimeUnixNano != b.startTimeUnixNano ? a.startTimeUnixNano < b.startTimeUnixNano
                                                          : a.spanId < b.spanId;
    });
    return spans;
}

std::unique_ptr<grpc::ClientContext> contextWithDeadline()
{
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    return context;
}

std::optional<google::rpc::RetryInfo> retryInfoOf(const grpc::Status &status)
{
    google::rpc::Status details;
    if (!details.ParseFromString(status.error_details()) || details.code() != int(status.error_code()))
        return std::nullopt;
    for (const auto &any : details.details()) {
        google::rpc::RetryInfo info;
        if (any.UnpackTo(&info))
            return info;
    }
    return std::nullopt;
}

const char *codeName(grpc::StatusCode code)
{
    switch (code) {
    case grpc::StatusCode::OK:
        return "OK";
    case grpc::StatusCode::CANCELLED:
        return "CANCELLED";
    case grpc::StatusCode::INVALID_ARGUMENT:
        return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
        return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
        return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::INTERNAL:
        return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE:
        return "UNAVAILABLE";
    default:
        return "another code";
    }
}

QString describeStatus(const grpc::Status &status)
{
    return QLatin1String(codeName(status.error_code())) + QStringLiteral(" (")
        + QString::fromStdString(status.error_message()) + u')';
}

#define QCOMPARE_CODE(status, expected)                                                                      \
    do {                                                                                                     \
        const grpc::Status status_ = (status);                                                               \
        QVERIFY2(status_.error_code() == (expected),                                                         \
            qPrintable(QStringLiteral("got %1, want %2")                                                     \
                           .arg(describeStatus(status_), QLatin1String(codeName(expected)))));               \
    } while (false)

// A SpanlightServer on ephemeral loopback ports with its own SQLite file.
std::unique_ptr<SpanlightServer> startServer(const QTemporaryDir &dir, const QString &name, quint16 grpcPort = 0,
                                             QString *error = nullptr, qint64 maxTracesPerSecond = 0)
{
    Config c = ephemeralConfig(dir.filePath(name + QStringLiteral(".db")), QStringLiteral("test-token"));
    c.maxTracesPerSecond = maxTracesPerSecond;
    c.otlpGrpcPort = grpcPort;
    c.settingsFile = dir.filePath(name + QStringLiteral(".conf"));
    c.maxBodyBytes = kMaxBodyBytes;
    auto server = std::make_unique<SpanlightServer>(c);
    QString why;
    if (!server->start(&why)) {
        if (error)
            *error = why;
        return nullptr;
    }
    return server;
}

} // namespace

// OTLP/gRPC against an in-process server on ephemeral loopback ports, through the generated stub.
class TestOtlpGrpc : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void exportRichTrace();
    void exportGzip();
    void partialSuccess();
    void oversizedMessage();
    void gzipBombIsLimitedAfterInflating();
    void undecodableBytes_data();
    void undecodableBytes();
    void authorizationIsIgnored();
    void authorizationRequired();
    void concurrentCalls();
    void countsRequests();
    void requestDurationsCounted();
    void retryableErrorsCarryRetryInfo();
    void rateLimitIsResourceExhausted();
    void portInUseIsAnError();
    void stopWithCallsInFlight();
    void stopCancelsCallsPastTheGrace();

private:
    grpc::Status exportRequest(const otlpcollector::ExportTraceServiceRequest &request,
        otlpcollector::ExportTraceServiceResponse *response,
        grpc_compression_algorithm compression = GRPC_COMPRESS_NONE);
    grpc::Status exportRaw(const QByteArray &bytes, QByteArray *response);

    QTemporaryDir m_dir;
    std::unique_ptr<SpanlightServer> m_server;
    std::shared_ptr<grpc::Channel> m_channel;
    std::unique_ptr<otlpcollector::TraceService::Stub> m_stub;
};

void TestOtlpGrpc::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    m_server = startServer(m_dir, QStringLiteral("grpc"), 0, &error);
    QVERIFY2(m_server, qPrintable(error));
    const quint16 port = m_server->port(SpanlightServer::Listener::OtlpGrpc);
    QVERIFY(port != 0);
    QVERIFY(port != m_server->otlpHttpPort());
    grpc::ChannelArguments args;
    args.SetMaxSendMessageSize(64 * 1024 * 1024); // so the oversized test reaches the server
    m_channel = grpc::CreateCustomChannel(
        QStringLiteral("127.0.0.1:%1").arg(port).toStdString(), grpc::InsecureChannelCredentials(), args);
    m_stub = otlpcollector::TraceService::NewStub(m_channel);
}

void TestOtlpGrpc::cleanupTestCase()
{
    m_stub.reset();
    m_channel.reset();
    if (m_server)
        m_server->stop();
}

grpc::Status TestOtlpGrpc::exportRequest(const otlpcollector::ExportTraceServiceRequest &request,
    otlpcollector::ExportTraceServiceResponse *response, grpc_compression_algorithm compression)
{
    auto context = contextWithDeadline();
    context->set_compression_algorithm(compression);
    return m_stub->Export(context.get(), request, response);
}

grpc::Status TestOtlpGrpc::exportRaw(const QByteArray &bytes, QByteArray *response)
{
    grpc::GenericStub stub(m_channel);
    auto context = contextWithDeadline();
    grpc::Slice slice(bytes.constData(), size_t(bytes.size()));
    const grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer reply;
    std::promise<grpc::Status> done;
    stub.UnaryCall(context.get(), kExportMethod, grpc::StubOptions(), &request, &reply,
        [&done](grpc::Status s) { done.set_value(std::move(s)); });
    const grpc::Status status = done.get_future().get();
    grpc::Slice whole;
    if (status.ok() && reply.DumpToSingleSlice(&whole).ok())
        *response = QByteArray(reinterpret_cast<const char *>(whole.begin()), qsizetype(whole.size()));
    return status;
}

void TestOtlpGrpc::exportRichTrace()
{
    // Built through the generated API (two resources, every AnyValue kind, events, links,
    // trace state, flags, dropped counts); what HTTP decodes from it is what gRPC must store.
    const QByteArray bytes = fixture("trace_full.pb");
    const DecodeResult expected = decodeOtlpProtobuf(bytes);
    QVERIFY(expected.ok());
    QCOMPARE(expected.batch.spans.size(), 4);

    otlpcollector::ExportTraceServiceResponse response;
    const grpc::Status status = exportRequest(requestFrom(bytes), &response);
    QCOMPARE_CODE(status, grpc::StatusCode::OK);
    QVERIFY(!response.has_partial_success()); // every span was taken

    QSet<QByteArray> traces;
    for (const Span &s : expected.batch.spans)
        traces.insert(s.traceId);
    for (const QByteArray &traceId : std::as_const(traces)) {
        QList<Span> want;
        for (const Span &s : expected.batch.spans)
            if (s.traceId == traceId)
                want.append(s);
        QCOMPARE(m_server->store()->traceSpans(traceId), storedOrder(want));
    }
}

void TestOtlpGrpc::exportGzip()
{
    // Compressible padding makes the gzip body far smaller than the message.
    // (under MAX_ATTRIBUTE_VALUE_LENGTH, so the pipeline keeps the values whole)
    const QList<Span> spans = traceOf(1, 5, 12 * 1024);
    otlpcollector::ExportTraceServiceResponse response;
    const grpc::Status status
        = exportRequest(requestFrom(encodeOtlpProtobuf(spans)), &response, GRPC_COMPRESS_GZIP);
    QCOMPARE_CODE(status, grpc::StatusCode::OK);
    QVERIFY(!response.has_partial_success());
    QCOMPARE(m_server->store()->traceSpans(spans.first().traceId), storedOrder(spans));
}

void TestOtlpGrpc::partialSuccess()
{
    // One valid span and four a buggy SDK might send.
    otlpcollector::ExportTraceServiceResponse response;
    const grpc::Status status = exportRequest(requestFrom(fixture("bad_ids.pb")), &response);
    QCOMPARE_CODE(status, grpc::StatusCode::OK);
    QVERIFY(response.has_partial_success());
    QCOMPARE(response.partial_success().rejected_spans(), 4);
    const QString message = QString::fromStdString(response.partial_success().error_message());
    QVERIFY2(message.contains(QLatin1String("span_id must be 8 bytes")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("start_time_unix_nano must be set")), qPrintable(message));

    const DecodeResult expected = decodeOtlpProtobuf(fixture("bad_ids.pb"));
    QCOMPARE(expected.batch.spans.size(), 1);
    QCOMPARE(m_server->store()->traceSpans(expected.batch.spans.first().traceId), expected.batch.spans);
}

void TestOtlpGrpc::oversizedMessage()
{
    const QList<Span> spans = traceOf(2, 4, kMaxBodyBytes + 1024);
    const QByteArray bytes = encodeOtlpProtobuf(spans);
    QVERIFY(bytes.size() > kMaxBodyBytes);
    otlpcollector::ExportTraceServiceResponse response;
    const grpc::Status status = exportRequest(requestFrom(bytes), &response);
    QCOMPARE_CODE(status, grpc::StatusCode::RESOURCE_EXHAUSTED);
    QVERIFY(m_server->store()->traceSpans(spans.first().traceId).isEmpty());
}

void TestOtlpGrpc::gzipBombIsLimitedAfterInflating()
{
    // A few KiB on the wire, four times the limit once inflated.
    const QList<Span> spans = traceOf(3, 2, 4 * kMaxBodyBytes);
    otlpcollector::ExportTraceServiceResponse response;
    const grpc::Status status
        = exportRequest(requestFrom(encodeOtlpProtobuf(spans)), &response, GRPC_COMPRESS_GZIP);
    QCOMPARE_CODE(status, grpc::StatusCode::RESOURCE_EXHAUSTED);
    QVERIFY(m_server->store()->traceSpans(spans.first().traceId).isEmpty());
}

void TestOtlpGrpc::undecodableBytes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");
    QTest::newRow("unterminated varint") << QByteArray("\xff\xff\xff\xff", 4)
                                         << QStringLiteral("invalid protobuf: truncated field tag at byte 0");
    const QByteArray golden = fixture("trace_full.pb");
    QTest::newRow("truncated request")
        << golden.left(golden.size() / 2) << QStringLiteral("invalid protobuf: resource_spans[0]");
}

void TestOtlpGrpc::undecodableBytes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    QByteArray response;
    const grpc::Status status = exportRaw(bytes, &response);
    QCOMPARE_CODE(status, grpc::StatusCode::INVALID_ARGUMENT);
    const QString message = QString::fromStdString(status.error_message());
    QVERIFY2(message.startsWith(error), qPrintable(message));
}

void TestOtlpGrpc::authorizationIsIgnored()
{
    // On loopback with INGEST_AUTH=auto, ingest is open: a credential, right or wrong, changes nothing.
    const QList<Span> spans = traceOf(4, 1);
    auto context = contextWithDeadline();
    context->AddMetadata("authorization", "Bearer not-the-token");
    otlpcollector::ExportTraceServiceResponse response;
    const grpc::Status status
        = m_stub->Export(context.get(), requestFrom(encodeOtlpProtobuf(spans)), &response);
    QCOMPARE_CODE(status, grpc::StatusCode::OK);
    QCOMPARE(m_server->store()->traceSpans(spans.first().traceId).size(), 1);
}

void TestOtlpGrpc::authorizationRequired()
{
    // INGEST_AUTH=required: the metadata must carry a token with the ingest or admin role.
    QFile tokens(m_dir.filePath(QStringLiteral("tokens")));
    QVERIFY(tokens.open(QIODevice::WriteOnly));
    tokens.write("viewer " + AccessControl::hashToken("view-me") + " dashboards\n");
    tokens.write("ingest " + AccessControl::hashToken("send-me") + " checkout exporter\n");
    tokens.close();
    Config c = ephemeralConfig(m_dir.filePath(QStringLiteral("auth.db")), QStringLiteral("admin-token"));
    c.settingsFile = m_dir.filePath(QStringLiteral("auth.conf"));
    c.tokensFile = tokens.fileName();
    c.ingestAuthRequired = true;
    SpanlightServer server(c);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    auto channel = grpc::CreateChannel(QStringLiteral("127.0.0.1:%1")
                                           .arg(server.port(SpanlightServer::Listener::OtlpGrpc))
                                           .toStdString(),
        grpc::InsecureChannelCredentials());
    auto stub = otlpcollector::TraceService::NewStub(channel);
    struct Case
    {
        const char *authorization; // null: no metadata
        grpc::StatusCode expected;
        const char *messagePart;
    };
    const Case cases[] = {
        { nullptr, grpc::StatusCode::UNAUTHENTICATED, "missing Authorization" },
        { "Bearer wrong", grpc::StatusCode::UNAUTHENTICATED, "invalid bearer token" },
        { "Basic c2VuZC1tZQ==", grpc::StatusCode::UNAUTHENTICATED, "must be 'Bearer <token>'" },
        { "Bearer view-me", grpc::StatusCode::PERMISSION_DENIED, "'dashboards' has the role viewer" },
        { "Bearer send-me", grpc::StatusCode::OK, "" },
        { "bearer admin-token", grpc::StatusCode::OK, "" },
    };
    quint8 trace = 40;
    for (const Case &k : cases) {
        const QList<Span> spans = traceOf(trace++, 2);
        auto context = contextWithDeadline();
        if (k.authorization)
            context->AddMetadata("authorization", k.authorization);
        otlpcollector::ExportTraceServiceResponse response;
        const grpc::Status status = stub->Export(context.get(), requestFrom(encodeOtlpProtobuf(spans)), &response);
        QCOMPARE_CODE(status, k.expected);
        QVERIFY2(QString::fromStdString(status.error_message()).contains(QLatin1String(k.messagePart)),
            status.error_message().c_str());
        QVERIFY(!QString::fromStdString(status.error_message()).contains(QLatin1String("send-me")));
        QCOMPARE(server.store()->traceSpans(spans.first().traceId).size(), k.expected == grpc::StatusCode::OK ? 2 : 0);
    }
    // The refusals are in the audit log, by the token's name where it was known, from loopback.
    auto audited = [&server](const QString &actor) {
        for (const AuditEntry &e : server.store()->auditEntries({}, {}, 100))
            if (e.action == u"ingest OTLP/gRPC" && e.actor == actor && e.remote == u"127.0.0.1"
                && e.outcome.startsWith(u"denied"))
                return true;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(audited(QStringLiteral("dashboards")), 10000);
    QVERIFY(audited(QStringLiteral("-")));
    stub.reset();
    channel.reset();
    server.stop();
}

void TestOtlpGrpc::concurrentCalls()
{
    constexpr int kThreads = 8;
    constexpr int kCallsPerThread = 10;
    std::vector<std::thread> threads;
    std::atomic<int> ok = 0;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([this, t, &ok] {
            for (int c = 0; c < kCallsPerThread; ++c) {
                const QList<Span> spans = traceOf(quint8(100 + t * kCallsPerThread + c), 3);
                otlpcollector::ExportTraceServiceResponse response;
                if (exportRequest(requestFrom(encodeOtlpProtobuf(spans)), &response).ok())
                    ++ok;
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(ok.load(), kThreads * kCallsPerThread);
    // Answered after commit: every trace is readable the moment its call returned.
    for (int i = 0; i < kThreads * kCallsPerThread; ++i)
        QCOMPARE(m_server->store()->traceSpans(traceOf(quint8(100 + i), 1).first().traceId).size(), 3);
}

void TestOtlpGrpc::countsRequests()
{
    const IngestCounters &counters = m_server->pipeline()->counters();
    const qint64 requests = counters.requests;
    const qint64 rejected = counters.requestsRejected;
    const qint64 accepted = counters.spansAccepted;
    otlpcollector::ExportTraceServiceResponse response;
    QVERIFY(exportRequest(requestFrom(encodeOtlpProtobuf(traceOf(5, 2))), &response).ok());
    QByteArray raw;
    QCOMPARE_CODE(exportRaw(QByteArray("\xff", 1), &raw), grpc::StatusCode::INVALID_ARGUMENT);
    QCOMPARE(counters.requests.load(), requests + 2);
    QCOMPARE(counters.requestsRejected.load(), rejected + 1);
    QCOMPARE(counters.spansAccepted.load(), accepted + 2);
}

void TestOtlpGrpc::requestDurationsCounted()
{
    // Every answered Export, OK or not, is one more in the otlp_grpc histogram of /metrics.
    QNetworkAccessManager nam;
    const char *const count = "tracing_ingest_request_duration_seconds_count";
    const testsupport::PrometheusText before
        = testsupport::scrapeMetrics(nam, m_server->apiPort(), "test-token");
    QVERIFY2(before.ok(), qPrintable(before.error));
    otlpcollector::ExportTraceServiceResponse response;
    QVERIFY(exportRequest(requestFrom(encodeOtlpProtobuf(traceOf(7, 2))), &response).ok());
    QVERIFY(exportRequest(otlpcollector::ExportTraceServiceRequest(), &response).ok());
    QByteArray raw;
    QCOMPARE_CODE(exportRaw(QByteArray("\xff", 1), &raw), grpc::StatusCode::INVALID_ARGUMENT);
    const testsupport::PrometheusText after
        = testsupport::scrapeMetrics(nam, m_server->apiPort(), "test-token");
    QVERIFY2(after.ok(), qPrintable(after.error));
    QVERIFY2(testsupport::firstDecrease(before, after).isEmpty(),
        qPrintable(testsupport::firstDecrease(before, after)));
    QCOMPARE(after.value(count, { { "protocol", "otlp_grpc" } }),
        before.value(count, { { "protocol", "otlp_grpc" } }) + 3);
    QCOMPARE(after.value(count, { { "protocol", "otlp_http" } }),
        before.value(count, { { "protocol", "otlp_http" } }));
}

void TestOtlpGrpc::retryableErrorsCarryRetryInfo()
{
    // A server whose store has closed answers UNAVAILABLE ("shutting down") with a retry delay.
    QString error;
    auto server = startServer(m_dir, QStringLiteral("closed"), 0, &error);
    QVERIFY2(server, qPrintable(error));
    server->store()->close();
    auto channel = grpc::CreateChannel(
        QStringLiteral("127.0.0.1:%1").arg(server->port(SpanlightServer::Listener::OtlpGrpc)).toStdString(),
        grpc::InsecureChannelCredentials());
    auto stub = otlpcollector::TraceService::NewStub(channel);
    auto context = contextWithDeadline();
    otlpcollector::ExportTraceServiceResponse response;
    const grpc::Status status
        = stub->Export(context.get(), requestFrom(encodeOtlpProtobuf(traceOf(6, 1))), &response);
    server->stop();
    QCOMPARE_CODE(status, grpc::StatusCode::UNAVAILABLE);
    QVERIFY2(
        status.error_message().find("shutting down") != std::string::npos, status.error_message().c_str());
    const auto retry = retryInfoOf(status);
    QVERIFY2(retry, "no google.rpc.RetryInfo in grpc-status-details-bin");
    QCOMPARE(retry->retry_delay().seconds(), 1);
}

void TestOtlpGrpc::rateLimitIsResourceExhausted()
{
    // MAX_TRACES_PER_SECOND=2: two traces pass, the third is refused with RESOURCE_EXHAUSTED
    // and a retry delay, and nothing of it is stored.
    QString error;
    auto server = startServer(m_dir, QStringLiteral("limited"), 0, &error, 2);
    QVERIFY2(server, qPrintable(error));
    auto stub = otlpcollector::TraceService::NewStub(grpc::CreateChannel(
        QStringLiteral("127.0.0.1:%1").arg(server->port(SpanlightServer::Listener::OtlpGrpc)).toStdString(),
        grpc::InsecureChannelCredentials()));
    auto call = [&](quint8 trace) {
        auto context = contextWithDeadline();
        otlpcollector::ExportTraceServiceResponse response;
        return stub->Export(context.get(), requestFrom(encodeOtlpProtobuf(traceOf(trace, 2))), &response);
    };
    QCOMPARE_CODE(call(31), grpc::StatusCode::OK);
    QCOMPARE_CODE(call(32), grpc::StatusCode::OK);
    const grpc::Status refused = call(33);
    QCOMPARE_CODE(refused, grpc::StatusCode::RESOURCE_EXHAUSTED);
    QVERIFY2(refused.error_message().find("MAX_TRACES_PER_SECOND") != std::string::npos, refused.error_message().c_str());
    const auto retry = retryInfoOf(refused);
    QVERIFY2(retry, "no google.rpc.RetryInfo in grpc-status-details-bin");
    QVERIFY(retry->retry_delay().seconds() >= 1);
    QCOMPARE(server->store()->stats().traces, 2);
    QCOMPARE(server->pipeline()->counters().requestsRateLimited.load(), 1);
    server->stop();
}

void TestOtlpGrpc::portInUseIsAnError()
{
    QString error;
    auto second = startServer(
        m_dir, QStringLiteral("second"), m_server->port(SpanlightServer::Listener::OtlpGrpc), &error);
    QVERIFY(!second);
    QVERIFY2(error.startsWith(QLatin1String("OTLP_GRPC_PORT: ")), qPrintable(error));
}

void TestOtlpGrpc::stopWithCallsInFlight()
{
    // Calls racing the shutdown each end with a status (committed, refused or cancelled);
    // stop() returns promptly and nothing completes afterwards.
    QString error;
    auto server = startServer(m_dir, QStringLiteral("stopping"), 0, &error);
    QVERIFY2(server, qPrintable(error));
    auto channel = grpc::CreateChannel(
        QStringLiteral("127.0.0.1:%1").arg(server->port(SpanlightServer::Listener::OtlpGrpc)).toStdString(),
        grpc::InsecureChannelCredentials());
    auto stub = otlpcollector::TraceService::NewStub(channel);
    QVERIFY(channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(5)));

    constexpr int kCalls = 40;
    struct Call
    {
        std::unique_ptr<grpc::ClientContext> context = contextWithDeadline();
        otlpcollector::ExportTraceServiceRequest request;
        otlpcollector::ExportTraceServiceResponse response;
        std::promise<grpc::Status> done;
    };
    std::vector<std::unique_ptr<Call>> calls;
    for (int i = 0; i < kCalls; ++i) {
        auto call = std::make_unique<Call>();
        call->request = requestFrom(encodeOtlpProtobuf(traceOf(quint8(200 + i), 20, 20 * 1024)));
        Call *c = call.get();
        stub->async()->Export(c->context.get(), &c->request, &c->response,
            [c](grpc::Status s) { c->done.set_value(std::move(s)); });
        calls.push_back(std::move(call));
    }
    QElapsedTimer timer;
    timer.start();
    server->stop();
    QVERIFY2(timer.elapsed() < 8000, qPrintable(QStringLiteral("stop took %1 ms").arg(timer.elapsed())));
    QList<int> committed;
    for (int i = 0; i < kCalls; ++i) {
        auto future = calls[size_t(i)]->done.get_future();
        QVERIFY(future.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
        const grpc::Status status = future.get();
        QVERIFY2(status.ok() || status.error_code() == grpc::StatusCode::UNAVAILABLE
                || status.error_code() == grpc::StatusCode::CANCELLED,
            codeName(status.error_code()));
        if (status.ok())
            committed.append(i);
    }
    // Every call answered OK was committed: reopen the database and look.
    auto store
        = Store::open(QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("stopping.db")), &error);
    QVERIFY2(store, qPrintable(error));
    for (int i : std::as_const(committed))
        QCOMPARE(store->traceSpans(traceOf(quint8(200 + i), 1).first().traceId).size(), 20);
    store->close();
}

void TestOtlpGrpc::stopCancelsCallsPastTheGrace()
{
    // Calls beyond the concurrency limit are refused. A commit that cannot finish (another connection holds
    // SQLite's write lock) must not keep stop() waiting past the grace: gRPC cancels the call, and the commit
    // that lands later, after the receiver is gone, finds its call answered and leaves it alone.
    const QString path = m_dir.filePath(QStringLiteral("grace.db"));
    QString error;
    auto store = Store::open(QStringLiteral("sqlite://") + path, &error);
    QVERIFY2(store, qPrintable(error));
    IngestPipeline pipeline(*store);
    OtlpGrpcReceiver::Limits limits;
    limits.shutdownGrace = std::chrono::milliseconds(300);
    limits.maxConcurrentCalls = 1;
    auto receiver = std::make_unique<OtlpGrpcReceiver>(pipeline, limits);
    QVERIFY2(receiver->start(QStringLiteral("127.0.0.1"), 0, &error), qPrintable(error));

    {
        QSqlDatabase locker = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker"));
        locker.setDatabaseName(path);
        QVERIFY(locker.open());
        QVERIFY(QSqlQuery(locker).exec(QStringLiteral("BEGIN EXCLUSIVE")));
    }
    auto channel = grpc::CreateChannel(QStringLiteral("127.0.0.1:%1").arg(receiver->port()).toStdString(),
        grpc::InsecureChannelCredentials());
    auto stub = otlpcollector::TraceService::NewStub(channel);
    auto context = contextWithDeadline();
    const otlpcollector::ExportTraceServiceRequest request = requestFrom(encodeOtlpProtobuf(traceOf(7, 3)));
    otlpcollector::ExportTraceServiceResponse response;
    std::promise<grpc::Status> done;
    stub->async()->Export(
        context.get(), &request, &response, [&done](grpc::Status s) { done.set_value(std::move(s)); });
    QTRY_COMPARE(pipeline.counters().spansReceived.load(), 3); // submitted; the writer now waits for the lock

    // One call in flight is the limit here: the next is refused at once, retryable.
    {
        auto second = contextWithDeadline();
        otlpcollector::ExportTraceServiceResponse ignored;
        const grpc::Status status = stub->Export(second.get(), request, &ignored);
        QCOMPARE_CODE(status, grpc::StatusCode::UNAVAILABLE);
        QVERIFY2(status.error_message().find("too many concurrent exports") != std::string::npos,
            status.error_message().c_str());
        QVERIFY(retryInfoOf(status));
        QCOMPARE(pipeline.counters().requestsOverloaded.load(), 1);
    }

    QElapsedTimer timer;
    timer.start();
    receiver->stop();
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(elapsed >= 250 && elapsed < 3000, qPrintable(QStringLiteral("stop took %1 ms").arg(elapsed)));
    auto future = done.get_future();
    QVERIFY(future.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
    QCOMPARE_CODE(future.get(), grpc::StatusCode::UNAVAILABLE); // gRPC's "Cancelling all calls": retryable
    receiver.reset();

    {
        QSqlDatabase locker = QSqlDatabase::database(QStringLiteral("locker"));
        QVERIFY(QSqlQuery(locker).exec(QStringLiteral("ROLLBACK")));
        locker.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("locker"));
    store->close(); // the write commits now; its continuation runs with no receiver left
    QCOMPARE(pipeline.counters().spansAccepted.load(), 3);
}

QTEST_GUILESS_MAIN(TestOtlpGrpc)
#include "tst_otlpgrpc.moc"
