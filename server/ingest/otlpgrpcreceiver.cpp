#include "otlpgrpcreceiver.h"

#include "ingest/otlpcodec.h"

#include "opentelemetry/proto/collector/trace/v1/trace_service.grpc.pb.h"

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/proto_buffer_reader.h>

#include <QElapsedTimer>
#include <QHostAddress>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <climits>
#include <condition_variable>
#include <mutex>

namespace spanlight {

namespace otlpcollector = opentelemetry::proto::collector::trace::v1;

namespace {

std::string toStd(const QString &s)
{
    return s.toStdString();
}

// A retryable status: the code, the message, and google.rpc.Status with a RetryInfo detail in
// grpc-status-details-bin, so exporters know how long to back off.
grpc::Status retryable(grpc::StatusCode code, const QString &message, int retryAfterSeconds)
{
    const QByteArray details = encodeRpcStatusProtobuf(int(code), message, retryAfterSeconds);
    return grpc::Status(code, toStd(message), details.toStdString());
}

// Calls counted for bounded concurrency; outlives the receiver if gRPC is late with OnDone.
struct CallCount
{
    std::mutex mutex;
    std::condition_variable zero;
    int inFlight = 0;

    void done()
    {
        std::lock_guard lock(mutex);
        if (--inFlight == 0)
            zero.notify_all();
    }
};

// One Export call. gRPC owns it until OnDone; the decode task and the pipeline continuation
// hold it too, so whichever side lets go last deletes it. The call is answered exactly once:
// by the continuation, or by OnCancel (client gone, deadline, or shutdown past its grace).
// The answer records the call's duration: it comes before Finish(), so before OnDone, and the
// receiver's stop() waits for every OnDone; the pipeline's histogram outlives every record.
class ExportCall final : public grpc::ServerUnaryReactor
{
public:
    ExportCall(const grpc::ByteBuffer &request, grpc::ByteBuffer *response, std::shared_ptr<CallCount> count,
        DurationHistogram *duration)
        : m_request(request) // takes references on gRPC's slices, no copy of the bytes
        , m_response(response)
        , m_count(std::move(count))
        , m_duration(duration)
    {
        m_timer.start(); // gRPC calls Export with the whole message received
    }

    static std::shared_ptr<ExportCall> create(const grpc::ByteBuffer &request, grpc::ByteBuffer *response,
        std::shared_ptr<CallCount> count, DurationHistogram *duration)
    {
        auto call = std::make_shared<ExportCall>(request, response, std::move(count), duration);
        call->m_self = call;
        return call;
    }

    grpc::ByteBuffer &request() { return m_request; }
    bool answered() const { return m_answered.load(); }
    QString peer; // the client's address, for the ingest-health table

    // The first answer wins; it may come from any thread. Nothing is locked around Finish():
    // gRPC may run other reactions of this call inline.
    void answer(const grpc::Status &status, const QByteArray &body = {})
    {
        if (m_answered.exchange(true))
            return;
        m_duration->record(m_timer.nsecsElapsed());
        if (status.ok()) {
            grpc::Slice slice(body.constData(), size_t(body.size()));
            *m_response = grpc::ByteBuffer(&slice, 1);
        }
        Finish(status);
    }

    void OnCancel() override { answer(grpc::Status::CANCELLED); }

    void OnDone() override
    {
        m_count->done();
        const std::shared_ptr<ExportCall> last = std::move(m_self); // may delete this on return
    }

private:
    grpc::ByteBuffer m_request;
    grpc::ByteBuffer *m_response;
    std::shared_ptr<CallCount> m_count;
    std::shared_ptr<ExportCall> m_self; // gRPC's reference, dropped in OnDone
    DurationHistogram *m_duration;
    QElapsedTimer m_timer;
    std::atomic<bool> m_answered = false;
};

using RawTraceService
    = otlpcollector::TraceService::WithRawCallbackMethod_Export<otlpcollector::TraceService::Service>;

// The raw (ByteBuffer) method lets us parse ourselves: an undecodable message is then our
// INVALID_ARGUMENT with the place named, not gRPC's generic INTERNAL parse failure.
class TraceService final : public RawTraceService
{
public:
    TraceService(IngestPipeline &pipeline, const OtlpGrpcReceiver::Limits &limits,
        std::shared_ptr<const AccessControl> access)
        : m_pipeline(pipeline)
        , m_limits(limits)
        , m_access(std::move(access))
        , m_count(std::make_shared<CallCount>())
    {
        m_pool.setObjectName(QStringLiteral("OTLP/gRPC decode"));
        m_pool.setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
    }

    grpc::ServerUnaryReactor *Export(grpc::CallbackServerContext *context, const grpc::ByteBuffer *request,
        grpc::ByteBuffer *response) override;

    // After the server has shut down: waits for the decode tasks and for gRPC's last OnDone.
    void drain()
    {
        m_pool.waitForDone();
        std::unique_lock lock(m_count->mutex);
        m_count->zero.wait(lock, [this] { return m_count->inFlight == 0; });
    }

private:
    void decodeAndSubmit(const std::shared_ptr<ExportCall> &call);

    IngestPipeline &m_pipeline;
    const OtlpGrpcReceiver::Limits m_limits;
    const std::shared_ptr<const AccessControl> m_access;
    std::shared_ptr<CallCount> m_count;
    QThreadPool m_pool;
};

// "ipv4:127.0.0.1:5000" or "ipv6:[::1]:5000", as gRPC names a peer, without scheme and port.
QString peerAddress(const std::string &peer)
{
    QString p = QString::fromStdString(peer);
    const qsizetype colon = p.indexOf(u':');
    if (colon > 0)
        p = p.mid(colon + 1);
    const qsizetype port = p.lastIndexOf(u':');
    if (port > 0 && !p.endsWith(u']'))
        p = p.left(port);
    if (p.startsWith(u'[') && p.endsWith(u']'))
        p = p.mid(1, p.size() - 2);
    return p;
}

grpc::ServerUnaryReactor *TraceService::Export(
    grpc::CallbackServerContext *context, const grpc::ByteBuffer *request, grpc::ByteBuffer *response)
{
    ++m_pipeline.counters().requests;
    AccessCheck check;
    if (m_access) {
        const auto it = context->client_metadata().find("authorization");
        const QByteArrayView value = it == context->client_metadata().end()
            ? QByteArrayView()
            : QByteArrayView(it->second.data(), qsizetype(it->second.size()));
        check = m_access->check(value, Permission::Ingest);
    }

    bool admitted = false;
    {
        std::lock_guard lock(m_count->mutex);
        admitted = m_count->inFlight < m_limits.maxConcurrentCalls;
        ++m_count->inFlight; // every call created below reaches OnDone, which counts it out
    }
    const std::shared_ptr<ExportCall> call = ExportCall::create(*request, response, m_count,
        &m_pipeline.counters().requestDurationByProtocol[size_t(IngestProtocolId::OtlpGrpc)]);
    call->peer = peerAddress(context->peer());
    if (m_access && !check.allowed()) {
        ++m_pipeline.counters().requestsUnauthorized;
        m_access->report(check, QStringLiteral("ingest OTLP/gRPC"), call->peer);
        m_pipeline.senders().refused(IngestProtocolId::OtlpGrpc, call->peer, RequestRefusal::Unauthorized, check.message);
        call->answer(grpc::Status(check.httpStatus() == 403 ? grpc::StatusCode::PERMISSION_DENIED
                                                            : grpc::StatusCode::UNAUTHENTICATED,
            toStd(check.message)));
        return call.get();
    }
    if (!admitted) {
        ++m_pipeline.counters().requestsOverloaded;
        const QString message
            = QStringLiteral("too many concurrent exports (%1); retry later").arg(m_limits.maxConcurrentCalls);
        m_pipeline.senders().refused(IngestProtocolId::OtlpGrpc, call->peer, RequestRefusal::Busy, message);
        call->answer(retryable(grpc::StatusCode::UNAVAILABLE, message, 1));
        return call.get();
    }
    // Parsing and mapping a large request takes milliseconds: not on gRPC's threads.
    m_pool.start([this, call] { decodeAndSubmit(call); });
    return call.get();
}

void TraceService::decodeAndSubmit(const std::shared_ptr<ExportCall> &call)
{
    if (call->answered()) // cancelled while queued
        return;
    IngestCounters &counters = m_pipeline.counters();
    grpc::ByteBuffer &bytes = call->request();
    grpc::ProtoBufferReader reader(&bytes);
    if (!reader.status().ok()) {
        ++counters.requestsRejected;
        m_pipeline.senders().refused(IngestProtocolId::OtlpGrpc, call->peer, RequestRefusal::Malformed,
            QString::fromStdString(reader.status().error_message()));
        call->answer(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, reader.status().error_message()));
        return;
    }
    DecodeResult decoded = decodeOtlpProtobufStream(&reader, [&bytes] {
        grpc::Slice whole;
        if (!bytes.DumpToSingleSlice(&whole).ok())
            return QByteArray();
        return QByteArray(reinterpret_cast<const char *>(whole.begin()), qsizetype(whole.size()));
    });
    bytes.Clear();
    if (!decoded.ok()) {
        ++counters.requestsRejected;
        m_pipeline.senders().refused(IngestProtocolId::OtlpGrpc, call->peer, RequestRefusal::Malformed, decoded.error);
        call->answer(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, toStd(decoded.error)));
        return;
    }
    if (call->answered()) // cancelled while decoding: do not store what the client gave up on
        return;
    // The continuation runs on the store's writer thread after the commit and touches only the
    // call, which it keeps alive: it is safe even after this receiver is gone.
    decoded.batch.protocol = IngestProtocolId::OtlpGrpc;
    decoded.batch.sender = call->peer;
    m_pipeline.submit(std::move(decoded.batch))
        .then(QtFuture::Launch::Sync, [call](const IngestOutcome &outcome) {
            switch (outcome.status) {
            case IngestOutcome::Status::Committed:
                call->answer(grpc::Status::OK,
                    encodeOtlpResponseProtobuf(outcome.rejectedSpans, outcome.rejectMessage));
                return;
            case IngestOutcome::Status::RateLimited:
                call->answer(retryable(
                    grpc::StatusCode::RESOURCE_EXHAUSTED, outcome.error, outcome.retryAfterSeconds));
                return;
            case IngestOutcome::Status::Overloaded:
            case IngestOutcome::Status::Failed:
                call->answer(
                    retryable(grpc::StatusCode::UNAVAILABLE, outcome.error, outcome.retryAfterSeconds));
                return;
            }
        });
}

} // namespace

struct OtlpGrpcReceiver::Private
{
    Private(IngestPipeline &p, Limits l, std::shared_ptr<const AccessControl> a)
        : pipeline(p)
        , limits(l)
        , access(std::move(a))
    { }

    IngestPipeline &pipeline;
    Limits limits;
    std::shared_ptr<const AccessControl> access;
    std::unique_ptr<TraceService> service;
    std::unique_ptr<grpc::Server> server;
    quint16 port = 0;
};

OtlpGrpcReceiver::OtlpGrpcReceiver(IngestPipeline &pipeline, Limits limits, std::shared_ptr<const AccessControl> access)
    : d(std::make_unique<Private>(pipeline, limits, std::move(access)))
{ }

OtlpGrpcReceiver::~OtlpGrpcReceiver()
{
    stop();
}

bool OtlpGrpcReceiver::start(const QString &address, quint16 port, QString *error)
{
    QHostAddress host;
    if (!host.setAddress(address)) {
        *error = QStringLiteral("'%1' is not an IP address").arg(address);
        return false;
    }
    const QString hostPort
        = (host.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address + u']' : address) + u':'
        + QString::number(port);

    d->service = std::make_unique<TraceService>(d->pipeline, d->limits, d->access);
    grpc::ServerBuilder builder;
    int selectedPort = 0;
    std::shared_ptr<grpc::ServerCredentials> credentials = grpc::InsecureServerCredentials();
    if (!d->limits.tlsCertificateChain.isEmpty() && !d->limits.tlsPrivateKey.isEmpty()) {
        grpc::SslServerCredentialsOptions tls(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
        tls.pem_key_cert_pairs.push_back(
            { d->limits.tlsPrivateKey.toStdString(), d->limits.tlsCertificateChain.toStdString() });
        credentials = grpc::SslServerCredentials(tls);
    }
    builder.AddListeningPort(toStd(hostPort), credentials, &selectedPort);
    builder.RegisterService(d->service.get());
    builder.SetMaxReceiveMessageSize(int(std::min<qint64>(d->limits.maxMessageBytes, INT_MAX)));
    // gRPC sets SO_REUSEPORT by default, so a second server on a taken port would "succeed" and
    // share it. A port in use must be an error like on every other listener.
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
    d->server = builder.BuildAndStart();
    if (!d->server || selectedPort == 0) {
        *error = QStringLiteral("cannot listen on %1 (in use, or not an address of this host)").arg(hostPort);
        d->server.reset();
        d->service.reset();
        return false;
    }
    d->port = quint16(selectedPort);
    return true;
}

quint16 OtlpGrpcReceiver::port() const
{
    return d->port;
}

void OtlpGrpcReceiver::stop()
{
    if (!d->server)
        return;
    // New calls are refused at once; in-flight ones get the grace to commit, then OnCancel
    // answers them. Shutdown() returns when gRPC is done with every call.
    d->server->Shutdown(std::chrono::system_clock::now() + d->limits.shutdownGrace);
    d->service->drain();
    d->server.reset();
    d->service.reset();
    d->port = 0;
}

} // namespace spanlight
