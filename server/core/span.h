#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace spanlight {

// OTLP span kind numbers; Zipkin and Jaeger kinds map onto these.
enum class SpanKind : int { Unspecified = 0, Internal = 1, Server = 2, Client = 3, Producer = 4, Consumer = 5 };

// OTLP status codes.
enum class StatusCode : int { Unset = 0, Ok = 1, Error = 2 };

QString spanKindName(SpanKind kind); // "server", "client", ... ("unspecified" for 0)
QString statusCodeName(StatusCode code); // "unset", "ok", "error"

// An event (OTLP event, Zipkin annotation, Jaeger log).
struct SpanEvent
{
    qint64 timeUnixNano = 0;
    QString name;
    QJsonObject attributes; // OTLP AnyValue mapped to JSON: string, bool, int64, double, array, object; bytes as base64
    quint32 droppedAttributesCount = 0;

    bool operator==(const SpanEvent &) const = default;
};

struct SpanLink
{
    QByteArray traceId; // 16 bytes
    QByteArray spanId; // 8 bytes
    QString traceState;
    QJsonObject attributes;
    quint32 droppedAttributesCount = 0;
    quint32 flags = 0;

    bool operator==(const SpanLink &) const = default;
};

// One span in the protocol-neutral model every receiver normalises into.
// Ids are raw bytes; times are Unix nanoseconds. Resource and scope data are
// carried per span (QJsonObject is implicitly shared, so spans of one resource
// share one copy in memory).
struct Span
{
    QByteArray traceId; // 16 bytes
    QByteArray spanId; // 8 bytes
    QByteArray parentSpanId; // empty for a root span, else 8 bytes
    QString traceState;
    quint32 flags = 0;
    QString name;
    SpanKind kind = SpanKind::Unspecified;
    qint64 startTimeUnixNano = 0;
    qint64 endTimeUnixNano = 0;
    QJsonObject attributes;
    quint32 droppedAttributesCount = 0;
    QList<SpanEvent> events;
    quint32 droppedEventsCount = 0;
    QList<SpanLink> links;
    quint32 droppedLinksCount = 0;
    StatusCode statusCode = StatusCode::Unset;
    QString statusMessage;

    QString serviceName; // resource attribute service.name ("unknown_service" when absent, as the OTel spec says)
    QJsonObject resourceAttributes;
    QString scopeName;
    QString scopeVersion;
    QJsonObject scopeAttributes;

    qint64 durationNano() const { return endTimeUnixNano - startTimeUnixNano; }
    bool isRoot() const { return parentSpanId.isEmpty(); }
    bool operator==(const Span &) const = default;
};

// What a decoder produced from one request.
// The protocol a batch came in by, for the per-protocol metrics.
enum class IngestProtocolId : int { OtlpHttp = 0, OtlpGrpc = 1, Zipkin = 2, Jaeger = 3, Other = 4 };
constexpr int kIngestProtocolCount = 5;
const char *ingestProtocolLabel(IngestProtocolId id); // "otlp_http", "otlp_grpc", "zipkin", "jaeger", "other"

struct SpanBatch
{
    IngestProtocolId protocol = IngestProtocolId::Other;
    QString sender; // the client's address ("127.0.0.1"), for the ingest-health table
    QList<Span> spans;
    qint64 rejectedSpans = 0; // spans dropped by decoding or validation
    QStringList rejectReasons; // one line per reason, deduplicated, for partial_success.error_message
};

// Checks one span for the invariants the store relies on. Returns an empty string when
// the span is valid, else a short reason ("span_id must be 8 bytes", ...).
QString validateSpan(const Span &span);

// Drops invalid spans from a batch, counting and explaining each rejection.
void validateBatch(SpanBatch &batch);

} // namespace spanlight

namespace spanlight {

// An attribute value as text: strings as they are, integers exactly, doubles in their shortest
// exact form, booleans as true/false, arrays and maps as compact JSON, null as empty. The API's
// string-valued tags, Zipkin tags and the console all show values this way.
QString attributeText(const QJsonValue &value);

// True when the span failed: OTLP status ERROR (Zipkin's `error` tag and Jaeger's
// `error=true` are mapped to ERROR by their decoders).
bool isErrorSpan(const Span &span);

// True for an event that describes an exception: OTel's `exception` event, or any event
// carrying exception.* attributes (decoders add them to Jaeger error logs and Zipkin-style
// annotations whose name is their own).
bool isExceptionEvent(const SpanEvent &event);

// True when a failed span failed by timing out: a deadline-exceeded gRPC status, HTTP 504/408,
// or an exception type / status message naming a timeout.
bool isTimeoutError(const Span &span);

// The external system an outgoing (CLIENT or PRODUCER) span calls, for the dependency graph
// when no instrumented child span shows the callee: the first of `peer.service`;
// `db.system` + ":" + `db.name` (or `db.namespace`), or `db.system` alone; `messaging.system` +
// ":" + `messaging.destination.name` (or `messaging.destination`), or the system alone;
// `server.address`; `net.peer.name`. Empty for other kinds and when none is set.
QString externalTarget(const Span &span);

} // namespace spanlight
