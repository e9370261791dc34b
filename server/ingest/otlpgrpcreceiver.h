#pragma once

#include "core/accesscontrol.h"
#include "ingest/pipeline.h"

#include <QByteArray>
#include <QString>

#include <chrono>
#include <memory>

namespace spanlight {

// The OTLP/gRPC receiver: TraceService/Export on gRPC's callback API. A call holds no thread
// while it waits: gRPC hands the request to our decode pool, the spans go to the pipeline, and
// the pipeline's continuation (after the commit) finishes the call. Statuses follow the OTLP
// spec: OK (with partial_success), INVALID_ARGUMENT, RESOURCE_EXHAUSTED (rate limit, or a message
// over the size limit) and UNAVAILABLE, the retryable ones with a google.rpc.RetryInfo detail.
class OtlpGrpcReceiver
{
public:
    struct Limits
    {
        qint64 maxMessageBytes = 16 * 1024 * 1024; // after decompression; larger -> RESOURCE_EXHAUSTED
        int maxConcurrentCalls = 64; // calls in flight beyond this get UNAVAILABLE
        std::chrono::milliseconds shutdownGrace
            = std::chrono::seconds(5); // then in-flight calls are cancelled
        // PEM; both set: the port speaks TLS (no client certificate requested).
        QByteArray tlsCertificateChain;
        QByteArray tlsPrivateKey;
    };

    // With `access`, every call needs `authorization: Bearer <token>` metadata of a token that may
    // ingest (UNAUTHENTICATED / PERMISSION_DENIED otherwise); without, ingest is open.
    OtlpGrpcReceiver(IngestPipeline &pipeline, Limits limits, std::shared_ptr<const AccessControl> access = {});
    ~OtlpGrpcReceiver(); // stop()

    // `address` is an IP address; port 0 picks a free port. On failure returns false with a reason.
    bool start(const QString &address, quint16 port, QString *error);
    quint16 port() const; // the bound port, 0 when not listening
    // Stops accepting calls, lets in-flight ones finish (within shutdownGrace, then cancels them)
    // and returns once gRPC is done with every call. Idempotent.
    void stop();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace spanlight
