#pragma once

#include "ingest/tracefile.h"

#include <QByteArray>
#include <QString>

namespace spanlight {

class IngestPipeline;

// What importing one trace file did.
struct TraceImportResult
{
    QString path;
    TraceFileFormat format = TraceFileFormat::Unknown;
    QString error; // empty: every span the pipeline accepted is committed
    qint64 spans = 0; // committed (also those committed before a later failure)
    qint64 traces = 0; // distinct trace ids among them
    qint64 rejectedSpans = 0; // by the decoder, validation or the span limits
    qint64 sampledOutSpans = 0; // dropped by TRACE_SAMPLING_RATE
    QString rejectMessage; // why spans were rejected
    QByteArray firstTraceId; // the trace of the first committed span, in file order
    bool ok() const { return error.isEmpty(); }
};

// Reads, decodes and submits a trace file through `pipeline`, the collector's own path
// (validation, limits, sampling, the rate limit, the writer's queue), in parts of at most
// MAX_SPANS_PER_REQUEST spans, and waits for each part's commit. When the pipeline asks to
// retry (rate limit, queue full) it waits as told, up to a minute in all. Blocks: run it on a
// thread that may wait, never on the GUI thread or the store's writer.
TraceImportResult importTraceFile(IngestPipeline &pipeline, const QString &path);

// The same for spans already decoded (a file's).
TraceImportResult importTraceBatch(IngestPipeline &pipeline, SpanBatch batch);

} // namespace spanlight
