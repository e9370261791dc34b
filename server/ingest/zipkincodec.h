#pragma once

#include "ingest/otlpcodec.h" // DecodeResult

#include <QByteArray>
#include <QByteArrayView>

class QJsonDocument;

namespace spanlight {

// Zipkin v2 span decoders (the bodies of POST /api/v2/spans). Both formats are read into one
// intermediate form and mapped onto spanlight::Span by the same function, so JSON and protobuf
// spans come out identical. The mapping (docs/ingest.md has the full table):
//
// - ids: 64-bit trace ids are left-padded with zeros to 16 bytes; span ids are 8 bytes. In JSON,
//   ids shorter than 16 (or 32) hex digits are left-padded as Zipkin's own server does; either
//   case is read. An all-zero parentId means "no parent".
// - times: microseconds -> nanoseconds; start = timestamp * 1000, end = start + duration * 1000
//   (no duration: end = start). A fractional JSON number is truncated to whole microseconds.
//   A span without a timestamp is rejected (counted, with the reason).
// - kind: CLIENT/SERVER/PRODUCER/CONSUMER map to the OTLP kinds; an absent kind means a local
//   span and becomes INTERNAL (the OpenTelemetry Zipkin exporters write INTERNAL as absent).
//   An unknown kind rejects the span.
// - localEndpoint.serviceName -> Span::serviceName and the resource attribute service.name
//   ("unknown_service" and no resource attribute when absent). Its address and port become the
//   span attributes network.local.address / network.local.port: Zipkin reports them per span
//   (a client's port differs from span to span), and keeping them off the resource lets every
//   span of a service share one resource.
// - remoteEndpoint -> span attributes peer.service, network.peer.address (ipv4 when both are
//   given, else ipv6), network.peer.port. A tag of the same name wins over the endpoint.
// - tags -> string attributes (numbers and booleans, which some clients send, as their JSON
//   text). Tags that become another field are consumed, not kept as attributes:
//     error                      -> status ERROR, its value the status message (empty still
//                                   means error)
//     otel.status_code           -> ERROR / OK (case-insensitive); other values stay attributes
//     otel.status_description    -> the status message of an ERROR span (preferred over `error`)
//     otel.scope.name / .version -> the instrumentation scope (also the older otel.library.*);
//                                   without them the scope is empty
//     otel.dropped_{attributes,events,links}_count -> the dropped counts (when a valid count)
// - annotations -> events (time us -> ns, name = value, no attributes).
// - debug: true -> attribute zipkin.debug = true (the sampler, when it lands, keeps such spans).
// - shared: true marks the server half of an RPC whose span id the client half also uses. The
//   store keys spans on (trace id, span id), so the server half gets a derived id
//   (zipkinSharedSpanId()), the shared id as its parent (the client half), and the attribute
//   zipkin.shared_span_id = the shared id in hex. The client half is kept as sent.
//   Children that name the shared id as parent therefore hang under the client half.
//
// Errors: a body that is not valid JSON or protobuf, or a field of the wrong JSON type, is an
// error (-> 400) naming the place ("spans[2].tags.http.url: not a string"). Bad ids, a missing
// timestamp, an unknown kind or an out-of-range value reject that span only.
DecodeResult decodeZipkinJson(QByteArrayView body);
DecodeResult decodeZipkinJsonDocument(const QJsonDocument &document); // already parsed
DecodeResult decodeZipkinProtobuf(QByteArrayView body);

// The span id given to the server half of a shared span: the first 8 bytes of
// SHA-256(trace id (16 bytes) || span id (8 bytes) || "shared"), never all zero. Deterministic,
// so a retried export produces the same id and the store drops the duplicate.
QByteArray zipkinSharedSpanId(const QByteArray &traceId, const QByteArray &spanId);

// Spans as a Zipkin v2 JSON array (for forwarding to ZIPKIN_ENDPOINT): the mapping above in
// reverse, times in microseconds, attributes as string tags, ERROR as the `error` tag, events as
// annotations (their attributes are lost: Zipkin annotations have none), and a shared server
// half (zipkin.shared_span_id) sent again under the shared id with `shared: true`.
QByteArray encodeZipkinJson(const QList<Span> &spans);

} // namespace spanlight
