#pragma once

// Pieces the protobuf and the JSON codec share, so both map OTLP onto spanlight::Span the
// same way. Internal to spanlight_ingest.

#include "core/span.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace spanlight::otlp {

// service.name from resource attributes; "unknown_service" when absent, empty or not a string.
QString serviceNameOf(const QJsonObject &resourceAttributes);

// Resource attributes as the encoders write them: the span's own, plus service.name from
// Span::serviceName when the attributes lack it (spans built by hand often set only that).
QJsonObject resourceAttributesFor(const Span &span);

// Spans of one instrumentation scope within a resource, as indexes into the input list.
struct ScopeGroup
{
    QList<qsizetype> spans;
};

// Spans of one resource, split by scope; order is first appearance, so encoding is stable.
struct ResourceGroup
{
    QJsonObject resourceAttributes;
    QList<ScopeGroup> scopes;
};

// Groups spans by (resource attributes) and then by (scope name, version, attributes).
QList<ResourceGroup> groupSpans(const QList<Span> &spans);

// Checks the decoder-level invariants validateSpan() does not cover (an OTLP status code
// outside 0..2). Returns a rejection reason or an empty string.
QString checkDecodedSpan(const Span &span);

// Moves a span into the batch, or counts it as rejected when checkDecodedSpan() objects.
void appendDecodedSpan(SpanBatch &batch, Span &&span);

// Records one rejected span with a reason (deduplicated as validateBatch() does).
void rejectSpan(SpanBatch &batch, const QString &reason);

} // namespace spanlight::otlp
