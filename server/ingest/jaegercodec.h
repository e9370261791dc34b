#pragma once

#include "core/span.h"
#include "ingest/otlpcodec.h" // DecodeResult

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace spanlight {

// A jaeger.thrift Batch in the Thrift binary protocol: the body Jaeger clients POST to
// /api/traces. A body that is not a well-formed Batch (truncated, wrong field types, missing
// required fields, containers larger than the body, nesting past the limit) is an error
// naming the place ("Batch.spans[3].tags[1]: truncated at byte 812"); spans with unusable
// ids or times are counted in batch.rejectedSpans. The mapping is in docs/ingest.md.
DecodeResult decodeJaegerThrift(QByteArrayView body);

// Encodes spans as Jaeger Batches, one per resource (a Batch has one Process). Used by tests
// and the load generator. Decoding gives the spans back where Jaeger can carry them: times
// are whole microseconds, bytes attributes (base64 strings) and arrays/objects (written as
// JSON text) come back as strings, links keep only ids and `jaeger.ref_type`, and dropped
// counts, trace state and scope attributes are not written.
QList<QByteArray> encodeJaegerThrift(const QList<Span> &spans);

} // namespace spanlight
