#pragma once

#include "core/span.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>
#include <optional>

class QJsonDocument;

namespace google::protobuf::io {
class ZeroCopyInputStream;
}
namespace opentelemetry::proto::collector::trace::v1 {
class ExportTraceServiceRequest;
}

namespace spanlight {

// What decoding one request body produced: either a batch (possibly with rejected spans,
// for partial_success) or, when the body as a whole cannot be decoded, an error -> HTTP 400.
struct DecodeResult
{
    SpanBatch batch;
    QString error; // non-empty: the body is not a valid request; says where and why
    bool ok() const { return error.isEmpty(); }
};

// OTLP ExportTraceServiceRequest in protobuf binary. A body protobuf refuses gives an error
// naming the place ("invalid protobuf: resource_spans[0].scope_spans[0].spans[2].name: string is
// not valid UTF-8 at byte 123"); spans with bad ids or times are counted in batch.rejectedSpans.
DecodeResult decodeOtlpProtobuf(QByteArrayView body);

// The same for a body in pieces (gRPC's slices), parsed without first copying it into one
// block. Only when protobuf refuses the body is `contiguous` called for it in one piece, so the
// error can name the place.
DecodeResult decodeOtlpProtobufStream(google::protobuf::io::ZeroCopyInputStream *body,
                                      const std::function<QByteArray()> &contiguous);

// The mapping both protobuf decoders apply after parsing: spans grouped by resource
// and scope become spanlight::Span, validated, with rejected spans counted.
SpanBatch decodeOtlpRequest(const opentelemetry::proto::collector::trace::v1::ExportTraceServiceRequest &request);

// OTLP/JSON (hex trace/span ids, int64 as strings or numbers, enums as ints, lowerCamelCase
// or snake_case field names as the spec allows). Wrong JSON types are an error with a path
// ("resourceSpans[0].scopeSpans[1].spans[3].startTimeUnixNano: not an integer"); a span with an
// id that is not hex of the right length is rejected and counted, not an error.
DecodeResult decodeOtlpJson(QByteArrayView body);
DecodeResult decodeOtlpJsonDocument(const QJsonDocument &document); // already parsed

// ExportTraceServiceResponse; partial_success is set when rejectedSpans > 0 or a message is given.
QByteArray encodeOtlpResponseProtobuf(qint64 rejectedSpans, const QString &errorMessage);
QByteArray encodeOtlpResponseJson(qint64 rejectedSpans, const QString &errorMessage);

// The google.rpc.Status body OTLP/HTTP sends with a 4xx/5xx (code per google.rpc.Code). With
// retryDelaySeconds > 0 it carries a google.rpc.RetryInfo detail (OTLP/gRPC's
// grpc-status-details-bin for retryable errors).
QByteArray encodeRpcStatusProtobuf(int code, const QString &message, int retryDelaySeconds = 0);
QByteArray encodeRpcStatusJson(int code, const QString &message);

// Inflates a gzip (or zlib) stream. Fails with a reason when the data is corrupt or would
// inflate past `maxOutput` bytes (gzip bombs).
std::optional<QByteArray> gunzip(QByteArrayView data, qint64 maxOutput, QString *error);

// Encodes spans as an ExportTraceServiceRequest (groups by resource and scope); used by the
// benchmark's load generator, by tests and by the console's "export as OTLP JSON".
// Decoding the result gives the same spans (grouped: spans of one resource and scope end up
// next to each other). What the model cannot tell apart is written one way: bytes attributes
// (held as base64 strings) as strings, integral doubles (Qt keeps them as integers) as ints.
// A span whose resourceAttributes lack service.name gets one from serviceName, so spans built
// with only serviceName set keep it across the wire.
QByteArray encodeOtlpProtobuf(const QList<Span> &spans);
QByteArray encodeOtlpJson(const QList<Span> &spans);

} // namespace spanlight
