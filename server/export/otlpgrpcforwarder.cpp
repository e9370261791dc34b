// OTLP/gRPC forwarding: the one transport of the forwarder that is not an HTTP POST.
#include "forwarder.h"

#include "ingest/otlpcodec.h"

#include "opentelemetry/proto/collector/trace/v1/trace_service.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <chrono>

namespace spanlight {

namespace otlpcollector = opentelemetry::proto::collector::trace::v1;

bool isOtlpGrpcEndpoint(const QUrl &endpoint)
{
    return endpoint.port() == 4317 || endpoint.scheme() == u"grpc";
}

ForwardEncoder otlpGrpcForwardEncoder()
{
    return [](const QList<Span> &spans) {
        return QList<ForwardRequest>{{QUrl(), "application/x-protobuf", encodeOtlpProtobuf(spans)}};
    };
}

std::function<ForwardResult(const ForwardRequest &)> otlpGrpcSender(const QUrl &endpoint, int timeoutMs)
{
    const std::string target = QStringLiteral("%1:%2").arg(endpoint.host()).arg(endpoint.port(4317)).toStdString();
    auto stub = std::shared_ptr<otlpcollector::TraceService::Stub>(
        otlpcollector::TraceService::NewStub(grpc::CreateChannel(target, grpc::InsecureChannelCredentials())));
    return [stub, timeoutMs](const ForwardRequest &r) {
        ForwardResult result;
        otlpcollector::ExportTraceServiceRequest request;
        if (!request.ParseFromArray(r.body.constData(), int(r.body.size()))) {
            result.retryable = false;
            result.why = QStringLiteral("could not re-read the request");
            return result;
        }
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(timeoutMs));
        context.set_compression_algorithm(GRPC_COMPRESS_GZIP);
        otlpcollector::ExportTraceServiceResponse response;
        const grpc::Status status = stub->Export(&context, request, &response);
        result.ok = status.ok();
        // Per the OTLP spec these codes are worth retrying; the others are not.
        switch (status.error_code()) {
        case grpc::StatusCode::CANCELLED:
        case grpc::StatusCode::DEADLINE_EXCEEDED:
        case grpc::StatusCode::RESOURCE_EXHAUSTED:
        case grpc::StatusCode::ABORTED:
        case grpc::StatusCode::OUT_OF_RANGE:
        case grpc::StatusCode::UNAVAILABLE:
        case grpc::StatusCode::DATA_LOSS:
            result.retryable = true;
            break;
        default:
            result.retryable = false;
        }
        if (!result.ok)
            result.why = QStringLiteral("gRPC status %1: %2")
                             .arg(int(status.error_code()))
                             .arg(QString::fromStdString(status.error_message()));
        return result;
    };
}

} // namespace spanlight
