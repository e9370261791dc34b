#pragma once

#include "core/span.h"

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QThread>
#include <QUrl>

#include <atomic>
#include <functional>

namespace spanlight {

// One HTTP request a forwarder sends.
struct ForwardRequest
{
    QUrl url;
    QByteArray contentType;
    QByteArray body;
};

// Turns committed spans into the requests of one protocol (Jaeger sends one per service).
using ForwardEncoder = std::function<QList<ForwardRequest>(const QList<Span> &spans)>;

// The outcome of one send through a transport other than HTTP.
struct ForwardResult
{
    bool ok = false;
    bool retryable = true;
    QString why;
};

struct ForwarderOptions
{
    QString name; // "jaeger", "zipkin", "opentelemetry": the /health dependency name
    QUrl endpoint; // probed for reachability
    ForwardEncoder encode;
    // Sends one request and waits for the answer (on the forwarder's thread); when unset, the
    // request is an HTTP POST. OTLP/gRPC forwarding sets it.
    std::function<ForwardResult(const ForwardRequest &)> sendBlocking;
    int queueBatches = 1024; // committed batches waiting; more are dropped and counted
    int maxSpansPerSend = 5000;
    int maxAttempts = 6; // per batch, then it is dropped and counted
    int initialBackoffMs = 250;
    int maxBackoffMs = 30000;
    int breakerFailures = 5; // consecutive failures that open the circuit
    int breakerOpenMs = 15000; // how long it stays open before one trial send
    int timeoutMs = 10000;
    int probeIntervalMs = 10000; // how often an idle forwarder checks the endpoint
};

struct ForwarderStats
{
    std::atomic<qint64> spansSent = 0;
    std::atomic<qint64> spansDropped = 0; // queue full, refused (4xx) or out of attempts
    std::atomic<qint64> sendFailures = 0;
    std::atomic<qint64> retries = 0;
    std::atomic<bool> circuitOpen = false;
    std::atomic<bool> reachable = false; // the last contact (send or probe) succeeded
};

// Forwards committed spans to another collector from a bounded queue, on its own thread,
// with retries, exponential backoff and a circuit breaker. enqueue() never blocks: ingest
// never waits for forwarding.
class Forwarder : public QObject
{
    Q_OBJECT
public:
    explicit Forwarder(ForwarderOptions options);
    ~Forwarder() override;

    void start();
    void stop(); // gives in-flight sends a moment, then drops what is queued

    void enqueue(const QList<Span> &spans); // thread-safe
    const ForwarderStats &stats() const { return m_stats; }
    bool reachable() const { return m_stats.reachable && !m_stats.circuitOpen; }
    QString name() const { return m_options.name; }
    qsizetype queuedBatches() const;

private:
    class Worker;
    ForwarderOptions m_options;
    ForwarderStats m_stats;
    mutable QMutex m_mutex;
    QList<QList<Span>> m_queue;
    QThread m_thread;
    Worker *m_worker = nullptr;
};

// Encoders for the three forwarding protocols. The OTLP endpoint is a base URL: /v1/traces is
// appended unless the path already ends with it (as OTEL_EXPORTER_OTLP_ENDPOINT means).
ForwardEncoder otlpHttpForwardEncoder(const QUrl &endpoint);
QUrl otlpTracesUrl(const QUrl &endpoint);
ForwardEncoder jaegerThriftForwardEncoder(const QUrl &endpoint); // one Batch per service
ForwardEncoder zipkinJsonForwardEncoder(const QUrl &endpoint); // ZIPKIN_ENDPOINT is the full URL

// OTLP/gRPC forwarding (an OTEL_EXPORTER_OTLP_ENDPOINT on port 4317 or with a grpc scheme):
// the request body is an ExportTraceServiceRequest, sent by TraceService/Export, gzip-compressed.
ForwardEncoder otlpGrpcForwardEncoder();
std::function<ForwardResult(const ForwardRequest &)> otlpGrpcSender(const QUrl &endpoint, int timeoutMs);
bool isOtlpGrpcEndpoint(const QUrl &endpoint);


} // namespace spanlight
