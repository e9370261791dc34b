#include "httpingestreceiver.h"

#include "jaegercodec.h"

#include <QElapsedTimer>

namespace spanlight {

HttpIngestReceiver::HttpIngestReceiver(IngestProtocol protocol, IngestPipeline &pipeline, qint64 maxDecodedBytes,
                                       std::shared_ptr<const AccessControl> access)
    : m_protocol(std::move(protocol)), m_pipeline(pipeline), m_maxDecodedBytes(maxDecodedBytes),
      m_access(std::move(access))
{
    m_pool.setObjectName(m_protocol.name + QStringLiteral(" decode"));
    m_pool.setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
}

HttpIngestReceiver::~HttpIngestReceiver()
{
    m_pool.waitForDone();
}

void HttpIngestReceiver::refuse(const HttpRespond &respond, int status, const QString &message, int format,
                                const HttpHeaders &extra)
{
    HttpResponse r = m_protocol.refused(status, message, format);
    r.headers += extra;
    respond(std::move(r));
}

void HttpIngestReceiver::handle(HttpRequest &&request, HttpRespond respond)
{
    IngestCounters &counters = m_pipeline.counters();
    ++counters.requests;
    // Every path below answers exactly once through `respond`: timing it there covers refusals
    // as well as commits.
    QElapsedTimer timer;
    timer.start();
    respond = [respond = std::move(respond), timer,
               &duration = counters.requestDurationByProtocol[size_t(m_protocol.id)]](HttpResponse &&r) {
        duration.record(timer.nsecsElapsed());
        respond(std::move(r));
    };
    const QByteArray type = request.mediaType();
    int format = -1;
    for (int i = 0; i < m_protocol.formats.size() && format < 0; ++i)
        if (m_protocol.formats[i].mediaTypes.contains(type))
            format = i;

    const QString peer = request.peer.toString();
    const auto refused = [this, &peer](RequestRefusal reason, const QString &message) {
        m_pipeline.senders().refused(m_protocol.id, peer, reason, message);
        return message;
    };
    if (request.path != m_protocol.path) {
        ++counters.requestsRejected;
        refuse(respond, 404,
               refused(RequestRefusal::Unsupported,
                       QStringLiteral("no such endpoint %1; %2 spans go to POST %3")
                           .arg(request.path, m_protocol.name, m_protocol.path)),
               format);
        return;
    }
    if (m_access) {
        const AccessCheck check = m_access->check(request.header("authorization"), Permission::Ingest);
        if (!check.allowed()) {
            ++counters.requestsUnauthorized;
            m_access->report(check, QStringLiteral("ingest ") + m_protocol.name, peer);
            refused(RequestRefusal::Unauthorized, check.message);
            HttpHeaders extra;
            if (check.httpStatus() == 401)
                extra.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer realm=\"spanlight\"")));
            refuse(respond, check.httpStatus(), check.message, format, extra);
            return;
        }
    }
    if (request.method != "POST") {
        ++counters.requestsRejected;
        refuse(respond, 405, refused(RequestRefusal::Unsupported, QStringLiteral("use POST for %1").arg(m_protocol.path)),
               format, {{"Allow", "POST"}});
        return;
    }
    if (format < 0) {
        ++counters.requestsRejected;
        QStringList accepted;
        for (const IngestFormat &f : std::as_const(m_protocol.formats))
            accepted.append(QString::fromLatin1(f.mediaTypes.first()));
        refuse(respond, 415,
               refused(RequestRefusal::Unsupported,
                       QStringLiteral("unsupported Content-Type '%1'; use %2")
                           .arg(QString::fromLatin1(request.header("content-type")), accepted.join(QStringLiteral(" or ")))),
               format);
        return;
    }
    const QByteArray encoding = request.header("content-encoding").trimmed().toLower();
    if (!encoding.isEmpty() && encoding != "gzip" && encoding != "identity") {
        ++counters.requestsRejected;
        refuse(respond, 415,
               refused(RequestRefusal::Unsupported,
                       QStringLiteral("unsupported Content-Encoding '%1'; use gzip or none").arg(QString::fromLatin1(encoding))),
               format);
        return;
    }
    m_pool.start([this, body = std::move(request.body), gzip = encoding == "gzip", format, respond, peer]() mutable {
        IngestCounters &counters = m_pipeline.counters();
        if (gzip) {
            QString error;
            auto inflated = gunzip(body, m_maxDecodedBytes, &error);
            if (!inflated) {
                ++counters.requestsRejected;
                const bool tooLarge = error.contains(QLatin1String("exceeds"));
                m_pipeline.senders().refused(m_protocol.id, peer,
                    tooLarge ? RequestRefusal::TooLarge : RequestRefusal::Malformed, error);
                refuse(respond, tooLarge ? 413 : 400, error, format);
                return;
            }
            body = std::move(*inflated);
        }
        DecodeResult decoded = m_protocol.formats[format].decode(body);
        body.clear();
        if (!decoded.ok()) {
            ++counters.requestsRejected;
            m_pipeline.senders().refused(m_protocol.id, peer, RequestRefusal::Malformed, decoded.error);
            refuse(respond, 400, decoded.error, format);
            return;
        }
        decoded.batch.protocol = m_protocol.id;
        decoded.batch.sender = peer;
        m_pipeline.submit(std::move(decoded.batch)).then(QtFuture::Launch::Sync, [this, format, respond](const IngestOutcome &outcome) {
            switch (outcome.status) {
            case IngestOutcome::Status::Committed:
                respond(m_protocol.accepted(outcome, format));
                return;
            case IngestOutcome::Status::RateLimited:
            case IngestOutcome::Status::Overloaded:
            case IngestOutcome::Status::Failed:
                refuse(respond, outcome.status == IngestOutcome::Status::RateLimited ? 429 : 503, outcome.error, format,
                       {{"Retry-After", QByteArray::number(outcome.retryAfterSeconds)}});
                return;
            }
        });
    });
}

IngestProtocol otlpHttpProtocol()
{
    // google.rpc.Code values of the error bodies OTLP/HTTP sends with a 4xx/5xx.
    constexpr int kInvalidArgument = 3;
    constexpr int kUnimplemented = 12;
    constexpr int kPermissionDenied = 7;
    constexpr int kUnauthenticated = 16;
    constexpr int kUnavailable = 14;
    constexpr int kJson = 1;
    IngestProtocol p;
    p.name = QStringLiteral("OTLP/HTTP");
    p.path = QStringLiteral("/v1/traces");
    p.id = IngestProtocolId::OtlpHttp;
    p.formats = {{{"application/x-protobuf", "application/protobuf"}, &decodeOtlpProtobuf},
                 {{"application/json"}, &decodeOtlpJson}};
    p.accepted = [](const IngestOutcome &outcome, int format) {
        HttpResponse r;
        if (format == kJson) {
            r.contentType = "application/json";
            r.body = encodeOtlpResponseJson(outcome.rejectedSpans, outcome.rejectMessage);
        } else {
            r.contentType = "application/x-protobuf";
            r.body = encodeOtlpResponseProtobuf(outcome.rejectedSpans, outcome.rejectMessage);
        }
        return r;
    };
    p.refused = [](int status, const QString &message, int format) {
        const int code = status == 404 || status == 405 ? kUnimplemented
            : status == 503 || status == 429            ? kUnavailable
            : status == 401                             ? kUnauthenticated
            : status == 403                             ? kPermissionDenied
                                                        : kInvalidArgument;
        HttpResponse r;
        r.status = status;
        if (format == kJson) {
            r.contentType = "application/json";
            r.body = encodeRpcStatusJson(code, message);
        } else {
            r.contentType = "application/x-protobuf";
            r.body = encodeRpcStatusProtobuf(code, message);
        }
        return r;
    };
    return p;
}

IngestProtocol jaegerProtocol()
{
    IngestProtocol p;
    p.name = QStringLiteral("Jaeger");
    p.path = QStringLiteral("/api/traces");
    p.id = IngestProtocolId::Jaeger;
    p.formats = {{{"application/x-thrift", "application/vnd.apache.thrift.binary"}, &decodeJaegerThrift}};
    p.accepted = [](const IngestOutcome &, int) {
        HttpResponse r;
        r.status = 202;
        return r;
    };
    p.refused = [](int status, const QString &message, int) {
        const char *code = status == 400 ? "invalid_body"
            : status == 401              ? "unauthorized"
            : status == 403              ? "forbidden"
            : status == 404              ? "not_found"
            : status == 405              ? "method_not_allowed"
            : status == 413              ? "payload_too_large"
            : status == 415              ? "unsupported_media_type"
            : status == 429              ? "rate_limited"
                                         : "unavailable";
        return HttpResponse::error(status, QLatin1String(code), message);
    };
    return p;
}

} // namespace spanlight
