#pragma once

#include "core/span.h"

#include <QByteArrayView>
#include <QString>

namespace spanlight {

// The trace file formats the console imports.
enum class TraceFileFormat {
    Unknown,
    OtlpJson, // one ExportTraceServiceRequest in JSON ({"resourceSpans": [...]})
    OtlpJsonLines, // one request per line, as the OpenTelemetry Collector's file exporter writes
    ZipkinJson, // a Zipkin v2 JSON array of spans
    JaegerJson, // the Jaeger UI's export ({"data": [{"traceID", "spans", "processes"}]})
};

// "OTLP JSON", "OTLP JSON lines", "Zipkin v2 JSON", "Jaeger JSON", "unknown format".
QString traceFileFormatName(TraceFileFormat format);

// Files larger than this are refused before they are read: the decoded spans take several
// times the file's size in memory.
constexpr qint64 kMaxTraceFileBytes = 256 * 1024 * 1024;

// What decoding a trace file produced. `format` is what the content looked like, also when
// decoding failed; `error` then says which format that was, what is wrong and where ("Jaeger
// JSON: data[0].spans[2].startTime: not an integer", "OTLP JSON lines, line 3: invalid JSON at
// column 17: unterminated string").
struct TraceFileDecode
{
    TraceFileFormat format = TraceFileFormat::Unknown;
    SpanBatch batch; // spans with unusable ids or times are counted in rejectedSpans
    QString error;
    bool ok() const { return error.isEmpty(); }
};

// Detects the format of `bytes` (a UTF-8 BOM and leading blanks are skipped) and decodes it
// with that protocol's decoder: the collector's OTLP JSON and Zipkin v2 JSON decoders and the
// Jaeger JSON one, so a file's spans are the spans the same payload sent to a receiver gives.
TraceFileDecode decodeTraceFile(QByteArrayView bytes);

// Reads and decodes the file at `path`; a missing, unreadable or oversized (over `maxBytes`)
// file is an error saying so.
TraceFileDecode readTraceFile(const QString &path, qint64 maxBytes = kMaxTraceFileBytes);

} // namespace spanlight
