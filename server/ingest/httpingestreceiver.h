#pragma once

#include "core/accesscontrol.h"
#include "ingest/otlpcodec.h"
#include "ingest/pipeline.h"
#include "http/httptypes.h"

#include <QThreadPool>

#include <functional>
#include <memory>

namespace spanlight {

// One body format a protocol accepts, by media type.
struct IngestFormat
{
    QList<QByteArray> mediaTypes; // e.g. {"application/x-protobuf", "application/protobuf"}
    std::function<DecodeResult(QByteArrayView)> decode;
};

// What distinguishes one HTTP ingest protocol (OTLP/HTTP, Zipkin, Jaeger) from another.
// `format` is an index into `formats`, or -1 when the request named none we accept.
struct IngestProtocol
{
    QString name; // "OTLP/HTTP"
    QString path; // "/v1/traces"
    IngestProtocolId id = IngestProtocolId::Other; // for the per-protocol metrics
    QList<IngestFormat> formats;
    std::function<HttpResponse(const IngestOutcome &outcome, int format)> accepted;
    std::function<HttpResponse(int httpStatus, const QString &message, int format)> refused;
};

// An HTTP receiver: checks path, method, media type and Content-Encoding, decodes on its own
// pool (never on the listener's thread), hands the spans to the pipeline and answers only
// after they are committed. Every protocol on HTTP shares this one path.
class HttpIngestReceiver
{
public:
    // With `access`, every request needs a token that may ingest (ingest or admin role); without,
    // ingest is open (a loopback-only server).
    HttpIngestReceiver(IngestProtocol protocol, IngestPipeline &pipeline, qint64 maxDecodedBytes,
                       std::shared_ptr<const AccessControl> access = {});
    ~HttpIngestReceiver();

    void handle(HttpRequest &&request, HttpRespond respond);
    HttpHandler handler()
    {
        return [this](HttpRequest &&r, HttpRespond respond) { handle(std::move(r), std::move(respond)); };
    }

private:
    void refuse(const HttpRespond &respond, int status, const QString &message, int format,
                const HttpHeaders &extra = {});

    IngestProtocol m_protocol;
    IngestPipeline &m_pipeline;
    qint64 m_maxDecodedBytes;
    std::shared_ptr<const AccessControl> m_access;
    QThreadPool m_pool;
};

// The OTLP/HTTP protocol: POST /v1/traces, protobuf or JSON, answers in the request's encoding.
IngestProtocol otlpHttpProtocol();

// Jaeger's collector endpoint: POST /api/traces with a Thrift binary Batch; answers 202 with an
// empty body as Jaeger does, errors in the API's JSON shape {"error": {"code", "message"}}.
IngestProtocol jaegerProtocol();

} // namespace spanlight
