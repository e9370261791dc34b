#pragma once

#include "core/span.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace spanlight {

// What decoding one request body produced: either a batch (possibly with rejected spans,
// for partial_success) or, when the body as a whole cannot be decoded, an error -> HTTP 400.
struct DecodeResult
{
    SpanBatch batch;
    QString error; // non-empty: the body is not a valid request; says where and why
    bool ok() const { return error.isEmpty(); }
};

// OTLP ExportTraceServiceRequest in protobuf binary.
DecodeResult decodeOtlpProtobuf(QByteArrayView body);

// OTLP/JSON (hex trace/span ids, int64 as strings or numbers, enums as ints, lowerCamelCase
// or snake_case field names as the spec allows).
DecodeResult decodeOtlpJson(QByteArrayView body);

// ExportTraceServiceResponse; partial_success is set when rejectedSpans > 0 or a message is given.
QByteArray encodeOtlpResponseProtobuf(qint64 rejectedSpans, const QString &errorMessage);
QByteArray encodeOtlpResponseJson(qint64 rejectedSpans, const QString &errorMessage);

// The google.rpc.Status body OTLP/HTTP sends with a 4xx/5xx (code per google.rpc.Code).
QByteArray encodeRpcStatusProtobuf(int code, const QString &message);
QByteArray encodeRpcStatusJson(int code, const QString &message);

// Inflates a gzip (or zlib) stream. Fails with a reason when the data is corrupt or would
// inflate past `maxOutput` bytes (gzip bombs).
std::optional<QByteArray> gunzip(QByteArrayView data, qint64 maxOutput, QString *error);

// Encodes spans as an ExportTraceServiceRequest (groups by resource and scope); used by the
// benchmark's load generator, by tests and by the console's "export as OTLP JSON".
QByteArray encodeOtlpProtobuf(const QList<Span> &spans);
QByteArray encodeOtlpJson(const QList<Span> &spans);

} // namespace spanlight
