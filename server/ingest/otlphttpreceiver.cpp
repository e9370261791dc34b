#include "otlphttpreceiver.h"

#include "otlpcodec.h"
#include "pipeline.h"

#include <QtConcurrent>

namespace spanlight {

namespace {

// google.rpc.Code values used in OTLP/HTTP error bodies.
constexpr int kRpcInvalidArgument = 3;
constexpr int kRpcUnavailable = 14;
constexpr int kRpcUnimplemented = 12;
constexpr int kRpcInternal = 13;

HttpResponse statusResponse(int httpStatus, int rpcCode, const QString &message, bool json)
{
    HttpResponse r;
    r.status = httpStatus;
    r.contentType = json ? "application/json" : "application/x-protobuf";
    r.body = json ? encodeRpcStatusJson(rpcCode, message) : encodeRpcStatusProtobuf(rpcCode, message);
    return r;
}

} // namespace

OtlpHttpReceiver::OtlpHttpReceiver(IngestPipeline &pipeline, qint64 maxDecodedBytes)
    : m_pipeline(pipeline), m_maxDecodedBytes(maxDecodedBytes)
{
    m_pool.setObjectName(QStringLiteral("otlp-decode"));
    m_pool.setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
}

OtlpHttpReceiver::~OtlpHttpReceiver()
{
    m_pool.waitForDone();
}

void OtlpHttpReceiver::handle(HttpRequest &&request, HttpRespond respond)
{
    IngestCounters &counters = m_pipeline.counters();
    ++counters.requests;
    const QByteArray type = request.mediaType();
    const bool json = type == "application/json";
    if (request.path != u"/v1/traces") {
        ++counters.requestsRejected;
        respond(statusResponse(404, kRpcUnimplemented,
                               QStringLiteral("no such endpoint %1; OTLP/HTTP traces go to POST /v1/traces").arg(request.path),
                               json));
        return;
    }
    if (request.method != "POST") {
        ++counters.requestsRejected;
        HttpResponse r = statusResponse(405, kRpcUnimplemented, QStringLiteral("use POST for /v1/traces"), json);
        r.addHeader("Allow", "POST");
        respond(std::move(r));
        return;
    }
    if (!json && type != "application/x-protobuf" && type != "application/protobuf") {
        ++counters.requestsRejected;
        respond(statusResponse(415, kRpcInvalidArgument,
                               QStringLiteral("unsupported Content-Type '%1'; use application/x-protobuf or application/json")
                                   .arg(QString::fromLatin1(request.header("content-type"))),
                               false));
        return;
    }
    const QByteArray encoding = request.header("content-encoding").trimmed().toLower();
    if (!encoding.isEmpty() && encoding != "gzip" && encoding != "identity") {
        ++counters.requestsRejected;
        respond(statusResponse(415, kRpcInvalidArgument,
                               QStringLiteral("unsupported Content-Encoding '%1'; use gzip or none")
                                   .arg(QString::fromLatin1(encoding)),
                               json));
        return;
    }
    m_pool.start([this, body = std::move(request.body), gzip = encoding == "gzip", json,
                                respond = std::move(respond)]() mutable {
        IngestCounters &counters = m_pipeline.counters();
        QByteArray plain;
        if (gzip) {
            QString error;
            auto inflated = gunzip(body, m_maxDecodedBytes, &error);
            if (!inflated) {
                ++counters.requestsRejected;
                const bool tooLarge = error.contains(QLatin1String("exceeds"));
                respond(statusResponse(tooLarge ? 413 : 400, kRpcInvalidArgument, error, json));
                return;
            }
            plain = std::move(*inflated);
        } else {
            plain = std::move(body);
        }
        DecodeResult decoded = json ? decodeOtlpJson(plain) : decodeOtlpProtobuf(plain);
        plain.clear();
        if (!decoded.ok()) {
            ++counters.requestsRejected;
            respond(statusResponse(400, kRpcInvalidArgument, decoded.error, json));
            return;
        }
        m_pipeline.submit(std::move(decoded.batch))
            .then(QtFuture::Launch::Sync, [json, respond](const IngestOutcome &outcome) {
                if (outcome.status == IngestOutcome::Status::Committed) {
                    HttpResponse r;
                    r.contentType = json ? "application/json" : "application/x-protobuf";
                    r.body = json ? encodeOtlpResponseJson(outcome.rejectedSpans, outcome.rejectMessage)
                                  : encodeOtlpResponseProtobuf(outcome.rejectedSpans, outcome.rejectMessage);
                    respond(std::move(r));
                    return;
                }
                const bool overloaded = outcome.status == IngestOutcome::Status::Overloaded;
                HttpResponse r = statusResponse(503, overloaded ? kRpcUnavailable : kRpcInternal, outcome.error, json);
                r.addHeader("Retry-After", overloaded ? "1" : "5");
                respond(std::move(r));
            });
    });
}

} // namespace spanlight
