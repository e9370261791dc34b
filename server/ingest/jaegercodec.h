#pragma once

#include "core/span.h"
#include "ingest/otlpcodec.h" // DecodeResult

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

class QJsonDocument;

namespace spanlight {

// A jaeger.thrift Batch in the Thrift binary protocol: the body Jaeger clients POST to
// /api/traces. A body that is not a well-formed Batch (truncated, wrong field types, missing
// required fields, containers larger than the body, nesting past the limit) is an error
// naming the place ("Batch.spans[3].tags[1]: truncated at byte 812"); spans with unusable
// ids or times are counted in batch.rejectedSpans. The mapping is in docs/ingest.md.
DecodeResult decodeJaegerThrift(QByteArrayView body);

// The JSON the Jaeger UI exports ("Download JSON"; also its query API's answer):
// {"data":[{"traceID", "spans":[{traceID, spanID, operationName, references:[{refType, traceID,
// spanID}], startTime, duration (µs), tags:[{key, type, value}], logs:[{timestamp, fields}],
// processID, warnings}], "processes":{"p1":{serviceName, tags}}}]}. Mapped as the Thrift spans
// are (the same code), plus `warnings` as the attribute jaeger.warnings. A wrong JSON type, a
// missing required field or a processID without a process is an error naming the place
// ("data[0].spans[2].startTime: not an integer"); ids that are not hex reject that span only.
DecodeResult decodeJaegerJson(QByteArrayView body);
DecodeResult decodeJaegerJsonDocument(const QJsonDocument &document); // already parsed

// Encodes spans as Jaeger Batches, one per resource (a Batch has one Process). Used by tests
// and the load generator. Decoding gives the spans back where Jaeger can carry them: times
// are whole microseconds, bytes attributes (base64 strings) and arrays/objects (written as
// JSON text) come back as strings, links keep only ids and `jaeger.ref_type`, and dropped
// counts, trace state and scope attributes are not written.
QList<QByteArray> encodeJaegerThrift(const QList<Span> &spans);

} // namespace spanlight
